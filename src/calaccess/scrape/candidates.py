"""The certified-candidates page of one election (`list.aspx?view=certified&electNav=N`).

Layout, the same from 2000 to 2025 (only the links' form changes): an election menu ("Choose an Election")
that lists every election, the selected one marked; then one table per section (`span.hdr14`, e.g.
`SENATE DISTRICTS`), a cell per office (`span.hdr13`, e.g. `STATE SENATE 01`), and in it the candidates,
either a link to the filer (`a.sublink2`, `Detail.aspx?id=<filer id>`) or plain text (`span.txt7`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from calaccess.errors import ParseError
from calaccess.scrape.pages import (
    Page,
    enclosing_table,
    first_cell,
    menu_links,
    node_text,
    normalise_link,
    query_int,
    require,
)

#: The election types a name can print, longest first so PRESIDENTIAL PRIMARY is not read as PRIMARY.
ELECTION_TYPES: Final = (
    "PRESIDENTIAL PRIMARY",
    "SPECIAL ELECTION",
    "SPECIAL RUNOFF",
    "PRIMARY",
    "GENERAL",
    "RECALL",
)
_ELECTION_NAME = re.compile(
    r"^(?P<year>\d{4}) (?P<type>" + "|".join(ELECTION_TYPES) + r")(?: \((?P<office>[^()]+)\))?$"
)
#: The menu's toggle that opens the list of earlier elections; it is not an election.
MENU_TOGGLE: Final = "Prior Elections"


@dataclass(frozen=True)
class ElectionName:
    year: int
    type: str
    office: str | None


def parse_election_name(name: str) -> ElectionName | None:
    """Year, type and (for specials and recalls) office of a name like `2013 SPECIAL RUNOFF (ASSEMBLY 52)`."""
    match = _ELECTION_NAME.match(name)
    if match is None:
        return None
    return ElectionName(int(match["year"]), match["type"], match["office"])


@dataclass
class CandidatesPage:
    election_id: int
    election_name: str
    #: every (electNav id, name) the page's election menu lists, in order, toggles left out
    menu: list[tuple[int, str]]
    menu_toggles: int
    #: (section, office, name, filer id or None)
    candidates: list[tuple[str, str, str, int | None]] = field(default_factory=list)
    links_repaired: int = 0
    #: entries dropped because they print no name (each also a finding)
    set_aside: int = 0
    findings: list[tuple[str, str, str | None]] = field(default_factory=list)


def parse_candidates(page: Page) -> CandidatesPage:
    tree = page.parse_html()
    require(
        any(node_text(h) == "Choose an Election:" for h in tree.css("span.hdr12")),
        "no election menu ('Choose an Election:')",
        page,
    )
    menu: list[tuple[int, str]] = []
    toggles = 0
    selected: list[tuple[int, str]] = []
    for election_id, label, is_selected in menu_links(tree, "electNav"):
        if label == MENU_TOGGLE:
            toggles += 1
            continue
        require(label, f"an election menu entry for electNav={election_id} has no name", page)
        menu.append((election_id, label))
        if is_selected:
            selected.append((election_id, label))
    require(selected, "no election is marked selected in the election menu", page)
    require(len({s for s, _ in selected}) == 1, f"several elections marked selected: {selected}", page)
    election_id, election_name = selected[0]
    if page.key.isdigit() and int(page.key) != election_id:
        raise ParseError(
            f"the page is for electNav={election_id} ({election_name}), expected electNav={page.key}",
            path=page.path,
        )
    if parse_election_name(election_name) is None:
        raise ParseError(
            f"election name {election_name!r} is not `YEAR TYPE [(OFFICE)]` with a known type "
            f"({', '.join(ELECTION_TYPES)})",
            path=page.path,
        )
    result = CandidatesPage(election_id, election_name, menu, toggles)

    for heading in tree.css("span.hdr14"):
        section = node_text(heading)
        table = enclosing_table(heading, f"section {section!r}", page)
        for office_node in table.css("span.hdr13"):
            office = node_text(office_node)
            cell = office_node.parent
            require(cell is not None and office, f"an office in section {section!r} has no name", page)
            assert cell is not None
            inner = first_cell(cell.css_first("table"))
            require(inner is not None, f"office {office!r} has no candidate list", page)
            assert inner is not None
            for entry in inner.iter(include_text=False):
                if entry.tag == "a":
                    href, repaired = normalise_link(entry.attributes.get("href") or "")
                    result.links_repaired += repaired
                    filer_id = query_int(href, "id")
                    if filer_id is None:
                        result.findings.append(
                            ("candidate_link_without_filer_id", page.relative_path, f"{office}: {href}")
                        )
                    name = node_text(entry)
                elif entry.tag == "span":
                    filer_id, name = None, node_text(entry)
                else:
                    continue
                if not name:
                    result.findings.append(("candidate_without_name", page.relative_path, office))
                    result.set_aside += 1
                    continue
                result.candidates.append((section, office, name, filer_id))
    return result
