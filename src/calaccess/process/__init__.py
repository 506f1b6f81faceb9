"""raw.* + scraped.* + reference data -> ocd.*: the data the state never published as tables.

The stage runs declared steps (`runner.Step`: its scripts, its Python part, its accounting, what it makes)
one after another, in one transaction (`meta.stage_run`), so a failed step leaves the previous ocd.* tables
as they were. The steps come in domains, one sub-package each, with its steps declared in its `steps.py`
and its scripts in its `sql/`:

- `elections/`: divisions, bodies, posts, elections, contests, parties, people, candidacies, memberships,
  ballot measures, recalls and who won (its docstring has the step order and the TEMP tables they share);
- `finance/`: campaign finance (committees, filings, transactions, the form tables and the money), after
  the elections, whose people, candidacies and measures it links to;
- `lobbying/`: firms, employers, lobbyists, their filings, payments and gifts, after campaign finance,
  whose filing versions and committees it reads.

Adding a domain is adding such a sub-package and its steps to `STEPS` below, after the domains whose
tables it reads.

Shared by every domain, beside them: `keys.py` (natural keys and ids, in Python and as SQL macros),
`names.py` and `namesakes.py` (people's names, and joining one person's records across elections),
`reference.py` and `reference/` (the reference files), `scripts.py` (running a domain's scripts, and the
one way a script reports findings) and `runner.py` (the step declarations and the runner).

What the stage owns: every table its steps make (`Step.makes`), emptied at the start of each run and
rebuilt from scratch, whichever step of whichever domain makes it. So a table two domains fill (ocd.committee:
the measure committees of the elections, the rest from campaign finance, which enriches the measure
committees rather than making them again) needs no marker of who made a row: every row is remade every run,
with the same id from the same natural key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from calaccess import meta
from calaccess.ocd import create_tables
from calaccess.process import keys
from calaccess.process.elections import steps as elections
from calaccess.process.finance import steps as finance
from calaccess.process.lobbying import steps as lobbying
from calaccess.process.reference import Reference
from calaccess.process.runner import Step, empty_made_tables, run_steps

#: Every step of the stage, in the order it runs: one domain's steps after another.
STEPS: tuple[Step, ...] = elections.STEPS + finance.STEPS + lobbying.STEPS
STEP_NAMES: tuple[str, ...] = tuple(step.name for step in STEPS)


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
        empty_made_tables(con, STEPS)
        result = ProcessResult(run.run_id, step_seconds=run_steps(con, run, reference, STEPS))
        result.table_rows = _table_rows(con)
    return result


def steps_named(*names: str) -> tuple[Step, ...]:
    """The registered steps of these names, in the order given (a test or a notebook runs a few)."""
    by_name = {step.name: step for step in STEPS}
    return tuple(by_name[name] for name in names)


def _table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'ocd' ORDER BY table_name"
    ).fetchall()
    counts: dict[str, int] = {}
    for (table,) in tables:
        row = con.execute(f'SELECT count(*) FROM ocd."{table}"').fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts
