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
                   search.html, pagefind/<n>/  search (Pagefind, in parts merged by the page; needs a web
                                            server, e.g. `calaccess serve`)
                   fields.html              every field of every table, from datapackage.json
                   downloads.html           the version's files
    <archive>/index.html                    every version, latest first (calaccess.publish.site.downloads)

Every value from the data goes through Jinja2's autoescaping; every link inside a version is relative and
stays inside it, so pruning an old version breaks no page of another.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import duckdb

from calaccess.errors import CalaccessError
from calaccess.publish.site.pages import SEARCH_STUBS, Site, build_pages

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
    index_for_search(site.folder, site.search_parts)
    log.info("site: %s", ", ".join(f"{n:,} {kind}" for kind, n in sorted(site.written.items())))
    return site


def index_for_search(folder: Path, parts: int) -> None:
    """Pagefind's index of what `Site.find` made findable, in parts of `pagefind/<n>/` that the search page
    merges: one Pagefind run per part, so its memory is a part's (about 1.3 GB), not the whole site's."""
    stubs = folder / SEARCH_STUBS
    try:
        for part in range(parts):
            _pagefind(stubs / str(part), folder / "pagefind" / str(part))
    finally:
        shutil.rmtree(stubs, ignore_errors=True)


def _pagefind(source: Path, output: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(source),
            "--output-path",
            str(output),
            "--force-language",
            "en",
            "--silent",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode < 0:
        raise CalaccessError(
            f"the site's search index ({output.name}) was killed by signal {-done.returncode}"
            + (" (out of memory?)" if done.returncode == -9 else "")
        )
    if done.returncode != 0:
        problem = (done.stderr or done.stdout).strip().replace("\n", " ")[:500]
        raise CalaccessError(f"the site's search index ({output.name}) failed: {problem}")


__all__ = ("SITE_DIR", "build_site", "index_for_search")
