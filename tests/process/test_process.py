"""The whole processing stage on the real inputs: the checks a reporter would make of the result."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from calaccess import db
from calaccess.ocd import tables
from calaccess.ocd.validate import validate_database
from calaccess.process import STEPS, keys, process
from calaccess.process.runner import empty_made_tables

GUBERNATORIAL_YEARS = (2002, 2006, 2010, 2014, 2018, 2022)
STATEWIDE_GENERAL_OFFICES = (
    "Governor",
    "Lieutenant Governor",
    "Secretary of State",
    "Controller",
    "Treasurer",
    "Attorney General",
    "Insurance Commissioner",
    "Board of Equalization Member, District 1",
    "Board of Equalization Member, District 2",
    "Board of Equalization Member, District 3",
    "Board of Equalization Member, District 4",
)


def _contest_labels(real: duckdb.DuckDBPyConnection, election: str) -> list[str]:
    rows = real.execute(
        """SELECT p.label FROM ocd.candidate_contest AS c
           JOIN ocd.election AS e ON e.id = c.election_id
           JOIN ocd.candidate_contest_post AS cp ON cp.contest_id = c.id
           JOIN ocd.post AS p ON p.id = cp.post_id
           WHERE e.name = ?""",
        [election],
    ).fetchall()
    return [label for (label,) in rows]


@pytest.mark.parametrize("year", range(2002, 2025, 2))
def test_every_regular_general_has_80_assembly_and_20_senate_contests(
    real: duckdb.DuckDBPyConnection, year: int
) -> None:
    labels = _contest_labels(real, f"{year} GENERAL")
    assert sum(label.startswith("Assembly Member") for label in labels) == 80
    assert sum(label.startswith("State Senator") for label in labels) == 20


@pytest.mark.parametrize("year", GUBERNATORIAL_YEARS)
def test_each_gubernatorial_year_has_the_statewide_and_board_of_equalization_contests(
    real: duckdb.DuckDBPyConnection, year: int
) -> None:
    general = set(_contest_labels(real, f"{year} GENERAL"))
    assert set(STATEWIDE_GENERAL_OFFICES) <= general
    primary = set(_contest_labels(real, f"{year} PRIMARY"))
    assert "Superintendent of Public Instruction" in primary | general


def test_every_office_is_a_post_in_its_body_and_its_division(real: duckdb.DuckDBPyConnection) -> None:
    bodies = dict(
        real.execute(
            """SELECT o.name, count(*) FROM ocd.post AS p
               JOIN ocd.organization AS o ON o.id = p.organization_id
               JOIN ocd.division AS d ON d.id = p.division_id GROUP BY o.name"""
        ).fetchall()
    )
    assert bodies == {
        "California State Assembly": 80,
        "California State Senate": 40,
        "California State Board of Equalization": 4,
        "California Executive Branch": 8,
    }
    divisions = dict(real.execute("SELECT label, division_id FROM ocd.post").fetchall())
    assert divisions["Assembly Member, District 12"] == "ocd-division/country:us/state:ca/sldl:12"
    assert divisions["State Senator, District 40"] == "ocd-division/country:us/state:ca/sldu:40"
    assert divisions["Board of Equalization Member, District 2"] == (
        "ocd-division/country:us/state:ca/board_of_equalization:2"
    )
    assert divisions["Governor"] == "ocd-division/country:us/state:ca"


def test_the_secretary_of_state_administers_every_election(real: duckdb.DuckDBPyConnection) -> None:
    administrators = real.execute(
        """SELECT DISTINCT o.name FROM ocd.election AS e
           JOIN ocd.organization AS o ON o.id = e.administrative_organization_id"""
    ).fetchall()
    assert administrators == [("California Secretary of State, Elections Division",)]


def test_no_two_elections_share_a_name_or_an_id(real: duckdb.DuckDBPyConnection) -> None:
    row = real.execute(
        "SELECT count(*), count(DISTINCT name), count(DISTINCT id) FROM ocd.election"
    ).fetchone()
    assert row is not None and row[0] == row[1] == row[2] > 100


def test_primaries_are_dated_as_the_incumbent_pages_list_them(real: duckdb.DuckDBPyConnection) -> None:
    dates = dict(real.execute("SELECT name, date FROM ocd.election").fetchall())
    assert dates["2000 PRIMARY"] == dt.date(2000, 3, 7)
    assert dates["2008 PRESIDENTIAL PRIMARY"] == dt.date(2008, 2, 5)
    assert dates["2008 PRIMARY"] == dt.date(2008, 6, 3)
    assert dates["2020 PRIMARY"] == dt.date(2020, 3, 3)
    assert dates["2016 GENERAL"] == dt.date(2016, 11, 8)


def test_the_wrong_2020_dates_of_two_2021_specials_are_findings_not_elections(
    real: duckdb.DuckDBPyConnection,
) -> None:
    dated_2020 = real.execute(
        "SELECT name FROM ocd.election WHERE date = DATE '2020-04-15' "
        "OR (name LIKE '2021%' AND year(date) = 2020)"
    ).fetchall()
    assert dated_2020 == []
    subjects = {
        subject
        for (subject,) in real.execute(
            "SELECT subject FROM meta.finding "
            "WHERE stage = 'process' AND kind = 'special election date in another year'"
        ).fetchall()
    }
    assert subjects == {"2021 SPECIAL ELECTION (ASSEMBLY 79)", "2021 SPECIAL ELECTION (STATE SENATE 30)"}


def test_recalls_are_retention_contests_on_a_membership(real: duckdb.DuckDBPyConnection) -> None:
    kinds = dict(real.execute("SELECT name, extras->>'kind' FROM ocd.election").fetchall())
    assert kinds["2018 SPECIAL ELECTION (STATE SENATE 29)"] == "RECALL"
    assert kinds["2008 RECALL (STATE SENATE 12)"] == "RECALL"
    recalls = real.execute(
        """SELECT e.name FROM ocd.retention_contest AS r
           JOIN ocd.election AS e ON e.id = r.election_id
           JOIN ocd.membership AS m ON m.id = r.membership_id
           ORDER BY e.date"""
    ).fetchall()
    assert recalls == [
        ("2003 SPECIAL ELECTION (GOVERNOR)",),
        ("2008 RECALL (STATE SENATE 12)",),
        ("2018 SPECIAL ELECTION (STATE SENATE 29)",),
        ("2021 SPECIAL ELECTION (GOVERNOR)",),
    ]


def test_specials_fill_unexpired_terms_and_runoffs_point_to_what_they_decide(
    real: duckdb.DuckDBPyConnection,
) -> None:
    rows = real.execute(
        """SELECT e.name, c.previous_term_unexpired, c.runoff_for_contest_id FROM ocd.candidate_contest AS c
           JOIN ocd.election AS e ON e.id = c.election_id WHERE e.name LIKE '% SPECIAL %'"""
    ).fetchall()
    assert rows and all(unexpired for _, unexpired, _ in rows)
    runoffs = [(name, decides) for name, _, decides in rows if "SPECIAL RUNOFF" in name]
    listed = real.execute(
        """SELECT count(DISTINCT e.election_id) FROM scraped.elections AS e
           JOIN scraped.candidates AS c USING (election_id) WHERE e.type = 'SPECIAL RUNOFF'"""
    ).fetchone()
    assert listed is not None and len(runoffs) == listed[0] > 20
    assert all(decides is not None for _, decides in runoffs)


def test_every_measure_is_a_contest_with_yes_and_no(real: duckdb.DuckDBPyConnection) -> None:
    measures = real.execute("SELECT count(DISTINCT measure_id) FROM scraped.measures").fetchone()
    contests = real.execute(
        "SELECT (SELECT count(*) FROM ocd.ballot_measure_contest) "
        "+ (SELECT count(*) FROM ocd.retention_contest)"
    ).fetchone()
    assert measures == contests
    options = real.execute(
        "SELECT DISTINCT count(*) FROM ocd.ballot_measure_contest_option GROUP BY contest_id"
    ).fetchall()
    assert options == [(2,)]


def test_every_scraped_candidate_is_a_candidacy(real: duckdb.DuckDBPyConnection) -> None:
    # Row by row: each listed (election, name) has a candidacy in a contest of that election. Names are
    # compared without the site's withdrawal markers and stray punctuation, which the candidacy drops.
    unmatched = real.execute(
        r"""WITH listed AS (
               SELECT DISTINCT election_id::VARCHAR AS electnav_id, office, name,
                      regexp_replace(regexp_replace(name, '\s*\((501)?WITHDRAWN\)', '', 'g'),
                                     '[,\s]+$', '') AS plain_name
               FROM scraped.candidates),
           made AS (
               SELECT identifier.identifier AS electnav_id,
                      regexp_replace(candidacy.candidate_name, '[,\s]+$', '') AS plain_name
               FROM ocd.candidacy AS candidacy
               JOIN ocd.candidate_contest AS contest ON contest.id = candidacy.contest_id
               JOIN ocd.election_identifier AS identifier
                 ON identifier.election_id = contest.election_id
                AND identifier.scheme = 'calaccess_electnav_id')
           SELECT electnav_id, office, name FROM listed
           WHERE NOT EXISTS (SELECT 1 FROM made
                             WHERE made.electnav_id = listed.electnav_id
                               AND made.plain_name = listed.plain_name)"""
    ).fetchall()
    assert unmatched == []
    listed = real.execute(
        "SELECT count(*) FROM (SELECT DISTINCT election_id, office, name FROM scraped.candidates)"
    ).fetchone()
    from_lists = real.execute(
        "SELECT count(*) FROM ocd.candidacy WHERE extras->>'record_source' = 'certified list'"
    ).fetchone()
    assert listed is not None and from_lists is not None and from_lists[0] == listed[0]


def test_validation_finds_no_error(real: duckdb.DuckDBPyConnection) -> None:
    assert validate_database(real) == []


def test_rows_are_accounted_per_type(real: duckdb.DuckDBPyConnection) -> None:
    subjects = {
        subject
        for (subject,) in real.execute(
            "SELECT subject FROM meta.row_accounting WHERE stage = 'process'"
        ).fetchall()
    }
    for subject in (
        "ocd.division",
        "ocd.post",
        "ocd.election",
        "ocd.candidate_contest",
        "ocd.ballot_measure_contest",
    ):
        assert subject in subjects


def _snapshot(real: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """Every ocd row, without the timestamps a run stamps."""
    snapshot = {}
    for table in tables():
        columns = [c.name for c in table.columns if c.name not in ("created_at", "updated_at")]
        listed = ", ".join(columns)
        snapshot[table.name] = real.execute(f"SELECT {listed} FROM ocd.{table.name} ORDER BY ALL").fetchall()
    return snapshot


def test_processing_twice_gives_the_same_ids_and_rows(processed_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again.duckdb"
    shutil.copy(processed_db, copy)
    with db.connect(copy) as again:
        before = _snapshot(again)
        process(again)
        after = _snapshot(again)
    assert before.keys() == after.keys()
    for name in before:
        assert before[name] == after[name], name


def test_elections_carry_the_interchange_formats_election_type(real: duckdb.DuckDBPyConnection) -> None:
    types = dict(
        real.execute(
            """SELECT name, extras->>'election_type' FROM ocd.election
               WHERE name IN ('2016 GENERAL', '2016 PRIMARY', '2010 PRIMARY', '2003 RECALL')
                  OR name LIKE '2021 SPECIAL ELECTION (ASSEMBLY 54)'"""
        ).fetchall()
    )
    assert types["2016 GENERAL"] == "general"
    assert types["2016 PRIMARY"] == "primary"  # top-two since June 2012
    assert types["2010 PRIMARY"] == "partisan-primary-closed"
    assert types["2021 SPECIAL ELECTION (ASSEMBLY 54)"] == "special"
    assert None not in types.values()


def test_a_rerun_keeps_no_row_a_step_did_not_make(processed_db: Path, tmp_path: Path) -> None:
    """The stage owns what its steps make, whole: a committee no step made (left by an older version, or
    written by hand) is gone after a rerun, and the measure committees come back as they were."""
    copy = tmp_path / "again.duckdb"
    shutil.copy(processed_db, copy)
    committees = "SELECT * EXCLUDE (created_at, updated_at) FROM ocd.committee ORDER BY id"
    stray = keys.committee_id("999")
    with db.connect(copy) as again:
        before = again.execute(committees).fetchall()
        again.execute("INSERT INTO ocd.committee (id, name) VALUES (?, 'Stray Committee')", [stray])
        again.execute("INSERT INTO ocd.committee_identifier VALUES (?, 'calaccess_filer_id', '999')", [stray])
        process(again)
        after = again.execute(committees).fetchall()
        identifiers = again.execute(
            "SELECT count(*) FROM ocd.committee_identifier WHERE committee_id = ?", [stray]
        ).fetchone()
    assert after == before and len(before) > 500
    assert identifiers == (0,)


def test_the_steps_declare_every_table_they_fill(processed_db: Path, tmp_path: Path) -> None:
    """Emptying what the steps declare they make empties every table the stage filled."""
    copy = tmp_path / "emptied.duckdb"
    shutil.copy(processed_db, copy)
    with db.connect(copy) as con:
        empty_made_tables(con, STEPS)
        filled = [
            f"{schema}.{table}"
            for schema, table in con.execute(
                "SELECT schema_name, table_name FROM duckdb_tables() "
                "WHERE schema_name = 'ocd' OR table_name LIKE 'person%'"
            ).fetchall()
            if con.execute(f"SELECT count(*) FROM {schema}.{table}").fetchone() != (0,)
        ]
    assert filled == []
