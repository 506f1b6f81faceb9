"""Downloading the nightly export, against a real local server that serves the real sample and misbehaves."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Response

from calaccess import db
from calaccess.cli import cli
from calaccess.errors import SourceError
from calaccess.http import RetryPolicy, TransientError, with_retries
from calaccess.raw.source import (
    DownloadResult,
    download,
    download_then_record,
    latest_snapshot,
    parse_content_range,
    release_name,
    snapshots,
)
from calaccess.settings import USER_AGENT, Settings
from tests.raw import export_server as cdn
from tests.raw.export_server import Export

# Short backoff: the tests check which pauses were asked for, never how long anything took.
FAST = RetryPolicy(attempts=3, backoff_s=0.01, max_backoff_s=0.04)
RELEASE = "2026-11-21T112000Z"


@pytest.fixture(scope="session")
def sample_bytes(sample_zip: Path) -> bytes:
    return sample_zip.read_bytes()


@pytest.fixture
def export(sample_bytes: bytes) -> Export:
    return Export(sample_bytes)


@pytest.fixture
def settings(tmp_path: Path, httpserver: HTTPServer) -> Settings:
    return Settings(data_dir=tmp_path / "data", export_url=httpserver.url_for(cdn.PATH))


@pytest.fixture
def con(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.connect(settings.database_path) as connection:
        yield connection


class Pauses(list[float]):
    """Stands in for time.sleep: records each pause the retry layer asks for."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def fetch(con: duckdb.DuckDBPyConnection, settings: Settings, **options: object) -> DownloadResult:
    options.setdefault("retry", FAST)
    options.setdefault("sleep", Pauses())
    return download(con, settings, timeout_s=5, **options)  # type: ignore[arg-type]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot_rows(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute("SELECT release, bytes, sha256 FROM meta.snapshot ORDER BY release").fetchall()


def folders(settings: Settings) -> list[str]:
    return sorted(p.name for p in settings.snapshots_dir.iterdir() if not p.name.startswith("."))


# --- A good download ---------------------------------------------------------------------------------


def test_download_keeps_the_release_with_its_manifest_and_meta_row(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    url = cdn.serve(httpserver, export)

    result = fetch(con, settings)

    zip_path = settings.snapshots_dir / RELEASE / "dbwebexport.zip"
    assert result.downloaded and result.snapshot.zip_path == zip_path
    assert zip_path.read_bytes() == export.body
    manifest = json.loads((zip_path.parent / "manifest.json").read_text())
    assert manifest["url"] == url
    assert manifest["bytes"] == len(export.body) and manifest["sha256"] == sha256(export.body)
    assert manifest["tsv_members"] == 80
    assert manifest["headers"]["etag"] == export.etag
    assert manifest["last_modified"] == export.last_modified
    assert manifest["started_at"] <= manifest["finished_at"]
    assert snapshot_rows(con) == [(RELEASE, len(export.body), sha256(export.body))]
    assert latest_snapshot(settings) == zip_path
    assert [r.method for r, _ in httpserver.log] == ["HEAD", "GET"]
    assert {r.headers["User-Agent"] for r, _ in httpserver.log} == {USER_AGENT}
    assert not list((settings.snapshots_dir / ".incoming").glob("*.part")), "no half file is left behind"


def test_release_folder_is_named_by_last_modified_in_utc() -> None:
    from datetime import datetime, timedelta, timezone

    pacific = timezone(timedelta(hours=-8))
    assert release_name(datetime(2026, 11, 21, 3, 20, tzinfo=pacific)) == RELEASE


# --- Resuming ----------------------------------------------------------------------------------------


def test_interrupted_transfer_is_resumed_with_a_range_request(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cut_at = 700_000
    cdn.serve(httpserver, export)
    cdn.next_get(httpserver, cdn.get(export, cut_after_bytes=cut_at))

    result = fetch(con, settings)

    first, second = cdn.requests(httpserver, "GET")
    assert "Range" not in first.headers
    assert second.headers["Range"] == f"bytes={cut_at}-"
    assert second.headers["If-Range"] == export.etag
    assert result.snapshot.sha256 == sha256(export.body)
    assert f"resumed at byte {cut_at:,}" in result.events
    findings = con.execute("SELECT detail FROM meta.finding WHERE stage = 'download'").fetchall()
    assert (f"resumed at byte {cut_at:,}",) in findings


def test_transfer_given_up_is_resumed_by_the_next_run(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cut_at = 1_000_000
    cdn.serve(httpserver, export)
    cdn.next_get(httpserver, cdn.get(export, cut_after_bytes=cut_at))

    with pytest.raises(SourceError, match="run again to resume"):
        fetch(con, settings, retry=RetryPolicy(attempts=1))
    assert not settings.snapshots_dir.joinpath(RELEASE).exists()

    result = fetch(con, settings)

    assert cdn.requests(httpserver, "GET")[-1].headers["Range"] == f"bytes={cut_at}-"
    assert result.snapshot.zip_path.read_bytes() == export.body


def test_a_partial_file_of_an_older_release_is_not_resumed(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cdn.serve(httpserver, export)
    cdn.next_get(httpserver, cdn.get(export, cut_after_bytes=1_000_000))
    with pytest.raises(SourceError, match="run again to resume"):
        fetch(con, settings, retry=RetryPolicy(attempts=1))
    httpserver.clear()
    newer = export.later()
    cdn.serve(httpserver, newer)

    result = fetch(con, settings)

    assert "Range" not in cdn.requests(httpserver, "GET")[0].headers
    assert result.snapshot.release == "2026-11-22T112000Z"
    assert result.snapshot.zip_path.read_bytes() == newer.body


@pytest.mark.parametrize(
    ("misbehaviour", "event"),
    [
        ({"honour_range": False}, "the server ignored the range request at byte 500,000; starting over"),
        ({"range_from_zero": True}, "Content-Range 'bytes 0-1906676/1906677'; starting over"),
    ],
    ids=["200-instead-of-206", "206-from-the-wrong-byte"],
)
def test_a_range_the_server_does_not_honour_is_read_again_from_the_start(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    httpserver: HTTPServer,
    export: Export,
    misbehaviour: dict[str, bool],
    event: str,
) -> None:
    cdn.serve(httpserver, export)
    cdn.next_get(httpserver, cdn.get(export, cut_after_bytes=500_000))
    cdn.next_get(httpserver, cdn.get(export, **misbehaviour))  # type: ignore[arg-type]

    result = fetch(con, settings)

    assert cdn.requests(httpserver, "GET")[1].headers["Range"] == "bytes=500000-"
    assert result.snapshot.sha256 == sha256(export.body)
    assert any(event in noted for noted in result.events), result.events


# --- Retries -----------------------------------------------------------------------------------------


def test_a_500_then_success_is_retried_after_a_pause(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cdn.serve(httpserver, export)
    cdn.next_get(httpserver, cdn.failing(500))
    pauses = Pauses()

    result = fetch(con, settings, sleep=pauses)

    assert len(cdn.requests(httpserver, "GET")) == 2
    assert pauses == [0.01]
    assert result.snapshot.sha256 == sha256(export.body)


def test_a_server_that_keeps_failing_is_given_up_on_after_bounded_attempts(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    httpserver.expect_request(cdn.PATH, method="HEAD").respond_with_handler(cdn.head(export))
    httpserver.expect_request(cdn.PATH, method="GET").respond_with_handler(cdn.failing(503))
    pauses = Pauses()

    with pytest.raises(SourceError, match=r"gave up after 3 attempts; last: .*HTTP 503") as raised:
        fetch(con, settings, sleep=pauses)

    assert settings.export_url in str(raised.value)
    assert len(cdn.requests(httpserver, "GET")) == 3
    assert pauses == [0.01, 0.02], "the pause doubles after each failure"
    status = con.execute("SELECT status, message FROM meta.run WHERE stage = 'download'").fetchall()
    assert status[0][0] == "failed" and "HTTP 503" in status[0][1]


def test_a_busy_server_is_given_the_time_it_asks_for_before_the_backoff(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cdn.serve(httpserver, export)
    cdn.next_get(
        httpserver,
        lambda request: Response("busy", status=503, headers={"Retry-After": "3"}),
    )
    pauses = Pauses()

    result = fetch(con, settings, sleep=pauses)

    assert pauses == [3.0, 0.01]
    assert result.snapshot.sha256 == sha256(export.body)


def test_a_url_that_cannot_be_fetched_is_one_line(tmp_path: Path) -> None:
    url = "htps://example.invalid/dbwebexport.zip"  # a typo: no request is ever sent

    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "download", "--url", url])

    assert result.exit_code == 1
    assert result.output.startswith(f"error: {url}: HEAD: UnsupportedProtocol: "), result.output
    assert result.output.count("\n") == 1


def test_retry_layer_alone_retries_transient_failures_with_doubling_pauses() -> None:
    outcomes: list[Exception | str] = [TransientError("503"), TransientError("503"), "done"]
    pauses = Pauses()

    def call() -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    policy = RetryPolicy(attempts=5, backoff_s=1.0, max_backoff_s=60.0)
    assert with_retries(call, policy, what="test", sleep=pauses) == "done"
    assert pauses == [1.0, 2.0]
    assert RetryPolicy(backoff_s=1.0, max_backoff_s=5.0).delay_s(10) == 5.0, "the pause is capped"


def test_retry_layer_alone_does_not_retry_what_will_not_improve() -> None:
    calls: list[int] = []

    def call() -> None:
        calls.append(1)
        raise SourceError("404")

    with pytest.raises(SourceError, match="404"):
        with_retries(call, FAST, what="test", sleep=Pauses())
    assert len(calls) == 1


def test_content_range_is_read_or_refused() -> None:
    assert parse_content_range("bytes 100-199/1000") == (100, 199, 1000)
    assert parse_content_range("bytes 100-199/*") == (100, 199, None)
    assert parse_content_range("items 1-2/3") is None
    assert parse_content_range(None) is None


# --- Refusals ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("announced", "problem"),
    [
        ({"Content-Length": "1906000"}, "length 1,906,000 bytes at HEAD, 1,906,677 at GET"),
        ({"ETag": '"sample-older"'}, "ETag '\"sample-older\"' at HEAD"),
        ({"Last-Modified": "Fri, 20 Nov 2026 11:20:00 GMT"}, "Last-Modified 'Fri, 20 Nov 2026"),
    ],
)
def test_a_release_that_changes_between_head_and_get_is_refused(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    httpserver: HTTPServer,
    export: Export,
    announced: dict[str, str],
    problem: str,
) -> None:
    httpserver.expect_request(cdn.PATH, method="HEAD").respond_with_handler(cdn.head(export, **announced))
    httpserver.expect_request(cdn.PATH, method="GET").respond_with_handler(cdn.get(export))

    with pytest.raises(SourceError, match="changed between HEAD and GET") as raised:
        fetch(con, settings)

    assert problem in str(raised.value) and settings.export_url in str(raised.value)
    assert len(cdn.requests(httpserver, "GET")) == 1, "a changed release is refused, not retried"
    assert snapshot_rows(con) == [] and latest_snapshot(settings) is None
    assert not any(settings.snapshots_dir.rglob("*.zip*")), "no file of the refused release is kept"


def test_a_body_shorter_than_announced_is_refused(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    short = Export(export.body[:1_000_000])
    httpserver.expect_request(cdn.PATH, method="HEAD").respond_with_handler(
        cdn.head(export, **{"Content-Length": str(len(export.body))})
    )
    httpserver.expect_request(cdn.PATH, method="GET").respond_with_handler(cdn.get(short, send_length=False))

    with pytest.raises(SourceError, match="size not as announced: received 1,000,000 bytes, HEAD announced"):
        fetch(con, settings)

    assert snapshot_rows(con) == [] and latest_snapshot(settings) is None


def _corrupted(body: bytes) -> bytes:
    """The sample with bytes flipped inside a member's compressed data, headers intact."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        biggest = max(archive.infolist(), key=lambda info: info.compress_size)
    middle = biggest.header_offset + 30 + len(biggest.filename) + biggest.compress_size // 2
    damaged = bytearray(body)
    for offset in range(middle, middle + 64):
        damaged[offset] ^= 0xFF
    return bytes(damaged)


def _zip_without_tables() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("README.txt", "maintenance tonight")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make_body", "problem"),
    [
        (_corrupted, "the zip fails its integrity test: member CalAccess/DATA/"),
        (lambda body: b"<html><body>Service Unavailable</body></html>", "not a readable zip archive"),
        (lambda body: _zip_without_tables(), r"holds no \.TSV tables \(members: README.txt\)"),
    ],
    ids=["corrupt", "html", "no-tables"],
)
def test_a_bad_zip_is_refused_and_the_good_snapshot_kept(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    httpserver: HTTPServer,
    export: Export,
    make_body: object,
    problem: str,
) -> None:
    cdn.serve(httpserver, export)
    good = fetch(con, settings).snapshot
    good_manifest = good.manifest_path.read_bytes()
    httpserver.clear()
    bad = export.later(make_body(export.body))  # type: ignore[operator]
    cdn.serve(httpserver, bad)

    with pytest.raises(SourceError, match=problem) as raised:
        fetch(con, settings)

    assert settings.export_url in str(raised.value)
    assert folders(settings) == [RELEASE], "no folder for the bad release"
    assert good.zip_path.read_bytes() == export.body and good.manifest_path.read_bytes() == good_manifest
    assert snapshot_rows(con) == [(RELEASE, len(export.body), sha256(export.body))]
    assert latest_snapshot(settings) == good.zip_path
    assert not list((settings.snapshots_dir / ".incoming").glob("*.part")), (
        "the bad file is not kept to resume"
    )


def test_corrupt_zip_fails_its_crc_test(sample_bytes: bytes, tmp_path: Path) -> None:
    from calaccess.raw.source import BadExport, verify_zip

    path = tmp_path / "bad.zip"
    path.write_bytes(_corrupted(sample_bytes))
    with pytest.raises(BadExport, match=r"fails its integrity test: member CalAccess/DATA/\w+\.TSV"):
        verify_zip(path, "http://example.test/dbwebexport.zip")


# --- Releases over time ------------------------------------------------------------------------------


def test_an_unchanged_release_is_not_downloaded_again(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cdn.serve(httpserver, export)
    first = fetch(con, settings)
    con.execute("DELETE FROM meta.snapshot")  # as if the database were rebuilt: the disk is the truth

    again = fetch(con, settings)

    assert not again.downloaded and again.snapshot.directory == first.snapshot.directory
    assert [r.method for r, _ in httpserver.log] == ["HEAD", "GET", "HEAD"], "no second GET"
    assert folders(settings) == [RELEASE]
    assert "unchanged" in again.summary()
    assert len(snapshot_rows(con)) == 1


def test_force_downloads_a_held_release_again_in_place(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cdn.serve(httpserver, export)
    fetch(con, settings)

    again = fetch(con, settings, force=True)

    assert again.downloaded and len(cdn.requests(httpserver, "GET")) == 2
    assert folders(settings) == [RELEASE]
    assert snapshot_rows(con) == [(RELEASE, len(export.body), sha256(export.body))]


def test_each_new_release_gets_its_own_snapshot_and_the_newest_is_latest(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cdn.serve(httpserver, export)
    fetch(con, settings)
    httpserver.clear()
    cdn.serve(httpserver, export.later())

    newer = fetch(con, settings)

    assert folders(settings) == [RELEASE, "2026-11-22T112000Z"]
    assert latest_snapshot(settings) == newer.snapshot.zip_path
    assert [s.release for s in snapshots(settings)] == [RELEASE, "2026-11-22T112000Z"]
    assert [row[0] for row in snapshot_rows(con)] == [RELEASE, "2026-11-22T112000Z"]


def test_a_snapshot_whose_zip_went_missing_is_not_latest_and_is_downloaded_again(
    con: duckdb.DuckDBPyConnection, settings: Settings, httpserver: HTTPServer, export: Export
) -> None:
    cdn.serve(httpserver, export)
    first = fetch(con, settings)
    first.snapshot.zip_path.unlink()
    assert latest_snapshot(settings) is None

    again = fetch(con, settings)

    assert again.downloaded and again.snapshot.zip_path.read_bytes() == export.body


# --- The command -------------------------------------------------------------------------------------


def test_download_command_end_to_end(httpserver: HTTPServer, export: Export, tmp_path: Path) -> None:
    url = cdn.serve(httpserver, export)
    runner = CliRunner()
    data_dir = tmp_path / "data"

    first = runner.invoke(cli, ["--data-dir", str(data_dir), "download", "--url", url])
    second = runner.invoke(cli, ["--data-dir", str(data_dir), "download", "--url", url])

    assert first.exit_code == 0, first.output
    assert f"Downloaded release {RELEASE}: {len(export.body):,} bytes, 80 tables" in first.output
    assert second.exit_code == 0, second.output
    assert f"Release {RELEASE} is unchanged and already held" in second.output
    assert (data_dir / "raw" / RELEASE / "dbwebexport.zip").read_bytes() == export.body
    assert [r.method for r, _ in httpserver.log] == ["HEAD", "GET", "HEAD"]


def test_download_command_reports_a_refusal_in_one_line(
    httpserver: HTTPServer, export: Export, tmp_path: Path
) -> None:
    httpserver.expect_request(cdn.PATH, method="HEAD").respond_with_handler(
        cdn.head(export, **{"Content-Length": "12"})
    )
    httpserver.expect_request(cdn.PATH, method="GET").respond_with_handler(cdn.get(export))
    url = httpserver.url_for(cdn.PATH)

    result = CliRunner().invoke(
        cli, ["--data-dir", str(tmp_path), "download", "--url", url], env={"CALACCESS_EXPORT_URL": None}
    )

    assert result.exit_code == 1
    assert result.output.startswith(f"error: {url}: the release changed between HEAD and GET")
    assert result.output.count("\n") == 1


def test_the_command_opens_the_database_only_after_the_transfer(
    httpserver: HTTPServer, export: Export, settings: Settings
) -> None:
    # DuckDB lets one process write a file at a time: held through a long transfer, it would lock out readers.
    url = cdn.serve(httpserver, export)
    requests_when_opened: list[int] = []

    def connect() -> duckdb.DuckDBPyConnection:
        requests_when_opened.append(len(httpserver.log))
        return db.connect(settings.database_path)

    result = download_then_record(connect, settings, url)

    assert requests_when_opened == [2]  # HEAD and GET were done before the database was opened
    with db.connect(settings.database_path, read_only=True) as con:
        assert snapshot_rows(con) == [(RELEASE, len(export.body), sha256(export.body))]
        assert con.execute("SELECT stage, status FROM meta.run").fetchall() == [("download", "ok")]
    assert result.downloaded


def test_a_refused_transfer_is_still_logged_as_a_failed_run(
    httpserver: HTTPServer, export: Export, settings: Settings
) -> None:
    httpserver.expect_request(cdn.PATH, method="HEAD").respond_with_handler(
        cdn.head(export, **{"Content-Length": "12"})
    )
    httpserver.expect_request(cdn.PATH, method="GET").respond_with_handler(cdn.get(export))

    with pytest.raises(SourceError, match="changed between HEAD and GET"):
        download_then_record(lambda: db.connect(settings.database_path), settings)

    with db.connect(settings.database_path, read_only=True) as con:
        runs = con.execute("SELECT stage, status, message FROM meta.run").fetchall()
    assert [(stage, status) for stage, status, _ in runs] == [("download", "failed")]
    assert "changed between HEAD and GET" in runs[0][2]
