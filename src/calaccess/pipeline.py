"""Every stage in order, as `calaccess update` runs them: download, load, scrape, process, validate, publish.

Each stage commits on its own, so a failure stops the run with the earlier stages' work kept and the
failed stage's previous tables intact; running again resumes from the start. Publishing comes last and only
after a clean validation, so a failed night leaves the published `latest` as it was. A night whose release
is one the archive has published already does nothing else: the export may stop changing for good now that
the state has replaced CAL-ACCESS, and a version identical to the last one helps nobody.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from calaccess.errors import DatabaseError
from calaccess.settings import Settings

#: The stages whose tables each stage reads; it refuses to start before they have run.
NEEDS: dict[str, tuple[str, ...]] = {"process": ("load", "scrape")}


@dataclass
class UpdateResult:
    """What one update did: the zip it loaded, how long each stage took, and the validation findings."""

    zip_path: Path
    downloaded: bool | None = None
    elapsed_s: dict[str, float] = field(default_factory=dict)
    validation_findings: int = 0
    published: Path | None = None  # the version's folder
    unchanged_release: str | None = None  # the release, when the night brought no new one
    notes: list[str] = field(default_factory=list)  # what the run did instead of failing (saved pages)

    def summary(self) -> str:
        if self.unchanged_release is not None:
            return (
                f"no new release: {self.unchanged_release} is published already "
                f"({self.zip_path}); nothing to do"
            )
        stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in self.elapsed_s.items())
        where = f"; published {self.published}" if self.published else ""
        notes = "".join(f"; {note}" for note in self.notes)
        return (
            f"updated from {self.zip_path.name}: {stages}; {self.validation_findings:,} validation findings"
            f"{where}{notes}"
        )


def update(
    connect: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
    settings: Settings,
    *,
    zip_path: Path | None = None,
    pages_dir: Path | None = None,
    reference_dir: Path | None = None,
    scrape_delay_s: float = 2.0,
    archive_dir: Path | None = None,
    keep: int | None = None,
) -> UpdateResult:
    """Run every stage; with `zip_path` and `pages_dir` it needs no network at all.

    `connect()` opens the database (`db.writing` does, for the command). It is called only once the
    download is over, as `calaccess download` does: DuckDB lets one process write a file and no other
    open it meanwhile, so holding it through a long transfer would lock out every reader.
    """
    from calaccess.ocd.validate import validate_database
    from calaccess.process import process
    from calaccess.publish import publish
    from calaccess.publish.archive import Archive
    from calaccess.raw.load import load, zip_to_load
    from calaccess.raw.source import download_then_record

    elapsed: dict[str, float] = {}
    downloaded: bool | None = None
    started = time.perf_counter()
    archive = Archive(archive_dir or settings.publish_dir)
    if zip_path is None:
        fetched = download_then_record(connect, settings)
        downloaded = fetched.downloaded
        elapsed["download"], started = _lap(started)
        release = fetched.snapshot.release
        if not downloaded and any(version.release == release for version in archive.versions()):
            return UpdateResult(fetched.snapshot.zip_path, False, elapsed, unchanged_release=release)
    zip_to_use = zip_to_load(settings, zip_path)
    with connect() as con:
        load(con, zip_to_use)
        elapsed["load"], started = _lap(started)
        notes = scrape_or_reuse(con, settings, pages_dir, scrape_delay_s)
        elapsed["scrape"], started = _lap(started)
        process(con, reference_dir)
        elapsed["process"], started = _lap(started)
        findings = validate_database(con)
        elapsed["validate"], started = _lap(started)
        if findings:
            return UpdateResult(zip_to_use, downloaded, elapsed, len(findings))
        version = publish(con, settings.database_path, archive.root, keep=keep, validated=True)
        elapsed["publish"], started = _lap(started)
    return UpdateResult(zip_to_use, downloaded, elapsed, 0, version.path, notes=notes)


def scrape_or_reuse(
    con: duckdb.DuckDBPyConnection, settings: Settings, pages_dir: Path | None, delay_s: float
) -> list[str]:
    """Scrape the site; when it cannot be reached, parse the pages an earlier crawl saved instead.

    The state has replaced CAL-ACCESS, and its website may go before the export does: a night without it
    should still publish the new export, beside the last pages seen (the run says so, and meta.run keeps the
    failed crawl with its error)."""
    from calaccess.errors import SourceError
    from calaccess.scrape import scrape

    if pages_dir is not None:
        scrape(con, settings, pages_dir, min_interval_s=delay_s)
        return []
    try:
        scrape(con, settings, None, min_interval_s=delay_s)
    except SourceError as error:
        saved = settings.pages_dir
        if not saved.is_dir() or not any(saved.rglob("*.html")):
            raise
        scrape(con, settings, saved, min_interval_s=delay_s)
        return [f"the website could not be reached ({str(error)[:200]}): reused the pages saved in {saved}"]
    return []


def require_inputs(con: duckdb.DuckDBPyConnection, stage: str, database: Path | None = None) -> None:
    """Refuse to start `stage` before the stages it reads have run once, naming which to run first.

    Without this, processing an empty database fails deep in its SQL on a missing table.
    """
    needed = NEEDS.get(stage, ())
    if not needed:
        return
    ran = {name for (name,) in con.execute("SELECT stage FROM meta.run WHERE status = 'ok'").fetchall()}
    missing = [name for name in needed if name not in ran]
    if not missing:
        return
    if database is None:
        row = con.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchone()
        database = Path(row[0]) if row and row[0] else None
    where = database or "the database"
    then = "".join(f", then `calaccess {name}`" for name in missing[1:])
    raise DatabaseError(
        f"{stage} needs what {' and '.join(needed)} make, and {where} holds nothing from "
        f"{' or '.join(missing)} yet: run `calaccess {missing[0]}` first{then} "
        "(`calaccess update` runs every stage)"
    )


def _lap(started: float) -> tuple[float, float]:
    now = time.perf_counter()
    return now - started, now
