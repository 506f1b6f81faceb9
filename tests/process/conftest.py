"""Fixtures for the processing tests: an empty database with the tables processing reads and writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from calaccess import db
from calaccess.ocd import create_tables
from calaccess.raw.tables import TABLES as RAW_TABLES
from calaccess.scrape.tables import TABLES as SCRAPED_TABLES
from tests.process.small import run_steps

RAW_READ = ("f501_502_cd", "lookup_codes_cd", "filer_to_filer_type_cd", "filername_cd", "filers_cd")


@pytest.fixture
def small_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty database with every table processing reads (raw, scraped) and writes (ocd)."""
    # in memory: the rules do not depend on the file, and each test stays quick
    with duckdb.connect() as con:
        db.ensure_schemas(con)
        for name in RAW_READ:
            if name in RAW_TABLES:
                con.execute(RAW_TABLES[name].create_sql())
        for table in SCRAPED_TABLES:
            con.execute(table.ddl())
        create_tables(con)
        yield con


@pytest.fixture
def steps(small_db: duckdb.DuckDBPyConnection) -> Callable[..., list[tuple[str, str, str | None]]]:
    """Run processing steps on the small database; returns the run's findings."""

    def run(*names: str, reference_dir: Path | None = None) -> list[tuple[str, str, str | None]]:
        return run_steps(small_db, *names, reference_dir=reference_dir)

    return run
