"""The vocabulary the type definitions are written in: a field, a repeated child, a type.

A type is declared once (in `types.py`); the DDL, the validation, OCD JSON and the data dictionary all read
these declarations, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a field holds; each kind has one DuckDB column type and one JSON shape."""

    ID = "id"  # the record's own OCD id
    TEXT = "text"
    DATE = "date"  # a full calendar date, YYYY-MM-DD
    FUZZY_DATE = "fuzzy_date"  # YYYY, YYYY-MM or YYYY-MM-DD, as OCD's core types allow (a birth year)
    DATETIME = "datetime"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DECIMAL = "decimal"
    REF = "ref"  # the OCD id of a record of another (or the same) type
    ENUM = "enum"  # text from a closed list
    TEXT_LIST = "text_list"  # a short list of words (classifications) kept in one column
    JSON = "json"  # `extras`: a key-value store


SQL_TYPES: dict[Kind, str] = {
    Kind.ID: "VARCHAR",
    Kind.TEXT: "VARCHAR",
    Kind.DATE: "DATE",
    Kind.FUZZY_DATE: "VARCHAR",
    Kind.DATETIME: "TIMESTAMPTZ",
    Kind.INTEGER: "INTEGER",
    Kind.BOOLEAN: "BOOLEAN",
    Kind.DECIMAL: "DECIMAL(18,2)",
    Kind.REF: "VARCHAR",
    Kind.ENUM: "VARCHAR",
    Kind.TEXT_LIST: "VARCHAR[]",
    Kind.JSON: "JSON",
}


@dataclass(frozen=True)
class Field:
    """One column of a table and one key of the JSON document.

    `json_path` is where the value sits in OCD JSON when that differs from the column name: nested objects
    (a transaction's `amount.value`) or the spelling OCDEP 20's samples use (`post` for `post_id`).
    """

    name: str
    kind: Kind
    doc: str
    required: bool = False
    refs: tuple[str, ...] = ()  # for REF: the table name(s) of the types it may point to
    values: tuple[str, ...] = ()  # for ENUM
    default: str | int | bool | None = None  # the DDL default and the value a missing JSON key reads as
    json_path: tuple[str, ...] = ()
    minimum: int | None = None  # for INTEGER: the smallest allowed value
    # for a REF to several types: the ENUM field of the same record that says which of them it points to
    # (its values are the tables of `refs`), so the reference must resolve in that one table
    kind_field: str | None = None

    @property
    def path(self) -> tuple[str, ...]:
        return self.json_path or (self.name,)

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]


@dataclass(frozen=True)
class Child:
    """A repeated part of a type (identifiers, sources, a contest's posts), stored in its own table.

    The table is `<type table>_<table_suffix>`, keyed by the parent's `<ref_name>_id`. When `scalar` names one
    of the fields, the JSON list holds that field's bare values (a ballot measure's options are strings).
    Children keep the order they were inserted in (DuckDB's rowid) when written out.
    """

    name: str  # the JSON key: "identifiers"
    table_suffix: str  # "identifier"
    doc: str
    fields: tuple[Field, ...]
    scalar: str | None = None
    min_count: int = 0


@dataclass(frozen=True)
class OcdType:
    """One OCD type: its id, its fields and its repeated children, as the standard defines them."""

    name: str  # as the standard spells it: "CandidateContest"
    table: str  # snake case: "candidate_contest"
    id_prefix: str  # ids look like ocd-<id_prefix>/<uuid>
    ref_name: str  # stem of the column that points at it from its children: contest -> contest_id
    standard: str  # where it is defined: "OCDEP 20", "OCD core", "draft OCDEP campaign finance"
    doc: str
    fields: tuple[Field, ...]
    children: tuple[Child, ...] = ()
    id_style: str = "uuid"  # uuid | division | jurisdiction
    contest_kind: bool = False  # one of the Contest subtypes
    notes: tuple[str, ...] = field(default=())  # decisions taken where sources disagree

    @property
    def parent_column(self) -> str:
        return f"{self.ref_name}_id"

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} has no field {name!r}")

    def child(self, name: str) -> Child:
        for candidate in self.children:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} has no repeated field {name!r}")

    def child_table(self, child: Child) -> str:
        return f"{self.table}_{child.table_suffix}"
