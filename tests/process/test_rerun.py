"""Processing the same inputs twice gives the same records, child rows in the same order: an export of one
day's data is the same file whichever run wrote it (child rows leave in the order they were inserted)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from calaccess import db
from calaccess.ocd import TYPES
from calaccess.ocd.records import read_records
from calaccess.process import process

_WHEN = ("created_at", "updated_at")


def _everything(database: Path) -> dict[str, list[dict[str, Any]]]:
    with db.connect(database, read_only=True) as con:
        return {
            t.table: [{k: v for k, v in r.items() if k not in _WHEN} for r in read_records(con, t.table)]
            for t in TYPES
        }


def test_a_second_run_writes_the_same_records_in_the_same_order(tmp_path: Path, processed_db: Path) -> None:
    database = tmp_path / "calaccess.duckdb"
    shutil.copy(processed_db, database)
    first = _everything(database)
    with db.connect(database) as con:
        process(con)
    second = _everything(database)
    assert sum(len(records) for records in first.values()) > 10_000
    for table, records in first.items():
        assert records == second[table], table
