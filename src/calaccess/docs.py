"""The documents derived from the project's definitions, so a docs file can never drift from the code.

`scripts/update_docs.py` writes them; `tests/test_docs.py` fails when a committed copy is out of date.
"""

from __future__ import annotations

from collections.abc import Callable

REFERENCE_BEGIN = "<!-- command reference: begin -->"
REFERENCE_END = "<!-- command reference: end -->"


def _readme(current: str) -> str:
    from calaccess.cli import reference_markdown

    head, rest = current.split(REFERENCE_BEGIN, 1)
    _, tail = rest.split(REFERENCE_END, 1)
    return f"{head}{REFERENCE_BEGIN}\n\n{reference_markdown().strip()}\n\n{REFERENCE_END}{tail}"


def _raw(_: str) -> str:
    from calaccess.raw.tables import data_dictionary_markdown

    return data_dictionary_markdown()


def _scraped(_: str) -> str:
    from calaccess.scrape.tables import data_dictionary_markdown

    return data_dictionary_markdown()


def _meta(_: str) -> str:
    from calaccess.meta import markdown

    return markdown()


def _ocd(_: str) -> str:
    from calaccess.ocd.dictionary import markdown

    return (
        "# The Open Civic Data tables\n\nThe published elections, campaign-finance and lobbying data, in "
        "schema `ocd`. Generated from the type definitions in `calaccess.ocd`; do not edit by hand.\n\n"
        + markdown()
    )


def _forms(_: str) -> str:
    from calaccess.process.form_tables import data_dictionary

    return data_dictionary()


def _finance(_: str) -> str:
    from calaccess.process.finance.money import TABLES
    from calaccess.tables import data_dictionary_markdown

    return data_dictionary_markdown(
        "The money tables",
        "The money behind each committee, candidacy and ballot measure, and the Form 460 reconciliation, in "
        "schema `finance`. Generated from the declarations in `calaccess.process.finance.money`; do not edit "
        "by hand.",
        TABLES,
    )


def _lobbying(_: str) -> str:
    from calaccess.process.lobbying.totals import TABLES
    from calaccess.tables import data_dictionary_markdown

    return data_dictionary_markdown(
        "The lobbying money tables",
        "What each lobbyist employer and lobbying firm paid and was paid, per quarter and per legislative "
        "session, every gift to a named official, and the reconciliation of Forms 635 and 625, in schema "
        "`lobbying`. Generated from the declarations in `calaccess.process.lobbying.totals`; do not edit "
        "by hand.",
        TABLES,
    )


GENERATED: dict[str, Callable[[str], str]] = {
    "README.md": _readme,
    "docs/raw-tables.md": _raw,
    "docs/scraped-tables.md": _scraped,
    "docs/ocd-tables.md": _ocd,
    "docs/meta-tables.md": _meta,
    "docs/forms-tables.md": _forms,
    "docs/finance-tables.md": _finance,
    "docs/lobbying-tables.md": _lobbying,
}


def render(relative_path: str, current: str) -> str:
    """The document at `relative_path` as the definitions say it should be, given its current text."""
    return GENERATED[relative_path](current)
