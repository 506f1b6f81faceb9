"""Bookkeeping every stage shares: the run log, row accounting and data-quality findings, and the tables
of schema `meta`, each declared once here (docs/meta-tables.md documents them).

A stage runs inside `stage_run`: one transaction, so a failed run leaves the previous tables,
accounting and findings exactly as they were, and the failure itself is still logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from calaccess.tables import Column, ForeignKey, Table, data_dictionary_markdown, insert_rows

SCHEMA = "meta"

#: The stages that log their runs here, in data-flow order (validate and export only read).
STAGES = ("download", "load", "scrape", "process")
# ORDER BY this to list stages as the data flows, not alphabetically
_STAGE_ORDER = "coalesce(list_position(?::VARCHAR[], stage), 99)"


# --- The tables of schema meta ------------------------------------------------------------------------

_RUN_ID = Column("run_id", "BIGINT", "The run that wrote the row (meta.run).", nullable=False)
_OF_THE_RUN = (ForeignKey(("run_id",), "run", ("run_id",)),)

RUN = Table(
    SCHEMA,
    "run",
    "One row per run of a stage, failed runs too: when, from what source, and how it ended.",
    (
        Column(
            "run_id",
            "BIGINT",
            "The run's number, from the sequence meta.run_id_seq; ties its accounting and findings together.",
            nullable=False,
        ),
        Column("stage", "VARCHAR", "download, load, scrape or process.", nullable=False),
        Column(
            "source",
            "VARCHAR",
            "What the run read: the export's URL, the zip and its sha256, the pages folder or the website.",
        ),
        Column("started_at", "TIMESTAMPTZ", "When the run started.", nullable=False),
        Column("finished_at", "TIMESTAMPTZ", "When it ended; null while it runs, or when it was killed."),
        Column("status", "VARCHAR", "running, ok or failed.", nullable=False),
        Column("message", "VARCHAR", "Why a failed run failed: the error, at most 2,000 characters."),
    ),
    key=("run_id",),
    enforce_key=True,
)

ROW_ACCOUNTING = Table(
    SCHEMA,
    "row_accounting",
    "What became of every row, per stage and subject (a table, a kind of page, a step), as the latest "
    "successful run of the stage left it: rows_in = rows_out + rows_merged + rows_unknown + rows_set_aside.",
    (
        Column("stage", "VARCHAR", "The stage: download, load, scrape or process.", nullable=False),
        Column("subject", "VARCHAR", "What was counted: a table, a kind of page, a step.", nullable=False),
        Column("rows_in", "BIGINT", "Rows (records, pages, candidates) the stage read.", nullable=False),
        Column("rows_out", "BIGINT", "Of those, the rows that came out as they should.", nullable=False),
        Column(
            "rows_repaired",
            "BIGINT",
            "Of rows_out, those that needed a repair first (meta.raw_repair says which, for the load).",
            nullable=False,
            default="0",
        ),
        Column(
            "rows_merged",
            "BIGINT",
            "Rows folded into another row, nothing of them lost (a repeat, a record of a known person).",
            nullable=False,
            default="0",
        ),
        Column(
            "rows_unknown",
            "BIGINT",
            "Rows kept, but what this subject resolves for them (a party, a link) is not known.",
            nullable=False,
            default="0",
        ),
        Column(
            "rows_set_aside",
            "BIGINT",
            "Rows left out of the output, each with its reason in a finding or a reject table.",
            nullable=False,
            default="0",
        ),
        Column("note", "VARCHAR", "What was repaired, merged or set aside, and why, in a line."),
        _RUN_ID,
    ),
    key=("stage", "subject"),
    enforce_key=True,
    foreign_keys=_OF_THE_RUN,
)
#: The columns a database made before them lacks, which a stage that writes adds.
ROW_ACCOUNTING_ADDED = ("rows_merged", "rows_unknown")

FINDING = Table(
    SCHEMA,
    "finding",
    "Data-quality findings of the latest successful run of each stage: a fallback used, sources that "
    "disagree, a row set aside and why. `calaccess report` counts them by kind.",
    (
        Column("stage", "VARCHAR", "The stage that found it.", nullable=False),
        Column(
            "kind", "VARCHAR", "What was found, in words shared by all findings of the kind.", nullable=False
        ),
        Column(
            "subject",
            "VARCHAR",
            "What it was found of: a table and key, an election, a page.",
            nullable=False,
        ),
        Column("detail", "VARCHAR", "The particulars, where there are any."),
        _RUN_ID,
    ),
    foreign_keys=_OF_THE_RUN,
)

SNAPSHOT = Table(
    SCHEMA,
    "snapshot",
    "One row per good download of the nightly export, kept on disk as "
    "`<data-dir>/raw/<release>/dbwebexport.zip` beside its `manifest.json`, with the same facts as that "
    "manifest. A release is identified by its Last-Modified, ETag and Content-Length.",
    (
        Column(
            "release",
            "VARCHAR",
            "The folder name under `<data-dir>/raw`: the release time in UTC.",
            nullable=False,
        ),
        Column(
            "released_at",
            "TIMESTAMPTZ",
            "Last-Modified (the download time when the server gave none).",
            nullable=False,
        ),
        Column("url", "VARCHAR", "Where it was downloaded from.", nullable=False),
        Column("path", "VARCHAR", "The zip file.", nullable=False),
        Column("last_modified", "VARCHAR", "The Last-Modified header, as the server sent it."),
        Column("etag", "VARCHAR", "The ETag header, as the server sent it."),
        Column("content_length", "BIGINT", "The Content-Length header, as the server sent it."),
        Column("bytes", "BIGINT", "Bytes received and kept.", nullable=False),
        Column("sha256", "VARCHAR", "The sha256 of the zip.", nullable=False),
        Column("tsv_members", "INTEGER", "The tables (.TSV members) the zip holds.", nullable=False),
        Column("started_at", "TIMESTAMPTZ", "When the download started.", nullable=False),
        Column("finished_at", "TIMESTAMPTZ", "When the zip was verified and kept.", nullable=False),
        Column("headers", "VARCHAR", "The HEAD response's headers, as JSON.", nullable=False),
    ),
    key=("release",),
    enforce_key=True,
)

_TABLE_NAME = Column("table_name", "VARCHAR", "The table: `raw.<table_name>`.", nullable=False)


def _record_of_the_load(name: str, description: str, line: str, *about: Column) -> Table:
    """A table of the load's records of export records, one row per record (where it starts) and load."""
    return Table(
        SCHEMA,
        name,
        f"{description} (the latest load's).",
        (
            _TABLE_NAME,
            Column("source_file", "VARCHAR", "The member of the zip, as named there.", nullable=False),
            Column("line", "BIGINT", line, nullable=False),
            *about,
            _RUN_ID,
        ),
        key=("table_name", "line"),
        foreign_keys=_OF_THE_RUN,
    )


RAW_REJECT = _record_of_the_load(
    "raw_reject",
    "Every record of the export the load set aside, with its text and why",
    "The line where the record starts (the header is line 1).",
    Column(
        "raw_text",
        "VARCHAR",
        "The record's lines as read (bytes that are not UTF-8 escaped as `\\xNN`).",
        nullable=False,
    ),
    Column("reason", "VARCHAR", "Why it could not be read.", nullable=False),
)

RAW_REPAIR = _record_of_the_load(
    "raw_repair",
    "Every record of the export the load read only after a repair, and what it did",
    "The line where the repaired record starts.",
    Column(
        "kinds",
        "VARCHAR",
        "The repairs, comma-separated: rejoined, extra_tab, nul_removed, mark_restored, ctrl_z_removed, "
        "bare_cr, decoded_cp1252.",
        nullable=False,
    ),
    Column("detail", "VARCHAR", "What each repair did.", nullable=False),
)

RAW_CAST_FAILURE = Table(
    SCHEMA,
    "raw_cast_failure",
    "Every value of the export that did not read as its column's type, left null in `raw.*` and kept here "
    "(the latest load's).",
    (
        _TABLE_NAME,
        Column("column_name", "VARCHAR", "The column left null in `raw.<table_name>`.", nullable=False),
        Column("raw_value", "VARCHAR", "The text the export holds there.", nullable=False),
        Column(
            "record",
            "VARCHAR",
            "Which record: its natural key as column=value, else its whole text.",
            nullable=False,
        ),
        _RUN_ID,
    ),
    foreign_keys=_OF_THE_RUN,
)

# The processing's records of people: process/sql/person.sql writes them whole on every run.
_PROCESS_RUN_ID = Column("run_id", "INTEGER", "The process run that wrote the row (meta.run).")

PERSON_MERGE = Table(
    SCHEMA,
    "person_merge",
    "Every record of a person that was joined to others (the person has more than one), with the links "
    "that joined it: why the sources' candidates and office holders are one person.",
    (
        Column("person_id", "VARCHAR", "The person the record is part of (ocd.person.id)."),
        Column(
            "record_key",
            "VARCHAR",
            "The record: its source, and the election or session, office and name it was read from.",
        ),
        Column("source", "VARCHAR", "Where the record is from: certified candidate list or incumbents page."),
        Column("name_printed", "VARCHAR", "The name as that source prints it."),
        Column("reason", "VARCHAR", "The links that joined it, kind and value, separated by '; '."),
        Column("reason_kinds", "VARCHAR[]", "The kinds of those links (shared filer id, same name ...)."),
        _PROCESS_RUN_ID,
    ),
    key=("record_key",),
    foreign_keys=_OF_THE_RUN,
)

PERSON_ID_REPLACEMENT = Table(
    SCHEMA,
    "person_id_replacement",
    "Every person id that a record alone would have had (what an earlier version, holding or linking fewer "
    "records, could have published) and that is no person's id now, with the id that replaces it.",
    (
        Column("retired_id", "VARCHAR", "The id no person has now."),
        Column("replaced_by", "VARCHAR", "The id of the person the record is part of (ocd.person.id)."),
        Column("reason", "VARCHAR", "Why the ids differ: how each is keyed, and what joined the record."),
        _PROCESS_RUN_ID,
    ),
    key=("retired_id",),
    foreign_keys=_OF_THE_RUN,
)

#: The bookkeeping every stage and every reader relies on (a reader refuses a database without it).
SHARED_TABLES = (RUN, ROW_ACCOUNTING, FINDING)
#: Every table of schema meta: the shared ones, then each stage's own records, in data-flow order.
TABLES = (
    *SHARED_TABLES,
    SNAPSHOT,
    RAW_REJECT,
    RAW_REPAIR,
    RAW_CAST_FAILURE,
    PERSON_MERGE,
    PERSON_ID_REPLACEMENT,
)
#: Made by the download, from SNAPSHOT, when it first records one (raw.source.ensure_snapshot_table), so that
#: a database that never downloaded has none, as before.
_MADE_BY_THEIR_STAGE = (SNAPSHOT,)


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Make the run sequence and the meta tables, once; bring a database an older calaccess made up to
    date."""
    statements = ["CREATE SEQUENCE IF NOT EXISTS meta.run_id_seq"]
    statements += [
        table.create_sql(if_not_exists=True) for table in TABLES if table not in _MADE_BY_THEIR_STAGE
    ]
    statements += [ROW_ACCOUNTING.add_column_sql(name) for name in ROW_ACCOUNTING_ADDED]
    con.execute(";\n".join(statements))


def markdown() -> str:
    """The data dictionary of schema meta (docs/meta-tables.md)."""
    return data_dictionary_markdown(
        "The meta tables",
        "The bookkeeping of every stage, in schema `meta`: the runs, what became of every row, the "
        "data-quality findings, and each stage's own records. Query them to check the accounting. "
        "Generated from `calaccess.meta`; do not edit by hand.",
        TABLES,
    )


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
        insert_rows(self.con, FINDING, findings, same={"stage": self.stage, "run_id": self.run_id})

    def find_from(self, table: str) -> None:
        """Record every finding a table holds as (kind, subject, detail), in one statement, in a stable order:
        for SQL that reports thousands, which would cost more to hand to Python and back than to find.

        `table` is a name the caller owns (a TEMP table of its scripts), never user input.
        """
        self.con.execute(
            f"""INSERT INTO meta.finding (stage, kind, subject, detail, run_id)
                SELECT ?, kind, subject, detail, ? FROM {table} ORDER BY kind, subject, detail""",
            [self.stage, self.run_id],
        )


@contextmanager
def stage_run(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    source: str | None = None,
    *,
    started_at: datetime | None = None,
) -> Iterator[Run]:
    """Run a stage in one transaction; replace its accounting and findings only if it succeeds.

    `started_at` is for a stage whose work began before it could open the database (the download).
    """
    run_id = _next_run_id(con)
    # The clock is read in Python: DuckDB's now() is the transaction's start, the same at both ends.
    started_at = started_at or _clock()
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
