"""Form 460 reconciliation: each schedule's itemised total against its summary line, on hand-made filings
that must reconcile and must differ, and on the real sample."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from calaccess import db, meta
from calaccess.process import STEP_NAMES
from tests.process.finance.test_money import cover, receipt
from tests.process.small import Findings, add, create_tables_read_and_written, run_steps

D = Decimal


def schedule_summary(
    con: duckdb.DuckDBPyConnection, filing_id: int, schedule: str, line: str, amount: str
) -> None:
    add(
        con,
        "raw.smry_cd",
        filing_id=filing_id,
        amend_id=0,
        line_item=line,
        rec_type="SMRY",
        form_type=schedule,
        amount_a=amount,
    )


def build_reconciliation_world(con: duckdb.DuckDBPyConnection) -> Findings:
    # 7001 reconciles: A line 1 reports 900.00 = 500 + 400 (the memo line's 300.00 apart); E reports 0
    cover(con, 7001, "F460", "1001")
    schedule_summary(con, 7001, "A", "1", "900.00")
    schedule_summary(con, 7001, "A", "3", "1234.00")  # the schedule's total line is not the itemised one
    receipt(con, 7001, "R1", "500.00")
    receipt(con, 7001, "R2", "400.00", line_item=2)
    receipt(con, 7001, "R3", "300.00", line_item=3, memo_code=True)
    schedule_summary(con, 7001, "E", "1", "0.00")
    # 7002 differs: A line 1 reports 1000.00, its items add to 900.00; C reports 50.00 with no C item
    cover(con, 7002, "F460", "1002")
    schedule_summary(con, 7002, "A", "1", "1000.00")
    receipt(con, 7002, "R1", "500.00")
    receipt(con, 7002, "R2", "400.00", line_item=2)
    schedule_summary(con, 7002, "C", "1", "50.00")
    # 7003 is not comparable: E line 1 reports 75.00, and EXPN_CD holds no row of the filing at all
    cover(con, 7003, "F460", "1003")
    schedule_summary(con, 7003, "E", "1", "75.00")
    # 7004 is not comparable: items but no summary line
    cover(con, 7004, "F460", "1004")
    receipt(con, 7004, "R1", "10.00")
    return run_steps(con, *STEP_NAMES)


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[duckdb.DuckDBPyConnection, Findings]]:
    with duckdb.connect() as con:
        db.ensure_schemas(con)
        create_tables_read_and_written(con)
        yield con, build_reconciliation_world(con)


def statuses(con: duckdb.DuckDBPyConnection) -> dict[tuple[int, str], tuple[str, Any, Any]]:
    rows = con.execute(
        "SELECT filing_id, schedule, status, itemised_amount, reported_amount"
        " FROM finance.form460_reconciliation"
    ).fetchall()
    return {
        (filing, schedule): (status, itemised, reported)
        for filing, schedule, status, itemised, reported in rows
    }


def test_a_460_whose_items_add_up_to_its_summary_reconciles(world: Any) -> None:
    con, _ = world
    found = statuses(con)
    assert found[(7001, "A")] == ("reconciles", D("900.00"), D("900.00"))
    assert found[(7001, "E")] == ("reconciles", D("0.00"), D("0.00"))


def test_a_460_whose_items_do_not_add_up_differs_with_a_finding(world: Any) -> None:
    con, findings = world
    found = statuses(con)
    assert found[(7002, "A")] == ("differs", D("900.00"), D("1000.00"))
    assert found[(7002, "C")] == ("differs", D("0.00"), D("50.00"))
    differences = [
        (subject, detail) for kind, subject, detail in findings if kind == "form 460 does not reconcile"
    ]
    assert len(differences) == 2
    subject, detail = sorted(differences)[0]
    assert subject == "filing 7002 amendment 0 schedule A"
    assert detail is not None and "itemised 900.00" in detail and "reports 1000.00" in detail
    assert "difference -100.00" in detail


def test_missing_items_or_summary_are_not_comparable_and_no_finding(world: Any) -> None:
    con, findings = world
    found = statuses(con)
    assert found[(7003, "E")][0] == "not comparable"
    assert found[(7004, "A")][0] == "not comparable"
    assert not any(
        "7003" in subject or "7004" in subject
        for kind, subject, _ in findings
        if kind == "form 460 does not reconcile"
    )


def test_the_versions_are_counted_by_what_they_show(world: Any) -> None:
    con, _ = world
    rows = {row.subject: row for row in meta.accounting(con, "process")}
    versions = rows["form 460 versions reconciled"]
    assert (versions.rows_in, versions.rows_out, versions.rows_unknown) == (4, 2, 2)
    assert versions.note is not None and "1 versions whose compared" in versions.note
    assert versions.balances and rows["form 460 schedules reconciled"].balances


# --- the real sample ----------------------------------------------------------------------------------


def test_the_sample_reconciliation_is_what_the_raw_tables_say(real: duckdb.DuckDBPyConnection) -> None:
    """Each compared schedule's itemised sum, recomputed from raw.* row by row in Python."""
    compared = real.execute(
        "SELECT filing_id, amend_id, schedule, itemised_amount, reported_amount, status"
        " FROM finance.form460_reconciliation WHERE status <> 'not comparable'"
    ).fetchall()
    assert compared, "the sample has schedules to compare"
    tables = {"A": "rcpt_cd", "C": "rcpt_cd", "E": "expn_cd", "B1": "loan_cd"}
    for filing_id, amend_id, schedule, itemised, reported, status in compared:
        amount, kind = ("loan_amt1", "loan_type") if schedule == "B1" else ("amount", "NULL")
        items = real.execute(
            f"SELECT {amount}, memo_code, {kind} FROM raw.{tables[schedule]}"
            " WHERE filing_id = ? AND amend_id = ? AND form_type = ?",
            [filing_id, amend_id, schedule],
        ).fetchall()
        total = sum((value or D(0) for value, memo, kind in items if not memo and kind != "B1G"), D(0))
        assert total == itemised
        assert status == ("reconciles" if total == reported else "differs")


def test_the_sample_differences_are_findings(real: duckdb.DuckDBPyConnection) -> None:
    differs = real.execute(
        "SELECT count(*) FROM finance.form460_reconciliation WHERE status = 'differs'"
    ).fetchone()
    kinds = {kind: count for _, kind, count in meta.finding_counts(real, "process")}
    assert differs is not None and kinds.get("form 460 does not reconcile", 0) == differs[0]
