"""Bookkeeping every stage shares: one transaction a run; accounting and findings replaced on success."""

from __future__ import annotations

from pathlib import Path

import pytest

from calaccess import db, meta


def test_failed_run_keeps_previous_tables_accounting_and_findings(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    with meta.stage_run(con, "load") as run:
        con.execute("CREATE TABLE raw.example AS SELECT 1 AS x")
        run.account("example", rows_in=1, rows_out=1)
        run.find("note", "example", "first run")
    with pytest.raises(RuntimeError), meta.stage_run(con, "load") as run:
        con.execute("DROP TABLE raw.example")
        run.account("example", rows_in=9, rows_out=0, rows_set_aside=9)
        raise RuntimeError("the source broke half way")
    assert con.execute("SELECT x FROM raw.example").fetchall() == [(1,)]
    assert [(r.subject, r.rows_in) for r in meta.accounting(con, "load")] == [("example", 1)]
    assert meta.findings(con, "load") == [("load", "note", "example", "first run")]
    runs = con.execute("SELECT status, message FROM meta.run ORDER BY run_id").fetchall()
    assert runs == [("ok", None), ("failed", "RuntimeError: the source broke half way")]


def test_find_many_records_every_finding_with_its_detail(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    with meta.stage_run(con, "process") as run:
        run.find_many(("unmatched", f"candidate {i}", None if i % 2 else "no 501") for i in range(2_000))
    found = meta.findings(con, "process")
    assert len(found) == 2_000
    assert sum(detail == "no 501" for *_, detail in found) == 1_000


def test_a_new_run_replaces_the_stage_accounting_but_not_other_stages(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    with meta.stage_run(con, "load") as run:
        run.account("a", rows_in=2, rows_out=2)
    with meta.stage_run(con, "scrape") as run:
        run.account("pages", rows_in=3, rows_out=3)
    with meta.stage_run(con, "load") as run:
        run.account("b", rows_in=5, rows_out=4, rows_set_aside=1)
    assert [(r.stage, r.subject) for r in meta.accounting(con)] == [("load", "b"), ("scrape", "pages")]
