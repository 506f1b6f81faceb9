"""The detail page of one ballot measure (`Measures/Detail.aspx?id=N&session=YYYY`).

Its title (`span#measureName`), then a small table per committee: COMMITTEE ID as printed, the committee's
name linked to its filer (`/Misc/Redirector.aspx?id=<filer id>&session=YYYY`) and its position (SUPPORT or
OPPOSE). A measure nobody organised for says "No committees found." instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from selectolax.lexbor import LexborNode

from calaccess.scrape.pages import Page, node_text, normalise_link, query_int, require

POSITIONS: Final = frozenset({"SUPPORT", "OPPOSE"})
NO_COMMITTEES: Final = "No committees found."


@dataclass(frozen=True)
class Committee:
    filer_id: int
    committee_id: str | None
    name: str
    position: str


@dataclass
class MeasureCommitteesPage:
    measure_id: int
    title: str
    #: the session the page's own links name (None when they name none)
    session: int | None
    committees: list[Committee] = field(default_factory=list)
    #: why the page lists no committees, when it lists none
    no_committees_reason: str | None = None
    links_repaired: int = 0
    set_aside: int = 0
    findings: list[tuple[str, str, str | None]] = field(default_factory=list)


def parse_measure_committees(page: Page) -> MeasureCommitteesPage:
    tree = page.parse_html()
    title_node = tree.css_first("span#measureName")
    require(title_node is not None, "no measure title (span#measureName)", page)
    require(page.key.isdigit(), f"the file name {page.path.name!r} is not a measure id", page)
    session = None
    for anchor in tree.css("a[href]"):
        href = normalise_link(anchor.attributes.get("href") or "")[0]
        if "Detail.aspx" in href and query_int(href, "id") == int(page.key):
            session = query_int(href, "session")
            break
    result = MeasureCommitteesPage(int(page.key), node_text(title_node), session)

    for row in tree.css("tr"):
        cells = row.css("td")
        if len(cells) != 3 or cells[0].css_first("span.txt7") is None:
            continue
        printed_id, position = node_text(cells[0]), node_text(cells[2])
        link: LexborNode | None = cells[1].css_first("a[href]")
        name = node_text(cells[1])
        where = f"{page.relative_path}: {name or printed_id}"
        if link is None:
            result.findings.append(("committee_without_link", where, "no filer id; row set aside"))
            result.set_aside += 1
            continue
        href, repaired = normalise_link(link.attributes.get("href") or "")
        result.links_repaired += repaired
        filer_id = query_int(href, "id")
        if filer_id is None or position not in POSITIONS or not name:
            result.findings.append(
                (
                    "committee_row_unreadable",
                    where,
                    f"filer link {href!r}, position {position!r}; row set aside",
                )
            )
            result.set_aside += 1
            continue
        result.committees.append(Committee(filer_id, printed_id or None, name, position))

    if not result.committees:
        body = node_text(tree.body)
        require(
            NO_COMMITTEES in body or result.set_aside,
            "neither committees nor 'No committees found.'",
            page,
        )
        result.no_committees_reason = (
            "the page says 'No committees found.'"
            if NO_COMMITTEES in body
            else "every committee row set aside"
        )
    return result
