"""The one DuckDB file that holds every stage, a schema per stage."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from calaccess.errors import CalaccessError

SCHEMAS = ("meta", "raw", "scraped", "ocd")
MEMORY_LIMIT_ENV = "CALACCESS_MEMORY_LIMIT"
THREADS_ENV = "CALACCESS_THREADS"
DEFAULT_MEMORY_LIMIT = "1536MB"


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create) the database with the project's memory bound, schemas ready.

    The memory limit keeps a full-size load under 2 GB; DuckDB spills to disk beyond it.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise CalaccessError(f"no database at {path}: run `calaccess load` (or `calaccess update`) first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT),
        "preserve_insertion_order": False,
    }
    if THREADS_ENV in os.environ:
        config["threads"] = int(os.environ[THREADS_ENV])
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    if not read_only:
        ensure_schemas(con)
    return con


def ensure_schemas(con: duckdb.DuckDBPyConnection) -> None:
    """Create the stage schemas and the shared bookkeeping tables in `meta`, once."""
    for schema in SCHEMAS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    con.execute(_META_DDL)


_META_DDL = """
CREATE SEQUENCE IF NOT EXISTS meta.run_id_seq;
CREATE TABLE IF NOT EXISTS meta.run (
    run_id      BIGINT PRIMARY KEY,
    stage       VARCHAR NOT NULL,
    source      VARCHAR,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    status      VARCHAR NOT NULL,
    message     VARCHAR
);
CREATE TABLE IF NOT EXISTS meta.row_accounting (
    stage          VARCHAR NOT NULL,
    subject        VARCHAR NOT NULL,
    rows_in        BIGINT NOT NULL,
    rows_out       BIGINT NOT NULL,
    rows_repaired  BIGINT NOT NULL DEFAULT 0,
    rows_merged    BIGINT NOT NULL DEFAULT 0,
    rows_unknown   BIGINT NOT NULL DEFAULT 0,
    rows_set_aside BIGINT NOT NULL DEFAULT 0,
    note           VARCHAR,
    run_id         BIGINT NOT NULL,
    PRIMARY KEY (stage, subject)
);
-- databases made before these two columns existed gain them
ALTER TABLE meta.row_accounting ADD COLUMN IF NOT EXISTS rows_merged BIGINT DEFAULT 0;
ALTER TABLE meta.row_accounting ADD COLUMN IF NOT EXISTS rows_unknown BIGINT DEFAULT 0;
CREATE TABLE IF NOT EXISTS meta.finding (
    stage    VARCHAR NOT NULL,
    kind     VARCHAR NOT NULL,
    subject  VARCHAR NOT NULL,
    detail   VARCHAR,
    run_id   BIGINT NOT NULL
);
"""
