"""The published sample with its site, built once per session for the site's tests (the browser's too)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from calaccess import db
from calaccess.publish import publish
from calaccess.publish.site import pages

#: A name from the data that is markup: every page must show it as text.
MARKUP = "<script>alert(1)</script>"
FIRST = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
SECOND = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
#: Records in a part of the sample's search index: small, so its 20,000 records make several parts that the
#: search page must merge (the full export's 600,000 make six at the real size).
SEARCH_PART = 5_000


@pytest.fixture(scope="session")
def site_archive(tmp_path_factory: pytest.TempPathFactory, processed_db: Path) -> Path:
    """The archive after two publishes of the processed sample, one committee and one person renamed to
    markup: `latest` is the second version, and the downloads page lists both. Its search index comes in
    parts of `SEARCH_PART` records."""
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
        _give_a_contest_money_over_time(con)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(pages, "SEARCH_PART", SEARCH_PART)
            publish(con, path, folder / "publish", now=FIRST)
            publish(con, path, folder / "publish", now=SECOND)
    return folder / "publish"


def _give_a_contest_money_over_time(con: duckdb.DuckDBPyConnection) -> None:
    """Three months of contributions to the committees of two candidates in one contest: the sample's
    tables, sampled apart, hold almost none for a candidate's committee, and a contest's chart needs them.
    Each is a copy of a real current contribution a committee reports, with a new id, recipient, month
    and amount."""
    con.execute(
        """
        INSERT INTO ocd.transaction
        WITH contest AS (
            SELECT c.contest_id FROM ocd.candidacy AS c
            JOIN ocd.committee_candidacy_designation AS d ON d.candidacy_id = c.id
            GROUP BY ALL HAVING count(DISTINCT c.id) >= 2 ORDER BY ALL LIMIT 1
        ),
        designated AS (
            SELECT min(d.committee_id) AS committee_id, any_value(e.date) AS held
            FROM ocd.candidacy AS c
            JOIN ocd.committee_candidacy_designation AS d ON d.candidacy_id = c.id
            JOIN ocd.candidate_contest AS cc ON cc.id = c.contest_id
            JOIN ocd.election AS e ON e.id = cc.election_id
            WHERE c.contest_id = (SELECT contest_id FROM contest)
            GROUP BY c.id
        ),
        model AS (
            SELECT * FROM ocd.transaction
            WHERE classification = 'contribution' AND recipient_committee_id IS NOT NULL
              AND coalesce(CAST(extras->>'is_current' AS BOOLEAN), true)
              AND NOT coalesce(CAST(extras->>'memo' AS BOOLEAN), false)
              AND extras->>'domain' IS DISTINCT FROM 'lobbying'  -- a committee's own report
            ORDER BY id LIMIT 1
        )
        SELECT model.* REPLACE (
            'ocd-campaign-finance-transaction/'
                || CAST(md5(designated.committee_id || months.n) AS UUID) AS id,
            designated.committee_id AS recipient_committee_id,
            CAST(designated.held - INTERVAL (months.n) MONTH AS DATE) AS date,
            CAST(1000 * months.n AS DECIMAL(18, 2)) AS amount_value
        )
        FROM model, designated, (SELECT unnest([1, 2, 3]) AS n) AS months
        """
    )


@pytest.fixture(scope="session")
def site_dir(site_archive: Path) -> Path:
    """The latest version's site."""
    return (site_archive / "latest" / "site").resolve()
