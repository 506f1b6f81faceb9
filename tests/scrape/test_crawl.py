"""The whole crawl against a local server that serves the 350 saved pages under the site's real URLs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from calaccess import db, meta
from calaccess.cli import cli
from calaccess.errors import SourceError
from calaccess.scrape import scrape
from calaccess.settings import Settings

COMPARED = ("elections", "candidates", "incumbent_elections", "incumbents", "measures", "measure_committees")
BLOCKED_MEASURE = "1438975"  # its saved page is the site's browser check


class SavedSite:
    """Serves ../shared/calaccess/pages as cal-access.sos.ca.gov would, with ETags, and logs what it served.

    The landing pages (no electNav or session) are the latest saved page of each list, as the site shows
    its current election. `blocked_page` decides what the measure whose saved page is a bot check gets.
    """

    def __init__(self, pages: Path) -> None:
        self.pages = pages
        self.blocked_page: str = "missing"
        self.revalidated = 0

    def file_for(self, request: Request) -> Path | None:
        args = request.args
        if request.path == "/Campaign/Candidates/list.aspx":
            if args.get("view") == "incumbent":
                return self.pages / "incumbents" / f"{args.get('session', '2025')}.html"
            return self.pages / "candidates" / f"{args.get('electNav', '195')}.html"
        if request.path == "/Campaign/Measures/list.aspx":
            return self.pages / "propositions" / f"{args.get('session', '2023')}.html"
        if request.path == "/Campaign/Measures/Detail.aspx":
            if args.get("id") == BLOCKED_MEASURE and self.blocked_page == "missing":
                return None
            return self.pages / "proposition_committees" / f"{args.get('id')}.html"
        return None

    def __call__(self, request: Request) -> Response:
        path = self.file_for(request)
        if path is None or not path.exists():
            return Response("Not Found", status=404)
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            self.revalidated += 1
            return Response(status=304, headers={"ETag": etag})
        return Response(body, headers={"ETag": etag, "Content-Type": "text/html; charset=windows-1252"})


@dataclass
class Crawled:
    settings: Settings
    site: SavedSite
    first_run: dict[str, list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, pages_dir: Path) -> Iterator[Crawled]:
    """Crawl the saved site twice into one database: the second run revalidates every page from the cache."""
    site = SavedSite(pages_dir)
    server = HTTPServer()
    server.expect_request(re.compile(".*")).respond_with_handler(site)
    server.start()
    try:
        settings = Settings(data_dir=tmp_path_factory.mktemp("crawled"), website_url=server.url_for("/"))
        with db.connect(settings.database_path) as con:
            scrape(con, settings, min_interval_s=0)
            first_run = {name: table(con, name) for name in COMPARED}
            scrape(con, settings, min_interval_s=0)
        yield Crawled(settings, site, first_run)
    finally:
        server.stop()


@pytest.fixture
def con(crawled: Crawled) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(crawled.settings.database_path), read_only=True) as connection:
        yield connection


def table(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[object, ...]]:
    return sorted(con.execute(f"SELECT * FROM scraped.{name}").fetchall(), key=repr)


def test_crawl_saves_every_page_listed_as_it_came(crawled: Crawled, pages_dir: Path) -> None:
    folder = crawled.settings.pages_dir
    saved = {p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    shared = {p.relative_to(pages_dir).as_posix() for p in pages_dir.rglob("*.html")}
    assert saved == shared - {f"proposition_committees/{BLOCKED_MEASURE}.html"}
    for relative in ("candidates/1.html", "propositions/2017.html", "proposition_committees/1007446.html"):
        assert (folder / relative).read_bytes() == (pages_dir / relative).read_bytes()


def test_crawled_pages_parse_to_the_same_tables_as_the_saved_ones(
    crawled: Crawled, con: duckdb.DuckDBPyConnection, scraped_db: Path
) -> None:
    with duckdb.connect(str(scraped_db), read_only=True) as offline:
        for name in COMPARED:
            assert table(con, name) == table(offline, name), name


def test_pages_listed_but_not_served_are_findings(con: duckdb.DuckDBPyConnection) -> None:
    findings = {(kind, subject) for _stage, kind, subject, _detail in meta.findings(con, "scrape")}
    assert ("page_listed_but_missing", f"proposition_committees/{BLOCKED_MEASURE}.html") in findings
    assert ("page_listed_but_missing", "propositions/2025.html") in findings  # named by the 2023 menu
    accounting = {a.subject: a for a in meta.accounting(con, "scrape")}
    assert (accounting["fetch: candidates"].rows_in, accounting["fetch: candidates"].rows_out) == (106, 106)
    assert accounting["fetch: proposition_committees"].rows_set_aside == 1


def test_a_second_crawl_revalidates_from_the_cache(crawled: Crawled, con: duckdb.DuckDBPyConnection) -> None:
    # every page served the first time (349 pages and the 3 landing pages) came back 304 the second time
    assert crawled.site.revalidated == 352
    for name in COMPARED:
        assert table(con, name) == crawled.first_run[name], name


def test_crawl_stops_at_the_browser_check_and_keeps_the_previous_tables(
    httpserver: HTTPServer, tmp_path: Path, pages_dir: Path
) -> None:
    challenge = (pages_dir / "proposition_committees" / f"{BLOCKED_MEASURE}.html").read_bytes()
    httpserver.expect_request(re.compile(".*")).respond_with_data(challenge)
    settings = Settings(data_dir=tmp_path / "data", website_url=httpserver.url_for("/"))
    previous = tmp_path / "previous"
    (previous / "candidates").mkdir(parents=True)
    (previous / "candidates" / "10.html").write_bytes((pages_dir / "candidates" / "10.html").read_bytes())
    with db.connect(settings.database_path) as con:
        scrape(con, settings, previous)
        before = table(con, "candidates")
        with pytest.raises(SourceError, match="browser check"):
            scrape(con, settings, min_interval_s=0)
        assert table(con, "candidates") == before
        status = con.execute("SELECT status FROM meta.run WHERE stage = 'scrape' ORDER BY run_id").fetchall()
        assert status == [("ok",), ("failed",)]


def test_scrape_command_prints_the_accounting(tmp_path: Path, pages_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "scrape", "--pages", str(pages_dir)])
    assert result.exit_code == 0, result.output
    assert "Row accounting: scrape" in result.output and "8,392" in result.output


def test_scrape_command_reports_a_bad_page_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "pages" / "candidates" / "5.html"
    bad.parent.mkdir(parents=True)
    # whole (it ends as every page of the site does), but not a list
    bad.write_text(
        "<html><body><form>not a list<script>function trapEnter(btn) {}</script></form></body></html>"
    )
    result = CliRunner().invoke(
        cli, ["--data-dir", str(tmp_path), "scrape", "--pages", str(tmp_path / "pages")]
    )
    assert result.exit_code == 1
    assert f"{bad}: not a candidates page as expected" in result.output


def test_crawl_respects_robots_txt(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /Campaign/\n")
    settings = Settings(data_dir=tmp_path / "data", website_url=httpserver.url_for("/"))
    with db.connect(settings.database_path) as con, pytest.raises(SourceError, match=r"robots\.txt forbids"):
        scrape(con, settings, min_interval_s=0)
    assert [request.path for request, _ in httpserver.log] == ["/robots.txt"]
