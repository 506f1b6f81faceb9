"""The CAL-ACCESS website: fetch its pages politely (or take saved ones) and parse them into `scraped.*`.

`scrape(con, settings, pages_dir=DIR)` parses saved pages only; without `pages_dir` it first crawls the site
into `settings.pages_dir` (same layout), then parses that. Either way the stage runs in one transaction, so
a failure (a block page, a page the parsers do not recognise) leaves the previous tables untouched.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import duckdb

from calaccess.meta import stage_run
from calaccess.scrape import tables
from calaccess.scrape.parse import Scraped, parse_pages
from calaccess.settings import Settings, require_writable

__all__ = ["Scraped", "parse_pages", "scrape"]

STAGE = "scrape"


def scrape(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    pages_dir: Path | None = None,
    *,
    min_interval_s: float = 2.0,
) -> Scraped:
    """Replace every `scraped.*` table from the pages in `pages_dir`, or from a fresh polite crawl.

    `min_interval_s` is the least time between two requests to the site when crawling.
    """
    source = str(pages_dir) if pages_dir is not None else settings.website_url
    if pages_dir is None:  # a crawl saves its pages and its cache: refuse before the first request
        require_writable(settings.pages_dir)
        require_writable(settings.http_cache_dir)
    with stage_run(con, STAGE, source=source) as run:
        if pages_dir is None:
            from calaccess.scrape.client import polite_client
            from calaccess.scrape.crawl import crawl

            with polite_client(settings, min_interval_s=min_interval_s) as client:
                report = crawl(client, settings.website_url, settings.pages_dir)
            run.find_many(report.findings)
            for subject, fetched, saved, missing in report.accounting():
                run.account(
                    subject,
                    rows_in=fetched,
                    rows_out=saved,
                    rows_set_aside=missing,
                    note=f"{missing} listed page(s) not found (see findings)" if missing else None,
                )
            pages_dir = settings.pages_dir
        scraped = parse_pages(pages_dir)
        for table in tables.TABLES:
            tables.replace_table(con, table, scraped.rows.get(table.name, []))
        for entry in scraped.accounting:
            run.account(**asdict(entry))  # the parsers count in the run's own terms
        run.find_many(scraped.findings)
    return scraped
