"""The money behind each race: hand-made committees, candidates and measures whose totals a reporter can add
up by hand, and the real sample's accounting."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from calaccess import db, meta
from calaccess.process import STEP_NAMES
from calaccess.process.finance.versions import version_tables
from calaccess.process.keys import committee_id
from tests.process.small import Findings, add, create_tables_read_and_written, run_steps

D = Decimal


def form460(
    con: duckdb.DuckDBPyConnection,
    filing_id: int,
    filer_id: str,
    period: tuple[str, str],
    summary: dict[str, str],
    *,
    amend_id: int = 0,
) -> None:
    """A Form 460 version: its cover (period, filer) and its summary page lines (line -> AMOUNT_A)."""
    add(
        con,
        "raw.cvr_campaign_disclosure_cd",
        filing_id=filing_id,
        amend_id=amend_id,
        rec_type="CVR",
        form_type="F460",
        filer_id=filer_id,
        from_date=period[0],
        thru_date=period[1],
    )
    for line, amount in summary.items():
        add(
            con,
            "raw.smry_cd",
            filing_id=filing_id,
            amend_id=amend_id,
            line_item=line,
            rec_type="SMRY",
            form_type="F460",
            amount_a=amount,
        )


def receipt(con: duckdb.DuckDBPyConnection, filing_id: int, tran_id: str, amount: str, **values: Any) -> None:
    row: dict[str, Any] = {
        "filing_id": filing_id,
        "amend_id": 0,
        "line_item": 1,
        "rec_type": "RCPT",
        "form_type": "A",
        "tran_id": tran_id,
        "amount": amount,
        "entity_cd": "IND",
    }
    row.update(values)
    add(con, "raw.rcpt_cd", **row)


def cover(con: duckdb.DuckDBPyConnection, filing_id: int, form: str, filer_id: str, **values: Any) -> None:
    add(
        con,
        "raw.cvr_campaign_disclosure_cd",
        filing_id=filing_id,
        amend_id=0,
        rec_type="CVR",
        form_type=form,
        filer_id=filer_id,
        **values,
    )


def build_money_world(con: duckdb.DuckDBPyConnection) -> Findings:
    # Committee 1001, cycle 2016: two 460s (the second amended once), then a 497 with one contribution
    # inside the second 460's period (reported again) and one after it.
    form460(
        con,
        5001,
        "1001",
        ("2015-01-01", "2015-06-30"),
        {"5": "1000.00", "11": "400.00", "2": "100.00", "16": "600.00"},
    )
    receipt(con, 5001, "R1", "500.00")
    receipt(con, 5001, "R2", "400.00", line_item=2)
    receipt(con, 5001, "R3", "300.00", line_item=3, memo_code=True)  # a memo line: never counted
    add(
        con,
        "raw.expn_cd",
        filing_id=5001,
        amend_id=0,
        line_item=1,
        rec_type="EXPN",
        form_type="E",
        tran_id="E1",
        amount="400.00",
    )
    add(
        con,
        "raw.expn_cd",
        filing_id=5001,
        amend_id=0,
        line_item=2,
        rec_type="EXPN",
        form_type="E",
        tran_id="E2",
        amount="50.00",
        memo_code=True,
    )
    add(
        con,
        "raw.loan_cd",
        filing_id=5001,
        amend_id=0,
        line_item=1,
        rec_type="LOAN",
        form_type="B1",
        tran_id="L1",
        loan_type="B1L",
        loan_amt1="100.00",
    )
    form460(con, 5002, "1001", ("2016-07-01", "2016-09-30"), {"5": "9999.00", "16": "1.00"})
    form460(
        con,
        5002,
        "1001",
        ("2016-07-01", "2016-09-30"),
        {"5": "2000.50", "11": "1000.25", "2": "0.00", "16": "1600.25"},
        amend_id=1,
    )
    cover(con, 5003, "F497", "1001")
    for line, (day, amount) in enumerate((("2016-09-15", "250.00"), ("2016-10-10", "750.00")), start=1):
        add(
            con,
            "raw.s497_cd",
            filing_id=5003,
            amend_id=0,
            line_item=line,
            rec_type="S497",
            form_type="F497P1",
            tran_id=f"L{line}",
            ctrib_date=day,
            amount=amount,
        )

    # A candidate's two controlled committees, 2001 and 2002; 2001 took 1000.00 from 2002.
    add(con, "ocd.election", id="ocd-election/e2016p", name="2016 PRIMARY", date="2016-06-07")
    add(
        con,
        "ocd.candidate_contest",
        id="ocd-contest/c1",
        name="ASSEMBLY 1",
        election_id="ocd-election/e2016p",
    )
    add(con, "ocd.candidacy", id="ocd-candidacy/x", contest_id="ocd-contest/c1", candidate_name="DOE, JANE")
    for filer in ("2001", "2002"):
        add(
            con,
            "ocd.committee_candidacy_designation",
            committee_id=committee_id(filer),
            candidacy_id="ocd-candidacy/x",
            designation="primary vehicle for",
        )
    form460(con, 6001, "2001", ("2016-01-01", "2016-06-30"), {"5": "5000.00", "16": "2000.00"})
    receipt(con, 6001, "T1", "1000.00", entity_cd="COM", cmte_id="#2002")
    receipt(con, 6001, "T2", "4000.00", line_item=2)
    form460(con, 6002, "2002", ("2016-01-01", "2016-06-30"), {"5": "3000.00", "16": "500.00"})

    # A measure with a supporting and an opposing committee, and a late independent expenditure for it.
    add(con, "ocd.election", id="ocd-election/e2016g", name="2016 GENERAL", date="2016-11-08")
    add(
        con,
        "ocd.ballot_measure_contest",
        id="ocd-contest/m12",
        name="Proposition 12",
        election_id="ocd-election/e2016g",
    )
    add(
        con,
        "ocd.committee_ballot_measure_option_supported",
        committee_id=committee_id("3001"),
        ballot_measure_contest_id="ocd-contest/m12",
        option="yes",
    )
    add(
        con,
        "ocd.committee_ballot_measure_option_supported",
        committee_id=committee_id("3002"),
        ballot_measure_contest_id="ocd-contest/m12",
        option="no",
    )
    form460(con, 6101, "3001", ("2016-07-01", "2016-09-30"), {"5": "10000.00", "11": "8000.00"})
    form460(con, 6102, "3002", ("2016-07-01", "2016-09-30"), {"5": "2500.00", "11": "2400.00"})
    cover(con, 6201, "F496", "4001", bal_num="12", bal_juris="Statewide", sup_opp_cd="S")
    add(
        con,
        "raw.s496_cd",
        filing_id=6201,
        amend_id=0,
        line_item=1,
        rec_type="S496",
        form_type="F496",
        tran_id="I1",
        amount="123.45",
        exp_date="2016-10-20",
    )
    return run_steps(con, *STEP_NAMES)


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[duckdb.DuckDBPyConnection, Findings]]:
    with duckdb.connect() as con:
        db.ensure_schemas(con)
        create_tables_read_and_written(con)
        yield con, build_money_world(con)


def one(con: duckdb.DuckDBPyConnection, sql: str, *parameters: Any) -> dict[str, Any]:
    cursor = con.execute(sql, list(parameters))
    rows = cursor.fetchall()
    assert len(rows) == 1, rows
    return dict(zip([column[0] for column in cursor.description], rows[0], strict=True))


def test_a_committee_cycle_adds_its_460s_and_the_late_contributions_after_them(world: Any) -> None:
    con, _ = world
    totals = one(con, "SELECT * FROM finance.committee_cycle_totals WHERE filer_id = '1001'")
    assert totals["cycle"] == 2016
    assert totals["statements"] == 2
    # the current versions only: 5002's amendment, not its 9999.00 original
    assert totals["raised"] == D("3000.50")
    assert totals["spent"] == D("1400.25")
    assert totals["loans_received"] == D("100.00")
    assert (totals["cash_on_hand"], str(totals["cash_on_hand_on"])) == (D("1600.25"), "2016-09-30")
    # the 497 line of 2016-09-15 is inside the last 460's period: that 460 reports it again
    assert totals["late_contributions"] == D("750.00")
    assert totals["late_contributions_reported_again"] == D("250.00")
    assert totals["raised_including_late"] == D("3750.50")


def test_memo_lines_are_not_counted_in_the_itemised_totals(world: Any) -> None:
    con, _ = world
    totals = one(con, "SELECT * FROM finance.committee_cycle_totals WHERE filer_id = '1001'")
    assert totals["itemised_contributions"] == D("900.00")  # 500 + 400, the 300.00 memo line apart
    assert totals["itemised_expenditures"] == D("400.00")
    assert totals["itemised_loans_received"] == D("100.00")


def test_money_moved_between_a_candidates_committees_is_raised_once(world: Any) -> None:
    con, _ = world
    totals = one(con, "SELECT * FROM finance.candidacy_totals WHERE candidacy_id = 'ocd-candidacy/x'")
    assert (totals["cycle"], totals["committees"], totals["committees_reporting"]) == (2016, 2, 2)
    assert totals["raised"] == D("8000.00")
    assert totals["moved_between_own_committees"] == D("1000.00")
    assert totals["raised_total"] == D("7000.00")
    assert totals["cash_on_hand"] == D("2500.00")


def test_a_measure_has_the_totals_of_each_side_and_the_independent_expenditures(world: Any) -> None:
    con, _ = world
    rows = con.execute(
        "SELECT option, raised, spent, independent_expenditures FROM finance.ballot_measure_totals"
        " WHERE ballot_measure_contest_id = 'ocd-contest/m12' ORDER BY option"
    ).fetchall()
    assert rows == [
        ("no", D("2500.00"), D("2400.00"), D("0.00")),
        ("yes", D("10000.00"), D("8000.00"), D("123.45")),
    ]
    ie = one(con, "SELECT * FROM finance.independent_expenditure_totals")
    assert (ie["target"], ie["position"], ie["cycle"]) == ("measure 12 (Statewide)", "support", 2016)
    assert ie["ballot_measure_contest_id"] == "ocd-contest/m12"


def test_amounts_are_exact_decimals(world: Any) -> None:
    con, _ = world
    types = con.execute(
        "SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = 'finance'"
        " AND (column_name LIKE '%raised%' OR column_name LIKE '%amount%' OR column_name = 'cash_on_hand')"
    ).fetchall()
    assert types == [("DECIMAL(18,2)",)]


def test_the_money_accounting_balances(world: Any) -> None:
    con, _ = world
    # the hand-made measure and candidacy rows unbalance the elections' own accounting: only money's here
    rows = {row.subject: row for row in meta.accounting(con, "process") if row.subject.startswith("finance.")}
    late = rows["finance.committee_cycle_totals (Form 497 late contributions)"]
    assert (late.rows_in, late.rows_out, late.rows_merged) == (2, 1, 1)
    assert rows["finance.candidacy_totals"].rows_out == 1
    assert rows["finance.ballot_measure_totals"].rows_out == 2
    assert all(row.balances for row in rows.values())


# --- the real sample ----------------------------------------------------------------------------------


def test_the_sample_money_accounting_balances(real: duckdb.DuckDBPyConnection) -> None:
    rows = [row for row in meta.accounting(real, "process") if row.subject.startswith("finance.")]
    assert len(rows) == 5
    assert all(row.balances for row in rows)


def test_the_sample_late_contributions_counted_are_the_497_lines_after_the_460s(
    real: duckdb.DuckDBPyConnection,
) -> None:
    # every F497P1 line of a current version (the highest AMEND_ID any raw table records for the filing:
    # the sample holds 497 lines of versions that a later cover amends), not a memo, dated: counted or
    # reported again, to the cent
    latest = " UNION ALL ".join(f"SELECT filing_id, amend_id FROM raw.{name}" for name in version_tables())
    row = real.execute(
        f"WITH latest AS (SELECT filing_id, max(amend_id) AS amend_id FROM ({latest}) GROUP BY filing_id)"
        " SELECT sum(amount) FROM raw.s497_cd JOIN latest USING (filing_id, amend_id)"
        " WHERE form_type = 'F497P1' AND NOT coalesce(memo_code, false) AND ctrib_date IS NOT NULL"
    ).fetchone()
    totals = real.execute(
        "SELECT sum(late_contributions + late_contributions_reported_again)"
        " FROM finance.committee_cycle_totals"
    ).fetchone()
    assert row is not None and totals is not None
    assert totals[0] == row[0] and row[0] > 0
