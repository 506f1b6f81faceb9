"""Who won: the candidate who holds the post on the incumbents page of the session the contest fills."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from calaccess import db, meta
from calaccess.process import STEP_NAMES as STEPS
from tests.process.small import (
    Findings,
    candidate,
    create_tables_read_and_written,
    election,
    incumbent,
    incumbent_date,
    run_steps,
)

PRIMARY_2016, GENERAL_2016, GENERAL_2018, GENERAL_2020 = 70, 71, 72, 73
SPECIAL_SD07, RUNOFF_SD07, SPECIAL_AD31, SPECIAL_AD51 = 80, 81, 82, 83


def build_world(con: duckdb.DuckDBPyConnection) -> Findings:
    """A general won, lost and undecided three ways, specials won on this session's page and the next one's,
    and a special that went to a runoff."""
    election(con, PRIMARY_2016, "2016 PRIMARY")
    election(con, GENERAL_2016, "2016 GENERAL")
    election(con, GENERAL_2018, "2018 GENERAL")
    election(con, GENERAL_2020, "2020 GENERAL")
    election(con, SPECIAL_SD07, "2015 SPECIAL ELECTION (STATE SENATE 07)", "STATE SENATE 07")
    election(con, RUNOFF_SD07, "2015 SPECIAL RUNOFF (STATE SENATE 07)", "STATE SENATE 07")
    election(con, SPECIAL_AD31, "2016 SPECIAL ELECTION (ASSEMBLY 31)", "ASSEMBLY 31")
    election(con, SPECIAL_AD51, "2017 SPECIAL ELECTION (ASSEMBLY 51)", "ASSEMBLY 51")
    # ASSEMBLY 7: GRAY wins the 2016 general (she holds the seat in 2017); nobody can say for 2018 (no
    # 2019 page was saved) or 2020 (the 2021 page lists election dates only); the primary decides nothing
    candidate(con, PRIMARY_2016, "ASSEMBLY 7", "GRAY, ANN", 1000012)
    candidate(con, GENERAL_2016, "ASSEMBLY 7", "GRAY, ANN", 1000012)
    candidate(con, GENERAL_2016, "ASSEMBLY 7", "BLUE, BOB", 1000013)
    incumbent(con, 2017, "ASSEMBLY 7", "GRAY, ANN", 1000012)
    candidate(con, GENERAL_2018, "ASSEMBLY 7", "GRAY, ANN", 1000012)
    candidate(con, GENERAL_2018, "ASSEMBLY 7", "LIND, MAX", 1000019)
    candidate(con, GENERAL_2020, "ASSEMBLY 7", "LIND, MAX", 1000019)
    incumbent_date(con, 2021, 1, "GENERAL ELECTION", "2022-11-08")
    # ASSEMBLY 8: the 2017 page lists someone who did not run; ASSEMBLY 9: it lists nobody
    candidate(con, GENERAL_2016, "ASSEMBLY 8", "WEST, AMY", 1000014)
    candidate(con, GENERAL_2016, "ASSEMBLY 8", "EAST, TOM", 1000015)
    incumbent(con, 2017, "ASSEMBLY 8", "NORTH, NED", 1000040)
    candidate(con, GENERAL_2016, "ASSEMBLY 9", "MOSS, KATE", 1000020)
    # STATE SENATE 07: nobody won the special outright; the runoff's winner holds the seat that session
    for name, filer_id in (("GLAZER, STEVE", 1000031), ("BONILLA, SUSAN", 1000032), ("HANNA, MIKE", 1000033)):
        candidate(con, SPECIAL_SD07, "STATE SENATE 07", name, filer_id)
    candidate(con, RUNOFF_SD07, "STATE SENATE 07", "GLAZER, STEVE", 1000031)
    candidate(con, RUNOFF_SD07, "STATE SENATE 07", "BONILLA, SUSAN", 1000032)
    incumbent(con, 2015, "STATE SENATE 07", "GLAZER, STEVE", 1000031)
    # ASSEMBLY 31: the 2015 page was saved before the special (it lists the predecessor); the 2017 one after
    candidate(con, SPECIAL_AD31, "ASSEMBLY 31", "ARAMBULA, JOAQUIN", 1000034)
    candidate(con, SPECIAL_AD31, "ASSEMBLY 31", "SOUZA, CLINT", 1000035)
    incumbent(con, 2015, "ASSEMBLY 31", "PEREA, HENRY", 1000036)
    incumbent(con, 2017, "ASSEMBLY 31", "ARAMBULA, JOAQUIN", 1000034)
    # ASSEMBLY 51: the special's winner is on the page of its own session
    candidate(con, SPECIAL_AD51, "ASSEMBLY 51", "POTTS, EVE", 1000016)
    candidate(con, SPECIAL_AD51, "ASSEMBLY 51", "CRUZ, LEO", 1000017)
    incumbent(con, 2017, "ASSEMBLY 51", "POTTS, EVE", 1000016)
    return run_steps(con, *STEPS)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[duckdb.DuckDBPyConnection, Findings]]:
    with db.connect(tmp_path_factory.mktemp("winners") / "calaccess.duckdb") as con:
        create_tables_read_and_written(con)
        yield con, build_world(con)


def results(con: duckdb.DuckDBPyConnection, election_name: str) -> dict[str, str | None]:
    """Each candidate's election_result in the election (None: not judged)."""
    rows = con.execute(
        """SELECT c.candidate_name, c.extras->>'election_result' FROM ocd.candidacy AS c
           JOIN ocd.candidate_contest AS cc ON cc.id = c.contest_id
           JOIN ocd.election AS e ON e.id = cc.election_id WHERE e.name = ?""",
        [election_name],
    ).fetchall()
    return dict(rows)


def contest(con: duckdb.DuckDBPyConnection, election_name: str, office: str) -> dict[str, Any]:
    row = con.execute(
        """SELECT cc.extras->'decided', cc.extras->>'decided_why', cc.extras->>'winner_candidacy_id'
           FROM ocd.candidate_contest AS cc JOIN ocd.election AS e ON e.id = cc.election_id
           WHERE e.name = ? AND cc.extras->>'office' = ?""",
        [election_name, office],
    ).fetchone()
    assert row is not None, f"no contest {election_name} / {office}"
    decided, why, winner = row
    return {"decided": None if decided is None else decided == "true", "why": why, "winner": winner}


def candidacy_id(con: duckdb.DuckDBPyConnection, election_name: str, name: str) -> str:
    row = con.execute(
        """SELECT c.id FROM ocd.candidacy AS c JOIN ocd.candidate_contest AS cc ON cc.id = c.contest_id
           JOIN ocd.election AS e ON e.id = cc.election_id WHERE e.name = ? AND c.candidate_name = ?""",
        [election_name, name],
    ).fetchone()
    assert row is not None
    return str(row[0])


def test_general_is_won_by_the_candidate_who_holds_the_post_next_session(world: Any) -> None:
    con, _ = world
    assert results(con, "2016 GENERAL")["GRAY, ANN"] == "won"
    assert results(con, "2016 GENERAL")["BLUE, BOB"] == "lost"
    assert contest(con, "2016 GENERAL", "ASSEMBLY 7") == {
        "decided": True,
        "why": "ANN GRAY holds the post on the session 2017 incumbents page",
        "winner": candidacy_id(con, "2016 GENERAL", "GRAY, ANN"),
    }


def test_special_is_won_by_the_holder_of_its_own_session(world: Any) -> None:
    con, _ = world
    assert results(con, "2017 SPECIAL ELECTION (ASSEMBLY 51)") == {"POTTS, EVE": "won", "CRUZ, LEO": "lost"}
    assert contest(con, "2017 SPECIAL ELECTION (ASSEMBLY 51)", "ASSEMBLY 51")["decided"] is True


def test_special_saved_before_on_its_sessions_page_is_won_by_the_next_sessions_holder(world: Any) -> None:
    con, _ = world
    name = "2016 SPECIAL ELECTION (ASSEMBLY 31)"
    assert results(con, name) == {"ARAMBULA, JOAQUIN": "won", "SOUZA, CLINT": "lost"}
    assert contest(con, name, "ASSEMBLY 31")["why"] == (
        "JOAQUIN ARAMBULA holds the post on the session 2017 incumbents page"
    )


def test_special_that_went_to_a_runoff_fills_no_post_and_its_finalists_advanced(world: Any) -> None:
    con, _ = world
    assert results(con, "2015 SPECIAL ELECTION (STATE SENATE 07)") == {
        "GLAZER, STEVE": "advanced to runoff",
        "BONILLA, SUSAN": "advanced to runoff",
        "HANNA, MIKE": "lost",
    }
    special = contest(con, "2015 SPECIAL ELECTION (STATE SENATE 07)", "STATE SENATE 7")
    assert special == {
        "decided": False,
        "why": "no candidate won outright: the post went to the runoff in "
        "2015 SPECIAL RUNOFF (STATE SENATE 07)",
        "winner": None,
    }
    assert results(con, "2015 SPECIAL RUNOFF (STATE SENATE 07)") == {
        "GLAZER, STEVE": "won",
        "BONILLA, SUSAN": "lost",
    }


def test_contest_without_a_next_session_page_stays_undecided_with_why(world: Any) -> None:
    con, findings = world
    assert results(con, "2018 GENERAL") == {"GRAY, ANN": "unknown", "LIND, MAX": "unknown"}
    why = "no incumbents page of session 2019 was saved"
    assert contest(con, "2018 GENERAL", "ASSEMBLY 7") == {"decided": False, "why": why, "winner": None}
    assert ("contest undecided", "2018 GENERAL / ASSEMBLY 7", why) in findings


def test_undecided_contests_say_what_the_page_shows(world: Any) -> None:
    con, findings = world
    undecided = {subject: detail for kind, subject, detail in findings if kind == "contest undecided"}
    page = "the session {} incumbents page lists {}"
    assert undecided == {
        "2016 GENERAL / ASSEMBLY 8": page.format(2017, "NED NORTH, who is not a candidate"),
        "2016 GENERAL / ASSEMBLY 9": page.format(2017, "no holder of the post"),
        "2018 GENERAL / ASSEMBLY 7": "no incumbents page of session 2019 was saved",
        "2020 GENERAL / ASSEMBLY 7": page.format(2021, "election dates only, no incumbents"),
    }
    assert results(con, "2016 GENERAL")["WEST, AMY"] == "unknown"


def test_primaries_are_not_judged(world: Any) -> None:
    con, _ = world
    assert results(con, "2016 PRIMARY") == {"GRAY, ANN": None}
    assert contest(con, "2016 PRIMARY", "ASSEMBLY 7")["decided"] is None


def test_winners_are_counted_decided_and_undecided_per_kind(world: Any) -> None:
    con, _ = world
    rows = {row.subject: row for row in meta.accounting(con, "process")}
    general = rows["contest winners: general"]
    assert (general.rows_in, general.rows_out, general.rows_unknown) == (5, 1, 4)
    special = rows["contest winners: special election"]
    # the special that went to a runoff fills no post: the runoff is counted instead
    assert (special.rows_in, special.rows_out, special.rows_unknown) == (2, 2, 0)
    assert "not counted: 1 decided by a special runoff" in (special.note or "")
    runoff = rows["contest winners: special runoff"]
    assert (runoff.rows_in, runoff.rows_out) == (1, 1)
    candidacies = rows["candidacy election result"]
    # 17 candidacies outside the primary: 4 won, 5 lost, 2 advanced to the runoff, 6 unknown
    assert (candidacies.rows_in, candidacies.rows_out, candidacies.rows_unknown) == (17, 11, 6)
    assert all(row.balances for row in rows.values())


# ---------------------------------------------------------------------------------------------------------
# the real inputs: races whose winner the saved pages themselves show


def real_result(real: duckdb.DuckDBPyConnection, election_name: str, office: str) -> dict[str, str]:
    rows = real.execute(
        """SELECT c.candidate_name, c.extras->>'election_result' FROM ocd.candidacy AS c
           JOIN ocd.candidate_contest AS cc ON cc.id = c.contest_id
           JOIN ocd.election AS e ON e.id = cc.election_id
           WHERE e.name = ? AND cc.extras->>'office' = ?""",
        [election_name, office],
    ).fetchall()
    assert rows, f"no candidacies in {election_name} / {office}"
    return dict(rows)


def winners(result: dict[str, str]) -> list[str]:
    return [name for name, outcome in result.items() if outcome == "won"]


def test_real_2016_assembly_80_was_won_by_lorena_gonzalez(real: duckdb.DuckDBPyConnection) -> None:
    # candidates/65.html lists GONZALEZ, LORENA S. and PICKARD, LINCOLN M.; incumbents/2017.html lists her
    result = real_result(real, "2016 GENERAL", "ASSEMBLY 80")
    assert winners(result) == ["GONZALEZ, LORENA S."]
    assert set(result.values()) == {"won", "lost"}


def test_real_2018_governor_was_won_by_gavin_newsom(real: duckdb.DuckDBPyConnection) -> None:
    # incumbents/2019.html: GOVERNOR NEWSOM, GAVIN
    result = real_result(real, "2018 GENERAL", "GOVERNOR")
    assert winners(result) == ["NEWSOM, GAVIN"]


def test_real_2019_senate_1_special_went_to_a_runoff_that_brian_dahle_won(
    real: duckdb.DuckDBPyConnection,
) -> None:
    special = real_result(real, "2019 SPECIAL ELECTION (STATE SENATE 01)", "STATE SENATE 1")
    advanced = sorted(name for name, result in special.items() if result == "advanced to runoff")
    assert advanced == ["DAHLE, BRIAN", "KILEY, KEVIN"]
    assert "won" not in special.values()
    runoff = real_result(real, "2019 SPECIAL RUNOFF (STATE SENATE 01)", "STATE SENATE 1")
    assert runoff == {"DAHLE, BRIAN": "won", "KILEY, KEVIN": "lost"}


def test_real_recalls_elect_a_replacement_only_when_the_holder_is_recalled(
    real: duckdb.DuckDBPyConnection,
) -> None:
    # Davis was recalled in 2003 and the 2003 page lists Schwarzenegger; Newsom survived the 2021 recall
    assert winners(real_result(real, "2003 SPECIAL ELECTION (GOVERNOR)", "GOVERNOR")) == [
        "SCHWARZENEGGER, ARNOLD"
    ]
    assert set(real_result(real, "2021 SPECIAL ELECTION (GOVERNOR)", "GOVERNOR").values()) == {"lost"}


def test_real_2002_governor_is_undecided_because_the_recall_replaced_the_winner(
    real: duckdb.DuckDBPyConnection,
) -> None:
    row = real.execute(
        """SELECT detail FROM meta.finding
           WHERE kind = 'contest undecided' AND subject = '2002 GENERAL / GOVERNOR'"""
    ).fetchone()
    assert row == (
        "the session 2003 incumbents page lists ARNOLD SCHWARZENEGGER, who is not a candidate "
        "(ran for the post in 2003 SPECIAL ELECTION (GOVERNOR))",
    )
    assert set(real_result(real, "2002 GENERAL", "GOVERNOR").values()) == {"unknown"}


def test_real_2022_general_is_undecided_for_want_of_incumbents(real: duckdb.DuckDBPyConnection) -> None:
    reasons = real.execute(
        """SELECT DISTINCT cc.extras->>'decided_why' FROM ocd.candidate_contest AS cc
           JOIN ocd.election AS e ON e.id = cc.election_id WHERE e.name = '2022 GENERAL'"""
    ).fetchall()
    assert reasons == [("the session 2023 incumbents page lists election dates only, no incumbents",)]


def test_real_contests_decided_and_undecided_balance(real: duckdb.DuckDBPyConnection) -> None:
    rows = {row.subject: row for row in meta.accounting(real, "process")}
    general = rows["contest winners: general"]
    assert general.balances and general.rows_out > 1000 and general.rows_unknown > 0
    undecided = real.execute(
        "SELECT count(*) FROM meta.finding WHERE stage = 'process' AND kind = 'contest undecided'"
    ).fetchone()
    counted = sum(row.rows_unknown for subject, row in rows.items() if subject.startswith("contest winners"))
    assert undecided == (counted,)
    # at most one winner per contest, and only in contests that say they are decided
    crowded = real.execute(
        """SELECT contest_id FROM ocd.candidacy WHERE extras->>'election_result' = 'won'
           GROUP BY contest_id HAVING count(*) > 1"""
    ).fetchall()
    assert crowded == []
    mismatched = real.execute(
        """SELECT cc.id FROM ocd.candidate_contest AS cc
           WHERE (cc.extras->>'decided')::BOOLEAN IS DISTINCT FROM
                 (cc.extras->>'winner_candidacy_id' IS NOT NULL)
             AND cc.extras->>'decided' IS NOT NULL"""
    ).fetchall()
    assert mismatched == []
