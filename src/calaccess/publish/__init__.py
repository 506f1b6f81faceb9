"""`calaccess publish`: a version of the processed data, as files anyone can open, in the archive.

    <data-dir>/publish/<release>.<n>/      relational/ flat/ forms/   CSV and Parquet, one folder per group
                                            zip/<group>.zip            each group in one download
                                            calaccess.duckdb           the database itself
                                            datapackage.json           Frictionless Data Package v2
                                            manifest.json              release, counts, file hashes, report
                                            CHANGELOG.md, changes.json what changed since the version before
                                            site/                      the version's website (publish.site)
    <data-dir>/publish/index.html           the downloads page: every version, latest first
    <data-dir>/publish/latest -> <release>.<n>

Reads only the database (it must have been processed) and the archive's previous version, which is the
state that created/updated times and the changelog are carried from. Writes nothing under a real name until
the version is whole (`archive.Archive.staging`), then points `latest` at it in one rename.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from calaccess import progress
from calaccess.errors import CalaccessError
from calaccess.publish.archive import Archive, VersionName, link_unchanged, remember_sha256
from calaccess.publish.contents import published_groups, release_of, write_feeds
from calaccess.publish.history import TableChanges, comparisons
from calaccess.publish.manifest import read_manifest, write_changes, write_manifest
from calaccess.publish.package import write_datapackage
from calaccess.publish.site import build_site
from calaccess.publish.site.downloads import write_downloads_page
from calaccess.publish.zips import write_group_zips

PUBLISH_DIR = "publish"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublishResult:
    """What a publish wrote: the version, its folder, its changes, and the bytes hard-linked from the last."""

    version: VersionName
    path: Path
    changes: list[TableChanges]
    summary: list[str]
    linked_bytes: int
    pruned: list[VersionName]

    def changes_line(self) -> str:
        """The changelog's first lines, in one."""
        return "; ".join(self.summary[:3]) + ("; ..." if len(self.summary) > 3 else "")


def publish(
    con: duckdb.DuckDBPyConnection,
    database_path: Path,
    archive_dir: Path,
    *,
    keep: int | None = None,
    now: datetime | None = None,
    validated: bool = False,
) -> PublishResult:
    """Write the next version of the database's release into the archive and make it `latest`.

    Refuses a database that breaks the OCD rules (`validated`: the caller has just checked)."""
    archive = Archive(archive_dir)
    release = release_of(con)
    if not validated:
        from calaccess.ocd.validate import validate_database

        findings = validate_database(con)
        if findings:
            raise CalaccessError(
                f"the database breaks the OCD rules ({len(findings):,} findings; `calaccess validate` lists "
                "them): nothing published"
            )
    now = now or datetime.now(UTC).replace(microsecond=0)
    name = archive.next_name(release.name)
    previous_name = archive.latest()
    previous = archive.path(previous_name) if previous_name else None
    if previous is not None:
        listed = read_manifest(previous).get("files", [])
        remember_sha256(previous, [(f["path"], f["bytes"], f["sha256"]) for f in listed])
    with archive.staging(name) as folder, progress.task(f"publishing {name}", unit="parts") as advance:

        def say(part: str) -> None:
            log.info("publish %s: %s", name, part)
            advance()

        # The carried times are written into ocd.* too, and kept only if the version is; the files are
        # written inside the same transaction, so they see them.
        con.execute("BEGIN TRANSACTION")
        try:
            with comparisons(con, folder) as scratch:
                groups, changes = published_groups(con, folder, previous, now, scratch, say)
                say("changelog")
                summary = write_changes(folder, str(name), previous_name, changes, con)
            say("feeds")
            write_feeds(con, folder / "feeds", now, previous, changes)
            say("datapackage.json")
            write_datapackage(folder, str(name), release.facts(now), groups)
            say("zips")
            write_group_zips(folder, groups, previous)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        say("database file")
        _copy_database(con, database_path, folder / "calaccess.duckdb")
        say("site")
        build_site(con, folder, str(name), say)
        write_manifest(folder, str(name), release.facts(now), groups, con)
        linked = link_unchanged(folder, previous)
    archive.point_latest(name)
    pruned = archive.prune(keep) if keep is not None else []
    write_downloads_page(archive.root)
    return PublishResult(name, archive.path(name), changes, summary, linked, pruned)


def _copy_database(con: duckdb.DuckDBPyConnection, database_path: Path, target: Path) -> None:
    """The database as users download it: a checkpointed copy (the file holds every committed change)."""
    con.execute("CHECKPOINT")
    shutil.copyfile(database_path, target)


__all__: Sequence[str] = ("PUBLISH_DIR", "PublishResult", "publish")
