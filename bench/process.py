"""Benchmark processing of a loaded export, next to the floor of any step that rewrites the itemised tables.

    python -m bench.generate --out /tmp/calaccess-bench --scale 1.0
    python -m bench.process --zip /tmp/calaccess-bench/dbwebexport.zip --work /tmp/calaccess-bench

Each step runs in its own process, so its peak memory (the process's maximum resident set, DuckDB
included) is its own:
- `prepare`: load the zip and parse the saved pages (`../shared/calaccess/pages`) into `work/process.duckdb`
  (skipped when that database holds a load of the same zip: `--reload` forces it);
- `floor`: `CREATE TABLE ... AS SELECT * FROM raw.<table>` for each itemised raw table, committed, in a copy
  of that database: what DuckDB takes to write the items once, the floor of any step that rewrites them;
- `process`: `calaccess.process.process` on a copy of the prepared database, with the seconds of each step.
Figures as a Markdown table (and JSON with `--json PATH`); `process / floor` is the ratio the goal is set on.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

STEPS = ("prepare", "floor", "process")
#: The raw tables of itemised lines and summaries: the ones processing rewrites at volume.
ITEMISED = ("rcpt_cd", "expn_cd", "loan_cd", "s497_cd", "s496_cd", "s498_cd", "debt_cd", "s401_cd", "smry_cd")
PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "calaccess" / "pages"


def _prepared(work: Path) -> Path:
    return work / "process.duckdb"


def step_prepare(zip_path: Path, work: Path, pages: Path, reload: bool) -> dict[str, Any]:
    """Load and scrape into the database the other steps copy, unless it holds this zip's load already."""
    from calaccess import db
    from calaccess.raw.load import load
    from calaccess.scrape import scrape
    from calaccess.settings import Settings

    path = _prepared(work)
    marker = work / "process.duckdb.zip"
    if not reload and path.exists() and marker.exists() and marker.read_text() == str(zip_path.resolve()):
        return {"rows": 0, "reused": True}
    path.unlink(missing_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    with db.connect(path) as con:
        result = load(con, zip_path)
        scrape(con, Settings(data_dir=work / "data"), pages)
    marker.write_text(str(zip_path.resolve()))
    return {"rows": result.loaded, "reused": False}


def _copy(work: Path, name: str) -> Path:
    target = work / name
    shutil.copyfile(_prepared(work), target)
    return target


def step_floor(work: Path) -> dict[str, Any]:
    """DuckDB alone: one plain copy of each itemised table, committed."""
    from calaccess import db

    path = _copy(work, "floor.duckdb")
    rows = 0
    seconds: dict[str, float] = {}
    try:
        with db.connect(path) as con:
            for table in ITEMISED:
                started = time.perf_counter()
                con.execute(f"CREATE TABLE main.copy_{table} AS SELECT * FROM raw.{table}")
                con.execute("CHECKPOINT")
                seconds[table] = round(time.perf_counter() - started, 1)
                counted = con.execute(f"SELECT count(*) FROM main.copy_{table}").fetchone()
                rows += int(counted[0]) if counted else 0
    finally:
        path.unlink(missing_ok=True)
    return {"rows": rows, "tables": seconds}


def step_process(work: Path) -> dict[str, Any]:
    """The whole processing, as `calaccess process` runs it, on a copy of the prepared database."""
    from calaccess import db
    from calaccess.process import process

    path = _copy(work, "processed.duckdb")
    try:
        with db.connect(path) as con:
            result = process(con)
            transactions = con.execute("SELECT count(*) FROM ocd.transaction").fetchone()
        slowest = sorted(result.step_seconds.items(), key=lambda item: -item[1])[:8]
        return {
            "rows": int(transactions[0]) if transactions else 0,
            "steps": {name: round(seconds, 1) for name, seconds in slowest},
            "tables": {name: rows for name, rows in result.table_rows.items() if rows},
        }
    finally:
        path.unlink(missing_ok=True)


def run_step(step: str, zip_path: Path, work: Path, pages: Path, reload: bool) -> dict[str, Any]:
    """Run one step here, in this process, and measure it."""
    started = time.perf_counter()
    if step == "prepare":
        detail = step_prepare(zip_path, work, pages, reload)
    elif step == "floor":
        detail = step_floor(work)
    else:
        detail = step_process(work)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = round(time.perf_counter() - started, 1)
    return {"step": step, "seconds": seconds, "peak_rss_mb": round(peak_kb / 1024), **detail}


def _in_child(step: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.process", "--zip", str(args.zip), "--work", str(args.work),
               "--pages", str(args.pages), "--one", step] + (["--reload"] if args.reload else [])  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{step} failed:\n{done.stderr[-4000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def markdown(figures: list[dict[str, Any]]) -> str:
    lines = ["| step | seconds | rows | peak RSS (MB) |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {f['step']} | {f['seconds']:.1f} | {f['rows']:,} | {f['peak_rss_mb']:,} |" for f in figures]
    by_step = {f["step"]: f for f in figures}
    if "floor" in by_step and "process" in by_step and by_step["floor"]["seconds"]:
        ratio = by_step["process"]["seconds"] / by_step["floor"]["seconds"]
        lines.append(f"\nprocess / floor: {ratio:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.process", description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, required=True, help="the export zip (bench.generate writes one)")
    parser.add_argument("--work", type=Path, required=True, help="a folder for the databases")
    parser.add_argument("--pages", type=Path, default=PAGES, help="saved website pages to scrape")
    parser.add_argument("--steps", default=",".join(STEPS), help="which steps, comma-separated")
    parser.add_argument("--reload", action="store_true", help="load the zip again even if loaded")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--one", choices=STEPS, help=argparse.SUPPRESS)  # a child runs one step
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_step(args.one, args.zip, args.work, args.pages, args.reload)))
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
