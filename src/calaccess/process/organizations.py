"""Organizations: the state bodies that elections fill and administer (parties are the parties step's)."""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    """The jurisdiction and the government bodies listed in organizations.csv."""
    run_script(con, run, "organization")
    listed = count(con, "SELECT count(*) FROM read_csv(getvariable('organizations_csv'), header = true)")
    built = count(con, "SELECT count(*) FROM government_body")
    run.account("ocd.organization (government)", rows_in=listed, rows_out=built, note="organizations.csv")
    run.account("ocd.jurisdiction", rows_in=1, rows_out=1, note="the state government")
