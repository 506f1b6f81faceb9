"""Bookkeeping every stage shares: one transaction a run; accounting and findings replaced on success."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from calaccess import db, meta
from calaccess.raw.source import ensure_snapshot_table
from calaccess.tables import Table


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


# --- The meta tables, declared once ----------------------------------------------------------------------


def _made(con: duckdb.DuckDBPyConnection, table: Table) -> list[tuple[Any, ...]]:
    return con.execute(
        "SELECT column_name, data_type, is_nullable = 'YES', column_default FROM information_schema.columns "
        "WHERE table_schema = 'meta' AND table_name = ? ORDER BY ordinal_position",
        [table.name],
    ).fetchall()


def _declared(table: Table) -> list[tuple[Any, ...]]:
    # information_schema spells TIMESTAMPTZ out
    spelled = {"TIMESTAMPTZ": "TIMESTAMP WITH TIME ZONE"}
    return [(c.name, spelled.get(c.duckdb_type, c.duckdb_type), c.nullable, c.default) for c in table.columns]


def test_every_database_has_the_meta_tables_as_declared(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    made = {
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'meta'"
        ).fetchall()
    }
    # meta.snapshot comes with the first download, made from its declaration
    assert made == {table.name for table in meta.TABLES} - {"snapshot"}
    ensure_snapshot_table(con)
    for table in meta.TABLES:
        assert _made(con, table) == _declared(table), table.name
    keys = con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
        "WHERE schema_name = 'meta' AND constraint_type = 'PRIMARY KEY' ORDER BY table_name"
    ).fetchall()
    assert keys == sorted((t.name, list(t.key)) for t in meta.TABLES if t.enforce_key)


def test_the_person_tables_the_process_writes_are_the_declared_ones(processed_db: Path) -> None:
    """person.sql makes them whole (CREATE OR REPLACE ... AS); they must come out as declared."""
    with duckdb.connect(str(processed_db), read_only=True) as con:
        for table in (meta.PERSON_MERGE, meta.PERSON_ID_REPLACEMENT):
            assert _made(con, table) == _declared(table), table.name
            assert con.execute(f"SELECT count(*) > 0 FROM {table.qualified_name}").fetchone() == (True,)


def test_a_database_made_before_merged_and_unknown_rows_gains_them(tmp_path: Path) -> None:
    path = tmp_path / "calaccess.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute("CREATE SCHEMA meta")
        old.execute(
            """CREATE TABLE meta.row_accounting (stage VARCHAR NOT NULL, subject VARCHAR NOT NULL,
                   rows_in BIGINT NOT NULL, rows_out BIGINT NOT NULL, rows_repaired BIGINT NOT NULL DEFAULT 0,
                   rows_set_aside BIGINT NOT NULL DEFAULT 0, note VARCHAR, run_id BIGINT NOT NULL,
                   PRIMARY KEY (stage, subject))"""
        )
        old.execute("INSERT INTO meta.row_accounting VALUES ('load', 'rcpt_cd', 3, 2, 0, 1, NULL, 1)")
    with db.connect(path) as con:
        (row,) = meta.accounting(con)
    assert (row.rows_in, row.rows_out, row.rows_merged, row.rows_unknown, row.rows_set_aside) == (
        3,
        2,
        0,
        0,
        1,
    )
    assert row.balances


def test_the_meta_data_dictionary_documents_every_column() -> None:
    text = meta.markdown()
    for table in meta.TABLES:
        assert f"## `meta.{table.name}`" in text
        for column in table.columns:
            assert f"| `{column.name}` | {column.duckdb_type} | {column.description} |" in text
