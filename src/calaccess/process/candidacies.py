"""Candidacies: every certified candidate, and every 501 candidate of an election without a certified list.

The records, their 501 links, parties and people are settled by the people step (`people.py`); this step
writes one ocd.candidacy per person per contest, with registration status and incumbency, and accounts for
every record and every party it could not name.
"""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    run_script(con, run, "candidacy")
    records = count(con, "SELECT count(*) FROM candidate_record")
    candidacies = count(con, "SELECT count(*) FROM ocd.candidacy")
    no_contest = count(
        con, "SELECT count(*) FROM candidate_record WHERE contest_id IS NULL OR post_id IS NULL"
    )
    run.account(
        "ocd.candidacy",
        rows_in=records,
        rows_out=candidacies,
        rows_set_aside=records - candidacies,
        note=f"in: candidate records (certified lists, and 501s of elections without one); set aside: "
        f"{no_contest} in no contest (findings), {records - candidacies - no_contest} listed twice in one "
        "contest for one person (one candidacy kept)",
    )
    known = count(con, "SELECT count(*) FROM candidacy_built WHERE party_status = 'party'")
    nonpartisan = count(con, "SELECT count(*) FROM candidacy_built WHERE party_status = 'nonpartisan'")
    from_filer_type = count(con, "SELECT count(*) FROM candidacy_built WHERE party_source = 'filer type'")
    run.account(
        "candidacy party",
        rows_in=candidacies,
        rows_out=known + nonpartisan,
        rows_unknown=candidacies - known - nonpartisan,
        note=f"out: {known} with a party ({from_filer_type} of them from the filer's party code, the rest "
        f"from a Form 501), {nonpartisan} nonpartisan; unknown: party unknown, the candidacy kept without "
        "one (findings by election)",
    )
