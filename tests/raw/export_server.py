"""A local stand-in for the state's CDN: serves an export over real HTTP, and misbehaves on cue.

Handlers for pytest-httpserver (werkzeug underneath). Its server speaks HTTP/1.0, so ending a body early
really closes the connection, as a dropped transfer does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

PATH = "/dbwebexport.zip"

Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Export:
    """One release as the server holds it: the bytes and the headers that identify them."""

    body: bytes
    last_modified: str = "Sat, 21 Nov 2026 11:20:00 GMT"
    etag: str = '"sample-2026-11-21"'

    def later(self, body: bytes | None = None) -> Export:
        """The next night's release (of the same bytes unless given)."""
        return replace(
            self,
            body=self.body if body is None else body,
            last_modified="Sun, 22 Nov 2026 11:20:00 GMT",
            etag='"sample-2026-11-22"',
        )

    def headers(self) -> dict[str, str]:
        return {
            "Last-Modified": self.last_modified,
            "ETag": self.etag,
            "Accept-Ranges": "bytes",
            "Content-Type": "application/zip",
        }


def head(export: Export, **override: str) -> Handler:
    """HEAD announcing the release; `override` replaces headers (a Content-Length GET won't keep, ...)."""

    def handle(request: Request) -> Response:
        # werkzeug sends no body to a HEAD, and sets Content-Length from the body unless told otherwise.
        response = Response(export.body, status=200, headers=export.headers())
        response.headers.update(override)
        return response

    return handle


def get(
    export: Export,
    *,
    honour_range: bool = True,
    range_from_zero: bool = False,
    cut_after_bytes: int | None = None,
    send_length: bool = True,
    midway: Callable[[], None] | None = None,
    **override: str,
) -> Handler:
    """GET of the release with `Range: bytes=N-` support (and If-Range, as a CDN checks it).

    `honour_range=False` answers 200 with the whole file; `range_from_zero` answers 206 but from byte 0
    (a broken cache); `cut_after_bytes` drops the connection after that many bytes of the body;
    `send_length=False` sends the body without a Content-Length, ended by closing the connection;
    `midway` is called after the first half of the body is sent, as the transfer stands still.
    """

    def handle(request: Request) -> Response:
        body = export.body
        headers = {**export.headers(), **override}
        status = 200
        start = 0
        wanted = re.fullmatch(r"bytes=(\d+)-", request.headers.get("Range", ""))
        if_range = request.headers.get("If-Range")
        still_same = if_range is None or if_range in (export.etag, export.last_modified)
        if wanted and honour_range and still_same:
            start = 0 if range_from_zero else int(wanted.group(1))
            if start >= len(body):
                return Response(b"", status=416, headers={"Content-Range": f"bytes */{len(body)}"})
            status = 206
            headers["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
        part = body[start:]
        if send_length:
            headers["Content-Length"] = str(len(part))
        if midway is not None:
            return Response(_pausing(part, midway), status=status, headers=headers)
        if cut_after_bytes is None:
            return Response(_once(part) if not send_length else part, status=status, headers=headers)
        return Response(_cut(part, cut_after_bytes), status=status, headers=headers)

    return handle


def failing(status: int) -> Handler:
    def handle(request: Request) -> Response:
        return Response(f"the server failed on cue ({status})", status=status)

    return handle


def _once(data: bytes) -> Iterator[bytes]:
    """A streamed body: werkzeug then sends no length of its own and ends it by closing."""
    yield data


def _pausing(data: bytes, midway: Callable[[], None]) -> Iterator[bytes]:
    half = len(data) // 2
    yield data[:half]
    midway()
    yield data[half:]


def _cut(data: bytes, after_bytes: int) -> Iterator[bytes]:
    yield data[:after_bytes]
    # werkzeug treats a connection error as the client gone and closes the socket mid-body.
    raise ConnectionAbortedError("transfer cut on cue")


def serve(server: HTTPServer, export: Export) -> str:
    """Serve the release well (HEAD and GET, with ranges) until told otherwise; return its URL."""
    server.expect_request(PATH, method="HEAD").respond_with_handler(head(export))
    server.expect_request(PATH, method="GET").respond_with_handler(get(export))
    return server.url_for(PATH)


def next_get(server: HTTPServer, handler: Handler) -> None:
    """Answer the next GET of the export with `handler`, once; the GETs after it get what `serve` set."""
    server.expect_oneshot_request(PATH, method="GET").respond_with_handler(handler)


def requests(server: HTTPServer, method: str) -> list[Request]:
    """The requests the server received with this method, in order."""
    return [request for request, _ in server.log if request.method == method]
