"""The interchange formats, registered once: their names, what each writes, and one entry point for all.

`EXPORT_FORMATS` is the registry the `calaccess export` command reads its choices and their help from, so a
new format is one `ExportFormat` here and the command and README pick it up. VIP, NIST and the civics CDF
describe elections only; campaign-finance records travel in OCD JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from calaccess.ocd.civics_cdf import export_civics_cdf
from calaccess.ocd.errors import OcdExportError
from calaccess.ocd.nist import export_nist_json, export_nist_xml
from calaccess.ocd.ocd_json import export_ocd_json
from calaccess.ocd.validate import validate_database
from calaccess.ocd.vip import export_vip

# (connection, out, schema, generated_at) -> the files written
Writer = Callable[[duckdb.DuckDBPyConnection, Path, str, dt.datetime | None], list[Path]]


@dataclass(frozen=True)
class ExportFormat:
    """One interchange format: its name on the command line, what it writes (one line), and its writer.

    `out_may_be_file`: a path with a suffix is the one file written, not a folder to write into.
    """

    name: str
    description: str
    write: Writer
    out_may_be_file: bool = False


def _ocd_json(con: duckdb.DuckDBPyConnection, out: Path, schema: str, _: dt.datetime | None) -> list[Path]:
    return [out / name for name in export_ocd_json(con, out, schema)]


def _vip(
    con: duckdb.DuckDBPyConnection, out: Path, schema: str, generated_at: dt.datetime | None
) -> list[Path]:
    return export_vip(con, out, schema, generated_at=generated_at)


def _civics_cdf(
    con: duckdb.DuckDBPyConnection, out: Path, schema: str, generated_at: dt.datetime | None
) -> list[Path]:
    return export_civics_cdf(con, out, schema, generated_at=generated_at)


def _nist(writer: Callable[..., Path], suffix: str) -> Writer:
    """A NIST writer for `out` as the file, or as a folder (a path without a suffix) to hold it."""

    def write(
        con: duckdb.DuckDBPyConnection, out: Path, schema: str, generated_at: dt.datetime | None
    ) -> list[Path]:
        target = out if out.suffix else out / f"election_report{suffix}"
        return [writer(con, target, schema, generated_at=generated_at)]

    return write


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("ocd-json", "a folder, one JSON Lines file per type, campaign finance included", _ocd_json),
    ExportFormat("vip", "a folder, one VIP 5.2 XML feed per election (elections only)", _vip),
    ExportFormat(
        "nist-xml",
        "one NIST 1500-100 v2 report of every election, XML (elections only)",
        _nist(export_nist_xml, ".xml"),
        out_may_be_file=True,
    ),
    ExportFormat(
        "nist-json",
        "one NIST 1500-100 v2 report of every election, JSON (elections only)",
        _nist(export_nist_json, ".json"),
        out_may_be_file=True,
    ),
    ExportFormat(
        "civics-cdf",
        "a folder, one Google civics CDF XML feed per election (elections only)",
        _civics_cdf,
    ),
)
FORMATS = tuple(f.name for f in EXPORT_FORMATS)


def export_format(name: str) -> ExportFormat:
    """The registered format called `name`, or an OcdExportError listing the formats there are."""
    for registered in EXPORT_FORMATS:
        if registered.name == name:
            return registered
    known = ", ".join(f.name for f in EXPORT_FORMATS)
    raise OcdExportError(f"unknown export format {name!r}: expected one of {known}")


def export(
    con: duckdb.DuckDBPyConnection,
    format: str,
    out: Path,
    schema: str = "ocd",
    *,
    generated_at: dt.datetime | None = None,
    allow_invalid: bool = False,
) -> list[Path]:
    """Write the OCD tables of `schema` in `format` under `out`; returns the files written.

    Refuses a database that breaks the standard's rules (see `validate_database`), so a published file never
    carries a dangling reference or a missing required field; `allow_invalid` writes it anyway (VIP and NIST
    documents stay schema-valid: a missing required text is written empty).
    """
    writer = export_format(format).write
    if not allow_invalid:
        findings = validate_database(con, schema)
        if findings:
            first = findings[0]
            raise OcdExportError(
                f"{len(findings):,} validation findings in {schema}.*, the first {first.type} {first.id} "
                f"{first.field}: {first.problem} (list them with validate; export anyway with allow_invalid)"
            )
    return writer(con, out, schema, generated_at)
