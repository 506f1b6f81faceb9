"""Rewrite the command reference in README.md from `calaccess --help` (the test checks they agree)."""

from __future__ import annotations

from pathlib import Path

from calaccess.cli import reference_markdown

BEGIN = "<!-- command reference: begin -->"
END = "<!-- command reference: end -->"

readme_path = Path(__file__).resolve().parent.parent / "README.md"
readme = readme_path.read_text()
head, rest = readme.split(BEGIN, 1)
_, tail = rest.split(END, 1)
readme_path.write_text(f"{head}{BEGIN}\n\n{reference_markdown().strip()}\n\n{END}{tail}")
print(f"updated {readme_path}")
