"""The lobbying money (schema `lobbying`): an employer's and a firm's totals per quarter and session, the
gifts to named officials, and the reconciliation of Forms 635 and 625; on hand-made reports and on the
real sample."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from calaccess import db, meta
from calaccess.process import STEP_NAMES
from tests.process.lobbying.test_forms import payment, report_cover
from tests.process.small import Findings, add, create_tables_read_and_written, run_steps

D = Decimal


def summary(con: duckdb.DuckDBPyConnection, filing_id: int, form_type: str, line: str, amount: str) -> None:
    add(
        con,
        "raw.smry_cd",
        filing_id=filing_id,
        amend_id=0,
        line_item=line,
        rec_type="SMRY",
        form_type=form_type,
        amount_a=amount,
    )


def gift(con: duckdb.DuckDBPyConnection, filing_id: int, line: int, form_type: str, **values: Any) -> None:
    row: dict[str, Any] = {
        "filing_id": filing_id,
        "amend_id": 0,
        "line_item": line,
        "rec_type": "LEXP",
        "form_type": form_type,
        "tran_id": f"X{line}",
        "recsubtype": "1",
        "entity_cd": "OTH",
        "payee_naml": "Chops Steakhouse",
        "bene_name": "Sen. Ann Gray",
        "bene_posit": "State Senator",
        "bene_amt": "85.50",
        "expn_dscr": "Dinner",
        "expn_date": "2015-02-02",
        "amount": "171.00",
    }
    row.update(values)
    add(con, "raw.lexp_cd", **row)


def build_lobbying_world(con: duckdb.DuckDBPyConnection) -> Findings:
    # employer 1234: a 635 for 2015 Q1 that reconciles, and one for 2016 Q2 whose firms do not add up
    add(con, "raw.filer_filings_cd", filer_id=1234, filing_id=501, form_id="F635", filing_sequence=0)
    report_cover(con, 501, 0, from_date="2015-01-01", thru_date="2015-03-31")
    payment(con, 501, 0, 1, "P1", per_total="1000.00")
    payment(con, 501, 0, 2, "P2", emplr_naml="Second Firm Inc", emplr_id="F00888", per_total="500.00")
    payment(con, 501, 0, 3, "P3", per_total="999.00", memo_code=True)  # a memo line: never added
    gift(con, 501, 1, "F635P3C")
    gift(
        con,
        501,
        2,
        "F635P3C",
        recsubtype="2",
        bene_name="Ms. Lee",
        bene_posit="Spouse",
        bene_amt="85.50",
        amount=None,
    )
    gift(con, 501, 3, "F635P3C", bene_name=None, bene_posit=None, bene_amt=None, amount="20.00")
    gift(con, 501, 4, "F635P3C", recsubtype="2", bene_name="SEE ATTACHMENT A", bene_amt=None, amount=None)
    add(
        con,
        "raw.cvr2_lobby_disclosure_cd",
        filing_id=501,
        amend_id=0,
        line_item=1,
        rec_type="CVR2",
        form_type="F635",
        tran_id="N1",
        entity_cd="EMP",
        enty_naml="Poe",
        enty_namf="Edgar",
    )
    summary(con, 501, "F635P3B", "0", "1500.00")
    summary(con, 501, "F635", "B", "1500.00")
    summary(con, 501, "F635", "C", "191.00")
    summary(con, 501, "F635P3C", "0", "191.00")
    summary(con, 501, "F635", "ABCD", "1691.00")
    add(con, "raw.filer_filings_cd", filer_id=1234, filing_id=502, form_id="F635", filing_sequence=0)
    report_cover(con, 502, 0, from_date="2016-04-01", thru_date="2016-06-30")
    payment(con, 502, 0, 1, "P1", per_total="700.00")
    summary(con, 502, "F635P3B", "0", "750.00")  # the part's total says 750.00: a finding
    # firm F00999: a 625 for 2015 Q1 with no part II total: its itemised payments stand in
    add(con, "raw.filer_filings_cd", filer_id=999, filing_id=601, form_id="F625", filing_sequence=0)
    report_cover(
        con,
        601,
        0,
        form_type="F625",
        filer_id="F00999",
        entity_cd="FRM",
        filer_naml="Capitol Advocacy LLC",
        from_date="2015-01-01",
        thru_date="2015-03-31",
    )
    payment(
        con,
        601,
        0,
        1,
        "R1",
        form_type="F625P2",
        entity_cd="LEM",
        emplr_naml="Acme Water District",
        emplr_id="E00123",
        per_total="1000.00",
    )
    # a 635 whose filer nothing names: set aside
    payment(con, 701, 0, 1, "P1")
    build_firm_clients(con)
    build_state_contributions(con)
    return run_steps(con, *STEP_NAMES)


def client(con: duckdb.DuckDBPyConnection, amend_id: int, line: int, form_type: str, **values: Any) -> None:
    row: dict[str, Any] = {
        "filing_id": 801,
        "amend_id": amend_id,
        "line_item": line,
        "rec_type": "LEMP",
        "form_type": form_type,
        "eff_date": "2015-01-05",
    }
    row.update(values)
    add(con, "raw.lemp_cd", **row)


def build_firm_clients(con: duckdb.DuckDBPyConnection) -> None:
    """Firm 999's Form 601 in two versions, and the state's employer-firm table (its two copies)."""
    add(con, "raw.filer_filings_cd", filer_id=999, filing_id=801, form_id="F601", filing_sequence=0)
    # the first version lists a client the amendment drops
    client(con, 0, 1, "F601P2A", client_id="E00123", cli_naml="Acme Water District")
    client(con, 0, 2, "F601P2A", cli_naml="Old Client Co")
    # the current version: Acme again, twice (two contract periods), and a client under firm F00888
    client(con, 1, 1, "F601P2A", client_id="E00123", cli_naml="Acme Water District", con_period="2015")
    client(
        con,
        1,
        2,
        "F601P2A",
        client_id="E00123",
        cli_naml="ACME WATER DISTRICT",
        eff_date="2017-01-04",
        con_period="2017",
        descrip="Water rates",
    )
    client(
        con,
        1,
        3,
        "F601P2B",
        cli_naml="Delta  Farms",
        subfirm_id="F00888",
        sub_name="Second Firm Inc",
        descrip="Farm water",
    )
    client(con, 1, 4, "F601P2A", cli_naml="Undated Client", eff_date=None)  # no session: set aside
    for copy in ("raw.lobbyist_employer_firms1_cd", "raw.lobbyist_employer_firms2_cd"):
        add(con, copy, employer_id=1234, firm_id=999, firm_name="CAPITOL ADVOCACY", session_id=1999)


@pytest.fixture(scope="module")
def world() -> Iterator[tuple[duckdb.DuckDBPyConnection, Findings]]:
    with duckdb.connect() as con:
        db.ensure_schemas(con)
        create_tables_read_and_written(con)
        yield con, build_lobbying_world(con)


def test_an_employer_is_totalled_per_quarter_and_session(world: Any) -> None:
    con, _ = world
    quarters = con.execute(
        "SELECT session, year, quarter, total_payments, total_from, reported_payments_to_firms,"
        " itemised_payments_to_firms, firms_paid, firm_names, itemised_activity_expenses, lobbyists,"
        " lobbyist_names FROM lobbying.employer_quarter_totals WHERE employer_filer_id = '1234' ORDER BY ALL"
    ).fetchall()
    assert quarters == [
        (
            2015,
            2015,
            1,
            D("1691.00"),
            "reported",
            D("1500.00"),
            D("1500.00"),
            2,
            "Capitol Advocacy LLC; Second Firm Inc",
            D("171.00") + D("20.00"),
            1,
            "Edgar Poe",
        ),
        (
            2015,
            2016,
            2,
            D("700.00"),
            "itemised",
            None,
            D("700.00"),
            1,
            "Capitol Advocacy LLC",
            D("0"),
            0,
            None,
        ),
    ]
    session = con.execute(
        "SELECT reports, total_payments, total_from, firms_paid, period_start, period_end"
        " FROM lobbying.employer_session_totals WHERE employer_filer_id = '1234'"
    ).fetchall()
    assert session == [(2, D("2391.00"), "both", 2, date(2015, 1, 1), date(2016, 6, 30))]


def test_a_firm_is_totalled_from_its_itemised_payments_when_it_reports_no_total(world: Any) -> None:
    con, _ = world
    quarter = con.execute(
        "SELECT firm_name, session, quarter, total_payments_received, total_from, employers, employer_names"
        " FROM lobbying.firm_quarter_totals WHERE firm_filer_id = '999'"
    ).fetchall()
    session = con.execute(
        "SELECT firm_name, session, total_payments_received, total_from, employers"
        " FROM lobbying.firm_session_totals WHERE firm_filer_id = '999'"
    ).fetchall()
    assert session == [("Capitol Advocacy LLC", 2015, D("1000.00"), "itemised", 1)]
    firm = quarter
    assert firm == [("Capitol Advocacy LLC", 2015, 1, D("1000.00"), "itemised", 1, "Acme Water District")]


def test_a_report_no_filer_names_is_set_aside_and_counted(world: Any) -> None:
    con, _ = world
    rows = {row.subject: row for row in meta.accounting(con, "process")}
    employer = rows["lobbying.employer_quarter_totals (Form 635)"]
    assert (employer.rows_in, employer.rows_out, employer.rows_set_aside) == (3, 2, 1)
    assert employer.balances and employer.note is not None and "1 no filer known" in employer.note
    assert rows["lobbying.firm_quarter_totals (Form 625)"].balances


def test_every_gift_to_a_named_official_is_listed_with_its_payer(world: Any) -> None:
    con, _ = world
    gifts = con.execute(
        "SELECT beneficiary_name, beneficiary_position, date, amount, expense_amount, payee_name, payer_name,"
        " payer_type, form FROM lobbying.official_gifts WHERE line_item < 4 ORDER BY line_item"
    ).fetchall()
    assert gifts == [
        (
            "Sen. Ann Gray",
            "State Senator",
            date(2015, 2, 2),
            D("85.50"),
            D("171.00"),
            "Chops Steakhouse",
            "Acme Water District",
            "lobbyist employer",
            "F635",
        ),
        (
            "Ms. Lee",
            "Spouse",
            date(2015, 2, 2),
            D("85.50"),
            None,
            "Chops Steakhouse",
            "Acme Water District",
            "lobbyist employer",
            "F635",
        ),
    ]
    (row,) = [row for row in meta.accounting(con, "process") if row.subject == "lobbying.official_gifts"]
    assert (row.rows_in, row.rows_out, row.rows_set_aside) == (4, 3, 1)


def test_gifts_are_added_per_official_and_session_and_a_pointer_names_no_one(world: Any) -> None:
    con, findings = world
    officials = con.execute(
        "SELECT official_key, beneficiary_name, session, positions, gifts, amount, payers, payer_names"
        " FROM lobbying.official_gift_totals ORDER BY ALL"
    ).fetchall()
    assert officials == [
        ("MS. LEE", "Ms. Lee", 2015, "Spouse", 1, D("85.50"), 1, "Acme Water District"),
        ("SEN. ANN GRAY", "Sen. Ann Gray", 2015, "State Senator", 1, D("85.50"), 1, "Acme Water District"),
    ]
    assert (
        "gift beneficiary not a name",
        "filing 501 amendment 0 line 4",
        "Form 635 activity expense names its beneficiary as 'SEE ATTACHMENT A': the official is not in "
        "the export",
    ) in findings
    (row,) = [
        row for row in meta.accounting(con, "process") if row.subject == "lobbying.official_gift_totals"
    ]
    assert (row.rows_in, row.rows_out, row.rows_set_aside) == (3, 2, 1)
    assert row.balances


def test_a_report_whose_lines_add_up_reconciles(world: Any) -> None:
    con, _ = world
    found = {
        (part, line): (status, itemised, reported)
        for part, line, status, itemised, reported in con.execute(
            "SELECT part, summary_line, status, itemised_amount, reported_amount"
            " FROM lobbying.report_reconciliation WHERE filing_id = 501"
        ).fetchall()
    }
    assert found == {
        ("F635P3B", "F635P3B 0"): ("reconciles", D("1500.00"), D("1500.00")),
        ("F635P3B", "F635 B"): ("reconciles", D("1500.00"), D("1500.00")),
        ("F635P3C", "F635P3C 0"): ("reconciles", D("191.00"), D("191.00")),
        ("F635P3C", "F635 C"): ("reconciles", D("191.00"), D("191.00")),
    }


def test_a_report_whose_lines_do_not_add_up_differs_with_a_finding(world: Any) -> None:
    con, findings = world
    (row,) = con.execute(
        "SELECT status, itemised_amount, reported_amount, difference FROM lobbying.report_reconciliation"
        " WHERE filing_id = 502 AND status <> 'not comparable'"
    ).fetchall()
    assert row == ("differs", D("700.00"), D("750.00"), D("-50.00"))
    differences = [(s, d) for kind, s, d in findings if kind == "lobbying report does not reconcile"]
    assert len(differences) == 1
    subject, detail = differences[0]
    assert subject == "filing 502 amendment 0 F635P3B against F635P3B 0"
    assert detail is not None and "itemised 700.00" in detail and "reports 750.00" in detail
    assert "difference -50.00" in detail
    rows = {row.subject: row for row in meta.accounting(con, "process")}
    versions = rows["forms 635 and 625 versions reconciled"]
    assert (versions.rows_in, versions.rows_out) == (4, 2)
    assert versions.balances and rows["forms 635 and 625 parts reconciled"].balances


def build_state_contributions(con: duckdb.DuckDBPyConnection) -> None:
    """The state's table of lobbyists' contributions: two equal rows (two equal contributions), one
    more from the same firm, and one that names no contributor."""
    row = {
        "filer_id": 999,
        "filing_period_start_dt": "2015-01-01",
        "filing_period_end_dt": "2015-03-31",
        "recipient_name": "Friends of Ann Gray",
        "recipient_id": 1_300_000,
        "amount": "250.00",
    }
    add(con, "raw.lobbyist_contributions3_cd", **row)
    add(con, "raw.lobbyist_contributions3_cd", **row)
    add(con, "raw.lobbyist_contributions3_cd", **{**row, "amount": "100.00"})
    add(con, "raw.lobbyist_contributions3_cd", **{**row, "filer_id": None})
    add(con, "raw.lobbyist_contributions1_cd", **{**row, "amount": "1.00"})  # a working copy: not read


def test_the_state_s_table_of_lobbyists_contributions_keeps_every_row(world: Any) -> None:
    """Two equal rows stay two contributions, numbered; the contributor links to the firm; the row that
    names no contributor is set aside and counted; the working copies are not read."""
    con, _ = world
    rows = con.execute(
        "SELECT ordinal, contributor_filer_id, contributor_name, contributor_organization_id IS NOT NULL,"
        " recipient_filer_id, recipient_name, amount FROM lobbying.state_lobbyist_contributions"
        " ORDER BY amount, ordinal"
    ).fetchall()
    assert rows == [
        (1, "999", "CAPITOL ADVOCACY", True, "1300000", "Friends of Ann Gray", D("100.00")),
        (1, "999", "CAPITOL ADVOCACY", True, "1300000", "Friends of Ann Gray", D("250.00")),
        (2, "999", "CAPITOL ADVOCACY", True, "1300000", "Friends of Ann Gray", D("250.00")),
    ]
    (keys,) = con.execute(
        "SELECT count(DISTINCT contribution_key) FROM lobbying.state_lobbyist_contributions"
    ).fetchone() or (0,)
    assert keys == 3
    accounted = {row.subject: row for row in meta.accounting(con, "process")}
    state = accounted["lobbying.state_lobbyist_contributions"]
    assert (state.rows_in, state.rows_out, state.rows_set_aside) == (4, 3, 1) and state.balances


def test_a_firm_s_clients_come_from_its_current_registration_and_the_state_s_table(world: Any) -> None:
    """One row per firm, client, session and relationship: Acme's lines of 2015 and 2017 are two
    sessions; the client only the first version listed is gone; the subcontracted client keeps the firm
    holding its contract; the state's two identical copies give one row; the undated line is set aside."""
    con, _ = world
    rows = con.execute(
        "SELECT client_key, client_name, session, relationship, subcontracting_firm_filer_id, effective_date,"
        " contract_periods, lobbying_interests, registration_filing_id, sources"
        " FROM lobbying.firm_clients WHERE firm_filer_id = '999' ORDER BY session, client_key"
    ).fetchall()
    # the firm is named by its organization, which the state's table names where nothing else does
    assert con.execute(
        "SELECT DISTINCT firm_name FROM lobbying.firm_clients WHERE firm_filer_id = '999'"
    ).fetchall() == [("CAPITOL ADVOCACY",)]
    assert rows == [
        (
            "1234",
            "Lobbying filer 1234",
            1999,
            "employer",
            None,
            None,
            None,
            None,
            None,
            "LOBBYIST_EMPLOYER_FIRMS_CD",
        ),
        (
            "DELTA FARMS",
            "Delta  Farms",
            2015,
            "subcontracted client",
            "F00888",
            date(2015, 1, 5),
            None,
            "Farm water",
            801,
            "Form 601",
        ),
        (
            "E00123",
            "Acme Water District",
            2015,
            "employer",
            None,
            date(2015, 1, 5),
            "2015",
            None,
            801,
            "Form 601",
        ),
        (
            "E00123",
            "Acme Water District",
            2017,
            "employer",
            None,
            date(2017, 1, 4),
            "2017",
            "Water rates",
            801,
            "Form 601",
        ),
    ]
    accounted = {row.subject: row for row in meta.accounting(con, "process")}["lobbying.firm_clients"]
    assert (accounted.rows_in, accounted.rows_out, accounted.rows_set_aside) == (5, 4, 1)
    assert accounted.balances


# --- the real sample ----------------------------------------------------------------------------------


def test_the_sample_totals_balance_and_add_up(real: duckdb.DuckDBPyConnection) -> None:
    rows = {row.subject: row for row in meta.accounting(real, "process")}
    for subject in (
        "lobbying.employer_quarter_totals (Form 635)",
        "lobbying.firm_quarter_totals (Form 625)",
        "lobbying.official_gifts",
        "lobbying.official_gift_totals",
        "lobbying.firm_clients",
        "lobbying.state_lobbyist_contributions",
        "forms 635 and 625 versions reconciled",
        "forms 635 and 625 parts reconciled",
    ):
        assert rows[subject].balances, rows[subject]
        assert rows[subject].rows_out > 0
    # the sessions add up their quarters
    (quarters, sessions) = real.execute(
        "SELECT (SELECT sum(reports) FROM lobbying.employer_quarter_totals),"
        " (SELECT sum(reports) FROM lobbying.employer_session_totals)"
    ).fetchone() or (0, 0)
    assert quarters == sessions
    # every gift is a current version's line that names a beneficiary
    (gifts, named) = real.execute(
        "SELECT (SELECT count(*) FROM lobbying.official_gifts), (SELECT"
        " (SELECT count(*) FROM forms.f615_activity_expenses WHERE beneficiary_name IS NOT NULL)"
        " + (SELECT count(*) FROM forms.f625_activity_expenses WHERE beneficiary_name IS NOT NULL)"
        " + (SELECT count(*) FROM forms.f635_activity_expenses WHERE beneficiary_name IS NOT NULL)"
        " + (SELECT count(*) FROM forms.f645_activity_expenses WHERE beneficiary_name IS NOT NULL))"
    ).fetchone() or (0, 0)
    assert gifts == named > 0


def test_the_sample_differences_are_findings(real: duckdb.DuckDBPyConnection) -> None:
    (differs,) = real.execute(
        "SELECT count(*) FROM lobbying.report_reconciliation WHERE status = 'differs'"
    ).fetchone() or (0,)
    kinds = {kind: count for _, kind, count in meta.finding_counts(real, "process")}
    assert kinds.get("lobbying report does not reconcile", 0) == differs
