"""calaccess.ocd must stay reusable by another jurisdiction: it imports nothing else from calaccess."""

from __future__ import annotations

import ast
from pathlib import Path

import calaccess.ocd

PACKAGE = Path(calaccess.ocd.__file__).parent


def test_ocd_imports_nothing_from_the_rest_of_calaccess() -> None:
    outside = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            outside += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] == "calaccess" and not n.startswith("calaccess.ocd")
            ]
    assert outside == []


def test_ocd_names_no_jurisdiction_in_its_code() -> None:
    # its docs may use California as an example; its code may not depend on it
    for path in sorted(PACKAGE.glob("*.py")):
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
