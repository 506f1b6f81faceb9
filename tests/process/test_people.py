"""People: one Person per human, merged by a shared filer id, one name in one contest, or one whole name whose
offices fit one career (the cases of that last rule are in test_people_across_elections.py), with reasons."""

from __future__ import annotations

from pathlib import Path

import duckdb

from calaccess import db
from calaccess.ocd import make_id
from calaccess.process import keys
from calaccess.process.names import parse_name
from tests.process.small import Scenario, build_scenario, create_tables_read_and_written


def people_named(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """The ids of the people any record of that printed name belongs to."""
    rows = con.execute(
        """SELECT DISTINCT person_id FROM ocd.candidacy WHERE candidate_name = ?
           UNION SELECT DISTINCT person_id FROM ocd.membership AS m
           JOIN ocd.person AS p ON p.id = m.person_id WHERE p.sort_name = ?""",
        [name, name],
    ).fetchall()
    return sorted(person_id for (person_id,) in rows)


def merges(con: duckdb.DuckDBPyConnection, person_id: str) -> list[tuple[str, str]]:
    rows = con.execute(
        "SELECT record_key, reason FROM meta.person_merge WHERE person_id = ? ORDER BY record_key",
        [person_id],
    ).fetchall()
    return [(record_key, reason) for record_key, reason in rows]


def test_records_sharing_a_filer_id_are_one_person(scenario: Scenario) -> None:
    con, _ = scenario
    (poe,) = people_named(con, "POE, EDGAR")
    elections = con.execute(
        """SELECT e.name FROM ocd.candidacy AS c JOIN ocd.candidate_contest AS k ON k.id = c.contest_id
           JOIN ocd.election AS e ON e.id = k.election_id WHERE c.person_id = ? ORDER BY e.name""",
        [poe],
    ).fetchall()
    assert elections == [("2014 PRIMARY",), ("2016 PRIMARY",)]
    assert [reason for _, reason in merges(con, poe)] == ["shared filer id 1000009"] * 2


def test_one_name_twice_in_one_contest_is_one_person_and_one_candidacy(scenario: Scenario) -> None:
    con, _ = scenario
    (moss,) = people_named(con, "MOSS, KATE")
    count = con.execute("SELECT count(*) FROM ocd.candidacy WHERE person_id = ?", [moss]).fetchone()
    assert count == (1,)
    reasons = [reason for _, reason in merges(con, moss)]
    contest = keys.candidate_contest_id("2016 PRIMARY", "ASSEMBLY 9")
    assert reasons == [f"same name in one contest {contest} MOSS|KATE"] * 2


def test_one_name_in_two_contests_for_one_seat_is_one_person(scenario: Scenario) -> None:
    con, _ = scenario
    (nolan,) = people_named(con, "NOLAN, PAT")
    candidacies = con.execute("SELECT count(*) FROM ocd.candidacy WHERE person_id = ?", [nolan]).fetchone()
    assert candidacies == (2,)
    reason = (
        "same name across elections, same office NOLAN|PAT||: "
        "Assembly 10 (2016 PRIMARY) and Assembly 10 (2016 GENERAL)"
    )
    assert [reason for _, reason in merges(con, nolan)] == [reason] * 2


def test_person_id_comes_from_the_smallest_current_filer_id(scenario: Scenario) -> None:
    con, _ = scenario
    (reed,) = people_named(con, "REED, LOU")
    assert reed == make_id("person", "filer id", "1000021")
    identifiers = con.execute(
        "SELECT identifier FROM ocd.person_identifier WHERE person_id = ? ORDER BY identifier", [reed]
    ).fetchall()
    # the 501 was filed under the old id that FILER_XREF_CD maps to the current one: both identify her
    assert identifiers == [("093130",), ("1000021",)]


def test_a_person_known_only_by_name_is_keyed_by_name_and_first_contest(scenario: Scenario) -> None:
    con, _ = scenario
    (roe,) = people_named(con, "ROE, RICHARD")
    contest = keys.candidate_contest_id("2016 PRIMARY", "ASSEMBLY 5")
    assert roe == make_id("person", "name", parse_name("ROE, RICHARD").match_key, contest)


def test_person_names_read_first_name_first_with_variants_kept(scenario: Scenario) -> None:
    con, _ = scenario
    (smith,) = people_named(con, 'SMITH, JONATHAN Q. "JACK"')
    person = con.execute(
        "SELECT name, sort_name, family_name, given_name FROM ocd.person WHERE id = ?", [smith]
    )
    assert person.fetchone() == ("JONATHAN Q. SMITH", "SMITH, JONATHAN Q.", "SMITH", "JONATHAN")
    other_names = con.execute(
        "SELECT name FROM ocd.person_other_name WHERE person_id = ?", [smith]
    ).fetchall()
    assert other_names == [('SMITH, JONATHAN Q. "JACK"',)]


def test_ids_are_the_same_when_run_again(tmp_path: Path) -> None:
    def ids() -> list[tuple[str, ...]]:
        with db.connect(tmp_path / f"run{len(runs)}.duckdb") as con:
            create_tables_read_and_written(con)
            build_scenario(con)
            return con.execute(
                """SELECT p.id, c.id, c.contest_id FROM ocd.person AS p
                   LEFT JOIN ocd.candidacy AS c ON c.person_id = p.id ORDER BY ALL"""
            ).fetchall()

    runs: list[list[tuple[str, ...]]] = []
    runs.append(ids())
    runs.append(ids())
    assert runs[0] == runs[1]


# ---------------------------------------------------------------------------------------------------------
# the real inputs


def test_every_person_has_a_candidacy_or_a_membership(real: duckdb.DuckDBPyConnection) -> None:
    idle = real.execute(
        """SELECT count(*) FROM ocd.person AS p
           WHERE p.id NOT IN (SELECT person_id FROM ocd.candidacy)
             AND p.id NOT IN (SELECT person_id FROM ocd.membership)
             AND p.extras->>'kind' IS DISTINCT FROM 'lobbyist'"""  # a lobbyist is one by certification
    ).fetchone()
    assert idle == (0,)


def test_a_filer_id_names_one_person(real: duckdb.DuckDBPyConnection) -> None:
    shared = real.execute(
        """SELECT identifier FROM ocd.person_identifier WHERE scheme = 'calaccess_filer_id'
           GROUP BY identifier HAVING count(DISTINCT person_id) > 1"""
    ).fetchall()
    assert shared == []


def test_every_merged_person_has_its_reasons_recorded(real: duckdb.DuckDBPyConnection) -> None:
    unexplained = real.execute(
        """SELECT p.id FROM ocd.person AS p
           WHERE CAST(p.extras->>'records' AS INTEGER) > 1
             AND p.id NOT IN (SELECT person_id FROM meta.person_merge)"""
    ).fetchall()
    assert unexplained == []
    merged = real.execute("SELECT count(DISTINCT person_id) FROM meta.person_merge").fetchone()
    findings = real.execute("SELECT count(*) FROM meta.finding WHERE kind = 'person merged'").fetchone()
    assert merged == findings
    assert merged is not None and merged[0] > 100  # politicians run again: most incumbents are merges


def test_a_politician_across_elections_is_one_person(real: duckdb.DuckDBPyConnection) -> None:
    """Jerry Brown (filer id 1265530): attorney general, then governor, one person throughout."""
    rows = real.execute(
        """SELECT p.name, count(DISTINCT c.id), count(DISTINCT m.id)
           FROM ocd.person_identifier AS i JOIN ocd.person AS p ON p.id = i.person_id
           LEFT JOIN ocd.candidacy AS c ON c.person_id = p.id
           LEFT JOIN ocd.membership AS m ON m.person_id = p.id
           WHERE i.identifier = '1265530' GROUP BY p.name"""
    ).fetchall()
    assert len(rows) == 1
    name, candidacies, memberships = rows[0]
    assert name == "EDMUND G. BROWN"
    assert candidacies >= 6 and memberships >= 6


def test_a_candidate_never_given_a_filer_id_is_one_person_across_elections(
    real: duckdb.DuckDBPyConnection,
) -> None:
    """Before people were joined across elections, GLADYS O. MILLER was 11 people and LAURA WELLS 8."""
    rows = real.execute(
        """SELECT p.name, count(DISTINCT p.id), count(c.id), list(DISTINCT i.identifier)
           FROM ocd.person AS p JOIN ocd.candidacy AS c ON c.person_id = p.id
           LEFT JOIN ocd.person_identifier AS i ON i.person_id = p.id
           WHERE p.name IN ('GLADYS O. MILLER', 'LAURA WELLS') GROUP BY p.name ORDER BY p.name"""
    ).fetchall()
    # eleven candidacies for Assembly 50, 2000-2010; eight for Controller and Governor, the last with an id
    assert rows == [("GLADYS O. MILLER", 1, 11, [None]), ("LAURA WELLS", 1, 8, ["1241454"])]


def test_every_name_still_held_by_several_people_says_why(real: duckdb.DuckDBPyConnection) -> None:
    held = real.execute(
        # the candidates' people: a lobbyist is never joined to anyone by name (tests/process/lobbying)
        "SELECT count(*) FROM (SELECT name FROM ocd.person WHERE extras->>'kind' IS DISTINCT FROM 'lobbyist' "
        "GROUP BY name HAVING count(*) > 1)"
    ).fetchone()
    findings = real.execute(
        """SELECT count(*), count(*) FILTER (WHERE detail LIKE '%Kept apart: %same name, %'
                                               OR detail LIKE '%only a family name%')
           FROM meta.finding WHERE kind = 'namesakes kept apart'"""
    ).fetchone()
    assert held is not None and findings is not None
    # 822 names were held by several people before; those left differ in office (another chamber, a
    # district far off, a district race never won beside a statewide one), or are a family name alone
    assert held[0] == findings[0] == findings[1]
    assert 50 < held[0] < 150


def test_namesakes_kept_apart_say_what_told_them_apart(real: duckdb.DuckDBPyConnection) -> None:
    """C.T. WEBER ran statewide, for State Senate 6 and for Assembly 9 and never held a seat: only the name
    ties the three, too little across chambers or between a district and the state, so they stay apart."""
    (detail,) = real.execute(
        "SELECT detail FROM meta.finding WHERE kind = 'namesakes kept apart' AND subject = 'WEBER, C.T.'"
    ).fetchone() or (None,)
    assert detail is not None and detail.startswith("3 people: ")
    assert (
        "[2] and [3]: same name, offices too far apart: State Senate 6 (2006) vs Assembly 9 (2008)" in detail
    )


def test_candidacies_point_to_people_and_one_person_runs_once_per_contest(
    real: duckdb.DuckDBPyConnection,
) -> None:
    orphans = real.execute(
        "SELECT count(*) FROM ocd.candidacy WHERE person_id NOT IN (SELECT id FROM ocd.person)"
    ).fetchone()
    twice = real.execute(
        """SELECT count(*) FROM (SELECT 1 FROM ocd.candidacy GROUP BY person_id, contest_id
                                 HAVING count(*) > 1)"""
    ).fetchone()
    assert (orphans, twice) == ((0,), (0,))


def test_every_retired_id_names_the_person_that_replaces_it(real: duckdb.DuckDBPyConnection) -> None:
    checks = real.execute(
        """SELECT count(*), count(DISTINCT retired_id),
                  count(*) FILTER (WHERE retired_id IN (SELECT id FROM ocd.person)),
                  count(*) FILTER (WHERE replaced_by NOT IN (SELECT id FROM ocd.person))
           FROM meta.person_id_replacement"""
    ).fetchone()
    assert checks is not None
    retired, distinct, still_used, dangling = checks
    assert retired > 1000  # every record joined across elections had an id of its own
    assert (distinct, still_used, dangling) == (retired, 0, 0)
