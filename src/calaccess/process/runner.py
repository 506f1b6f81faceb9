"""The processing steps as declarations, and the one runner that runs them.

A step (`Step`) says what it does rather than doing it: its name; the scripts it runs, in order, from its
domain's `sql/` folder; the Python part of a step that needs one (run after the scripts); its row accounting
(`Account`: counts and a note, as data); and what it makes (`makes`: the OCD types whose tables it writes,
and any other table it fills), so the stage empties exactly those before it rebuilds them.

The runner (`run_steps`) runs steps in the order given, times each, draws one progress bar, records each
step's accounting, and moves the findings its scripts left in `process_finding` into the run's findings.
"""

from __future__ import annotations

import string
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import duckdb

from calaccess import progress
from calaccess.meta import Run
from calaccess.ocd import tables
from calaccess.process.reference import Reference
from calaccess.process.scripts import Scripts, collect_findings, start_findings


@dataclass(frozen=True)
class StepRun:
    """What the Python part of a step works with while it runs."""

    con: duckdb.DuckDBPyConnection
    run: Run
    reference: Reference
    sql: Scripts

    def script(self, name: str) -> None:
        """Run one of the step's scripts (its findings are collected with the step's)."""
        self.sql.execute(self.con, name)


@dataclass(frozen=True)
class Account:
    """One row of a step's accounting (see `meta.Run.account`) that is only counts and a note.

    `counts` names queries of one number each. The rows (`rows_in`, `rows_out`, ...) and every `{field}` of
    the note are SQL expressions over those names: `rows_set_aside="listed - built"`, `"{listed - built}
    set aside"`. All are counted in one query, after the step's scripts and its Python part.
    """

    subject: str
    counts: Mapping[str, str]
    rows_in: str
    rows_out: str
    rows_merged: str = "0"
    rows_unknown: str = "0"
    rows_set_aside: str = "0"
    note: str | None = None

    def note_fields(self) -> list[str]:
        fields = (name for _, name, _, _ in string.Formatter().parse(self.note or "") if name is not None)
        return list(dict.fromkeys(fields))

    def query(self) -> str:
        """The one query that counts this row: the five numbers, then the note's fields."""
        rows = [self.rows_in, self.rows_out, self.rows_merged, self.rows_unknown, self.rows_set_aside]
        counts = ", ".join(f"({sql}) AS {name}" for name, sql in self.counts.items()) or "1"
        return f"SELECT {', '.join(rows + self.note_fields())} FROM (SELECT {counts})"

    def record(self, con: duckdb.DuckDBPyConnection, run: Run) -> None:
        row = con.execute(self.query()).fetchone()
        assert row is not None  # a query over one row of counts gives one row
        rows_in, rows_out, merged, unknown, set_aside, *values = (int(value) for value in row)
        note = None
        if self.note is not None:
            note = self.note.format_map(dict(zip(self.note_fields(), values, strict=True)))
        run.account(
            self.subject,
            rows_in=rows_in,
            rows_out=rows_out,
            rows_merged=merged,
            rows_unknown=unknown,
            rows_set_aside=set_aside,
            note=note,
        )


@dataclass(frozen=True)
class Step:
    """One processing step, declared: see the module docstring."""

    name: str
    sql: Scripts
    scripts: tuple[str, ...] = ()
    python: Callable[[StepRun], None] | None = None
    accounts: tuple[Account, ...] = ()
    #: 'ocd.<type>' (the type's table and its child tables) or a table's full name ('meta.person_merge')
    makes: tuple[str, ...] = ()

    def build(self, con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
        """Run this step alone: its scripts, its Python part, its accounting, its findings."""
        start_findings(con)
        for name in self.scripts:
            self.sql.execute(con, name)
        if self.python is not None:
            self.python(StepRun(con, run, reference, self.sql))
        for account in self.accounts:
            account.record(con, run)
        collect_findings(con, run)


def run_steps(
    con: duckdb.DuckDBPyConnection, run: Run, reference: Reference, steps: Sequence[Step]
) -> dict[str, float]:
    """Run the steps in order within the run, with a progress bar; return the seconds each took."""
    # for the few tables a script fills with the run's id (meta.person_merge, meta.person_id_replacement)
    con.execute("SET VARIABLE process_run_id = ?", [run.run_id])
    seconds: dict[str, float] = {}
    with progress.task("Processing", len(steps), unit="steps") as advance:
        for step in steps:
            started = time.perf_counter()
            step.build(con, run, reference)
            seconds[step.name] = time.perf_counter() - started
            advance()
    return seconds


def made_tables(steps: Iterable[Step]) -> list[str]:
    """Every table the steps make, by full name: those of each OCD type they make, and the others named."""
    made = {name for step in steps for name in step.makes}
    ocd = [f"ocd.{table.name}" for table in tables() if f"ocd.{table.ocd_type.table}" in made]
    others = sorted(name for name in made if not name.startswith("ocd."))
    return ocd + others


def empty_made_tables(con: duckdb.DuckDBPyConnection, steps: Iterable[Step]) -> None:
    """Empty every table the steps make, so that a rerun rebuilds them from scratch (one not there yet is
    skipped: a script creates it)."""
    existing = {
        f"{schema}.{table}"
        for schema, table in con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
    }
    for name in made_tables(steps):
        if name in existing:
            con.execute(f"DELETE FROM {name}")


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """One number from a query (row counts for the accounting)."""
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0
