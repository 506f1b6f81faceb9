"""OCD JSON: one document per object, shaped as OCDEP 20's samples.

A document has every field of its type (null when unknown), repeated fields as lists, nested objects where the
standard nests (a transaction's `amount`, `sender`, `recipient`) and the key spellings of OCDEP 20's samples
(`post` for a Post reference). Timestamps are written in UTC to the millisecond with a `Z`, dates as
YYYY-MM-DD, amounts as JSON numbers.

An export is a folder with one JSON Lines file per type (`election.jsonl`, `candidacy.jsonl`, ...): each line
is one object's document. We chose lines over one file per object because a full export holds tens of millions
of transactions, far too many files for any file system or archive to handle well; a line is still exactly one
document, and `jq -c`, DuckDB's `read_json` and every JSON Lines reader read it as such. DuckDB writes the
files itself from a query generated off the definitions (`documents_sql`); `to_json` is the same shape for
one record in Python, and a test holds the two together.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Mapping
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb

from calaccess.ocd.ddl import checked_schema
from calaccess.ocd.errors import OcdValidationError
from calaccess.ocd.spec import Child, Field, Kind, OcdType
from calaccess.ocd.types import TYPES, get_type
from calaccess.ocd.validate import validate_record
from calaccess.tables import quote_literal


def _json_value(field: Field, value: Any) -> Any:
    if value is None:
        return None
    if field.kind is Kind.DATETIME and isinstance(value, dt.datetime):
        utc = value.astimezone(dt.UTC)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _put(document: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        document = document.setdefault(key, {})
    document[path[-1]] = value


def _child_json(child: Child, items: list[Any]) -> list[Any]:
    if child.scalar is not None:
        field = next(f for f in child.fields if f.name == child.scalar)
        return [_json_value(field, item) for item in items]
    documents = []
    for item in items:
        document: dict[str, Any] = {}
        for field in child.fields:
            _put(document, field.path, _json_value(field, item.get(field.name)))
        documents.append(document)
    return documents


def to_json(type_name: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """The OCD JSON document of one record (as `validate_record` or `read_records` give it)."""
    ocd_type = get_type(type_name)
    document: dict[str, Any] = {}
    for field in ocd_type.fields:
        _put(document, field.path, _json_value(field, record.get(field.name)))
    for child in ocd_type.children:
        document[child.name] = _child_json(child, list(record.get(child.name) or []))
    return document


def _take(document: Mapping[str, Any], path: tuple[str, ...], consumed: set[tuple[str, ...]]) -> Any:
    value: Any = document
    for depth, key in enumerate(path):
        if not isinstance(value, Mapping):
            return None
        consumed.add(path[: depth + 1])
        value = value.get(key)
    return value


def _unknown_keys(
    document: Mapping[str, Any], consumed: set[tuple[str, ...]], prefix: tuple[str, ...] = ()
) -> list[str]:
    unknown = []
    for key, value in document.items():
        path = (*prefix, key)
        if path not in consumed:
            unknown.append(".".join(path))
        elif isinstance(value, Mapping) and any(
            len(p) > len(path) and p[: len(path)] == path for p in consumed
        ):
            unknown.extend(_unknown_keys(value, consumed, path))
    return unknown


def from_json(type_name: str, document: Mapping[str, Any], *, check_ids: bool = True) -> dict[str, Any]:
    """The record a document describes, checked field by field (see `validate_record`).

    A key the type does not define is refused rather than dropped, so nothing is lost in silence.
    """
    ocd_type = get_type(type_name)
    consumed: set[tuple[str, ...]] = set()
    record: dict[str, Any] = {}
    for field in ocd_type.fields:
        record[field.name] = _take(document, field.path, consumed)
    for child in ocd_type.children:
        consumed.add((child.name,))
        items = document.get(child.name)
        record[child.name] = _child_record(ocd_type, child, items)
    unknown = _unknown_keys(document, consumed)
    if unknown:
        raise OcdValidationError(
            ocd_type.name, unknown[0], document.get(unknown[0]), "not a field of this type"
        )
    return validate_record(ocd_type.table, record, check_ids=check_ids)


def _child_record(ocd_type: OcdType, child: Child, items: Any) -> Any:
    if child.scalar is not None or not isinstance(items, list):
        return items
    records = []
    for item in items:
        if not isinstance(item, Mapping):
            return items  # validate_record names the problem
        consumed: set[tuple[str, ...]] = set()
        records.append({f.name: _take(item, f.path, consumed) for f in child.fields})
        unknown = _unknown_keys(item, consumed)
        if unknown:
            raise OcdValidationError(
                ocd_type.name, f"{child.name}.{unknown[0]}", item, "not a field of this type"
            )
    return records


def dumps(type_name: str, record: Mapping[str, Any]) -> str:
    """One record as one line of JSON."""
    return json.dumps(to_json(type_name, record), ensure_ascii=False, separators=(",", ":"))


def _sql_value(field: Field, column: str) -> str:
    """The SQL expression for a field's JSON value: timestamps spelled as `_json_value` spells them."""
    if field.kind is Kind.DATETIME:
        return f"strftime(timezone('UTC', {column}), '%Y-%m-%dT%H:%M:%S.%gZ')"
    return column


def _sql_object(fields: tuple[Field, ...], alias: str) -> list[tuple[str, str]]:
    """(JSON key, SQL expression) pairs in document order, nested paths gathered into one struct."""
    entries: list[tuple[str, str]] = []
    groups: dict[str, list[str]] = {}
    for field in fields:
        value = _sql_value(field, f"{alias}.{field.name}")
        if len(field.path) == 1:
            entries.append((field.path[0], value))
            continue
        top, key = field.path
        if top not in groups:
            groups[top] = []
            entries.append((top, ""))
        groups[top].append(f'"{key}" := {value}')
    return [(key, expr or f"struct_pack({', '.join(groups[key])})") for key, expr in entries]


def documents_sql(table: str, schema: str = "ocd", where: str = "") -> str:
    """The query whose rows are a type's OCD JSON documents, one column per top-level key, in id order
    (`where`, on `t`, picks some of them).

    DuckDB writes it as JSON Lines itself (`export_ocd_json`), far faster than serialising row by row in
    Python; a test holds it to the same documents as `to_json`.
    """
    ocd_type = get_type(table)
    schema = checked_schema(schema)
    columns = [f'{expr} AS "{key}"' for key, expr in _sql_object(ocd_type.fields, "t")]
    for child in ocd_type.children:
        if child.scalar is not None:
            item = f"c.{child.scalar}"
        else:
            item = (
                "struct_pack(" + ", ".join(f'"{k}" := {e}' for k, e in _sql_object(child.fields, "c")) + ")"
            )
        child_table = f"{schema}.{ocd_type.child_table(child)}"
        columns.append(
            f"coalesce((SELECT list({item} ORDER BY c.rowid) FROM {child_table} AS c "
            f'WHERE c.{ocd_type.parent_column} = t.id), []) AS "{child.name}"'
        )
    where = f" WHERE {where}" if where else ""
    return f"SELECT {', '.join(columns)} FROM {schema}.{ocd_type.table} AS t{where} ORDER BY t.id"


#: Rows (a type's and its children's) one COPY gathers at most: a bigger type is written in parts, by
#: ranges of its ids. Gathering the 9.9 M summary amounts of 1.5 M filing actions at once ran out of memory.
ROWS_PER_PART = 2_000_000
_SAMPLE = 10_000


def _id_ranges(con: duckdb.DuckDBPyConnection, ocd_type: OcdType, schema: str) -> list[str]:
    """Conditions on `t.id` that split a type's rows into parts of about `ROWS_PER_PART` (with its
    children's), in id order. The ranges cover every id whatever the boundaries are: a sample of the ids
    only chooses them."""
    tables = [ocd_type.table, *(ocd_type.child_table(child) for child in ocd_type.children)]
    counts = [_scalar(con, f"SELECT count(*) FROM {schema}.{table}") for table in tables]
    parts = -(-sum(counts) // ROWS_PER_PART)
    if parts <= 1:
        return [""]
    sample = sorted(
        row[0]
        for row in con.execute(
            f"SELECT id FROM {schema}.{ocd_type.table} USING SAMPLE reservoir({_SAMPLE} ROWS) REPEATABLE (1)"
        ).fetchall()
    )
    bounds = sorted({sample[len(sample) * part // parts] for part in range(1, parts)})
    quoted = [quote_literal(bound) for bound in bounds]
    ranges = [f"t.id < {quoted[0]}"]
    ranges += [f"t.id >= {low} AND t.id < {high}" for low, high in pairwise(quoted)]
    return [*ranges, f"t.id >= {quoted[-1]}"]


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def export_ocd_json(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    schema: str = "ocd",
    *,
    zstd: bool = False,
    unchanged: Mapping[str, Path] | None = None,
) -> dict[str, int]:
    """Write `<out>/<type>.jsonl` for every type (`.jsonl.zst` with `zstd`); returns the number of
    documents per file.

    `unchanged` names, by table, a file this function wrote before from the same rows (a type's documents
    are its table's and its child tables' rows): it is hard-linked, not written again.

    Zstandard, for a published archive: a full export's transactions are 16 GB of JSON Lines, 2 GB
    compressed, and DuckDB writes them compressed faster than plain (9.7 s against 17.3 s for 1 M). A file
    written in parts is a series of zstd frames, which every zstd reader reads as one stream."""
    out.mkdir(parents=True, exist_ok=True)
    schema = checked_schema(schema)
    suffix, compression = (".jsonl.zst", "zstd") if zstd else (".jsonl", "uncompressed")
    written: dict[str, int] = {}
    for ocd_type in TYPES:
        path = out / f"{ocd_type.table}{suffix}"
        before = (unchanged or {}).get(ocd_type.table)
        if before is not None and before.is_file():
            os.link(before, path)
            written[path.name] = _scalar(con, f"SELECT count(*) FROM {schema}.{ocd_type.table}")
            continue
        ranges = _id_ranges(con, ocd_type, schema)
        parts = [path] if len(ranges) == 1 else [out / f".{path.name}.part{n}" for n in range(len(ranges))]
        written[path.name] = 0
        for where, part in zip(ranges, parts, strict=True):
            # COPY takes its target as text, not as a parameter: the path is ours, quoted
            query = documents_sql(ocd_type.table, schema, where)
            row = con.execute(
                f"COPY ({query}) TO {quote_literal(str(part))} (FORMAT json, COMPRESSION {compression})"
            ).fetchone()
            written[path.name] += int(row[0]) if row else 0
        if len(parts) > 1:  # the parts, in id order, are the file
            with path.open("wb") as whole:
                for part in parts:
                    with part.open("rb") as piece:
                        shutil.copyfileobj(piece, whole, 1 << 20)
                    part.unlink()
    return written
