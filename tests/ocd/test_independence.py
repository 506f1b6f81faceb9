"""calaccess.ocd must stay reusable by another jurisdiction: of the rest of calaccess it imports only the
table vocabulary (calaccess.tables), which imports nothing of calaccess itself."""

from __future__ import annotations

import ast
from pathlib import Path

import calaccess.ocd
import calaccess.tables

PACKAGE = Path(calaccess.ocd.__file__).parent
VOCABULARY = Path(calaccess.tables.__file__)


def imported_modules(path: Path) -> list[str]:
    """Every module of calaccess the file imports, named in full (`from calaccess import tables` too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "calaccess":
            found += [f"calaccess.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return [name for name in found if name.split(".")[0] == "calaccess"]


def test_ocd_imports_nothing_from_the_rest_of_calaccess_but_the_table_vocabulary() -> None:
    outside = [
        f"{path.name}: {name}"
        for path in sorted(PACKAGE.glob("*.py"))
        for name in imported_modules(path)
        if not name.startswith("calaccess.ocd") and name != "calaccess.tables"
    ]
    assert outside == []


def test_the_table_vocabulary_imports_nothing_from_calaccess() -> None:
    assert imported_modules(VOCABULARY) == []


def test_ocd_names_no_jurisdiction_in_its_code() -> None:
    # its docs may use California as an example; its code may not depend on it
    for path in [*sorted(PACKAGE.glob("*.py")), VOCABULARY]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert "state:ca" not in node.value and "california" not in node.value.lower(), (
                    path.name,
                    node.value,
                )
