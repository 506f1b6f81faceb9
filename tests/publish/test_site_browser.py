"""The website in a real browser: Debian's chromium, driven by Playwright, on the published sample.

Every page kind, and a sample of each, loads through `calaccess serve` with no console error and no failed
request, passes axe with no serious or critical violation, and holds its layout at 375 px; search finds a
known candidate and the record indexed last, across the index's parts; a name that is markup runs no
script; the A-Z index works from the files on disk.
"""

from __future__ import annotations

import html
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from calaccess.publish.site.serve import make_server
from tests.publish.conftest import MARKUP

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Chromium's flags for a closed network: no background calls home, which this machine refuses.
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 375, "height": 812}
DESK: ViewportSize = {"width": 1280, "height": 900}
#: How many pages of each kind are opened (the first ones by name, and the biggest committee's).
PER_KIND = 3


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def served(site_archive: Path) -> Iterator[str]:
    """The archive through `calaccess serve`'s own server, on a free loopback port."""
    server = make_server(site_archive, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@dataclass
class Visit:
    """What went wrong while a page loaded: console errors, script errors, failed requests, dialogs."""

    problems: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _watch(page: Page) -> Visit:
    visit = Visit()
    page.on("console", lambda m: visit.problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.problems.append(f"script: {e}"))
    page.on("requestfailed", lambda r: visit.problems.append(f"failed: {r.url} {r.failure}"))
    page.on(
        "response", lambda r: visit.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None
    )

    def dialog(d: object) -> None:
        visit.dialogs.append(getattr(d, "message", ""))
        d.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", dialog)
    return visit


def _sample(site_dir: Path) -> list[str]:
    """Every page kind: the fixed pages, the first few of each kind of record, the biggest committee page,
    a second page of filings where a committee has one (the sample's committees file fewer than 100), and
    a second page of a long letter of the A-Z."""
    paths = ["index.html", "az/index.html", "az/b.html", "search.html", "fields.html", "downloads.html"]
    for kind in ("elections", "candidates", "measures", "committees", "lobbying"):
        pages = sorted(p for p in (site_dir / kind).glob("*.html") if "-p" not in p.stem)
        paths += [f"{kind}/{p.name}" for p in pages[:PER_KIND]]
    biggest = max((site_dir / "committees").glob("*.html"), key=lambda p: p.stat().st_size)
    paths.append(f"committees/{biggest.name}")
    paths += [f"committees/{p.name}" for p in sorted((site_dir / "committees").glob("*-p2.html"))[:1]]
    paths += [f"az/{p.name}" for p in sorted((site_dir / "az").glob("*-p2.html"))[:1]]
    return paths


def test_every_page_kind_loads_cleanly_passes_axe_and_fits_a_phone(
    browser: Browser, served: str, site_dir: Path
) -> None:
    axe = Axe()
    failures: list[str] = []
    checked = 0
    for path in ["index.html", *(f"latest/site/{p}" for p in _sample(site_dir))]:
        url = f"{served}/{path}"
        for viewport in (DESK, PHONE):
            page = browser.new_page(viewport=viewport)
            visit = _watch(page)
            page.goto(url, wait_until="networkidle")
            failures += [f"{path} at {viewport['width']} px: {p}" for p in visit.problems]
            if viewport is PHONE:
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    failures.append(f"{path}: {width} px wide at 375 px (scrolls sideways)")
            else:
                violations = axe.run(page).response["violations"]
                failures += [
                    f"{path}: axe {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
                    for v in violations
                    if v["impact"] in {"serious", "critical"}
                ]
            page.close()
            checked += 1
    assert not failures, failures
    assert checked >= 2 * (7 + 5 * PER_KIND)


def test_search_finds_a_known_candidate(browser: Browser, served: str) -> None:
    page = browser.new_page(viewport=DESK)
    visit = _watch(page)
    page.goto(f"{served}/latest/site/search.html", wait_until="networkidle")
    page.fill(".pagefind-ui__search-input", "Dahle")
    result = page.locator('.pagefind-ui__result-link[href*="/candidates/"]', has_text="BRIAN DAHLE").first
    result.wait_for(timeout=15_000)
    href = result.get_attribute("href") or ""
    assert "/candidates/" in href
    result.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "BRIAN DAHLE"
    assert not visit.problems, visit.problems
    page.close()


def test_search_merges_its_parts_and_finds_the_last_record_indexed(
    browser: Browser, served: str, site_dir: Path
) -> None:
    """The lobbying organization written last sits in the index's last part: search finds it as surely as
    a candidate in the first, and its result opens its page."""
    last = max(p for p in (site_dir / "lobbying").glob("*.html") if "-p" not in p.stem)
    heading = HTMLParser(last.read_text(encoding="utf-8")).css_first("h1")
    assert heading is not None
    name = heading.text()
    page = browser.new_page(viewport=DESK)
    visit = _watch(page)
    page.goto(f"{served}/latest/site/search.html", wait_until="networkidle")
    page.fill(".pagefind-ui__search-input", name)
    result = page.locator(f'.pagefind-ui__result-link[href$="/lobbying/{last.name}"]').first
    result.wait_for(timeout=15_000)
    result.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == name
    assert not visit.problems, visit.problems
    page.close()


def test_a_name_that_is_markup_shows_as_text_and_runs_nothing(
    browser: Browser, served: str, site_dir: Path
) -> None:
    heading = re.compile(r"<h1[^>]*>" + re.escape(html.escape(MARKUP, quote=False)) + "</h1>")
    pages = [
        p
        for kind in ("committees", "candidates")
        for p in (site_dir / kind).glob("*.html")
        if heading.search(p.read_text(encoding="utf-8"))
    ]
    assert pages, "the markup name is on no page"
    kinds = {p.parent.name for p in pages}
    assert kinds == {"committees", "candidates"}
    for path in pages:
        page = browser.new_page(viewport=DESK)
        visit = _watch(page)
        page.goto(f"{served}/latest/site/{path.parent.name}/{path.name}", wait_until="networkidle")
        assert page.locator("h1").inner_text() == MARKUP
        assert page.locator("main script").count() == 0
        assert not visit.dialogs
        assert not visit.problems, visit.problems
        page.close()


def test_the_a_to_z_index_works_from_the_files_on_disk(browser: Browser, site_dir: Path) -> None:
    page = browser.new_page(viewport=PHONE)
    visit = _watch(page)
    page.goto((site_dir / "az" / "index.html").as_uri())
    page.locator(".letters a", has_text="B").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/az/b.html")
    link = page.locator("main ul.columns a", has_text="BRIAN DAHLE").first
    link.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and "/candidates/" in page.url
    assert page.locator("h1").inner_text() == "BRIAN DAHLE"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto((site_dir / "search.html").as_uri())
    assert page.locator("#search-note").is_visible(), "from disk, search must point to the A-Z index"
    assert not visit.problems, visit.problems
    page.close()
