"""The registry of the 80 raw CAL-ACCESS tables: columns, types, documentation and natural keys.

One definition per fact: the DDL of `raw.*`, the loader's casts, the data dictionary and the published
datapackage are all derived from the two data files beside this module (`tables.csv`, `columns.csv`), so
they cannot drift apart. The state publishes almost no documentation and no keys; where a meaning or a key
is our inference rather than the state's word, the registry says so (`inferred`, `key_inferred`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePath
from types import MappingProxyType
from typing import Final, Literal

from calaccess import tables as vocabulary
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

#: How the export writes dates and timestamps (`M/D/YYYY h:mm:ss AM`, a date at 12:00:00 AM), then the other
#: spellings read, as strptime formats, in the order they are tried. The one definition: the loader's reader
#: and SQL macros (`raw_date_formats()` in raw_casts.sql) and the cleaner's check of a value derive from it.
DATE_FORMATS: Final = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)

# What each strptime code of DATE_FORMATS matches, in ASCII digits (the SQL casts read no others).
_FORMAT_CODES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "%m": "[0-9]{1,2}",
        "%d": "[0-9]{1,2}",
        "%Y": "[0-9]{4}",
        "%H": "[0-9]{1,2}",
        "%I": "[0-9]{1,2}",
        "%M": "[0-9]{2}",
        "%S": "[0-9]{2}",
        "%p": "[AP]M",
    }
)


def date_pattern(formats: Sequence[str] = DATE_FORMATS) -> str:
    """A regular expression for a value written in one of the formats, for checks that cannot ask DuckDB."""
    alternatives = []
    for date_format in formats:
        parts = re.split(r"(%.)", date_format)
        alternatives.append("".join(_FORMAT_CODES.get(part) or re.escape(part) for part in parts))
    return "(?:" + "|".join(alternatives) + ")"


@dataclass(frozen=True, kw_only=True)
class Column(vocabulary.Column):
    """One column of a raw table, as the export writes it and as we type and document it.

    `type` is the registry's word for it (`decimal`); `duckdb_type` is what it is loaded as, derived.
    """

    duckdb_type: str = ""
    source_name: str
    type: ColumnType
    inferred: bool = False
    lookup: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "duckdb_type", DUCKDB_TYPES[self.type])


@dataclass(frozen=True, kw_only=True)
class Table(vocabulary.Table):
    """One of the 80 tables of the export: its file, meaning, columns in file order and natural key."""

    schema: str = "raw"
    columns: tuple[Column, ...]
    source_file: str
    group: str
    key_inferred: bool = True

    @property
    def natural_key(self) -> tuple[str, ...]:
        """The columns that tell records apart (our inference where `key_inferred`); none known: empty."""
        return self.key

    def column(self, name: str) -> Column:
        """The column of that name (lowercase or as the export spells it); KeyError naming the table."""
        found = super().column(name.lower())
        assert isinstance(found, Column)
        return found


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
        try:
            table = Table(
                name=name,
                source_file=row["source_file"],
                description=row["description"],
                group=row["group"],
                columns=tuple(columns_by_table.pop(name, ())),
                key=tuple(row["natural_key"].split()),
                key_inferred=_flag(row["key_inferred"], filename="tables.csv", line=line),
            )
        except ValueError as error:  # a key that names no column, a column declared twice
            raise ParseError(str(error), path="tables.csv", line=line) from None
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
                *vocabulary.markdown_table(
                    ("column", "type", "description"),
                    ((f"`{column.name}`", column.type, _described(column)) for column in table.columns),
                ),
            ]
            lines.append("")
    return "\n".join(lines)


def _described(column: Column) -> str:
    """The column's description, with the lookup table that decodes it and whether its meaning is inferred."""
    notes = []
    if column.lookup:
        notes.append(f"decoded by `{column.lookup}`")
    if column.inferred:
        notes.append("*inferred*")
    return column.description + (f" ({'; '.join(notes)})" if notes else "")


if __name__ == "__main__":  # prints the dictionary; scripts/update_docs.py writes docs/raw-tables.md
    import sys

    sys.stdout.write(data_dictionary_markdown())
