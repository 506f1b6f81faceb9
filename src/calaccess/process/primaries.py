"""Pre-2012 partisan primaries: one candidate contest per office and party, from the candidacies."""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    run_script(con, run, "partisan_primary_contest")
    offices = count(con, "SELECT count(*) FROM contest_plan WHERE split_by_party")
    contests = count(con, "SELECT count(*) FROM partisan_contest")
    run.account(
        "ocd.candidate_contest (partisan primary)",
        rows_in=contests,
        rows_out=contests,
        note=f"in: the (office, party) pairs of the candidacies on the {offices} offices of pre-2012 "
        "partisan primaries; out: one contest per pair",
    )
