"""Polite HTTP for a fragile government site, in small layers that each do one thing (as scrapelib does).

    Cache( Guard( Retry( Throttle( HttpFetcher ))))

- `HttpFetcher`: one GET with an honest User-Agent, timeouts and redirects followed.
- `Throttle`: at most one request every `min_interval_s` (2 s by default).
- `Retry`: timeouts, dropped connections, 5xx and 429 are retried with exponential backoff.
- `Guard`: a block page (the site's browser check) or a maintenance notice stops the run with a clear
  `SourceError` instead of being parsed as a page that happens to list nothing.
- `Cache`: every good page is kept on disk with its ETag / Last-Modified; the next request for it is
  conditional, and a 304 reuses the copy.

Each layer takes any `Fetcher` and is one itself, so each can be tested alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import httpx

from calaccess.errors import SourceError
from calaccess.scrape.pages import blocked_reason, decode
from calaccess.settings import USER_AGENT, Settings


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    #: header names lower-cased
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""
    from_cache: bool = False

    @property
    def text(self) -> str:
        return decode(self.content)[0]


class Fetcher(Protocol):
    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response: ...


class HttpFetcher:
    """The bottom layer: a real GET. Transport problems surface as httpx exceptions for `Retry`."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout_s: float = 30.0,
        connect_timeout_s: float = 10.0,
    ) -> None:
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            follow_redirects=True,
        )

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        response = self._client.get(url, headers=dict(headers or {}))
        return Response(
            url=str(response.url),
            status=response.status_code,
            headers={k.lower(): v for k, v in response.headers.items()},
            content=response.content,
        )

    def close(self) -> None:
        self._client.close()


class Throttle:
    """Space requests at least `min_interval_s` apart, counted from the start of the previous one."""

    def __init__(
        self,
        inner: Fetcher,
        min_interval_s: float = 2.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner = inner
        self.min_interval_s = min_interval_s
        self._clock = clock
        self._sleep = sleep
        self._last_start: float | None = None

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        if self._last_start is not None:
            wait_s = self._last_start + self.min_interval_s - self._clock()
            if wait_s > 0:
                self._sleep(wait_s)
        self._last_start = self._clock()
        return self.inner.get(url, headers)


#: Statuses worth asking again: the server is busy, overloaded or between deployments.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class Retry:
    """Ask again after timeouts, broken connections and 5xx/429, waiting `backoff_s`, then twice that, ...

    When every attempt got an error status, the last response is returned (so `Guard` can say what it
    was); when every attempt failed in transport, a `SourceError` names the URL and the last error.
    """

    #: the longest a Retry-After header may make us wait, per attempt
    MAX_RETRY_AFTER_S = 120.0

    def __init__(
        self,
        inner: Fetcher,
        attempts: int = 4,
        backoff_s: float = 2.0,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.inner = inner
        self.attempts = attempts
        self.backoff_s = backoff_s
        self._sleep = sleep

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        last_error: Exception | None = None
        last_response: Response | None = None
        for attempt in range(self.attempts):
            if attempt:
                self._sleep(self.backoff_s * 2 ** (attempt - 1))
            try:
                response = self.inner.get(url, headers)
            except (httpx.TimeoutException, httpx.TransportError) as error:
                last_error, last_response = error, None
                continue
            if response.status not in RETRY_STATUSES:
                return response
            last_response = response
            if attempt + 1 < self.attempts and (asked_s := _retry_after_s(response)) is not None:
                # the server said how long to wait: honour it (within reason) on top of the backoff
                self._sleep(min(asked_s, self.MAX_RETRY_AFTER_S))
        if last_response is not None:
            return last_response
        raise SourceError(
            f"{url}: no answer after {self.attempts} attempts ({type(last_error).__name__}: {last_error})"
        )


def _retry_after_s(response: Response) -> float | None:
    """The seconds a Retry-After header asks for, when it gives a number of seconds."""
    value = response.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


class Guard:
    """Stop on anything that is not the site answering: block pages, maintenance notices, errors.

    Passes through 2xx pages that look like the site, 304 (for `Cache`) and 404/410 (a page that is gone
    is the caller's to report); raises `SourceError` for everything else.
    """

    PASS_STATUSES = frozenset({304, 404, 410})

    def __init__(self, inner: Fetcher) -> None:
        self.inner = inner

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        response = self.inner.get(url, headers)
        if response.status in self.PASS_STATUSES:
            return response
        reason = blocked_reason(response.text)
        if reason is not None:
            raise SourceError(
                f"{url} answered with {reason} (HTTP {response.status}); stopping. The site cannot be "
                "scraped now: try later, or parse saved pages with `calaccess scrape --pages DIR`"
            )
        if not 200 <= response.status < 300:
            raise SourceError(f"{url} answered HTTP {response.status}; stopping")
        return response


class Cache:
    """Keep every good page on disk and revalidate it: a conditional GET, and a 304 reuses the copy."""

    def __init__(self, inner: Fetcher, cache_dir: Path) -> None:
        self.inner = inner
        self.cache_dir = cache_dir

    def _paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode()).hexdigest()
        folder = self.cache_dir / digest[:2]
        return folder / f"{digest}.json", folder / f"{digest}.body"

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        meta_path, body_path = self._paths(url)
        cached: dict[str, str] | None = None
        if meta_path.exists() and body_path.exists():
            cached = json.loads(meta_path.read_text())
        conditional = dict(headers or {})
        if cached is not None:
            if "etag" in cached:
                conditional["If-None-Match"] = cached["etag"]
            if "last-modified" in cached:
                conditional["If-Modified-Since"] = cached["last-modified"]
        response = self.inner.get(url, conditional)
        if response.status == 304 and cached is not None:
            return Response(url, 200, cached, body_path.read_bytes(), from_cache=True)
        if response.status == 200:
            validators = {k: v for k, v in response.headers.items() if k in ("etag", "last-modified")}
            if validators:
                write_atomic(body_path, response.content)
                write_atomic(meta_path, json.dumps(dict(response.headers)).encode())
            else:  # nothing to revalidate with: an old copy would only go stale
                meta_path.unlink(missing_ok=True)
                body_path.unlink(missing_ok=True)
        return response


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a crash never leaves half a file under the real name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


@contextmanager
def polite_client(
    settings: Settings,
    *,
    min_interval_s: float = 2.0,
    attempts: int = 4,
    backoff_s: float = 2.0,
    timeout_s: float = 30.0,
) -> Iterator[Fetcher]:
    """The whole stack, cached under `settings.http_cache_dir`; closes the connection pool on exit."""
    http = HttpFetcher(timeout_s=timeout_s)
    try:
        yield Cache(
            Guard(Retry(Throttle(http, min_interval_s), attempts, backoff_s)),
            settings.http_cache_dir,
        )
    finally:
        http.close()
