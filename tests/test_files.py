"""Atomic writes: a file holds its old bytes or its new ones, and a failed write leaves nothing beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from calaccess.files import write_atomic


def test_a_write_replaces_the_file_whole_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "candidates" / "1.html"
    write_atomic(page, b"old")
    write_atomic(page, b"new")
    assert page.read_bytes() == b"new"
    assert list(page.parent.iterdir()) == [page]


def test_a_write_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    taken = tmp_path / "1.html"
    taken.mkdir()  # the name is a folder: the rename fails after the bytes were written
    with pytest.raises(OSError):
        write_atomic(taken, b"<html></html>")
    assert list(tmp_path.iterdir()) == [taken]
