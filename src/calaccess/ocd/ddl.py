"""DuckDB tables generated from the type definitions: `<schema>.<type>` plus one table per repeated field,
declared in the project's table vocabulary (`calaccess.tables`, which knows no jurisdiction either).

The tables carry no NOT NULL, primary-key or foreign-key constraints on purpose: a broken row must be storable
so that `validate_database` can report it with the rest, rather than abort a whole stage at the first one; and
an index on every id would cost memory at tens of millions of transactions. Defaults come from the standard
(number_elected 1, extras {}, timestamps now).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import duckdb

from calaccess import tables as vocabulary
from calaccess.ocd.errors import OcdError
from calaccess.ocd.spec import Child, Field, Kind, OcdType
from calaccess.ocd.types import TYPES

_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True, kw_only=True)
class Column(vocabulary.Column):
    """A column of an OCD table, with the field it stores (None for a child table's key to its parent)."""

    field: Field | None

    @property
    def sql_type(self) -> str:
        """The DuckDB type (the name this module gave it before the table vocabulary)."""
        return self.duckdb_type


@dataclass(frozen=True, kw_only=True)
class Table(vocabulary.Table):
    """One generated table: a type's main table or a child table of repeated values."""

    schema: str = "ocd"
    columns: tuple[Column, ...]
    ocd_type: OcdType
    child: Child | None

    @property
    def doc(self) -> str:
        return self.description


def _default_sql(field: Field) -> str | None:
    if field.kind is Kind.DATETIME:
        return "current_timestamp"
    if field.default is None:
        return None
    if isinstance(field.default, bool):
        return "true" if field.default else "false"
    if isinstance(field.default, int):
        return str(field.default)
    return vocabulary.quote_literal(field.default)


def _column(field: Field) -> Column:
    return Column(
        name=field.name,
        duckdb_type=field.sql_type,
        description=field.doc,
        default=_default_sql(field),
        field=field,
    )


def _references(columns: tuple[Column, ...]) -> tuple[vocabulary.ForeignKey, ...]:
    """The references that name one table: an id points to that table's `id`."""
    return tuple(
        vocabulary.ForeignKey((column.name,), column.field.refs[0], ("id",))
        for column in columns
        if column.field is not None and column.field.kind is Kind.REF and len(column.field.refs) == 1
    )


def checked_schema(schema: str) -> str:
    """The schema name, refused unless a plain lowercase SQL name: it is written into SQL text."""
    if not _SCHEMA_NAME.fullmatch(schema):
        raise OcdError(f"schema {schema!r}: expected a plain lowercase SQL name")
    return schema


@cache
def tables() -> tuple[Table, ...]:
    """Every table, main tables first (in definition order), each followed by its child tables."""
    found: list[Table] = []
    for ocd_type in TYPES:
        columns = tuple(_column(f) for f in ocd_type.fields)
        found.append(
            Table(
                name=ocd_type.table,
                description=ocd_type.doc,
                columns=columns,
                key=("id",),
                foreign_keys=_references(columns),
                ocd_type=ocd_type,
                child=None,
            )
        )
        for child in ocd_type.children:
            parent = Column(
                name=ocd_type.parent_column,
                duckdb_type="VARCHAR",
                description=f"The {ocd_type.name} this row belongs to.",
                field=None,
            )
            child_columns = (parent, *(_column(f) for f in child.fields))
            to_parent = vocabulary.ForeignKey((parent.name,), ocd_type.table, ("id",))
            found.append(
                Table(
                    name=ocd_type.child_table(child),
                    description=child.doc,
                    columns=child_columns,
                    foreign_keys=(to_parent, *_references(child_columns)),
                    ocd_type=ocd_type,
                    child=child,
                )
            )
    return tuple(found)


def ddl(schema: str = "ocd", *, replace: bool = False) -> str:
    """The CREATE TABLE statements for every table, as one script."""
    checked_schema(schema)
    statements = [f"CREATE SCHEMA IF NOT EXISTS {schema};"]
    statements += [f"{table.create_sql(schema, if_not_exists=True, replace=replace)};" for table in tables()]
    return "\n".join(statements)


def create_tables(con: duckdb.DuckDBPyConnection, schema: str = "ocd", *, replace: bool = False) -> None:
    """Create every OCD table in `schema` (kept if it exists, or emptied and recreated with `replace`)."""
    con.execute(ddl(schema, replace=replace))
