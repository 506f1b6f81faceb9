"""Progress for long steps: a bar on a terminal, nothing otherwise (logs stay quiet)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

_quiet = False


def set_quiet(quiet: bool) -> None:
    """Silence every progress bar of this process (the `--quiet` flag)."""
    global _quiet
    _quiet = quiet


def enabled() -> bool:
    return not _quiet and sys.stderr.isatty()


class Advance(Protocol):
    def __call__(self, amount: float = 1, /) -> None: ...


@contextmanager
def task(description: str, total: float | None = None, *, unit: str = "rows") -> Iterator[Advance]:
    """Yield a function that advances a bar by an amount; a no-op when progress is off."""
    if not enabled():
        yield lambda amount=1: None
        return
    columns = [TextColumn("{task.description}"), BarColumn()]
    if unit == "bytes":
        columns += [DownloadColumn(), TransferSpeedColumn()]
    else:
        columns += [MofNCompleteColumn()]
    columns += [TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task_id = bar.add_task(description, total=total)
        yield lambda amount=1: bar.advance(task_id, amount)
