"""`calaccess serve`: the publish folder over HTTP, for reading a version's site (and its search) locally.

It serves the archive folder itself, so the downloads page and every version's files resolve; `/` sends
the reader to the chosen version's site. A request whose path climbs out (`..`, in any encoding, an encoded
slash or backslash, a NUL) is refused with 400 before any file is looked at, and a path that resolves
outside the folder (a symlink pointing away) gets 404: nothing outside the publish folder is ever served.
"""

from __future__ import annotations

import logging
import posixpath
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from calaccess.errors import CalaccessError
from calaccess.publish.archive import LATEST, Archive, VersionName

log = logging.getLogger(__name__)


def unsafe(raw_path: str) -> bool:
    """Whether a request path tries to leave the folder, or hides a separator or a climb in an encoding."""
    path = urlsplit(raw_path).path
    decoded = path
    for _ in range(3):  # %252e%252e decodes twice to '..'
        once = unquote(decoded)
        if once == decoded:
            break
        decoded = once
    lowered = path.lower()
    if "%2f" in lowered or "%5c" in lowered or "\\" in decoded or "\x00" in decoded:
        return True
    return any(part == ".." for part in decoded.split("/"))


class _Handler(SimpleHTTPRequestHandler):
    """Files under `directory`; '/' redirects to the version's site; climbing out is refused."""

    home = "/latest/site/index.html"

    def __init__(self, *args: Any, home: str, **kwargs: Any) -> None:
        self.home = home
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        if unsafe(self.path):
            self.send_error(HTTPStatus.BAD_REQUEST, "path outside the publish folder")
            return None
        if urlsplit(self.path).path in {"", "/"}:
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.home)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        root = Path(self.directory).resolve()
        target = Path(self.translate_path(self.path)).resolve()
        if target != root and root not in target.parents:
            self.send_error(HTTPStatus.NOT_FOUND, "not in the publish folder")
            return None
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        log.info("serve: " + format, *args)


def make_server(
    archive_dir: Path, *, version: str | None = None, host: str = "127.0.0.1", port: int = 8000
) -> ThreadingHTTPServer:
    """A server of the archive folder whose '/' opens `version`'s site (default: latest); not started."""
    archive = Archive(archive_dir)
    if version is None:
        if archive.latest() is None:
            raise CalaccessError(f"nothing to serve: no version is published in {archive_dir}")
        name = LATEST
    else:
        parsed = VersionName.parse(version)
        if parsed is None or parsed not in archive.versions():
            known = ", ".join(str(v) for v in archive.versions()) or "none"
            raise CalaccessError(f"no version {version!r} in {archive_dir} (versions: {known})")
        name = str(parsed)
    home = posixpath.join("/", name, "site", "index.html")
    handler = partial(_Handler, directory=str(archive_dir.resolve()), home=home)
    return ThreadingHTTPServer((host, port), handler)
