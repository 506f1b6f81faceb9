"""Load the nightly export into `raw.*`: every table repaired, typed, and every record accounted for.

The work is split where each tool is fastest, and the two halves overlap on two cores: a Python thread
inflates (with ISA-L) the `.TSV` members of the zip one after the other and passes their bytes through
`clean.FileCleaner` (clean lines untouched, defective ones repaired or rejected) into one file of clean
text per table; meanwhile the main thread has DuckDB load each finished file into the typed table with one
set-based `INSERT ... SELECT` from its CSV reader, which parses dates itself, while the macros of
`sql/raw_casts.sql` trim text and read flags, integers and amounts. The rare rows that do not read on this
path take a slower one through the macros alone, which keep every unreadable value's text. No table is
ever held whole in Python memory: it passes through in chunks of a few MB, to disk.

One statement per table, not one per slice of it: every statement leaves a part-filled row group behind,
and DuckDB's checkpoint rewrites those to merge them, which cost a full-size load 28 s when tables came in
96 MB slices. The cleaner is about twice DuckDB's speed, so it runs ahead, by at most AHEAD_BYTES of
clean text waiting on disk, and DuckDB finds each table ready when it gets to it. That text waits in a
folder beside the database, locked by the load while it lives: a load killed outright cannot remove
it, so the next load removes every such folder that no live load holds.

Everything runs inside one `stage_run` transaction: the tables are dropped and rebuilt there, so a load
that fails anywhere (a corrupt member, a header that does not match the registry) rolls back and leaves
the previous `raw.*` tables, their accounting and the load's meta records exactly as they were.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import struct
import tempfile
import threading
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import duckdb
from isal import isal_zlib

from calaccess import meta, progress
from calaccess.errors import CalaccessError, ParseError, SourceError
from calaccess.raw.clean import CleanReport, FileCleaner
from calaccess.raw.tables import DATE_FORMATS, TABLES, Column, Table, date_pattern, table_for_file
from calaccess.settings import Settings
from calaccess.tables import insert, quote_literal

log = logging.getLogger(__name__)

STAGE = "load"
READ_BYTES = 4 * 1024 * 1024
#: How much clean text the cleaner may leave waiting for DuckDB before it starts on another table. Enough
#: for it to have the biggest table (RCPT_CD, 1.7 GB of the 5 GB export) ready before DuckDB gets there;
#: the temporary folder (beside the database) holds at most this plus the table being cleaned.
AHEAD_BYTES = 2 * 1024 * 1024 * 1024
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


_TOTALS = ("records", "loaded", "repaired", "rejected", "cast_failures", "typed_by_macros", "bytes_read")


@dataclass(frozen=True)
class LoadResult:
    """The accounting of one load, per table, with the totals a user checks first."""

    source: str
    tables: tuple[TableLoad, ...]
    elapsed_s: float
    # The totals over the tables (_TOTALS), one per count of TableLoad.
    records: int = field(init=False)
    loaded: int = field(init=False)
    repaired: int = field(init=False)
    rejected: int = field(init=False)
    cast_failures: int = field(init=False)
    typed_by_macros: int = field(init=False)
    bytes_read: int = field(init=False)

    def __post_init__(self) -> None:
        for total in _TOTALS:
            object.__setattr__(self, total, sum(getattr(table, total) for table in self.tables))

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


def load(con: duckdb.DuckDBPyConnection, zip_path: Path, *, ahead_bytes: int = AHEAD_BYTES) -> LoadResult:
    """Load every table of the export zip into `raw.*`, replacing what was there, in one transaction."""
    zip_path = Path(zip_path)
    started = time.perf_counter()
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as error:
        raise SourceError(f"{zip_path}: not a readable zip ({error})") from error
    # The zip's hash names what was loaded; it is worked out beside the load rather than before it.
    fingerprint = _Fingerprint(zip_path)
    fingerprint.start()
    with archive, clean_text_folder(_beside(con)) as folder:
        members, unknown = _members_by_table(archive, zip_path)
        loads: list[TableLoad] = []
        # One thread cleans the members in table order while DuckDB loads what it has cleaned already.
        in_order = [members[table.name] for table in TABLES.values() if table.name in members]
        producer = _Producer(archive, in_order, folder, ahead_bytes)
        try:
            with meta.stage_run(con, STAGE, source=zip_path.name) as run:
                _refuse_incomplete(members, zip_path)
                _prepare(con)
                for name in unknown:
                    run.find(
                        "unknown_file",
                        name,
                        "a .TSV that is not one of the 80 tables of the registry: not loaded",
                    )
                producer.start()
                for table in TABLES.values():
                    con.execute(f"DROP TABLE IF EXISTS {table.target()}")
                    con.execute(table.create_sql())
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
                source = f"{zip_path.name} sha256:{fingerprint.sha256()}"
                run.set_source(source)
        finally:
            producer.finish()
            fingerprint.cancel()
    return LoadResult(source, tuple(loads), time.perf_counter() - started)


def _beside(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The database file's folder, for the clean text: the system's temporary folder may be in memory.

    None (the system's) for a database in memory.
    """
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(row[0]).parent if row and row[0] else None


#: The clean text of a load waits in a folder named so, with a file `lock` inside that the load holds.
FOLDER_PREFIX = "calaccess-load-"
_LOCK = "lock"


@contextmanager
def clean_text_folder(parent: Path | None) -> Iterator[Path]:
    """A folder for this load's clean text in `parent` (None: the system's), removed when the load ends.

    A load killed outright (SIGKILL, a power cut) cannot remove its folder, and the clean text may be
    gigabytes: so each load first removes what dead loads left (`remove_abandoned`). The folder holds a
    lock file, locked while the load lives; the system lets go of a lock when its process ends, however
    it ends, so an unlocked folder is one nobody uses. The folder is made under a hidden name and given
    its own once locked, so no other load ever sees it unlocked while it is being made.
    """
    parent = Path(tempfile.gettempdir()) if parent is None else parent
    remove_abandoned(parent)
    making = Path(tempfile.mkdtemp(prefix=f".{FOLDER_PREFIX}", dir=parent))
    folder = parent / making.name.removeprefix(".")
    lock: int | None = None
    try:
        lock = os.open(making / _LOCK, os.O_WRONLY | os.O_CREAT, 0o644)
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.write(lock, f"pid {os.getpid()}\n".encode())
        making.rename(folder)
        yield folder
    finally:
        # Removed while still locked, so that no other load takes it for abandoned half-way.
        shutil.rmtree(folder if folder.exists() else making, ignore_errors=True)
        if lock is not None:
            os.close(lock)


def remove_abandoned(parent: Path) -> list[Path]:
    """Remove the clean-text folders in `parent` that no live load holds; the folders removed.

    A folder without a lock file was left by a load from before the lock (this code makes none).
    """
    removed: list[Path] = []
    for folder in sorted(parent.glob(f"{FOLDER_PREFIX}*")):
        if not folder.is_dir() or folder.is_symlink():
            continue
        try:
            lock = os.open(folder / _LOCK, os.O_RDONLY)
        except FileNotFoundError:
            lock = None
        except OSError:
            continue  # not ours to judge (another user's, say)
        try:
            if lock is not None:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a live load holds it
            shutil.rmtree(folder)
        except FileNotFoundError:
            continue  # its load, or another, removed it meanwhile
        except OSError as error:
            log.warning("could not remove %s, left by a load that did not finish: %s", folder, error)
            continue
        finally:
            if lock is not None:
                os.close(lock)
        log.info("removed %s: clean text left by a load that did not finish", folder)
        removed.append(folder)
    return removed


class _Fingerprint(threading.Thread):
    """The zip's sha256, hashed in a thread of its own (hashlib lets go of the GIL while it hashes).

    Taken from the snapshot manifest beside the zip when there is one: `calaccess download` hashed it.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(name="calaccess hash", daemon=True)
        self.path = path
        self.digest: str | None = None
        self.error: BaseException | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        self.digest = _recorded_sha256(self.path)
        if self.digest is not None:
            return
        digest = hashlib.sha256()
        try:
            with self.path.open("rb") as file:
                while block := file.read(READ_BYTES):
                    if self.stop.is_set():
                        return  # cancelled: a hash of part of the file names nothing
                    digest.update(block)
        except OSError as error:
            self.error = SourceError(f"{self.path}: cannot read the export zip ({error})")
            return
        self.digest = digest.hexdigest()

    def sha256(self) -> str:
        self.join()
        if self.error is not None:
            raise self.error
        assert self.digest is not None
        return self.digest

    def cancel(self) -> None:
        """Stop hashing: the load failed, and the hash names nothing."""
        self.stop.set()
        self.join()


def _recorded_sha256(path: Path) -> str | None:
    """The sha256 that the snapshot manifest beside the zip records for it, if it is for this file."""
    manifest = path.parent / "manifest.json"
    if not manifest.is_file():
        return None
    try:
        recorded = json.loads(manifest.read_text())
        if int(recorded["bytes"]) == path.stat().st_size:
            return str(recorded["sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


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


#: The load's own records in meta (declared in calaccess.meta), which each load replaces whole.
_LOAD_RECORDS = (meta.RAW_REJECT, meta.RAW_REPAIR, meta.RAW_CAST_FAILURE)


def _prepare(con: duckdb.DuckDBPyConnection) -> None:
    """The cast macros, and the load's meta records emptied: this load replaces every one of them."""
    formats = ", ".join(quote_literal(date_format) for date_format in DATE_FORMATS)
    con.execute(f"CREATE OR REPLACE TEMP MACRO raw_date_formats() AS [{formats}]")
    con.execute(_sql("raw_casts.sql"))
    for table in _LOAD_RECORDS:
        con.execute(f"DELETE FROM {table.target()}")


def _sql(name: str) -> str:
    return resources.files("calaccess.raw").joinpath("sql", name).read_text(encoding="utf-8")


def cleaner_for(member_name: str) -> FileCleaner:
    """The cleaner for one export file, told its table's columns, types and key by the registry."""
    table = table_for_file(member_name)
    return FileCleaner(
        member_name,
        [column.source_name for column in table.columns],
        [column.type for column in table.columns],
        [table.column(name).source_name for name in table.natural_key],
    )


@dataclass(frozen=True)
class _CleanFile:
    """One member cleaned: the file of clean text for DuckDB, its records, and what cleaning found."""

    member: str
    path: Path
    rows: int
    size: int
    report: CleanReport


class _Producer(threading.Thread):
    """Inflate and clean the members in order, one clean file each, handed to the loader as they finish.

    It starts on another member only while less than `ahead_bytes` of clean text waits for the loader.
    """

    def __init__(
        self, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], folder: Path, ahead_bytes: int
    ) -> None:
        super().__init__(name="calaccess clean", daemon=True)
        self.archive = archive
        self.members = members
        self.folder = folder
        self.ahead_bytes = ahead_bytes
        self.ready: list[_CleanFile | BaseException] = []
        self.waiting_bytes = 0  # clean text handed over and not yet loaded
        self.changed = threading.Condition()
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            for number, member in enumerate(self.members):
                with self.changed:
                    self.changed.wait_for(lambda: self.stop.is_set() or self.waiting_bytes < self.ahead_bytes)
                if self.stop.is_set():
                    return
                done = self._clean(member, self.folder / f"{number}.tsv")
                if done is None:
                    return
                self._hand_over(done)
        except BaseException as error:  # handed to the loader, which raises it in the main thread
            self._hand_over(error)

    def _hand_over(self, item: _CleanFile | BaseException) -> None:
        with self.changed:
            self.ready.append(item)
            if isinstance(item, _CleanFile):
                self.waiting_bytes += item.size
            self.changed.notify_all()

    def _clean(self, member: zipfile.ZipInfo, path: Path) -> _CleanFile | None:
        cleaner = cleaner_for(member.filename)
        rows = size = 0
        with path.open("wb") as file:
            for block in cleaner.clean(inflate_member(self.archive, member)):
                if self.stop.is_set():
                    return None
                file.write(block)
                size += len(block)
                rows += block.count(b"\n")
        return _CleanFile(member.filename, path, rows, size, cleaner.report)

    def next_file(self) -> _CleanFile:
        """The next member's clean file, once the cleaner has finished it."""
        with self.changed:
            self.changed.wait_for(lambda: bool(self.ready))
            item = self.ready.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item

    def loaded(self, done: _CleanFile) -> None:
        """The loader is through with a file: delete it, and let the cleaner go on."""
        done.path.unlink(missing_ok=True)
        with self.changed:
            self.waiting_bytes -= done.size
            self.changed.notify_all()

    def finish(self) -> None:
        """Stop early if the load failed, and wait for the thread."""
        self.stop.set()
        with self.changed:
            self.changed.notify_all()
        if self.is_alive():
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
    """Type the member's clean file into raw.<table>, once the producer has finished it."""
    started = time.perf_counter()
    where = f"{zip_path.name}: {member.filename}"
    with progress.task(f"load {table.name}", total=member.file_size, unit="bytes") as advance:
        try:
            clean = producer.next_file()
        except BaseException as error:
            converted = _as_project_error(error, where)
            if converted is error:
                raise
            raise converted from error
        try:
            counts = _FileCounts(0, 0, 0)
            if clean.rows:
                with _statement_progress(con, advance, member.file_size):
                    counts = _load_file(con, _TableSql(table), clean, where, run.run_id)
        finally:
            producer.loaded(clean)
    report = clean.report
    if counts.loaded != report.written:
        raise ParseError(
            f"DuckDB read {counts.loaded} records where {report.written} were written clean", path=where
        )
    _record(con, run, table, member.filename, report)
    return TableLoad(
        name=table.name,
        source_file=member.filename,
        records=report.records,
        loaded=counts.loaded,
        repaired=len(report.repairs),
        rejected=len(report.rejects),
        cast_failures=counts.cast_failures,
        blank_lines=report.blank_lines,
        bytes_read=member.file_size,
        elapsed_s=time.perf_counter() - started,
        typed_by_macros=counts.typed_by_macros,
        repair_kinds=dict(Counter(kind for repair in report.repairs for kind in repair.kinds)),
        reject_reasons=dict(Counter(_reason_kind(reject.reason) for reject in report.rejects)),
    )


@contextmanager
def _statement_progress(
    con: duckdb.DuckDBPyConnection, advance: progress.Advance, total: int
) -> Iterator[None]:
    """Move a bar with DuckDB's own progress through the statements run inside, read from a thread.

    Nothing runs when progress is off (no terminal, or --quiet).
    """
    if not progress.enabled():
        yield
        return
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    done = threading.Event()
    shown = [0.0]

    def follow() -> None:
        while not done.wait(0.25):
            percent = con.query_progress()
            if percent > 0:
                target = total * min(percent, 100.0) / 100.0
                if target > shown[0]:
                    advance(target - shown[0])
                    shown[0] = target

    follower = threading.Thread(target=follow, name="calaccess progress", daemon=True)
    follower.start()
    try:
        yield
    finally:
        done.set()
        follower.join()
        con.execute("SET enable_progress_bar = false")


def _reason_kind(reason: str) -> str:
    """The reason without its numbers, so the accounting can count alike reasons together."""
    if "tab(s) too many" in reason:
        if "leaves a record with no" in reason:
            return "too many tabs, every merge leaves the record without its key"
        if "empty fields, more than" in reason:
            return "too many tabs around empty fields: not typed inside a value"
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
# one format each file writes them (sniffed from its first lines). Everything else is read as text and
# typed by the fast macros, because the reader is laxer than the registry's rules: it knows Y/N but not the
# X of a ticked box, reads "1.5" as the integer 2 and 1e3 or 1_000 as numbers, and rounds an amount of
# 1.005 to 1.01, where each of those is kept as an unreadable value.
_READER_TYPES = {
    "text": "VARCHAR",
    "integer": "VARCHAR",
    "bigint": "VARCHAR",
    "decimal": "VARCHAR",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "boolean": "VARCHAR",
}
_FAST_EXPRESSIONS = {
    "text": "raw_text({})",
    "integer": "fast_integer({})",
    "bigint": "fast_bigint({})",
    "decimal": "fast_decimal({})",
    "boolean": "fast_boolean({})",
}
#: The check that a fast macro read a value by the registry's rule; a row where one fails takes the slow path.
_FAST_READABLE = {
    "integer": "fast_integer_readable",
    "bigint": "fast_integer_readable",
    "decimal": "fast_decimal_readable",
    "boolean": "fast_boolean_readable",
}
_CSV_OPTIONS = (
    "delim = '\t', quote = '', escape = '', header = false, auto_detect = false, strict_mode = true, "
    "null_padding = false"
)


class _TableSql:
    """The SQL that loads one clean file of a table; generated from the registry, the rules in raw_casts.sql.

    Fast path: DuckDB's CSV reader parses dates itself and sets aside (in a temp rejects table) the rows
    where one does not parse; flags, integers and amounts are read as text and typed by the fast macros,
    and a row where one of those does not read by the registry's rule is left out too. Slow path, for the
    rows left out only (none, in the common case, so the file is read once): they are read as text and
    typed by the macros, which turn an unreadable value into NULL and keep its text in
    meta.raw_cast_failure.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        positions = [f"c{index}" for index in range(len(table.columns))]
        pairs = list(zip(table.columns, positions, strict=True))
        target = table.target()
        typed_columns = ", ".join(f"'{p}': '{_READER_TYPES[column.type]}'" for column, p in pairs)
        text_columns = ", ".join(f"'{p}': 'VARCHAR'" for p in positions)
        self.read_text = f"read_csv($path, columns = {{{text_columns}}}, {_CSV_OPTIONS})"
        fast = ", ".join(_FAST_EXPRESSIONS.get(column.type, "{}").format(p) for column, p in pairs)
        by_macro = [(c, p) for c, p in pairs if c.type in _FAST_READABLE]
        readable = (
            " AND ".join(f"{_FAST_READABLE[c.type]}({p}, fast_{c.type}({p}))" for c, p in by_macro) or "true"
        )
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
            f"CREATE OR REPLACE TEMP TABLE raw_load_slow AS SELECT * FROM {self.read_text} WHERE {readable}"
        )
        self.collect_unreadable = (
            f"INSERT INTO raw_load_slow SELECT * FROM {self.read_text} WHERE NOT ({readable})"
        )
        self.slow_rows = "SELECT count(*) FROM raw_load_slow"
        casts = ", ".join(f"{_CASTS[column.type]}({p})" for column, p in pairs)
        self.slow_insert = f"INSERT INTO {target} SELECT {casts} FROM raw_load_slow"
        if table.natural_key:
            key_parts = [
                f"'{name}=' || coalesce(c{table.column_names.index(name)}, '')" for name in table.natural_key
            ]
            record = f"concat_ws(', ', {', '.join(key_parts)})"
        else:
            record = f"concat_ws(chr(9), {', '.join(f'coalesce({p}, {chr(39) * 2})' for p in positions)})"
        self.slow_failures = self._failures(
            [(c, p) for c, p in pairs if c.type != "text"], record, "raw_load_slow"
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


def _sniff_formats(path: Path, table: Table) -> dict[str, str]:
    """The format of the first date and timestamp values of a clean file (the export writes one per file).

    Values in another format are not lost: the reader sets their rows aside for the macros, which read
    every format in DATE_FORMATS.
    """
    with path.open("rb") as file:
        head = file.read(1 << 20).decode("utf-8", errors="replace").splitlines()[:-1]
    found: dict[str, str] = {}
    for kind, parameter in (("date", "dateformat"), ("timestamp", "timestampformat")):
        indexes = [index for index, column in enumerate(table.columns) if column.type == kind]
        values = (fields[index].strip() for line in head for index in indexes if (fields := line.split("\t")))
        first = next((value for value in values if value), "")
        found[parameter] = next((f for f, shape in _DATE_SHAPES if shape.fullmatch(first)), DATE_FORMATS[0])
    return found


# Each date format with the shape of a value written in it.
_DATE_SHAPES = [(date_format, re.compile(date_pattern((date_format,)))) for date_format in DATE_FORMATS]


@dataclass(frozen=True)
class _FileCounts:
    loaded: int
    cast_failures: int
    typed_by_macros: int


def _load_file(
    con: duckdb.DuckDBPyConnection, sql: _TableSql, clean: _CleanFile, where: str, run_id: int
) -> _FileCounts:
    """Load one clean file: typed by the reader, the rows it cannot type by the macros; check the count."""
    parameters = {"table": sql.table.name, "run_id": run_id}
    formats = _sniff_formats(clean.path, sql.table)  # dateformat and timestampformat
    try:
        row = con.execute(sql.fast_insert, {"path": str(clean.path), **formats}).fetchone()
        loaded = int(row[0]) if row else 0
        failures = slow_rows = 0
        if loaded < clean.rows:
            rejected: list[tuple[int, str]] = con.execute(sql.rejected_lines).fetchall()
            con.execute("DELETE FROM raw_load_rejects")
            rejected_path = clean.path.with_suffix(".rejected.tsv")
            rejected_path.write_bytes(
                b"".join(text.rstrip("\r").encode("utf-8") + b"\n" for _, text in rejected)
            )
            con.execute(sql.collect_rejected, {"path": str(rejected_path)})
            rejected_path.unlink()
            counted = con.execute(sql.slow_rows).fetchone()
            if loaded + (int(counted[0]) if counted else 0) < clean.rows:
                con.execute(sql.collect_unreadable, {"path": str(clean.path)})
            row = con.execute(sql.slow_insert).fetchone()
            slow_rows = int(row[0]) if row else 0
            loaded += slow_rows
            if sql.slow_failures is not None:
                row = con.execute(sql.slow_failures, parameters).fetchone()
                failures = int(row[0]) if row else 0
    except duckdb.Error as error:
        raise ParseError(f"DuckDB could not load the cleaned text: {error}", path=where) from error
    if loaded != clean.rows:
        raise ParseError(
            f"DuckDB loaded {loaded} records of a file where {clean.rows} were written", path=where
        )
    return _FileCounts(loaded, failures, slow_rows)


def _record(
    con: duckdb.DuckDBPyConnection, run: meta.Run, table: Table, source_file: str, report: CleanReport
) -> None:
    """Keep every repair and reject of the table in meta, with the line where the record starts."""
    same = {"table_name": table.name, "source_file": source_file, "run_id": run.run_id}
    repairs: dict[str, list[Any]] = {
        "line": [repair.line for repair in report.repairs],
        "kinds": [",".join(repair.kinds) for repair in report.repairs],
        "detail": [repair.detail for repair in report.repairs],
    }
    rejects: dict[str, list[Any]] = {
        "line": [reject.line for reject in report.rejects],
        "raw_text": [reject.raw_text for reject in report.rejects],
        "reason": [reject.reason for reject in report.rejects],
    }
    insert(con, meta.RAW_REPAIR, repairs, same=same)
    insert(con, meta.RAW_REJECT, rejects, same=same)
