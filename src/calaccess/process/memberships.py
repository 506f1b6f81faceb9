"""Memberships: the incumbents of each session in their posts, the tenures recalls point to.

The incumbents and their people are settled by the people step; this step writes one ocd.membership per
incumbent listed (on behalf of the party the holder last ran for the post under, where known), and leaves
the TEMP table `membership_lookup` (membership_id, person_id, post_id, organization_id, office_key, session,
...) for the measures step, whose RetentionContests (recalls) point to the recalled holder's membership: the
one for the recall's office in the session of the recall's date.
"""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    run_script(con, run, "membership")
    incumbents = count(con, "SELECT count(*) FROM incumbent_record")
    memberships = count(con, "SELECT count(*) FROM ocd.membership")
    run.account(
        "ocd.membership",
        rows_in=incumbents,
        rows_out=memberships,
        rows_set_aside=incumbents - memberships,
        note="in: incumbents listed on the incumbents pages; out: memberships; set aside: office not a post",
    )
