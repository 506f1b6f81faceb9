"""Benchmark the load of an export zip, step by step, next to DuckDB's own plain `read_csv` as the floor.

    python -m bench.generate --out /tmp/calaccess-bench --scale 1.0
    python -m bench.load --zip /tmp/calaccess-bench/dbwebexport.zip --work /tmp/calaccess-bench

Each step runs in its own process, so its peak memory (the process's maximum resident set, DuckDB
included) is its own:

- `unzip`: inflate every `.TSV` to disk (what any reader of the zip pays first).
- `floor`: DuckDB's plain `read_csv` of the unzipped files into a new database file, every column as
  text and bad lines skipped (`ignore_errors`): parse and store, nothing else. Our goal is 2x this.
- `clean`: our Python cleaning alone (inflate with ISA-L, check, repair), its output thrown away.
- `load`: `calaccess.raw.load.load` of the zip into a new database file: cleaning, typing, accounting,
  one transaction, all of it; also the most clean text that waited on disk at once.

Figures: seconds, rows, MB of TSV (uncompressed), rows/s, MB/s and peak RSS in MB, as a Markdown table
(and JSON with `--json PATH`).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

STEPS = ("unzip", "floor", "clean", "load")
READ_BYTES = 4 * 1024 * 1024


def _tsv_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [info for info in archive.infolist() if info.filename.upper().endswith(".TSV")]


def _uncompressed_bytes(zip_path: Path) -> int:
    with zipfile.ZipFile(zip_path) as archive:
        return sum(info.file_size for info in _tsv_members(archive))


def step_unzip(zip_path: Path, work: Path) -> int:
    """Inflate every .TSV into work/tsv; the rows are counted as lines after the header."""
    folder = work / "tsv"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rows = 0
    with zipfile.ZipFile(zip_path) as archive:
        for info in _tsv_members(archive):
            with archive.open(info) as source, (folder / Path(info.filename).name).open("wb") as target:
                lines = 0
                while block := source.read(READ_BYTES):
                    target.write(block)
                    lines += block.count(b"\n")
                rows += max(lines - 1, 0)
    return rows


def step_floor(zip_path: Path, work: Path) -> int:
    """DuckDB alone: read_csv of each unzipped file into a table of a new database file."""
    import duckdb

    from calaccess import db

    path = work / "floor.duckdb"
    path.unlink(missing_ok=True)
    rows = 0
    with db.connect(path) as con:
        for tsv in sorted((work / "tsv").glob("*.TSV")):
            if tsv.stat().st_size == 0:
                continue
            name = tsv.stem.lower()
            try:
                con.execute(
                    f"CREATE TABLE floor_{name} AS SELECT * FROM read_csv(?, delim = '\t', quote = '', "
                    "escape = '', header = true, all_varchar = true, strict_mode = false, "
                    "null_padding = true, ignore_errors = true)",
                    [str(tsv)],
                )
            except duckdb.Error as error:
                print(f"floor: {tsv.name}: {error}", file=sys.stderr)
                continue
            counted = con.execute(f"SELECT count(*) FROM floor_{name}").fetchone()
            rows += int(counted[0]) if counted else 0
    path.unlink(missing_ok=True)
    return rows


def step_clean(zip_path: Path, work: Path) -> int:
    """Our cleaning alone: inflate and clean every member, keep nothing."""
    from calaccess.raw.load import cleaner_for, inflate_member

    rows = 0
    with zipfile.ZipFile(zip_path) as archive:
        for info in _tsv_members(archive):
            cleaner = cleaner_for(info.filename)
            for _ in cleaner.clean(inflate_member(archive, info)):
                pass
            rows += cleaner.report.records
    return rows


class _FolderPeak(threading.Thread):
    """The most bytes that folders matching a pattern held at once, sampled four times a second."""

    def __init__(self, parent: Path, pattern: str) -> None:
        super().__init__(daemon=True)
        self.parent, self.pattern = parent, pattern
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.25):
            total = 0
            for folder in self.parent.glob(self.pattern):
                for file in folder.glob("*"):
                    try:
                        total += file.stat().st_size
                    except OSError:
                        continue  # deleted while we looked
            self.peak = max(self.peak, total)


def step_load(zip_path: Path, work: Path) -> dict[str, Any]:
    """The whole load, as `calaccess load --zip` runs it, into a new database file."""
    from calaccess import db
    from calaccess.raw.load import load

    path = work / "load.duckdb"
    path.unlink(missing_ok=True)
    disk = _FolderPeak(work, "calaccess-load-*")
    disk.start()
    try:
        with db.connect(path) as con:
            result = load(con, zip_path)
    finally:
        disk.done.set()
        disk.join()
    slowest = sorted(result.tables, key=lambda table: -table.elapsed_s)[:5]
    detail = {
        "records": result.records,
        "loaded": result.loaded,
        "repaired": result.repaired,
        "rejected": result.rejected,
        "cast_failures": result.cast_failures,
        "typed_by_macros": result.typed_by_macros,
        "database_mb": round(path.stat().st_size / 1e6),
        "peak_clean_text_mb": round(disk.peak / 1e6),
        "slowest_tables": [
            {"table": table.name, "rows": table.records, "s": round(table.elapsed_s, 1)} for table in slowest
        ],
    }
    path.unlink(missing_ok=True)
    return detail


def run_step(step: str, zip_path: Path, work: Path) -> dict[str, Any]:
    """Run one step here, in this process, and measure it."""
    started = time.perf_counter()
    detail: dict[str, Any] = {}
    if step == "unzip":
        rows = step_unzip(zip_path, work)
    elif step == "floor":
        rows = step_floor(zip_path, work)
    elif step == "clean":
        rows = step_clean(zip_path, work)
    else:
        detail = step_load(zip_path, work)
        rows = int(detail["records"])
    elapsed_s = time.perf_counter() - started
    megabytes = _uncompressed_bytes(zip_path) / 1e6
    return {
        "step": step,
        "seconds": round(elapsed_s, 1),
        "rows": rows,
        "mb": round(megabytes),
        "rows_per_s": round(rows / elapsed_s),
        "mb_per_s": round(megabytes / elapsed_s, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        **detail,
    }


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "| step | seconds | rows | MB of TSV | rows/s | MB/s | peak RSS (MB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        lines.append(
            f"| {result['step']} | {result['seconds']:,} | {result['rows']:,} | {result['mb']:,} | "
            f"{result['rows_per_s']:,} | {result['mb_per_s']:,} | {result['peak_rss_mb']:,} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--zip", type=Path, required=True, help="an export zip (python -m bench.generate)")
    parser.add_argument("--work", type=Path, required=True, help="folder for unzipped files and databases")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, of {', '.join(STEPS)}")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # one step, in a child process
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step:
        print(json.dumps(run_step(args.step, args.zip, args.work)))
        return 0
    results = []
    for step in args.steps.split(","):
        if step == "floor" and not (args.work / "tsv").is_dir():
            print("floor: unzipping first (not timed as floor)", file=sys.stderr)
            step_unzip(args.zip, args.work)
        command = [sys.executable, "-m", "bench.load", "--zip", str(args.zip), "--work", str(args.work)]
        child = subprocess.run([*command, "--step", step], capture_output=True, text=True, check=False)
        if child.returncode != 0:
            print(f"{step} failed:\n{child.stderr}", file=sys.stderr)
            return 1
        result = json.loads(child.stdout.strip().splitlines()[-1])
        results.append(result)
        print(json.dumps(result), file=sys.stderr, flush=True)
    print(markdown(results))
    by_step = {result["step"]: result for result in results}
    if "floor" in by_step and "load" in by_step:
        ratio = by_step["load"]["seconds"] / by_step["floor"]["seconds"]
        print(f"\nload / floor: {ratio:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    shutil.rmtree(args.work / "tsv", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
