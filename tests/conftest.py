"""Fixtures shared by every test: where the real reference data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CALACCESS_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project: the real sampled export and the saved website pages."""
    if not SHARED.is_dir():
        pytest.fail(f"the reference data is missing: expected {SHARED} (set CALACCESS_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def sample_zip(shared_dir: Path) -> Path:
    return shared_dir / "calaccess" / "dbwebexport-sample.zip"


@pytest.fixture(scope="session")
def pages_dir(shared_dir: Path) -> Path:
    return shared_dir / "calaccess" / "pages"


def _build(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    stages: tuple[str, ...],
    sample_zip: Path,
    pages_dir: Path,
) -> Path:
    """Build a real DuckDB file from ../shared through the given stages, once per test session."""
    from calaccess import db
    from calaccess.settings import Settings

    data_dir = tmp_path_factory.mktemp(name)
    settings = Settings(data_dir=data_dir)
    with db.connect(settings.database_path) as con:
        if "load" in stages:
            from calaccess.raw.load import load

            load(con, sample_zip)
        if "scrape" in stages:
            from calaccess.scrape import scrape

            scrape(con, settings, pages_dir=pages_dir)
        if "process" in stages:
            from calaccess.process import process

            process(con)
    return settings.database_path


@pytest.fixture(scope="session")
def raw_db(tmp_path_factory: pytest.TempPathFactory, sample_zip: Path, pages_dir: Path) -> Path:
    """A database with the real sample loaded into raw.* (open it read-only in tests)."""
    return _build(tmp_path_factory, "raw", ("load",), sample_zip, pages_dir)


@pytest.fixture(scope="session")
def scraped_db(tmp_path_factory: pytest.TempPathFactory, sample_zip: Path, pages_dir: Path) -> Path:
    """A database with the 350 saved pages parsed into scraped.*."""
    return _build(tmp_path_factory, "scraped", ("scrape",), sample_zip, pages_dir)


@pytest.fixture(scope="session")
def processed_db(tmp_path_factory: pytest.TempPathFactory, sample_zip: Path, pages_dir: Path) -> Path:
    """The whole pipeline on the real inputs: raw.*, scraped.* and ocd.*."""
    return _build(tmp_path_factory, "processed", ("load", "scrape", "process"), sample_zip, pages_dir)
