"""Lobbying, on a small world written row by row: a firm and its registration, an employer's quarterly report
in three versions with a Form 690 on the last, a lobbyist certified by the firm who reports a gift and a
contribution; each rule a user would check, as the few rows that show it."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import duckdb
import pytest

from calaccess.process import STEP_NAMES, keys
from tests.process.small import add

Steps = Callable[..., list[tuple[str, str, str | None]]]

FIRM, EMPLOYER, LOBBYIST = "1500001", "1500002", "1500003"
REGISTRATION, WITHDRAWAL, REPORT, CERTIFICATION, LOBBYIST_REPORT = 700, 701, 800, 900, 901


def _payment(
    con: duckdb.DuckDBPyConnection, amend_id: int, line_item: int, tran_id: str, amount: str
) -> None:
    add(
        con,
        "raw.lpay_cd",
        filing_id=REPORT,
        amend_id=amend_id,
        line_item=line_item,
        tran_id=tran_id,
        form_type="F635P3B",
        entity_cd="FRM",
        emplr_naml=f"FIRM OF {tran_id}",
        fees_amt=Decimal(amount),
        per_total=Decimal(amount),
        lby_actvty="AB 12",
    )


def build_world(con: duckdb.DuckDBPyConnection, *, reverse: bool = False) -> None:
    """The small lobbying world; `reverse` writes the report's versions in the other order."""
    add(
        con,
        "raw.filername_cd",
        xref_filer_id=FIRM,
        filer_id=int(FIRM),
        filer_type="FIRM",
        naml="CAPITOL ADVOCATES",
        effect_dt="2015-01-05",
    )
    add(
        con,
        "raw.filername_cd",
        xref_filer_id="E00042",
        filer_id=int(EMPLOYER),
        filer_type="EMPLOYER",
        naml="GROWERS ASSOCIATION",
        effect_dt="2015-01-01",
    )
    add(
        con,
        "raw.filername_cd",
        xref_filer_id=LOBBYIST,
        filer_id=int(LOBBYIST),
        filer_type="LOBBYIST",
        naml="SMITH",
        namf="JANE",
        effect_dt="2015-01-10",
    )
    # the firm registers for the 2015-16 session, and withdraws in June 2016
    add(
        con,
        "raw.cvr_registration_cd",
        filing_id=REGISTRATION,
        amend_id=0,
        form_type="F601",
        entity_cd="FRM",
        filer_id=FIRM,
        filer_naml="CAPITOL ADVOCATES LLP",
        rpt_date="2015-01-05",
        ls_beg_yr="2015",
        ls_end_yr="2016",
        qual_date="2015-01-05",
    )
    add(
        con,
        "raw.cvr_registration_cd",
        filing_id=WITHDRAWAL,
        amend_id=0,
        form_type="F607",
        entity_cd="FRM",
        filer_id=FIRM,
        filer_naml="CAPITOL ADVOCATES LLP",
        rpt_date="2016-06-30",
        eff_date="2016-06-30",
        ls_beg_yr="2015",
        ls_end_yr="2016",
    )
    # the employer (by its older id) registers with its industry
    add(
        con,
        "raw.cvr_registration_cd",
        filing_id=702,
        amend_id=0,
        form_type="F603",
        entity_cd="LEM",
        filer_id="E00042",
        filer_naml="GROWERS ASSOCIATION",
        rpt_date="2015-01-02",
        ls_beg_yr="2015",
        ls_end_yr="2016",
        ind_class="AGR",
        descrip_1="Farming",
    )
    # the lobbyist is certified by the firm
    add(
        con,
        "raw.cvr_registration_cd",
        filing_id=CERTIFICATION,
        amend_id=0,
        form_type="F604",
        entity_cd="LBY",
        filer_id=LOBBYIST,
        sender_id=FIRM,
        filer_naml="SMITH",
        filer_namf="JANE",
        firm_name="CAPITOL ADVOCATES",
        rpt_date="2015-01-12",
        ls_beg_yr="2015",
        ls_end_yr="2016",
        qual_date="2015-01-12",
    )
    # the employer's report for 2016 Q1, in three versions: T1 changes, T2 is dropped in the last, T3 added
    versions = [2, 1, 0] if reverse else [0, 1, 2]
    for amend_id in versions:
        add(
            con,
            "raw.cvr_lobby_disclosure_cd",
            filing_id=REPORT,
            amend_id=amend_id,
            form_type="F635",
            entity_cd="LEM",
            filer_id=EMPLOYER,
            filer_naml="GROWERS ASSOCIATION",
            rpt_date=f"2016-0{4 + amend_id}-30",
            from_date="2016-01-01",
            thru_date="2016-03-31",
            lby_actvty="AB 982, SENATE BILL 1881 and the Air Resources Board",
        )
        if amend_id < 2:
            _payment(con, amend_id, 1, "T1", "1000.00")
            _payment(con, amend_id, 2, "T2", "500.00")
        else:
            _payment(con, amend_id, 1, "T3", "50.00")
            _payment(con, amend_id, 2, "T1", "1200.00")
    add(
        con,
        "raw.f690p2_cd",
        filing_id=REPORT,
        amend_id=2,
        line_item=1,
        rec_type="F690",
        form_type="F635",
        exec_date="2016-06-30",
        chg_parts="III",
        chg_sects="B",
        amend_txt1="Corrects the fee paid to T1's firm",
    )
    # the lobbyist's own report: a lunch for an official, and a contribution
    add(
        con,
        "raw.cvr_lobby_disclosure_cd",
        filing_id=LOBBYIST_REPORT,
        amend_id=0,
        form_type="F615",
        entity_cd="FRM",
        filer_id=LOBBYIST,
        filer_naml="SMITH",
        filer_namf="JANE",
        rpt_date="2016-04-28",
        from_date="2016-01-01",
        thru_date="2016-03-31",
    )
    add(
        con,
        "raw.lexp_cd",
        filing_id=LOBBYIST_REPORT,
        amend_id=0,
        line_item=1,
        tran_id="X1",
        form_type="F615P1",
        entity_cd="OTH",
        payee_naml="CAPITOL GRILL",
        amount=Decimal("80.00"),
        expn_date="2016-02-01",
        expn_dscr="Lunch",
        bene_name="Sen. Pat Doe",
        bene_posit="State Senator",
        bene_amt=Decimal("40.00"),
    )
    add(
        con,
        "raw.lccm_cd",
        filing_id=LOBBYIST_REPORT,
        amend_id=0,
        line_item=1,
        tran_id="C1",
        form_type="F615P2",
        entity_cd="COM",
        recip_naml="DOE FOR SENATE 2016",
        recip_id="1399999",
        amount=Decimal("250.00"),
        ctrib_date="2016-03-01",
    )


@pytest.fixture
def world(small_db: duckdb.DuckDBPyConnection, steps: Steps) -> duckdb.DuckDBPyConnection:
    build_world(small_db)
    steps(*STEP_NAMES)
    return small_db


def _extras(con: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> dict[str, Any]:
    row = con.execute(sql, list(params)).fetchone()
    assert row is not None, sql
    return dict(json.loads(row[0]))


def _transactions(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, dict[str, Any]]:
    rows = con.execute(
        "SELECT identifier, id, amount_value, sender_entity_type, sender_organization_id, sender_person_id, "
        "recipient_entity_type, recipient_name, extras FROM ocd.transaction "
        "WHERE extras->>'calaccess_table' = ?",
        [table],
    ).fetchall()
    keys_ = (
        "id",
        "amount",
        "sender_type",
        "sender_organization",
        "sender_person",
        "recipient_type",
        "recipient",
    )
    return {row[0]: {**dict(zip(keys_, row[1:8], strict=True)), "extras": json.loads(row[8])} for row in rows}


def test_a_firm_is_an_organization_with_its_registration_and_withdrawal(
    world: duckdb.DuckDBPyConnection,
) -> None:
    firm = keys.lobbying_organization_id(FIRM)
    row = world.execute("SELECT name, classification FROM ocd.organization WHERE id = ?", [firm]).fetchone()
    assert row == ("CAPITOL ADVOCATES", "company")
    assert world.execute(
        "SELECT scheme, identifier FROM ocd.organization_identifier WHERE organization_id = ?", [firm]
    ).fetchall() == [("calaccess_filer_id", FIRM)]
    other_names = world.execute(
        "SELECT name FROM ocd.organization_other_name WHERE organization_id = ?", [firm]
    ).fetchall()
    assert ("CAPITOL ADVOCATES LLP",) in other_names
    extras = _extras(world, "SELECT extras FROM ocd.organization WHERE id = ?", firm)
    assert extras["kind"] == "lobbying firm"
    (registration,) = extras["registrations"]
    assert (registration["session"], registration["start_date"], registration["end_date"]) == (
        2015,
        "2015-01-05",
        "2016-06-30",
    )
    assert registration["ended_by"] == "withdrew (Form 607)"


def test_an_employer_known_by_its_older_id_keeps_its_industry(world: duckdb.DuckDBPyConnection) -> None:
    extras = _extras(
        world, "SELECT extras FROM ocd.organization WHERE id = ?", keys.lobbying_organization_id(EMPLOYER)
    )
    assert extras["kind"] == "lobbying employer"
    assert extras["interest"]["registered"]["industry_class"] == "AGR"
    assert extras["interest"]["registered"]["activity"] == "Farming"


def test_a_lobbyist_is_a_person_employed_by_the_firm_that_certified_them(
    world: duckdb.DuckDBPyConnection,
) -> None:
    person = keys.lobbyist_person_id(LOBBYIST)
    assert world.execute("SELECT name FROM ocd.person WHERE id = ?", [person]).fetchone() == ("JANE SMITH",)
    assert world.execute(
        "SELECT identifier FROM ocd.person_identifier WHERE person_id = ?", [person]
    ).fetchall() == [(LOBBYIST,)]
    membership = world.execute(
        "SELECT organization_id, role, start_date, end_date FROM ocd.membership WHERE person_id = ?", [person]
    ).fetchall()
    assert membership == [(keys.lobbying_organization_id(FIRM), "lobbyist", "2015-01-12", "2016")]


def test_a_report_has_an_action_per_version_the_latest_current(world: duckdb.DuckDBPyConnection) -> None:
    filing = keys.filing_id(REPORT)
    row = world.execute(
        "SELECT classification, filer_type, filer_id, coverage_start_date, coverage_end_date FROM ocd.filing "
        "WHERE id = ?",
        [filing],
    ).fetchone()
    assert row is not None
    assert row[:3] == ("F635", "organization", keys.lobbying_organization_id(EMPLOYER))
    assert [str(day) for day in row[3:]] == ["2016-01-01", "2016-03-31"]
    actions = world.execute(
        "SELECT extras->>'amend_id', is_current, supersedes_prior_versions, CAST(date AS VARCHAR) "
        "FROM ocd.filing_action WHERE filing_id = ? ORDER BY 1",
        [filing],
    ).fetchall()
    assert actions == [
        ("0", False, False, "2016-04-30"),
        ("1", False, True, "2016-05-30"),
        ("2", True, True, "2016-06-30"),
    ]


def test_a_form_690_stays_with_the_version_of_the_report_it_amends(world: duckdb.DuckDBPyConnection) -> None:
    extras = _extras(
        world, "SELECT extras FROM ocd.filing_action WHERE id = ?", keys.filing_action_id(REPORT, 2)
    )
    (change,) = extras["report_changes"]
    assert change["text"] == "Corrects the fee paid to T1's firm" and change["form_amended"] == "F635"
    assert world.execute("SELECT count(*) FROM ocd.filing WHERE classification = 'F690'").fetchone() == (0,)


def test_the_bills_lobbied_are_read_from_the_report_text(world: duckdb.DuckDBPyConnection) -> None:
    lobbied = _extras(world, "SELECT extras FROM ocd.filing WHERE id = ?", keys.filing_id(REPORT))["lobbied"]
    assert lobbied["bills"] == ["AB 12", "AB 982", "SB 1881"]
    assert {
        "what": "activity",
        "source": "cvr_lobby_disclosure_cd LBY_ACTVTY",
        "text": "AB 982, SENATE BILL 1881 and the Air Resources Board",
    } in lobbied["texts"]


def test_the_latest_version_that_carries_a_payment_wins(world: duckdb.DuckDBPyConnection) -> None:
    paid = _transactions(world, "lpay_cd")
    assert set(paid) == {"T1", "T2", "T3"}
    t1 = paid["T1"]
    assert (
        t1["amount"] == Decimal("1200.00")
        and t1["extras"]["amend_id"] == 2
        and t1["extras"]["line_item"] == 2
    )
    assert t1["extras"]["is_current"] is True and t1["extras"]["versions"] == 3
    assert (t1["sender_type"], t1["sender_organization"]) == (
        "organization",
        keys.lobbying_organization_id(EMPLOYER),
    )
    assert (t1["recipient_type"], t1["recipient"]) == ("organization", "FIRM OF T1")
    assert t1["id"] == keys.lobbying_transaction_id(REPORT, "lpay_cd", "F635P3B", "T1")


def test_a_payment_removed_in_the_last_version_is_not_current(world: duckdb.DuckDBPyConnection) -> None:
    t2 = _transactions(world, "lpay_cd")["T2"]
    assert t2["extras"]["amend_id"] == 1 and t2["extras"]["is_current"] is False
    assert t2["amount"] == Decimal("500.00")


def test_the_accounting_folds_earlier_versions_into_their_payment(world: duckdb.DuckDBPyConnection) -> None:
    row = world.execute(
        "SELECT rows_in, rows_out, rows_merged, rows_set_aside FROM meta.row_accounting "
        "WHERE subject = 'ocd.transaction from lpay_cd'"
    ).fetchone()
    assert row == (6, 3, 3, 0)


def test_a_gift_keeps_its_beneficiary_unlinked_when_no_office_holder_has_the_name(
    world: duckdb.DuckDBPyConnection,
) -> None:
    gift = _transactions(world, "lexp_cd")["X1"]
    assert gift["sender_person"] == keys.lobbyist_person_id(LOBBYIST) and gift["sender_type"] == "person"
    assert gift["recipient"] == "CAPITOL GRILL" and gift["amount"] == Decimal("80.00")
    beneficiary = gift["extras"]["beneficiary"]
    assert (beneficiary["name"], beneficiary["position"], beneficiary["amount"]) == (
        "Sen. Pat Doe",
        "State Senator",
        40,
    )
    assert beneficiary["person_id"] is None
    row = world.execute(
        "SELECT rows_in, rows_out, rows_unknown FROM meta.row_accounting "
        "WHERE subject = 'activity expense beneficiaries'"
    ).fetchone()
    assert row == (1, 0, 1)


def test_a_contribution_to_an_unknown_committee_keeps_the_name_as_printed(
    world: duckdb.DuckDBPyConnection,
) -> None:
    contribution = _transactions(world, "lccm_cd")["C1"]
    assert (contribution["recipient_type"], contribution["recipient"]) == ("committee", "DOE FOR SENATE 2016")
    assert contribution["extras"]["party_id_as_printed"] == "1399999"
    assert contribution["id"] != keys.transaction_id(LOBBYIST_REPORT, "lccm_cd", "F615P2", "C1")


def test_the_same_rows_give_the_same_ids_whatever_order_they_arrive_in(
    world: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    def ids(con: duckdb.DuckDBPyConnection) -> set[str]:
        rows = con.execute(
            "SELECT id FROM ocd.transaction UNION ALL SELECT id FROM ocd.filing "
            "UNION ALL SELECT id FROM ocd.filing_action UNION ALL SELECT id FROM ocd.membership "
            "UNION ALL SELECT id FROM ocd.organization UNION ALL SELECT id FROM ocd.person"
        ).fetchall()
        return {row[0] for row in rows}

    from calaccess import db
    from tests.process.small import create_tables_read_and_written, run_steps

    with duckdb.connect() as other:
        db.ensure_schemas(other)
        create_tables_read_and_written(other)
        build_world(other, reverse=True)
        run_steps(other, *STEP_NAMES)
        assert ids(other) == ids(world)
    assert keys.lobbying_transaction_id(REPORT, "lpay_cd", "F635P3B", "T3") in ids(world)
