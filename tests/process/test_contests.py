"""Candidate contests: one per office per election, runoffs tied to what they decide, party splits."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from calaccess.process import keys
from tests.process.small import STRUCTURE, add, election, incumbent_date

Steps = Callable[..., list[tuple[str, str, str | None]]]


def _candidate(con: duckdb.DuckDBPyConnection, electnav: int, office: str, name: str) -> None:
    add(con, "scraped.candidates", election_id=electnav, section="", office=office, name=name, filer_id=None)


def _contests(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, bool, str | None]]:
    rows = con.execute(
        """SELECT c.extras->>'election' || ' / ' || (c.extras->>'office'), c.division_id, p.post_id,
                  c.previous_term_unexpired, c.runoff_for_contest_id
           FROM ocd.candidate_contest AS c JOIN ocd.candidate_contest_post AS p ON p.contest_id = c.id"""
    ).fetchall()
    return {key: (division, post, unexpired, runoff) for key, division, post, unexpired, runoff in rows}


def test_one_contest_per_office_per_election_in_the_office_division(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 65, "2016 GENERAL")
    incumbent_date(small_db, 2015, 2, "GENERAL ELECTION", "2016-11-08")
    for office, name in (
        ("ASSEMBLY 12", "ONE, A"),
        ("ASSEMBLY 12", "TWO, B"),
        ("STATE SENATE 05", "THREE, C"),
        ("GOVERNOR", "FOUR, D"),
    ):
        _candidate(small_db, 65, office, name)
    steps(*STRUCTURE, "contests")
    contests = _contests(small_db)
    assert contests == {
        "2016 GENERAL / ASSEMBLY 12": (
            "ocd-division/country:us/state:ca/sldl:12",
            keys.post_id("ASSEMBLY 12"),
            False,
            None,
        ),
        "2016 GENERAL / STATE SENATE 5": (
            "ocd-division/country:us/state:ca/sldu:5",
            keys.post_id("STATE SENATE 5"),
            False,
            None,
        ),
        "2016 GENERAL / GOVERNOR": (
            "ocd-division/country:us/state:ca",
            keys.post_id("GOVERNOR"),
            False,
            None,
        ),
    }
    ids = small_db.execute("SELECT id FROM ocd.candidate_contest").fetchall()
    assert (keys.candidate_contest_id("2016 GENERAL", "ASSEMBLY 12"),) in ids


def test_a_special_runoff_decides_the_special_before_it(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 32, "2007 SPECIAL ELECTION (ASSEMBLY 55)", "ASSEMBLY 55")
    election(small_db, 37, "2008 SPECIAL RUNOFF (ASSEMBLY 55)", "ASSEMBLY 55")
    _candidate(small_db, 32, "ASSEMBLY 55", "ONE, A")
    _candidate(small_db, 37, "ASSEMBLY 55", "ONE, A")
    steps(*STRUCTURE, "contests")
    contests = _contests(small_db)
    special = contests["2007 SPECIAL ELECTION (ASSEMBLY 55) / ASSEMBLY 55"]
    runoff = contests["2008 SPECIAL RUNOFF (ASSEMBLY 55) / ASSEMBLY 55"]
    assert special[2] is True and runoff[2] is True  # both fill an unexpired term
    assert special[3] is None
    assert runoff[3] == keys.candidate_contest_id("2007 SPECIAL ELECTION (ASSEMBLY 55)", "ASSEMBLY 55")


def test_a_pre_2012_primary_has_a_contest_per_party_but_one_for_the_superintendent(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 22, "2010 PRIMARY")
    election(small_db, 25, "2012 PRIMARY")
    incumbent_date(small_db, 2009, 1, "PRIMARY ELECTION", "2010-06-08")
    incumbent_date(small_db, 2011, 1, "PRIMARY ELECTION", "2012-06-05")
    for electnav in (22, 25):
        _candidate(small_db, electnav, "ASSEMBLY 12", "ONE, A")
        _candidate(small_db, electnav, "ASSEMBLY 12", "TWO, B")
        _candidate(small_db, electnav, "SUPERINTENDENT OF PUBLIC INSTRUCTION", "THREE, C")
    steps(*STRUCTURE, "contests")
    # before the candidacies: the top-two 2012 primary and the nonpartisan office have their contests
    assert sorted(_contests(small_db)) == [
        "2010 PRIMARY / SUPERINTENDENT OF PUBLIC INSTRUCTION",
        "2012 PRIMARY / ASSEMBLY 12",
        "2012 PRIMARY / SUPERINTENDENT OF PUBLIC INSTRUCTION",
    ]
    # the candidacies step places each candidate by party; then each party has its contest
    democratic = keys.organization_id("party", "Democratic")
    republican = keys.organization_id("party", "Republican")
    small_db.execute(
        "INSERT INTO ocd.organization (id, name, classification) VALUES (?, 'Democratic', 'party'),"
        " (?, 'Republican', 'party')",
        [democratic, republican],
    )
    for number, party in enumerate((democratic, republican, None)):
        small_db.execute(
            "INSERT INTO ocd.candidacy (id, person_id, post_id, contest_id, party_id) VALUES (?, ?, ?, ?, ?)",
            [
                f"ocd-candidacy/{number}",
                f"ocd-person/{number}",
                keys.post_id("ASSEMBLY 12"),
                keys.candidate_contest_id("2010 PRIMARY", "ASSEMBLY 12", party),
                party,
            ],
        )
    small_db.execute(
        "INSERT INTO ocd.candidacy (id, person_id, post_id, contest_id, party_id) VALUES (?, ?, ?, ?, ?)",
        [
            "ocd-candidacy/9",
            "ocd-person/9",
            keys.post_id("SUPERINTENDENT OF PUBLIC INSTRUCTION"),
            keys.candidate_contest_id("2010 PRIMARY", "SUPERINTENDENT OF PUBLIC INSTRUCTION", democratic),
            democratic,
        ],
    )
    findings = steps("primaries")
    names = small_db.execute(
        """SELECT c.name, c.party_id FROM ocd.candidate_contest AS c
           WHERE c.election_id = ? ORDER BY c.name""",
        [keys.election_id("2010 PRIMARY")],
    ).fetchall()
    assert names == [
        ("Assembly Member, District 12 (Democratic)", democratic),
        ("Assembly Member, District 12 (Republican)", republican),
        ("Assembly Member, District 12 (party unknown)", None),
        ("Superintendent of Public Instruction", None),
    ]
    assert ("partisan primary candidates of unknown party", "2010 PRIMARY") in {
        (kind, subject) for kind, subject, _ in findings
    }
    orphans = small_db.execute(
        "SELECT count(*) FROM ocd.candidacy WHERE contest_id NOT IN (SELECT id FROM ocd.candidate_contest)"
    ).fetchone()
    assert orphans == (0,)
