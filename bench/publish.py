"""Benchmark publishing a processed export, and the whole nightly `update` from zip to published version.

    python -m bench.generate --out /tmp/calaccess-bench --scale 1.0
    python -m bench.publish --zip /tmp/calaccess-bench/dbwebexport.zip --work /tmp/calaccess-bench/work

Each step runs in its own process, so its peak memory (the process's maximum resident set, DuckDB
included) is its own:
- `processed`: process and validate a copy of `bench.process`'s prepared database (`work/process.duckdb`,
  which `bench.process --steps prepare` makes) into `work/published.duckdb` (kept, and reused when it is
  newer than the prepared one);
- `publish`: `calaccess.publish.publish` of that database into a fresh archive, with the seconds of each part
  (each table's compare, CSV and Parquet files; feeds; the data package; the changelog; the zips; the
  database file; the manifest and the hard links);
- `republish`: a second publish of the same database into the same archive: what a night costs when little
  changed (every table compared with the last version, unchanged files hard-linked);
- `update`: `calaccess update` from the zip and the saved pages into a fresh data directory, as cron runs it,
  with the seconds of each stage.
Figures as a Markdown table (and JSON with `--json PATH`).
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.process import PAGES

STEPS = ("processed", "publish", "republish", "update")


def _processed(work: Path) -> Path:
    return work / "published.duckdb"


def _archive(work: Path) -> Path:
    return work / "archive"


def step_processed(work: Path) -> dict[str, Any]:
    """Process and validate a copy of the prepared database, unless a newer processed copy is there."""
    from calaccess import db
    from calaccess.ocd.validate import validate_database
    from calaccess.process import process

    prepared, target = work / "process.duckdb", _processed(work)
    if not prepared.exists():
        raise SystemExit(f"{prepared}: run `python -m bench.process --steps prepare` first")
    if target.exists() and target.stat().st_mtime > prepared.stat().st_mtime:
        return {"rows": 0, "reused": True}
    shutil.copyfile(prepared, target)
    with db.connect(target) as con:
        process(con)
        findings = validate_database(con)
        counted = con.execute("SELECT count(*) FROM ocd.transaction").fetchone()
    if findings:
        target.unlink()
        raise SystemExit(f"{len(findings):,} validation findings: nothing to publish")
    return {"rows": int(counted[0]) if counted else 0, "reused": False}


class _PartTimer(logging.Handler):
    """Times publish's parts from the lines it logs as it starts each one."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.starts: list[tuple[str, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "calaccess.publish" and len(record.args or ()) == 2:
            self.starts.append((str(record.args[1]), time.perf_counter()))  # type: ignore[index]

    def seconds(self, ended: float) -> dict[str, float]:
        """Seconds per part, the parts of one kind ('relational', 'forms', 'flat') summed."""
        totals: dict[str, float] = {}
        ends = [start for _, start in self.starts[1:]] + [ended]
        for (part, start), end in zip(self.starts, ends, strict=True):
            kind = part.split(" ")[0] if part.split(" ")[0] in ("relational", "forms", "flat") else part
            totals[kind] = round(totals.get(kind, 0.0) + end - start, 1)
        return totals


def step_publish(work: Path, fresh: bool) -> dict[str, Any]:
    """One publish of the processed database: into a fresh archive, or beside the last version."""
    from calaccess import db
    from calaccess.publish import publish

    archive = _archive(work)
    if fresh:
        shutil.rmtree(archive, ignore_errors=True)
    timer = _PartTimer()
    logger = logging.getLogger("calaccess.publish")
    logger.setLevel(logging.INFO)
    logger.addHandler(timer)
    with db.connect(_processed(work)) as con:
        result = publish(con, _processed(work), archive, validated=True)
    ended = time.perf_counter()
    files = [path for path in result.path.rglob("*") if path.is_file()]
    manifest = json.loads((result.path / "manifest.json").read_text())
    return {
        "rows": sum(manifest["tables"].values()),
        "version": str(result.version),
        "files": len(files),
        "mb": round(sum(path.stat().st_size for path in files) / 1e6),
        "linked_mb": round(result.linked_bytes / 1e6),
        "parts": timer.seconds(ended),
    }


def step_update(zip_path: Path, work: Path, pages: Path) -> dict[str, Any]:
    """The nightly job, from the zip and the saved pages, into a fresh data directory."""
    from calaccess import db
    from calaccess.pipeline import update
    from calaccess.settings import Settings

    data = work / "update"
    shutil.rmtree(data, ignore_errors=True)
    settings = Settings(data_dir=data)
    result = update(lambda: db.writing(settings.database_path), settings, zip_path=zip_path, pages_dir=pages)
    if result.published is None:
        raise SystemExit(result.summary())
    with db.connect(settings.database_path, read_only=True) as con:
        counted = con.execute("SELECT count(*) FROM ocd.transaction").fetchone()
    return {
        "rows": int(counted[0]) if counted else 0,
        "stages": {stage: round(seconds, 1) for stage, seconds in result.elapsed_s.items()},
    }


def run_step(step: str, zip_path: Path, work: Path, pages: Path) -> dict[str, Any]:
    """Run one step here, in this process, and measure it."""
    started = time.perf_counter()
    if step == "processed":
        detail = step_processed(work)
    elif step in ("publish", "republish"):
        detail = step_publish(work, fresh=step == "publish")
    else:
        detail = step_update(zip_path, work, pages)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = round(time.perf_counter() - started, 1)
    return {"step": step, "seconds": seconds, "peak_rss_mb": round(peak_kb / 1024), **detail}


def _in_child(step: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.publish", "--zip", str(args.zip), "--work", str(args.work),
               "--pages", str(args.pages), "--one", step]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{step} failed:\n{done.stderr[-4000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def markdown(figures: list[dict[str, Any]]) -> str:
    lines = ["| step | seconds | peak RSS (MB) | where the time goes |", "| --- | ---: | ---: | --- |"]
    for f in figures:
        parts = f.get("parts") or f.get("stages") or {}
        detail = ", ".join(f"{name} {seconds:.1f}" for name, seconds in parts.items())
        if "mb" in f:
            detail += f"; {f['files']:,} files, {f['mb']:,} MB ({f['linked_mb']:,} MB hard-linked)"
        lines.append(f"| {f['step']} | {f['seconds']:.1f} | {f['peak_rss_mb']:,} | {detail} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.publish", description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, required=True, help="the export zip (bench.generate writes one)")
    parser.add_argument("--work", type=Path, required=True, help="bench.process's work folder")
    parser.add_argument("--pages", type=Path, default=PAGES, help="saved website pages to scrape")
    parser.add_argument("--steps", default=",".join(STEPS), help="which steps, comma-separated")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--one", choices=STEPS, help=argparse.SUPPRESS)  # a child runs one step
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_step(args.one, args.zip, args.work, args.pages)))
        return 0
    figures = []
    for step in args.steps.split(","):
        figures.append(_in_child(step, args))
        print(f"{step}: {figures[-1]['seconds']:.1f} s", file=sys.stderr)
    print(markdown(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
