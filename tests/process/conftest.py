"""Fixtures for the processing tests: an empty database with the tables processing reads and writes, the
small world shared by the candidacy, people and membership tests, and the processed real inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from calaccess import db
from tests.process.small import Findings, Scenario, build_scenario, create_tables_read_and_written, run_steps


@pytest.fixture
def small_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty database with every table processing reads (raw, scraped) and writes (ocd)."""
    # in memory: the rules do not depend on the file, and each test stays quick
    with duckdb.connect() as con:
        db.ensure_schemas(con)
        create_tables_read_and_written(con)
        yield con


@pytest.fixture
def steps(small_db: duckdb.DuckDBPyConnection) -> Callable[..., Findings]:
    """Run processing steps on the small database; returns the run's findings."""

    def run(*names: str, reference_dir: Path | None = None) -> Findings:
        return run_steps(small_db, *names, reference_dir=reference_dir)

    return run


@pytest.fixture(scope="session")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    """The small world of `small.build_scenario`, processed once; its tests only read it."""
    with db.connect(tmp_path_factory.mktemp("scenario") / "calaccess.duckdb") as con:
        create_tables_read_and_written(con)
        yield con, build_scenario(con)


@pytest.fixture(scope="module")
def real(processed_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The processed real inputs, read only."""
    with duckdb.connect(str(processed_db), read_only=True) as con:
        yield con
