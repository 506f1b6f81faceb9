"""Fetch every page we parse and save it in the layout of ../shared/calaccess/pages, so a run can be redone
offline with `--pages`.

The site has no index; its menus are the index. The landing page of each list names some elections or
sessions, and every page's menu names more (a page of an earlier election opens the "Prior Elections"
list), so the crawl follows the menus until no page names anything new. URLs are built from the ids read
(never followed as written, so a malformed link cannot lead the crawl astray).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.robotparser import RobotFileParser

from selectolax.lexbor import LexborHTMLParser

from calaccess import progress
from calaccess.errors import SourceError
from calaccess.files import write_atomic
from calaccess.http import Fetcher, Response
from calaccess.scrape.measures import parse_measures
from calaccess.scrape.pages import (
    CANDIDATES,
    INCUMBENTS,
    KINDS,
    PROPOSITION_COMMITTEES,
    PROPOSITIONS,
    measure_path,
    menu_links,
    page_from_bytes,
    page_path,
)
from calaccess.settings import USER_AGENT

#: Where each list starts when no id or session is given: the site shows its current election or session.
LANDING_PATHS = {
    CANDIDATES: "/Campaign/Candidates/list.aspx?view=certified",
    INCUMBENTS: "/Campaign/Candidates/list.aspx?view=incumbent",
    PROPOSITIONS: "/Campaign/Measures/list.aspx",
}
MENU_PARAMETER = {CANDIDATES: "electNav", INCUMBENTS: "session", PROPOSITIONS: "session"}
GONE = frozenset({404, 410})


@dataclass
class CrawlReport:
    """Per page kind: pages asked for, saved, and listed but not found; with a finding for each miss."""

    requested: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    saved: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    missing: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    findings: list[tuple[str, str, str | None]] = field(default_factory=list)

    def accounting(self) -> list[tuple[str, int, int, int]]:
        """(subject, pages requested, saved, missing) per kind."""
        return [
            (f"fetch: {kind}", self.requested[kind], self.saved[kind], self.missing[kind]) for kind in KINDS
        ]


def crawl(fetcher: Fetcher, website_url: str, pages_dir: Path) -> CrawlReport:
    """Fetch and save every candidates, incumbents, measure-list and measure-detail page the site lists."""
    crawler = _Crawler(fetcher, website_url.rstrip("/"), pages_dir)
    with progress.task("Fetching pages", None, unit="rows") as advance:
        crawler.advance = advance
        crawler.check_robots()
        crawler.follow_menus(CANDIDATES)
        crawler.follow_menus(INCUMBENTS)
        measures = crawler.follow_menus(PROPOSITIONS)
        for measure_id, session in sorted(measures.items()):
            crawler.fetch_and_save(PROPOSITION_COMMITTEES, measure_id, measure_path(measure_id, session))
    return crawler.report


class _Crawler:
    def __init__(self, fetcher: Fetcher, base_url: str, pages_dir: Path) -> None:
        self.fetcher = fetcher
        self.base_url = base_url
        self.pages_dir = pages_dir
        self.report = CrawlReport()
        self.advance: Callable[..., None] = lambda amount=1: None

    def check_robots(self) -> None:
        """Refuse to crawl what the site's robots.txt forbids our User-Agent (no robots.txt: allowed)."""
        response = self.get("/robots.txt")
        if response.status != 200:
            return
        rules = RobotFileParser()
        rules.parse(response.content.decode("utf-8", errors="replace").splitlines())
        for path in [*LANDING_PATHS.values(), measure_path(1, 2021)]:
            if not rules.can_fetch(USER_AGENT, self.base_url + path):
                raise SourceError(
                    f"{self.base_url}/robots.txt forbids {path} to {USER_AGENT!r}; not crawling"
                )

    def get(self, path: str) -> Response:
        response = self.fetcher.get(self.base_url + path)
        self.advance(1)
        return response

    def follow_menus(self, kind: str) -> dict[int, int]:
        """Fetch the landing page, then every page the menus name; return {measure id: session} for lists."""
        landing = self.get(LANDING_PATHS[kind])
        if landing.status != 200:
            raise SourceError(f"{self.base_url}{LANDING_PATHS[kind]} answered HTTP {landing.status}")
        to_visit = set(self._menu(landing.content, kind))
        visited: set[int] = set()
        measures: dict[int, int] = {}
        while to_visit - visited:
            key = min(to_visit - visited)
            visited.add(key)
            content = self.fetch_and_save(kind, key, page_path(kind, key))
            if content is None:
                continue
            to_visit.update(self._menu(content, kind))
            if kind == PROPOSITIONS:
                page = page_from_bytes(kind, self._destination(kind, key), content)
                measures.update((m.measure_id, m.session) for m in parse_measures(page).measures)
        return measures

    def _menu(self, content: bytes, kind: str) -> Iterable[int]:
        tree = LexborHTMLParser(content.decode("cp1252", errors="replace"))
        return (value for value, _label, _selected in menu_links(tree, MENU_PARAMETER[kind]))

    def _destination(self, kind: str, key: int) -> Path:
        return self.pages_dir / kind / f"{key}.html"

    def fetch_and_save(self, kind: str, key: int, path: str) -> bytes | None:
        """The page's bytes, saved as they came; None (and a finding) when the site says it is gone."""
        self.report.requested[kind] += 1
        response = self.get(path)
        if response.status in GONE:
            self.report.missing[kind] += 1
            self.report.findings.append(
                ("page_listed_but_missing", f"{kind}/{key}.html", f"{path} answered HTTP {response.status}")
            )
            return None
        if response.status != 200:
            raise SourceError(f"{self.base_url}{path} answered HTTP {response.status}")
        write_atomic(self._destination(kind, key), response.content)
        self.report.saved[kind] += 1
        return response.content
