"""One published table as files: CSV that a spreadsheet opens, Parquet that any engine reads.

DuckDB writes both straight from the query (no row passes through Python). Rows leave in key order, so the
same data gives the same bytes and an unchanged table is hard-linked from the previous version, not copied.
A CSV stays within what a spreadsheet opens: a table with more rows comes as one CSV per year (of its date
column); such a table is also a Parquet dataset partitioned by year (`<name>/year=2024/part-0.parquet`), which
DuckDB, Spark or BigQuery read straight from object storage. Values are written as the Table Schema in the
data package declares them: lists and objects as JSON, times in ISO 8601 UTC.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from calaccess.tables import Table, quote_identifier, quote_literal

#: What a file's bytes depend on besides its rows: the code that writes them (this module, which columns
#: order them in `contents`, the ZIPs in `zips`, the OCD JSON feed in `ocd.ocd_json`) and DuckDB's
#: version. A version links a file from an earlier one only if the same writer wrote both; a change here
#: writes every file afresh once.
WRITER = hashlib.sha256(
    b"".join(
        Path(__file__).parent.joinpath(name).read_bytes()
        for name in ("table_files.py", "contents.py", "zips.py", "../ocd/ocd_json.py")
    )
    + duckdb.__version__.encode()
).hexdigest()[:16]
#: Rows a spreadsheet opens, less its header line (Excel and LibreOffice: 1,048,576 rows).
SPREADSHEET_ROWS = 1_048_575
UNDATED = "undated"
#: The scratch files' partition column: a row's year, `undated`, or `all` for a table without a date.
_BUCKET = "published_year"


@dataclass(frozen=True)
class Published:
    """What a table is published from: its declaration, the query of its rows, and how to split it by year."""

    table: Table
    query: str  # SELECT ... the rows, in the declared columns' order
    year_column: str | None = None  # a DATE column: the year a row belongs to, when the table is split
    order_by: tuple[str, ...] = ()  # the columns that order its rows (its key when it has one)


@dataclass
class TableFiles:
    """The files one table became, relative to the version's folder, and its row count."""

    name: str
    rows: int
    csv: list[Path] = field(default_factory=list)
    parquet: list[Path] = field(default_factory=list)
    linked: list[Path] = field(default_factory=list)  # those hard-linked from the previous version


def _csv_value(name: str, duckdb_type: str) -> str:
    """The column as the CSV writes it: JSON for lists and objects, ISO 8601 UTC for times."""
    column = quote_identifier(name)
    if duckdb_type.endswith("[]"):
        return f"CAST(to_json({column}) AS VARCHAR) AS {column}"
    if duckdb_type == "TIMESTAMPTZ":
        return f"strftime(timezone('UTC', {column}), '%Y-%m-%dT%H:%M:%SZ') AS {column}"
    if duckdb_type == "TIMESTAMP":
        return f"strftime({column}, '%Y-%m-%dT%H:%M:%S') AS {column}"
    return column


def _ordered(published: Published) -> str:
    keys = published.order_by or published.table.key or published.table.column_names
    return ", ".join(quote_identifier(name) for name in keys)


def _csv_select(published: Published, rows: str) -> str:
    """The CSV's columns from a table expression, in the order it holds them (a sorted Parquet file, which
    `_write_csv` reads back in its order)."""
    columns = ", ".join(_csv_value(c.name, c.duckdb_type) for c in published.table.columns)
    return f"SELECT {columns} FROM {rows}"


@contextmanager
def _settings(con: duckdb.DuckDBPyConnection, **values: object) -> Iterator[None]:
    """DuckDB settings for one write, then back as they were (a failed write may leave the transaction
    aborted, where a SET fails too: the write's own error is the one raised)."""
    before = dict(
        con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE list_contains(?, name)", [list(values)]
        ).fetchall()
    )
    for name, value in values.items():
        con.execute(f"SET {name} = {value}")
    try:
        yield
    finally:
        with suppress(duckdb.Error):
            for name in values:
                con.execute(f"SET {name} = {before[name]}")


def _write_csv(con: duckdb.DuckDBPyConnection, select: str, path: Path) -> None:
    """Write a CSV file in the order its sorted Parquet file holds the rows: on one thread, with the scan's
    order kept. The project's connections let DuckDB reorder a scan; and an ordered CSV write on two
    threads took 8.8 s for a year of transactions (1.1 M rows), on one 3.0 s, the same bytes."""
    with _settings(con, threads=1, preserve_insertion_order="true"):
        _copy(con, select, path, CSV_OPTIONS)


def _parquet_rows(path: Path) -> str:
    return f"read_parquet({quote_literal(str(path))})"


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, options: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({select}) TO {quote_literal(str(path))} ({options})")


CSV_OPTIONS = "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\r\\n'"
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880"


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True)
class Reuse:
    """What a table's comparison with the previous version found: the previous version's folder of its
    group, and the buckets (years, `undated`, or `all` for a table without a date) where any record was
    added, removed or changed. A bucket that did not change is hard-linked from there instead of written."""

    folder: Path
    changed: frozenset[str]


def bucket(year_column: str | None) -> str:
    """The SQL of a row's bucket: the year of its date column as text, `undated`, or `all` without one."""
    if year_column is None:
        return "'all'"
    return f"coalesce(CAST(year({quote_identifier(year_column)}) AS VARCHAR), '{UNDATED}')"


def _bucket_paths(
    published: Published, folder: Path, name_of_bucket: str, rows: int
) -> tuple[Path, list[Path]]:
    """Where a split table's bucket goes: its Parquet file and its CSV files (parts where it is too big)."""
    name = published.table.name
    if published.year_column is None:
        parquet_path, label = folder / f"{name}.parquet", None
    else:
        parquet_path, label = folder / name / f"year={name_of_bucket}" / "part-0.parquet", name_of_bucket
    parts = -(-rows // SPREADSHEET_ROWS)
    csv_paths = []
    for part in range(parts):
        pieces = (label, f"part{part + 1}" if parts > 1 else None)
        csv_paths.append(folder / name / f"{name}-{'-'.join(p for p in pieces if p is not None)}.csv")
    return parquet_path, csv_paths


def write_table(
    con: duckdb.DuckDBPyConnection,
    published: Published,
    folder: Path,
    relative_to: Path,
    reuse: Reuse | None = None,
) -> TableFiles:
    """Write the table's CSV and Parquet files under `folder`; paths in the result are relative.

    A table within a spreadsheet's rows is one CSV and one Parquet file. A bigger one is a folder: a CSV per
    year of its date column (numbered parts where one year is still too big; a table without a date column
    is numbered parts only) and, with a date column, a Parquet file per year (`year=2024/part-0.parquet`).

    The query (a flat table joins several) runs once for a table that fits a spreadsheet: into a scratch
    Parquet file, until it shows it holds more rows than that. A bigger table runs it again, into scratch
    Parquet files, one per year, unsorted. Each year is then sorted on its own (a year's rows fit in
    memory) into its Parquet file, and its CSV files read that file back in its order. Files, not
    temporary tables: a publish is one transaction, where a dropped table keeps its storage to the end,
    and a temporary table of 16 M transactions grew past 20 GB in the database's temporary storage.

    With `reuse`, what did not change since the previous version is hard-linked from it, not written: the
    whole table, or each year of a split one that no record entered, left or changed in (a night's new
    filings touch a few years of 27). Only when its columns and their types are the same as before."""
    with tempfile.TemporaryDirectory(prefix=".scratch-", dir=relative_to) as scratch_dir:
        scratch = Path(scratch_dir)
        if reuse is not None and not _same_columns(con, published, reuse.folder, scratch):
            reuse = None
        if reuse is not None and not reuse.changed:
            linked = _link_whole(con, published, reuse.folder, folder, relative_to)
            if linked is not None:
                return linked
        kept, complete = _unchanged_buckets(con, published, reuse) if reuse is not None else ({}, False)
        files = TableFiles(published.table.name, 0)
        if sum(kept.values()) <= SPREADSHEET_ROWS:
            first = scratch / "first.parquet"
            _copy(
                con,
                f"SELECT * FROM ({published.query}) AS rows LIMIT {SPREADSHEET_ROWS + 1}",
                first,
                "FORMAT parquet, COMPRESSION snappy",
            )
            files.rows = _count(con, f"SELECT count(*) FROM {_parquet_rows(first)}")
            if files.rows <= SPREADSHEET_ROWS:
                _write_whole(con, published, _parquet_rows(first), folder, files, relative_to)
                return files
            first.unlink()
        # a night with no change in the table stages nothing: every bucket it had is linked
        unchanged = reuse is not None and not reuse.changed and complete
        staged = [] if unchanged else _stage(con, published, scratch, set(kept))
        years = sorted([*staged, *kept.items()], key=lambda item: (item[0] == UNDATED, item[0]))
        files.rows = sum(rows for _, rows in years)
        _write_split(con, published, scratch, years, set(kept), reuse, folder, files, relative_to)
    return files


def _previous_parquet(published: Published, previous: Path) -> Path | None:
    """One Parquet file of the table in the previous version (any year's), to read its columns from."""
    name = published.table.name
    whole = previous / f"{name}.parquet"
    if whole.is_file():
        return whole
    return next(iter(sorted((previous / name).glob("year=*/part-0.parquet"))), None)


def _same_columns(
    con: duckdb.DuckDBPyConnection, published: Published, previous: Path, scratch: Path
) -> bool:
    """Whether the previous version's Parquet files have the columns and types the query writes now (an
    empty Parquet file of the query says what they are)."""
    before = _previous_parquet(published, previous)
    if before is None:
        return False
    empty = scratch / "columns.parquet"
    _copy(con, f"SELECT * FROM ({published.query}) AS rows LIMIT 0", empty, "FORMAT parquet")

    def columns(path: Path) -> list[tuple[str, str]]:
        rows = (
            f"read_parquet({quote_literal(str(path))}, hive_partitioning = false)"  # not `year=` as a column
        )
        described = con.execute(f"DESCRIBE SELECT * FROM {rows}").fetchall()
        return [(str(row[0]), str(row[1])) for row in described]

    same = columns(before) == columns(empty)
    empty.unlink()
    return same


def _parquet_count(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    return _count(con, f"SELECT sum(num_rows) FROM parquet_file_metadata({quote_literal(str(path))})")


def _link(previous: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.link(previous, path)


def _link_whole(
    con: duckdb.DuckDBPyConnection, published: Published, previous: Path, folder: Path, relative_to: Path
) -> TableFiles | None:
    """An unchanged table published whole last time: its two files, linked; None if it was not whole."""
    name = published.table.name
    csv_path, parquet_path = folder / f"{name}.csv", folder / f"{name}.parquet"
    if not (previous / csv_path.name).is_file() or not (previous / parquet_path.name).is_file():
        return None
    files = TableFiles(name, _parquet_count(con, previous / parquet_path.name))
    for path in (csv_path, parquet_path):
        _link(previous / path.name, path)
        files.linked.append(path.relative_to(relative_to))
    files.csv.append(csv_path.relative_to(relative_to))
    files.parquet.append(parquet_path.relative_to(relative_to))
    return files


def _unchanged_buckets(
    con: duckdb.DuckDBPyConnection, published: Published, reuse: Reuse
) -> tuple[dict[str, int], bool]:
    """The previous version's buckets of a split table that did not change and whose files are all there,
    with their rows; and whether that is every unchanged bucket it had (none lacks a file)."""
    name = published.table.name
    if published.year_column is None:
        found = {"all": reuse.folder / f"{name}.parquet"} if (reuse.folder / name).is_dir() else {}
    else:
        found = {
            path.parent.name.removeprefix("year="): path
            for path in (reuse.folder / name).glob("year=*/part-0.parquet")
        }
    kept, complete = {}, bool(found)
    for name_of_bucket, parquet_path in found.items():
        if name_of_bucket in reuse.changed:
            continue
        rows = _parquet_count(con, parquet_path) if parquet_path.is_file() else 0
        _, csv_paths = _bucket_paths(published, reuse.folder, name_of_bucket, rows)
        if rows and all(path.is_file() for path in csv_paths):
            kept[name_of_bucket] = rows
        else:
            complete = False
    return kept, complete


def _stage(
    con: duckdb.DuckDBPyConnection, published: Published, scratch: Path, skipped: set[str]
) -> list[tuple[str, int]]:
    """Run the query once into `scratch/year=<year>/` (one bucket, `all`, without a year column), leaving out
    the `skipped` buckets; the rows per bucket."""
    leave_out = (
        f" WHERE {_BUCKET} NOT IN ({', '.join(quote_literal(name) for name in sorted(skipped))})"
        if skipped
        else ""
    )
    # Every year's file is open at once, each buffering a row group: small ones, and each thread's rows
    # flushed often, keep 26 years of 16 M transactions (43 s) within the memory limit.
    with _settings(con, partitioned_write_flush_threshold=65536):
        con.execute(
            f"COPY (SELECT * FROM (SELECT *, {bucket(published.year_column)} AS {_BUCKET} "
            f"FROM ({published.query}) AS rows){leave_out}) "
            f"TO {quote_literal(str(scratch))} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 16384, "
            f"PARTITION_BY ({_BUCKET}), OVERWRITE_OR_IGNORE true)"
        )
    if not any(scratch.glob(f"{_BUCKET}=*/*.parquet")):
        return []
    pattern = quote_literal(str(scratch / "*" / "*.parquet"))
    counts = con.execute(
        f"SELECT {_BUCKET}, count(*) FROM read_parquet({pattern}, hive_partitioning = true, "
        f"hive_types = {{'{_BUCKET}': VARCHAR}}) GROUP BY ALL"
    ).fetchall()
    return [(str(name), int(rows)) for name, rows in counts]


def _scratch_rows(scratch: Path, bucket: str) -> str:
    """The staged rows of one bucket (`*` for all of them), as a table expression."""
    pattern = quote_literal(str(scratch / f"{_BUCKET}={bucket}" / "*.parquet"))
    return f"read_parquet({pattern}, hive_partitioning = false)"


def _write_whole(
    con: duckdb.DuckDBPyConnection,
    published: Published,
    rows: str,
    folder: Path,
    files: TableFiles,
    relative_to: Path,
) -> None:
    """A table within a spreadsheet's rows (in `rows`, a table expression): one Parquet file, sorted, and one
    CSV file read back from it."""
    name = published.table.name
    parquet_path = folder / f"{name}.parquet"
    _copy(con, f"SELECT * FROM {rows} ORDER BY {_ordered(published)}", parquet_path, PARQUET_OPTIONS)
    csv_path = folder / f"{name}.csv"
    _write_csv(con, _csv_select(published, _parquet_rows(parquet_path)), csv_path)
    files.csv.append(csv_path.relative_to(relative_to))
    files.parquet.append(parquet_path.relative_to(relative_to))


def _write_split(
    con: duckdb.DuckDBPyConnection,
    published: Published,
    scratch: Path,
    years: list[tuple[str, int]],
    kept: set[str],
    reuse: Reuse | None,
    folder: Path,
    files: TableFiles,
    relative_to: Path,
) -> None:
    """A big table's files: a Parquet file per year (one file, without a date column), and a CSV per year
    (in parts where a year is too big) read back from it in its order; a `kept` year linked instead."""
    order = _ordered(published)
    for name_of_bucket, rows in years:
        parquet_path, csv_paths = _bucket_paths(published, folder, name_of_bucket, rows)
        if name_of_bucket in kept and reuse is not None:
            before, csv_before = _bucket_paths(published, reuse.folder, name_of_bucket, rows)
            for old, new in ((before, parquet_path), *zip(csv_before, csv_paths, strict=True)):
                _link(old, new)
                files.linked.append(new.relative_to(relative_to))
        else:
            select = f"SELECT * FROM {_scratch_rows(scratch, name_of_bucket)} ORDER BY {order}"
            _copy(con, select, parquet_path, PARQUET_OPTIONS)
            for part, csv_path in enumerate(csv_paths):
                limit = (
                    f" LIMIT {SPREADSHEET_ROWS} OFFSET {part * SPREADSHEET_ROWS}"
                    if len(csv_paths) > 1
                    else ""
                )
                _write_csv(con, _csv_select(published, _parquet_rows(parquet_path)) + limit, csv_path)
        files.parquet.append(parquet_path.relative_to(relative_to))
        files.csv.extend(path.relative_to(relative_to) for path in csv_paths)
