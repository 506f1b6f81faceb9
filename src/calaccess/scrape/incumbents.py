"""The incumbents page of one two-year session (`list.aspx?view=incumbent&session=YYYY`).

It lists the session's numbered election dates (`3. SPECIAL ELECTION RUNOFF Tuesday, 5/4/21`), then the
incumbents by category (`span.hdr14`), one cell per office (`span.txt7`) with the office holder linked to
the filer (`Detail.aspx?session=YYYY&id=<filer id>`). Some sessions (1999, 2001, 2023) list dates only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Final

from calaccess.scrape.pages import (
    Page,
    enclosing_table,
    first_cell,
    node_text,
    normalise_link,
    query_int,
    require,
)

_DATE_LINE = re.compile(r"^(?P<number>\d+)\.\s+(?P<rest>.*)$")
_NAME_AND_DATE = re.compile(
    r"^(?P<name>.*?)\s*(?P<printed>(?P<weekday>[A-Za-z]+day),\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4}))$"
)
#: What the site prints where a seat has no holder.
VACANT: Final = frozenset({"", "VACANT"})


@dataclass(frozen=True)
class ElectionDate:
    number: int
    name: str
    date: dt.date | None
    date_printed: str | None
    date_problem: str | None


@dataclass
class IncumbentsPage:
    session: int
    elections: list[ElectionDate] = field(default_factory=list)
    #: (category, office, name, filer id)
    incumbents: list[tuple[str, str, str, int | None]] = field(default_factory=list)
    #: offices printed without a holder: (category, office, as printed)
    vacancies: list[tuple[str, str, str]] = field(default_factory=list)
    links_repaired: int = 0


def parse_incumbents(page: Page) -> IncumbentsPage:
    tree = page.parse_html()
    dates_heading = next(
        (h for h in tree.css("span.hdr13") if node_text(h).endswith("Election Dates:")), None
    )
    require(dates_heading is not None, "no 'Election Dates:' heading", page)
    assert dates_heading is not None
    session = _session(page, node_text(dates_heading))
    result = IncumbentsPage(session)

    container = dates_heading.parent
    assert container is not None
    for line_node in container.css("span.txt7"):
        line = node_text(line_node)
        match = _DATE_LINE.match(line)
        if match:
            result.elections.append(_election_date(session, int(match["number"]), match["rest"]))

    for heading in tree.css("span.hdr14"):
        category = node_text(heading)
        table = enclosing_table(heading, f"category {category!r}", page)
        for cell in table.css("td"):
            office_node = cell.css_first("span.txt7")
            inner = first_cell(cell.css_first("table"))
            # only the office cells: they hold the office's name and, below it, a small table of holders
            if office_node is None or inner is None or office_node.parent != cell:
                continue
            office = node_text(office_node)
            require(office, f"an office in {category!r} has no name", page)
            for entry in inner.iter(include_text=False):
                if entry.tag not in ("a", "span"):
                    continue
                name = node_text(entry)
                if name in VACANT:
                    result.vacancies.append((category, office, name))
                    continue
                filer_id = None
                if entry.tag == "a":
                    href, repaired = normalise_link(entry.attributes.get("href") or "")
                    result.links_repaired += repaired
                    filer_id = query_int(href, "id")
                result.incumbents.append((category, office, name, filer_id))
    return result


def _session(page: Page, heading: str) -> int:
    """The session's first year, from the heading `2021 - 2022 Election Dates:`, checked against the file."""
    match = re.match(r"^(\d{4})\s*-\s*(\d{4})", heading)
    require(match, f"the dates heading {heading!r} names no session", page)
    assert match is not None
    session = int(match[1])
    require(
        not page.key.isdigit() or int(page.key) == session,
        f"the page is for session {session}, expected {page.key}",
        page,
    )
    return session


def _election_date(session: int, number: int, rest: str) -> ElectionDate:
    """One numbered election; a date that cannot be right is kept as printed, nulled and explained."""
    match = _NAME_AND_DATE.match(rest)
    if match is None:
        return ElectionDate(number, rest, None, None, "no date in the form `Weekday, M/D/YY`")
    name, printed = match["name"], match["printed"]
    year = int(match["y"])
    year += 2000 if year < 100 else 0
    try:
        date = dt.date(year, int(match["m"]), int(match["d"]))
    except ValueError:
        return ElectionDate(number, name, None, printed, "not a calendar date")
    weekday = date.strftime("%A")
    if weekday.lower() != match["weekday"].lower():
        return ElectionDate(
            number, name, None, printed, f"printed as a {match['weekday']}, but {date} is a {weekday}"
        )
    # A session's elections run from the December after the previous general (specials for seats of the
    # new session) to the end of its second year.
    first, last = dt.date(session - 1, 12, 1), dt.date(session + 1, 12, 31)
    if not first <= date <= last:
        return ElectionDate(
            number,
            name,
            None,
            printed,
            f"{date} is outside the {session}-{session + 1} session ({first} to {last})",
        )
    if date.weekday() >= 5:
        return ElectionDate(number, name, date, printed, f"{date} is a {weekday}, unusual for an election")
    return ElectionDate(number, name, date, printed, None)
