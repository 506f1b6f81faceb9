"""The runner: a declared step runs its scripts, then its Python part, then records its accounting and the
findings its scripts reported; the registered steps name scripts that exist."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from calaccess import db, meta
from calaccess.process import STEP_NAMES, STEPS
from calaccess.process.reference import Reference
from calaccess.process.runner import Account, Step, StepRun, run_steps
from calaccess.process.scripts import Scripts

PROCESS_SRC = Path(__file__).resolve().parents[2] / "src" / "calaccess" / "process"


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    return db.connect(tmp_path / "calaccess.duckdb")


def _flag_the_listed(step: StepRun) -> None:
    step.con.execute("UPDATE listed SET flagged = n % 2 = 0")


def test_a_step_runs_scripts_then_python_then_counts_and_reports(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    (tmp_path / "sql").mkdir()
    (tmp_path / "sql" / "listed.sql").write_text(
        """CREATE OR REPLACE TEMP TABLE listed AS SELECT range AS n, NULL::BOOLEAN AS flagged FROM range(7);
           INSERT INTO process_finding SELECT 'odd number', CAST(n AS VARCHAR), 'not flagged'
           FROM listed WHERE n % 2 = 1;"""
    )
    step = Step(
        "listing",
        Scripts(tmp_path / "sql"),
        scripts=("listed",),
        python=_flag_the_listed,
        accounts=(
            Account(
                "listed numbers",
                {
                    "listed": "SELECT count(*) FROM listed",
                    "flagged": "SELECT count(*) FROM listed WHERE flagged",
                },
                rows_in="listed",
                rows_out="flagged",
                rows_set_aside="listed - flagged",
                note="{flagged} even, {listed - flagged} odd (findings)",
            ),
        ),
    )
    with meta.stage_run(con, "process") as run:
        seconds = run_steps(con, run, Reference.locate(), [step])
    assert list(seconds) == ["listing"]
    [row] = meta.accounting(con, "process")
    assert (row.subject, row.rows_in, row.rows_out, row.rows_set_aside) == ("listed numbers", 7, 4, 3)
    assert row.note == "4 even, 3 odd (findings)"
    assert row.balances
    found = con.execute("SELECT kind, subject, run_id FROM meta.finding ORDER BY subject").fetchall()
    assert found == [("odd number", n, run.run_id) for n in ("1", "3", "5")]


def test_step_names_are_unique_and_every_declared_script_exists() -> None:
    assert len(set(STEP_NAMES)) == len(STEP_NAMES)
    for step in STEPS:
        for name in step.scripts:
            assert step.sql.path(name).is_file(), f"{step.name}: {step.sql.path(name)}"


def test_scripts_report_findings_only_through_process_finding() -> None:
    """One way for a script to report: the runner stamps the run's stage and id on what it collects."""
    scripts = sorted(PROCESS_SRC.rglob("*.sql"))
    assert scripts
    for script in scripts:
        assert "meta.finding" not in script.read_text(encoding="utf-8"), script
