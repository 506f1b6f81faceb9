"""The `.sql` files of the processing steps, read from the package and run with their findings collected.

A script takes its parameters from DuckDB variables (`getvariable('divisions_csv')`), set by Python, never
pasted into its text. A script reports data-quality findings by inserting (kind, subject, detail) rows into
the temporary table `process_finding`; `run_script` hands them to the run's findings and empties the table.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb

from calaccess.errors import ProcessError
from calaccess.meta import Run

SQL_DIR = Path(__file__).resolve().parent / "sql"


@cache
def script_text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def execute_script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run `sql/<name>.sql`; a SQL error in it becomes one that names the script and its line."""
    try:
        con.execute(script_text(name))
    except (duckdb.OutOfMemoryException, duckdb.IOException):
        raise  # the machine's state, not the script's: the command explains these
    except duckdb.Error as error:
        raise script_error(SQL_DIR / f"{name}.sql", error) from error


def run_script(con: duckdb.DuckDBPyConnection, run: Run, name: str) -> None:
    """Run `sql/<name>.sql`, then record the findings it left in `process_finding`."""
    con.execute(
        "CREATE TEMP TABLE IF NOT EXISTS process_finding (kind VARCHAR, subject VARCHAR, detail VARCHAR)"
    )
    execute_script(con, name)
    findings = con.execute(
        "SELECT kind, subject, detail FROM process_finding ORDER BY kind, subject, detail"
    ).fetchall()
    run.find_many(findings)
    con.execute("DELETE FROM process_finding")


_LINE = re.compile(r"^LINE (\d+):")


def script_error(path: Path, error: duckdb.Error) -> ProcessError:
    """DuckDB's error as one line naming the script and, when DuckDB says, the line in it.

    DuckDB numbers the lines of the whole text it was given, so its `LINE n` is the line in the file.
    """
    problem: list[str] = []
    line: int | None = None
    for text in str(error).splitlines():
        found = _LINE.match(text)
        if found:
            line = int(found.group(1))
            break  # what follows is the line quoted and a caret under it
        if text.strip():
            problem.append(text.strip())
    where = f"{path}, line {line}" if line is not None else f"{path}"
    return ProcessError(f"process script {where}: {' '.join(problem) or type(error).__name__}")


def set_run_variables(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    """Expose the run to SQL (`getvariable('process_run_id')`), for scripts that write thousands of findings
    in one statement rather than through `Run.find_many` row by row."""
    con.execute("SET VARIABLE process_run_id = ?", [run.run_id])
    con.execute("SET VARIABLE process_stage = ?", [run.stage])


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """One number from a query (row counts for the accounting)."""
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0
