"""`datapackage.json`: the version described as a Frictionless Data Package (v2), for tools to open it whole.

Every published table is a tabular resource (its CSV file, or one resource per yearly CSV file of a table too
big for a spreadsheet), with its bytes, sha256, row count and Table Schema, derived from the one declaration
of the table (`calaccess.tables.table_schema`). Its Parquet files are listed on it too. A foreign key to a
table split into yearly files is left out of the schema (a key cannot point at one of several resources) and
named in the resource's description instead.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calaccess.publish.archive import sha256_of
from calaccess.publish.table_files import TableFiles
from calaccess.tables import Table, table_schema

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
LICENSE = {
    "name": "ODC-PDDL-1.0",
    "path": "https://opendatacommons.org/licenses/pddl/1-0/",
    "title": "Open Data Commons Public Domain Dedication and License v1.0",
}
SOURCES = (
    {
        "title": "CAL-ACCESS raw data export, California Secretary of State",
        "path": "https://campaignfinance.cdn.sos.ca.gov/dbwebexport.zip",
    },
    {
        "title": "CAL-ACCESS website (elections, candidates, measures)",
        "path": "https://cal-access.sos.ca.gov",
    },
)


@dataclass(frozen=True)
class Group:
    """Published tables that travel together (one folder, one ZIP): relational, flat, forms."""

    name: str
    title: str
    files: Sequence[tuple[Table, TableFiles]]


def _file_facts(folder: Path, path: Path) -> dict[str, Any]:
    full = folder / path
    return {"path": path.as_posix(), "bytes": full.stat().st_size, "hash": f"sha256:{sha256_of(full)}"}


def _resource_name(group: str, table: str, part: str | None = None) -> str:
    name = f"{group}-{table}".replace("_", "-")
    return f"{name}-{part}" if part else name


def resources(folder: Path, group: Group) -> list[dict[str, Any]]:
    """The group's tables as Data Package resources (one per CSV file)."""
    split = {table.name for table, files in group.files if len(files.csv) > 1}
    found: list[dict[str, Any]] = []
    for table, files in group.files:
        schema = table_schema(table)
        kept, dropped = [], []
        for key in schema.pop("foreignKeys", []):
            target = key["reference"]["resource"]
            if target in split or target not in {t.name for t, _ in group.files}:
                dropped.append(key)
            else:
                kept.append(
                    {**key, "reference": {**key["reference"], "resource": _resource_name(group.name, target)}}
                )
        if kept:
            schema["foreignKeys"] = kept
        if len(files.csv) > 1:
            schema.pop("primaryKey", None)  # a key is unique across the yearly files, not checkable in one
        description = table.description
        if dropped:
            refs = ", ".join(sorted({k["reference"]["resource"] for k in dropped}))
            description += f" (Its references to {refs} are not declared here: see the relational tables.)"
        parquet = [_file_facts(folder, path) for path in files.parquet]
        for path in files.csv:
            part = path.stem.removeprefix(f"{table.name}-") if len(files.csv) > 1 else None
            resource: dict[str, Any] = {
                "name": _resource_name(group.name, table.name, part),
                "type": "table",
                "title": table.name if part is None else f"{table.name}, {part}",
                "description": description,
                **_file_facts(folder, path),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"header": True, "delimiter": ",", "quoteChar": '"', "doubleQuote": True},
                "schema": schema,
                "rows": files.rows if part is None else None,
                "parquet": parquet,
            }
            if resource["rows"] is None:
                del resource["rows"]
            found.append(resource)
    return found


def write_datapackage(folder: Path, version: str, release: dict[str, Any], groups: Sequence[Group]) -> Path:
    """Write `datapackage.json` describing every group's tables; returns its path."""
    package = {
        "$schema": PROFILE,
        "name": "calaccess",
        "title": "California campaign finance and elections (CAL-ACCESS), as Open Civic Data",
        "description": (
            "Every campaign-finance filing, itemised transaction, candidate, election and ballot measure of "
            "California's CAL-ACCESS database, cleaned and joined into the Open Civic Data standard. Tables "
            "come in groups: relational (one per ocd.* table), flat (one row per thing, names beside ids) "
            "and forms (the state's forms, latest and all versions)."
        ),
        "version": version,
        "created": release.get("published_at"),
        "licenses": [LICENSE],
        "sources": list(SOURCES),
        "keywords": ["campaign finance", "elections", "California", "Open Civic Data", "CAL-ACCESS"],
        "citation": (
            f"calaccess, California campaign finance and elections (CAL-ACCESS) as Open Civic Data, version "
            f"{version}, from the California Secretary of State's export released "
            f"{release.get('released_at')}."
        ),
        "resources": [resource for group in groups for resource in resources(folder, group)],
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
