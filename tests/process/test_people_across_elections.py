"""People across elections: one whole name whose offices fit one career is one person; namesakes stay apart.

Each test writes the few candidate rows that show its case (no filer ids unless the case needs one) and runs
processing through the primaries step on an empty database (`small_db`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from calaccess import db
from calaccess.ocd import make_id
from calaccess.process import STEP_NAMES as STEPS
from calaccess.process import keys
from calaccess.process.names import parse_name
from calaccess.process.namesakes import FINDING
from tests.process.small import (
    LOOKUP_CODES,
    Findings,
    candidate,
    create_tables_read_and_written,
    election,
    incumbent,
    run_steps,
)

#: electNav ids of the elections these tests use
ELECTIONS = {
    "2000 PRIMARY": 1,
    "2002 PRIMARY": 2,
    "2010 GENERAL": 3,
    "2012 PRIMARY": 4,
    "2014 GENERAL": 5,
    "2014 PRIMARY": 6,
    "2016 PRIMARY": 7,
    "2016 GENERAL": 8,
    "2018 PRIMARY": 9,
}

Listing = tuple[str, str, str, int | None]  # election, office, printed name, filer id

#: Through the primaries step: a pre-2012 primary's contests (one per party) are built there.
THROUGH_PRIMARIES = STEPS[: STEPS.index("primaries") + 1]


def world(
    con: duckdb.DuckDBPyConnection, listings: list[Listing], incumbents: tuple[Listing, ...] = ()
) -> Findings:
    """The elections, the listed candidates (and incumbents: session, office, name, filer id), processed."""
    con.executemany("INSERT INTO raw.lookup_codes_cd VALUES (?, ?, ?)", LOOKUP_CODES)
    for name in sorted({listing[0] for listing in listings}):
        election(con, ELECTIONS[name], name)
    for election_name, office, name, filer_id in listings:
        candidate(con, ELECTIONS[election_name], office, name, filer_id)
    for session, office, name, filer_id in incumbents:
        incumbent(con, int(session), office, name, filer_id)
    return run_steps(con, *THROUGH_PRIMARIES)


def people(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, list[str]]:
    """Each person of that printed name: id -> 'ELECTION OFFICE' of its candidacies, in order."""
    rows = con.execute(
        """SELECT c.person_id, e.name || ' ' || (k.extras->>'office')
           FROM ocd.candidacy AS c JOIN ocd.candidate_contest AS k ON k.id = c.contest_id
           JOIN ocd.election AS e ON e.id = k.election_id
           WHERE c.candidate_name = ? ORDER BY e.date, e.name""",
        [name],
    ).fetchall()
    found: dict[str, list[str]] = {}
    for person_id, where in rows:
        found.setdefault(person_id, []).append(where)
    return found


def reasons(con: duckdb.DuckDBPyConnection, person_id: str) -> set[str]:
    rows = con.execute("SELECT reason FROM meta.person_merge WHERE person_id = ?", [person_id]).fetchall()
    return {part for (reason,) in rows for part in reason.split("; ")}


def kept_apart(findings: Findings) -> dict[str, str]:
    return {subject: detail or "" for kind, subject, detail in findings if kind == FINDING}


def name_id(printed: str, election_name: str, office: str) -> str:
    """The id of a person known only by name, first seen in that contest."""
    contest = keys.candidate_contest_id(election_name, office)
    return make_id("person", "name", parse_name(printed).match_key, contest)


def test_a_candidate_across_three_elections_and_a_redistricting_is_one_person(
    small_db: duckdb.DuckDBPyConnection,
) -> None:
    findings = world(
        small_db,
        [
            ("2010 GENERAL", "ASSEMBLY 37", "GARCIA, ANA M.", None),
            ("2012 PRIMARY", "ASSEMBLY 38", "GARCIA, ANA M.", None),
            ("2014 GENERAL", "ASSEMBLY 38", "GARCIA, ANA M.", None),
        ],
    )
    found = people(small_db, "GARCIA, ANA M.")
    assert list(found.values()) == [
        ["2010 GENERAL ASSEMBLY 37", "2012 PRIMARY ASSEMBLY 38", "2014 GENERAL ASSEMBLY 38"]
    ]
    (garcia,) = found
    # the id of the person merged into: the first record's
    assert garcia == name_id("GARCIA, ANA M.", "2010 GENERAL", "ASSEMBLY 37")
    assert reasons(small_db, garcia) == {
        "same name across elections, neighbouring district after redistricting GARCIA|ANA|M|: "
        "Assembly 37 (2010 GENERAL) and Assembly 38 (2012 PRIMARY)",
        "same name across elections, same office GARCIA|ANA|M|: "
        "Assembly 38 (2012 PRIMARY) and Assembly 38 (2014 GENERAL)",
    }
    assert kept_apart(findings) == {}


def test_namesakes_with_offices_far_apart_stay_apart_and_the_finding_says_why(
    small_db: duckdb.DuckDBPyConnection,
) -> None:
    findings = world(
        small_db,
        [
            ("2002 PRIMARY", "ASSEMBLY 5", "SMITH, JOHN", None),
            ("2016 PRIMARY", "STATE SENATE 30", "SMITH, JOHN", None),
        ],
    )
    assert len(people(small_db, "SMITH, JOHN")) == 2
    detail = kept_apart(findings)["SMITH, JOHN"]
    assert detail.startswith("2 people: [1] ocd-person/")
    assert detail.endswith(
        "Kept apart: [1] and [2]: same name, offices too far apart: "
        "Assembly 5 (2002) vs State Senate 30 (2016)"
    )


def test_neighbouring_districts_without_a_redistricting_between_stay_apart(
    small_db: duckdb.DuckDBPyConnection,
) -> None:
    findings = world(
        small_db,
        [("2014 PRIMARY", "ASSEMBLY 5", "LEE, KIM", None), ("2016 PRIMARY", "ASSEMBLY 6", "LEE, KIM", None)],
    )
    assert len(people(small_db, "LEE, KIM")) == 2
    assert kept_apart(findings)["LEE, KIM"].endswith(
        "same name, neighbouring districts with no redistricting between them: "
        "Assembly 5 (2014) vs Assembly 6 (2016)"
    )


def test_a_middle_initial_tells_two_people_apart(small_db: duckdb.DuckDBPyConnection) -> None:
    world(
        small_db,
        [
            ("2014 PRIMARY", "ASSEMBLY 5", "LEE, KIM A.", None),
            ("2016 PRIMARY", "ASSEMBLY 5", "LEE, KIM B.", None),
        ],
    )
    assert len(people(small_db, "LEE, KIM A.")) == len(people(small_db, "LEE, KIM B.")) == 1
    assert people(small_db, "LEE, KIM A.").keys() != people(small_db, "LEE, KIM B.").keys()


def test_one_statewide_office_and_another_are_one_person(small_db: duckdb.DuckDBPyConnection) -> None:
    world(
        small_db,
        [
            ("2002 PRIMARY", "CONTROLLER", "WELLS, LAURA", None),
            ("2010 GENERAL", "GOVERNOR", "WELLS, LAURA", None),
            ("2014 PRIMARY", "CONTROLLER", "WELLS, LAURA", None),
        ],
    )
    (wells,) = people(small_db, "WELLS, LAURA").values()
    assert len(wells) == 3


def test_a_statewide_candidate_and_a_district_candidate_who_never_held_it_stay_apart(
    small_db: duckdb.DuckDBPyConnection,
) -> None:
    findings = world(
        small_db,
        [
            ("2010 GENERAL", "GOVERNOR", "WEBER, C.T.", None),
            ("2012 PRIMARY", "ASSEMBLY 9", "WEBER, C.T.", None),
        ],
    )
    assert len(people(small_db, "WEBER, C.T.")) == 2
    assert kept_apart(findings)["WEBER, C.T."].endswith(
        "same name, a statewide office and a district seat never held: Governor (2010) vs Assembly 9 (2012)"
    )


def test_a_legislator_who_runs_statewide_is_one_person(small_db: duckdb.DuckDBPyConnection) -> None:
    world(
        small_db,
        [("2014 PRIMARY", "GOVERNOR", "ARIF, MOHAMMAD", None)],
        incumbents=(("2013", "STATE SENATE 16", "ARIF, MOHAMMAD", None),),
    )
    (arif,) = people(small_db, "ARIF, MOHAMMAD")
    memberships = small_db.execute(
        "SELECT count(*) FROM ocd.membership WHERE person_id = ?", [arif]
    ).fetchone()
    assert memberships == (1,)
    assert any(
        reason.startswith("same name across elections, an office holder running statewide")
        for reason in reasons(small_db, arif)
    )


def test_a_record_that_fits_two_namesakes_joins_neither(small_db: duckdb.DuckDBPyConnection) -> None:
    # Assembly 6 after the 2012 redistricting neighbours both Assembly 5 and Assembly 7 before it
    findings = world(
        small_db,
        [
            ("2010 GENERAL", "ASSEMBLY 5", "DIAZ, LUIS", None),
            ("2010 GENERAL", "ASSEMBLY 7", "DIAZ, LUIS", None),
            ("2012 PRIMARY", "ASSEMBLY 6", "DIAZ, LUIS", None),
        ],
    )
    assert len(people(small_db, "DIAZ, LUIS")) == 3
    detail = kept_apart(findings)["DIAZ, LUIS"]
    assert "[1] and [2]: same name, offices too far apart: Assembly 5 (2010) vs Assembly 7 (2010)" in detail
    assert "fits more than one person of this name: kept apart rather than guessed" in detail


def test_a_family_name_alone_joins_nobody_and_is_reported(small_db: duckdb.DuckDBPyConnection) -> None:
    findings = world(
        small_db,
        [
            ("2016 PRIMARY", "ASSEMBLY 13", "STARCHILD", None),
            ("2016 GENERAL", "ASSEMBLY 13", "STARCHILD", None),
        ],
    )
    assert len(people(small_db, "STARCHILD")) == 2
    assert kept_apart(findings)["STARCHILD"].endswith(
        "only a family name (STARCHILD) is printed, too little to join records on"
    )


# ---------------------------------------------------------------------------------------------------------
# ids


GREEN_2016: list[Listing] = [
    ("2016 PRIMARY", "ASSEMBLY 20", "GREEN, TOM", None),
    ("2016 GENERAL", "ASSEMBLY 20", "GREEN, TOM", None),
]


def build(tmp_path: Path, listings: list[Listing]) -> Callable[[str], list[tuple[str, ...]]]:
    """A fresh database file with those listings processed; returns a query function on it."""
    path = tmp_path / f"world{len(list(tmp_path.iterdir()))}.duckdb"
    with db.connect(path) as con:
        create_tables_read_and_written(con)
        world(con, listings)

    def query(sql: str) -> list[tuple[str, ...]]:
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute(sql).fetchall()

    return query


def test_the_same_inputs_give_the_same_ids(tmp_path: Path) -> None:
    listings = [*GREEN_2016, ("2018 PRIMARY", "ASSEMBLY 20", "GREEN, TOM", None)]
    sql = "SELECT p.id, c.id FROM ocd.person AS p JOIN ocd.candidacy AS c ON c.person_id = p.id ORDER BY ALL"
    assert build(tmp_path, listings)(sql) == build(tmp_path, listings)(sql)


def test_a_later_election_keeps_the_person_id(tmp_path: Path) -> None:
    before = build(tmp_path, GREEN_2016)("SELECT id FROM ocd.person")
    after = build(tmp_path, [*GREEN_2016, ("2018 PRIMARY", "ASSEMBLY 20", "GREEN, TOM", None)])
    assert (
        after("SELECT id FROM ocd.person")
        == before
        == [(name_id("GREEN, TOM", "2016 PRIMARY", "ASSEMBLY 20"),)]
    )
    # the 2018 record alone would have had an id of its own: an earlier version may have published it
    assert after("SELECT retired_id, replaced_by FROM meta.person_id_replacement ORDER BY ALL") == sorted(
        [
            (name_id("GREEN, TOM", "2016 GENERAL", "ASSEMBLY 20"), before[0][0]),
            (name_id("GREEN, TOM", "2018 PRIMARY", "ASSEMBLY 20"), before[0][0]),
        ]
    )


def test_a_person_who_gains_a_filer_id_retires_the_name_id_and_records_its_replacement(
    tmp_path: Path,
) -> None:
    before = build(tmp_path, GREEN_2016)("SELECT id FROM ocd.person")
    after = build(tmp_path, [*GREEN_2016, ("2018 PRIMARY", "ASSEMBLY 20", "GREEN, TOM", 1000050)])
    filer_key = make_id("person", "filer id", "1000050")
    assert after("SELECT id FROM ocd.person") == [(filer_key,)]
    rows = after("SELECT retired_id, replaced_by, reason FROM meta.person_id_replacement")
    replacements = {retired: (replaced_by, reason) for retired, replaced_by, reason in rows}
    assert replacements[before[0][0]] == (
        filer_key,
        "keyed by name; its person has filer id 1000050 (joined by same name across elections, same office)",
    )


def test_two_people_found_to_be_one_keep_the_first_filer_id_and_retire_the_other(tmp_path: Path) -> None:
    # the state gave the 2018 campaign a filer id of its own; the name and the seat say it is one person
    query = build(
        tmp_path,
        [
            ("2016 PRIMARY", "ASSEMBLY 20", "GREEN, TOM", 1000060),
            ("2018 PRIMARY", "ASSEMBLY 20", "GREEN, TOM", 1000061),
        ],
    )
    kept, retired = make_id("person", "filer id", "1000060"), make_id("person", "filer id", "1000061")
    assert query("SELECT id FROM ocd.person") == [(kept,)]
    assert query("SELECT identifier FROM ocd.person_identifier ORDER BY 1") == [("1000060",), ("1000061",)]
    assert query("SELECT retired_id, replaced_by FROM meta.person_id_replacement") == [(retired, kept)]
