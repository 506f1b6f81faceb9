"""One entry point for every interchange format, so the command stays a thin call.

- `ocd-json`: a folder of JSON Lines files, one per type (see `ocd_json`), campaign finance included.
- `vip`: a folder of VIP 5.2 XML feeds, one per election (VIP describes a single election per feed).
- `nist-xml`, `nist-json`: one NIST SP 1500-100 v2 ElectionReport holding every election; `out` is the file,
  or a folder (a path without a suffix) to hold `election_report.xml` / `.json`.
VIP and NIST describe elections only; campaign-finance records travel in OCD JSON.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from calaccess.ocd.errors import OcdExportError
from calaccess.ocd.validate import validate_database

FORMATS = ("ocd-json", "vip", "nist-xml", "nist-json")


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
    if format not in FORMATS:
        raise OcdExportError(f"unknown export format {format!r}: expected one of {', '.join(FORMATS)}")
    if not allow_invalid:
        findings = validate_database(con, schema)
        if findings:
            first = findings[0]
            raise OcdExportError(
                f"{len(findings):,} validation findings in {schema}.*, the first {first.type} {first.id} "
                f"{first.field}: {first.problem} (list them with validate; export anyway with allow_invalid)"
            )
    if format == "ocd-json":
        from calaccess.ocd.ocd_json import export_ocd_json

        counts = export_ocd_json(con, out, schema)
        return [out / name for name in counts]
    if format == "vip":
        from calaccess.ocd.vip import export_vip

        return export_vip(con, out, schema, generated_at=generated_at)
    if format in ("nist-xml", "nist-json"):
        from calaccess.ocd.nist import export_nist_json, export_nist_xml

        suffix = ".xml" if format == "nist-xml" else ".json"
        target = out if out.suffix else out / f"election_report{suffix}"
        writer = export_nist_xml if format == "nist-xml" else export_nist_json
        return [writer(con, target, schema, generated_at=generated_at)]
    raise OcdExportError(f"unknown export format {format!r}: expected one of {', '.join(FORMATS)}")
