"""The ballot-measure list of one session (`Measures/list.aspx?session=YYYY`).

One table per election (`table#ListElections1__ctlN`), its caption the election as printed
(`NOVEMBER 8, 2022, GENERAL`), a count line (`7 Measures`) and one link per measure
(`Detail.aspx?id=<measure id>&session=YYYY`) whose text is the measure's full title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from calaccess.scrape.pages import (
    PROPOSITIONS,
    Page,
    canonical_url,
    menu_links,
    node_text,
    normalise_link,
    page_path,
    query_int,
    require,
)

_ELECTION = re.compile(r"^(?P<month>[A-Z]+) (?P<day>\d{1,2}), (?P<year>\d{4}), (?P<kind>.+)$")
_MONTHS = {dt.date(2000, m, 1).strftime("%B").upper(): m for m in range(1, 13)}
_COUNT = re.compile(r"^(\d+) Measures?$")


@dataclass(frozen=True)
class Measure:
    measure_id: int
    session: int
    election_name: str
    election_date: dt.date | None
    name: str


@dataclass
class MeasuresPage:
    session: int
    measures: list[Measure] = field(default_factory=list)
    links_repaired: int = 0
    findings: list[tuple[str, str, str | None]] = field(default_factory=list)


def election_date(election_name: str) -> dt.date | None:
    """The date in `NOVEMBER 8, 2022, GENERAL`, or None when the name does not start with one."""
    match = _ELECTION.match(election_name)
    if match is None or match["month"] not in _MONTHS:
        return None
    try:
        return dt.date(int(match["year"]), _MONTHS[match["month"]], int(match["day"]))
    except ValueError:
        return None


def parse_measures(page: Page) -> MeasuresPage:
    tree = page.parse_html()
    require(
        any(node_text(h) == "Propositions & Ballot Measures" for h in tree.css("span.hdr11")),
        "no 'Propositions & Ballot Measures' heading",
        page,
    )
    menu = menu_links(tree, "session")
    selected = {session for session, label, is_selected in menu if is_selected and label != "Historical"}
    require(len(selected) == 1, f"expected one selected session in the menu, found {sorted(selected)}", page)
    session = selected.pop()
    require(
        not page.key.isdigit() or int(page.key) == session,
        f"the page is for session {session}, expected {page.key}",
        page,
    )
    result = MeasuresPage(session)
    # older lists link relatively (`Detail.aspx?id=...`), so links resolve against the page's own URL
    page_url = canonical_url(page_path(PROPOSITIONS, session))
    for table in tree.css('table[id^="ListElections1__ctl"]'):
        election_name = node_text(table.css_first("caption"))
        require(election_name, f"an election table ({table.attributes.get('id')}) has no caption", page)
        date = election_date(election_name)
        if date is None:
            result.findings.append(("measure_election_without_date", page.relative_path, election_name))
        links = table.css("a[href]")
        count_match = _COUNT.match(node_text(table.css_first("font[color=White]")))
        if count_match is None or int(count_match[1]) != len(links):
            result.findings.append(
                (
                    "measure_count_mismatch",
                    page.relative_path,
                    f"{election_name}: the page says {count_match[0] if count_match else 'no count'}, "
                    f"lists {len(links)}",
                )
            )
        for link in links:
            href, repaired = normalise_link(link.attributes.get("href") or "", page_url)
            result.links_repaired += repaired
            measure_id = query_int(href, "id")
            require(measure_id is not None, f"a measure link without a numeric id: {href}", page)
            assert measure_id is not None
            link_session = query_int(href, "session")
            if link_session is not None and link_session != session:
                result.findings.append(
                    (
                        "measure_session_mismatch",
                        page.relative_path,
                        f"{measure_id}: link says {link_session}",
                    )
                )
            result.measures.append(Measure(measure_id, session, election_name, date, node_text(link)))
    return result
