"""The 350 saved CAL-ACCESS pages in ../shared, parsed into a real database: exact rows for pages across
the years and layouts, and properties every row must have."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from calaccess import meta

SITE = "https://cal-access.sos.ca.gov"


@pytest.fixture(scope="module")
def con(scraped_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(scraped_db), read_only=True) as connection:
        yield connection


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return con.execute(sql, list(params)).fetchall()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------------------- exact rows


def test_old_layout_special_election_lists_linked_and_plain_candidates(
    con: duckdb.DuckDBPyConnection, pages_dir: Path
) -> None:
    # candidates/10.html, 2001: root-relative links, names in plain text where no filer id is known
    source = (
        f"{SITE}/Campaign/Candidates/list.aspx?view=certified&electNav=10",
        sha256(pages_dir / "candidates/10.html"),
    )
    assert rows(con, "SELECT * FROM scraped.candidates WHERE election_id = 10 ORDER BY name") == [
        (10, "ASSEMBLY DISTRICTS", "ASSEMBLY 65", "BAGLEY, JIM", None, *source),
        (10, "ASSEMBLY DISTRICTS", "ASSEMBLY 65", "BATEY, WILLIAM", 1005696, *source),
        (10, "ASSEMBLY DISTRICTS", "ASSEMBLY 65", "BOGH, RUSSELL V.", 1005640, *source),
        (10, "ASSEMBLY DISTRICTS", "ASSEMBLY 65", "JOHNSON, TIMOTHY LEE", None, *source),
        (10, "ASSEMBLY DISTRICTS", "ASSEMBLY 65", "MASNER, TOM", None, *source),
        (10, "ASSEMBLY DISTRICTS", "ASSEMBLY 65", "O'BRIEN, DAVID WIILLIAM", None, *source),
        (10, "ASSEMBLY DISTRICTS", "ASSEMBLY 65", "PERKINS, CHARLES E.", None, *source),
        (10, "ASSEMBLY DISTRICTS", "ASSEMBLY 65", "QUINTO, RAY R.", 1005526, *source),
    ]
    assert rows(con, "SELECT * EXCLUDE (source_sha256) FROM scraped.elections WHERE election_id = 10") == [
        (10, "2001 SPECIAL ELECTION (ASSEMBLY 65)", 2001, "SPECIAL ELECTION", "ASSEMBLY 65", True, source[0])
    ]


def test_browser_saved_page_with_absolute_links_parses_the_same_way(con: duckdb.DuckDBPyConnection) -> None:
    # candidates/175.html was saved by a browser: absolute links, ./175_files/ images, tbody inserted
    assert rows(
        con, "SELECT office, name, filer_id FROM scraped.candidates WHERE election_id = 175 ORDER BY name"
    ) == [("ASSEMBLY 17", "CAMPOS, DAVID F.", 1359299), ("ASSEMBLY 17", "HANEY, MATT", 1441331)]


def test_2025_page_whose_menu_links_omit_the_view(con: duckdb.DuckDBPyConnection) -> None:
    # candidates/193.html links its menu as list.aspx?electNav=N
    assert rows(
        con, "SELECT office, name, filer_id FROM scraped.candidates WHERE election_id = 193 ORDER BY name"
    ) == [
        ("ASSEMBLY 32", "BROWN JR., WILLIAM", None),
        ("ASSEMBLY 32", "CRUZ-BOONE, CHRIS", None),
        ("ASSEMBLY 32", "ELLIS, STAN", 1284544),
        ("ASSEMBLY 32", "WILLIBEY, HOLLI", None),
    ]
    assert rows(con, "SELECT name, year, type, office FROM scraped.elections WHERE election_id = 193") == [
        ("2025 SPECIAL ELECTION (ASSEMBLY 32)", 2025, "SPECIAL ELECTION", "ASSEMBLY 32")
    ]


def test_the_2018_recall_is_kept_as_printed_a_special_election(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "SELECT name, type, office FROM scraped.elections WHERE election_id = 139") == [
        ("2018 SPECIAL ELECTION (STATE SENATE 29)", "SPECIAL ELECTION", "STATE SENATE 29")
    ]
    assert rows(con, "SELECT type, office FROM scraped.elections WHERE election_id = 38") == [
        ("RECALL", "STATE SENATE 12")
    ]


def test_incumbent_dates_keep_the_impossible_one_as_printed(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        con,
        """SELECT number, name, date, date_printed, date_problem FROM scraped.incumbent_elections
           WHERE session = 2015 AND number <= 3 ORDER BY number""",
    )
    assert found[0][:4] == (1, "SPECIAL ELECTION", None, "Monday, 3/17/14")
    assert "outside the 2015-2016 session" in found[0][4]
    assert found[1:] == [
        (2, "SPECIAL ELECTION", dt.date(2014, 12, 9), "Tuesday, 12/9/14", None),
        (3, "SPECIAL ELECTION RUNOFF", dt.date(2015, 2, 10), "Tuesday, 2/10/15", None),
    ]
    kinds = {(kind, subject) for _stage, kind, subject, _detail in meta.findings(con, "scrape")}
    assert ("incumbent_election_date_impossible", "incumbents/2015.html #1") in kinds


def test_incumbents_page_with_dates_only_records_why(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con, "SELECT number, name, date FROM scraped.incumbent_elections WHERE session = 2023 ORDER BY number"
    ) == [
        (1, "SPECIAL ELECTION", dt.date(2023, 11, 30)),
        (2, "PRIMARY ELECTION", dt.date(2024, 3, 5)),
        (3, "GENERAL ELECTION", dt.date(2024, 11, 5)),
    ]
    assert rows(con, "SELECT count(*) FROM scraped.incumbents WHERE session = 2023") == [(0,)]
    assert rows(con, "SELECT note FROM scraped.pages WHERE path = 'incumbents/2023.html'") == [
        ("the page lists election dates only, no incumbents",)
    ]


def test_statewide_incumbents_of_2003(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        """SELECT office, name, filer_id FROM scraped.incumbents
           WHERE session = 2003 AND category = 'STATEWIDE OFFICES' ORDER BY office""",
    ) == [
        ("ATTORNEY GENERAL", "LOCKYER, BILL", 1000654),
        ("CONTROLLER", "WESTLY, STEVE", 1230848),
        ("GOVERNOR", "SCHWARZENEGGER, ARNOLD", 1256983),
        ("INSURANCE COMMISSIONER", "GARAMENDI, JOHN", 1000842),
        ("LIEUTENANT GOVERNOR", "BUSTAMANTE, CRUZ M.", 1004150),
        ("SECRETARY OF STATE", "SHELLEY, KEVIN", 1004818),
        ("SUPERINTENDENT OF PUBLIC INSTRUCTION", "O'CONNELL, JACK", 1001286),
        ("TREASURER", "ANGELIDES, PHIL", 1004467),
    ]


def test_vacant_seat_is_set_aside_as_a_finding(con: duckdb.DuckDBPyConnection) -> None:
    assert (
        rows(con, "SELECT * FROM scraped.incumbents WHERE session = 2009 AND office = 'STATE SENATE 01'")
        == []
    )
    found = [f for f in meta.findings(con, "scrape") if f[1] == "vacant_office"]
    assert (
        "scrape",
        "vacant_office",
        "incumbents/2009.html STATE SENATE 01",
        "printed 'VACANT': no incumbent row",
    ) in found
    assert len(found) == 7


def test_measures_of_2013_with_their_elections(con: duckdb.DuckDBPyConnection, pages_dir: Path) -> None:
    source = (
        f"{SITE}/Campaign/Measures/list.aspx?session=2013",
        sha256(pages_dir / "propositions/2013.html"),
    )
    general = ("NOVEMBER 4, 2014, GENERAL", dt.date(2014, 11, 4))
    primary = ("JUNE 3, 2014, PRIMARY", dt.date(2014, 6, 3))
    titles = {
        1339806: (general, "PROPOSITION 002 - STATE RESERVE POLICY."),
        1343429: (
            general,
            "PROPOSITION 045 - APPROVAL OF HEALTHCARE INSURANCE RATE CHANGES. INITIATIVE STATUTE.",
        ),
        1359095: (general, "PROPOSITION 048 - REFERENDUM TO OVERTURN INDIAN GAMING COMPACTS."),
        1361585: (
            general,
            "PROPOSITION 046 - DRUG AND ALCOHOL TESTING OF DOCTORS. MEDICAL NEGLIGENCE LAWSUITS. "
            "INITIATIVE STATUTE.",
        ),
        1361705: (
            primary,
            "PROPOSITION 042 - PUBLIC INFORMATION. OPEN MEETINGS. STATE REIMBURSEMENT TO LOCAL AGENCIES. "
            "LEGISLATIVE CONSTITUTIONAL AMENDMENT.",
        ),
        1361706: (primary, "PROPOSITION 041 - VETERANS HOUSING AND HOMELESS PREVENTION BOND ACT OF 2014"),
        1363898: (
            general,
            "PROPOSITION 047 - CRIMINAL SENTENCES. MISDEMEANOR PENALTIES. INITIATIVE STATUTE.",
        ),
        1369617: (
            general,
            "PROPOSITION 001 - AB 1471 WATER QUALITY, SUPPLY AND INFRASTRUCTURE IMPROVEMENT ACT OF 2014",
        ),
    }
    assert rows(con, "SELECT * FROM scraped.measures WHERE session = 2013 ORDER BY measure_id") == [
        (measure_id, 2013, *election, title, *source) for measure_id, (election, title) in titles.items()
    ]


def test_utf8_page_declared_windows_1252_keeps_its_apostrophe(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "SELECT name FROM scraped.measures WHERE measure_id = 1400991") == [
        (
            "PROPOSITION 010 - EXPANDS LOCAL GOVERNMENTS’ AUTHORITY TO ENACT RENT CONTROL ON RESIDENTIAL "
            "PROPERTY. INITIATIVE STATUTE.",
        )
    ]


def test_old_committee_keeps_its_printed_id_and_links_its_filer_id(
    con: duckdb.DuckDBPyConnection, pages_dir: Path
) -> None:
    # 1999: the printed COMMITTEE ID is the committee's older number; the link carries the filer id
    assert rows(con, "SELECT * FROM scraped.measure_committees WHERE measure_id = 1007446") == [
        (
            1007446,
            1071843,
            "972014",
            "YES ON 27: CALIFORNIA TERM LIMIT COMMITTEE, SPONSORED BY THE CALIFORNIA TERM LIMIT COALITION",
            "SUPPORT",
            f"{SITE}/Campaign/Measures/Detail.aspx?id=1007446&session=1999",
            sha256(pages_dir / "proposition_committees/1007446.html"),
        )
    ]


def test_new_layout_committees_for_and_against(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        """SELECT filer_id, committee_id, position FROM scraped.measure_committees
           WHERE measure_id = 1449697 ORDER BY filer_id""",
    ) == [(1373047, "1373047", "SUPPORT"), (1398274, "1398274", "SUPPORT"), (1442293, "1442293", "OPPOSE")]


def test_saved_browser_check_is_set_aside_with_its_reason(con: duckdb.DuckDBPyConnection) -> None:
    # the 2021 recall's detail page was saved while the site showed its bot check
    assert rows(con, "SELECT count(*) FROM scraped.measure_committees WHERE measure_id = 1438975") == [(0,)]
    (note,) = rows(con, "SELECT note FROM scraped.pages WHERE path = 'proposition_committees/1438975.html'")[
        0
    ]
    assert "browser check" in note
    accounting = {a.subject: a for a in meta.accounting(con, "scrape")}
    assert accounting["pages: proposition_committees"].rows_set_aside == 1


# ------------------------------------------------------------------------------------------- properties


def test_counts_per_table(con: duckdb.DuckDBPyConnection) -> None:
    expected = {
        "elections": 106,
        "candidates": 8392,
        "incumbent_elections": 150,
        "incumbents": 1380,
        "measures": 217,
        "measure_committees": 1099,
        "pages": 350,
    }
    assert {table: rows(con, f"SELECT count(*) FROM scraped.{table}")[0][0] for table in expected} == expected


def test_every_candidates_page_yields_its_election(con: duckdb.DuckDBPyConnection, pages_dir: Path) -> None:
    files = {int(p.stem) for p in (pages_dir / "candidates").glob("*.html")}
    assert {r[0] for r in rows(con, "SELECT election_id FROM scraped.elections WHERE has_page")} == files
    assert {r[0] for r in rows(con, "SELECT DISTINCT election_id FROM scraped.candidates")} == files


def test_every_candidate_has_an_election_office_and_name(con: duckdb.DuckDBPyConnection) -> None:
    # names are `LAST, FIRST` but for a few who go by one name (STARCHILD, ANGELYNE), kept as printed
    assert rows(
        con,
        """SELECT count(*) FROM scraped.candidates c LEFT JOIN scraped.elections e USING (election_id)
           WHERE e.election_id IS NULL OR c.office = '' OR c.name = ''""",
    ) == [(0,)]


def test_linked_filer_ids_are_numeric(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("candidates", "incumbents", "measure_committees"):
        (type_,) = rows(
            con,
            """SELECT data_type FROM information_schema.columns
               WHERE table_schema = 'scraped' AND table_name = ? AND column_name = 'filer_id'""",
            table,
        )[0]
        assert type_ == "BIGINT"
        assert rows(con, f"SELECT count(*) FROM scraped.{table} WHERE filer_id <= 0") == [(0,)]
    # about a third of the candidates are printed without a link
    linked, total = rows(con, "SELECT count(filer_id), count(*) FROM scraped.candidates")[0]
    assert 0.5 < linked / total < 0.8


def test_election_types_come_from_the_vocabulary(con: duckdb.DuckDBPyConnection) -> None:
    types = {r[0] for r in rows(con, "SELECT DISTINCT type FROM scraped.elections")}
    assert types <= {
        "PRIMARY",
        "GENERAL",
        "SPECIAL ELECTION",
        "SPECIAL RUNOFF",
        "RECALL",
        "PRESIDENTIAL PRIMARY",
    }
    assert rows(
        con,
        """SELECT count(*) FROM scraped.elections
           WHERE (type IN ('PRIMARY', 'GENERAL')) = (office IS NOT NULL)
              OR NOT starts_with(name, year::VARCHAR)""",
    ) == [(0,)]


def test_every_measure_detail_page_yields_committees_or_a_reason(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(
        con,
        """SELECT count(*) FROM scraped.measures m
           LEFT JOIN (SELECT DISTINCT measure_id FROM scraped.measure_committees) c USING (measure_id)
           LEFT JOIN scraped.pages p
                  ON p.kind = 'proposition_committees' AND p.page_key = m.measure_id::VARCHAR
           WHERE c.measure_id IS NULL AND (p.note IS NULL OR p.note = '')""",
    ) == [(0,)]
    assert rows(con, "SELECT count(*) FROM scraped.pages WHERE rows = 0 AND note IS NULL") == [(0,)]


def test_no_duplicate_rows(con: duckdb.DuckDBPyConnection) -> None:
    keys = {
        "elections": "election_id",
        "candidates": "election_id, office, name, filer_id",
        "incumbent_elections": "session, number",
        "incumbents": "session, office, name",
        "measures": "measure_id",
        "measure_committees": "measure_id, filer_id, position",
        "pages": "kind, page_key",
    }
    for table, key in keys.items():
        assert rows(con, f"SELECT count(*) - count(DISTINCT ({key})) FROM scraped.{table}") == [(0,)], table


def test_every_row_names_its_page_and_digest(con: duckdb.DuckDBPyConnection) -> None:
    for table in (
        "elections",
        "candidates",
        "incumbent_elections",
        "incumbents",
        "measures",
        "measure_committees",
    ):
        assert rows(
            con,
            f"""SELECT count(*) FROM scraped.{table} t
                WHERE NOT starts_with(source_url, '{SITE}/Campaign/')
                   OR source_sha256 NOT IN (SELECT source_sha256 FROM scraped.pages)""",
        ) == [(0,)], table


def test_accounting_balances_for_every_subject(con: duckdb.DuckDBPyConnection) -> None:
    accounting = meta.accounting(con, "scrape")
    assert {a.subject for a in accounting} >= {
        "pages: candidates",
        "pages: incumbents",
        "pages: propositions",
        "pages: proposition_committees",
        "scraped.elections",
        "scraped.candidates",
        "scraped.incumbent_elections",
        "scraped.incumbents",
        "scraped.measures",
        "scraped.measure_committees",
    }
    for a in accounting:
        assert a.rows_in == a.rows_out + a.rows_merged + a.rows_set_aside, a
    elections = next(a for a in accounting if a.subject == "scraped.elections")
    assert elections.rows_out == 106 and "merged: 9882 repeated entries" in (elections.note or "")
    assert (elections.rows_merged, elections.rows_set_aside) == (9882, 106)
