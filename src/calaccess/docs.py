"""The documents derived from the project's definitions, so a docs file can never drift from the code.

Among them one SQL script, raw/sql/snapshot.sql, which the download runs: it is meta.snapshot's declaration
written out until the download makes the table from the declaration itself.

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


_SNAPSHOT_HEADER = """\
-- meta.snapshot: one row per good download of the nightly export, kept on disk as
-- <data-dir>/raw/<release>/dbwebexport.zip beside its manifest.json, with the same facts as that manifest.
-- Built by calaccess.raw.source.download from the HEAD and GET responses and the verified file.
-- Rule: a release is identified by its Last-Modified, ETag and Content-Length; a release already held is
-- not downloaded again, and downloading it again on purpose (--force) replaces its row. The manifests on
-- disk are the truth: a row is (re)written whenever its snapshot is found or made.
-- Written by scripts/update_docs.py from the table's declaration in calaccess.meta (SNAPSHOT, whose columns
-- say what each holds): edit that, not this file.
"""


def _snapshot_sql(_: str) -> str:
    """raw/sql/snapshot.sql, which the download runs (calaccess.raw.source), from meta.snapshot's."""
    from calaccess.meta import SNAPSHOT

    return f"{_SNAPSHOT_HEADER}{SNAPSHOT.create_sql(if_not_exists=True)};\n"


def _ocd(_: str) -> str:
    from calaccess.ocd.dictionary import markdown

    return (
        "# The Open Civic Data tables\n\nThe published elections and campaign-finance data, in schema `ocd`. "
        "Generated from the type definitions in `calaccess.ocd`; do not edit by hand.\n\n" + markdown()
    )


GENERATED: dict[str, Callable[[str], str]] = {
    "README.md": _readme,
    "docs/raw-tables.md": _raw,
    "docs/scraped-tables.md": _scraped,
    "docs/ocd-tables.md": _ocd,
    "docs/meta-tables.md": _meta,
    "src/calaccess/raw/sql/snapshot.sql": _snapshot_sql,
}


def render(relative_path: str, current: str) -> str:
    """The document at `relative_path` as the definitions say it should be, given its current text."""
    return GENERATED[relative_path](current)
