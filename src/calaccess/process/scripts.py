"""The `.sql` files of the processing steps: each domain's `sql/` folder, its scripts run by name.

A script takes its parameters from DuckDB variables (`getvariable('divisions_csv')`), set by Python, never
pasted into its text. A script reports data-quality findings one way only: it inserts (kind, subject, detail)
rows into the TEMP table `process_finding`, which the runner moves into the run's findings after each step
(`collect_findings`) and empties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from calaccess.errors import ProcessError
from calaccess.meta import Run


@dataclass(frozen=True)
class Scripts:
    """One domain's folder of scripts: `name` is `<folder>/<name>.sql`."""

    folder: Path

    @classmethod
    def beside(cls, module_file: str) -> Scripts:
        """The `sql/` folder beside a module of the domain (pass the module's `__file__`)."""
        return cls(Path(module_file).resolve().parent / "sql")

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.sql"

    def execute(self, con: duckdb.DuckDBPyConnection, name: str) -> None:
        """Run `<name>.sql`; a SQL error in it becomes one that names the script and its line."""
        path = self.path(name)
        try:
            con.execute(_text(path))
        except (duckdb.OutOfMemoryException, duckdb.IOException):
            raise  # the machine's state, not the script's: the command explains these
        except duckdb.Error as error:
            raise script_error(path, error) from error

    def run(self, con: duckdb.DuckDBPyConnection, run: Run, name: str) -> None:
        """Run one script alone and record the findings it left (a step's scripts are run by its step)."""
        start_findings(con)
        self.execute(con, name)
        collect_findings(con, run)


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def start_findings(con: duckdb.DuckDBPyConnection) -> None:
    """Create the TEMP table scripts report their findings into."""
    con.execute(
        "CREATE TEMP TABLE IF NOT EXISTS process_finding (kind VARCHAR, subject VARCHAR, detail VARCHAR)"
    )


def collect_findings(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    """Move the findings the scripts left in `process_finding` into the run's findings, and empty it.

    In one statement: a script reports thousands of findings (a candidate without a Form 501, a person
    merged), and handing them to Python and back would cost more than the script that found them.
    """
    run.find_from("process_finding")
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
