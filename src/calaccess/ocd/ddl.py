"""DuckDB tables generated from the type definitions: `<schema>.<type>` plus one table per repeated field.

The tables carry no NOT NULL, primary-key or foreign-key constraints on purpose: a broken row must be storable
so that `validate_database` can report it with the rest, rather than abort a whole stage at the first one; and
an index on every id would cost memory at tens of millions of transactions. Defaults come from the standard
(number_elected 1, extras {}, timestamps now).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from calaccess.ocd.errors import OcdError
from calaccess.ocd.spec import Child, Field, Kind, OcdType
from calaccess.ocd.types import TYPES

_SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    field: Field | None  # None for a child table's key to its parent


@dataclass(frozen=True)
class Table:
    """One generated table: a type's main table or a child table of repeated values."""

    name: str
    ocd_type: OcdType
    child: Child | None
    columns: tuple[Column, ...]

    @property
    def doc(self) -> str:
        return self.child.doc if self.child else self.ocd_type.doc


def _default_sql(field: Field) -> str:
    if field.kind is Kind.DATETIME:
        return " DEFAULT current_timestamp"
    if field.default is None:
        return ""
    if isinstance(field.default, bool):
        return f" DEFAULT {'true' if field.default else 'false'}"
    if isinstance(field.default, int):
        return f" DEFAULT {field.default}"
    return " DEFAULT '" + field.default.replace("'", "''") + "'"


def checked_schema(schema: str) -> str:
    """The schema name, refused unless a plain lowercase SQL name: it is written into SQL text."""
    if not _SCHEMA_NAME.fullmatch(schema):
        raise OcdError(f"schema {schema!r}: expected a plain lowercase SQL name")
    return schema


def tables() -> tuple[Table, ...]:
    """Every table, main tables first (in definition order), each followed by its child tables."""
    found: list[Table] = []
    for ocd_type in TYPES:
        found.append(
            Table(
                ocd_type.table,
                ocd_type,
                None,
                tuple(Column(f.name, f.sql_type, f) for f in ocd_type.fields),
            )
        )
        for child in ocd_type.children:
            parent = Column(ocd_type.parent_column, "VARCHAR", None)
            found.append(
                Table(
                    ocd_type.child_table(child),
                    ocd_type,
                    child,
                    (parent, *(Column(f.name, f.sql_type, f) for f in child.fields)),
                )
            )
    return tuple(found)


def ddl(schema: str = "ocd", *, replace: bool = False) -> str:
    """The CREATE TABLE statements for every table, as one script."""
    checked_schema(schema)
    verb = "CREATE OR REPLACE TABLE" if replace else "CREATE TABLE IF NOT EXISTS"
    statements = [f"CREATE SCHEMA IF NOT EXISTS {schema};"]
    for table in tables():
        columns = ",\n".join(
            f"    {c.name} {c.sql_type}{_default_sql(c.field) if c.field else ''}" for c in table.columns
        )
        statements.append(f"{verb} {schema}.{table.name} (\n{columns}\n);")
    return "\n".join(statements)


def create_tables(con: duckdb.DuckDBPyConnection, schema: str = "ocd", *, replace: bool = False) -> None:
    """Create every OCD table in `schema` (kept if it exists, or emptied and recreated with `replace`)."""
    con.execute(ddl(schema, replace=replace))
