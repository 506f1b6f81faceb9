"""Candidacies: every certified candidate, linked to its Form 501s, with party, status and incumbency."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from calaccess import db, meta
from calaccess.ocd import create_tables
from calaccess.process import keys
from calaccess.raw.tables import TABLES as RAW_TABLES
from calaccess.scrape.tables import TABLES as SCRAPED_TABLES
from tests.process.small import add, election, run_steps

Findings = list[tuple[str, str, str | None]]
Scenario = tuple[duckdb.DuckDBPyConnection, Findings]

#: The raw tables the processing steps read.
RAW_READ = ("f501_502_cd", "lookup_codes_cd", "filer_to_filer_type_cd", "filername_cd", "filers_cd")

#: Every step up to and including memberships: candidacies need elections, contests, parties and people.
THROUGH_MEMBERSHIPS = (
    "divisions",
    "organizations",
    "posts",
    "elections",
    "contests",
    "parties",
    "people",
    "candidacies",
    "memberships",
)

LOOKUP_CODES = [
    (3000, 3001, "GENERAL"),
    (3000, 3002, "PRIMARY"),
    (3000, 3004, "SPECIAL ELECTION"),
    (10000, 10001, "ORIGINAL/INITIAL"),
    (10000, 10003, "TERMINATION"),
    (16000, 0, "N/A"),
    (16000, 16001, "DEMOCRATIC"),
    (16000, 16002, "REPUBLICAN"),
    (30000, 30002, "GOVERNOR"),
    (30000, 30013, "ASSEMBLY"),
]


def form501(
    con: duckdb.DuckDBPyConnection, filing_id: int, filer_id: str, last: str, first: str, **values: Any
) -> None:
    """A Form 501 for the 2016 primary (ASSEMBLY `dist_no`) unless told otherwise."""
    row: dict[str, Any] = {
        "filing_id": filing_id,
        "amend_id": 0,
        "rec_type": "CVR",
        "form_type": "F501",
        "filer_id": filer_id,
        "cand_naml": last,
        "cand_namf": first,
        "office_cd": 30013,
        "yr_of_elec": 2016,
        "elec_type": 3002,
        "stmt_type": 10001,
        "rpt_date": "2015-03-01",
    }
    row.update(values)
    add(con, "raw.f501_502_cd", **row)


def candidate(
    con: duckdb.DuckDBPyConnection, electnav: int, office: str, name: str, filer_id: int | None
) -> None:
    row = {"election_id": electnav, "section": "ASSEMBLY DISTRICTS", "office": office, "name": name}
    add(con, "scraped.candidates", **row, filer_id=filer_id)


def incumbent(
    con: duckdb.DuckDBPyConnection, session: int, office: str, name: str, filer_id: int | None
) -> None:
    row = {"session": session, "category": "ASSEMBLY DISTRICTS", "office": office, "name": name}
    add(con, "scraped.incumbents", **row, filer_id=filer_id)


PRIMARY_2016, GENERAL_2016, SPECIAL_2017 = 60, 61, 62


def build_scenario(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """One small world holding every rule's case, each in its own district; returns the run's findings."""
    con.execute(RAW_TABLES["filer_xref_cd"].create_sql())
    con.executemany("INSERT INTO raw.lookup_codes_cd VALUES (?, ?, ?)", LOOKUP_CODES)
    election(con, PRIMARY_2016, "2016 PRIMARY")
    election(con, GENERAL_2016, "2016 GENERAL")
    election(con, SPECIAL_2017, "2017 SPECIAL ELECTION (ASSEMBLY 51)", "ASSEMBLY 51")
    # ASSEMBLY 1: a 501 amended from Democratic to Republican; another filer's 501 the list does not name
    candidate(con, PRIMARY_2016, "ASSEMBLY 1", "DOE, JANE", 1000001)
    form501(con, 500, "1000001", "Doe", "Jane", dist_no="1", party_cd=16001, rpt_date="2015-03-01")
    form501(
        con, 500, "1000001", "Doe", "Jane", dist_no="1", amend_id=1, party_cd=16002, rpt_date="2015-09-01"
    )
    form501(con, 501, "1000018", "Cole", "Sam", dist_no="1", party_cd=16002)
    # ASSEMBLY 2: no filer id, one filer's 501 of that name (a namesake runs in ASSEMBLY 3)
    candidate(con, PRIMARY_2016, "ASSEMBLY 2", 'SMITH, JONATHAN Q. "JACK"', None)
    form501(con, 502, "1000002", "Smith", "Jack", dist_no="2", party_cd=16001)
    form501(con, 503, "1000003", "Smith", "Jack", dist_no="3", party_cd=16002)
    # ASSEMBLY 4: no filer id, two filers' 501s of that name
    candidate(con, PRIMARY_2016, "ASSEMBLY 4", "SMITH, JOHN", None)
    form501(con, 504, "1000004", "Smith", "John", dist_no="4")
    form501(con, 505, "1000005", "Smith", "John", dist_no="4")
    # ASSEMBLY 5: no 501 at all; a 501 for 2014 only (2014 has no certified list); a filer with no 501
    candidate(con, PRIMARY_2016, "ASSEMBLY 5", "ROE, RICHARD", None)
    candidate(con, PRIMARY_2016, "ASSEMBLY 5", "POE, EDGAR", 1000009)
    form501(con, 509, "1000009", "Poe", "Edgar", dist_no="5", yr_of_elec=2014, party_cd=16001)
    candidate(con, PRIMARY_2016, "ASSEMBLY 5", "KING, LEAR", 1000010)
    form501(con, 517, "1000017", "Vega", "Ana", dist_no="5", yr_of_elec=2014, party_cd=16001)
    # ASSEMBLY 6: withdrawn on the page, and by a terminating amendment
    candidate(con, PRIMARY_2016, "ASSEMBLY 6", "LOPEZ (WITHDRAWN), JORGE R.", None)
    candidate(con, PRIMARY_2016, "ASSEMBLY 6", "HALE, NATHAN", 1000011)
    form501(con, 511, "1000011", "Hale", "Nathan", dist_no="6")
    form501(
        con, 511, "1000011", "Hale", "Nathan", dist_no="6", amend_id=1, stmt_type=10003, rpt_date="2016-01-05"
    )
    # ASSEMBLY 7 (general): party from the filer's code in force on election day, or unknown
    candidate(con, GENERAL_2016, "ASSEMBLY 7", "GRAY, ANN", 1000012)
    candidate(con, GENERAL_2016, "ASSEMBLY 7", "BLUE, BOB", 1000013)
    for party, effective in ((16001, "2010-01-01"), (16002, "2017-01-01")):
        add(con, "raw.filer_to_filer_type_cd", filer_id=1000012, party_cd=party, effect_dt=effective)
    # ASSEMBLY 8 (general): the incumbent of the 2015-16 session runs again
    candidate(con, GENERAL_2016, "ASSEMBLY 8", "WEST, AMY", 1000014)
    candidate(con, GENERAL_2016, "ASSEMBLY 8", "EAST, TOM", 1000015)
    incumbent(con, 2015, "ASSEMBLY 8", "WEST, AMY", 1000014)
    add(con, "raw.filer_to_filer_type_cd", filer_id=1000014, party_cd=16001, effect_dt="2012-01-01")
    # ASSEMBLY 51: a special fills a vacancy; the page saved after it lists its winner
    candidate(con, SPECIAL_2017, "ASSEMBLY 51", "POTTS, EVE", 1000016)
    incumbent(con, 2017, "ASSEMBLY 51", "POTTS, EVE", 1000016)
    # ASSEMBLY 9: one name listed twice in one contest, once linked and once not
    candidate(con, PRIMARY_2016, "ASSEMBLY 9", "MOSS, KATE", 1000020)
    candidate(con, PRIMARY_2016, "ASSEMBLY 9", "MOSS, KATE", None)
    # ASSEMBLY 10: one name, no filer id, in two contests: nothing says they are one person
    candidate(con, PRIMARY_2016, "ASSEMBLY 10", "NOLAN, PAT", None)
    candidate(con, GENERAL_2016, "ASSEMBLY 10", "NOLAN, PAT", None)
    # ASSEMBLY 11: a 501 filed under an old filer id that FILER_XREF_CD maps to the current one
    candidate(con, PRIMARY_2016, "ASSEMBLY 11", "REED, LOU", 1000021)
    form501(con, 521, "093130", "Reed", "Lou", dist_no="11", party_cd=16001)
    add(con, "raw.filer_xref_cd", filer_id=1000021, xref_id="093130")
    # ASSEMBLY 14: an incumbent listed without a filer id, the general's candidate for the seat
    candidate(con, GENERAL_2016, "ASSEMBLY 14", "FOX, RED", 1000030)
    incumbent(con, 2017, "ASSEMBLY 14", "FOX, RED", None)
    return run_steps(con, *THROUGH_MEMBERSHIPS)


@pytest.fixture(scope="module")
def scenario(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, Findings]]:
    """The small world, processed once for this module's tests."""
    with db.connect(tmp_path_factory.mktemp("scenario") / "calaccess.duckdb") as con:
        for name in RAW_READ:
            con.execute(RAW_TABLES[name].create_sql())
        for table in SCRAPED_TABLES:
            con.execute(table.ddl())
        create_tables(con)
        yield con, build_scenario(con)


def candidacies(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """The candidacies by candidate name (and office, for names listed twice), with election and party."""
    rows = con.execute(
        """SELECT c.candidate_name || if(c.candidate_name = 'NOLAN, PAT', ' / ' || e.name, ''),
                  e.name AS election, k.extras->>'office' AS office, c.registration_status, c.filed_date,
                  c.is_incumbent, p.name AS party, c.extras->>'form501_match' AS form501_match,
                  c.extras->>'party_status' AS party_status, c.person_id, c.contest_id
           FROM ocd.candidacy AS c
           JOIN ocd.candidate_contest AS k ON k.id = c.contest_id
           JOIN ocd.election AS e ON e.id = k.election_id
           LEFT JOIN ocd.organization AS p ON p.id = c.party_id"""
    ).fetchall()
    names = (
        "election",
        "office",
        "status",
        "filed",
        "incumbent",
        "party",
        "match",
        "party_status",
        "person",
        "contest",
    )
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in rows}


def test_every_certified_candidate_is_a_qualified_candidacy(scenario: Scenario) -> None:
    con, _ = scenario
    found = candidacies(con)
    listed = con.execute(
        "SELECT DISTINCT replace(name, ' (WITHDRAWN)', '') FROM scraped.candidates"
    ).fetchall()
    assert {name for (name,) in listed} <= {name.split(" / ")[0] for name in found}
    assert found["DOE, JANE"]["status"] == "qualified"
    assert found["DOE, JANE"]["contest"] == keys.candidate_contest_id("2016 PRIMARY", "ASSEMBLY 1")
    assert found["DOE, JANE"]["office"] == "ASSEMBLY 1"


def test_latest_amendment_of_the_501_gives_the_party_and_the_first_version_the_filed_date(
    scenario: Scenario,
) -> None:
    doe = candidacies(scenario[0])["DOE, JANE"]
    assert (doe["party"], doe["match"], str(doe["filed"])) == ("Republican Party", "filer id", "2015-03-01")


def test_candidate_without_filer_id_is_linked_to_the_501_of_that_name_office_and_year(
    scenario: Scenario,
) -> None:
    con, _ = scenario
    smith = candidacies(con)['SMITH, JONATHAN Q. "JACK"']
    assert (smith["match"], smith["party"]) == ("name, office and year", "Democratic Party")
    identifiers = con.execute(
        "SELECT identifier FROM ocd.person_identifier WHERE person_id = ?", [smith["person"]]
    ).fetchall()
    assert identifiers == [("1000002",)]


def test_unmatched_candidates_are_findings_with_their_reason(scenario: Scenario) -> None:
    con, findings = scenario
    reasons = {
        subject.split(" / ")[-1]: detail
        for kind, subject, detail in findings
        if kind == "candidate without form 501"
    }
    assert reasons["SMITH, JOHN"] == (
        "no filer id, and the name matches Form 501s of several filers for this office and year"
    )
    assert reasons["ROE, RICHARD"] == "no filer id, and no Form 501 with this name, office and year"
    assert reasons["POE, EDGAR"] == "filer id has Form 501s, none for this office and year (filer id 1000009)"
    assert reasons["KING, LEAR"] == "filer id has no Form 501 in the export (filer id 1000010)"
    links = next(
        a for a in meta.accounting(con, "process") if a.subject == "form 501 links (scraped candidates)"
    )
    assert links.rows_in == links.rows_out + links.rows_set_aside
    assert links.rows_set_aside == sum(1 for kind, _, _ in findings if kind == "candidate without form 501")


def test_withdrawal_on_the_page_or_in_the_latest_501(scenario: Scenario) -> None:
    found = candidacies(scenario[0])
    assert found["LOPEZ, JORGE R."]["status"] == "withdrawn"
    assert found["HALE, NATHAN"]["status"] == "withdrawn"


def test_party_falls_back_to_the_filer_code_in_force_on_election_day(scenario: Scenario) -> None:
    con, findings = scenario
    found = candidacies(con)
    assert found["GRAY, ANN"]["party"] == "Democratic Party"
    assert (found["BLUE, BOB"]["party"], found["BLUE, BOB"]["party_status"]) == (None, "unknown")
    party = next(a for a in meta.accounting(con, "process") if a.subject == "candidacy party")
    unknown = sum(1 for c in found.values() if c["party_status"] == "unknown")
    assert (party.rows_in, party.rows_set_aside) == (len(found), unknown)
    assert any(kind == "candidacy party unknown" for kind, _, _ in findings)


def test_501_of_an_election_without_a_certified_list_is_a_filed_candidacy(scenario: Scenario) -> None:
    con, findings = scenario
    found = candidacies(con)
    vega = found["Vega, Ana"]
    assert (vega["election"], vega["office"], vega["status"], vega["party"]) == (
        "2014 PRIMARY",
        "ASSEMBLY 5",
        "filed",
        "Democratic Party",
    )
    assert "Cole, Sam" not in found
    assert (
        "form 501 not a candidacy",
        "the certified list of its election does not name this candidate",
    ) in [(kind, subject) for kind, subject, _ in findings]


def test_incumbent_in_the_session_of_a_regular_election(scenario: Scenario) -> None:
    found = candidacies(scenario[0])
    assert (found["WEST, AMY"]["incumbent"], found["EAST, TOM"]["incumbent"]) == (True, False)
    # a special fills a vacancy: the page saved after it lists the winner, who did not hold the seat before
    assert found["POTTS, EVE"]["incumbent"] is False
    # the 2013-14 session lists no incumbents here: incumbency in the 2014 primary is unknown, not false
    assert found["Vega, Ana"]["incumbent"] is None


# ---------------------------------------------------------------------------------------------------------
# the real inputs


@pytest.fixture(scope="module")
def real(processed_db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(processed_db), read_only=True)


def test_every_scraped_candidate_is_a_candidacy(real: duckdb.DuckDBPyConnection) -> None:
    scraped = real.execute("SELECT count(*) FROM scraped.candidates").fetchone()
    listed = real.execute(
        "SELECT count(*) FROM ocd.candidacy WHERE extras->>'record_source' = 'certified list'"
    ).fetchone()
    merged = real.execute(
        "SELECT coalesce(sum(CAST(extras->>'records' AS INTEGER) - 1), 0) FROM ocd.candidacy"
    ).fetchone()
    assert scraped is not None and listed is not None and merged is not None
    assert scraped[0] == listed[0] + merged[0]
    assert scraped[0] > 8000


def test_each_candidacy_has_a_contest_a_post_and_a_person(real: duckdb.DuckDBPyConnection) -> None:
    orphans = real.execute(
        """SELECT count(*) FROM ocd.candidacy AS c
           WHERE c.contest_id NOT IN (SELECT id FROM ocd.candidate_contest)
              OR c.post_id NOT IN (SELECT id FROM ocd.post)
              OR c.person_id NOT IN (SELECT id FROM ocd.person)"""
    ).fetchone()
    assert orphans == (0,)


def test_form_501_links_and_parties_are_accounted(real: duckdb.DuckDBPyConnection) -> None:
    accounting = {row.subject: row for row in meta.accounting(real, "process")}
    links = accounting["form 501 links (scraped candidates)"]
    assert links.rows_in == links.rows_out + links.rows_set_aside
    # the sample keeps at most 1,000 rows of F501_502_CD: most candidates have no 501 there, some do
    assert 0 < links.rows_out < links.rows_set_aside
    unmatched = real.execute(
        "SELECT count(*) FROM meta.finding WHERE kind = 'candidate without form 501'"
    ).fetchone()
    assert unmatched == (links.rows_set_aside,)
    party = accounting["candidacy party"]
    candidacies = real.execute("SELECT count(*) FROM ocd.candidacy").fetchone()
    assert candidacies == (party.rows_in,)
    with_party = real.execute("SELECT count(*) FROM ocd.candidacy WHERE party_id IS NOT NULL").fetchone()
    assert with_party is not None and 0 < with_party[0] <= party.rows_out
