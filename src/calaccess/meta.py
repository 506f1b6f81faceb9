"""Bookkeeping every stage shares: the run log, row accounting and data-quality findings.

A stage runs inside `stage_run`: one transaction, so a failed run leaves the previous tables,
accounting and findings exactly as they were, and the failure itself is still logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

#: The stages that log their runs here, in data-flow order (validate and export only read).
STAGES = ("download", "load", "scrape", "process")
# ORDER BY this to list stages as the data flows, not alphabetically
_STAGE_ORDER = "coalesce(list_position(?::VARCHAR[], stage), 99)"


@dataclass(frozen=True)
class Run:
    """One execution of one stage; the id ties its accounting and findings together."""

    con: duckdb.DuckDBPyConnection
    run_id: int
    stage: str

    def account(
        self,
        subject: str,
        *,
        rows_in: int,
        rows_out: int,
        rows_repaired: int = 0,
        rows_merged: int = 0,
        rows_unknown: int = 0,
        rows_set_aside: int = 0,
        note: str | None = None,
    ) -> None:
        """Record what happened to one table or page kind, so that in = out + merged + unknown + set aside.

        out: came out as they should (of which `repaired` needed a repair); merged: folded into another
        row, nothing of them lost; unknown: kept, but what this subject resolves (a party, a link) is not
        known; set aside: left out of the output, each with its reason in a finding or a reject table.
        """
        self.con.execute(
            """INSERT OR REPLACE INTO meta.row_accounting (stage, subject, rows_in, rows_out, rows_repaired,
                   rows_merged, rows_unknown, rows_set_aside, note, run_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                self.stage,
                subject,
                rows_in,
                rows_out,
                rows_repaired,
                rows_merged,
                rows_unknown,
                rows_set_aside,
                note,
                self.run_id,
            ],
        )

    def set_source(self, source: str) -> None:
        """Name the run's source more exactly once it is known (a hash worked out during the run)."""
        self.con.execute("UPDATE meta.run SET source = ? WHERE run_id = ?", [source, self.run_id])

    def find(self, kind: str, subject: str, detail: str | None = None) -> None:
        """Record one data-quality finding (a fallback used, sources that disagree, ...)."""
        self.con.execute(
            "INSERT INTO meta.finding (stage, kind, subject, detail, run_id) VALUES (?, ?, ?, ?, ?)",
            [self.stage, kind, subject, detail, self.run_id],
        )

    def find_many(self, findings: Iterable[tuple[str, str, str | None]]) -> None:
        """Record many findings in one statement (row-by-row inserts cost seconds for thousands)."""
        kinds: list[str] = []
        subjects: list[str] = []
        details: list[str | None] = []
        for kind, subject, detail in findings:
            kinds.append(kind)
            subjects.append(subject)
            details.append(detail)
        if kinds:
            self.con.execute(
                """INSERT INTO meta.finding (stage, kind, subject, detail, run_id)
                   SELECT ?, unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), ?""",
                [self.stage, kinds, subjects, details, self.run_id],
            )


@contextmanager
def stage_run(con: duckdb.DuckDBPyConnection, stage: str, source: str | None = None) -> Iterator[Run]:
    """Run a stage in one transaction; replace its accounting and findings only if it succeeds."""
    run_id = _next_run_id(con)
    # The clock is read in Python: DuckDB's now() is the transaction's start, the same at both ends.
    started_at = _clock()
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM meta.row_accounting WHERE stage = ?", [stage])
        con.execute("DELETE FROM meta.finding WHERE stage = ?", [stage])
        con.execute(
            "INSERT INTO meta.run VALUES (?, ?, ?, ?, NULL, 'running', NULL)",
            [run_id, stage, source, started_at],
        )
        yield Run(con, run_id, stage)
        con.execute("UPDATE meta.run SET finished_at = ?, status = 'ok' WHERE run_id = ?", [_clock(), run_id])
        con.execute("COMMIT")
    except BaseException as error:
        con.execute("ROLLBACK")
        log_failed_run(con, stage, source, error, run_id=run_id, started_at=started_at)
        raise


def log_failed_run(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    source: str | None,
    error: BaseException,
    *,
    run_id: int | None = None,
    started_at: datetime | None = None,
) -> None:
    """Log a failed run with its error; the stage's tables, accounting and findings stay as they were."""
    finished_at = _clock()
    con.execute(
        "INSERT INTO meta.run VALUES (?, ?, ?, ?, ?, 'failed', ?)",
        [
            run_id if run_id is not None else _next_run_id(con),
            stage,
            source,
            started_at or finished_at,
            finished_at,
            f"{type(error).__name__}: {error}"[:2000],
        ],
    )


def _clock() -> datetime:
    return datetime.now(UTC)


def _next_run_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT nextval('meta.run_id_seq')").fetchone()
    assert row is not None
    return int(row[0])


@dataclass(frozen=True)
class AccountingRow:
    stage: str
    subject: str
    rows_in: int
    rows_out: int
    rows_repaired: int
    rows_merged: int
    rows_unknown: int
    rows_set_aside: int
    note: str | None

    @property
    def balances(self) -> bool:
        """Whether every row in is accounted for: out, merged, unknown or set aside."""
        return self.rows_in == self.rows_out + self.rows_merged + self.rows_unknown + self.rows_set_aside


def accounting(con: duckdb.DuckDBPyConnection, stage: str | None = None) -> list[AccountingRow]:
    """The latest successful accounting, per stage (in data-flow order) and subject."""
    rows = con.execute(
        f"""SELECT stage, subject, rows_in, rows_out, rows_repaired, rows_merged, rows_unknown,
                  rows_set_aside, note
           FROM meta.row_accounting WHERE ? IS NULL OR stage = ? ORDER BY {_STAGE_ORDER}, stage, subject""",
        [stage, stage, list(STAGES)],
    ).fetchall()
    return [AccountingRow(*row) for row in rows]


def findings(
    con: duckdb.DuckDBPyConnection,
    stage: str | None = None,
    *,
    kinds: Iterable[str] | None = None,
    limit: int | None = None,
) -> list[tuple[str, str, str, str | None]]:
    """The latest findings as (stage, kind, subject, detail), of the given kinds (all when None)."""
    kind_list = None if kinds is None else list(kinds)
    return con.execute(
        f"""SELECT stage, kind, subject, detail FROM meta.finding
           WHERE (? IS NULL OR stage = ?) AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], kind))
           ORDER BY {_STAGE_ORDER}, stage, kind, subject, detail
           LIMIT ?""",
        [stage, stage, kind_list, kind_list, list(STAGES), limit],
    ).fetchall()


def finding_counts(con: duckdb.DuckDBPyConnection, stage: str | None = None) -> list[tuple[str, str, int]]:
    """How many findings of each kind the latest runs made, as (stage, kind, count), most first."""
    rows = con.execute(
        f"""SELECT stage, kind, count(*) FROM meta.finding WHERE ? IS NULL OR stage = ?
           GROUP BY stage, kind ORDER BY {_STAGE_ORDER}, stage, count(*) DESC, kind""",
        [stage, stage, list(STAGES)],
    ).fetchall()
    return [(stage_name, kind, int(n)) for stage_name, kind, n in rows]


@dataclass(frozen=True)
class RunRow:
    """One logged run of a stage: when, from what, how it ended."""

    stage: str
    source: str | None
    started_at: datetime
    finished_at: datetime | None
    status: str
    message: str | None

    @property
    def elapsed_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


@dataclass(frozen=True)
class StageRuns:
    """A stage's latest run, and the run its tables come from when that latest one failed."""

    latest: RunRow
    last_ok: RunRow | None


def stage_runs(con: duckdb.DuckDBPyConnection, stage: str | None = None) -> list[StageRuns]:
    """Per stage that ever ran, in data-flow order: its latest run and its latest successful one."""
    rows = con.execute(
        f"""WITH ranked AS (
               SELECT *,
                      row_number() OVER (PARTITION BY stage ORDER BY run_id DESC) AS newest,
                      row_number() OVER (PARTITION BY stage, status = 'ok' ORDER BY run_id DESC) AS rank_ok
               FROM meta.run WHERE ? IS NULL OR stage = ?)
           SELECT stage, source, started_at, finished_at, status, message, newest = 1 AS is_latest
           FROM ranked WHERE newest = 1 OR (status = 'ok' AND rank_ok = 1)
           ORDER BY {_STAGE_ORDER}, stage, run_id DESC""",
        [stage, stage, list(STAGES)],
    ).fetchall()
    result: list[StageRuns] = []
    for *fields, is_latest in rows:
        run = RunRow(*fields)
        if is_latest:
            result.append(StageRuns(run, run if run.status == "ok" else None))
        else:
            result[-1] = StageRuns(result[-1].latest, run)
    return result
