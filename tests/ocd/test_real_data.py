"""The OCD layer on the real pipeline's output (../shared through load, scrape and process)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from calaccess.ocd.ocd_json import export_ocd_json
from calaccess.ocd.types import BY_NAME, TYPES
from calaccess.ocd.validate import validate_database


def test_real_database_validates_in_sql_and_findings_name_real_fields(processed_db: Path) -> None:
    with duckdb.connect(str(processed_db), read_only=True) as con:
        findings = validate_database(con)
    for finding in findings:
        ocd_type = BY_NAME[finding.type]
        known = {f.name for f in ocd_type.fields} | {c.name for c in ocd_type.children}
        assert finding.field.split(".")[0] in known, finding


def test_ocd_json_export_of_the_real_database_loses_no_record(processed_db: Path, tmp_path: Path) -> None:
    with duckdb.connect(str(processed_db), read_only=True) as con:
        written = export_ocd_json(con, tmp_path)
        for ocd_type in TYPES:
            row = con.execute(f"SELECT count(*) FROM ocd.{ocd_type.table}").fetchone()
            assert row is not None
            assert written[f"{ocd_type.table}.jsonl"] == row[0], ocd_type.name
    elections = [
        json.loads(line) for line in (tmp_path / "election.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert elections, "the sample pipeline yields elections"
    assert all(e["id"].startswith("ocd-election/") and e["date"] for e in elections)
