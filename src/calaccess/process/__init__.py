"""raw.* + scraped.* + reference data -> ocd.*: the elections data the state never published as tables.

Every step is a module with `build(con, run, reference) -> None`. Steps run in a fixed order, because each
reads what the ones before it built:

    divisions -> organizations -> posts -> elections -> contests    (where, which body, which office, when)
    -> parties -> people -> candidacies -> memberships              (who ran and who served)
    -> primaries                                                     (pre-2012 primaries: a contest per party)
    -> measures                                                      (ballot measures, recalls, committees)
    -> winners                                                       (who won: the next session's holders)

Recalls come after the memberships because a RetentionContest points at the recalled holder's Membership;
winners come last, because a failed recall (its RetentionContest) elected no replacement. The whole run is
one transaction (`meta.stage_run`), so a failed step leaves the previous ocd.* tables as they were.

Shared working tables (TEMP, alive for the run, read by later steps):
- `form501_race`: every Form 501/502 version with the state race it declares (office key, year, type)
- `form501_election`: the election name each latest 501 declares (NULL when no known election)
- `post_lookup`: one row per Post (office key, post id, label, organization id, division id)
- `election_lookup`: one row per Election (name, election id, date, kind, office key, division,
  electNav ids, partisan_primary)
- `contest_plan`: one row per (election, office) contest, with contest id, post id and partisan_primary
A candidacy's contest id is `candidate_contest_id_of(election name, office, party id)` with the party only
when the election is a `partisan_primary` (else NULL); `primaries` then builds those per-party contests.
The id rules for every natural key are in `keys.py` (also as SQL macros installed on the connection).
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from calaccess import meta, progress
from calaccess.ocd import create_tables, tables
from calaccess.process import keys
from calaccess.process.reference import Reference

STEPS: tuple[str, ...] = (
    "divisions",
    "organizations",
    "posts",
    "elections",
    "contests",
    "parties",
    "people",
    "candidacies",
    "memberships",
    "primaries",
    "measures",
    "winners",
)


class Step(Protocol):
    def build(self, con: duckdb.DuckDBPyConnection, run: meta.Run, reference: Reference) -> None: ...


@dataclass
class ProcessResult:
    """What a run did: seconds per step and rows per ocd table."""

    run_id: int
    step_seconds: dict[str, float] = field(default_factory=dict)
    table_rows: dict[str, int] = field(default_factory=dict)

    @property
    def elapsed_s(self) -> float:
        return sum(self.step_seconds.values())


def process(con: duckdb.DuckDBPyConnection, reference_dir: Path | str | None = None) -> ProcessResult:
    """Build every ocd.* table from raw.*, scraped.* and the reference data, in one transaction."""
    reference = Reference.locate(reference_dir)
    with meta.stage_run(con, "process", source=str(reference.divisions_csv.parent)) as run:
        # DuckDB's own bar would print into logs and captured output; this stage draws one bar, per step
        con.execute("SET enable_progress_bar = false")
        keys.install(con)
        reference.set_variables(con)
        create_tables(con)
        _empty_owned_tables(con)
        result = ProcessResult(run.run_id)
        with progress.task("Processing", len(STEPS), unit="steps") as advance:
            for name in STEPS:
                step: Step = importlib.import_module(f"calaccess.process.{name}")
                started = time.perf_counter()
                step.build(con, run, reference)
                result.step_seconds[name] = time.perf_counter() - started
                advance()
        result.table_rows = _table_rows(con)
    return result


# The types this stage builds; their tables (and child tables) are emptied and rebuilt on every run.
OWNED_TYPES = (
    "division",
    "jurisdiction",
    "organization",
    "post",
    "person",
    "membership",
    "election",
    "candidate_contest",
    "ballot_measure_contest",
    "party_contest",
    "retention_contest",
    "candidacy",
)


def _empty_owned_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Empty what this stage builds, so a rerun gives the same rows (committees: only the measure ones)."""
    for table in tables():
        if table.ocd_type.table in OWNED_TYPES:
            con.execute(f"DELETE FROM ocd.{table.name}")
    con.execute("DELETE FROM ocd.committee_ballot_measure_option_supported")
    # measure committees are the only committees this stage makes; campaign finance makes the rest
    for child in ("committee_identifier", "committee_source"):
        con.execute(
            f"""DELETE FROM ocd.{child} WHERE committee_id IN
                (SELECT id FROM ocd.committee WHERE extras->>'made_by' = 'process')"""
        )
    con.execute("DELETE FROM ocd.committee WHERE extras->>'made_by' = 'process'")


def _table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'ocd' ORDER BY table_name"
    ).fetchall()
    counts: dict[str, int] = {}
    for (table,) in tables:
        row = con.execute(f'SELECT count(*) FROM ocd."{table}"').fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts
