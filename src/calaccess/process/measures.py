"""Ballot measures, recalls and the committees for and against them.

Propositions become BallotMeasureContests in the statewide election of their date. Recall questions, which
the measure lists file beside the propositions, become RetentionContests: OCDEP 20's contest for keeping or
removing an office holder, tied to the holder's Membership, which is why this step runs after the
memberships. Recalled holders are often missing from the incumbent pages (the page of the session lists the
successor), so the holder comes from recalls.csv by filer id, and a Membership is made when none exists.
Committees' positions point at either kind of contest, as the campaign-finance draft allows.
"""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    run_script(con, run, "ballot_measure_contest")
    measures = count(con, "SELECT count(*) FROM measure_plan")
    run.account(
        "ocd.ballot_measure_contest",
        rows_in=measures,
        rows_out=count(con, "SELECT count(*) FROM ocd.ballot_measure_contest"),
        rows_set_aside=count(con, "SELECT count(*) FROM measure_plan WHERE election_id IS NULL"),
        note="in: measures on the lists, recall questions excepted; set aside: no election of that date",
    )
    run_script(con, run, "retention_contest")
    questions = count(con, "SELECT count(*) FROM recall_question")
    run.account(
        "ocd.retention_contest",
        rows_in=questions,
        rows_out=count(con, "SELECT count(*) FROM ocd.retention_contest"),
        rows_set_aside=questions - count(con, "SELECT count(*) FROM recall_plan WHERE person_id IS NOT NULL"),
        note="in: recall questions on the measure lists; set aside: no recall election or no holder",
    )
    run_script(con, run, "measure_committee")
    committees = count(con, "SELECT count(DISTINCT filer_id) FROM measure_position")
    run.account(
        "ocd.committee (measure committees)",
        rows_in=committees,
        rows_out=count(con, "SELECT count(*) FROM ocd.committee WHERE extras->>'made_by' = 'process'"),
        note="in: distinct committee filer ids on the measure detail pages; out: committees this stage made "
        "(a committee campaign finance already made is kept as it is)",
    )
    positions = count(con, "SELECT count(*) FROM measure_position")
    kept = count(con, "SELECT count(*) FROM ocd.committee_ballot_measure_option_supported")
    run.account(
        "ocd.committee_ballot_measure_option_supported",
        rows_in=positions,
        rows_out=kept,
        rows_set_aside=positions - kept,
        note="in: committee rows of the measure detail pages; set aside: no contest or no position "
        "(and repeats)",
    )
