"""The archive of published versions: `<data-dir>/publish/<version>/`, and `latest` pointing at one of them.

A version is written under a hidden staging name and renamed whole when complete, and `latest` is a symlink
swapped by one rename: a reader, or a publish that is killed, never sees a half version under a real name or a
`latest` that points nowhere. A version's name is its source release's time, with a sequence number after it
(`2026-11-30T070000Z.1`), so a second publish of the same release, after a fix, is the next number and never
overwrites what users may already have downloaded. The archive is its own state: the previous version is read
back from disk to carry created/updated times and to write the changelog.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from calaccess.errors import CalaccessError
from calaccess.files import fsync

LATEST = "latest"
STAGING_PREFIX = ".staging-"
_NAME = re.compile(r"^(?P<release>\d{4}-\d{2}-\d{2}T\d{6}Z)\.(?P<sequence>\d+)$")
_CHUNK = 1 << 20


@dataclass(frozen=True, order=True)
class VersionName:
    """A version's name: the source release (UTC, `YYYY-MM-DDTHHMMSSZ`) and its sequence number (1, 2...)."""

    release: str
    sequence: int

    def __str__(self) -> str:
        return f"{self.release}.{self.sequence}"

    @classmethod
    def parse(cls, name: str) -> VersionName | None:
        match = _NAME.match(name)
        if match is None:
            return None
        return cls(match["release"], int(match["sequence"]))


#: Digests already taken in this process, by the file's identity and state: a publish asks for each file's
#: hash three times (data package, manifest, hard links), and at full size each pass reads ~30 GB.
_DIGESTS: dict[tuple[int, int, int, int], str] = {}


def _identity(state: os.stat_result) -> tuple[int, int, int, int]:
    """A file as it is now: a file rewritten in place would change its size or mtime."""
    return (state.st_dev, state.st_ino, state.st_size, state.st_mtime_ns)


def remember_sha256(folder: Path, listed: Iterable[tuple[str, int, str]]) -> None:
    """Take the sha256 of the files under `folder` from the manifest that lists them ((path, bytes, sha256)),
    where a file still has its listed size: a file linked into the next version is then not read again to
    hash it (30 GB at full size). The archive's files are written once and never changed in place."""
    for relative, size, digest in listed:
        path = folder / relative
        with suppress(OSError):
            state = path.stat()
            if state.st_size == size:
                _DIGESTS.setdefault(_identity(state), digest)


def write_remembered(path: Path, data: bytes) -> None:
    """Write a file whose bytes are at hand, and remember their sha256: the manifest and the links to the
    previous version then need not read it back (the full-size site is 600,000 small pages)."""
    path.write_bytes(data)
    _DIGESTS[_identity(path.stat())] = hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    """The file's sha256, read once per process while the file stays as it was (same inode, size, mtime)."""
    identity = _identity(path.stat())
    if identity not in _DIGESTS:
        digest = hashlib.sha256()
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
        _DIGESTS[identity] = digest.hexdigest()
    return _DIGESTS[identity]


class Archive:
    """The folder of versions; every change to it goes through here."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def versions(self) -> list[VersionName]:
        """The complete versions, oldest first (staging folders and strays are not versions)."""
        if not self.root.is_dir():
            return []
        names = (VersionName.parse(entry.name) for entry in self.root.iterdir() if entry.is_dir())
        return sorted(name for name in names if name is not None)

    def path(self, name: VersionName) -> Path:
        return self.root / str(name)

    def latest(self) -> VersionName | None:
        """The version `latest` points at, if any."""
        link = self.root / LATEST
        if not link.is_symlink():
            return None
        return VersionName.parse(link.readlink().name)

    def next_name(self, release: str) -> VersionName:
        """The name a new publish of `release` takes: one past the highest sequence the release has."""
        taken = [name.sequence for name in self.versions() if name.release == release]
        return VersionName(release, max(taken, default=0) + 1)

    @contextmanager
    def staging(self, name: VersionName) -> Iterator[Path]:
        """A folder to write the version in; renamed to its real name only when the block ends cleanly.

        A failure or a kill leaves at most a hidden staging folder, which the next publish clears."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.clear_staging()
        staging = self.root / f"{STAGING_PREFIX}{name}"
        staging.mkdir()
        try:
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        final = self.path(name)
        if final.exists():
            shutil.rmtree(staging, ignore_errors=True)
            raise CalaccessError(f"cannot publish {name}: {final} exists already")
        staging.rename(final)
        fsync(self.root)

    def clear_staging(self) -> None:
        """Remove what an interrupted publish left (never a complete version)."""
        if self.root.is_dir():
            for entry in self.root.iterdir():
                if entry.name.startswith(STAGING_PREFIX):
                    shutil.rmtree(entry, ignore_errors=True)

    def point_latest(self, name: VersionName) -> None:
        """Make `latest` point at `name` in one rename (a reader sees the old target or the new one)."""
        if not self.path(name).is_dir():
            raise CalaccessError(f"cannot point latest at {name}: no such version")
        temporary = self.root / f".{LATEST}.{os.getpid()}"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(str(name), target_is_directory=True)
        temporary.replace(self.root / LATEST)
        fsync(self.root)

    def prune(self, keep: int) -> list[VersionName]:
        """Remove all but the newest `keep` versions (never the one `latest` points at); the removed ones."""
        if keep < 1:
            raise CalaccessError("--keep must be at least 1")
        versions = self.versions()
        current = self.latest()
        doomed = [name for name in versions[: max(len(versions) - keep, 0)] if name != current]
        for name in doomed:
            shutil.rmtree(self.path(name))
        return doomed


def link_unchanged(new: Path, previous: Path | None) -> int:
    """Replace each file of `new` whose bytes equal the same path's in `previous` by a hard link to it.

    Keeping versions then costs only what changed. Returns the bytes saved."""
    if previous is None or not previous.is_dir():
        return 0
    saved = 0
    for path in sorted(new.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        old = previous / path.relative_to(new)
        if not old.is_file():
            continue
        if old.stat().st_ino == path.stat().st_ino:  # linked already, when it was written
            saved += path.stat().st_size
            continue
        if old.stat().st_size != path.stat().st_size:
            continue
        if sha256_of(old) != sha256_of(path):
            continue
        linked = path.with_name(f".{path.name}.link")
        os.link(old, linked)
        linked.replace(path)
        saved += path.stat().st_size
    return saved
