"""Filings and their versions: one Filing per campaign filing, one FilingAction per version (the latest
current), Form 460 summary amounts labelled and exact; and on the real sample, every campaign filing, the
measure committees and no dangling filer."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal

import duckdb

from calaccess.process import keys
from calaccess.process.reference import Reference
from tests.process.finance.test_committees import THROUGH_FILINGS
from tests.process.small import add

REFERENCE = Reference.locate(None).divisions_csv.parent

Steps = Callable[..., list[tuple[str, str, str | None]]]


def test_three_versions_of_a_filing_are_three_actions_and_the_latest_is_current(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    for amend_id, reported in ((0, "2016-04-28"), (1, "2016-06-01"), (2, "2016-09-15")):
        add(
            small_db,
            "raw.cvr_campaign_disclosure_cd",
            filing_id=900,
            amend_id=amend_id,
            form_type="F460",
            filer_id="1400001",
            filer_naml="FRIENDS OF THE RIVER",
            rpt_date=reported,
            from_date="2016-01-01",
            thru_date="2016-04-23" if amend_id < 2 else "2016-04-30",
            tres_naml="PENNY",
            tres_namf="ANN",
        )
    add(
        small_db,
        "raw.smry_cd",
        filing_id=900,
        amend_id=2,
        line_item="1",
        form_type="F460",
        amount_a=Decimal("1234.56"),
        amount_b=Decimal("20000.01"),
    )
    add(
        small_db,
        "raw.smry_cd",
        filing_id=900,
        amend_id=2,
        line_item="3",
        form_type="A",
        amount_a=Decimal("7.10"),
    )
    steps(*THROUGH_FILINGS)
    actions = small_db.execute(
        "SELECT id, description, date, is_current, supersedes_prior_versions FROM ocd.filing_action "
        "ORDER BY date"
    ).fetchall()
    assert actions == [
        (keys.filing_action_id(900, 0), "original", dt.date(2016, 4, 28), False, False),
        (keys.filing_action_id(900, 1), "amendment 1", dt.date(2016, 6, 1), False, True),
        (keys.filing_action_id(900, 2), "amendment 2", dt.date(2016, 9, 15), True, True),
    ]
    filing = small_db.execute(
        "SELECT id, classification, filer_id, coverage_start_date, coverage_end_date, recipient_id, extras "
        "FROM ocd.filing"
    ).fetchall()
    assert len(filing) == 1
    fid, form, filer, start, end, recipient, extras = filing[0]
    assert (fid, form, filer) == (keys.filing_id(900), "F460", keys.committee_id(1400001))
    assert (start, end) == (dt.date(2016, 1, 1), dt.date(2016, 4, 30))  # the latest cover's period
    assert recipient == keys.organization_id("secretary_of_state", "California Secretary of State")
    assert json.loads(extras)["latest_amend_id"] == 2
    assert small_db.execute(
        "SELECT label, value, currency FROM ocd.filing_action_summary_amount WHERE filing_action_id = ? "
        "ORDER BY label",
        [keys.filing_action_id(900, 2)],
    ).fetchall() == [
        ("Line 1: monetary contributions (calendar year to date)", Decimal("20000.01"), "USD"),
        ("Line 1: monetary contributions (this period)", Decimal("1234.56"), "USD"),
        ("Schedule A line 3: total monetary contributions (column A)", Decimal("7.10"), "USD"),
    ]
    assert small_db.execute("SELECT DISTINCT name, role FROM ocd.filing_action_agent").fetchall() == [
        ("ANN PENNY", "treasurer")
    ]


def test_a_version_with_no_date_of_its_own_is_dated_by_a_bound_said_so(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    add(
        small_db,
        "raw.cvr_campaign_disclosure_cd",
        filing_id=901,
        amend_id=0,
        form_type="F460",
        filer_id="1400001",
        rpt_date="2016-04-28",
    )
    # amendment 1 is known only from a debt schedule line, which carries no date
    add(
        small_db,
        "raw.debt_cd",
        filing_id=901,
        amend_id=1,
        line_item=1,
        form_type="F",
        tran_id="D1",
        entity_cd="OTH",
        payee_naml="PRINTER",
        amt_incur=Decimal("10.00"),
    )
    findings = steps(*THROUGH_FILINGS)
    row = small_db.execute(
        "SELECT date, is_current, extras->>'date_from' FROM ocd.filing_action WHERE id = ?",
        [keys.filing_action_id(901, 1)],
    ).fetchone()
    assert row == (dt.date(2016, 4, 28), True, "an earlier version's date (a lower bound)")
    assert any(kind == "filing version dated by a fallback" for kind, _, _ in findings)


# ---------------------------------------------------------------------------------------------------------
# the real sample


def campaign_forms() -> set[str]:
    """The campaign forms as forms.csv lists them, read here rather than through the pipeline's SQL."""
    with (REFERENCE / "forms.csv").open(newline="", encoding="utf-8") as listed:
        return {
            row["form_id"]
            for row in csv.DictReader(listed)
            if row["group"] == "CAMPAIGN"
            or (row["group"] == "Deprecated" and row["form_id"].startswith("F4"))
        }


def test_every_campaign_filing_of_the_sample_is_one_filing_with_one_current_action(
    real: duckdb.DuckDBPyConnection,
) -> None:
    indexed = real.execute(
        "SELECT filing_id, upper(trim(form_id)) FROM raw.filer_filings_cd WHERE filing_id IS NOT NULL"
    ).fetchall()
    campaign = {filing_id for filing_id, form in indexed if form in campaign_forms()}
    filings = {
        int(row[0])
        for row in real.execute("SELECT extras->>'calaccess_filing_id' FROM ocd.filing").fetchall()
    }
    assert campaign and campaign <= filings
    # the campaign filings (the lobbying domain's are beside them, extras.domain 'lobbying')
    assert real.execute(
        "SELECT count(*), count(DISTINCT id) FROM ocd.filing "
        "WHERE extras->>'domain' IS DISTINCT FROM 'lobbying'"
    ).fetchone() == (14503, 14503)
    assert real.execute(
        "SELECT count(*) FROM ocd.filing AS f WHERE (SELECT count(*) FROM ocd.filing_action AS a "
        "WHERE a.filing_id = f.id AND a.is_current) <> 1"
    ).fetchone() == (0,)


def test_the_measure_committees_keep_their_ids_and_no_filer_dangles(real: duckdb.DuckDBPyConnection) -> None:
    measure_filers = {
        row[0] for row in real.execute("SELECT DISTINCT filer_id FROM scraped.measure_committees").fetchall()
    }
    ids = {row[0] for row in real.execute("SELECT id FROM ocd.committee").fetchall()}
    made = {keys.committee_id(filer_id) for filer_id in measure_filers}
    assert len(made & ids) == 798
    assert real.execute(
        "SELECT count(*) FROM ocd.filing AS f WHERE f.filer_id NOT IN "
        "(SELECT id FROM ocd.committee UNION ALL SELECT id FROM ocd.person) "
        "AND extras->>'domain' IS DISTINCT FROM 'lobbying'"  # a lobbying filer is often an Organization
    ).fetchone() == (0,)
    nameless = real.execute(
        "SELECT count(*) FILTER (WHERE name LIKE '%(name not in the export)'), "
        "count(*) FILTER (WHERE name LIKE 'Unknown filer of filing %') FROM ocd.committee"
    ).fetchone()
    # the sample's tables were sampled apart: many filers are named nowhere, and said so
    assert nameless is not None and nameless[0] > 0 and nameless[1] > 0
