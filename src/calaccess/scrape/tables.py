"""The `scraped.*` tables, declared in the table vocabulary (`calaccess.tables`), which derives their DDL,
bulk insert, data dictionary and Frictionless schema.

The processing stage builds on these names, so they change only with notice. Every table ends with the
two provenance columns: the canonical URL of the page a row was read from, and the sha256 of that page file.
"""

from __future__ import annotations

from typing import Final

from calaccess.tables import Column
from calaccess.tables import Table as Table  # what the scrape stage's code names a table by
from calaccess.tables import data_dictionary_markdown as _dictionary
from calaccess.tables import replace_table as replace_table

SCHEMA: Final = "scraped"


_SOURCE = (
    Column(
        "source_url",
        "VARCHAR",
        "canonical cal-access.sos.ca.gov URL of the page the row was read from",
        False,
    ),
    Column("source_sha256", "VARCHAR", "sha256 of the page file the row was read from", False),
)

#: The session as the incumbents and measure lists name it, the same column in each table that has it.
_SESSION = Column("session", "INTEGER", "first year of the two-year session", False)

ELECTIONS = Table(
    SCHEMA,
    "elections",
    "Every election the site's election menu lists, once each (the menu repeats on every candidates page).",
    (
        Column("election_id", "BIGINT", "the site's electNav id", False),
        Column("name", "VARCHAR", "as printed, e.g. `2021 SPECIAL ELECTION (ASSEMBLY 54)`", False),
        Column("year", "INTEGER", "the year the name starts with", False),
        Column(
            "type",
            "VARCHAR",
            "as the name prints it: PRIMARY, GENERAL, SPECIAL ELECTION, SPECIAL RUNOFF, RECALL or "
            "PRESIDENTIAL PRIMARY (the state lists some recalls as special elections; "
            "processing reclassifies)",
            False,
        ),
        Column(
            "office", "VARCHAR", "for specials and recalls, the office in parentheses, e.g. `ASSEMBLY 54`"
        ),
        Column("has_page", "BOOLEAN", "whether the election's own certified-candidates page was read", False),
        *_SOURCE,
    ),
    ("election_id",),
)

CANDIDATES = Table(
    SCHEMA,
    "candidates",
    "Certified candidates per election, as the election's certified-candidates page lists them.",
    (
        Column("election_id", "BIGINT", "the electNav id of the page", False),
        Column("section", "VARCHAR", "the page section as printed, e.g. `SENATE DISTRICTS`", False),
        Column("office", "VARCHAR", "as printed, e.g. `STATE SENATE 40` or `GOVERNOR`", False),
        Column("name", "VARCHAR", "as printed, `LAST, FIRST`", False),
        Column("filer_id", "BIGINT", "the CAL-ACCESS filer id the name links to; null for plain-text names"),
        *_SOURCE,
    ),
    ("election_id", "office", "name", "filer_id"),
)

INCUMBENT_ELECTIONS = Table(
    SCHEMA,
    "incumbent_elections",
    "The numbered election dates each session's incumbents page lists.",
    (
        _SESSION,
        Column("number", "INTEGER", "the number the page gives the election", False),
        Column("name", "VARCHAR", "as printed, e.g. `SPECIAL ELECTION RUNOFF`", False),
        Column("date", "DATE", "the printed date; null when it is impossible (see date_problem)"),
        Column("date_printed", "VARCHAR", "the date as printed, e.g. `Tuesday, 5/4/21`"),
        Column("date_problem", "VARCHAR", "why `date` is null or doubtful; null when the date is sound"),
        *_SOURCE,
    ),
    ("session", "number"),
)

INCUMBENTS = Table(
    SCHEMA,
    "incumbents",
    "Incumbent state officials per session, by office category; vacant seats are set aside as findings.",
    (
        _SESSION,
        Column("category", "VARCHAR", "as printed, e.g. `STATEWIDE OFFICES`, `ASSEMBLY DISTRICTS`", False),
        Column("office", "VARCHAR", "as printed, e.g. `ASSEMBLY 67`", False),
        Column("name", "VARCHAR", "as printed, `LAST, FIRST`", False),
        Column("filer_id", "BIGINT", "the CAL-ACCESS filer id the name links to"),
        *_SOURCE,
    ),
    ("session", "office", "name"),
)

MEASURES = Table(
    SCHEMA,
    "measures",
    "Statewide ballot measures per session, with the election the list files them under.",
    (
        Column("measure_id", "BIGINT", "the site's measure id (a CAL-ACCESS filer id)", False),
        _SESSION,
        Column("election_name", "VARCHAR", "as printed, e.g. `NOVEMBER 8, 2022, GENERAL`", False),
        Column("election_date", "DATE", "the date in election_name"),
        Column(
            "name", "VARCHAR", "the full title as printed, e.g. `PROPOSITION 060 - ADULT FILMS. ...`", False
        ),
        *_SOURCE,
    ),
    ("measure_id",),
)

MEASURE_COMMITTEES = Table(
    SCHEMA,
    "measure_committees",
    "Committees formed to support or oppose a measure, from the measure's detail page.",
    (
        Column("measure_id", "BIGINT", "the measure the page is about", False),
        Column(
            "filer_id",
            "BIGINT",
            "the committee's CAL-ACCESS filer id (from its link; joins FILERS_CD.FILER_ID)",
            False,
        ),
        Column(
            "committee_id",
            "VARCHAR",
            "the COMMITTEE ID column as printed: the filer id, or for older committees their earlier "
            "(FPPC) number, which the export keeps as FILERNAME_CD.XREF_FILER_ID",
        ),
        Column("name", "VARCHAR", "the committee's name as printed", False),
        Column("position", "VARCHAR", "SUPPORT or OPPOSE", False),
        *_SOURCE,
    ),
    ("measure_id", "filer_id", "position"),
)

PAGES = Table(
    SCHEMA,
    "pages",
    "Every page file read, with what came of it: the provenance of every other scraped row.",
    (
        Column("kind", "VARCHAR", "candidates, incumbents, propositions or proposition_committees", False),
        Column("page_key", "VARCHAR", "the electNav id, session or measure id in the file name", False),
        Column("path", "VARCHAR", "the file, relative to the pages folder", False),
        Column("rows", "INTEGER", "rows the page yielded, before collapsing repeats", False),
        Column("note", "VARCHAR", "why the page yielded no rows or was set aside; null otherwise"),
        *_SOURCE,
    ),
    ("kind", "page_key"),
)

TABLES: Final[tuple[Table, ...]] = (
    ELECTIONS,
    CANDIDATES,
    INCUMBENT_ELECTIONS,
    INCUMBENTS,
    MEASURES,
    MEASURE_COMMITTEES,
    PAGES,
)


def data_dictionary_markdown() -> str:
    """The `scraped.*` tables documented from their definitions, for docs/ and the published dictionary."""
    return _dictionary(
        "The scraped tables",
        "What the CAL-ACCESS website's pages give, one table per kind of fact, in schema `scraped`. "
        "Generated from `calaccess.scrape.tables`; do not edit by hand.",
        TABLES,
    )
