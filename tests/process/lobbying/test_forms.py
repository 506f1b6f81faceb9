"""The lobbying form tables (schema `forms`, Forms 601 to 690): every version kept, the latest view only the
current one, codes decoded, the filer resolved, and every raw row accounted for; on hand-made filings and
on the real sample."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import duckdb
import pytest

from calaccess import meta
from calaccess.process import STEP_NAMES
from calaccess.process.finance import forms as campaign
from calaccess.process.lobbying import forms
from tests.process.small import Findings, add

#: The steps the lobbying forms need: every one before them (versions, the elections' filer_alias).
THROUGH_LOBBYING_FORMS = STEP_NAMES[: STEP_NAMES.index("lobbying forms") + 1]


def report_cover(con: duckdb.DuckDBPyConnection, filing_id: int, amend_id: int, **values: object) -> None:
    row: dict[str, object] = {
        "filing_id": filing_id,
        "amend_id": amend_id,
        "rec_type": "CVR",
        "form_type": "F635",
        "filer_id": "E00123",
        "entity_cd": "LEM",
        "filer_naml": "Acme Water District",
        "from_date": "2016-01-01",
        "thru_date": "2016-03-31",
        "cum_beg_dt": "2015-01-01",
        "sig_naml": "Roe",
        "sig_namf": "Jan",
        "sig_title": "General Manager",
    }
    row.update(values)
    add(con, "raw.cvr_lobby_disclosure_cd", **row)


def payment(
    con: duckdb.DuckDBPyConnection, filing_id: int, amend_id: int, line: int, tran_id: str, **values: object
) -> None:
    row: dict[str, object] = {
        "filing_id": filing_id,
        "amend_id": amend_id,
        "line_item": line,
        "rec_type": "LPAY",
        "form_type": "F635P3B",
        "tran_id": tran_id,
        "entity_cd": "FRM",
        "emplr_naml": "Capitol Advocacy LLC",
        "emplr_id": "F00999",
        "fees_amt": "1000.00",
        "reimb_amt": "0.00",
        "advan_amt": "0.00",
        "per_total": "1000.00",
        "cum_total": "3000.00",
    }
    row.update(values)
    add(con, "raw.lpay_cd", **row)


@pytest.fixture
def amended_635(
    small_db: duckdb.DuckDBPyConnection, steps: Callable[..., Findings]
) -> tuple[duckdb.DuckDBPyConnection, Findings]:
    """Filing 300, a Form 635 filed, then amended: the amendment drops firm B and raises firm A's fees."""
    con = small_db
    add(con, "raw.filer_filings_cd", filer_id=1234, filing_id=300, form_id="F635", filing_sequence=1)
    report_cover(con, 300, 0)
    report_cover(con, 300, 1, filer_naml="Acme Water District of California")
    payment(con, 300, 0, 1, "A")
    payment(con, 300, 0, 2, "B", emplr_naml="Second Firm Inc", entity_cd="OTH")
    payment(con, 300, 1, 1, "A", fees_amt="1500.00", per_total="1500.00")
    payment(con, 300, 1, 2, "Z", form_type="F699")  # no lobbying schedule: set aside
    add(
        con,
        "raw.lexp_cd",
        filing_id=300,
        amend_id=1,
        line_item=1,
        rec_type="LEXP",
        form_type="F635P3C",
        tran_id="X1",
        recsubtype="1",
        entity_cd="OTH",
        payee_naml="Chops Steakhouse",
        bene_name="Sen. Ann Gray",
        bene_posit="State Senator",
        bene_amt="85.50",
        expn_dscr="Dinner",
        expn_date="2016-02-02",
        amount="171.00",
    )
    for line, amount_a in (("B", "1500.00"), ("ABCD", "1671.00")):
        add(
            con,
            "raw.smry_cd",
            filing_id=300,
            amend_id=1,
            line_item=line,
            rec_type="SMRY",
            form_type="F635",
            amount_a=amount_a,
        )
    return con, steps(*THROUGH_LOBBYING_FORMS)


def test_every_version_is_kept_and_the_latest_shows_only_the_current_one(
    amended_635: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, _ = amended_635
    every = con.execute(
        "SELECT amend_id, tran_id, firm_name, fees, is_current"
        " FROM forms.f635_payments_to_firms_all_versions ORDER BY ALL"
    ).fetchall()
    assert every == [
        (0, "A", "Capitol Advocacy LLC", Decimal("1000.00"), False),
        (0, "B", "Second Firm Inc", Decimal("1000.00"), False),
        (1, "A", "Capitol Advocacy LLC", Decimal("1500.00"), True),
    ]
    latest = con.execute(
        "SELECT amend_id, tran_id, period_total FROM forms.f635_payments_to_firms"
    ).fetchall()
    assert latest == [(1, "A", Decimal("1500.00"))]
    covers = con.execute("SELECT amend_id, filer_name FROM forms.f635_cover").fetchall()
    assert covers == [(1, "Acme Water District of California")]
    assert con.execute("SELECT count(*) FROM forms.f635_cover_all_versions").fetchone() == (2,)


def test_codes_are_decoded_and_the_filer_is_the_states_index(
    amended_635: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, _ = amended_635
    cover = con.execute(
        "SELECT filer_id, filer_id_as_written, filer_type_code, filer_type, signer_name, signer_position, "
        "period_end FROM forms.f635_cover"
    ).fetchone()
    assert cover is not None
    assert cover[:6] == ("1234", "E00123", "LEM", "lobbyist employer", "Jan Roe", "General Manager")
    firm = con.execute(
        "SELECT firm_type_code, firm_type, firm_id, filer_id FROM forms.f635_payments_to_firms"
    ).fetchone()
    assert firm == ("FRM", "lobbying firm", "F00999", "1234")


def test_an_activity_expense_names_its_beneficiary(
    amended_635: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, _ = amended_635
    gift = con.execute(
        "SELECT payee_name, beneficiary_name, beneficiary_position, beneficiary_amount, amount, date,"
        " is_memo FROM forms.f635_activity_expenses"
    ).fetchone()
    assert gift is not None
    assert gift[:5] == (
        "Chops Steakhouse",
        "Sen. Ann Gray",
        "State Senator",
        Decimal("85.50"),
        Decimal("171.00"),
    )
    assert gift[6] is False


def test_summary_lines_are_the_lobbying_forms_not_the_campaign_ones(
    amended_635: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, findings = amended_635
    lines = con.execute(
        "SELECT schedule, line, line_description, amount_period FROM forms.f635_summary_lines ORDER BY line"
    ).fetchall()
    assert lines == [
        ("F635", "ABCD", "Part III: total payments this period (sections A to D)", Decimal("1671.00")),
        ("F635", "B", "Part III B: payments to lobbying firms", Decimal("1500.00")),
    ]
    rows = {row.subject: row for row in meta.accounting(con, "process")}
    # SMRY_CD is shared: its F635 rows are the lobbying forms' to count, and no campaign set-aside
    assert (rows["lobbying forms from smry_cd"].rows_in, rows["lobbying forms from smry_cd"].rows_out) == (
        2,
        2,
    )
    assert rows["forms from smry_cd"].rows_in == 0
    assert not any(kind == "form rows set aside" and "smry_cd" in subject for kind, subject, _ in findings)


def test_a_row_no_lobbying_form_takes_is_set_aside_with_its_reason(
    amended_635: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, findings = amended_635
    assert (
        "form rows set aside",
        "lpay_cd FORM_TYPE F699",
        "FORM_TYPE F699 is no form or schedule a forms table takes (1 rows)",
    ) in findings
    (row,) = [row for row in meta.accounting(con, "process") if row.subject == "lobbying forms from lpay_cd"]
    assert (row.rows_in, row.rows_out, row.rows_set_aside) == (4, 3, 1)
    assert row.balances


def test_registrations_and_their_lists_and_amendments(
    small_db: duckdb.DuckDBPyConnection, steps: Callable[..., Findings]
) -> None:
    con = small_db
    add(
        con,
        "raw.cvr_registration_cd",
        filing_id=400,
        amend_id=0,
        rec_type="CVR",
        form_type="F601",
        filer_id="F00999",
        entity_cd="FRM",
        filer_naml="Capitol Advocacy LLC",
        ls_beg_yr="2015",
        ls_end_yr="2016",
    )
    add(
        con,
        "raw.lemp_cd",
        filing_id=400,
        amend_id=0,
        line_item=1,
        rec_type="LEMP",
        form_type="F601P2A",
        client_id="E00123",
        cli_naml="Acme Water District",
        con_period="Continuing",
    )
    add(
        con,
        "raw.cvr2_registration_cd",
        filing_id=400,
        amend_id=0,
        line_item=1,
        rec_type="CVR2",
        form_type="F601",
        tran_id="L1",
        entity_cd="LBY",
        enty_naml="Poe",
        enty_namf="Edgar",
    )
    add(
        con,
        "raw.lobby_amendments_cd",
        filing_id=400,
        amend_id=1,
        rec_type="F605",
        form_type="F601",
        add_l_cb=True,
        a_l_naml="Vega",
        a_l_namf="Ana",
        add_l_eff="2016-05-01",
    )
    steps(*THROUGH_LOBBYING_FORMS)
    assert con.execute(
        "SELECT filer_id, filer_type, session_start_year, session_end_year, is_current"
        " FROM forms.f601_cover_all_versions"
    ).fetchall() == [("F00999", "lobbying firm", "2015", "2016", False)]
    # the amendment (Form 605, version 1) is the filing's current version: the original's lines stay in
    # the all-versions tables only
    assert con.execute("SELECT count(*) FROM forms.f601_cover").fetchone() == (0,)
    assert con.execute(
        "SELECT client_name, contract_period FROM forms.f601_employers_all_versions"
    ).fetchall() == [("Acme Water District", "Continuing")]
    assert con.execute("SELECT entity_type, entity_name FROM forms.f601_names_all_versions").fetchall() == [
        ("lobbyist", "Edgar Poe")
    ]
    assert con.execute(
        "SELECT schedule, adds_lobbyist, added_lobbyist_name, added_lobbyist_date FROM forms.f605_amendments"
    ).fetchall() == [("F601", True, "Ana Vega", date(2016, 5, 1))]


def test_every_lobbying_forms_table_is_declared_and_built(
    amended_635: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, _ = amended_635
    declared = {table.qualified_name: list(table.column_names) for table in forms.TABLES}
    built = {
        f"forms.{name}": [
            column
            for (column,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'forms' AND table_name = ? "
                "ORDER BY column_index",
                [name],
            ).fetchall()
        ]
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'forms' "
            "UNION SELECT view_name FROM duckdb_views() WHERE schema_name = 'forms'"
        ).fetchall()
    }
    campaign_names = {table.qualified_name for table in campaign.TABLES}
    assert {name: columns for name, columns in built.items() if name not in campaign_names} == declared
    for table in forms.TABLES:
        assert {"filing_id", "amend_id", "is_current", "filer_id"} <= set(table.column_names)


# --- On the real sample ----------------------------------------------------------------------------------


@pytest.mark.parametrize("form", forms.FORMS, ids=lambda form: form.name)
def test_each_all_versions_table_holds_the_raw_rows_of_its_form_types(
    real: duckdb.DuckDBPyConnection, form: campaign.Form
) -> None:
    (raw,) = real.execute(
        f"SELECT count(*) FROM raw.{form.raw_table} "
        "WHERE upper(trim(form_type)) IN (SELECT unnest(?::VARCHAR[]))",
        [list(form.form_types)],
    ).fetchone() or (0,)
    (built,) = real.execute(f"SELECT count(*) FROM forms.{form.name}_all_versions").fetchone() or (0,)
    assert built == raw
    (latest, current) = real.execute(
        f"SELECT (SELECT count(*) FROM forms.{form.name}), "
        f"(SELECT count(*) FROM forms.{form.name}_all_versions WHERE is_current)"
    ).fetchone() or (0, 0)
    assert latest == current


def test_every_lobbying_source_row_is_accounted_for(real: duckdb.DuckDBPyConnection) -> None:
    rows = {
        row.subject: row
        for row in meta.accounting(real, "process")
        if row.subject.startswith("lobbying forms from ")
    }
    assert set(rows) == {f"lobbying forms from {name}" for name in forms.SOURCES}
    for row in rows.values():
        assert row.balances, row
        assert row.rows_out > 0
    # SMRY_CD is counted whole across the two domains, each row once
    (smry,) = real.execute("SELECT count(*) FROM raw.smry_cd").fetchone() or (0,)
    campaign_smry = next(r for r in meta.accounting(real, "process") if r.subject == "forms from smry_cd")
    assert campaign_smry.rows_in + rows["lobbying forms from smry_cd"].rows_in == smry
