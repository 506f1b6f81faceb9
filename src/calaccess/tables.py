"""Tables and their columns, declared once: the DDL, the bulk insert, the data dictionary and the
Frictionless Table Schema are all written from the declaration, so they cannot drift apart.

Every schema of the database is declared in this vocabulary: `raw` (`calaccess.raw.tables`, read from the
registry's data files), `scraped` (`calaccess.scrape.tables`), `ocd` (`calaccess.ocd.ddl`, from the OCD type
definitions) and `meta` (`calaccess.meta`). It knows no jurisdiction and imports nothing else of calaccess,
so that `calaccess.ocd`, which another jurisdiction could reuse whole, can use it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb

_PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]*")


@cache
def keywords() -> frozenset[str]:
    """DuckDB's own keywords, of every category, asked of DuckDB once per process."""
    with duckdb.connect() as con:
        rows = con.execute("SELECT keyword_name FROM duckdb_keywords()").fetchall()
    return frozenset(str(name).lower() for (name,) in rows)


def quote_identifier(name: str) -> str:
    """The name as a SQL identifier: as it is when a plain lowercase word that is no DuckDB keyword (reserved
    or not, so that no name is misread whatever DuckDB reserves next), else in double quotes."""
    if _PLAIN_NAME.fullmatch(name) and name not in keywords():
        return name
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """A SQL string literal, for DDL and macros, which take no parameters."""
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Column:
    """One column: its name, DuckDB type, what it holds, whether it may be null, and its default (SQL)."""

    name: str
    duckdb_type: str
    description: str
    nullable: bool = True
    default: str | None = None  # a SQL expression: `0`, `current_timestamp`, `'{}'`

    def definition(self) -> str:
        """The column as `CREATE TABLE` and `ADD COLUMN` write it."""
        default = f" DEFAULT {self.default}" if self.default is not None else ""
        required = "" if self.nullable else " NOT NULL"
        return f"{quote_identifier(self.name)} {self.duckdb_type}{default}{required}"


@dataclass(frozen=True)
class ForeignKey:
    """Columns whose values are those of a key of another table of the same schema."""

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table: where it lives, what it holds, its columns in order, and the key that tells rows apart.

    The key is declared to DuckDB as a primary key only with `enforce_key`: most tables keep broken rows
    storable so that a later check can report them all, and an index costs memory at millions of rows.
    """

    schema: str
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    enforce_key: bool = False
    foreign_keys: tuple[ForeignKey, ...] = ()

    def __post_init__(self) -> None:
        names = self.column_names
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name}: a column is declared twice")
        for name in (*self.key, *(name for fk in self.foreign_keys for name in fk.columns)):
            if name not in names:
                raise ValueError(f"table {self.name}: its key or a reference names no column {name!r}")

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        """The column of that name; KeyError naming the table."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name} has no column {name!r}")

    def target(self, schema: str | None = None) -> str:
        """The table's quoted name in its schema, or in another one (a staging copy)."""
        return f"{quote_identifier(schema or self.schema)}.{quote_identifier(self.name)}"

    def create_sql(
        self, schema: str | None = None, *, if_not_exists: bool = False, replace: bool = False
    ) -> str:
        """`CREATE TABLE` with the declared columns in order (in `schema`, else the table's own)."""
        verb = "CREATE OR REPLACE TABLE" if replace else "CREATE TABLE"
        if if_not_exists and not replace:
            verb += " IF NOT EXISTS"
        lines = [f"    {column.definition()}" for column in self.columns]
        if self.enforce_key and self.key:
            lines.append(f"    PRIMARY KEY ({', '.join(quote_identifier(name) for name in self.key)})")
        return f"{verb} {self.target(schema)} (\n" + ",\n".join(lines) + "\n)"

    def ddl(self) -> str:
        """The same as `create_sql()`: the name `calaccess.scrape.tables` gave it."""
        return self.create_sql()

    def add_column_sql(self, name: str, schema: str | None = None) -> str:
        """`ALTER TABLE ... ADD COLUMN IF NOT EXISTS`, for a database made before the column was declared.

        DuckDB adds no column with a constraint, so NOT NULL is left to the rows written since.
        """
        column = self.column(name)
        definition = f"{quote_identifier(column.name)} {column.duckdb_type}"
        if column.default is not None:
            definition += f" DEFAULT {column.default}"
        return f"ALTER TABLE {self.target(schema)} ADD COLUMN IF NOT EXISTS {definition}"


# --- Bulk inserts -------------------------------------------------------------------------------------


def insert(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    columns: Mapping[str, Sequence[Any]],
    *,
    same: Mapping[str, Any] | None = None,
    schema: str | None = None,
) -> None:
    """Insert rows given as one list per column, and values the same in every row, in one statement.

    Passing a list per column and unnesting them is ~100x faster than executemany for thousands of rows.
    Columns not named take their default (or null).
    """
    same = same or {}
    unknown = (set(columns) | set(same)) - set(table.column_names)
    if unknown:
        raise KeyError(f"table {table.name} has no column {sorted(unknown)[0]!r}")
    if set(columns) & set(same):
        raise ValueError(f"{table.name}: {sorted(set(columns) & set(same))} given both ways")
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"{table.name}: the column lists differ in length ({sorted(lengths)})")
    if not columns or not lengths or lengths == {0}:
        return
    names: list[str] = []
    selects: list[str] = []
    parameters: list[Any] = []
    for column in table.columns:  # in table order, whichever order they were given in
        if column.name in columns:
            selects.append(f"unnest(${len(parameters) + 1}::{column.duckdb_type}[])")
            parameters.append(list(columns[column.name]))
        elif column.name in same:
            selects.append(f"${len(parameters) + 1}::{column.duckdb_type}")
            parameters.append(same[column.name])
        else:
            continue
        names.append(quote_identifier(column.name))
    con.execute(
        f"INSERT INTO {table.target(schema)} ({', '.join(names)}) SELECT {', '.join(selects)}", parameters
    )


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    rows: Iterable[Sequence[Any]],
    *,
    same: Mapping[str, Any] | None = None,
    schema: str | None = None,
) -> None:
    """Insert rows that hold the table's columns in order (less those in `same`), in one statement."""
    same = same or {}
    names = [name for name in table.column_names if name not in same]
    lists: list[list[Any]] = [[] for _ in names]
    for row in rows:
        if len(row) != len(names):
            raise ValueError(f"{table.name}: a row of {len(row)} values for the {len(names)} columns {names}")
        for values, value in zip(lists, row, strict=True):
            values.append(value)
    insert(con, table, dict(zip(names, lists, strict=True)), same=same, schema=schema)


def replace_table(
    con: duckdb.DuckDBPyConnection, table: Table, rows: Iterable[Sequence[Any]], *, schema: str | None = None
) -> None:
    """Drop and recreate the table, then insert every row in one statement."""
    con.execute(f"DROP TABLE IF EXISTS {table.target(schema)}")
    con.execute(table.create_sql(schema))
    insert_rows(con, table, rows, schema=schema)


# --- The data dictionary ------------------------------------------------------------------------------


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table, one line per row; a `|` inside a cell is escaped."""
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def markdown_section(table: Table, *, level: int = 2) -> str:
    """A table documented: its name as a heading, what it holds, its key, and a row per column."""
    key = ", ".join(table.key) or "none"
    rows = [(f"`{column.name}`", column.duckdb_type, column.description) for column in table.columns]
    return (
        f"\n{'#' * level} `{table.qualified_name}`\n\n{table.description}\n\nKey: {key}.\n\n"
        + "\n".join(markdown_table(("column", "type", "description"), rows))
        + "\n"
    )


def data_dictionary_markdown(title: str, introduction: str, tables: Iterable[Table]) -> str:
    """A schema's data dictionary: a title, what the schema is, then a section per table."""
    return f"# {title}\n\n{introduction}\n" + "".join(markdown_section(table) for table in tables)


# --- Frictionless Table Schema ------------------------------------------------------------------------

_FRICTIONLESS_TYPES: Mapping[str, str] = {
    "VARCHAR": "string",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "DATE": "date",
    "TIMESTAMP": "datetime",
    "TIMESTAMPTZ": "datetime",
    "BOOLEAN": "boolean",
    "JSON": "object",
}


def frictionless_type(duckdb_type: str) -> str:
    """The Frictionless Table Schema type of a DuckDB type: exact decimals are numbers, lists are arrays."""
    if duckdb_type.endswith("[]"):
        return "array"
    if duckdb_type.startswith("DECIMAL"):
        return "number"
    try:
        return _FRICTIONLESS_TYPES[duckdb_type]
    except KeyError:
        raise ValueError(f"no Frictionless type for the DuckDB type {duckdb_type}") from None


def _one_or_many(names: tuple[str, ...]) -> str | list[str]:
    return names[0] if len(names) == 1 else list(names)


def table_schema(table: Table) -> dict[str, Any]:
    """The table's Frictionless Table Schema: its fields, typed and described; its key; its foreign keys."""
    fields: list[dict[str, Any]] = []
    for column in table.columns:
        field: dict[str, Any] = {
            "name": column.name,
            "type": frictionless_type(column.duckdb_type),
            "description": column.description,
        }
        if not column.nullable:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields}
    if table.key:
        schema["primaryKey"] = list(table.key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": _one_or_many(key.columns),
                "reference": {"resource": key.table, "fields": _one_or_many(key.references)},
            }
            for key in table.foreign_keys
        ]
    return schema
