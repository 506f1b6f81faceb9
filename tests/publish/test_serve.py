"""`calaccess serve` over real HTTP: it serves the archive, opens a version's site at '/', and never a file
outside the publish folder, however the path is spelled."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from calaccess.cli import cli
from calaccess.errors import CalaccessError
from calaccess.publish.archive import Archive, VersionName
from calaccess.publish.site.serve import make_server, unsafe

OLD = VersionName("2026-12-01T070000Z", 1)
NEW = VersionName("2026-12-02T070000Z", 1)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Two versions with a one-page site each, `latest` at the newer, and a secret beside the archive."""
    root = tmp_path / "publish"
    for name in (OLD, NEW):
        site = root / str(name) / "site"
        site.mkdir(parents=True)
        (site / "index.html").write_text(f"<title>{name}</title>", encoding="utf-8")
    (root / "index.html").write_text("<title>downloads</title>", encoding="utf-8")
    Archive(root).point_latest(NEW)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / str(NEW) / "away").symlink_to(tmp_path)
    return root


def _serve(archive: Path, version: str | None = None) -> Iterator[int]:
    server = make_server(archive, version=version, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def port(archive: Path) -> Iterator[int]:
    yield from _serve(archive)


def _get(port: int, path: str) -> tuple[int, str, str | None]:
    """A GET with the path sent exactly as written (http.client does not normalise it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), response.getheader("Location")
    finally:
        connection.close()


def test_root_opens_the_latest_version_s_site(port: int) -> None:
    status, _, location = _get(port, "/")
    assert (status, location) == (302, "/latest/site/index.html")
    status, body, _ = _get(port, "/latest/site/index.html")
    assert status == 200 and str(NEW) in body
    status, body, _ = _get(port, "/index.html")
    assert status == 200 and "downloads" in body


def test_a_named_version_opens_at_root(archive: Path) -> None:
    for port in _serve(archive, str(OLD)):
        status, _, location = _get(port, "/")
        assert (status, location) == (302, f"/{OLD}/site/index.html")
        status, body, _ = _get(port, location or "")
        assert status == 200 and str(OLD) in body


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/latest/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/latest/%2E%2E/%2e%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/latest%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/latest/site/%00index.html",
    ],
)
def test_a_path_climbing_out_is_refused(port: int, path: str) -> None:
    status, body, _ = _get(port, path)
    assert status == 400
    assert "secret" not in body.replace("secret.txt", "")


def test_a_symlink_pointing_out_of_the_folder_is_not_followed(port: int) -> None:
    status, body, _ = _get(port, "/latest/away/secret.txt")
    assert status == 404 and body.strip() != "secret"


def test_unsafe_knows_a_plain_path_from_a_climb() -> None:
    assert not unsafe("/latest/site/committees/abc.html?x=1#y")
    assert not unsafe("/latest/site/a%20b.html")
    assert unsafe("/a/../../b")


def test_an_unknown_version_is_an_error_naming_the_ones_there(archive: Path) -> None:
    with pytest.raises(CalaccessError, match=str(NEW)):
        make_server(archive, version="2020-01-01T000000Z.1", port=0)


def test_serve_is_a_documented_command() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "127.0.0.1" in result.output
