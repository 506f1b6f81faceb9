"""Candidacies: every certified candidate, linked to its Form 501s, with party, status and incumbency.

The `scenario` fixture is the small world of `small.build_scenario`, one case per Assembly district.
"""

from __future__ import annotations

from typing import Any

import duckdb

from calaccess import meta
from calaccess.process import keys
from tests.process.small import Scenario


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
    assert links.balances
    # a candidate without a 501 is kept (unknown), not dropped
    assert (links.rows_set_aside, links.rows_merged) == (0, 0)
    assert links.rows_unknown == sum(1 for kind, _, _ in findings if kind == "candidate without form 501")


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
    assert (party.rows_in, party.rows_unknown, party.rows_set_aside) == (len(found), unknown, 0)
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
    assert links.balances
    # the sample keeps at most 1,000 rows of F501_502_CD: most candidates have no 501 there, some do
    assert 0 < links.rows_out < links.rows_unknown
    unmatched = real.execute(
        "SELECT count(*) FROM meta.finding WHERE kind = 'candidate without form 501'"
    ).fetchone()
    assert unmatched == (links.rows_unknown,)
    party = accounting["candidacy party"]
    candidacies = real.execute("SELECT count(*) FROM ocd.candidacy").fetchone()
    assert candidacies == (party.rows_in,)
    with_party = real.execute("SELECT count(*) FROM ocd.candidacy WHERE party_id IS NOT NULL").fetchone()
    assert with_party is not None and 0 < with_party[0] <= party.rows_out
