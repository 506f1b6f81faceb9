"""The tables generated from the type definitions."""

from __future__ import annotations

import duckdb

from calaccess.ocd import create_tables


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'ocd' AND table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def test_tables_have_the_standard_names_and_columns() -> None:
    con = duckdb.connect()
    create_tables(con)
    assert _columns(con, "election") == [
        "id",
        "name",
        "date",
        "division_id",
        "administrative_organization_id",
        "created_at",
        "updated_at",
        "extras",
    ]
    assert _columns(con, "candidate_contest_post") == ["contest_id", "post_id", "sort_order"]
    assert _columns(con, "ballot_measure_contest_option") == ["contest_id", "text"]
    assert _columns(con, "person_identifier") == ["person_id", "scheme", "identifier"]
    assert {"contest_id", "person_id", "post_id", "party_id", "candidate_name"} <= set(
        _columns(con, "candidacy")
    )
    for table in (
        "retention_contest",
        "party_contest",
        "committee",
        "filing",
        "filing_action",
        "transaction",
    ):
        assert "id" in _columns(con, table)


def test_standard_defaults_fill_omitted_columns() -> None:
    con = duckdb.connect()
    create_tables(con)
    con.execute("INSERT INTO ocd.candidate_contest (id, name) VALUES ('x', 'STATE SENATE 01')")
    row = con.execute(
        "SELECT number_elected, previous_term_unexpired, extras, created_at IS NOT NULL "
        "FROM ocd.candidate_contest"
    ).fetchone()
    assert row == (1, False, "{}", True)


def test_create_tables_twice_keeps_rows_and_replace_empties_them() -> None:
    con = duckdb.connect()
    create_tables(con)
    con.execute("INSERT INTO ocd.person (id, name) VALUES ('x', 'A')")
    create_tables(con)
    assert con.execute("SELECT count(*) FROM ocd.person").fetchone() == (1,)
    create_tables(con, replace=True)
    assert con.execute("SELECT count(*) FROM ocd.person").fetchone() == (0,)
