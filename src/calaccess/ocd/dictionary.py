"""The data dictionary of the OCD tables, generated from the type definitions for publishing to write.

One row per column of every table (`data_dictionary()`), a Frictionless Table Schema per table
(`table_schema()`, for datapackage.json) and the same as Markdown (`markdown()`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calaccess import tables as vocabulary
from calaccess.ocd.ddl import Table, tables
from calaccess.ocd.ids import NAMESPACE, id_pattern
from calaccess.ocd.spec import Field, Kind
from calaccess.ocd.types import BY_TABLE


@dataclass(frozen=True)
class Entry:
    """One column: where it is, what it holds, and the rules it obeys."""

    table: str
    column: str
    sql_type: str
    kind: str
    required: bool
    description: str
    standard: str  # where the type is defined: OCD core, OCDEP 20, draft OCDEP campaign finance
    references: str | None  # the table(s) an id column points into
    values: str | None  # the allowed values of an enum column


def _entry(table: Table, column: str, sql_type: str, field: Field | None) -> Entry:
    ocd_type = table.ocd_type
    if field is None:  # the key to the parent record
        return Entry(
            table.name,
            column,
            sql_type,
            Kind.REF.value,
            True,
            f"The {ocd_type.name} this row belongs to.",
            ocd_type.standard,
            ocd_type.table,
            None,
        )
    references = ocd_type.table if field.kind is Kind.ID else ", ".join(field.refs) or None
    return Entry(
        table.name,
        column,
        sql_type,
        field.kind.value,
        field.required,
        field.doc,
        ocd_type.standard,
        references if field.kind in (Kind.ID, Kind.REF) else None,
        ", ".join(field.values) or None,
    )


def data_dictionary() -> list[Entry]:
    """Every column of every OCD table, in table and column order."""
    return [_entry(t, c.name, c.sql_type, c.field) for t in tables() for c in t.columns]


def table_schema(table_name: str) -> dict[str, Any]:
    """A Frictionless Table Schema for one OCD table (for datapackage.json): the vocabulary's fields, keys and
    references, with the standard's rules as constraints (required, allowed values, id formats)."""
    table = next(t for t in tables() if t.name == table_name)
    schema = vocabulary.table_schema(table)
    for spec, column in zip(schema["fields"], table.columns, strict=True):
        entry = _entry(table, column.name, column.sql_type, column.field)
        constraints: dict[str, Any] = spec.get("constraints", {})
        if entry.required:
            constraints["required"] = True
        if entry.values:
            constraints["enum"] = entry.values.split(", ")
        if entry.kind == Kind.ID.value:
            constraints["unique"] = True
            constraints["pattern"] = id_pattern(table.ocd_type.table)
        if constraints:
            spec["constraints"] = constraints
    return schema


def markdown() -> str:
    """The dictionary as Markdown: how ids are made, then a section per table and a row per column."""
    parts: list[str] = [
        "Ids are Open Civic Data ids, `ocd-<type>/<uuid>`. The uuid is a version-5 uuid, in the namespace "
        f"`{NAMESPACE}`, of the JSON text of `[type, key part, ...]` where the key parts are the record's "
        "natural key: the same election, person or filing has the same id in every published version, so "
        "tables from different days join. Division ids spell the geography in the OCD division grammar "
        "(`ocd-division/country:<code>/<type>:<id>/...`). A repeated field has its own table, named "
        "`<type>_<field>`, whose first column points to its record.\n",
    ]
    for table in tables():
        ocd_type = table.ocd_type
        title = f"`ocd.{table.name}`"
        origin = f"{ocd_type.name}" + (f", repeated field `{table.child.name}`" if table.child else "")
        parts.append(f"### {title}\n\n{table.doc} ({origin}; {ocd_type.standard}.)\n")
        if table.child is None and ocd_type.notes:
            parts.extend(f"- Note: {note}" for note in ocd_type.notes)
            parts.append("")
        parts.append("| column | type | required | description |\n| --- | --- | --- | --- |")
        for column in table.columns:
            entry = _entry(table, column.name, column.sql_type, column.field)
            extra = ""
            if entry.values:
                extra = f" One of: {entry.values}."
            elif entry.references and entry.kind == Kind.REF.value:
                names = ", ".join(BY_TABLE[r].name for r in entry.references.split(", "))
                extra = f" Points to {names}."
            required = "yes" if entry.required else ""
            parts.append(f"| `{entry.column}` | {entry.sql_type} | {required} | {entry.description}{extra} |")
        parts.append("")
    return "\n".join(parts)
