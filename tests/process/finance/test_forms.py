"""The form tables (schema `forms`): every version kept, the latest view only the current one, codes decoded,
and every raw row accounted for; on hand-made filings and on the real sample."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import duckdb
import pytest

from calaccess import meta
from calaccess.process import STEP_NAMES
from calaccess.process.finance import forms
from calaccess.raw.tables import TABLES as RAW_TABLES
from tests.process.small import Findings, add

#: The steps the forms need: every one before them (the elections make filer_alias; versions; filers).
THROUGH_FORMS = STEP_NAMES[: STEP_NAMES.index("forms") + 1]


def receipt(
    con: duckdb.DuckDBPyConnection, filing_id: int, amend_id: int, line: int, tran_id: str, **values: object
) -> None:
    row: dict[str, object] = {
        "filing_id": filing_id,
        "amend_id": amend_id,
        "line_item": line,
        "rec_type": "RCPT",
        "form_type": "A",
        "tran_id": tran_id,
        "entity_cd": "IND",
        "ctrib_naml": "Doe",
        "ctrib_namf": "Jane",
        "ctrib_emp": "Acme",
        "amount": "100.00",
        "cum_ytd": "100.00",
        "rcpt_date": "2016-03-01",
    }
    row.update(values)
    add(con, "raw.rcpt_cd", **row)


def cover(con: duckdb.DuckDBPyConnection, filing_id: int, amend_id: int, **values: object) -> None:
    row: dict[str, object] = {
        "filing_id": filing_id,
        "amend_id": amend_id,
        "rec_type": "CVR",
        "form_type": "F460",
        "filer_id": "1234567",
        "entity_cd": "RCP",
        "filer_naml": "Friends of Jane",
        "office_cd": "ASM",
        "juris_cd": "ASM",
        "sup_opp_cd": "s",
        "stmt_type": "QT",
        "from_date": "2016-01-01",
        "thru_date": "2016-03-31",
    }
    row.update(values)
    add(con, "raw.cvr_campaign_disclosure_cd", **row)


@pytest.fixture
def amended_460(
    small_db: duckdb.DuckDBPyConnection, steps: Callable[..., Findings]
) -> tuple[duckdb.DuckDBPyConnection, Findings]:
    """Filing 100, a Form 460 filed, then amended: the amendment drops line B and changes line A's amount."""
    con = small_db
    cover(con, 100, 0)
    cover(con, 100, 1, filer_naml="Friends of Jane Doe")
    receipt(con, 100, 0, 1, "A")
    receipt(con, 100, 0, 2, "B", entity_cd="COM", ctrib_naml="Teachers PAC", ctrib_namf=None, cmte_id="999")
    receipt(con, 100, 1, 1, "A", amount="150.00")
    receipt(con, 100, 1, 2, "C", form_type="F401A")  # a schedule of another form: set aside
    add(
        con,
        "raw.smry_cd",
        filing_id=100,
        amend_id=1,
        line_item="1",
        form_type="F460",
        amount_a="150.00",
        amount_b="250.00",
    )
    add(con, "raw.smry_cd", filing_id=100, amend_id=1, line_item="16", form_type="F460", amount_a="42.00")
    add(con, "raw.smry_cd", filing_id=100, amend_id=1, line_item="20", form_type="F460", amount_a="7.00")
    findings = steps(*THROUGH_FORMS)
    return con, findings


def test_all_versions_keep_every_version_and_the_latest_only_the_current_one(
    amended_460: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, _ = amended_460
    every = con.execute(
        "SELECT amend_id, tran_id, amount, is_current FROM forms.f460_schedule_a_all_versions ORDER BY ALL"
    ).fetchall()
    assert every == [
        (0, "A", Decimal("100.00"), False),
        (0, "B", Decimal("100.00"), False),
        (1, "A", Decimal("150.00"), True),
    ]
    latest = con.execute("SELECT amend_id, tran_id, amount FROM forms.f460_schedule_a").fetchall()
    assert latest == [(1, "A", Decimal("150.00"))]
    covers = con.execute(
        "SELECT amend_id, filer_name, is_current FROM forms.f460_cover ORDER BY ALL"
    ).fetchall()
    assert covers == [(1, "Friends of Jane Doe", True)]


def test_codes_are_decoded_and_names_read_plainly(
    amended_460: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, _ = amended_460
    line = con.execute(
        """SELECT contributor_name, contributor_type_code, contributor_type, contributor_committee_id,
                  contributor_employer, date, cumulative_ytd
           FROM forms.f460_schedule_a_all_versions WHERE tran_id = 'B'"""
    ).fetchone()
    assert line is not None
    assert line[:5] == ("Teachers PAC", "COM", "committee", "999", "Acme")
    cover_page = con.execute(
        """SELECT filer_type, office, jurisdiction, support_or_oppose_code, support_or_oppose, statement_type,
                  filer_id
           FROM forms.f460_cover"""
    ).fetchone()
    assert cover_page == (
        "recipient committee",
        "State Assembly",
        "Assembly district",
        "S",
        "support",
        "quarterly",
        "1234567",
    )


def test_summary_lines_are_kept_and_the_named_ones_pivoted(
    amended_460: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, _ = amended_460
    lines = con.execute(
        "SELECT line, line_description FROM forms.f460_summary_lines ORDER BY line"
    ).fetchall()
    assert lines == [
        ("1", "Monetary contributions (schedule A)"),
        ("16", "Ending cash balance"),
        ("20", None),
    ]
    summary = con.execute(
        "SELECT monetary_contributions, monetary_contributions_ytd, ending_cash, total_contributions "
        "FROM forms.f460_summary"
    ).fetchall()
    assert summary == [(Decimal("150.00"), Decimal("250.00"), Decimal("42.00"), None)]


def test_a_line_a_version_repeats_keeps_both_rows_numbered_and_the_key_unique(
    small_db: duckdb.DuckDBPyConnection, steps: Callable[..., Findings]
) -> None:
    """A summary line filed twice in one version (the full-size export has 258,500 such rows) is two
    rows, occurrence 1 and 2 in the order of their content, so (filing, version, schedule, line,
    occurrence) is a key the changelog and the data package can rely on; the repeat is a finding."""
    con = small_db
    cover(con, 100, 0)
    for amount in ("9.00", "7.00"):
        add(con, "raw.smry_cd", filing_id=100, amend_id=0, line_item="20", form_type="F460", amount_a=amount)
    add(con, "raw.smry_cd", filing_id=100, amend_id=0, line_item="1", form_type="F460", amount_a="5.00")
    findings = steps(*THROUGH_FORMS)
    rows = con.execute(
        "SELECT line, occurrence, amount_period FROM forms.f460_summary_lines_all_versions ORDER BY ALL"
    ).fetchall()
    assert rows == [("1", 1, Decimal("5.00")), ("20", 1, Decimal("7.00")), ("20", 2, Decimal("9.00"))]
    assert any(kind == "form summary line repeated" for kind, _, _ in findings)


def test_a_row_no_form_takes_is_set_aside_with_its_reason(
    amended_460: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, findings = amended_460
    assert (
        "form rows set aside",
        "rcpt_cd FORM_TYPE F401A",
        "FORM_TYPE F401A is no form or schedule a forms table takes (1 rows)",
    ) in findings
    (row,) = [row for row in meta.accounting(con, "process") if row.subject == "forms from rcpt_cd"]
    assert (row.rows_in, row.rows_out, row.rows_set_aside) == (4, 3, 1)
    assert row.balances


def test_an_unknown_code_keeps_its_code_and_is_a_finding(
    small_db: duckdb.DuckDBPyConnection, steps: Callable[..., Findings]
) -> None:
    receipt(small_db, 200, 0, 1, "A", entity_cd="ZZZ")
    findings = steps(*THROUGH_FORMS)
    row = small_db.execute(
        "SELECT contributor_type_code, contributor_type FROM forms.f460_schedule_a"
    ).fetchone()
    assert row == ("ZZZ", None)
    assert any(kind == "form code unknown" and "ZZZ" in (detail or "") for kind, _, detail in findings)


def test_every_forms_table_is_declared_and_built(
    amended_460: tuple[duckdb.DuckDBPyConnection, Findings],
) -> None:
    con, _ = amended_460
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
    assert built == {table.qualified_name: list(table.column_names) for table in forms.TABLES}
    for table in forms.TABLES:
        assert {"filing_id", "amend_id", "is_current", "filer_id"} <= set(table.column_names)


# --- On the real sample ----------------------------------------------------------------------------------


def newest_versions() -> str:
    """Every (filing_id, amend_id) of every raw table that has both, written here from the registry."""
    return " UNION ALL ".join(
        f"SELECT filing_id, amend_id FROM raw.{name} WHERE filing_id IS NOT NULL AND amend_id IS NOT NULL"
        for name, table in RAW_TABLES.items()
        if {"filing_id", "amend_id"} <= set(table.column_names)
    )


@pytest.mark.parametrize("form", forms.FORMS, ids=lambda form: form.name)
def test_each_all_versions_table_holds_the_raw_rows_of_its_form_types(
    real: duckdb.DuckDBPyConnection, form: forms.Form
) -> None:
    types = list(form.form_types)
    (raw,) = real.execute(
        f"SELECT count(*) FROM raw.{form.raw_table} "
        "WHERE upper(trim(form_type)) IN (SELECT unnest(?::VARCHAR[]))",
        [types],
    ).fetchone() or (0,)
    (built,) = real.execute(f"SELECT count(*) FROM forms.{form.name}_all_versions").fetchone() or (0,)
    assert built == raw
    # the latest view: exactly the rows whose version is the newest any raw table records for the filing
    (stale,) = real.execute(
        f"""WITH newest AS (
                SELECT filing_id, max(amend_id) AS amend_id FROM ({newest_versions()}) GROUP BY filing_id
            )
            SELECT count(*) FILTER (WHERE latest.amend_id <> newest.amend_id OR NOT latest.is_current)
            FROM forms.{form.name} AS latest JOIN newest USING (filing_id)"""
    ).fetchone() or (0,)
    assert stale == 0
    (latest, current, of_newest) = real.execute(
        f"""WITH newest AS (
                SELECT filing_id, max(amend_id) AS amend_id FROM ({newest_versions()}) GROUP BY filing_id
            )
            SELECT (SELECT count(*) FROM forms.{form.name}),
                   (SELECT count(*) FROM forms.{form.name}_all_versions WHERE is_current),
                   (SELECT count(*) FROM forms.{form.name}_all_versions
                    JOIN newest USING (filing_id, amend_id))"""
    ).fetchone() or (0, 0, 0)
    assert latest == current == of_newest


def test_every_source_row_is_accounted_for(real: duckdb.DuckDBPyConnection) -> None:
    rows = {
        row.subject: row for row in meta.accounting(real, "process") if row.subject.startswith("forms from ")
    }
    assert set(rows) == {f"forms from {name}" for name in forms.SOURCES}
    for row in rows.values():
        assert row.balances, row
        assert row.rows_out > 0
