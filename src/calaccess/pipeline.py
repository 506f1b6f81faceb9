"""Every stage in order, as `calaccess update` runs them: download, load, scrape, process, validate.

Each stage commits on its own, so a failure stops the run with the earlier stages' work kept and the
failed stage's previous tables intact; running again resumes from the start.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from calaccess.settings import Settings


@dataclass
class UpdateResult:
    """What one update did: the zip it loaded, how long each stage took, and the validation findings."""

    zip_path: Path
    downloaded: bool | None = None
    elapsed_s: dict[str, float] = field(default_factory=dict)
    validation_findings: int = 0

    def summary(self) -> str:
        stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in self.elapsed_s.items())
        return (
            f"updated from {self.zip_path.name}: {stages}; {self.validation_findings:,} validation findings"
        )


def update(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    *,
    zip_path: Path | None = None,
    pages_dir: Path | None = None,
    reference_dir: Path | None = None,
    scrape_delay_s: float = 2.0,
) -> UpdateResult:
    """Run every stage; with `zip_path` and `pages_dir` it needs no network at all."""
    from calaccess.ocd.validate import validate_database
    from calaccess.process import process
    from calaccess.raw.load import load, zip_to_load
    from calaccess.raw.source import download
    from calaccess.scrape import scrape

    elapsed: dict[str, float] = {}
    downloaded: bool | None = None
    started = time.perf_counter()
    if zip_path is None:
        downloaded = download(con, settings).downloaded
        elapsed["download"], started = _lap(started)
    zip_to_use = zip_to_load(settings, zip_path)
    load(con, zip_to_use)
    elapsed["load"], started = _lap(started)
    scrape(con, settings, pages_dir, min_interval_s=scrape_delay_s)
    elapsed["scrape"], started = _lap(started)
    process(con, reference_dir)
    elapsed["process"], started = _lap(started)
    findings = validate_database(con)
    elapsed["validate"], started = _lap(started)
    return UpdateResult(zip_to_use, downloaded, elapsed, len(findings))


def _lap(started: float) -> tuple[float, float]:
    now = time.perf_counter()
    return now - started, now
