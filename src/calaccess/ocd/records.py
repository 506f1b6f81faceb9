"""Records read back from the OCD tables: one dict per record, repeated fields as lists, as the types define.

Every exporter reads through here, so all formats see the same records. Child rows keep their insertion order
(DuckDB's rowid); records come in id order, so an export is the same file for the same database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import duckdb

from calaccess.ocd.ddl import checked_schema
from calaccess.ocd.spec import Kind
from calaccess.ocd.types import get_type

BATCH_ROWS = 10_000


def records_sql(table: str, schema: str = "ocd") -> str:
    """The query that reads a type's records with each repeated field gathered into a list column."""
    ocd_type = get_type(table)
    schema = checked_schema(schema)
    # timestamps leave as naive UTC (turned aware below): DuckDB would need pytz to hand out aware ones
    columns = [
        f"timezone('UTC', t.{f.name}) AS {f.name}" if f.kind is Kind.DATETIME else f"t.{f.name}"
        for f in ocd_type.fields
    ]
    for child in ocd_type.children:
        child_table = f"{schema}.{ocd_type.child_table(child)}"
        if child.scalar is not None:
            item = f"c.{child.scalar}"
        else:
            item = "struct_pack(" + ", ".join(f"{f.name} := c.{f.name}" for f in child.fields) + ")"
        columns.append(
            f"coalesce((SELECT list({item} ORDER BY c.rowid) FROM {child_table} AS c "
            f"WHERE c.{ocd_type.parent_column} = t.id), []) AS {child.name}"
        )
    return f"SELECT {', '.join(columns)} FROM {schema}.{ocd_type.table} AS t ORDER BY t.id"


def read_records(con: duckdb.DuckDBPyConnection, table: str, schema: str = "ocd") -> Iterator[dict[str, Any]]:
    """Each record of the type stored in `schema.table`, with Python values (extras as a dict)."""
    ocd_type = get_type(table)
    json_fields = [f.name for f in ocd_type.fields if f.kind is Kind.JSON]
    time_fields = [f.name for f in ocd_type.fields if f.kind is Kind.DATETIME]
    cursor = con.cursor()
    cursor.execute(records_sql(table, schema))
    names = [d[0] for d in cursor.description or ()]
    while batch := cursor.fetchmany(BATCH_ROWS):
        for row in batch:
            record = dict(zip(names, row, strict=True))
            for name in json_fields:
                if isinstance(record[name], str):
                    record[name] = json.loads(record[name])
            for name in time_fields:
                if isinstance(record[name], dt.datetime):
                    record[name] = record[name].replace(tzinfo=dt.UTC)
            yield record
