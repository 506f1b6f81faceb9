"""People: one Person per human, merged by a shared filer id or one name in one contest, with reasons."""

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


def test_one_name_in_two_contests_without_filer_ids_stays_two_people(scenario: Scenario) -> None:
    assert len(people_named(scenario[0], "NOLAN, PAT")) == 2


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
             AND p.id NOT IN (SELECT person_id FROM ocd.membership)"""
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
