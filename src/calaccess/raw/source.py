"""The nightly export: download it safely and keep every good release as a snapshot.

The state's CDN has served stale, half-updated and corrupt files. So a download is checked at each step
(the release GET delivers must be the one HEAD announced, the bytes must add up, the zip must pass its CRC
test), and only a file that passes is moved, by one rename, to `<data-dir>/raw/<release time>/`. Until then
it lives in `<data-dir>/raw/.incoming/`, where an interrupted transfer is resumed from.

The HTTP concerns are small separate layers, each testable alone (after scrapelib): the client and the
retries are `calaccess.http`'s, shared with the scraper; here `fetch_part` makes one resumable GET into a
`.part` file, `verify_zip` tests the result, `store_snapshot` publishes it atomically, `record_snapshot`
mirrors it into `meta.snapshot`.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import re
import shutil
import time
import zipfile
import zlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict, TypeVar, Unpack

import duckdb
import httpx

from calaccess import meta, progress
from calaccess.errors import CalaccessError, SourceError
from calaccess.files import fsync, write_atomic
from calaccess.http import RetryPolicy, TransientError, check_status, client, describe, with_retries
from calaccess.settings import USER_AGENT, Settings, require_writable

log = logging.getLogger(__name__)

EXPORT_NAME = "dbwebexport.zip"
MANIFEST_NAME = "manifest.json"
INCOMING_DIR = ".incoming"
RELEASE_NAME_FORMAT = "%Y-%m-%dT%H%M%SZ"
STAGE = "download"

T = TypeVar("T")


class ReleaseChanged(SourceError):
    """GET delivers another release than HEAD announced: the CDN is mid-update."""


class BadExport(SourceError):
    """The bytes arrived but are not a good export: wrong size, not a zip, a CRC failure, no tables."""


# --- What the server says it serves --------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """One nightly release as HEAD announces it; Last-Modified, ETag and Content-Length identify it."""

    url: str
    last_modified: str | None
    etag: str | None
    content_length: int | None
    headers: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def from_response(cls, url: str, response: httpx.Response) -> Release:
        length = response.headers.get("Content-Length")
        return cls(
            url=url,
            last_modified=response.headers.get("Last-Modified"),
            etag=response.headers.get("ETag"),
            content_length=int(length) if length is not None and length.isdigit() else None,
            headers=dict(response.headers),
        )

    @property
    def identity(self) -> tuple[str | None, str | None, int | None]:
        return (self.last_modified, self.etag, self.content_length)

    @property
    def identifiable(self) -> bool:
        """Without any of the three headers we cannot tell one release from the next."""
        return any(value is not None for value in self.identity)

    @property
    def released_at(self) -> datetime | None:
        """Last-Modified as a UTC time; None when absent or unreadable."""
        if self.last_modified is None:
            return None
        try:
            parsed = email.utils.parsedate_to_datetime(self.last_modified)
        except (TypeError, ValueError):
            return None
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def release_name(released_at: datetime) -> str:
    """A filename-safe UTC time that sorts in time order, like `2026-11-21T112000Z`."""
    return released_at.astimezone(UTC).strftime(RELEASE_NAME_FORMAT)


# --- Snapshots on disk -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """One good download kept on disk: `<directory>/dbwebexport.zip` and the manifest beside it."""

    directory: Path
    url: str
    released_at: datetime
    last_modified: str | None
    etag: str | None
    content_length: int | None
    bytes: int
    sha256: str
    tsv_members: int
    started_at: datetime
    finished_at: datetime
    headers: dict[str, str]
    get_headers: dict[str, str] = field(default_factory=dict)
    events: tuple[str, ...] = ()

    @property
    def release(self) -> str:
        return self.directory.name

    @property
    def zip_path(self) -> Path:
        return self.directory / EXPORT_NAME

    @property
    def manifest_path(self) -> Path:
        return self.directory / MANIFEST_NAME

    @property
    def identity(self) -> tuple[str | None, str | None, int | None]:
        return (self.last_modified, self.etag, self.content_length)

    def manifest(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "release": self.release,
            "released_at": self.released_at.isoformat(),
            "last_modified": self.last_modified,
            "etag": self.etag,
            "content_length": self.content_length,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "tsv_members": self.tsv_members,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "user_agent": USER_AGENT,
            "headers": self.headers,
            "get_headers": self.get_headers,
            "events": list(self.events),
        }

    @classmethod
    def read(cls, directory: Path) -> Snapshot:
        """The snapshot described by `directory/manifest.json`; SourceError when it cannot be read."""
        path = directory / MANIFEST_NAME
        try:
            data = json.loads(path.read_text())
            return cls(
                directory=directory,
                url=data["url"],
                released_at=datetime.fromisoformat(data["released_at"]),
                last_modified=data["last_modified"],
                etag=data["etag"],
                content_length=data["content_length"],
                bytes=int(data["bytes"]),
                sha256=data["sha256"],
                tsv_members=int(data["tsv_members"]),
                started_at=datetime.fromisoformat(data["started_at"]),
                finished_at=datetime.fromisoformat(data["finished_at"]),
                headers=dict(data["headers"]),
                get_headers=dict(data.get("get_headers", {})),
                events=tuple(data.get("events", ())),
            )
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise SourceError(f"{path}: not a readable snapshot manifest ({error})") from error

    def is_intact(self) -> bool:
        """The zip is there at the size recorded (a cheap check; the CRC test ran when it was made)."""
        return self.zip_path.is_file() and self.zip_path.stat().st_size == self.bytes


def snapshots(settings: Settings) -> list[Snapshot]:
    """Every intact snapshot under `<data-dir>/raw`, oldest release first."""
    found: list[Snapshot] = []
    if not settings.snapshots_dir.is_dir():
        return found
    for manifest_path in settings.snapshots_dir.glob(f"*/{MANIFEST_NAME}"):
        if manifest_path.parent.name.startswith("."):
            continue
        try:
            snapshot = Snapshot.read(manifest_path.parent)
        except SourceError as error:
            log.warning("skipping %s", error)
            continue
        if snapshot.is_intact():
            found.append(snapshot)
        else:
            log.warning("skipping %s: its zip is missing or not the size recorded", snapshot.directory)
    return sorted(found, key=lambda s: (s.released_at, s.finished_at, s.release))


def latest_snapshot(settings: Settings) -> Path | None:
    """The zip of the newest good snapshot, or None when none was downloaded yet."""
    held = snapshots(settings)
    return held[-1].zip_path if held else None


def held_snapshot(settings: Settings, release: Release) -> Snapshot | None:
    """The intact snapshot of this release, if we already hold it."""
    if not release.identifiable:
        return None
    matches = [s for s in snapshots(settings) if s.identity == release.identity]
    return matches[-1] if matches else None


# --- One resumable GET into a .part file -------------------------------------------------------------

CONTENT_RANGE = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$")


def parse_content_range(value: str | None) -> tuple[int, int, int | None] | None:
    """`bytes 100-199/1000` as (100, 199, 1000); None when absent or not of that form."""
    match = CONTENT_RANGE.match(value or "")
    if match is None:
        return None
    total = match.group(3)
    return int(match.group(1)), int(match.group(2)), None if total == "*" else int(total)


def check_same_release(release: Release, response: httpx.Response, total_bytes: int | None) -> None:
    """Refuse a GET whose validators or size differ from HEAD's: the CDN has served half-updated files."""
    changes = []
    for header, announced in (("ETag", release.etag), ("Last-Modified", release.last_modified)):
        delivered = response.headers.get(header)
        if announced is not None and delivered is not None and delivered != announced:
            changes.append(f"{header} {announced!r} at HEAD, {delivered!r} at GET")
    if (
        release.content_length is not None
        and total_bytes is not None
        and total_bytes != release.content_length
    ):
        changes.append(f"length {release.content_length:,} bytes at HEAD, {total_bytes:,} at GET")
    if changes:
        raise ReleaseChanged(
            f"{release.url}: the release changed between HEAD and GET ({'; '.join(changes)}); "
            "the server may be mid-update, try again later"
        )


@dataclass
class Transfer:
    """What happened during one download, for the manifest and the run's findings."""

    get_requests: int = 0
    get_headers: dict[str, str] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)

    def note(self, event: str) -> None:
        log.info(event)
        self.events.append(event)


def fetch_part(
    client: httpx.Client,
    release: Release,
    part_path: Path,
    *,
    transfer: Transfer | None = None,
    advance: progress.Advance | None = None,
) -> None:
    """One GET of the release into `part_path`, resuming after the bytes already there.

    A resumed request carries `Range` and `If-Range`; only a 206 whose Content-Range starts where the
    part file ends is appended. A 200 means the server sent the whole file again: start over. A body
    that stops early raises (httpx's protocol error, or TransientError) so the retry layer resumes it.
    """
    transfer = transfer if transfer is not None else Transfer()
    offset = _resume_offset(release, part_path, transfer)
    transfer.get_requests += 1
    with client.stream("GET", release.url, headers=_range_headers(release, offset)) as response:
        transfer.get_headers = dict(response.headers)
        body = _body_announced(response, release, part_path, offset, transfer, advance)
        check_same_release(release, response, body.total_bytes)
        received = _write_body(response, release, part_path, body, advance)
    _check_body_complete(release, body, received)


@dataclass(frozen=True)
class _Body:
    """What one answer to a GET says it delivers."""

    #: the byte of the release it starts at: where the part file ends, or 0 for the whole file again
    offset: int
    #: the length of this body, when the answer gives one
    announced: int | None
    #: the size of the whole release, as this answer gives it
    total_bytes: int | None


def _resume_offset(release: Release, part_path: Path, transfer: Transfer) -> int:
    """The byte to resume at, where the part file ends; 0 for none, or for one longer than the release."""
    offset = part_path.stat().st_size if part_path.exists() else 0
    if release.content_length is not None and offset > release.content_length:
        transfer.note(f"discarded a partial file of {offset:,} bytes, longer than the release")
        part_path.unlink()
        return 0
    return offset


def _range_headers(release: Release, offset: int) -> dict[str, str]:
    """The GET's headers: the rest of the file after `offset`, if it is still the release HEAD announced."""
    # Identity: a CDN that compresses on the fly would make Content-Length and ranges mean other bytes.
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
        validator = release.etag if release.etag and not release.etag.startswith("W/") else None
        validator = validator or release.last_modified
        if validator:
            headers["If-Range"] = validator
    return headers


def _body_announced(
    response: httpx.Response,
    release: Release,
    part_path: Path,
    offset: int,
    transfer: Transfer,
    advance: progress.Advance | None,
) -> _Body:
    """Read the answer's status and headers: the rest of the part file, the whole file again, or a refusal."""
    if response.status_code == 416 and offset:
        _start_over(part_path, offset, advance)
        raise TransientError(f"{release.url}: the server refused to resume at byte {offset:,} (HTTP 416)")
    check_status(response, release.url, "GET", (200, 206))
    if response.status_code == 206 and offset:
        content_range = parse_content_range(response.headers.get("Content-Range"))
        if content_range is None or content_range[0] != offset:
            _start_over(part_path, offset, advance)
            raise TransientError(
                f"{release.url}: asked to resume at byte {offset:,}, the server answered 206 with "
                f"Content-Range {response.headers.get('Content-Range')!r}; starting over"
            )
        transfer.note(f"resumed at byte {offset:,}")
        return _Body(offset, announced=content_range[1] + 1 - offset, total_bytes=content_range[2])
    if response.status_code == 200:
        if offset:
            transfer.note(f"the server ignored the range request at byte {offset:,}; starting over")
            if advance is not None:
                advance(-offset)
        length = response.headers.get("Content-Length")
        total_bytes = int(length) if length is not None and length.isdigit() else None
        return _Body(0, announced=total_bytes, total_bytes=total_bytes)
    raise SourceError(f"{release.url}: answered 206 to a request without Range")


def _write_body(
    response: httpx.Response,
    release: Release,
    part_path: Path,
    body: _Body,
    advance: progress.Advance | None,
) -> int:
    """Write the body after the part file's first `body.offset` bytes as it arrives; the bytes written.

    Written as the bytes arrive (no re-chunking) and flushed to disk even when the body is cut, so a cut
    loses nothing already received.
    """
    limit = release.content_length if release.content_length is not None else body.total_bytes
    received = 0
    with part_path.open("ab" if body.offset else "wb") as part:
        try:
            for chunk in response.iter_raw():
                if limit is not None and body.offset + received + len(chunk) > limit:
                    raise BadExport(
                        f"{release.url}: size not as announced: more than the {limit:,} bytes announced"
                    )
                part.write(chunk)
                received += len(chunk)
                if advance is not None:
                    advance(len(chunk))
        finally:
            part.flush()
            os.fsync(part.fileno())
    return received


def _check_body_complete(release: Release, body: _Body, received: int) -> None:
    """A body that stopped short of its own length is worth resuming; one short of HEAD's size is wrong."""
    if (
        body.announced is None
        and release.content_length is not None
        and body.offset + received < release.content_length
    ):
        # No length on the GET, and the server closed the body as complete: it is the size that is wrong.
        raise BadExport(
            f"{release.url}: size not as announced: received {body.offset + received:,} bytes, "
            f"HEAD announced {release.content_length:,}"
        )
    if body.announced is not None and received < body.announced:
        raise TransientError(
            f"{release.url}: the body stopped after {received:,} of {body.announced:,} bytes"
        )


def _start_over(part_path: Path, offset: int, advance: progress.Advance | None) -> None:
    """Throw the partial file away (the server cannot continue it) and wind the bar back."""
    part_path.unlink()
    if advance is not None:
        advance(-offset)


# --- Layer 3: is it a good export? ---------------------------------------------------------------------


def verify_zip(path: Path, url: str, *, advance: progress.Advance | None = None) -> int:
    """Read every member through its CRC check and count the .TSV tables; BadExport when it fails.

    This is what `ZipFile.testzip` does, done here so that a broken deflate stream, which testzip lets
    escape as a zlib error, is reported with the member it broke in.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise BadExport(f"{url}: the download is not a readable zip archive ({error})") from error
    with archive:
        names = archive.namelist()
        for info in archive.infolist():
            try:
                with archive.open(info) as member:
                    while member.read(1 << 20):
                        pass
                if advance is not None:
                    advance(info.compress_size)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
                raise BadExport(
                    f"{url}: the zip fails its integrity test: member {info.filename} ({error})"
                ) from error
    tables = [name for name in names if name.lower().endswith(".tsv")]
    if not tables:
        shown = ", ".join(names[:5]) or "none"
        raise BadExport(f"{url}: the zip holds no .TSV tables (members: {shown})")
    return len(tables)


def sha256_of(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


# --- Publish atomically, and record ------------------------------------------------------------------


def store_snapshot(settings: Settings, staged_zip: Path, snapshot: Snapshot) -> Snapshot:
    """Move a verified zip and its manifest into `<data-dir>/raw/<release>/` in one rename.

    A reader sees either no folder or a complete one. Re-downloading a release we hold (--force) swaps
    the folder; a different file under the same release time gets its own folder, suffixed by its hash.
    """
    name = snapshot.release
    target = settings.snapshots_dir / name
    if target.exists() and (target / MANIFEST_NAME).exists():
        existing = Snapshot.read(target)
        if existing.identity != snapshot.identity and existing.sha256 != snapshot.sha256:
            name = f"{name}-{snapshot.sha256[:12]}"
            target = settings.snapshots_dir / name
    incoming = settings.snapshots_dir / INCOMING_DIR
    staging = incoming / f"{name}.staging"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    snapshot = replace(snapshot, directory=target)
    staged_zip.replace(staging / EXPORT_NAME)
    fsync(staging / EXPORT_NAME)
    write_atomic(staging / MANIFEST_NAME, (json.dumps(snapshot.manifest(), indent=2) + "\n").encode())
    replaced = incoming / f"{name}.replaced"
    if target.exists():
        if replaced.exists():
            shutil.rmtree(replaced)
        target.replace(replaced)
    staging.replace(target)
    fsync(settings.snapshots_dir)
    if replaced.exists():
        shutil.rmtree(replaced)
    return snapshot


def ensure_snapshot_table(con: duckdb.DuckDBPyConnection) -> None:
    """Make meta.snapshot, from its declaration, the first time a download records one."""
    con.execute(meta.SNAPSHOT.create_sql(if_not_exists=True))


def record_snapshot(con: duckdb.DuckDBPyConnection, snapshot: Snapshot) -> None:
    """Write (or rewrite) the snapshot's row in meta.snapshot, from the same facts as its manifest."""
    ensure_snapshot_table(con)
    con.execute(
        """INSERT OR REPLACE INTO meta.snapshot
           (release, released_at, url, path, last_modified, etag, content_length, bytes, sha256,
            tsv_members, started_at, finished_at, headers)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            snapshot.release,
            snapshot.released_at,
            snapshot.url,
            str(snapshot.zip_path.resolve()),
            snapshot.last_modified,
            snapshot.etag,
            snapshot.content_length,
            snapshot.bytes,
            snapshot.sha256,
            snapshot.tsv_members,
            snapshot.started_at,
            snapshot.finished_at,
            json.dumps(snapshot.headers, sort_keys=True),
        ],
    )


# --- The whole download ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DownloadResult:
    """The snapshot that holds the current release, and whether this call downloaded it."""

    snapshot: Snapshot
    downloaded: bool
    get_requests: int
    events: tuple[str, ...]

    def summary(self) -> str:
        snapshot = self.snapshot
        if not self.downloaded:
            return (
                f"Release {snapshot.release} is unchanged and already held: {snapshot.zip_path} "
                "(nothing downloaded; --force downloads it again)"
            )
        return (
            f"Downloaded release {snapshot.release}: {snapshot.bytes:,} bytes, "
            f"{snapshot.tsv_members} tables, sha256 {snapshot.sha256}, to {snapshot.zip_path}"
        )


class Patience(TypedDict, total=False):
    """How the download waits on the server; the defaults suit the state's CDN, tests pass quicker ones."""

    #: which failures to retry, how often, and how long to pause between tries (`RetryPolicy()`)
    retry: RetryPolicy
    #: the longest wait for any one read from the server (60 s); connecting waits at most 30 s
    timeout_s: float
    #: what pauses between tries (`time.sleep`; a test passes a recorder)
    sleep: Callable[[float], None]


def download(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    url: str | None = None,
    *,
    force: bool = False,
    **patience: Unpack[Patience],
) -> DownloadResult:
    """Download the nightly export into a new snapshot, unless its release is one we already hold.

    HEAD names the release; GET must deliver that same release, at the announced size, as a zip whose
    every member passes its CRC test. Anything else raises SourceError and leaves the snapshots as they
    were. The run is logged in meta.run (stage `download`); retries, resumes and restarts are findings.
    """
    url = url or settings.export_url
    ensure_snapshot_table(con)  # outside the run: the table exists even when the download fails
    with meta.stage_run(con, STAGE, source=url) as run:
        result = fetch(settings, url, force=force, **patience)
        _record(run, url, result)
    return result


def download_then_record(
    connect: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
    settings: Settings,
    url: str | None = None,
    *,
    force: bool = False,
    **patience: Unpack[Patience],
) -> DownloadResult:
    """`download`, opening the database (`connect()`) only once the transfer is over.

    A DuckDB file admits one writing process: holding it through a long transfer would lock out every other
    `calaccess` command and every reader. A failed transfer is still logged in meta.run, and raised while
    the database is open, so that a `connect` which cleans up after a failure (`db.writing`) can.
    """
    url = url or settings.export_url
    started_at = datetime.now(UTC)
    failure: CalaccessError | None = None
    try:
        result = fetch(settings, url, force=force, **patience)
    except CalaccessError as error:
        failure = error
    with connect() as con:
        if failure is not None:
            meta.log_failed_run(con, STAGE, url, failure, started_at=started_at)
            raise failure
        with meta.stage_run(con, STAGE, source=url, started_at=started_at) as run:
            _record(run, url, result)
    return result


def fetch(
    settings: Settings, url: str | None = None, *, force: bool = False, **patience: Unpack[Patience]
) -> DownloadResult:
    """The network and file half of `download`: the snapshot on disk, nothing in the database."""
    require_writable(settings.snapshots_dir)  # before the transfer, not after 800 MB of it
    timeout_s = patience.get("timeout_s", 60.0)
    with client(timeout_s=timeout_s) as http:
        transfer = _Download(
            http,
            settings,
            url or settings.export_url,
            retry=patience.get("retry", RetryPolicy()),
            sleep=patience.get("sleep", time.sleep),
        )
        return transfer.run(force=force)


def _record(run: meta.Run, url: str, result: DownloadResult) -> None:
    """The snapshot's row in meta.snapshot, and the transfer's retries and resumes as findings."""
    record_snapshot(run.con, result.snapshot)
    run.find_many(("transfer", url, event) for event in result.events)


@dataclass
class _Download:
    """One download: HEAD, the GETs that fill the part file, the zip test, the snapshot."""

    client: httpx.Client
    settings: Settings
    url: str
    retry: RetryPolicy
    sleep: Callable[[float], None]
    transfer: Transfer = field(default_factory=Transfer)

    def run(self, *, force: bool) -> DownloadResult:
        started_at = datetime.now(UTC)
        release = self._retried(self._head, "HEAD")
        held = held_snapshot(self.settings, release)
        if held is not None and not force:
            log.info("%s: release %s already held at %s", self.url, held.release, held.directory)
            return DownloadResult(held, downloaded=False, get_requests=0, events=())
        part_path = _incoming_part(self.settings, release)
        size = self._receive(release, part_path)
        tsv_members = self._verify(part_path, size)
        snapshot = self._snapshot(release, size, sha256_of(part_path), tsv_members, started_at)
        snapshot = store_snapshot(self.settings, part_path, snapshot)
        _discard(part_path)
        transfer = self.transfer
        return DownloadResult(
            snapshot, downloaded=True, get_requests=transfer.get_requests, events=tuple(transfer.events)
        )

    def _retried(self, call: Callable[[], T], method: str) -> T:
        def note_retry(attempt: int, error: BaseException) -> None:
            self.transfer.note(f"attempt {attempt} failed ({describe(error)}); retried")

        what = f"{self.url}: {method}"
        return with_retries(call, self.retry, what=what, sleep=self.sleep, on_retry=note_retry)

    def _head(self) -> Release:
        response = self.client.head(self.url, headers={"Accept-Encoding": "identity"})
        check_status(response, self.url, "HEAD", (200,))
        return Release.from_response(self.url, response)

    def _receive(self, release: Release, part_path: Path) -> int:
        """GET the release into the part file, resuming, until it is whole; its size in bytes.

        A file of another release, or a bad one, is thrown away: it must not be resumed from next time.
        """
        with progress.task(
            f"Downloading {EXPORT_NAME}", total=release.content_length, unit="bytes"
        ) as advance:
            if part_path.exists():
                advance(part_path.stat().st_size)
            try:
                size = self._get_until_whole(release, part_path, advance)
            except (ReleaseChanged, BadExport):
                _discard(part_path)
                raise
        if release.content_length is not None and size != release.content_length:
            _discard(part_path)
            raise BadExport(
                f"{self.url}: size not as announced: received {size:,} bytes, "
                f"HEAD announced {release.content_length:,}"
            )
        return size

    def _get_until_whole(self, release: Release, part_path: Path, advance: progress.Advance) -> int:
        """Retried GETs, asking for the rest while it helps: a server may answer a range with less."""
        while True:
            before = _size(part_path)
            try:
                self._retried(
                    lambda: fetch_part(
                        self.client, release, part_path, transfer=self.transfer, advance=advance
                    ),
                    "GET",
                )
            except (ReleaseChanged, BadExport):
                raise
            except SourceError as error:
                if kept := _size(part_path):
                    raise SourceError(
                        f"{error}; the {kept:,} bytes received are kept: run again to resume"
                    ) from error
                raise
            size = _size(part_path)
            if release.content_length is None or size >= release.content_length or size <= before:
                return size

    def _verify(self, part_path: Path, size: int) -> int:
        """The zip's CRC test, with a bar: reading 800 MB back takes a while. A bad zip is thrown away."""
        with progress.task("Checking the zip", total=size, unit="bytes") as advance:
            try:
                return verify_zip(part_path, self.url, advance=advance)
            except BadExport:
                _discard(part_path)
                raise

    def _snapshot(
        self, release: Release, size: int, sha256: str, tsv_members: int, started_at: datetime
    ) -> Snapshot:
        released_at = release.released_at or started_at
        return Snapshot(
            directory=self.settings.snapshots_dir / release_name(released_at),
            url=self.url,
            released_at=released_at,
            last_modified=release.last_modified,
            etag=release.etag,
            content_length=release.content_length,
            bytes=size,
            sha256=sha256,
            tsv_members=tsv_members,
            started_at=started_at,
            finished_at=datetime.now(UTC),
            headers=release.headers,
            get_headers=self.transfer.get_headers,
            events=tuple(self.transfer.events),
        )


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _incoming_part(settings: Settings, release: Release) -> Path:
    """The `.part` file for this release; a part left by another release is thrown away, not resumed."""
    incoming = settings.snapshots_dir / INCOMING_DIR
    incoming.mkdir(parents=True, exist_ok=True)
    part_path = incoming / f"{EXPORT_NAME}.part"
    about_path = incoming / f"{EXPORT_NAME}.part.json"
    about = {"url": release.url, "identity": list(release.identity)}
    try:
        same = release.identifiable and json.loads(about_path.read_text()) == about
    except (OSError, ValueError):
        same = False
    if not same:
        _discard(part_path)
        write_atomic(about_path, (json.dumps(about) + "\n").encode())
    return part_path


def _discard(part_path: Path) -> None:
    for path in (part_path, part_path.with_name(part_path.name + ".json")):
        path.unlink(missing_ok=True)
