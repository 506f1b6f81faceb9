"""Files that a reader, or a crash, never sees half-written: each is written beside its target and renamed.

The download's snapshots and the scraper's pages go through here; so does the nightly update's lock.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from calaccess.errors import CalaccessError


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


@contextmanager
def exclusive_lock(path: Path, *, wait: bool, what: str) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the block: one nightly update at a time.

    Without `wait`, a second holder is refused at once with who holds it; the lock is the kernel's (flock), so
    a killed run releases it and leaves nothing to clean up."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip() or "another process"
            raise CalaccessError(
                f"{what} is running already ({holder}, lock {path}); try again later, or pass --wait"
            ) from None
        file.seek(0)
        file.truncate()
        file.write(f"pid {os.getpid()}")
        file.flush()
        try:
            yield
        finally:
            file.seek(0)
            file.truncate()
            fcntl.flock(file, fcntl.LOCK_UN)
