"""Polite HTTP for a fragile government site: the shared layers of `calaccess.http`, and one of its own.

    Cache( Guard( Retry( Throttle( HttpFetcher ))))

- `HttpFetcher`: one GET with an honest User-Agent, timeouts and redirects followed.
- `Throttle`: at most one request every `min_interval_s` (2 s by default).
- `Retry`: timeouts, dropped connections, 5xx and 429 are retried with exponential backoff.
- `Guard` (here, as it knows the site): a block page (the site's browser check) or a maintenance notice
  stops the run with a clear `SourceError` instead of being parsed as a page that happens to list nothing;
  below the cache, so such a page is never kept.
- `Cache`: every good page is kept on disk; the next request for it is conditional, and a 304 reuses it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from calaccess.errors import SourceError
from calaccess.http import Cache, Fetcher, HttpFetcher, Response, Retry, Throttle
from calaccess.scrape.pages import blocked_reason, decode
from calaccess.settings import Settings


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
        reason = blocked_reason(decode(response.content)[0])
        if reason is not None:
            raise SourceError(
                f"{url} answered with {reason} (HTTP {response.status}); stopping. The site cannot be "
                "scraped now: try later, or parse saved pages with `calaccess scrape --pages DIR`"
            )
        if not 200 <= response.status < 300:
            raise SourceError(f"{url} answered HTTP {response.status}; stopping")
        return response


@contextmanager
def polite_client(
    settings: Settings,
    *,
    min_interval_s: float = 2.0,
    attempts: int = 4,
    backoff_s: float = 2.0,
    timeout_s: float = 30.0,
) -> Iterator[Fetcher]:
    """The whole stack, cached under `settings.http_cache_dir`; closes connections and cache on exit."""
    http = HttpFetcher(timeout_s=timeout_s)
    cache = Cache(Guard(Retry(Throttle(http, min_interval_s), attempts, backoff_s)), settings.http_cache_dir)
    try:
        yield cache
    finally:
        cache.close()
        http.close()
