"""What a version holds: which tables, in which group, from which query, split how, followed by which key.

Every table comes from its one declaration (the OCD types, the meta tables), so what is published, its
Table Schema and its data dictionary cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from calaccess import meta
from calaccess.errors import CalaccessError
from calaccess.ocd.ddl import Table as OcdTable
from calaccess.ocd.ddl import tables as ocd_tables
from calaccess.publish.history import TableChanges, Tracked, carry_times, compare
from calaccess.publish.manifest import read_manifest
from calaccess.publish.package import Group
from calaccess.publish.table_files import WRITER, Published, Reuse, TableFiles, write_table
from calaccess.raw.source import RELEASE_NAME_FORMAT
from calaccess.tables import Table

#: The tables big enough to split by year, and the date that puts a row in a year.
YEAR_COLUMNS = {"transaction": "date", "filing": "coverage_end_date", "filing_action": "date"}
_SHA256 = re.compile(r"sha256:([0-9a-f]{64})")


@dataclass(frozen=True)
class Release:
    """The source release a version is made from: its name (its time, UTC), the zip, and how it is known."""

    name: str
    released_at: datetime
    zip_name: str | None
    sha256: str | None
    known_from: str  # 'download' (the snapshot's Last-Modified) or 'load' (when the zip was loaded)

    def facts(self, published_at: datetime) -> dict[str, Any]:
        return {
            "release": self.name,
            "released_at": self.released_at.isoformat(),
            "release_known_from": self.known_from,
            "zip": self.zip_name,
            "sha256": self.sha256,
            "published_at": published_at.isoformat(),
        }


def release_of(con: duckdb.DuckDBPyConnection) -> Release:
    """The release the database holds: the latest good load's zip, named by its download's release time.

    A zip that `calaccess download` did not fetch (`load --zip`) has no release time of its own; the time of
    its load stands in, and the manifest says so."""
    process = _last_ok(con, "process")
    load = _last_ok(con, "load")
    if process is None or load is None:
        raise CalaccessError("nothing to publish: run `calaccess process` first")
    source = load.source or ""
    match = _SHA256.search(source)
    sha256 = match[1] if match else None
    zip_name = source.split(" ", 1)[0] or None
    if sha256 is not None and _has_snapshots(con):
        row = con.execute(
            "SELECT release, released_at FROM meta.snapshot WHERE sha256 = ? ORDER BY release DESC LIMIT 1",
            [sha256],
        ).fetchone()
        if row is not None:
            return Release(row[0], row[1], zip_name, sha256, "download")
    started = load.started_at
    return Release(started.strftime(RELEASE_NAME_FORMAT), started, zip_name, sha256, "load")


def _last_ok(con: duckdb.DuckDBPyConnection, stage: str) -> meta.RunRow | None:
    runs = meta.stage_runs(con, stage)
    return runs[0].last_ok if runs else None


def _has_snapshots(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'meta' AND table_name = 'snapshot'"
    ).fetchone()
    return bool(row and row[0])


def _select(table: Table) -> str:
    return f"SELECT * FROM {table.target()}"


def _reuse(changes: TableChanges, before: Path | None, linkable: bool) -> Reuse | None:
    """What of a table the previous version's folder `before` holds that may be linked (None: write all)."""
    return Reuse(before, changes.changed_buckets) if before is not None and linkable else None


def _relational(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    previous: Path | None,
    linkable: bool,
    now: datetime,
    scratch: Path,
    say: Callable[[str], None],
) -> tuple[Group, list[TableChanges]]:
    """One file per ocd.* table, named as the standard names it, and the retired-id map."""
    out = folder / "relational"
    before = previous / "relational" if previous else None
    tables = ocd_tables()
    written: list[tuple[Table, TableFiles]] = []
    changes: list[TableChanges] = []
    for table in tables:
        if table.child is not None:
            continue
        children = tuple(
            (child, _select(child), table.ocd_type.parent_column)
            for child in tables
            if child.child is not None and child.ocd_type is table.ocd_type
        )
        year = YEAR_COLUMNS.get(table.name)
        tracked = Tracked(table, _select(table), ("id",), children, year)
        say(f"relational {table.name}")
        changed = compare(con, tracked, before, now, scratch)
        changes.append(changed)
        carry_times(con, tracked)
        published = Published(table, _select(table), year, ("id",))
        written.append((table, write_table(con, published, out, folder, _reuse(changed, before, linkable))))
        # a child's rows are part of its parent's records: unchanged when none of them changed
        whole = _reuse(changed, before, linkable) if not changed.changed_buckets else None
        for child, query, _ in children:
            written.append((child, write_table(con, Published(child, query), out, folder, whole)))
    replaced = meta.PERSON_ID_REPLACEMENT
    say("relational person_id_replacement")
    changed = compare(con, Tracked(replaced, _select(replaced), ("retired_id",)), before, now, scratch)
    changes.append(changed)
    published = Published(replaced, _select(replaced), None, ("retired_id",))
    written.append((replaced, write_table(con, published, out, folder, _reuse(changed, before, linkable))))
    return Group("relational", "One file per Open Civic Data table", written), changes


def _forms(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    previous: Path | None,
    linkable: bool,
    now: datetime,
    scratch: Path,
    say: Callable[[str], None],
) -> tuple[Group, list[TableChanges]]:
    """The state's forms, each as its current versions and all its versions, followed by natural keys."""
    from calaccess.process.form_tables import TABLES as FORM_TABLES

    out = folder / "forms"
    before = previous / "forms" if previous else None
    written: list[tuple[Table, TableFiles]] = []
    changes: list[TableChanges] = []
    for table in FORM_TABLES:
        say(f"forms {table.name}")
        year = next((column.name for column in table.columns if column.duckdb_type == "DATE"), None)
        changed = compare(con, Tracked(table, _select(table), table.key, (), year), before, now, scratch)
        changes.append(changed)
        published = Published(table, _select(table), year, table.key)
        written.append((table, write_table(con, published, out, folder, _reuse(changed, before, linkable))))
    return Group("forms", "The state's forms, latest and all versions", written), changes


def _flat(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    previous: Path | None,
    linkable: bool,
    now: datetime,
    scratch: Path,
    say: Callable[[str], None],
) -> tuple[Group, list[TableChanges]]:
    """One row per thing (candidates, measures, committees, filings, transactions) and the money tables."""
    from calaccess.process.finance.money import TABLES as MONEY_TABLES
    from calaccess.process.lobbying.totals import TABLES as LOBBYING_TABLES
    from calaccess.publish import flat

    out = folder / "flat"
    before = previous / "flat" if previous else None
    written: list[tuple[Table, TableFiles]] = []
    changes: list[TableChanges] = []
    money = MONEY_TABLES + LOBBYING_TABLES
    for table, query in [(t, flat.query(t)) for t in flat.TABLES] + [(t, _select(t)) for t in money]:
        say(f"flat {table.name}")
        year = flat.YEAR_COLUMNS.get(table.name)
        changed = compare(con, Tracked(table, query, table.key, (), year), before, now, scratch)
        changes.append(changed)
        published = Published(table, query, year, table.key)
        written.append((table, write_table(con, published, out, folder, _reuse(changed, before, linkable))))
    return Group("flat", "One row per thing, names beside ids", written), changes


def published_groups(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    previous: Path | None,
    now: datetime,
    scratch: Path,
    say: Callable[[str], None],
) -> tuple[list[Group], list[TableChanges]]:
    """Write every group's files into the version's folder; the groups and each tracked table's changes
    (`history.compare`'s files in `scratch`). Files are linked from the previous version only where the
    same writer (this code, this DuckDB) wrote them: one that wrote other bytes for the same rows does not
    count as unchanged."""
    linkable = previous is not None and read_manifest(previous).get("written_by") == WRITER
    relational, changes = _relational(con, folder, previous, linkable, now, scratch, say)
    forms, form_changes = _forms(con, folder, previous, linkable, now, scratch, say)
    flat, flat_changes = _flat(con, folder, previous, linkable, now, scratch, say)
    return [flat, relational, forms], flat_changes + changes + form_changes


def ocd_table(name: str) -> OcdTable:
    """An OCD table's declaration by name."""
    for table in ocd_tables():
        if table.name == name:
            return table
    raise KeyError(name)


def write_feeds(
    con: duckdb.DuckDBPyConnection,
    folder: Path,
    now: datetime,
    previous: Path | None = None,
    changes: Sequence[TableChanges] = (),
) -> list[Path]:
    """Every interchange format the export knows (OCD JSON, VIP per election, NIST XML and JSON, ...), each
    in its own folder; the database was validated before, so each writer's own check is not run again.
    OCD JSON, which carries every transaction, is published compressed (`.jsonl.zst`); a type whose table
    did not change since the `previous` version (its `changes`) is linked from there, where the same writer
    wrote it."""
    from calaccess.ocd.export import EXPORT_FORMATS, export
    from calaccess.ocd.ocd_json import export_ocd_json

    written: list[Path] = []
    for feed in EXPORT_FORMATS:
        out = folder / feed.name
        if feed.name == "ocd-json":
            unchanged = {}
            if previous is not None and read_manifest(previous).get("written_by") == WRITER:
                names = {table.name for table in ocd_tables()}
                before = previous / folder.name / feed.name
                unchanged = {
                    c.table: before / f"{c.table}.jsonl.zst"
                    for c in changes
                    if c.table in names and not c.changed_buckets
                }
            written += [out / name for name in export_ocd_json(con, out, zstd=True, unchanged=unchanged)]
        else:
            written += export(con, feed.name, out, generated_at=now, allow_invalid=True)
    return written
