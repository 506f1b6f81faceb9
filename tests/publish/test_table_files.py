"""A table bigger than a spreadsheet opens: a CSV per year, in parts, and a Parquet file per year."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from calaccess.publish import table_files
from calaccess.publish.table_files import Published, write_table
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
