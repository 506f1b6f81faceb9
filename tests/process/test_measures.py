"""Ballot measures, recalls and the committees for and against them."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pytest

from calaccess.ocd import make_id
from calaccess.process import keys
from tests.process.small import STRUCTURE, add, election, incumbent_date

Steps = Callable[..., list[tuple[str, str, str | None]]]


def _measure(con: duckdb.DuckDBPyConnection, measure_id: int, title: str, listed: str, date: str) -> None:
    add(
        con,
        "scraped.measures",
        measure_id=measure_id,
        session=int(date[:4]) - 1 + int(date[:4]) % 2,
        election_name=listed,
        election_date=date,
        name=title,
    )


@pytest.mark.parametrize(
    ("title", "classification"),
    [
        (
            "PROPOSITION 060 - ADULT FILMS. CONDOMS. HEALTH REQUIREMENTS. INITIATIVE STATUTE.",
            "initiative statute",
        ),
        (
            "PROPOSITION 008 - ELIMINATES RIGHT OF SAME-SEX COUPLES TO MARRY. "
            "INITIATIVE CONSTITUTIONAL AMENDMENT.",
            "initiative constitutional amendment",
        ),
        (
            "PROP 11 - REDISTRICTING. INITIATIVE CONSTITUTIONAL AMENDMENT AND STATUTE.",
            "initiative constitutional amendment and statute",
        ),
        (
            "PROPOSITION 069 - REQUIRES THAT CERTAIN NEW TRANSPORTATION REVENUES BE USED FOR TRANSPORTATION "
            "PURPOSES. LEGISLATIVE CONSTITUTIONAL AMENDMENT.",
            "legislative constitutional amendment",
        ),
        (
            "PROP 94 - REFERENDUM ON AMENDMENT TO INDIAN GAMING COMPACT. (CHAPTER 40, STATUTES OF 2007)",
            "referendum",
        ),
        ("PROPOSITION 012 - VETERANS' BOND ACT OF 2008.", "bond act"),
        (
            "PROP 1A - SCA 4 (RESOLUTION CHAPTER 133, STATUTES OF 2004). TORLAKSON. "
            "PROTECTION OF LOCAL GOVERNMENT REVENUES.",
            "legislative constitutional amendment",
        ),
        ("PROP 53 - INFRASTRUCTURE: FINANCE.", None),
    ],
)
def test_a_measure_is_classified_from_its_title(
    small_db: duckdb.DuckDBPyConnection, steps: Steps, title: str, classification: str | None
) -> None:
    election(small_db, 65, "2016 GENERAL")
    incumbent_date(small_db, 2015, 2, "GENERAL ELECTION", "2016-11-08")
    _measure(small_db, 1, title, "NOVEMBER 8, 2016, GENERAL", "2016-11-08")
    findings = steps(*STRUCTURE, "measures")
    row = small_db.execute("SELECT classification, description FROM ocd.ballot_measure_contest").fetchone()
    assert row == (classification, title)
    unknown = [subject for kind, subject, _ in findings if kind == "measure classification unknown"]
    assert unknown == ([] if classification else ["Proposition 53"])


def test_a_measure_has_yes_and_no_and_joins_the_election_of_its_date(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 65, "2016 GENERAL")
    incumbent_date(small_db, 2015, 2, "GENERAL ELECTION", "2016-11-08")
    _measure(
        small_db,
        1381036,
        "PROPOSITION 060 - ADULT FILMS. INITIATIVE STATUTE.",
        "NOVEMBER 8, 2016, GENERAL",
        "2016-11-08",
    )
    steps(*STRUCTURE, "measures")
    contest_id = make_id("ballot_measure_contest", "1381036")
    row = small_db.execute(
        "SELECT name, election_id, division_id FROM ocd.ballot_measure_contest WHERE id = ?", [contest_id]
    ).fetchone()
    assert row == ("Proposition 60", keys.election_id("2016 GENERAL"), "ocd-division/country:us/state:ca")
    options = small_db.execute(
        "SELECT text FROM ocd.ballot_measure_contest_option WHERE contest_id = ? ORDER BY text", [contest_id]
    ).fetchall()
    assert options == [("no",), ("yes",)]


def _recall_2018(con: duckdb.DuckDBPyConnection) -> None:
    election(con, 139, "2018 SPECIAL ELECTION (STATE SENATE 29)", "STATE SENATE 29")
    _measure(
        con,
        1406229,
        "SENATE DISTRICT 29 - SPECIAL RECALL ELECTION",
        "JUNE 5, 2018, SPECIAL ELECTION",
        "2018-06-05",
    )
    # the person the recall targeted, as the people step would have made them
    con.execute("INSERT INTO ocd.person (id, name) VALUES ('ocd-person/newman', 'Josh Newman')")
    con.execute(
        "INSERT INTO ocd.person_identifier (person_id, scheme, identifier) "
        "VALUES ('ocd-person/newman', 'calaccess_filer_id', '1377780')"
    )


def test_a_recall_question_is_a_retention_contest_on_the_holders_membership(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    _recall_2018(small_db)
    findings = steps(*STRUCTURE, "measures")
    contest = small_db.execute(
        "SELECT election_id, classification, membership_id, division_id FROM ocd.retention_contest"
    ).fetchall()
    assert len(contest) == 1
    election_id, classification, membership_id, division = contest[0]
    assert election_id == keys.election_id("2018 SPECIAL ELECTION (STATE SENATE 29)")
    assert (classification, division) == ("recall", "ocd-division/country:us/state:ca/sldu:29")
    # no incumbent page lists the recalled senator, so the membership is made and says so
    membership = small_db.execute(
        "SELECT person_id, post_id, end_date FROM ocd.membership WHERE id = ?", [membership_id]
    ).fetchone()
    assert membership == ("ocd-person/newman", keys.post_id("STATE SENATE 29"), "2018-06-05")
    assert ("recall membership made", "2018 SPECIAL ELECTION (STATE SENATE 29)") in {
        (k, s) for k, s, _ in findings
    }


def test_a_recall_uses_the_membership_the_incumbent_pages_give(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    _recall_2018(small_db)
    small_db.execute(
        "INSERT INTO ocd.membership (id, organization_id, person_id, post_id, start_date, end_date) "
        "VALUES ('ocd-membership/listed', 'ocd-organization/x', 'ocd-person/newman', ?, "
        "'2017-01-01', '2018-12-31')",
        [keys.post_id("STATE SENATE 29")],
    )
    steps(*STRUCTURE, "measures")
    assert small_db.execute("SELECT membership_id FROM ocd.retention_contest").fetchall() == [
        ("ocd-membership/listed",)
    ]
    assert small_db.execute("SELECT count(*) FROM ocd.membership").fetchone() == (1,)


def test_committees_support_yes_and_oppose_no(small_db: duckdb.DuckDBPyConnection, steps: Steps) -> None:
    election(small_db, 65, "2016 GENERAL")
    incumbent_date(small_db, 2015, 2, "GENERAL ELECTION", "2016-11-08")
    _measure(
        small_db,
        7,
        "PROPOSITION 060 - ADULT FILMS. INITIATIVE STATUTE.",
        "NOVEMBER 8, 2016, GENERAL",
        "2016-11-08",
    )
    for filer_id, position in ((111, "SUPPORT"), (222, "OPPOSE")):
        add(
            small_db,
            "scraped.measure_committees",
            measure_id=7,
            filer_id=filer_id,
            committee_id=str(filer_id),
            name=f"COMMITTEE {filer_id}",
            position=position,
        )
    steps(*STRUCTURE, "measures")
    positions = small_db.execute(
        """SELECT c.name, s.option FROM ocd.committee_ballot_measure_option_supported AS s
           JOIN ocd.committee AS c ON c.id = s.committee_id ORDER BY c.name"""
    ).fetchall()
    assert positions == [("COMMITTEE 111", "yes"), ("COMMITTEE 222", "no")]
    assert small_db.execute(
        "SELECT DISTINCT ballot_measure_contest_id FROM ocd.committee_ballot_measure_option_supported"
    ).fetchall() == [(make_id("ballot_measure_contest", "7"),)]
    assert small_db.execute("SELECT id FROM ocd.committee ORDER BY name").fetchall() == [
        (keys.committee_id(111),),
        (keys.committee_id(222),),
    ]
