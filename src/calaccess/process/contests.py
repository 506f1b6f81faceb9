"""Candidate contests: one per office per election; pre-2012 partisan primaries wait for the parties.

California's top-two primary began with the June 2012 primary. Before it, a primary was partisan: each
party chose its nominee, so the OCD model (OCDEP 20: a contest has one party in a partisan primary) wants
one contest per office and party. The party is the candidate's, known only after the candidacies step, so
those contests are built by `primaries.build` from the candidacies, with ids from the same rule
(`candidate_contest_id_of(election, office, party_id)`); every other contest is built here.
"""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    run_script(con, run, "candidate_contest")
    races = count(con, "SELECT count(*) FROM (SELECT DISTINCT election_name, office_key FROM contest_race)")
    planned = count(con, "SELECT count(*) FROM contest_plan")
    partisan = count(con, "SELECT count(*) FROM contest_plan WHERE split_by_party")
    run.account(
        "ocd.candidate_contest",
        rows_in=races,
        rows_out=planned - partisan,
        rows_set_aside=races - planned + partisan,
        note=f"in: distinct (election, office) on certified lists and 501s; set aside: no state office or "
        f"no date, and the {partisan} offices of pre-2012 partisan primaries, split by party after the "
        "candidacies (see the partisan primary row)",
    )
