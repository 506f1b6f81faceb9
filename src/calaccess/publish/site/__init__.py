"""The website: static pages written into each version (`<version>/site/`), and the archive's downloads page.

    <version>/site/index.html               the version's home: its elections, links to everything below
                   elections/<uuid>.html    contests, candidates with party, incumbency and money; measures
                   candidates/<uuid>.html   a person's candidacies across elections and their committees
                   measures/<uuid>.html     committees for and against, what they raised, a chart by month
                   committees/<uuid>.html   facts, biggest contributors, a chart, filings (latest first,
                                            100 a page: <uuid>-p2.html...)
                   lobbying/<uuid>.html     a lobbyist employer, coalition or firm: its lobbyists, its
                                            payments by quarter, its reports (paginated the same way)
                   az/<letter>.html         the A-Z index (works from disk)
                   search.html, pagefind/   search (Pagefind: needs a web server, e.g. `calaccess serve`)
                   fields.html              every field of every table, from datapackage.json
                   downloads.html           the version's files
    <archive>/index.html                    every version, latest first (calaccess.publish.site.downloads)

Every value from the data goes through Jinja2's autoescaping; every link inside a version is relative and
stays inside it, so pruning an old version breaks no page of another.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import duckdb

from calaccess.errors import CalaccessError
from calaccess.publish.site.pages import Site, build_pages

SITE_DIR = "site"
log = logging.getLogger(__name__)


def build_site(
    con: duckdb.DuckDBPyConnection, version_folder: Path, version: str, say: Callable[[str], None]
) -> Site:
    """Write the version's site, its stylesheet and its search index; returns what was written."""
    site = build_pages(con, version_folder, version, say)
    style = (
        resources.files("calaccess.publish.site")
        .joinpath("templates", "style.css")
        .read_text(encoding="utf-8")
    )
    (site.folder / "style.css").write_text(style, encoding="utf-8")
    say("site: search index")
    index_for_search(site.folder)
    log.info("site: %s", ", ".join(f"{n:,} {kind}" for kind, n in sorted(site.written.items())))
    return site


def index_for_search(folder: Path) -> None:
    """Pagefind's index of the candidate, committee, measure and lobbying pages, in `<site>/pagefind/`."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(folder),
            "--glob",
            "{candidates,committees,measures,lobbying}/*.html",
            "--force-language",
            "en",
            "--silent",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise CalaccessError(f"the site's search index failed: {(done.stderr or done.stdout).strip()[:500]}")


__all__ = ("SITE_DIR", "build_site", "index_for_search")
