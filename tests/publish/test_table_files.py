"""A table bigger than a spreadsheet opens: a CSV per year, in parts, and a Parquet file per year."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from calaccess.publish import table_files
from calaccess.publish.history import Tracked, compare, comparisons
from calaccess.publish.table_files import Published, Reuse, write_table
from calaccess.tables import Column, Table


def test_a_big_table_splits_by_year_and_keeps_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_files, "SPREADSHEET_ROWS", 2)
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE money AS SELECT * FROM (VALUES (3, DATE '2024-05-06'), (5, NULL), "
        "(1, DATE '2024-01-02'), (4, DATE '2025-01-01'), (2, DATE '2024-03-04')) AS rows(id, date)"
    )
    table = Table(
        "main",
        "money",
        "lines",
        (Column("id", "INTEGER", "its id"), Column("date", "DATE", "its date")),
        key=("id",),
    )
    files = write_table(con, Published(table, "SELECT id, date FROM money", "date"), tmp_path, tmp_path)
    names = sorted(str(path) for path in files.csv)
    assert names == [
        "money/money-2024-part1.csv",
        "money/money-2024-part2.csv",
        "money/money-2025.csv",
        "money/money-undated.csv",
    ]
    ids = [row["id"] for path in names for row in csv.DictReader((tmp_path / path).open())]
    assert ids == ["1", "2", "3", "4", "5"]  # every row, each year's in key order across its parts
    assert con.execute(f"SELECT count(*) FROM '{tmp_path}/money/year=*/*.parquet'").fetchone() == (5,)
    year_2024 = tmp_path / "money" / "year=2024" / "part-0.parquet"
    assert con.execute(f"SELECT list(id) FROM '{year_2024}'").fetchone() == ([1, 2, 3],)
    assert "published_rows" not in {row[0] for row in con.execute("SHOW ALL TABLES").fetchall()}
    assert not list(tmp_path.glob(".scratch-*"))  # the staged rows are gone


def _money(con: duckdb.DuckDBPyConnection) -> Published:
    con.execute(
        "CREATE OR REPLACE TABLE money AS SELECT * FROM (VALUES (3, DATE '2024-05-06', 30), (5, NULL, 50), "
        "(1, DATE '2024-01-02', 10), (4, DATE '2025-01-01', 40), (2, DATE '2024-03-04', 20)) "
        "AS rows(id, date, amount)"
    )
    table = Table(
        "main",
        "money",
        "lines",
        (
            Column("id", "INTEGER", "its id"),
            Column("date", "DATE", "its date"),
            Column("amount", "INTEGER", "its amount"),
        ),
        key=("id",),
    )
    return Published(table, "SELECT id, date, amount FROM money", "date", ("id",))


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def test_only_the_years_a_record_changed_in_are_written_again_the_rest_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_files, "SPREADSHEET_ROWS", 2)
    con = duckdb.connect()
    published = _money(con)
    first, second, fresh = (tmp_path / name for name in ("v1", "v2", "v3"))
    for folder in (first, second, fresh):
        folder.mkdir()
    write_table(con, published, first, first)
    con.execute("UPDATE money SET amount = 41 WHERE id = 4")  # a 2025 line amended
    tracked = Tracked(published.table, published.query, ("id",), (), "date")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    changes = compare(con, tracked, first, datetime(2026, 12, 2, tzinfo=UTC), scratch)
    assert changes.changed_buckets == {"2025"}
    files = write_table(con, published, second, second, Reuse(first, changes.changed_buckets))

    def same_file(path: str) -> bool:
        return (first / path).stat().st_ino == (second / path).stat().st_ino

    assert same_file("money/money-2024-part1.csv") and same_file("money/money-2024-part2.csv")
    assert same_file("money/year=2024/part-0.parquet") and same_file("money/money-undated.csv")
    assert not same_file("money/money-2025.csv") and not same_file("money/year=2025/part-0.parquet")
    assert "money/money-2025.csv" not in {path.as_posix() for path in files.linked}
    assert files.rows == 5
    # what was linked and written is what a publish from nothing writes, file by file and in order
    from_nothing = write_table(con, published, fresh, fresh)
    assert (files.csv, files.parquet) == (from_nothing.csv, from_nothing.parquet)
    assert _files(second) == _files(fresh)


def test_an_unchanged_table_is_linked_whole_unless_its_columns_changed(tmp_path: Path) -> None:
    con = duckdb.connect()
    published = _money(con)
    first, second, third = (tmp_path / name for name in ("v1", "v2", "v3"))
    for folder in (first, second, third):
        folder.mkdir()
    write_table(con, published, first, first)
    files = write_table(con, published, second, second, Reuse(first, frozenset()))
    assert files.rows == 5 and {path.as_posix() for path in files.linked} == {"money.csv", "money.parquet"}
    assert (first / "money.csv").stat().st_ino == (second / "money.csv").stat().st_ino
    # the same rows with a column of another type are other bytes: written, not linked
    retyped = Published(
        published.table, "SELECT id, date, CAST(amount AS BIGINT) AS amount FROM money", "date", ("id",)
    )
    files = write_table(con, retyped, third, third, Reuse(first, frozenset()))
    assert files.linked == [] and (first / "money.csv").stat().st_ino != (third / "money.csv").stat().st_ino


def test_a_comparison_that_fails_keeps_its_own_error_and_leaves_no_scratch(tmp_path: Path) -> None:
    """DuckDB aborts the publish's transaction at its first error (out of memory, at full size): the error
    a user sees is that one, not the cleanup's 'transaction is aborted', and the scratch folder is gone."""
    con = duckdb.connect()
    con.execute("BEGIN")
    with pytest.raises(duckdb.ConversionException), comparisons(con, tmp_path):
        con.execute("SELECT CAST('not a number' AS INTEGER)")
    assert not (tmp_path / ".comparisons").exists()
