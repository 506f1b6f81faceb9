"""Load the nightly export into `raw.*`: every table repaired, typed, and every record accounted for.

The work is split where each tool is fastest, and the two halves overlap on two cores: a Python thread
inflates (with ISA-L) the `.TSV` members of the zip one after the other and passes their bytes through
`clean.FileCleaner` (clean lines untouched, defective ones repaired or rejected) into part files of clean
text; meanwhile the main thread has DuckDB load each finished part into the typed table with one set-based
`INSERT ... SELECT` from its CSV reader, which parses amounts and dates itself, while the macros of
`sql/raw_casts.sql` trim text and read flags and integers. The rare rows the reader cannot type take a
slower path through the macros alone, which keep every unreadable value's text. No table is ever held whole
in Python memory: only a few parts exist at once, on disk.

Everything runs inside one `stage_run` transaction: the tables are dropped and rebuilt there, so a load
that fails anywhere (a corrupt member, a header that does not match the registry) rolls back and leaves
the previous `raw.*` tables, their accounting and the load's meta records exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import struct
import tempfile
import threading
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath

import duckdb
from isal import isal_zlib

from calaccess import meta, progress
from calaccess.errors import CalaccessError, ParseError, SourceError
from calaccess.raw.clean import CleanReport, FileCleaner
from calaccess.raw.tables import TABLES, Column, Table, quote_identifier, table_for_file
from calaccess.settings import Settings

log = logging.getLogger(__name__)

STAGE = "load"
#: Clean text is handed to DuckDB in parts of about this size: big enough for its parallel reader and to
#: make the per-statement cost small, small enough that the parts on disk stay a few hundred MB.
PART_BYTES = 96 * 1024 * 1024
READ_BYTES = 4 * 1024 * 1024
#: Parts the cleaner may finish ahead of DuckDB: it races ahead while DuckDB types a big table, and DuckDB
#: then finds the small tables that follow ready. Bounded, so the disk holds a few hundred MB at most.
QUEUED_PARTS = 4
_CASTS = {
    "text": "raw_text",
    "integer": "raw_integer",
    "bigint": "raw_bigint",
    "decimal": "raw_decimal",
    "date": "raw_date",
    "timestamp": "raw_timestamp",
    "boolean": "raw_boolean",
}


@dataclass(frozen=True)
class TableLoad:
    """What happened to one table: records in the source, loaded, repaired, set aside, values not typed."""

    name: str
    source_file: str
    records: int
    loaded: int
    repaired: int
    rejected: int
    cast_failures: int
    blank_lines: int
    bytes_read: int
    elapsed_s: float
    typed_by_macros: int = 0  # records DuckDB's reader could not type, typed by the SQL macros instead
    repair_kinds: dict[str, int] = field(default_factory=dict)
    reject_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def note(self) -> str:
        """One line for the accounting: what was repaired and set aside, and why."""
        parts: list[str] = []
        if self.repair_kinds:
            kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.repair_kinds.items()))
            parts.append(f"repaired: {kinds}")
        if self.reject_reasons:
            reasons = "; ".join(f"{count}× {reason}" for reason, count in sorted(self.reject_reasons.items()))
            parts.append(f"set aside: {reasons}")
        if self.cast_failures:
            parts.append(f"{self.cast_failures} value(s) unreadable as their type (meta.raw_cast_failure)")
        if self.blank_lines:
            parts.append(f"{self.blank_lines} blank line(s) skipped")
        return "; ".join(parts)


@dataclass(frozen=True)
class LoadResult:
    """The accounting of one load, per table, with the totals a user checks first."""

    source: str
    tables: tuple[TableLoad, ...]
    elapsed_s: float

    @property
    def records(self) -> int:
        return sum(table.records for table in self.tables)

    @property
    def loaded(self) -> int:
        return sum(table.loaded for table in self.tables)

    @property
    def repaired(self) -> int:
        return sum(table.repaired for table in self.tables)

    @property
    def rejected(self) -> int:
        return sum(table.rejected for table in self.tables)

    @property
    def cast_failures(self) -> int:
        return sum(table.cast_failures for table in self.tables)

    @property
    def typed_by_macros(self) -> int:
        return sum(table.typed_by_macros for table in self.tables)

    @property
    def bytes_read(self) -> int:
        return sum(table.bytes_read for table in self.tables)

    def table(self, name: str) -> TableLoad:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)


def zip_to_load(settings: Settings, zip_path: Path | None) -> Path:
    """The zip given, else the newest good snapshot that `calaccess download` kept."""
    if zip_path is not None:
        return zip_path
    from calaccess.raw.source import latest_snapshot

    latest = latest_snapshot(settings)
    if latest is None:
        raise SourceError(
            f"no snapshot under {settings.snapshots_dir}; run `calaccess download` or pass --zip"
        )
    return latest


def load(con: duckdb.DuckDBPyConnection, zip_path: Path, *, part_bytes: int = PART_BYTES) -> LoadResult:
    """Load every table of the export zip into `raw.*`, replacing what was there, in one transaction."""
    zip_path = Path(zip_path)
    started = time.perf_counter()
    source = f"{zip_path.name} sha256:{_sha256(zip_path)}"
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as error:
        raise SourceError(f"{zip_path}: not a readable zip ({error})") from error
    with archive, tempfile.TemporaryDirectory(prefix="calaccess-load-") as folder:
        members, unknown = _members_by_table(archive, zip_path)
        loads: list[TableLoad] = []
        # One thread cleans the members in table order while DuckDB loads what it has cleaned already.
        in_order = [members[table.name] for table in TABLES.values() if table.name in members]
        producer = _Producer(archive, in_order, Path(folder), part_bytes)
        with meta.stage_run(con, STAGE, source=source) as run:
            _refuse_incomplete(members, zip_path)
            _prepare(con)
            for name in unknown:
                run.find(
                    "unknown_file",
                    name,
                    "a .TSV that is not one of the 80 tables of the registry: not loaded",
                )
            producer.start()
            try:
                for table in TABLES.values():
                    con.execute(f"DROP TABLE IF EXISTS raw.{quote_identifier(table.name)}")
                    con.execute(table.create_sql("raw"))
                    loaded = _load_table(con, run, producer, members[table.name], table, zip_path)
                    run.account(
                        table.name,
                        rows_in=loaded.records,
                        rows_out=loaded.loaded,
                        rows_repaired=loaded.repaired,
                        rows_set_aside=loaded.rejected,
                        note=loaded.note or None,
                    )
                    loads.append(loaded)
            finally:
                producer.finish()
    return LoadResult(source, tuple(loads), time.perf_counter() - started)


def _sha256(path: Path) -> str:
    """The zip's sha256, from the snapshot manifest beside it when there is one (hashing 800 MB costs)."""
    manifest = path.parent / "manifest.json"
    if manifest.is_file():
        try:
            recorded = json.loads(manifest.read_text())
            if int(recorded["bytes"]) == path.stat().st_size:
                return str(recorded["sha256"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while block := file.read(READ_BYTES):
                digest.update(block)
    except OSError as error:
        raise SourceError(f"{path}: cannot read the export zip ({error})") from error
    return digest.hexdigest()


def _refuse_incomplete(members: dict[str, zipfile.ZipInfo], zip_path: Path) -> None:
    """Every export holds a file for each of the 80 tables (empty ones too): a zip that lacks some is not one.

    Loading it would replace the missing tables with empty ones, so it is refused before anything changes.
    """
    missing = [table.source_file for table in TABLES.values() if table.name not in members]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise SourceError(
            f"{zip_path}: not a complete export: {len(missing)} of the {len(TABLES)} tables have no .TSV "
            f"file ({shown}); nothing was loaded"
        )


def _members_by_table(
    archive: zipfile.ZipFile, zip_path: Path
) -> tuple[dict[str, zipfile.ZipInfo], list[str]]:
    """Every `.TSV` at any depth, by table; unknown names listed apart; a table found twice is an error."""
    members: dict[str, zipfile.ZipInfo] = {}
    unknown: list[str] = []
    for info in archive.infolist():
        if info.is_dir() or PurePosixPath(info.filename).suffix.upper() != ".TSV":
            continue
        try:
            table = table_for_file(info.filename)
        except ParseError:
            unknown.append(info.filename)
            continue
        if table.name in members:
            raise SourceError(
                f"{zip_path}: two files for table {table.name}: "
                f"{members[table.name].filename} and {info.filename}"
            )
        members[table.name] = info
    return members, unknown


def _prepare(con: duckdb.DuckDBPyConnection) -> None:
    """The cast macros and the load's meta tables, emptied: this load replaces every record in them."""
    for name in ("raw_casts.sql", "raw_load_meta.sql"):
        con.execute(_sql(name))
    for table in ("raw_reject", "raw_repair", "raw_cast_failure"):
        con.execute(f"DELETE FROM meta.{table}")


def _sql(name: str) -> str:
    return resources.files("calaccess.raw").joinpath("sql", name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class _Part:
    """A file of clean text ready for DuckDB: which member it comes from, its records, source bytes."""

    member: str
    path: Path
    rows: int
    bytes_in: int


@dataclass(frozen=True)
class _MemberDone:
    """The end of one member: what cleaning it found."""

    member: str
    report: CleanReport


class _Producer(threading.Thread):
    """Inflate and clean the members in order into part files, handing each finished part to the loader.

    At most QUEUED_PARTS + 2 parts exist at once: one loading, the queued ones, one being written.
    """

    def __init__(
        self, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], folder: Path, part_bytes: int
    ) -> None:
        super().__init__(name="calaccess clean", daemon=True)
        self.archive = archive
        self.members = members
        self.folder = folder
        self.part_bytes = part_bytes
        self.items: queue.Queue[_Part | _MemberDone | BaseException] = queue.Queue(maxsize=QUEUED_PARTS)
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            for number, member in enumerate(self.members):
                if self.stop.is_set():
                    return
                table = table_for_file(member.filename)
                cleaner = FileCleaner(
                    member.filename,
                    [column.source_name for column in table.columns],
                    [column.type for column in table.columns],
                )
                self._clean(member, cleaner, number)
                self._put(_MemberDone(member.filename, cleaner.report))
        except BaseException as error:  # handed to the loader, which raises it in the main thread
            self._put(error)

    def _put(self, item: _Part | _MemberDone | BaseException) -> None:
        while not self.stop.is_set():
            try:
                self.items.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _chunks(self, member: zipfile.ZipInfo, counter: list[int]) -> Iterator[bytes]:
        for chunk in inflate_member(self.archive, member):
            if self.stop.is_set():
                return
            counter[0] += len(chunk)
            yield chunk

    def _clean(self, member: zipfile.ZipInfo, cleaner: FileCleaner, number: int) -> None:
        bytes_read = [0]
        part = rows = bytes_written = reported_bytes = 0
        path = self.folder / f"{number}-{part}.tsv"
        file = path.open("wb")
        try:
            for block in cleaner.clean(self._chunks(member, bytes_read)):
                file.write(block)
                bytes_written += len(block)
                rows += block.count(b"\n")
                if bytes_written >= self.part_bytes:
                    file.close()
                    self._put(_Part(member.filename, path, rows, bytes_read[0] - reported_bytes))
                    rows = bytes_written = 0
                    reported_bytes = bytes_read[0]
                    part += 1
                    path = self.folder / f"{number}-{part}.tsv"
                    file = path.open("wb")
        finally:
            file.close()
        self._put(_Part(member.filename, path, rows, bytes_read[0] - reported_bytes))

    def next_item(self) -> _Part | _MemberDone:
        item = self.items.get()
        if isinstance(item, BaseException):
            raise item
        return item

    def finish(self) -> None:
        """Stop early if the load failed, and wait for the thread."""
        self.stop.set()
        self.join()


def inflate_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes, inflated by ISA-L (over twice zlib's speed), CRC and size checked as zipfile does.

    Inflating the export is a fifth of the load's work; members not deflated are left to zipfile.
    """
    if member.compress_type != zipfile.ZIP_DEFLATED or archive.filename is None:
        with archive.open(member) as stream:
            while chunk := stream.read(READ_BYTES):
                yield chunk
        return
    with Path(archive.filename).open("rb") as file:
        file.seek(member.header_offset)
        header = file.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"no local header for {member.filename}")
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        file.seek(member.header_offset + 30 + name_length + extra_length)
        inflater = isal_zlib.decompressobj(-15)
        remaining, crc, size = member.compress_size, 0, 0
        while remaining:
            compressed = file.read(min(remaining, READ_BYTES // 4))  # about READ_BYTES once inflated
            if not compressed:
                raise zipfile.BadZipFile(f"{member.filename} is cut short")
            remaining -= len(compressed)
            chunk = inflater.decompress(compressed)
            crc, size = isal_zlib.crc32(chunk, crc), size + len(chunk)
            if chunk:
                yield chunk
        chunk = inflater.flush()
        crc, size = isal_zlib.crc32(chunk, crc), size + len(chunk)
        if chunk:
            yield chunk
    if crc != member.CRC or size != member.file_size:
        raise zipfile.BadZipFile(f"Bad CRC-32 or size for file {member.filename!r}")


def _load_table(
    con: duckdb.DuckDBPyConnection,
    run: meta.Run,
    producer: _Producer,
    member: zipfile.ZipInfo,
    table: Table,
    zip_path: Path,
) -> TableLoad:
    """Type the cleaned parts of one member into raw.<table>, as the producer finishes them."""
    started = time.perf_counter()
    where = f"{zip_path.name}: {member.filename}"
    sql = _TableSql(table)
    loaded = cast_failures = typed_by_macros = 0
    with progress.task(f"load {table.name}", total=member.file_size, unit="bytes") as advance:
        while True:
            try:
                item = producer.next_item()
            except BaseException as error:
                converted = _as_project_error(error, where)
                if converted is error:
                    raise
                raise converted from error
            if isinstance(item, _MemberDone):
                report = item.report
                break
            if item.rows:
                counts = _load_part(con, sql, item, where, run.run_id)
                loaded += counts.loaded
                cast_failures += counts.cast_failures
                typed_by_macros += counts.typed_by_macros
            item.path.unlink(missing_ok=True)
            advance(item.bytes_in)
    if loaded != report.written:
        raise ParseError(
            f"DuckDB read {loaded} records where {report.written} were written clean", path=where
        )
    _record(con, run, table, member.filename, report)
    return TableLoad(
        name=table.name,
        source_file=member.filename,
        records=report.records,
        loaded=loaded,
        repaired=len(report.repairs),
        rejected=len(report.rejects),
        cast_failures=cast_failures,
        blank_lines=report.blank_lines,
        bytes_read=member.file_size,
        elapsed_s=time.perf_counter() - started,
        typed_by_macros=typed_by_macros,
        repair_kinds=dict(Counter(kind for repair in report.repairs for kind in repair.kinds)),
        reject_reasons=dict(Counter(_reason_kind(reject.reason) for reject in report.rejects)),
    )


def _reason_kind(reason: str) -> str:
    """The reason without its numbers, so the accounting can count alike reasons together."""
    if "tab(s) too many" in reason:
        return "too many tabs, no readable merge"
    if "followed by" in reason:
        return "short record that the next line does not complete"
    if "does not complete" in reason:
        return "short record that the next line does not complete"
    return reason


# The stubs declare isal's error as an instance; it is the exception class inflating raises.
_ISAL_ERROR: type[Exception] = isal_zlib.error  # type: ignore[assignment]


def _as_project_error(error: BaseException, where: str) -> BaseException:
    if isinstance(error, (CalaccessError, KeyboardInterrupt)):
        return error
    if isinstance(error, (zipfile.BadZipFile, zlib.error, _ISAL_ERROR, EOFError)):
        return SourceError(f"{where}: the zip member is corrupt ({error}); nothing was loaded")
    if isinstance(error, OSError):
        return SourceError(f"{where}: cannot read ({error})")
    return error


# How DuckDB's CSV reader itself reads each registry type on the fast path: dates and timestamps in the
# one format each file writes them (sniffed from its first lines); flags as text, since the reader knows
# Y/N but not the X of a ticked box; integers as text too, since the reader rounds "1.5" to 2 where we
# want it kept as an unreadable value.
_READER_TYPES = {
    "text": "VARCHAR",
    "integer": "VARCHAR",
    "bigint": "VARCHAR",
    "decimal": "DECIMAL(16,2)",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "boolean": "VARCHAR",
}
_FAST_EXPRESSIONS = {
    "text": "raw_text({})",
    "integer": "fast_integer({})",
    "bigint": "fast_bigint({})",
    "boolean": "fast_boolean({})",
}
_CSV_OPTIONS = (
    "delim = '\t', quote = '', escape = '', header = false, auto_detect = false, strict_mode = true, "
    "null_padding = false"
)


class _TableSql:
    """The SQL that loads one part of a table; generated from the registry, the rules in raw_casts.sql.

    Fast path: DuckDB's CSV reader parses amounts and dates itself and sets aside (in a temp rejects table)
    the rows where one does not parse; flags and integers are read as text and typed by the macros, and a
    row where one of those does not read is left out too. Slow path, for the rows left out only (none, in
    the common case, so the part is read once): they are read as text and typed by the macros, which turn
    an unreadable value into NULL and keep its text in meta.raw_cast_failure.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self.formats: dict[str, str] | None = None  # dateformat and timestampformat, from the first part
        positions = [f"c{index}" for index in range(len(table.columns))]
        pairs = list(zip(table.columns, positions, strict=True))
        target = f"raw.{quote_identifier(table.name)}"
        typed_columns = ", ".join(f"'{p}': '{_READER_TYPES[column.type]}'" for column, p in pairs)
        text_columns = ", ".join(f"'{p}': 'VARCHAR'" for p in positions)
        self.read_text = f"read_csv($path, columns = {{{text_columns}}}, {_CSV_OPTIONS})"
        fast = ", ".join(_FAST_EXPRESSIONS.get(column.type, "{}").format(p) for column, p in pairs)
        by_macro = [(c, p) for c, p in pairs if c.type in ("boolean", "integer", "bigint")]
        readable = " AND ".join(f"fast_readable({p}, fast_{c.type}({p}))" for c, p in by_macro) or "true"
        self.fast_insert = (
            f"INSERT INTO {target} SELECT {fast} FROM read_csv($path, columns = {{{typed_columns}}}, "
            f"{_CSV_OPTIONS}, dateformat = $dateformat, timestampformat = $timestampformat, "
            "ignore_errors = true, store_rejects = true, rejects_table = 'raw_load_rejects', "
            f"rejects_scan = 'raw_load_scans') WHERE {readable}"
        )
        self.rejected_lines = (
            "SELECT line, any_value(csv_line) FROM raw_load_rejects GROUP BY line ORDER BY line"
        )
        # The rows left out: those the reader set aside whose flags and integers read (so not counted
        # twice), then those whose flags or integers do not read.
        self.collect_rejected = (
            f"CREATE OR REPLACE TEMP TABLE raw_load_part AS SELECT * FROM {self.read_text} WHERE {readable}"
        )
        self.collect_unreadable = (
            f"INSERT INTO raw_load_part SELECT * FROM {self.read_text} WHERE NOT ({readable})"
        )
        self.part_rows = "SELECT count(*) FROM raw_load_part"
        casts = ", ".join(f"{_CASTS[column.type]}({p})" for column, p in pairs)
        self.slow_insert = f"INSERT INTO {target} SELECT {casts} FROM raw_load_part"
        if table.natural_key:
            key_parts = [
                f"'{name}=' || coalesce(c{table.column_names.index(name)}, '')" for name in table.natural_key
            ]
            record = f"concat_ws(', ', {', '.join(key_parts)})"
        else:
            record = f"concat_ws(chr(9), {', '.join(f'coalesce({p}, {chr(39) * 2})' for p in positions)})"
        self.slow_failures = self._failures(
            [(c, p) for c, p in pairs if c.type != "text"], record, "raw_load_part"
        )

    @staticmethod
    def _failures(pairs: list[tuple[Column, str]], record: str, source: str) -> str | None:
        """Insert into meta.raw_cast_failure one row per value of these columns that does not read."""
        if not pairs:
            return None
        readable = " AND ".join(f"raw_readable({p}, {_CASTS[column.type]}({p}))" for column, p in pairs)
        values = ", ".join(f"{{'column_name': '{column.name}', 'raw_value': {p}}}" for column, p in pairs)
        checks = " OR ".join(
            f"(failure.column_name = '{column.name}' AND NOT raw_readable(failure.raw_value, "
            f"{_CASTS[column.type]}(failure.raw_value)))"
            for column, p in pairs
        )
        return (
            "INSERT INTO meta.raw_cast_failure "
            "SELECT $table, failure.column_name, failure.raw_value, record, $run_id FROM ("
            f"SELECT {record} AS record, unnest([{values}]) AS failure FROM {source} WHERE NOT ({readable})"
            f") WHERE {checks}"
        )


_DATE_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def _sniff_formats(path: Path, table: Table) -> dict[str, str]:
    """The format of the first date and timestamp values of a part (the export writes one per file).

    Values in another format are not lost: the reader sets their rows aside for the macros, which read
    every format in _DATE_FORMATS.
    """
    with path.open("rb") as file:
        head = file.read(1 << 20).decode("utf-8", errors="replace").splitlines()[:-1]
    found: dict[str, str] = {}
    for kind, parameter in (("date", "dateformat"), ("timestamp", "timestampformat")):
        indexes = [index for index, column in enumerate(table.columns) if column.type == kind]
        values = (fields[index].strip() for line in head for index in indexes if (fields := line.split("\t")))
        first = next((value for value in values if value), "")
        if first.endswith(("AM", "PM")):
            found[parameter] = _DATE_FORMATS[0]
        elif "/" in first:
            found[parameter] = _DATE_FORMATS[1] if ":" in first else _DATE_FORMATS[2]
        elif "-" in first:
            found[parameter] = _DATE_FORMATS[3] if ":" in first else _DATE_FORMATS[4]
        else:
            found[parameter] = _DATE_FORMATS[0]
    return found


@dataclass(frozen=True)
class _PartCounts:
    loaded: int
    cast_failures: int
    typed_by_macros: int


def _load_part(
    con: duckdb.DuckDBPyConnection, sql: _TableSql, part: _Part, where: str, run_id: int
) -> _PartCounts:
    """Load one part: typed by the reader, the rows it cannot type by the macros; check the count."""
    parameters = {"table": sql.table.name, "run_id": run_id}
    if sql.formats is None:
        sql.formats = _sniff_formats(part.path, sql.table)
    try:
        row = con.execute(sql.fast_insert, {"path": str(part.path), **sql.formats}).fetchone()
        loaded = int(row[0]) if row else 0
        failures = slow_rows = 0
        if loaded < part.rows:
            rejected: list[tuple[int, str]] = con.execute(sql.rejected_lines).fetchall()
            con.execute("DELETE FROM raw_load_rejects")
            rejected_path = part.path.with_suffix(".rejected.tsv")
            rejected_path.write_bytes(
                b"".join(text.rstrip("\r").encode("utf-8") + b"\n" for _, text in rejected)
            )
            con.execute(sql.collect_rejected, {"path": str(rejected_path)})
            rejected_path.unlink()
            counted = con.execute(sql.part_rows).fetchone()
            if loaded + (int(counted[0]) if counted else 0) < part.rows:
                con.execute(sql.collect_unreadable, {"path": str(part.path)})
            row = con.execute(sql.slow_insert).fetchone()
            slow_rows = int(row[0]) if row else 0
            loaded += slow_rows
            if sql.slow_failures is not None:
                row = con.execute(sql.slow_failures, parameters).fetchone()
                failures = int(row[0]) if row else 0
    except duckdb.Error as error:
        raise ParseError(f"DuckDB could not load the cleaned text: {error}", path=where) from error
    if loaded != part.rows:
        raise ParseError(
            f"DuckDB loaded {loaded} records of a part where {part.rows} were written", path=where
        )
    return _PartCounts(loaded, failures, slow_rows)


def _record(
    con: duckdb.DuckDBPyConnection, run: meta.Run, table: Table, source_file: str, report: CleanReport
) -> None:
    """Keep every repair and reject of the table in meta, with the line where the record starts."""
    # Lists passed whole and unnested: one statement, however many records (executemany is row by row).
    insert = (
        "INSERT INTO meta.{} SELECT $table, $file, unnest($lines), unnest($texts), unnest($details), $run_id"
    )
    common = {"table": table.name, "file": source_file, "run_id": run.run_id}
    if report.repairs:
        con.execute(
            insert.format("raw_repair"),
            {
                **common,
                "lines": [repair.line for repair in report.repairs],
                "texts": [",".join(repair.kinds) for repair in report.repairs],
                "details": [repair.detail for repair in report.repairs],
            },
        )
    if report.rejects:
        con.execute(
            insert.format("raw_reject"),
            {
                **common,
                "lines": [reject.line for reject in report.rejects],
                "texts": [reject.raw_text for reject in report.rejects],
                "details": [reject.reason for reject in report.rejects],
            },
        )
