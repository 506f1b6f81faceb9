"""The website a version carries, read as files: every page kind written, every link resolving, names that
are markup shown as text, the biggest committee's page small, and the downloads page listing every version."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import duckdb
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from calaccess.publish.archive import Archive
from calaccess.publish.site import index_for_search
from calaccess.publish.site.pages import AZ_PER_PAGE, FILINGS_PER_PAGE, Site, key
from tests.publish.conftest import MARKUP, SEARCH_PART


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def test_every_election_candidate_measure_and_committee_has_a_page(site_dir: Path) -> None:
    with duckdb.connect(str(site_dir.parent / "calaccess.duckdb"), read_only=True) as con:
        expected = {
            "elections": _count(con, "SELECT count(*) FROM ocd.election"),
            "candidates": _count(con, "SELECT count(DISTINCT person_id) FROM ocd.candidacy"),
            "measures": _count(con, "SELECT count(*) FROM ocd.ballot_measure_contest"),
            "committees": _count(con, "SELECT count(*) FROM ocd.committee"),
        }
    found = {
        kind: len([p for p in (site_dir / kind).glob("*.html") if "-p" not in p.stem]) for kind in expected
    }
    assert found == expected
    assert expected == {"elections": 111, "candidates": 3_555, "measures": 213, "committees": 16_471}
    for page in ("index.html", "az/index.html", "az/b.html", "search.html", "fields.html", "downloads.html"):
        assert (site_dir / page).is_file(), page


def test_the_search_index_holds_every_record_page_in_parts_and_leaves_nothing_behind(site_dir: Path) -> None:
    """Each part of the index is a Pagefind bundle; together they hold one entry per candidate, committee,
    measure and lobbying organization page (never a filings page 2); the small pages indexed in their place
    are gone from the published site."""
    records = sum(
        len([p for p in (site_dir / kind).glob("*.html") if "-p" not in p.stem])
        for kind in ("candidates", "committees", "measures", "lobbying")
    )
    parts = sorted((site_dir / "pagefind").iterdir(), key=lambda p: int(p.name))
    assert [p.name for p in parts] == [str(n) for n in range(-(-records // SEARCH_PART))]
    assert len(parts) > 1
    indexed = 0
    for part in parts:
        assert (part / "pagefind-ui.js").is_file()
        entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed += sum(language["page_count"] for language in entry["languages"].values())
    assert indexed == records
    assert not (site_dir / ".search").exists()


def _links(page: Path) -> list[str]:
    tree = HTMLParser(page.read_text(encoding="utf-8"))
    found = [node.attributes.get("href") or "" for node in tree.css("a[href], link[href]")]
    found += [node.attributes.get("src") or "" for node in tree.css("script[src], img[src]")]
    return [link for link in found if link]


def _ids(page: Path, cache: dict[Path, set[str]]) -> set[str]:
    if page not in cache:
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        cache[page] = {node.attributes.get("id") or "" for node in tree.css("[id]")}
    return cache[page]


def test_a_site_with_nothing_to_find_says_so_and_builds_no_index(tmp_path: Path) -> None:
    """Pagefind refuses a site with no page: a version with no record has a search page that says there
    is nothing to search, not a failed publish."""
    site = Site(tmp_path, "v")
    index_for_search(site.folder, site.search_parts)
    site.write("search.html", "search.html", "search", parts=site.search_parts)
    page = HTMLParser((tmp_path / "search.html").read_text(encoding="utf-8"))
    main = page.css_first("main")
    assert main is not None and "holds no candidate" in main.text()
    assert not page.css("script[src]") and not (tmp_path / "pagefind").exists()


def test_every_link_on_every_page_resolves(site_archive: Path, site_dir: Path) -> None:
    """A crawler, no browser: every internal link and download link of every page of the latest site and of
    the downloads page points at a file that exists (and at an id on it, for a #fragment)."""
    pages = [site_archive / "index.html", *sorted(site_dir.rglob("*.html"))]
    pages = [page for page in pages if "pagefind" not in page.parts]
    broken: list[str] = []
    external: set[str] = set()
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page in pages:
        for link in _links(page):
            parts = urlsplit(link)
            if parts.scheme == "data":  # inline (the empty favicon), nothing to fetch
                continue
            if parts.scheme or parts.netloc:
                external.add(link)
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site_archive)}: {link}")
            elif parts.fragment and parts.fragment not in _ids(target, ids):
                broken.append(f"{page.relative_to(site_archive)}: {link} (no such id)")
    assert not broken, broken[:20]
    assert not external, sorted(external)[:10]
    assert checked > 100_000


def test_a_version_s_pages_link_only_inside_that_version(site_dir: Path) -> None:
    version = site_dir.parent
    for page in [site_dir / "index.html", site_dir / "downloads.html", site_dir / "fields.html"]:
        for link in _links(page):
            target = (page.parent / urlsplit(link).path).resolve()
            assert version in target.parents, f"{page.name}: {link}"


def test_a_name_that_is_markup_shows_as_text(site_dir: Path) -> None:
    pages = [
        page
        for page in [
            *site_dir.glob("committees/*.html"),
            *site_dir.glob("candidates/*.html"),
            *site_dir.glob("az/*.html"),
        ]
        if "alert(1)" in page.read_text(encoding="utf-8")
    ]
    kinds = {page.parent.name for page in pages}
    assert kinds == {"committees", "candidates", "az"}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert MARKUP not in text, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        heading = HTMLParser(text).css_first("h1")
        assert heading is not None
        assert page.parent.name == "az" or heading.text() == MARKUP


def test_the_biggest_committee_page_is_small_and_long_lists_are_paginated(site_dir: Path) -> None:
    biggest = max((site_dir / "committees").glob("*.html"), key=lambda page: page.stat().st_size)
    assert biggest.stat().st_size < 1_000_000
    for page in (site_dir / "committees").glob("*-p2.html"):
        rows = HTMLParser(page.read_text(encoding="utf-8")).css("#filings ~ div table tbody tr")
        assert 0 < len(rows) <= FILINGS_PER_PAGE


def test_a_long_letter_of_the_a_to_z_is_paginated_and_loses_no_name(site_dir: Path) -> None:
    """The sample's U holds some 10,000 names (committees no record names: 'Unknown committee ...'): its
    pages hold at most AZ_PER_PAGE names each, and together every name the letter counts, once."""
    for letter in ("u", "b"):
        pages = [site_dir / "az" / f"{letter}.html", *sorted((site_dir / "az").glob(f"{letter}-p*.html"))]
        links: list[str] = []
        for page in pages:
            found = [
                node.attributes.get("href") or ""
                for node in HTMLParser(page.read_text(encoding="utf-8")).css("ul.columns a")
            ]
            assert 0 < len(found) <= AZ_PER_PAGE, page.name
            links += found
        first = HTMLParser(pages[0].read_text(encoding="utf-8"))
        counted = first.css_first("main > p")
        total = (
            int(counted.text().split(" names")[0].replace(",", ""))
            if len(pages) > 1 and counted is not None
            else sum(
                int(n.text().split("(")[-1].rstrip(")").replace(",", "")) for n in first.css("section h2")
            )
        )
        assert len(links) == len(set(links)) == total
    assert len([site_dir / "az" / "u.html", *(site_dir / "az").glob("u-p*.html")]) > 1


def test_a_chart_is_drawn_into_the_page_as_svg(site_dir: Path) -> None:
    charted = [
        page
        for page in [*site_dir.glob("measures/*.html"), *site_dir.glob("committees/*.html")]
        if '<figure class="chart"' in page.read_text(encoding="utf-8")
    ]
    assert charted
    tree = HTMLParser(charted[0].read_text(encoding="utf-8"))
    svg = tree.css_first("figure.chart svg")
    assert svg is not None
    assert "Month" in svg.text()


def test_a_contest_shows_its_leading_candidates_money_over_time(site_dir: Path) -> None:
    charted = [
        page
        for page in site_dir.glob("elections/*.html")
        if '<figure class="chart"' in page.read_text(encoding="utf-8")
    ]
    assert charted
    tree = HTMLParser(charted[0].read_text(encoding="utf-8"))
    section = next(node for node in tree.css("section.contest") if node.css_first("figure.chart svg"))
    names = {node.text(strip=True) for node in section.css("tbody td:first-child a")}
    labels = " ".join(node.attributes.get("aria-label") or "" for node in section.css("svg [aria-label]"))
    assert any(f"series: {name}" in labels for name in names)


def test_the_fields_page_documents_every_field_of_the_data_package(site_dir: Path) -> None:
    package = json.loads((site_dir.parent / "datapackage.json").read_text(encoding="utf-8"))
    text = HTMLParser((site_dir / "fields.html").read_text(encoding="utf-8")).text()
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["name"] in text
            assert field["description"] in text


def test_the_downloads_page_lists_both_versions_latest_first(site_archive: Path) -> None:
    versions = Archive(site_archive).versions()
    assert len(versions) == 2
    tree = HTMLParser((site_archive / "index.html").read_text(encoding="utf-8"))
    headings = [node.text(strip=True) for node in tree.css("section.version h2")]
    assert headings == [f"{versions[1]}latest", str(versions[0])]
    links = {node.attributes.get("href") for node in tree.css("a[href]")}
    for version in versions:
        assert f"{version}/CHANGELOG.md" in links
        assert f"{version}/site/fields.html" in links
        assert f"{version}/calaccess.duckdb" in links
        assert f"{version}/flat/candidates.csv" in links
    text = tree.text()
    assert "8,392" in text  # the candidacies


def test_lobbying_contributions_show_apart_from_what_the_committee_reports(site_dir: Path) -> None:
    """A lobbyist's report of a contribution is the committee's own receipt seen from the giver's side:
    listed in a section of its own, never in the committee's biggest contributors."""
    with duckdb.connect(str(site_dir.parent / "calaccess.duckdb"), read_only=True) as con:
        given = dict(
            con.execute(
                """SELECT recipient_committee_id, count(*) FROM ocd.transaction
                   WHERE extras->>'domain' = 'lobbying' AND classification = 'contribution'
                     AND recipient_committee_id IS NOT NULL AND CAST(extras->>'is_current' AS BOOLEAN)
                     AND NOT CAST(extras->>'memo' AS BOOLEAN)
                   GROUP BY ALL"""
            ).fetchall()
        )
    assert len(given) > 100
    with_section = {
        page.stem
        for page in (site_dir / "committees").glob("*.html")
        if 'id="lobbying"' in page.read_text(encoding="utf-8")
    }
    assert with_section == {committee_id.rsplit("/", 1)[-1] for committee_id in given}
    page = HTMLParser(
        (site_dir / "committees" / f"{sorted(with_section)[0]}.html").read_text(encoding="utf-8")
    )
    heading = page.css_first("#lobbying")
    assert heading is not None and "lobbyists, firms and employers" in heading.text()


def test_every_lobbyist_employer_and_firm_has_a_page_in_the_a_to_z(site_dir: Path) -> None:
    with duckdb.connect(str(site_dir.parent / "calaccess.duckdb"), read_only=True) as con:
        kinds = dict(
            con.execute(
                """SELECT extras->>'kind', count(*) FROM ocd.organization
                   WHERE extras->>'kind' IN ('lobbying employer', 'lobbying coalition', 'lobbying firm')
                   GROUP BY ALL"""
            ).fetchall()
        )
    pages = [p for p in (site_dir / "lobbying").glob("*.html") if "-p" not in p.stem]
    assert len(pages) == sum(kinds.values()) and kinds["lobbying firm"] > 100
    listed = {
        (node.attributes.get("href") or "").removeprefix("../")
        for page in (site_dir / "az").glob("*.html")
        for node in HTMLParser(page.read_text(encoding="utf-8")).css("ul.columns a")
    }
    assert {f"lobbying/{page.name}" for page in pages} <= listed
    firm = next(p for p in pages if "<dd>lobbying firm</dd>" in p.read_text(encoding="utf-8"))
    text = HTMLParser(firm.read_text(encoding="utf-8")).text()
    assert "Received from clients" in text and "Reports and registrations" in text


def test_a_firm_s_page_lists_its_clients_and_an_employer_s_its_firms_by_session(site_dir: Path) -> None:
    """lobbying.firm_clients seen from both sides: the firm with the most clients lists each under its
    session, linked to the client's own page where it has one; that client's page lists the firm back."""
    with duckdb.connect(str(site_dir.parent / "calaccess.duckdb"), read_only=True) as con:
        (firm_id,) = con.execute(
            """SELECT firm_organization_id FROM lobbying.firm_clients WHERE client_organization_id IS NOT NULL
               GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1"""
        ).fetchone() or (None,)
        clients = con.execute(
            """SELECT session, client_organization_id, firm_name FROM lobbying.firm_clients
               WHERE firm_organization_id = ? AND client_organization_id IS NOT NULL""",
            [firm_id],
        ).fetchall()
    assert firm_id is not None and len(clients) > 1
    page = HTMLParser((site_dir / "lobbying" / f"{key(firm_id)}.html").read_text(encoding="utf-8"))
    heading = page.css_first("#contracts")
    assert heading is not None and heading.text() == "Clients by session"
    listed = {
        (dt.text().split("–")[0], (a.attributes.get("href") or "").removesuffix(".html"))
        for dt, dd in zip(page.css("dl.sessions dt"), page.css("dl.sessions dd"), strict=True)
        for a in dd.css("a")
    }
    assert {(str(session), key(client)) for session, client, _ in clients} == listed
    _, client, firm_name = sorted(clients)[0]
    back = HTMLParser((site_dir / "lobbying" / f"{key(client)}.html").read_text(encoding="utf-8"))
    firms = back.css_first("#contracts")
    assert firms is not None and firms.text() == "Lobbying firms by session"
    listed_back = back.css_first("dl.sessions")
    assert listed_back is not None and firm_name in listed_back.text()


def test_an_election_page_lists_its_recall_questions(site_dir: Path) -> None:
    with duckdb.connect(str(site_dir.parent / "calaccess.duckdb"), read_only=True) as con:
        recalls = con.execute("SELECT name, election_id FROM ocd.retention_contest ORDER BY name").fetchall()
    assert len(recalls) == 4
    for name, election_id in recalls:
        page = HTMLParser((site_dir / "elections" / f"{election_id.rsplit('/', 1)[-1]}.html").read_text())
        assert name in page.text(), name
        title = page.css_first("title")
        assert title is not None and "<" not in title.text() and "Recall" not in title.text()
        assert len(page.css("h2")) == len({h2.text() for h2 in page.css("h2")})  # each section once
