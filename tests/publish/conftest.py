"""The published sample with its site, built once per session for the site's tests (the browser's too)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from calaccess import db
from calaccess.publish import publish

#: A name from the data that is markup: every page must show it as text.
MARKUP = "<script>alert(1)</script>"
FIRST = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
SECOND = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def site_archive(tmp_path_factory: pytest.TempPathFactory, processed_db: Path) -> Path:
    """The archive after two publishes of the processed sample, one committee and one person renamed to
    markup: `latest` is the second version, and the downloads page lists both."""
    folder = tmp_path_factory.mktemp("site")
    path = folder / "calaccess.duckdb"
    shutil.copy(processed_db, path)
    with db.connect(path) as con:
        con.execute(
            "UPDATE ocd.committee SET name = ? WHERE id = (SELECT min(id) FROM ocd.committee)", [MARKUP]
        )
        con.execute(
            """UPDATE ocd.person SET name = ? WHERE id = (
                   SELECT min(person_id) FROM ocd.candidacy WHERE person_id IN (
                       SELECT id FROM ocd.person WHERE name <> 'BRIAN DAHLE'))""",
            [MARKUP],
        )
        publish(con, path, folder / "publish", now=FIRST)
        publish(con, path, folder / "publish", now=SECOND)
    return folder / "publish"


@pytest.fixture(scope="session")
def site_dir(site_archive: Path) -> Path:
    """The latest version's site."""
    return (site_archive / "latest" / "site").resolve()
