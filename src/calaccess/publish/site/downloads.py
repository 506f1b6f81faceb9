"""The archive's downloads page, `<archive>/index.html`: every version, latest first, with its date, its
sizes and row counts, its changelog, its site, its field documentation and every file it holds.

Rewritten at each publish (and after pruning) from the versions' own `manifest.json` and `changes.json`,
so the page says only what the versions on disk say of themselves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calaccess.files import write_atomic
from calaccess.publish.archive import LATEST, Archive
from calaccess.publish.site.pages import environment

PAGE = "index.html"


def _read(path: Path) -> dict[str, Any]:
    try:
        value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value


def version_facts(archive: Archive) -> list[dict[str, Any]]:
    """What the page says of each version, newest first."""
    latest = archive.latest()
    found: list[dict[str, Any]] = []
    for name in reversed(archive.versions()):
        folder = archive.path(name)
        manifest = _read(folder / "manifest.json")
        changes = _read(folder / "changes.json")
        files = [
            entry for entry in manifest.get("files", []) if not str(entry.get("path", "")).startswith("site/")
        ]
        site_bytes = sum(
            entry.get("bytes", 0) for entry in manifest.get("files", []) if entry["path"].startswith("site/")
        )
        tables = manifest.get("tables", {})
        found.append(
            {
                "name": str(name),
                "is_latest": name == latest,
                "source": manifest.get("source", {}),
                "files": files,
                "bytes": sum(entry.get("bytes", 0) for entry in files) + site_bytes,
                "site_bytes": site_bytes,
                "counts": {
                    label: tables.get(table)
                    for label, table in (
                        ("elections", "relational/election"),
                        ("candidacies", "relational/candidacy"),
                        ("ballot measures", "relational/ballot_measure_contest"),
                        ("committees", "relational/committee"),
                        ("filings", "relational/filing"),
                        ("transactions", "relational/transaction"),
                    )
                    if table in tables
                },
                "summary": changes.get("summary", []),
                "has_site": (folder / "site" / "index.html").is_file(),
            }
        )
    return found


def write_downloads_page(archive_root: Path) -> Path:
    """(Re)write `<archive>/index.html`; returns its path."""
    archive = Archive(archive_root)
    html = (
        environment()
        .get_template("downloads.html")
        .render(versions=version_facts(archive), latest=LATEST if archive.latest() else None)
    )
    path = archive_root / PAGE
    write_atomic(path, html.encode("utf-8"))
    return path
