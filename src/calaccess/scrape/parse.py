"""Saved pages → the rows of every `scraped.*` table, with the accounting and findings that explain them.

Pure (no database, no network), so tests and the benchmark call it directly. Rows keep what the site
printed; what cannot be right is kept as printed, flagged and reported as a finding, never dropped silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calaccess.errors import SourceError
from calaccess.scrape import tables
from calaccess.scrape.candidates import CandidatesPage, parse_candidates, parse_election_name
from calaccess.scrape.incumbents import IncumbentsPage, parse_incumbents
from calaccess.scrape.measure_committees import MeasureCommitteesPage, parse_measure_committees
from calaccess.scrape.measures import MeasuresPage, parse_measures
from calaccess.scrape.pages import (
    CANDIDATES,
    INCUMBENTS,
    KINDS,
    PROPOSITION_COMMITTEES,
    PROPOSITIONS,
    Page,
    blocked_reason,
    canonical_url,
    ends_document,
    list_pages,
    measure_path,
    page_path,
    read_page,
)

Row = tuple[Any, ...]
Finding = tuple[str, str, str | None]


@dataclass(frozen=True)
class Accounting:
    subject: str
    rows_in: int
    rows_out: int
    rows_repaired: int = 0
    rows_merged: int = 0
    rows_set_aside: int = 0
    note: str | None = None


@dataclass
class Scraped:
    """Everything one pass over the pages produced, ready to be written."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    accounting: list[Accounting] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class _PageOutcome:
    page: Page
    url: str
    rows: int = 0
    note: str | None = None


def parse_pages(pages_dir: Path) -> Scraped:
    """Parse every saved page under `pages_dir` (laid out as ../shared/calaccess/pages)."""
    if not pages_dir.is_dir():
        raise SourceError(f"no pages folder at {pages_dir}")
    files = {kind: list_pages(pages_dir, kind) for kind in KINDS}
    if not any(files.values()):
        raise SourceError(f"no pages under {pages_dir}: expected {', '.join(f'{k}/*.html' for k in KINDS)}")
    scraped = _Parser(pages_dir, files).run()
    for kind in KINDS:
        for stray in sorted((pages_dir / kind).glob("*.html")):
            if not stray.stem.isdigit():
                scraped.findings.append(("page_file_ignored", f"{kind}/{stray.name}", "not named by an id"))
    return scraped


class _Parser:
    def __init__(self, pages_dir: Path, files: dict[str, list[Path]]) -> None:
        self.pages_dir = pages_dir
        self.files = files
        self.out = Scraped()
        self.outcomes: list[_PageOutcome] = []

    def run(self) -> Scraped:
        self._candidates()
        self._incumbents()
        sessions_by_measure = self._measures()
        self._measure_committees(sessions_by_measure)
        self._pages()
        return self.out

    # ------------------------------------------------------------------------------------------ page handling

    def _read(self, kind: str, url_of: Callable[[Page], str]) -> list[Page]:
        """Read one kind's pages; set aside (with a finding) those that are the site's block pages.

        A page cut short is an error (raised by `Page.parse_html`), like any page the parsers do not
        recognise: the run stops before it writes, so no table holds half of what the site printed.
        """
        readable: list[Page] = []
        blocked = 0
        for path in self.files[kind]:
            page = read_page(kind, path)
            if page.encoding_note:
                self.out.findings.append(("page_encoding", page.relative_path, page.encoding_note))
            reason = blocked_reason(page.text)
            # a block page is a whole document; a site page cut short is not, and parse_html refuses it
            if reason is not None and ends_document(page.text):
                blocked += 1
                self.out.findings.append(
                    ("page_not_the_site", page.relative_path, f"the saved file is {reason}")
                )
                self.outcomes.append(_PageOutcome(page, url_of(page), 0, f"set aside: the file is {reason}"))
                continue
            readable.append(page)
        seen = len(self.files[kind])
        self.out.accounting.append(
            Accounting(
                f"pages: {kind}",
                seen,
                seen - blocked,
                rows_set_aside=blocked,
                note=f"{blocked} saved file(s) are not a CAL-ACCESS page (see findings)" if blocked else None,
            )
        )
        return readable

    def _outcome(self, page: Page, url: str, rows: int, empty_reason: str, note: str | None = None) -> None:
        if rows == 0:
            note = empty_reason
            self.out.findings.append(("page_without_rows", page.relative_path, empty_reason))
        self.outcomes.append(_PageOutcome(page, url, rows, note))

    # ------------------------------------------------------------------------------------------- page kinds

    def _candidates(self) -> None:
        def url_of(page: Page) -> str:
            return canonical_url(page_path(CANDIDATES, page.key))

        parsed: list[tuple[Page, CandidatesPage]] = [
            (p, parse_candidates(p)) for p in self._read(CANDIDATES, url_of)
        ]
        candidate_rows: list[Row] = []
        repaired = set_aside = 0
        for page, result in parsed:
            source = (url_of(page), page.sha256)
            rows = [(result.election_id, *candidate, *source) for candidate in result.candidates]
            candidate_rows += rows
            repaired += result.links_repaired
            set_aside += result.set_aside
            self.out.findings += result.findings
            self._outcome(page, source[0], len(rows), "the page lists no candidates")
        self._table(tables.CANDIDATES, candidate_rows, repaired=repaired, set_aside_before=set_aside)
        self._elections(parsed)

    def _elections(self, parsed: list[tuple[Page, CandidatesPage]]) -> None:
        """One row per election the menus list: named as its own page names it, else as first listed."""
        own = {result.election_id: (page, result.election_name) for page, result in parsed}
        listed: dict[int, list[tuple[str, Page]]] = defaultdict(list)
        entries = toggles = 0
        for page, result in parsed:
            toggles += result.menu_toggles
            for election_id, name in result.menu:
                entries += 1
                listed[election_id].append((name, page))
        rows: list[Row] = []
        for election_id in sorted(set(own) | set(listed)):
            page, name = own.get(election_id) or (listed[election_id][0][1], listed[election_id][0][0])
            names = {n for n, _ in listed[election_id]} | {name}
            if len(names) > 1:
                self.out.findings.append(
                    (
                        "election_name_differs",
                        f"electNav={election_id}",
                        f"named {sorted(names)}; kept {name!r}",
                    )
                )
            if election_id not in own:
                self.out.findings.append(
                    (
                        "election_without_page",
                        f"electNav={election_id}",
                        f"{name!r} is listed but has no saved page",
                    )
                )
            parsed_name = parse_election_name(name)
            if parsed_name is None:
                self.out.findings.append(
                    ("election_name_unreadable", f"electNav={election_id}", f"{name!r}; row set aside")
                )
                continue
            url = canonical_url(page_path(CANDIDATES, page.key))
            rows.append(
                (
                    election_id,
                    name,
                    parsed_name.year,
                    parsed_name.type,
                    parsed_name.office,
                    election_id in own,
                    url,
                    page.sha256,
                )
            )
        repeats = entries - len(listed)
        self.out.rows[tables.ELECTIONS.name] = rows
        self.out.accounting.append(
            Accounting(
                tables.ELECTIONS.qualified_name,
                entries + toggles,
                len(rows),
                rows_merged=repeats,
                rows_set_aside=toggles + len(listed) - len(rows),
                note=(
                    f"read from the election menu every candidates page repeats: merged: {repeats} repeated "
                    f"entries; set aside: {toggles} 'Prior Elections' toggles, which are not elections, and "
                    f"{len(listed) - len(rows)} names that do not read as an election (findings)"
                ),
            )
        )

    def _incumbents(self) -> None:
        def url_of(page: Page) -> str:
            return canonical_url(page_path(INCUMBENTS, page.key))

        election_rows: list[Row] = []
        incumbent_rows: list[Row] = []
        vacancies = repaired = 0
        for page in self._read(INCUMBENTS, url_of):
            result: IncumbentsPage = parse_incumbents(page)
            source = (url_of(page), page.sha256)
            for e in result.elections:
                election_rows.append(
                    (result.session, e.number, e.name, e.date, e.date_printed, e.date_problem, *source)
                )
                if e.date_problem:
                    kind = (
                        "incumbent_election_date_impossible"
                        if e.date is None
                        else "incumbent_election_date_unusual"
                    )
                    self.out.findings.append(
                        (
                            kind,
                            f"{page.relative_path} #{e.number}",
                            f"{e.name} {e.date_printed}: {e.date_problem}",
                        )
                    )
            for category, office, name, filer_id in result.incumbents:
                incumbent_rows.append((result.session, category, office, name, filer_id, *source))
            for _category, office, printed in result.vacancies:
                self.out.findings.append(
                    (
                        "vacant_office",
                        f"{page.relative_path} {office}",
                        f"printed {printed!r}: no incumbent row",
                    )
                )
            vacancies += len(result.vacancies)
            repaired += result.links_repaired
            dates_only = "the page lists election dates only, no incumbents"
            if result.elections and not result.incumbents:
                self.out.findings.append(("page_without_incumbents", page.relative_path, dates_only))
            self._outcome(
                page,
                source[0],
                len(result.elections) + len(result.incumbents),
                "the page lists neither election dates nor incumbents",
                note=None if result.incumbents else dates_only,
            )
        self._table(tables.INCUMBENT_ELECTIONS, election_rows)
        self._table(
            tables.INCUMBENTS,
            incumbent_rows,
            repaired=repaired,
            set_aside_before=vacancies,
            note_before=f"{vacancies} offices printed vacant or blank set aside" if vacancies else None,
        )

    def _measures(self) -> dict[int, int]:
        def url_of(page: Page) -> str:
            return canonical_url(page_path(PROPOSITIONS, page.key))

        rows: list[Row] = []
        repaired = 0
        for page in self._read(PROPOSITIONS, url_of):
            result: MeasuresPage = parse_measures(page)
            source = (url_of(page), page.sha256)
            for m in result.measures:
                rows.append((m.measure_id, m.session, m.election_name, m.election_date, m.name, *source))
            repaired += result.links_repaired
            self.out.findings += result.findings
            self._outcome(page, source[0], len(result.measures), "the page lists no measures")
        kept = self._table(tables.MEASURES, rows, repaired=repaired)
        return {row[0]: row[1] for row in kept}

    def _measure_committees(self, sessions_by_measure: dict[int, int]) -> None:
        def url_of(page: Page, session: int | None = None) -> str:
            measure_id = int(page.key)
            session = session or sessions_by_measure.get(measure_id)
            if session is None:
                return canonical_url(f"/Campaign/Measures/Detail.aspx?id={measure_id}")
            return canonical_url(measure_path(measure_id, session))

        rows: list[Row] = []
        repaired = set_aside = 0
        seen: set[int] = set()
        for page in self._read(PROPOSITION_COMMITTEES, url_of):
            result: MeasureCommitteesPage = parse_measure_committees(page)
            listed_session = sessions_by_measure.get(result.measure_id)
            if result.session and listed_session and result.session != listed_session:
                self.out.findings.append(
                    (
                        "measure_session_mismatch",
                        page.relative_path,
                        f"the page says session {result.session}, the list {listed_session}",
                    )
                )
            source = (url_of(page, result.session), page.sha256)
            for c in result.committees:
                rows.append((result.measure_id, c.filer_id, c.committee_id, c.name, c.position, *source))
            repaired += result.links_repaired
            set_aside += result.set_aside
            self.out.findings += result.findings
            self._outcome(page, source[0], len(result.committees), result.no_committees_reason or "")
        for path in self.files[PROPOSITION_COMMITTEES]:
            seen.add(int(path.stem))
        for measure_id in sorted(set(sessions_by_measure) - seen):
            self.out.findings.append(
                (
                    "measure_without_detail_page",
                    f"measure {measure_id}",
                    "listed, but no detail page was read",
                )
            )
        for measure_id in sorted(seen - set(sessions_by_measure)):
            self.out.findings.append(
                (
                    "measure_page_not_listed",
                    f"measure {measure_id}",
                    "a detail page for a measure no list names",
                )
            )
        self._table(tables.MEASURE_COMMITTEES, rows, repaired=repaired, set_aside_before=set_aside)

    def _pages(self) -> None:
        rows = [
            (o.page.kind, o.page.key, o.page.relative_path, o.rows, o.note, o.url, o.page.sha256)
            for o in self.outcomes
        ]
        self.out.rows[tables.PAGES.name] = rows

    # ------------------------------------------------------------------------------------------------ tables

    def _table(
        self,
        table: tables.Table,
        rows: Sequence[Row],
        *,
        repaired: int = 0,
        set_aside_before: int = 0,
        note_before: str | None = None,
    ) -> list[Row]:
        """Collapse rows the site repeats (same key), record the table's rows and its accounting."""
        key_positions = [table.column_names.index(name) for name in table.key]
        data_width = len(table.columns) - 2  # the two source columns differ between repeats by nature
        kept: dict[tuple[Any, ...], Row] = {}
        conflicting = 0
        for row in rows:
            key = tuple(row[i] for i in key_positions)
            first = kept.get(key)
            if first is None:
                kept[key] = row
            elif first[:data_width] != row[:data_width]:
                conflicting += 1
                self.out.findings.append(
                    (
                        "conflicting_repeat",
                        f"{table.qualified_name} {key}",
                        f"kept {first[:data_width]} from {first[-2]}; "
                        f"dropped {row[:data_width]} from {row[-2]}",
                    )
                )
        result = list(kept.values())
        collapsed = len(rows) - len(result) - conflicting
        notes = [
            note_before,
            f"merged: {collapsed} rows the site repeats word for word" if collapsed else None,
            f"set aside: {conflicting} repeats unlike the first copy (findings)" if conflicting else None,
        ]
        self.out.rows[table.name] = result
        self.out.accounting.append(
            Accounting(
                table.qualified_name,
                len(rows) + set_aside_before,
                len(result),
                rows_repaired=repaired,
                rows_merged=collapsed,
                rows_set_aside=conflicting + set_aside_before,
                note="; ".join(n for n in notes if n) or None,
            )
        )
        return result
