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


def test_stages_come_in_data_flow_order_not_alphabetical(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    for stage in ("process", "scrape", "load"):
        with meta.stage_run(con, stage) as run:
            run.account("x", rows_in=1, rows_out=1)
            run.find("note", "x")
    assert [row.stage for row in meta.accounting(con)] == ["load", "scrape", "process"]
    assert [stage for stage, *_ in meta.findings(con)] == ["load", "scrape", "process"]
    assert [runs.latest.stage for runs in meta.stage_runs(con)] == ["load", "scrape", "process"]


def test_stage_runs_keep_the_last_good_run_beside_a_failed_one(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    with meta.stage_run(con, "load", source="first.zip"):
        pass
    with meta.stage_run(con, "load", source="second.zip"):
        pass
    with pytest.raises(RuntimeError), meta.stage_run(con, "load", source="third.zip"):
        raise RuntimeError("bad zip")
    (load,) = meta.stage_runs(con)
    assert (load.latest.source, load.latest.status, load.latest.message) == (
        "third.zip",
        "failed",
        "RuntimeError: bad zip",
    )
    assert load.last_ok is not None and load.last_ok.source == "second.zip"
    assert load.last_ok.elapsed_s is not None and load.last_ok.elapsed_s > 0
    assert meta.stage_runs(con, "scrape") == []


def test_findings_are_counted_by_kind_and_listed_by_kind_up_to_a_limit(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    with meta.stage_run(con, "process") as run:
        run.find_many(("common", f"subject {i:03}", None) for i in range(120))
        run.find("rare", "one")
    assert meta.finding_counts(con) == [("process", "common", 120), ("process", "rare", 1)]
    assert [subject for _, _, subject, _ in meta.findings(con, kinds=["common"], limit=3)] == [
        "subject 000",
        "subject 001",
        "subject 002",
    ]
    assert meta.findings(con, kinds=["rare"]) == [("process", "rare", "one", None)]
    assert len(meta.findings(con)) == 121
