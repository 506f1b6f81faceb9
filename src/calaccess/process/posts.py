"""Posts: every state office that appears in the sources, in its body and its division."""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    """Read the 501s' races first (they name offices too), then one post per office key."""
    run_script(con, run, "form501_race")
    statements = count(con, "SELECT count(*) FROM form501_race")
    state_races = count(con, "SELECT count(*) FROM form501_race WHERE office_key IS NOT NULL")
    no_district = count(con, "SELECT count(*) FROM form501_race WHERE district_missing")
    run.account(
        "form 501 races",
        rows_in=statements,
        rows_out=state_races,
        rows_set_aside=statements - state_races,
        note=f"set aside: local offices or no office, and {no_district} state-office rows whose district "
        "cannot be decoded",
    )
    if no_district:
        run.find(
            "form 501 district unreadable",
            "raw.f501_502_cd",
            f"{no_district} statement versions name a district office whose district code the lookup lacks",
        )
    run_script(con, run, "post")
    mentions = count(con, "SELECT count(*) FROM office_mention")
    offices = count(con, "SELECT count(DISTINCT office_key) FROM office_mention")
    posts = count(con, "SELECT count(*) FROM ocd.post")
    run.account(
        "ocd.post",
        rows_in=offices,
        rows_out=posts,
        rows_set_aside=offices - posts,
        note=f"in: distinct offices among {mentions} mentions (pages, election names, 501s); out: posts; "
        "set aside: offices that are not a state post",
    )
