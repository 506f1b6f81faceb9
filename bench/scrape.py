"""How long parsing the 350 saved CAL-ACCESS pages takes (the bar: at most 10 s on 2 cores).

    python -m bench.scrape [--pages DIR] [--repeat N]

Times the parse alone (read, decode, parse, collapse) and the whole offline `scrape` into a fresh DuckDB
file (parse + write + accounting), best of N runs, and prints both with the rows they produced.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from calaccess import db
from calaccess.scrape import parse_pages, scrape
from calaccess.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = Path(os.environ.get("CALACCESS_SHARED", ROOT.parent / "shared")) / "calaccess" / "pages"
LIMIT_S = 10.0


def best_of(repeat: int, step: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="saved pages (default: ../shared)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step; the best is reported")
    args = parser.parse_args()

    pages = sorted(args.pages.rglob("*.html"))
    megabytes = sum(p.stat().st_size for p in pages) / 1e6
    scraped = parse_pages(args.pages)
    parse_s = best_of(args.repeat, lambda: parse_pages(args.pages))

    def full_scrape() -> None:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(data_dir=Path(folder))
            with db.connect(settings.database_path) as con:
                scrape(con, settings, args.pages)

    scrape_s = best_of(args.repeat, full_scrape)
    rows = {name: len(table_rows) for name, table_rows in scraped.rows.items()}
    print(f"pages: {len(pages)} files, {megabytes:.1f} MB, on {os.cpu_count()} cores")
    print(f"rows: {rows}")
    print(f"parse only: {parse_s:.2f} s ({len(pages) / parse_s:.0f} pages/s)")
    print(f"offline scrape into DuckDB: {scrape_s:.2f} s (limit {LIMIT_S:.0f} s)")
    if scrape_s > LIMIT_S:
        raise SystemExit(f"too slow: {scrape_s:.2f} s > {LIMIT_S:.0f} s")


if __name__ == "__main__":
    main()
