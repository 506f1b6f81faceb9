"""Regenerate every generated document: the README's command reference and the data dictionaries in docs/.

Each is derived from one definition (the CLI, the raw registry, the scraped tables, the OCD types); tests
fail when a committed copy is out of date.
"""

from __future__ import annotations

from pathlib import Path

from calaccess.docs import GENERATED, render

ROOT = Path(__file__).resolve().parent.parent

for relative_path in GENERATED:
    path = ROOT / relative_path
    path.write_text(render(relative_path, path.read_text(encoding="utf-8") if path.exists() else ""), "utf-8")
    print(f"wrote {path}")
