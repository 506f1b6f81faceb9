"""HTTP for every source the pipeline reads, in small layers stacked one at a time (after scrapelib).

- `client`: the one way an httpx client is set up: an honest User-Agent, bounded waits, redirects followed.
- `RetryPolicy` and `with_retries`: which failures are worth asking again (`RETRY_STATUSES`,
  `RETRY_ERRORS`) and how long to wait before each new try. The download retries a whole resumable GET
  with it (`calaccess.raw.source`), the scraper one page (`Retry`).
- For pages fetched whole, layers that each take any `Fetcher` and are one themselves, so each can be
  tested alone: `HttpFetcher` (one GET), `Throttle` (requests spaced out), `Retry`, and `Cache` (every
  page kept, and revalidated before each use by hishel's RFC 9111 cache).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import httpx
from hishel import CacheOptions, Entry, SqliteStorage
from hishel import Request as CacheRequest
from hishel import Response as CacheResponse
from hishel.httpx import CacheTransport

from calaccess.errors import SourceError
from calaccess.settings import USER_AGENT

log = logging.getLogger(__name__)

T = TypeVar("T")


def client(
    *, timeout_s: float, connect_timeout_s: float | None = None, user_agent: str = USER_AGENT
) -> httpx.Client:
    """An httpx client as every source uses one; connecting waits as long as reading, at most 30 s."""
    connect_s = connect_timeout_s if connect_timeout_s is not None else min(timeout_s, 30.0)
    return httpx.Client(
        headers={"User-Agent": user_agent},
        timeout=httpx.Timeout(timeout_s, connect=connect_s),
        follow_redirects=True,
    )


# --- Retries --------------------------------------------------------------------------------------------

#: Answers worth asking again: the server is busy, overloaded or between deployments.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Transport failures worth asking again; any other (a bad URL, a refused protocol) will not get better.
RETRY_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


class TransientError(SourceError):
    """A failure worth retrying: a busy server's answer, or a body that ended before its announced end."""

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        #: how long the server asked us to wait (its Retry-After), when it said
        self.retry_after_s = retry_after_s


class GaveUp(SourceError):
    """Every attempt failed with something worth retrying; `last` is the last failure."""

    def __init__(self, message: str, last: BaseException) -> None:
        super().__init__(message)
        self.last = last


RETRYABLE = (*RETRY_ERRORS, TransientError)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry: exponential backoff, bounded in attempts and in delay."""

    attempts: int = 5
    backoff_s: float = 2.0
    max_backoff_s: float = 60.0
    #: the longest a Retry-After header may make us wait, per attempt, on top of the backoff
    max_retry_after_s: float = 120.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")

    def delay_s(self, failures: int) -> float:
        """The pause after the n-th consecutive failure: backoff, 2×backoff, 4×backoff, ... up to the cap."""
        return float(min(self.max_backoff_s, self.backoff_s * 2 ** (failures - 1)))


def with_retries(
    call: Callable[[], T],
    policy: RetryPolicy,
    *,
    what: str,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[int, BaseException], None] | None = None,
) -> T:
    """Call until it succeeds, retrying connection errors, timeouts and transient answers.

    Anything else (a 404, a changed release, a bad zip) is not going to get better by asking again, so it
    goes straight up; an httpx error that is not worth retrying goes up as a SourceError naming `what`.
    A server that says how long to wait (Retry-After) is waited for, within reason, before the backoff.
    """
    for attempt in range(1, policy.attempts + 1):
        try:
            return call()
        except RETRYABLE as error:
            if attempt == policy.attempts:
                plural = "s" if policy.attempts > 1 else ""
                raise GaveUp(
                    f"{what}: gave up after {policy.attempts} attempt{plural}; last: {describe(error)}", error
                ) from error
            delay_s = policy.delay_s(attempt)
            log.info(
                "%s: attempt %d failed (%s); retrying in %.1f s", what, attempt, describe(error), delay_s
            )
            if on_retry is not None:
                on_retry(attempt, error)
            if isinstance(error, TransientError) and error.retry_after_s is not None:
                sleep(min(error.retry_after_s, policy.max_retry_after_s))
            sleep(delay_s)
        except httpx.HTTPError as error:
            raise SourceError(f"{what}: {describe(error)}") from error
    raise AssertionError("unreachable: attempts must be at least 1")


def describe(error: BaseException) -> str:
    """Our own errors say what they are; an httpx error is named by its type too (`ReadTimeout: ...`)."""
    return str(error) if isinstance(error, SourceError) else f"{type(error).__name__}: {error}"


def retry_after_s(headers: Mapping[str, str]) -> float | None:
    """The seconds a Retry-After header asks for, when it gives a number of seconds."""
    value = headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


def check_status(response: httpx.Response, url: str, method: str, expected: tuple[int, ...]) -> None:
    """Raise TransientError for answers worth retrying, SourceError for the rest that are not expected."""
    status = response.status_code
    if status in expected:
        return
    problem = f"{url}: {method} answered HTTP {status} {response.reason_phrase}".rstrip()
    if status in RETRY_STATUSES:
        raise TransientError(problem, retry_after_s=retry_after_s(response.headers))
    raise SourceError(f"{problem}; expected {' or '.join(map(str, expected))}")


# --- Layers for pages fetched whole ---------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    #: header names lower-cased
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""
    from_cache: bool = False


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
        self._client = client(timeout_s=timeout_s, connect_timeout_s=connect_timeout_s, user_agent=user_agent)

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


class Retry:
    """Ask again after timeouts, broken connections and busy answers, as `RetryPolicy` says.

    When every attempt got an error status, the last response is returned (so a layer above can say what
    it was); when the last attempt failed in transport, a `SourceError` names the URL and the error.
    """

    def __init__(
        self,
        inner: Fetcher,
        attempts: int = 4,
        backoff_s: float = 2.0,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner = inner
        self.policy = RetryPolicy(attempts=attempts, backoff_s=backoff_s)
        self._sleep = sleep

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        busy: list[Response] = []

        def attempt() -> Response:
            response = self.inner.get(url, headers)
            if response.status in RETRY_STATUSES:
                busy.append(response)
                raise TransientError(
                    f"{url}: HTTP {response.status}", retry_after_s=retry_after_s(response.headers)
                )
            return response

        try:
            return with_retries(attempt, self.policy, what=url, sleep=self._sleep)
        except GaveUp as error:
            if isinstance(error.last, TransientError):
                return busy[-1]
            raise SourceError(
                f"{url}: no answer after {self.policy.attempts} attempts ({describe(error.last)})"
            ) from error


class Cache:
    """Keep every good page on disk and revalidate it before each use: a conditional GET, a 304 reuses it.

    hishel does the RFC 9111 work (what may be stored, the conditional headers, freshening the copy on a
    304) and keeps the pages in SQLite under `cache_dir`. Each request asks for revalidation (`no-cache`):
    left to its heuristics, a cache would reuse a page with a Last-Modified for days without asking.
    """

    DATABASE_NAME = "pages.sqlite"

    def __init__(self, inner: Fetcher, cache_dir: Path) -> None:
        self.inner = inner
        self.cache_dir = cache_dir
        self._transport = CacheTransport(
            _AsTransport(inner),
            storage=_NewestOnly(database_path=cache_dir / self.DATABASE_NAME),
            rfc=CacheOptions(shared=False),  # one client's cache: pages marked `private` are ours to keep
        )

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        request = httpx.Request("GET", url, headers={**(headers or {}), "Cache-Control": "no-cache"})
        response = self._transport.handle_request(request)
        try:
            content = response.read()
        finally:
            response.close()
        caching = response.extensions.get("caching") or {}
        return Response(
            url=url,
            status=response.status_code,
            headers={k.lower(): v for k, v in response.headers.items()},
            content=content,
            from_cache=bool(caching.get("from_cache")),
        )

    def close(self) -> None:
        self._transport.close()


class _AsTransport(httpx.BaseTransport):
    """The layers below the cache, as the httpx transport hishel's cache sends its requests through."""

    #: request headers that are the cache's business, not the server's
    CACHE_ONLY = frozenset({"host", "cache-control"})
    #: response headers that no longer describe the body: HttpFetcher has decoded it
    DECODED = frozenset({"content-encoding", "content-length", "transfer-encoding"})

    def __init__(self, inner: Fetcher) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in self.CACHE_ONLY}
        fetched = self.inner.get(str(request.url), headers)
        kept = {k: v for k, v in fetched.headers.items() if k.lower() not in self.DECODED}
        return httpx.Response(fetched.status, headers=kept, content=fetched.content, request=request)


class _NewestOnly(SqliteStorage):
    """hishel's SQLite storage, keeping one response per URL: the newest.

    hishel keeps a page's old copy beside the new one; with two copies, a 304 that carries no validator
    cannot say which it confirms, and the page is fetched again in full.
    """

    def create_entry(
        self,
        request: CacheRequest,
        response: CacheResponse,
        key: str,
        *,
        ttl: float | None = None,
        tti: float | None = None,
    ) -> Entry:
        older = self.get_entries(key)
        entry = super().create_entry(request, response, key, ttl=ttl, tti=tti)
        for stale in older:
            self.remove_entry(stale.id)
        return entry
