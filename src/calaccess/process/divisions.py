"""Divisions: the Open Civic Data geography of California, from the packaged reference file."""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    """Load every listed division; the Board of Equalization districts are in the file, so none is made up."""
    run_script(con, run, "division")
    listed = count(con, "SELECT count(*) FROM read_csv(getvariable('divisions_csv'), header = true)")
    built = count(con, "SELECT count(*) FROM ocd.division")
    run.account(
        "ocd.division",
        rows_in=listed,
        rows_out=built,
        rows_set_aside=listed - built,
        note="divisions-ca.csv; duplicates set aside",
    )
