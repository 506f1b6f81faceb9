"""Generated documents match the definitions they come from: run `python scripts/update_docs.py` if not."""

from __future__ import annotations

import pytest

from calaccess.docs import GENERATED, render
from tests.conftest import ROOT


@pytest.mark.parametrize("relative_path", sorted(GENERATED))
def test_generated_document_is_current(relative_path: str) -> None:
    path = ROOT / relative_path
    assert path.exists(), f"{relative_path} is missing: run `python scripts/update_docs.py`"
    committed = path.read_text(encoding="utf-8")
    assert committed == render(relative_path, committed), (
        f"{relative_path} is out of date: run `python scripts/update_docs.py`"
    )
