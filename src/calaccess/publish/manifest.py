"""The version's own account of itself: `manifest.json` (release, counts, file hashes, the data-quality
report) and what changed since the version before, `CHANGELOG.md` for people and `changes.json` for programs.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from calaccess import meta
from calaccess.publish.archive import VersionName, sha256_of
from calaccess.publish.history import TableChanges
from calaccess.publish.package import Group
from calaccess.publish.table_files import WRITER

MANIFEST = "manifest.json"


def _dump(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def quality_report(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The accounting of every stage and the findings counted by kind: what `calaccess report` sums up."""
    return {
        "accounting": [dataclasses.asdict(row) for row in meta.accounting(con)],
        "findings": [
            {"stage": stage, "kind": kind, "count": n} for stage, kind, n in meta.finding_counts(con)
        ],
    }


def read_manifest(version: Path) -> dict[str, Any]:
    """A published version's manifest; empty where it has none that can be read."""
    try:
        manifest = json.loads((version / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def write_manifest(
    folder: Path,
    version: str,
    release: dict[str, Any],
    groups: Sequence[Group],
    con: duckdb.DuckDBPyConnection,
) -> Path:
    """Write `manifest.json`: every file of the version (but itself) with its bytes and sha256."""
    files = [
        {"path": path.relative_to(folder).as_posix(), "bytes": path.stat().st_size, "sha256": sha256_of(path)}
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    ]
    manifest = {
        "version": version,
        "written_by": WRITER,
        "source": release,
        "tables": {
            f"{group.name}/{table.name}": files.rows for group in groups for table, files in group.files
        },
        "files": files,
        "data_quality": quality_report(con),
    }
    path = folder / MANIFEST
    _dump(path, manifest)
    return path


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def summary(changes: Sequence[TableChanges], con: duckdb.DuckDBPyConnection, first: bool) -> list[str]:
    """A few lines a reporter reads: new candidacies by election, new and amended filings, retired ids."""
    by_table = {change.table: change for change in changes}
    if first:
        return [
            "First version of this archive: "
            + "; ".join(_plural(c.rows, c.table.replace("_", " ")) for c in changes if c.rows)
        ]
    lines: list[str] = []
    if by_table.get("candidacy") and by_table["candidacy"].added:
        rows = con.execute(
            """SELECT e.name, count(*) FROM current_candidacy AS cur
               ANTI JOIN previous_candidacy USING (key)
               JOIN ocd.candidacy AS c ON c.id = cur.key
               JOIN ocd.candidate_contest AS contest ON contest.id = c.contest_id
               JOIN ocd.election AS e ON e.id = contest.election_id
               GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 10"""
        ).fetchall()
        lines += [f"{_plural(n, 'new candidacy', 'new candidacies')} in the {name}" for name, n in rows]
    if by_table.get("filing") and by_table["filing"].added:
        lines.append(_plural(by_table["filing"].added, "new filing"))
    if by_table.get("filing_action"):
        row = con.execute(
            """SELECT count(DISTINCT a.filing_id) FROM current_filing_action AS cur
               ANTI JOIN previous_filing_action USING (key)
               JOIN ocd.filing_action AS a ON a.id = cur.key
               WHERE a.filing_id IN (SELECT key FROM previous_filing)"""
        ).fetchone()
        if row and row[0]:
            lines.append(f"{row[0]:,} amended")
    retired = by_table.get("person")
    if retired and retired.removed:
        lines.append(
            _plural(retired.removed, "person id retired", "person ids retired") + " (person_id_replacement)"
        )
    for change in changes:
        if change.table in {"candidacy", "filing", "filing_action"}:
            continue
        if change.added or change.removed or change.changed:
            counts = f"{change.added:,} added, {change.removed:,} removed, {change.changed:,} changed"
            lines.append(f"{change.table}: {counts}")
    return lines or ["No record changed."]


def retired_ids(con: duckdb.DuckDBPyConnection) -> list[dict[str, str]]:
    """The person ids the previous version published that this one retires, each with the id that
    replaced it (meta.person_id_replacement): a user's saved ids keep pointing somewhere."""
    rows = con.execute(
        """SELECT old.key, replacement.replaced_by
           FROM previous_person AS old
           ANTI JOIN current_person USING (key)
           JOIN meta.person_id_replacement AS replacement ON replacement.retired_id = old.key
           ORDER BY ALL"""
    ).fetchall()
    return [{"retired_id": retired, "replaced_by": replaced_by} for retired, replaced_by in rows]


def write_changes(
    folder: Path,
    version: str,
    previous: VersionName | None,
    changes: Sequence[TableChanges],
    con: duckdb.DuckDBPyConnection,
) -> list[str]:
    """Write `changes.json` and `CHANGELOG.md` against the previous version (or say it is the first);
    returns the summary lines."""
    lines = summary(changes, con, previous is None)
    _dump(
        folder / "changes.json",
        {
            "version": version,
            "previous_version": str(previous) if previous else None,
            "summary": lines,
            "tables": [dataclasses.asdict(change) for change in changes],
            "retired_ids": retired_ids(con) if previous is not None else [],
        },
    )
    text = [f"# Changes in {version}", ""]
    text.append(f"Against {previous}." if previous else "The first version of this archive.")
    text += ["", *(f"- {line}" for line in lines), "", "| table | rows | added | removed | changed |"]
    text.append("| --- | ---: | ---: | ---: | ---: |")
    text += [f"| {c.table} | {c.rows:,} | {c.added:,} | {c.removed:,} | {c.changed:,} |" for c in changes]
    (folder / "CHANGELOG.md").write_text("\n".join(text) + "\n", encoding="utf-8")
    return lines
