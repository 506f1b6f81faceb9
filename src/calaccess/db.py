"""The one DuckDB file that holds every stage, a schema per stage.

DuckDB lets one process write a file, and only while no other process has it open, while any number of
processes may read it together. So the commands that only read (report, validate, export) open it
read-only, and DuckDB's own errors (the lock, permissions, a full disk) become one line that says who holds
the file and what to do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from calaccess import meta
from calaccess.errors import CalaccessError, DatabaseError
from calaccess.settings import require_writable

SCHEMAS = ("meta", "raw", "scraped", "ocd", "forms", "finance", "lobbying")
MEMORY_LIMIT_ENV = "CALACCESS_MEMORY_LIMIT"
THREADS_ENV = "CALACCESS_THREADS"
DEFAULT_MEMORY_LIMIT = "1536MB"


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create) the database with the project's memory bound, schemas ready.

    The memory limit keeps a full-size load under 2 GB; DuckDB spills to disk beyond it. A writer first
    checks that it can write the folder and the file: a stage would otherwise fail only at its commit.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise DatabaseError(f"no database at {path}: run `calaccess load` (or `calaccess update`) first")
    if not read_only:
        require_writable(path.parent)
        _require_writable_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT),
        "preserve_insertion_order": False,
    }
    if THREADS_ENV in os.environ:
        threads = os.environ[THREADS_ENV]
        if not threads.strip().isdigit() or int(threads) < 1:
            raise DatabaseError(f"{THREADS_ENV}={threads!r}: expected a whole number of threads, like 2")
        config["threads"] = int(threads)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except (duckdb.ParserException, duckdb.InvalidInputException) as error:
        # the only input a connect parses is the configuration, which the environment may set
        raise DatabaseError(
            f"{MEMORY_LIMIT_ENV}={config['memory_limit']!r}: DuckDB cannot use it "
            f"({str(error).splitlines()[0]}); expected an amount like 1536MB or 4GB"
        ) from error
    except duckdb.Error as error:
        explained = explain(error, path)
        if explained is None:
            raise
        raise explained from error
    if read_only:
        _require_current_bookkeeping(con, path)
    else:
        ensure_schemas(con)
    return con


@contextmanager
def writing(path: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for a stage that writes; if the stage fails on a database this call created, and no
    stage has succeeded in it, the file (and any folder made for it) is removed, so nothing is left behind."""
    path = Path(path)
    created = [p for p in (path, *path.parents) if not p.exists()]
    con = connect(path)
    try:
        yield con
    except BaseException:
        keep = not created or _has_a_successful_run(con)
        con.close()
        if not keep:
            _remove(created)
        raise
    finally:
        con.close()


def _has_a_successful_run(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        row = con.execute("SELECT count(*) FROM meta.run WHERE status = 'ok'").fetchone()
    except duckdb.Error:
        return True  # when in doubt, keep the file
    return bool(row and row[0])


def _remove(created: list[Path]) -> None:
    """Remove the database file and its write-ahead log, then the folders made for it, deepest first."""
    database, *folders = created
    for file in (database, database.with_name(database.name + ".wal")):
        file.unlink(missing_ok=True)
    for folder in folders:
        with suppress(OSError):
            folder.rmdir()


def _require_writable_file(path: Path) -> None:
    """An existing database file must open for writing (opening it changes nothing)."""
    if not path.exists():
        return
    try:
        with path.open("r+b"):
            pass
    except OSError as error:
        raise DatabaseError(
            f"cannot write {path}: {error.strerror}; fix its permissions, or choose another --data-dir "
            "(report, validate and export only read it)"
        ) from error


def _require_current_bookkeeping(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A reader cannot add what an older database lacks (a writer does, in `ensure_schemas`): say so."""
    present = {
        f"meta.{table}.{column}"
        for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'meta'"
        ).fetchall()
    }
    missing = sorted(_bookkeeping_columns() - present)
    if not missing:
        return
    listed = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    raise DatabaseError(
        f"{path} lacks the bookkeeping calaccess keeps in it ({listed}): it was made by an older calaccess, "
        "or not by calaccess; any stage that writes (`calaccess load`, `scrape`, `process`) brings it up "
        "to date"
    )


def _bookkeeping_columns() -> frozenset[str]:
    """Every column of the bookkeeping that every stage and reader relies on, as meta.py declares it."""
    return frozenset(
        f"meta.{table.name}.{column.name}" for table in meta.SHARED_TABLES for column in table.columns
    )


# --- DuckDB's errors, as a user would want to read them -----------------------------------------------

LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<executable>.*?) \(PID (?P<pid>\d+)\)")
NO_SPACE = "No space left on device"


def explain(error: duckdb.Error, path: Path) -> CalaccessError | None:
    """DuckDB's error for a failure a user can act on, as one line that says what to do; None for the rest
    (a bug, not a state of the machine)."""
    message = str(error)
    first_line = message.splitlines()[0] if message else type(error).__name__
    if "Could not set lock" in message:
        return DatabaseError(lock_message(message, path))
    if isinstance(error, duckdb.OutOfMemoryException):
        limit = os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT)
        return DatabaseError(
            f"DuckDB ran out of memory working on {path} ({first_line}); the limit is {limit}: "
            f"set {MEMORY_LIMIT_ENV} higher (e.g. 4GB), or free memory, and run again"
        )
    if NO_SPACE in message:
        return DatabaseError(f"the disk holding {path.parent} is full ({first_line}): free space, run again")
    if "Permission denied" in message or "Read-only file system" in message:
        return DatabaseError(
            f"cannot write {path} ({first_line}): fix its permissions or choose another --data-dir"
        )
    if "not a valid DuckDB database file" in message or "Could not read enough bytes" in message:
        return DatabaseError(
            f"{path} is not a whole DuckDB database ({first_line}): move it aside, or choose another "
            "--data-dir, and run the stages again"
        )
    if isinstance(error, duckdb.IOException):
        return DatabaseError(f"cannot use {path}: {first_line}")
    if isinstance(error, duckdb.CatalogException) and "does not exist" in message:
        return DatabaseError(
            f"{path} lacks what this command needs ({first_line}): run the stages before it first "
            "(`calaccess update` runs them all; `calaccess report` shows which ran)"
        )
    return None


def lock_message(message: str, path: Path) -> str:
    """Who holds the database and what to do, from DuckDB's lock error (which names the holder's PID)."""
    match = LOCK_HOLDER.search(message)
    if match is None:
        holder = "another process"
    else:
        pid = int(match["pid"])
        holder = f"process {pid} ({process_name(pid) or Path(match['executable']).name})"
    # DuckDB adds this sentence when the holder only reads: readers may share the file, writers may not.
    holder_reads = "read-only mode" in message
    if holder_reads:
        return (
            f"{path} is open for reading in {holder}; a stage that writes needs the file to itself: "
            "close that connection and run again (report, validate and export can run beside readers)"
        )
    return (
        f"{path} is in use by {holder}, which has it open for writing; DuckDB lets no other process open "
        "it meanwhile: wait for that to finish, or close it, and run again"
    )


def process_name(pid: int) -> str | None:
    """The command line of a process as a user would type it (`calaccess load --zip x.zip`), from /proc."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return None
    argv = [arg for arg in argv if arg]
    if not argv:
        return None
    # `python /path/to/calaccess load` reads better as the script and its arguments
    if Path(argv[0]).name.startswith("python") and len(argv) > 1 and not argv[1].startswith("-"):
        argv = argv[1:]
    name = " ".join([Path(argv[0]).name, *argv[1:]])
    return name if len(name) <= 80 else name[:79] + "…"


def ensure_schemas(con: duckdb.DuckDBPyConnection) -> None:
    """Create the stage schemas and the bookkeeping tables in `meta` (declared in calaccess.meta), once."""
    for schema in SCHEMAS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    meta.create_tables(con)
