"""Natural keys: one spelling per office, and ids that SQL and Python derive alike."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calaccess.ocd import make_id
from calaccess.process import keys


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    keys.install(connection)
    return connection


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("STATE SENATE 01", "STATE SENATE 1"),
        ("SENATE DISTRICT 29", "STATE SENATE 29"),
        ("ASSEMBLY 080", "ASSEMBLY 80"),
        (" assembly  12 ", "ASSEMBLY 12"),
        ("MEMBER BOARD OF EQUALIZATION 02", "BOARD OF EQUALIZATION 2"),
        ("STATE CONTROLLER", "CONTROLLER"),
        ("Governor", "GOVERNOR"),
        ("SUPERINTENDENT OF PUBLIC INSTRUCTION", "SUPERINTENDENT OF PUBLIC INSTRUCTION"),
        ("CITY COUNCIL", None),
        ("ASSEMBLY", None),
    ],
)
def test_office_spellings_read_as_one_office(
    con: duckdb.DuckDBPyConnection, printed: str, key: str | None
) -> None:
    assert keys.office_key(printed) == key
    assert con.execute("SELECT office_key(?)", [printed]).fetchone() == (key,)


def test_sql_ids_are_the_ocd_package_ids(con: duckdb.DuckDBPyConnection) -> None:
    row = con.execute(
        """SELECT election_id_of('2016 GENERAL'), post_id_of('STATE SENATE 01'),
                  candidate_contest_id_of('2010 PRIMARY', 'ASSEMBLY 05', 'ocd-organization/x'),
                  candidate_contest_id_of('2016 GENERAL', 'ASSEMBLY 5', NULL),
                  organization_id_of('party', 'Democratic'), committee_id_of(1234567),
                  post_id_of('CITY COUNCIL')"""
    ).fetchone()
    assert row == (
        make_id("election", "2016 GENERAL"),
        make_id("post", "STATE SENATE 1"),
        make_id("candidate_contest", "2010 PRIMARY", "ASSEMBLY 5", "ocd-organization/x"),
        make_id("candidate_contest", "2016 GENERAL", "ASSEMBLY 5", None),
        make_id("organization", "party", "Democratic"),
        make_id("committee", "1234567"),
        None,
    )


@settings(deadline=None, max_examples=60)
@given(parts=st.lists(st.one_of(st.none(), st.text(max_size=12)), min_size=1, max_size=4))
def test_sql_uuid5_matches_python_for_any_key(
    con: duckdb.DuckDBPyConnection, parts: list[str | None]
) -> None:
    row = con.execute("SELECT make_id('election', ?::VARCHAR[])", [parts]).fetchone()
    assert row == (make_id("election", *parts),)


@pytest.mark.parametrize(
    ("day", "session"),
    [("2015-01-05", 2015), ("2016-11-08", 2015), ("2017-06-06", 2017), ("2000-03-07", 1999)],
)
def test_a_date_falls_in_the_session_named_for_its_odd_first_year(
    con: duckdb.DuckDBPyConnection, day: str, session: int
) -> None:
    assert con.execute("SELECT session_of(CAST(? AS DATE))", [day]).fetchone() == (session,)


@pytest.mark.parametrize(
    ("tran_id", "line_item", "occurrence"),
    [("A123", 7, 1), ("A123", 9, 2), (None, 4, 1), (None, 4, 3)],
)
def test_finance_ids_are_the_same_in_sql_and_python(
    con: duckdb.DuckDBPyConnection, tran_id: str | None, line_item: int, occurrence: int
) -> None:
    row = con.execute(
        """SELECT filing_id_of(1234), filing_action_id_of(1234, 2), unknown_filer_committee_id_of(1234),
                  transaction_id_of(1234, 'rcpt_cd', 'A', ?, ?, ?)""",
        [tran_id, line_item, occurrence],
    ).fetchone()
    assert row == (
        keys.filing_id(1234),
        keys.filing_action_id(1234, 2),
        keys.unknown_filer_committee_id(1234),
        keys.transaction_id(1234, "rcpt_cd", "A", tran_id, line_item, occurrence),
    )


def test_a_transaction_keeps_its_id_when_an_amendment_renumbers_its_line() -> None:
    line = keys.transaction_id
    assert line(1, "rcpt_cd", "A", "T1", 3) == line(1, "rcpt_cd", "A", "T1", 8)
    assert line(1, "rcpt_cd", "A", "T1", 3, 2) != line(1, "rcpt_cd", "A", "T1", 3)
    assert line(1, "rcpt_cd", "A", None, 3) != line(1, "rcpt_cd", "A", None, 8)


def test_ids_of_texts_with_control_characters_agree_between_sql_and_python() -> None:
    with duckdb.connect() as con:
        keys.install(con)
        for name in ("PLAIN NAME", "TAB\tAND\x1fUNIT", "é and \x0b"):
            row = con.execute("SELECT election_id_of(?)", [name]).fetchone()
            assert row is not None and row[0] == keys.election_id(name), repr(name)


@pytest.mark.parametrize(
    ("tran_id", "line_item", "occurrence"), [("LPAY7", 3, 1), (None, 4, 1), ("T1", 5, 2)]
)
def test_lobbying_ids_are_the_same_in_sql_and_python_and_apart_from_campaign_ones(
    con: duckdb.DuckDBPyConnection, tran_id: str | None, line_item: int, occurrence: int
) -> None:
    row = con.execute(
        """SELECT lobbying_organization_id_of(1234), lobbyist_person_id_of(1234),
                  lobbying_transaction_id_of(1234, 'lpay_cd', 'F625P2', ?, ?, ?)""",
        [tran_id, line_item, occurrence],
    ).fetchone()
    assert row == (
        keys.lobbying_organization_id(1234),
        keys.lobbyist_person_id(1234),
        keys.lobbying_transaction_id(1234, "lpay_cd", "F625P2", tran_id, line_item, occurrence),
    )
    assert row[2] != keys.transaction_id(1234, "lpay_cd", "F625P2", tran_id, line_item, occurrence)
