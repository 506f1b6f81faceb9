"""Regenerate every generated document: the README's command reference and the data dictionaries in docs/.

Each is derived from one definition (the CLI, the raw registry, the scraped tables, the OCD types, the meta
tables, the form tables); tests fail when a committed copy is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from calaccess.docs import GENERATED, render

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python scripts/update_docs.py", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 naming each document that is out of date"
    )
    args = parser.parse_args(argv)
    stale = []
    for relative_path in GENERATED:
        path = ROOT / relative_path
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        wanted = render(relative_path, current)
        if wanted == current:
            continue
        stale.append(relative_path)
        if not args.check:
            path.write_text(wanted, encoding="utf-8")
            print(f"wrote {path}")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}; run `python scripts/update_docs.py`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
