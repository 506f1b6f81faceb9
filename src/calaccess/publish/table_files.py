"""One published table as files: CSV that a spreadsheet opens, Parquet that any engine reads.

DuckDB writes both straight from the query (no row passes through Python). Rows leave in key order, so the
same data gives the same bytes and an unchanged table is hard-linked from the previous version, not copied.
A CSV stays within what a spreadsheet opens: a table with more rows comes as one CSV per year (of its date
column); such a table is also a Parquet dataset partitioned by year (`<name>/year=2024/part-0.parquet`), which
DuckDB, Spark or BigQuery read straight from object storage. Values are written as the Table Schema in the
data package declares them: lists and objects as JSON, times in ISO 8601 UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from calaccess.tables import Table, quote_identifier, quote_literal

#: Rows a spreadsheet opens, less its header line (Excel and LibreOffice: 1,048,576 rows).
SPREADSHEET_ROWS = 1_048_575
UNDATED = "undated"
#: Where a big table's rows wait while its files are written.
STAGED = "published_rows"


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


def _csv_select(published: Published, where: str = "") -> str:
    columns = ", ".join(_csv_value(c.name, c.duckdb_type) for c in published.table.columns)
    return f"SELECT {columns} FROM ({published.query}) AS rows {where} ORDER BY {_ordered(published)}"


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, options: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({select}) TO {quote_literal(str(path))} ({options})")


CSV_OPTIONS = "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\r\\n'"
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880"


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def write_table(
    con: duckdb.DuckDBPyConnection, published: Published, folder: Path, relative_to: Path
) -> TableFiles:
    """Write the table's CSV and Parquet files under `folder`; paths in the result are relative.

    A table within a spreadsheet's rows is one CSV and one Parquet file. A bigger one is a folder: a CSV per
    year of its date column (numbered parts where one year is still too big; a table without a date column
    is numbered parts only) and, with a date column, a Parquet file per year (`year=2024/part-0.parquet`)."""
    name = published.table.name
    # The query (a flat table joins several) runs once, into a temporary table in year order: the count,
    # the CSV and the Parquet files (each year's, for a big table) then read it instead of running it again.
    year_order = (
        f"year({quote_identifier(published.year_column)}) NULLS FIRST, " if published.year_column else ""
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {STAGED} AS SELECT * FROM ({published.query}) AS rows "
        f"ORDER BY {year_order}{_ordered(published)}"
    )
    try:
        staged = replace(published, query=f"SELECT * FROM {STAGED}")
        files = TableFiles(name, _count(con, f"SELECT count(*) FROM {STAGED}"))
        if files.rows <= SPREADSHEET_ROWS:
            _write_whole(con, staged, folder, files, relative_to)
        else:
            _write_split(con, staged, folder, files, relative_to)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {STAGED}")
    return files


def _write_whole(
    con: duckdb.DuckDBPyConnection, published: Published, folder: Path, files: TableFiles, relative_to: Path
) -> None:
    """A table within a spreadsheet's rows: one CSV file and one Parquet file."""
    name = published.table.name
    csv_path = folder / f"{name}.csv"
    _copy(con, _csv_select(published), csv_path, CSV_OPTIONS)
    parquet_path = folder / f"{name}.parquet"
    select = f"SELECT * FROM ({published.query}) AS rows ORDER BY {_ordered(published)}"
    _copy(con, select, parquet_path, PARQUET_OPTIONS)
    files.csv.append(csv_path.relative_to(relative_to))
    files.parquet.append(parquet_path.relative_to(relative_to))


def _write_split(
    con: duckdb.DuckDBPyConnection, published: Published, folder: Path, files: TableFiles, relative_to: Path
) -> None:
    """A big table's files: a CSV per year (in parts where a year is too big), a Parquet file per year."""
    name, count, order = published.table.name, files.rows, _ordered(published)
    if published.year_column is None:
        groups: list[tuple[str | None, str, int]] = [(None, "", count)]
    else:
        # a range on the date itself, not a test of year(date): the staged rows are in year order, so the
        # range skips every other year's row groups (DuckDB's zone maps), where year() would read them all
        column = quote_identifier(published.year_column)
        groups = [
            (
                UNDATED if year is None else str(year),
                f"WHERE {column} IS NULL"
                if year is None
                else f"WHERE {column} >= make_date({year}, 1, 1) AND {column} < make_date({year + 1}, 1, 1)",
                n,
            )
            for year, n in con.execute(
                f"SELECT year({column}) AS year, count(*) FROM ({published.query}) AS rows "
                "GROUP BY ALL ORDER BY year NULLS LAST"
            ).fetchall()
        ]
    for value, where, rows in groups:
        parts = -(-rows // SPREADSHEET_ROWS)
        for part in range(parts):
            label = "-".join(
                piece for piece in (value, f"part{part + 1}" if parts > 1 else None) if piece is not None
            )
            limit = f" LIMIT {SPREADSHEET_ROWS} OFFSET {part * SPREADSHEET_ROWS}" if parts > 1 else ""
            csv_path = folder / name / f"{name}-{label}.csv"
            _copy(con, _csv_select(published, where) + limit, csv_path, CSV_OPTIONS)
            files.csv.append(csv_path.relative_to(relative_to))
        if value is not None:
            parquet_path = folder / name / f"year={value}" / "part-0.parquet"
            select = f"SELECT * FROM ({published.query}) AS rows {where} ORDER BY {order}"
            _copy(con, select, parquet_path, PARQUET_OPTIONS)
            files.parquet.append(parquet_path.relative_to(relative_to))
    if published.year_column is None:
        parquet_path = folder / f"{name}.parquet"
        _copy(
            con, f"SELECT * FROM ({published.query}) AS rows ORDER BY {order}", parquet_path, PARQUET_OPTIONS
        )
        files.parquet.append(parquet_path.relative_to(relative_to))
