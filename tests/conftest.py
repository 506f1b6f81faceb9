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
