"""The site's pages: one query per page kind, each read once and rendered in a loop.

A page is named by its record's uuid (`committees/<uuid>.html`), the same in every version. Every link is
relative, so a version's site works from disk, from any web server, and under `latest`. The big lists are
aggregated once in SQL (top contributors per committee with a window, money per month per committee) and a
committee's filings are paginated, so no page grows with the data.
"""

from __future__ import annotations

import heapq
import html
import itertools
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, select_autoescape

from calaccess.publish import flat
from calaccess.publish.archive import write_remembered
from calaccess.publish.site import charts

log = logging.getLogger(__name__)

#: Filings on one page of a committee's list; the rest go on pages 2, 3...
FILINGS_PER_PAGE = 100
#: Contributors shown on a committee's page.
TOP_CONTRIBUTORS = 10
#: Committees with a chart (the ones that received the most itemised money; a chart costs a render).
CHARTED_COMMITTEES = 300
_FETCH = 10_000
#: Names on one page of the A-Z index; a letter with more goes on pages 2, 3... (`az/u-p2.html`), so that
#: no letter page grows with the data (the sample's U alone, mostly committees no record names, is 10,000).
AZ_PER_PAGE = 1_000
#: Records in one part of the search index. Pagefind holds a part's whole index in memory: 100,000 records
#: take about 1.3 GB and 30 s; the full export's 600,000 in one part took 6 GB.
SEARCH_PART = 100_000
#: Folder (inside the site, removed once indexed) of the small pages Pagefind reads in place of the real ones.
SEARCH_STUBS = ".search"

# Contributions a committee received, once each: current versions only, memo lines left out.
# What a committee itself reports receiving. A lobbyist's, firm's or employer's report of a contribution to it
# (extras.domain 'lobbying') is the same money seen from the giver's side: shown apart, never added in.
_RECEIVED = """
    FROM ocd.transaction AS t
    WHERE t.classification = 'contribution' AND t.recipient_committee_id IS NOT NULL
      AND coalesce(CAST(t.extras->>'is_current' AS BOOLEAN), true)
      AND NOT coalesce(CAST(t.extras->>'memo' AS BOOLEAN), false)
      AND t.extras->>'domain' IS DISTINCT FROM 'lobbying'
"""
_SENDER = "FROM ocd.transaction AS t LEFT JOIN ocd.committee AS sender ON sender.id = t.sender_committee_id"


def key(ocd_id: str) -> str:
    """The page name of a record: the uuid of its OCD id."""
    return ocd_id.rsplit("/", 1)[-1]


def money(value: Decimal | float | int | None) -> str:
    """Dollars as a reader scans them: whole dollars from $100 up, cents below; a dash when none."""
    if value is None:
        return "—"
    amount = Decimal(str(value))
    return f"${amount:,.0f}" if abs(amount) >= 100 else f"${amount:,.2f}"


def letter(name: str | None) -> str:
    first = (name or "").strip()[:1].upper()
    return first.lower() if "A" <= first <= "Z" else "other"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("calaccess.publish.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = money
    env.filters["key"] = key
    return env


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _stream(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[dict[str, Any]]:
    """Rows in batches, for the lists that grow with the data (filings)."""
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(_FETCH):
        for row in batch:
            yield dict(zip(names, row, strict=True))


class _Following:
    """A query's rows ordered by `column`, taken one key at a time by a loop over keys in the same order.

    The lists that grow with the data (a committee's contributors, its filings; an organization's quarters)
    are read this way, a page's worth at a time, on a cursor of their own, so the site's memory does not
    grow with the number of pages (DuckDB sorts and spills within its own limit)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, sql: str, column: str) -> None:
        self._groups = itertools.groupby(_stream(con.cursor(), sql), key=lambda row: row[column])
        self._pending = next(self._groups, None)

    def take(self, key: str) -> list[dict[str, Any]]:
        """The rows of `key`; the keys before it, which no page asked for, are passed over."""
        own: list[dict[str, Any]] = []
        while self._pending is not None and self._pending[0] <= key:
            if self._pending[0] == key:
                own = list(self._pending[1])
            self._pending = next(self._groups, None)
        return own


def _group(rows: Iterable[dict[str, Any]], column: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[column]].append(row)
    return grouped


@dataclass
class Site:
    """Writes pages under the site's folder; counts them by kind."""

    folder: Path
    version: str
    env: Environment = field(default_factory=environment)
    written: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    searchable: int = 0
    search_part: int = field(default_factory=lambda: SEARCH_PART)

    @property
    def search_parts(self) -> int:
        """How many parts the search index has (none when nothing is findable: Pagefind refuses an empty
        site)."""
        return -(-self.searchable // self.search_part)

    def find(self, path: str, title: str, *facts: str | None) -> None:
        """Make a page findable by search: a small page of its title and facts, at the page's own path under
        `.search/<part>/`, which Pagefind indexes in place of the page (so its results link to the page, and
        indexing 600,000 pages does not read every list on them)."""
        part = self.searchable // self.search_part
        target = self.folder / SEARCH_STUBS / str(part) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        name = html.escape(title or "")
        text = html.escape(", ".join(fact for fact in facts if fact))
        target.write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>'
            f'<body data-pagefind-body><h1 data-pagefind-meta="title">{name}</h1><p>{text}</p></body></html>',
            encoding="utf-8",
        )
        self.searchable += 1

    def write(self, path: str, template: str, kind: str, **context: Any) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        root = "../" * path.count("/")
        html = self.env.get_template(template).render(root=root, version=self.version, **context)
        write_remembered(target, html.encode("utf-8"))
        self.written[kind] += 1


# --- the queries, one per page kind ----------------------------------------------------------------------

ELECTIONS = """
SELECT e.id, e.name, e.date,
       (SELECT count(*) FROM ocd.candidate_contest AS c WHERE c.election_id = e.id) AS contests,
       (SELECT count(*) FROM ocd.ballot_measure_contest AS m WHERE m.election_id = e.id) AS measures
FROM ocd.election AS e
ORDER BY e.date DESC, e.name
"""

CANDIDACIES = """
SELECT contest.election_id, e.name AS election, e.date AS election_date, contest.id AS contest_id,
       contest.name AS contest, c.id, c.person_id, coalesce(c.candidate_name, p.name) AS name,
       party.name AS party, c.is_incumbent, c.registration_status,
       json_extract_string(c.extras, '$.election_result') AS result,
       money.raised_total AS raised, money.spent
FROM ocd.candidacy AS c
JOIN ocd.person AS p ON p.id = c.person_id
JOIN ocd.candidate_contest AS contest ON contest.id = c.contest_id
JOIN ocd.election AS e ON e.id = contest.election_id
LEFT JOIN ocd.organization AS party ON party.id = c.party_id
LEFT JOIN finance.candidacy_totals AS money ON money.candidacy_id = c.id
ORDER BY e.date DESC, contest.name, contest.id, money.raised_total DESC NULLS LAST, name
"""

PEOPLE = "SELECT id, name FROM ocd.person WHERE id IN (SELECT person_id FROM ocd.candidacy) ORDER BY name, id"

PERSON_COMMITTEES = """
SELECT DISTINCT c.person_id, d.committee_id, committee.name, d.designation
FROM ocd.committee_candidacy_designation AS d
JOIN ocd.candidacy AS c ON c.id = d.candidacy_id
JOIN ocd.committee AS committee ON committee.id = d.committee_id
ORDER BY c.person_id, committee.name
"""

MEASURES = """
WITH side AS (
    SELECT ballot_measure_contest_id AS id, option, sum(raised_total) AS raised, sum(spent) AS spent
    FROM finance.ballot_measure_totals GROUP BY ALL
)
SELECT m.id, m.name, m.description AS title, m.classification, m.election_id, e.name AS election,
       e.date AS election_date, yes.raised AS raised_for, yes.spent AS spent_for,
       no.raised AS raised_against, no.spent AS spent_against
FROM ocd.ballot_measure_contest AS m
JOIN ocd.election AS e ON e.id = m.election_id
LEFT JOIN side AS yes ON yes.id = m.id AND yes.option = 'yes'
LEFT JOIN side AS no ON no.id = m.id AND no.option = 'no'
ORDER BY e.date DESC, m.name
"""

MEASURE_COMMITTEES = """
WITH money AS (
    SELECT committee_id, sum(raised) AS raised, sum(spent) AS spent
    FROM finance.committee_cycle_totals GROUP BY ALL
)
SELECT side.ballot_measure_contest_id AS measure_id, m.name AS measure_name, side.option, side.committee_id,
       committee.name,
       money.raised, money.spent
FROM ocd.committee_ballot_measure_option_supported AS side
JOIN ocd.committee AS committee ON committee.id = side.committee_id
JOIN ocd.ballot_measure_contest AS m ON m.id = side.ballot_measure_contest_id
LEFT JOIN money ON money.committee_id = side.committee_id
ORDER BY side.ballot_measure_contest_id, side.option DESC, money.raised DESC NULLS LAST, committee.name
"""

MEASURE_MONTHS = f"""
WITH side AS (
    SELECT DISTINCT side.ballot_measure_contest_id AS measure_id, side.option, side.committee_id
    FROM ocd.committee_ballot_measure_option_supported AS side
    JOIN ocd.ballot_measure_contest AS m ON m.id = side.ballot_measure_contest_id
),
received AS (
    SELECT t.recipient_committee_id AS committee_id, date_trunc('month', t.date) AS month,
           sum(t.amount_value) AS amount
    {_RECEIVED} AND t.date IS NOT NULL
      AND t.recipient_committee_id IN (SELECT committee_id FROM side)
    GROUP BY ALL
)
SELECT side.measure_id, received.month, side.option, sum(received.amount) AS amount
FROM side JOIN received USING (committee_id)
GROUP BY ALL ORDER BY ALL
"""

#: The recall questions on each election's ballot, with the person each would recall (the flat file's rows).
RECALLS = f"""
SELECT recall.election_id, flat.*
FROM ({flat.query(flat.RECALL_MEASURES)}) AS flat
JOIN ocd.retention_contest AS recall ON recall.id = flat.recall_measure_id
ORDER BY flat.name
"""

#: Candidates drawn in a contest's chart: the ones whose committees received the most itemised money.
CHARTED_CANDIDATES = 5

CONTEST_MONTHS = f"""
WITH designated AS (
    SELECT DISTINCT c.contest_id, c.id AS candidacy_id, coalesce(c.candidate_name, p.name) AS name,
           e.date AS held, d.committee_id
    FROM ocd.candidacy AS c
    JOIN ocd.person AS p ON p.id = c.person_id
    JOIN ocd.candidate_contest AS contest ON contest.id = c.contest_id
    JOIN ocd.election AS e ON e.id = contest.election_id
    JOIN ocd.committee_candidacy_designation AS d ON d.candidacy_id = c.id
),
received AS (
    SELECT t.recipient_committee_id AS committee_id, date_trunc('month', t.date) AS month,
           sum(t.amount_value) AS amount
    {_RECEIVED} AND t.date IS NOT NULL
      AND t.recipient_committee_id IN (SELECT committee_id FROM designated)
    GROUP BY ALL
),
monthly AS (
    SELECT designated.contest_id, designated.candidacy_id, designated.name, received.month,
           sum(received.amount) AS amount
    FROM designated JOIN received USING (committee_id)
    WHERE received.month > designated.held - INTERVAL 2 YEAR AND received.month <= designated.held
    GROUP BY ALL
),
charted AS (
    SELECT contest_id, candidacy_id
    FROM (SELECT contest_id, candidacy_id, sum(amount) AS amount FROM monthly GROUP BY ALL)
    QUALIFY row_number() OVER (PARTITION BY contest_id ORDER BY amount DESC, candidacy_id)
        <= {CHARTED_CANDIDATES}
)
SELECT contest_id, month, name, sum(amount) AS amount
FROM monthly JOIN charted USING (contest_id, candidacy_id)
GROUP BY ALL ORDER BY ALL
"""

COMMITTEE_CANDIDATES = """
SELECT d.committee_id, c.person_id, coalesce(c.candidate_name, p.name) AS name, e.name AS election,
       d.designation
FROM ocd.committee_candidacy_designation AS d
JOIN ocd.candidacy AS c ON c.id = d.candidacy_id
JOIN ocd.person AS p ON p.id = c.person_id
JOIN ocd.candidate_contest AS contest ON contest.id = c.contest_id
JOIN ocd.election AS e ON e.id = contest.election_id
ORDER BY d.committee_id, e.date DESC, name
"""

TOP_CONTRIBUTORS_SQL = f"""
WITH received AS (
    SELECT t.recipient_committee_id AS committee_id,
           coalesce(t.sender_name, sender.name, '(no name filed)') AS name,
           any_value(t.sender_committee_id) AS sender_committee_id, sum(t.amount_value) AS amount,
           count(*) AS lines
    {_RECEIVED.replace("FROM ocd.transaction AS t", _SENDER)}
    GROUP BY ALL
)
SELECT * FROM received
QUALIFY row_number() OVER (PARTITION BY committee_id ORDER BY amount DESC, name) <= {TOP_CONTRIBUTORS}
ORDER BY committee_id, amount DESC, name
"""

#: The contributions to a committee that lobbying filers report giving (Forms 615, 625, 635 and 645).
LOBBYING_CONTRIBUTIONS_SQL = f"""
WITH given AS (
    SELECT t.recipient_committee_id AS committee_id,
           coalesce(t.sender_name, organization.name, person.name, '(no name filed)') AS name,
           sum(t.amount_value) AS amount, count(*) AS lines, min(t.date) AS first, max(t.date) AS last
    FROM ocd.transaction AS t
    LEFT JOIN ocd.organization AS organization ON organization.id = t.sender_organization_id
    LEFT JOIN ocd.person AS person ON person.id = t.sender_person_id
    WHERE t.classification = 'contribution' AND t.recipient_committee_id IS NOT NULL
      AND t.extras->>'domain' = 'lobbying'
      AND coalesce(CAST(t.extras->>'is_current' AS BOOLEAN), true)
      AND NOT coalesce(CAST(t.extras->>'memo' AS BOOLEAN), false)
    GROUP BY ALL
)
SELECT * FROM given
QUALIFY row_number() OVER (PARTITION BY committee_id ORDER BY amount DESC, name) <= {TOP_CONTRIBUTORS}
ORDER BY committee_id, amount DESC, name
"""

#: What a lobbying organization paid (an employer: to firms) or received (a firm: from its clients) per
#: quarter: the report's period end, as payment lines carry no date of their own.
LOBBYING_QUARTERS = """
SELECT coalesce(t.sender_organization_id, t.recipient_organization_id) AS organization_id,
       CAST(date_trunc('quarter', coalesce(t.date, f.coverage_end_date)) AS DATE) AS month,
       CASE WHEN t.classification = 'payment for lobbying' AND o.extras->>'kind' = 'lobbying firm'
            THEN 'received from clients' WHEN t.classification = 'payment for lobbying' THEN 'paid to firms'
            ELSE 'activity expenses' END AS series,
       sum(t.amount_value) AS amount
FROM ocd.transaction AS t
JOIN ocd.filing_action AS a ON a.id = t.filing_action_id
JOIN ocd.filing AS f ON f.id = a.filing_id
JOIN ocd.organization AS o ON o.id = f.filer_id
WHERE t.extras->>'domain' = 'lobbying' AND coalesce(t.date, f.coverage_end_date) IS NOT NULL
  AND t.classification IN ('payment for lobbying', 'activity expense')
  AND coalesce(CAST(t.extras->>'is_current' AS BOOLEAN), true)
  AND NOT coalesce(CAST(t.extras->>'memo' AS BOOLEAN), false)
  AND o.id = coalesce(t.sender_organization_id, t.recipient_organization_id)
GROUP BY ALL ORDER BY ALL
"""

# Who a firm worked for, and which firms an employer hired, by session (lobbying.firm_clients), seen from
# each side; `linked` says whether the other side has a page of its own.
_LOBBYING_PAGES = (
    "SELECT id FROM ocd.organization "
    "WHERE extras->>'kind' IN ('lobbying employer', 'lobbying coalition', 'lobbying firm')"
)
LOBBYING_CONTRACTS = f"""
WITH side AS (
    SELECT firm_organization_id AS organization_id, session, client_organization_id AS other_id,
           coalesce(client_name, client_key) AS other_name, relationship, subcontracting_firm_name AS via
    FROM lobbying.firm_clients WHERE firm_organization_id IS NOT NULL
    UNION ALL
    SELECT client_organization_id, session, firm_organization_id, coalesce(firm_name, firm_filer_id),
           relationship, subcontracting_firm_name
    FROM lobbying.firm_clients WHERE client_organization_id IS NOT NULL
)
SELECT side.*, side.other_id IN ({_LOBBYING_PAGES}) AS linked
FROM side
WHERE side.organization_id IN ({_LOBBYING_PAGES})
ORDER BY side.organization_id, side.session DESC, side.other_name, side.relationship
"""


def _filings_of(filers: str) -> str:
    """Each filing of the filers `filers` (a query of ids) selects, with its current version, by filer and
    latest first: the list a committee's or a lobbying organization's page shows."""
    return f"""
WITH action AS (
    SELECT filing_id, count(*) AS versions, arg_max(description, is_current) AS current_version,
           max(date) FILTER (WHERE is_current) AS current_date
    FROM ocd.filing_action GROUP BY ALL
)
SELECT f.filer_id, f.classification AS form,
       json_extract_string(f.extras, '$.form_title') AS form_title,
       CAST(json_extract(f.extras, '$.calaccess_filing_id') AS BIGINT) AS calaccess_filing_id,
       f.coverage_start_date, f.coverage_end_date, action.versions, action.current_version,
       action.current_date
FROM ocd.filing AS f
LEFT JOIN action ON action.filing_id = f.id
WHERE f.filer_id IN ({filers})
ORDER BY f.filer_id, action.current_date DESC NULLS LAST, f.coverage_end_date DESC NULLS LAST, f.id
"""


LOBBYING_FILINGS = _filings_of(_LOBBYING_PAGES)

COMMITTEE_MONTHS = f"""
WITH monthly AS (
    SELECT t.recipient_committee_id AS committee_id, date_trunc('month', t.date) AS month,
           sum(t.amount_value) AS amount
    {_RECEIVED} AND t.date IS NOT NULL
    GROUP BY ALL
),
charted AS (
    SELECT committee_id FROM monthly GROUP BY ALL HAVING count(*) >= 2
    ORDER BY sum(amount) DESC, committee_id LIMIT {CHARTED_COMMITTEES}
)
SELECT committee_id, month, amount FROM monthly WHERE committee_id IN (SELECT committee_id FROM charted)
ORDER BY ALL
"""

COMMITTEE_FILINGS = _filings_of("SELECT id FROM ocd.committee")


# --- the page kinds --------------------------------------------------------------------------------------


def _chart(points: list[tuple[date, str, float]], title: str, period: str = "Month") -> str | None:
    """An SVG for two periods or more. The SVG goes into the page as it is: `charts` escapes every text in it,
    the series names (candidates' names) among them (the site's tests check)."""
    if len({month for month, _, _ in points}) < 2:
        return None
    return charts.money_over_time(points, title, period)


def elections_and_candidates(site: Site, con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """Election pages and candidate (person) pages; returns the measures by election for the home page."""
    elections = _rows(con, ELECTIONS)
    candidacies = _rows(con, CANDIDACIES)
    measures = _rows(con, MEASURES)
    by_election = _group(candidacies, "election_id")
    measures_by_election = _group(measures, "election_id")
    recalls = _group(_rows(con, RECALLS), "election_id")
    with_pages = {row["person_id"] for row in candidacies}  # a person with a page: one who ran
    months = _group(_rows(con, CONTEST_MONTHS), "contest_id")
    for election in elections:
        rows = by_election.get(election["id"], [])
        contests = []
        for (contest_id, name), group in itertools.groupby(
            rows, key=lambda row: (row["contest_id"], row["contest"])
        ):
            points = [(m["month"], m["name"], float(m["amount"])) for m in months.get(contest_id, [])]
            chart = _chart(points, "Contributions received by month")
            contests.append({"name": name, "candidates": list(group), "chart": chart})
        site.write(
            f"elections/{key(election['id'])}.html",
            "election.html",
            "election",
            election=election,
            contests=contests,
            measures=measures_by_election.get(election["id"], []),
            recalls=recalls.get(election["id"], []),
            people=with_pages,
        )
    committees = _group(_rows(con, PERSON_COMMITTEES), "person_id")
    by_person = _group(candidacies, "person_id")
    people = _rows(con, PEOPLE)
    for person in people:
        path, ran = f"candidates/{key(person['id'])}.html", by_person.get(person["id"], [])
        site.write(
            path,
            "candidate.html",
            "candidate",
            person=person,
            candidacies=ran,
            committees=committees.get(person["id"], []),
        )
        site.find(
            path,
            person["name"],
            "candidate",
            f"{ran[0]['contest']}, {ran[0]['election']}" if ran else None,
        )
    site.write("index.html", "home.html", "home", elections=elections)
    return measures_by_election


def ballot_measures(site: Site, con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    measures = _rows(con, MEASURES)
    committees = _group(_rows(con, MEASURE_COMMITTEES), "measure_id")
    months = _group(_rows(con, MEASURE_MONTHS), "measure_id")
    side_names = {"yes": "for", "no": "against"}
    for measure in measures:
        points = [
            (row["month"], side_names.get(row["option"], row["option"]), float(row["amount"]))
            for row in months.get(measure["id"], [])
        ]
        sides = _group(committees.get(measure["id"], []), "option")
        path = f"measures/{key(measure['id'])}.html"
        site.write(
            path,
            "measure.html",
            "measure",
            measure=measure,
            supporting=sides.get("yes", []),
            opposing=sides.get("no", []),
            chart=_chart(points, "Contributions received by month"),
        )
        site.find(
            path,
            measure["name"],
            "ballot measure",
            measure["election"],
            measure["title"],
        )
    return measures


def _pages(items: Sequence[Any], per_page: int) -> list[tuple[str, int, Sequence[Any]]]:
    """A long list cut into pages, at least one: each page's file suffix ('' for the first, then `-p2`...,
    as `_pager.html` links them), the number of its first item, and its items."""
    starts = range(0, max(1, len(items)), per_page)
    return [
        ("" if start == 0 else f"-p{start // per_page + 1}", start + 1, items[start : start + per_page])
        for start in starts
    ]


def _paged(
    site: Site,
    path: str,
    template: str,
    kinds: tuple[str, str],
    filings: list[dict[str, Any]],
    chart: str | None,
    **context: Any,
) -> None:
    """A record's page, and further pages where its filings run past one (`<path>-p2.html`...: the same
    facts, the next filings, no chart); `kinds` names the first page and the others for the counts."""
    pages = _pages(filings, FILINGS_PER_PAGE)
    for page, (suffix, first, shown) in enumerate(pages, start=1):
        site.write(
            f"{path}{suffix}.html",
            template,
            kinds[0] if page == 1 else kinds[1],
            chart=chart if page == 1 else None,
            **context,
            filings=shown,
            filings_total=len(filings),
            page=page,
            pages=len(pages),
            first=first,
        )


def committees(site: Site, con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """A page per committee; returns each one's (name, id) for the A-Z index."""
    known = {row[0] for row in con.execute("SELECT id FROM ocd.committee").fetchall()}
    people = {row[0] for row in con.execute("SELECT DISTINCT person_id FROM ocd.candidacy").fetchall()}
    measures = _group(_rows(con, MEASURE_COMMITTEES), "committee_id")
    months = _group(_rows(con, COMMITTEE_MONTHS), "committee_id")
    candidates = _Following(con, COMMITTEE_CANDIDATES, "committee_id")
    contributors = _Following(con, TOP_CONTRIBUTORS_SQL, "committee_id")
    lobbying = _Following(con, LOBBYING_CONTRIBUTIONS_SQL, "committee_id")
    filings = _Following(con, COMMITTEE_FILINGS, "filer_id")
    listed: list[tuple[str, str]] = []
    for committee in _stream(
        con.cursor(), f"SELECT * FROM ({flat.query(flat.COMMITTEES)}) ORDER BY committee_id"
    ):
        committee_id = committee["committee_id"]
        listed.append((committee["name"], committee_id))
        points = [
            (row["month"], "contributions", float(row["amount"])) for row in months.get(committee_id, [])
        ]
        page = f"committees/{key(committee_id)}"
        _paged(
            site,
            page,
            "committee.html",
            ("committee", "committee filings page"),
            filings.take(committee_id),
            _chart(points, "Itemised contributions received by month"),
            committee=committee,
            candidates=candidates.take(committee_id),
            measures=measures.get(committee_id, []),
            contributors=contributors.take(committee_id),
            lobbying=lobbying.take(committee_id),
            known=known,
            people=people,
        )
        site.find(
            f"{page}.html",
            committee["name"],
            committee["committee_type"] or "committee",
            committee["filer_id"] and f"filer id {committee['filer_id']}",
        )
    return listed


def lobbying(site: Site, con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, bool]]:
    """A page per lobbyist employer, coalition and firm: who it is, its lobbyists, its money by quarter
    as a chart, the firms it hired or the clients it worked for by session, its reports (latest first,
    paginated like a committee's filings). Returns each one's (name, id, is a firm) for the A-Z index."""
    employers = (
        {**row, "id": row["employer_id"], "firm": False}
        for row in _stream(
            con.cursor(), f"SELECT * FROM ({flat.query(flat.LOBBYIST_EMPLOYERS)}) ORDER BY employer_id"
        )
    )
    firms = (
        {**row, "id": row["firm_id"], "firm": True, "kind": "lobbying firm"}
        for row in _stream(
            con.cursor(), f"SELECT * FROM ({flat.query(flat.LOBBYING_FIRMS)}) ORDER BY firm_id"
        )
    )
    quarters = _Following(con, LOBBYING_QUARTERS, "organization_id")
    contracts = _Following(con, LOBBYING_CONTRACTS, "organization_id")
    filings = _Following(con, LOBBYING_FILINGS, "filer_id")
    listed: list[tuple[str, str, bool]] = []
    for organization in heapq.merge(employers, firms, key=lambda row: str(row["id"])):
        listed.append((organization["name"], organization["id"], organization["firm"]))
        points = [(q["month"], q["series"], float(q["amount"])) for q in quarters.take(organization["id"])]
        page = f"lobbying/{key(organization['id'])}"
        _paged(
            site,
            page,
            "lobbying.html",
            ("lobbying organization", "lobbying reports page"),
            filings.take(organization["id"]),
            _chart(points, "Payments by quarter", "Quarter"),
            organization=organization,
            contracts=_group(contracts.take(organization["id"]), "session"),
        )
        site.find(
            f"{page}.html",
            organization["name"],
            organization["kind"],
            organization["filer_id"] and f"filer id {organization['filer_id']}",
            organization["other_names"] and f"also filed as {organization['other_names']}",
        )
    return listed


def a_to_z(
    site: Site,
    people: list[dict[str, Any]],
    committee_rows: list[tuple[str, str]],
    measures: list[dict[str, Any]],
    lobbying_rows: list[tuple[str, str, bool]],
) -> None:
    """The index by first letter: a page per letter (more where it holds more than `AZ_PER_PAGE` names),
    listing candidates, committees, measures and lobbying employers and firms, by kind and then name."""
    entries: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for person in people:
        entries[letter(person["name"])]["Candidates"].append(
            (person["name"], f"candidates/{key(person['id'])}.html")
        )
    for name, committee_id in committee_rows:
        entries[letter(name)]["Committees"].append((name, f"committees/{key(committee_id)}.html"))
    for measure in measures:
        entries[letter(measure["name"])]["Ballot measures"].append(
            (measure["name"], f"measures/{key(measure['id'])}.html")
        )
    for name, organization_id, firm in lobbying_rows:
        kind = "Lobbying firms" if firm else "Lobbyist employers"
        entries[letter(name)][kind].append((name, f"lobbying/{key(organization_id)}.html"))
    letters = [*"abcdefghijklmnopqrstuvwxyz", "other"]
    counts = {name: sum(len(v) for v in entries[name].values()) for name in letters}
    for name in letters:
        listed = [
            (kind, item)
            for kind, items in sorted(entries[name].items())
            for item in sorted(items, key=lambda item: (item[0].casefold(), item[1]))
        ]
        kinds = {kind: len(items) for kind, items in entries[name].items()}
        pages = _pages(listed, AZ_PER_PAGE)
        for page, (suffix, first, chunk) in enumerate(pages, start=1):
            sections: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for kind, item in chunk:
                sections[kind].append(item)
            site.write(
                f"az/{name}{suffix}.html",
                "az.html",
                "a-z",
                letter=name,
                letters=letters,
                counts=counts,
                sections=sections,
                kinds=kinds,
                page=page,
                pages=len(pages),
                first=first,
                shown=len(chunk),
            )
    site.write(
        "az/index.html", "az.html", "a-z", letter=None, letters=letters, counts=counts, sections={}, pages=1
    )


def fields_page(site: Site, version_folder: Path) -> None:
    """Every published table and field, from the version's datapackage.json (the one place they are said)."""
    package = json.loads((version_folder / "datapackage.json").read_text(encoding="utf-8"))
    tables: dict[str, dict[str, Any]] = {}
    for resource in package["resources"]:
        group = Path(resource["path"]).parts[0]
        table_name = resource["title"].split(",")[0]
        entry = tables.setdefault(
            f"{group}/{table_name}",
            {
                "group": group,
                "name": table_name,
                "description": resource.get("description", ""),
                "files": [],
                "fields": resource["schema"]["fields"],
                "key": resource["schema"].get("primaryKey", []),
                "references": {
                    (fk["fields"] if isinstance(fk["fields"], str) else ", ".join(fk["fields"])): fk[
                        "reference"
                    ]
                    for fk in resource["schema"].get("foreignKeys", [])
                },
            },
        )
        entry["files"].append(resource["path"])
        entry["files"] += [
            part["path"] for part in resource.get("parquet", []) if part["path"] not in entry["files"]
        ]
    site.write("fields.html", "fields.html", "fields", tables=list(tables.values()), package=package)


def version_files(version_folder: Path) -> list[tuple[str, int]]:
    """The version's downloads as the site's home page lists them (its own site left out)."""
    return [
        (path.relative_to(version_folder).as_posix(), path.stat().st_size)
        for path in sorted(version_folder.rglob("*"))
        if path.is_file() and path.relative_to(version_folder).parts[0] != "site"
    ]


def build_pages(
    con: duckdb.DuckDBPyConnection, version_folder: Path, version: str, say: Callable[[str], None]
) -> Site:
    """Write every page of the version's site into `<version>/site/`."""
    site = Site(version_folder / "site", version)
    site.folder.mkdir(parents=True, exist_ok=True)
    say("site: elections and candidates")
    elections_and_candidates(site, con)
    say("site: ballot measures")
    measures = ballot_measures(site, con)
    say("site: committees")
    committee_rows = committees(site, con)
    say("site: lobbying")
    lobbying_rows = lobbying(site, con)
    say("site: a-z, fields, downloads")
    a_to_z(site, _rows(con, PEOPLE), committee_rows, measures, lobbying_rows)
    fields_page(site, version_folder)
    site.write("downloads.html", "files.html", "files", files=version_files(version_folder))
    site.write("search.html", "search.html", "search", parts=site.search_parts)
    return site
