"""The `scraped.*` tables: one definition each, from which the DDL and the bulk insert are derived.

The processing stage builds on these names, so they change only with notice. Every table ends with the
two provenance columns: the canonical URL of the page a row was read from, and the sha256 of that page file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import duckdb

SCHEMA: Final = "scraped"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a DuckDB type
    doc: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    """One scraped table: its columns, the key that identifies a row, and what it holds."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def qualified_name(self) -> str:
        return f"{SCHEMA}.{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def ddl(self) -> str:
        lines = [f'    "{c.name}" {c.type}{"" if c.nullable else " NOT NULL"}' for c in self.columns]
        return f"CREATE TABLE {self.qualified_name} (\n" + ",\n".join(lines) + "\n)"


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


def replace_table(con: duckdb.DuckDBPyConnection, table: Table, rows: Sequence[Sequence[Any]]) -> None:
    """Drop and recreate the table, then insert all rows at once, column by column.

    Passing one list per column and unnesting them is ~100x faster than executemany for a few thousand rows.
    """
    con.execute(f"DROP TABLE IF EXISTS {table.qualified_name}")
    con.execute(table.ddl())
    if not rows:
        return
    columns = [list(values) for values in zip(*rows, strict=True)]
    selects = ", ".join(f"unnest(${i + 1}::{c.type}[])" for i, c in enumerate(table.columns))
    con.execute(f"INSERT INTO {table.qualified_name} SELECT {selects}", columns)


def data_dictionary_markdown() -> str:
    """The `scraped.*` tables documented from their definitions, for docs/ and the published dictionary."""
    parts = [
        "# The scraped tables\n\n"
        "What the CAL-ACCESS website's pages give, one table per kind of fact, in schema `scraped`. "
        "Generated from `calaccess.scrape.tables`; do not edit by hand.\n"
    ]
    for table in TABLES:
        parts.append(
            f"\n## `{table.qualified_name}`\n\n{table.doc}\n\nKey: {', '.join(table.key) or 'none'}.\n"
        )
        parts.append("\n| column | type | description |\n| --- | --- | --- |\n")
        parts.extend(f"| `{column.name}` | {column.type} | {column.doc} |\n" for column in table.columns)
    return "".join(parts)
