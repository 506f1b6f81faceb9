"""Files that a reader, or a crash, never sees half-written: each is written beside its target and renamed.

The download's snapshots, the scraper's pages, and (next) the published versions all go through here.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync(path: Path) -> None:
    """Flush a file's bytes, or a folder's entries, to disk: a rename is never seen before its data."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that it holds the old bytes or the new ones, whatever happens meanwhile.

    The temporary file is in the same folder (a rename does not cross file systems) and is flushed to disk
    before the rename; the folder is flushed after it, so the new name survives a power cut too.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync(path.parent)
