"""What changed since the previous version, read from that version's own Parquet files.

The archive is its own state: a record's `created_at` is when it first appeared in a published version, and
its `updated_at` when its content last changed, so "what is new since yesterday" is one query. Both are
carried from the previous version by comparing each record's content (every column but the two times, and
the rows of its child tables) with what that version published under the same key. The same comparison
gives the changelog: per table, the keys added, removed and changed.

Content is compared by DuckDB's `hash()` of the values, computed on both sides in the same run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from calaccess.publish.table_files import bucket
from calaccess.tables import Table, quote_identifier, quote_literal

TIMES = ("created_at", "updated_at")


@dataclass(frozen=True)
class Tracked:
    """A published table whose records are followed across versions: by its key, with its child tables.

    `children` are (child table, the column that names the parent) pairs: a change in a child row changes the
    parent record."""

    table: Table
    query: str
    key: tuple[str, ...]
    children: tuple[tuple[Table, str, str], ...] = ()  # (child table, its query, its parent column)
    year_column: str | None = None  # the date that puts a record in a year of the published files

    @property
    def has_times(self) -> bool:
        return set(TIMES) <= set(self.table.column_names)


@dataclass
class TableChanges:
    """One table's changes against the previous version, by key."""

    table: str
    rows: int
    added: int = 0
    removed: int = 0
    changed: int = 0
    #: the buckets of the published files (years, `undated`; `all` for a table not split by year) that
    #: any added, removed or changed record was or is in: the others are unchanged files
    changed_buckets: frozenset[str] = frozenset()
    added_keys: list[str] = field(default_factory=list)  # a few examples
    removed_keys: list[str] = field(default_factory=list)
    changed_keys: list[str] = field(default_factory=list)


EXAMPLES = 20


def _content_columns(table: Table, exclude: Sequence[str]) -> list[str]:
    return [quote_identifier(c) for c in table.column_names if c not in exclude]


def _key_text(key: Sequence[str], alias: str = "") -> str:
    """The key as one text value: the id, or the natural key's parts joined by '|'."""
    prefix = f"{alias}." if alias else ""
    parts = [f"coalesce(CAST({prefix}{quote_identifier(k)} AS VARCHAR), '')" for k in key]
    return parts[0] if len(parts) == 1 else "concat_ws('|', " + ", ".join(parts) + ")"


def _hash_sql(tracked: Tracked, rows: str, children: Sequence[str]) -> str:
    """SELECT key, content hash (+ times) FROM the rows; `children` are the child queries, as `rows` is."""
    content = _content_columns(tracked.table, (*tracked.key, *TIMES))
    own = f"hash({', '.join(content)})" if content else "0"
    joins = []
    parts = [own]
    for index, ((child, _, parent), child_rows) in enumerate(zip(tracked.children, children, strict=True)):
        child_content = _content_columns(child, (parent,))
        joins.append(
            f"LEFT JOIN (SELECT {quote_identifier(parent)} AS parent, "
            f"sum(hash({', '.join(child_content)})::HUGEINT) AS h FROM ({child_rows}) GROUP BY ALL) "
            f"AS c{index} ON c{index}.parent = r.{quote_identifier(tracked.key[0])}"
        )
        parts.append(f"coalesce(c{index}.h, 0)")
    times = ", r.created_at, r.updated_at" if tracked.has_times else ""
    return (
        f"SELECT {_key_text(tracked.key, 'r')} AS key, hash({', '.join(parts)}) AS content{times}, "
        f"{bucket(tracked.year_column)} AS bucket "
        f"FROM ({rows}) AS r {' '.join(joins)}"
    )


def parquet_rows(path: Path) -> str | None:
    """The query of a table's rows in a published version: its Parquet file or dataset; None if absent."""
    if path.with_suffix(".parquet").is_file():
        return f"SELECT * FROM read_parquet({quote_literal(str(path.with_suffix('.parquet')))})"
    if path.is_dir() and any(path.rglob("*.parquet")):
        pattern = str(path / "**" / "*.parquet")
        return (
            f"SELECT * EXCLUDE (year) FROM read_parquet({quote_literal(pattern)}, hive_partitioning = true)"
        )
    return None


def compare(
    con: duckdb.DuckDBPyConnection,
    tracked: Tracked,
    previous: Path | None,
    now: datetime,
    scratch: Path,
) -> TableChanges:
    """Compare the table with the previous version (a folder of Parquet files named by table, or None).

    Leaves `current_<table>` and `previous_<table>` (key, content), which the changelog's summary reads,
    and `carried_<table>` (key, created_at, updated_at) for the tables with times, which `carry_times`
    reads: views of Parquet files in `scratch` (see `comparisons`)."""
    name = tracked.table.name
    current = _hash_sql(tracked, tracked.query, [query for _, query, _ in tracked.children])
    _keep(con, f"current_{name}", current, scratch)
    old_rows = parquet_rows(previous / name) if previous is not None else None
    old_children = [
        parquet_rows(previous / child.name) if previous else None for child, _, _ in tracked.children
    ]
    if old_rows is not None and all(rows is not None for rows in old_children):
        old = _hash_sql(tracked, old_rows, [rows or "" for rows in old_children])
    else:
        times = (
            ", NULL::TIMESTAMPTZ AS created_at, NULL::TIMESTAMPTZ AS updated_at" if tracked.has_times else ""
        )
        old = (
            f"SELECT NULL::VARCHAR AS key, NULL::UBIGINT AS content{times}, NULL::VARCHAR AS bucket "
            "WHERE false"
        )
    _keep(con, f"previous_{name}", old, scratch)
    if tracked.has_times:
        _keep(
            con,
            f"carried_{name}",
            f"""SELECT cur.key,
                       coalesce(old.created_at, {_timestamp(now)}) AS created_at,
                       CASE WHEN old.content = cur.content THEN old.updated_at ELSE {_timestamp(now)} END
                           AS updated_at
                FROM current_{name} AS cur LEFT JOIN previous_{name} AS old USING (key)""",
            scratch,
        )
    changes = TableChanges(name, _scalar(con, f"SELECT count(*) FROM current_{name}"))
    for kind, sql in (
        ("added", f"SELECT key FROM current_{name} ANTI JOIN previous_{name} USING (key)"),
        ("removed", f"SELECT key FROM previous_{name} ANTI JOIN current_{name} USING (key)"),
        (
            "changed",
            f"SELECT cur.key FROM current_{name} AS cur JOIN previous_{name} AS old USING (key) "
            "WHERE cur.content <> old.content",
        ),
    ):
        setattr(changes, kind, _scalar(con, f"SELECT count(*) FROM ({sql})"))
        examples = [row[0] for row in con.execute(f"{sql} ORDER BY key LIMIT {EXAMPLES}").fetchall()]
        setattr(changes, f"{kind}_keys", examples)
    changes.changed_buckets = frozenset(
        str(row[0])
        for row in con.execute(
            f"""WITH diff AS (
                    SELECT cur.bucket AS now, old.bucket AS before
                    FROM current_{name} AS cur FULL OUTER JOIN previous_{name} AS old USING (key)
                    WHERE cur.content IS DISTINCT FROM old.content
                )
                SELECT now FROM diff WHERE now IS NOT NULL
                UNION SELECT before FROM diff WHERE before IS NOT NULL"""
        ).fetchall()
    )
    return changes


KINDS = ("current", "previous", "carried")


def _keep(con: duckdb.DuckDBPyConnection, view: str, sql: str, scratch: Path) -> None:
    """The query's rows as a Parquet file in `scratch`, and a temporary view of it named `view`.

    Not a temporary table: publishing runs in one transaction (the carried times are kept only if the
    version is), and a table dropped in a transaction keeps its storage until the end of it; at full size
    these hold a row per record (16 M for the transactions) for every table, and filled the disk."""
    path = quote_literal(str(scratch / f"{view}.parquet"))
    con.execute(f"COPY ({sql}) TO {path} (FORMAT parquet, COMPRESSION snappy)")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM read_parquet({path})")


def _timestamp(moment: datetime) -> str:
    return f"TIMESTAMPTZ {quote_literal(moment.isoformat())}"


@contextmanager
def comparisons(con: duckdb.DuckDBPyConnection, folder: Path) -> Iterator[Path]:
    """A scratch folder for `compare`'s files, inside `folder`; removed, with its views, afterwards."""
    scratch = folder / ".comparisons"
    scratch.mkdir(parents=True, exist_ok=False)
    try:
        yield scratch
    finally:
        with suppress(duckdb.Error):  # an aborted transaction refuses even this: its own error stands
            views = con.execute(
                "SELECT view_name FROM duckdb_views() WHERE temporary AND regexp_matches(view_name, ?)",
                [f"^({'|'.join(KINDS)})_"],
            ).fetchall()
            for (view,) in views:
                con.execute(f"DROP VIEW IF EXISTS {quote_identifier(view)}")
        shutil.rmtree(scratch, ignore_errors=True)


def carry_times(con: duckdb.DuckDBPyConnection, tracked: Tracked) -> None:
    """Write the carried times (after `compare`) into the table itself, so that every file made from the
    database, the feeds and the database file among them, says the same."""
    table = tracked.table
    con.execute(
        f"UPDATE {table.target()} AS t SET created_at = carried.created_at, updated_at = carried.updated_at "
        f"FROM carried_{table.name} AS carried WHERE carried.key = {_key_text(tracked.key, 't')}"
    )


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0
