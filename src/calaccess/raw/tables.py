"""The registry of the 80 raw CAL-ACCESS tables: columns, types, documentation and natural keys.

One definition per fact: the DDL of `raw.*`, the loader's casts, the data dictionary and the published
datapackage are all derived from the two data files beside this module (`tables.csv`, `columns.csv`), so
they cannot drift apart. The state publishes almost no documentation and no keys; where a meaning or a key
is our inference rather than the state's word, the registry says so (`inferred`, `key_inferred`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePath
from types import MappingProxyType
from typing import Final, Literal

from calaccess.errors import ParseError

ColumnType = Literal["integer", "bigint", "decimal", "date", "timestamp", "boolean", "text"]

#: The small type vocabulary of the registry, and the DuckDB type each one becomes.
DUCKDB_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "integer": "INTEGER",
        "bigint": "BIGINT",
        # Money: exact, never floating point; cents are the finest unit the export writes.
        "decimal": "DECIMAL(16,2)",
        "date": "DATE",
        "timestamp": "TIMESTAMP",
        "boolean": "BOOLEAN",
        "text": "VARCHAR",
    }
)

#: The groups a table belongs to, in the order the data dictionary lists them.
GROUPS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "campaign": "Campaign finance: the cover pages and itemised schedules of campaign forms",
        "lobbying": "Lobbying: registrations, disclosure reports and their schedules",
        "filer": "Filers: the people and organisations that file, their names, addresses, links and types",
        "filing": "Filings: the index of every filing and its amendments, and filing periods",
        "lookup": "Lookup tables: codes and their meanings",
        "other": "Other tables: system logs, report definitions and tables the state no longer fills",
    }
)

# DuckDB's reserved words, and the unreserved keywords CAL-ACCESS uses as names (action, aggregate, label):
# quoted in DDL so that no name can be misread, whatever DuckDB reserves next.
_SQL_KEYWORDS: Final[frozenset[str]] = frozenset(
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
        "check", "collate", "column", "constraint", "create", "default", "deferrable", "desc", "describe",
        "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant",
        "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "offset",
        "on", "only", "or", "order", "placing", "primary", "references", "returning", "select", "show",
        "some", "summarize", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique",
        "using", "variadic", "when", "where", "window", "with", "action", "path", "type", "status",
        "session", "position", "label", "comments", "year", "text", "value", "aggregate",
    }
)  # fmt: skip


def quote_identifier(name: str) -> str:
    """The name as a SQL identifier, quoted when it is a keyword or not a plain lowercase word."""
    plain = name.replace("_", "").isascii() and name.replace("_", "").isalnum() and name.islower()
    plain = plain and not name[0].isdigit()
    if plain and name not in _SQL_KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Column:
    """One column of a raw table, as the export writes it and as we type and document it."""

    name: str
    source_name: str
    type: ColumnType
    description: str
    inferred: bool = False
    lookup: str | None = None

    @property
    def duckdb_type(self) -> str:
        """The DuckDB type this column is loaded as."""
        return DUCKDB_TYPES[self.type]


@dataclass(frozen=True)
class Table:
    """One of the 80 tables of the export: its file, meaning, columns in file order and natural key."""

    name: str
    source_file: str
    description: str
    group: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...] = ()
    key_inferred: bool = True

    def column(self, name: str) -> Column:
        """The column of that name (lowercase or as the export spells it); KeyError naming the table."""
        wanted = name.lower()
        for column in self.columns:
            if column.name == wanted:
                return column
        raise KeyError(f"table {self.name} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        """The columns' lowercase names, in file order."""
        return tuple(column.name for column in self.columns)

    def create_sql(self, schema: str = "raw") -> str:
        """`CREATE TABLE` for this table with the registry's types, in file order."""
        lines = [f"    {quote_identifier(column.name)} {column.duckdb_type}" for column in self.columns]
        body = ",\n".join(lines)
        return f"CREATE TABLE {quote_identifier(schema)}.{quote_identifier(self.name)} (\n{body}\n)"


def _read_data_file(filename: str) -> list[dict[str, str]]:
    text = resources.files("calaccess.raw").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _flag(value: str, *, filename: str, line: int) -> bool:
    if value in ("true", "false"):
        return value == "true"
    raise ParseError(f"expected true or false, found {value!r}", path=filename, line=line)


@cache
def _load_registry() -> Mapping[str, Table]:
    """Read the registry data files shipped with the package, checking what a typo would break."""
    columns_by_table: dict[str, list[Column]] = {}
    for line, row in enumerate(_read_data_file("columns.csv"), start=2):
        if row["type"] not in DUCKDB_TYPES:
            raise ParseError(f"unknown column type {row['type']!r}", path="columns.csv", line=line)
        column = Column(
            name=row["source_name"].lower(),
            source_name=row["source_name"],
            type=row["type"],  # type: ignore[arg-type]  # checked against the vocabulary just above
            description=row["description"],
            inferred=_flag(row["inferred"], filename="columns.csv", line=line),
            lookup=row["lookup"] or None,
        )
        columns_by_table.setdefault(row["table"], []).append(column)
    tables: dict[str, Table] = {}
    for line, row in enumerate(_read_data_file("tables.csv"), start=2):
        name = row["name"]
        if row["group"] not in GROUPS:
            raise ParseError(f"unknown table group {row['group']!r}", path="tables.csv", line=line)
        table = Table(
            name=name,
            source_file=row["source_file"],
            description=row["description"],
            group=row["group"],
            columns=tuple(columns_by_table.pop(name, ())),
            natural_key=tuple(row["natural_key"].split()),
            key_inferred=_flag(row["key_inferred"], filename="tables.csv", line=line),
        )
        for key_column in table.natural_key:
            table.column(key_column)  # a key must name real columns
        tables[name] = table
    if columns_by_table:
        raise ParseError(f"columns for unknown tables: {sorted(columns_by_table)}", path="columns.csv")
    return MappingProxyType(tables)


class _Registry(Mapping[str, Table]):
    """The tables by lowercase name, read from the data files on first use."""

    def __getitem__(self, name: str) -> Table:
        return _load_registry()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_load_registry())

    def __len__(self) -> int:
        return len(_load_registry())


#: The 80 tables, by lowercase name, in the order of `tables.csv` (grouped, then alphabetical).
TABLES: Final[Mapping[str, Table]] = _Registry()


def table_for_file(filename: str | PurePath) -> Table:
    """The table an export file holds, by its stem, whatever its case or folder (`.../RCPT_CD.TSV`)."""
    path = PurePath(str(filename).replace("\\", "/"))
    stem = path.stem.lower() if path.suffix else path.name.lower()
    try:
        return TABLES[stem]
    except KeyError:
        raise ParseError(
            f"not one of the 80 CAL-ACCESS tables (no table named {stem!r} in the registry)",
            path=str(filename),
        ) from None


def data_dictionary_markdown() -> str:
    """The data dictionary of the raw tables as Markdown, generated from the registry (docs/raw-tables.md)."""
    tables = list(TABLES.values())
    columns = [column for table in tables for column in table.columns]
    lines = [
        "# The raw CAL-ACCESS tables",
        "",
        "Generated from the registry (`src/calaccess/raw/tables.csv` and `columns.csv`) by",
        "`calaccess.raw.tables.data_dictionary_markdown()`; edit the registry, not this file.",
        "",
        f"{len(tables)} tables, {len(columns)} columns. Each table is loaded as `raw.<name>`.",
        "The state publishes no keys: every natural key below is our inference, checked against the sample.",
        "A column marked *inferred* has a meaning we inferred from its name and values, because the state's",
        "documentation does not give one.",
        "",
        "Types: " + ", ".join(f"`{name}` ({duckdb})" for name, duckdb in DUCKDB_TYPES.items()) + ".",
        "Flags are booleans: X (a checked box) and Y are true, N is false, a blank is null.",
        "",
    ]
    for group, group_description in GROUPS.items():
        members = [table for table in tables if table.group == group]
        lines += [f"## {group_description}", ""]
        lines += [f"- [`{table.name}`](#{table.name}): {len(table.columns)} columns" for table in members]
        lines.append("")
        for table in members:
            key = ", ".join(f"`{name}`" for name in table.natural_key) if table.natural_key else "none known"
            if table.natural_key and table.key_inferred:
                key += " (inferred)"
            lines += [
                f"### {table.name}",
                "",
                f"File `{table.source_file}`. {table.description}",
                "",
                f"Natural key: {key}.",
                "",
                "| column | type | description |",
                "| --- | --- | --- |",
            ]
            for column in table.columns:
                notes = []
                if column.lookup:
                    notes.append(f"decoded by `{column.lookup}`")
                if column.inferred:
                    notes.append("*inferred*")
                extra = f" ({'; '.join(notes)})" if notes else ""
                text = column.description.replace("|", "\\|")
                lines.append(f"| `{column.name}` | {column.type} | {text}{extra} |")
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # prints the dictionary; scripts/update_docs.py writes docs/raw-tables.md
    import sys

    sys.stdout.write(data_dictionary_markdown())
