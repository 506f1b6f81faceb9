"""Memberships: each session's incumbents in their posts, the same people as their candidacies."""

from __future__ import annotations

import duckdb

from calaccess import meta
from calaccess.process import keys
from tests.process.small import Scenario


def membership(con: duckdb.DuckDBPyConnection, office: str, session: int) -> tuple[str, ...]:
    row = con.execute(
        """SELECT m.person_id, m.post_id, m.organization_id, m.start_date, m.end_date FROM ocd.membership AS m
           WHERE m.extras->>'office' = ? AND CAST(m.extras->>'session' AS INTEGER) = ?""",
        [office, session],
    ).fetchone()
    assert row is not None, f"no membership for {office} in {session}"
    return tuple(row)


def test_incumbent_holds_the_post_for_the_session_as_the_same_person_who_ran(scenario: Scenario) -> None:
    con, _ = scenario
    person_id, post_id, organization_id, start, end = membership(con, "ASSEMBLY 8", 2015)
    assert (post_id, start, end) == (keys.post_id("ASSEMBLY 8"), "2015", "2016")
    post = con.execute("SELECT organization_id FROM ocd.post WHERE id = ?", [post_id]).fetchone()
    assert post == (organization_id,)
    ran = con.execute("SELECT person_id FROM ocd.candidacy WHERE candidate_name = 'WEST, AMY'").fetchone()
    assert ran == (person_id,)


def test_membership_is_on_behalf_of_the_party_the_holder_ran_for(scenario: Scenario) -> None:
    con, _ = scenario
    rows = con.execute(
        """SELECT m.extras->>'office', p.name FROM ocd.membership AS m
           LEFT JOIN ocd.organization AS p ON p.id = m.on_behalf_of_id ORDER BY 1"""
    ).fetchall()
    # WEST ran as a Democrat for her seat; the others' candidacies name no party
    assert rows == [("ASSEMBLY 14", None), ("ASSEMBLY 51", None), ("ASSEMBLY 8", "Democratic Party")]


def test_incumbent_without_filer_id_is_the_candidate_who_won_the_seat(scenario: Scenario) -> None:
    con, _ = scenario
    person_id = membership(con, "ASSEMBLY 14", 2017)[0]
    ran = con.execute("SELECT person_id FROM ocd.candidacy WHERE candidate_name = 'FOX, RED'").fetchone()
    assert ran == (person_id,)
    reasons = con.execute(
        "SELECT DISTINCT reason FROM meta.person_merge WHERE person_id = ?", [person_id]
    ).fetchall()
    assert reasons == [("incumbent named as the candidate for the seat ASSEMBLY 14 2017 FOX|RED",)]


def test_every_incumbent_is_a_membership(scenario: Scenario) -> None:
    con, _ = scenario
    row = next(a for a in meta.accounting(con, "process") if a.subject == "ocd.membership")
    assert (row.rows_in, row.rows_out, row.rows_set_aside) == (3, 3, 0)


# ---------------------------------------------------------------------------------------------------------
# the real inputs


def test_every_listed_incumbent_is_a_membership_in_a_real_post(real: duckdb.DuckDBPyConnection) -> None:
    incumbents = real.execute("SELECT count(*) FROM scraped.incumbents").fetchone()
    memberships = real.execute(
        """SELECT count(*) FROM ocd.membership AS m
           JOIN ocd.post AS p ON p.id = m.post_id JOIN ocd.person AS person ON person.id = m.person_id
           WHERE m.organization_id = p.organization_id AND m.extras->>'session' IS NOT NULL"""
    ).fetchone()
    assert incumbents == memberships
    assert incumbents is not None and incumbents[0] > 1000


def test_each_session_fills_each_assembly_seat_once(real: duckdb.DuckDBPyConnection) -> None:
    crowded = real.execute(
        """SELECT m.extras->>'session', m.post_id FROM ocd.membership AS m
           WHERE m.extras->>'session' IS NOT NULL  -- the incumbent pages' (recalls add their own)
             AND m.post_id IS NOT NULL  -- a seat (a lobbyist's employment in a session is no post)
           GROUP BY ALL HAVING count(DISTINCT m.person_id) > 1"""
    ).fetchall()
    # a seat changes hands within a session only through a special election; the pages list one holder
    assert crowded == []


def test_recalls_point_to_memberships(real: duckdb.DuckDBPyConnection) -> None:
    dangling = real.execute(
        "SELECT id FROM ocd.retention_contest WHERE membership_id NOT IN (SELECT id FROM ocd.membership)"
    ).fetchall()
    assert dangling == []
