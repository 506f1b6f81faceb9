"""Each layer of the polite HTTP client, alone, against a real local HTTP server that misbehaves on cue."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from calaccess.errors import SourceError
from calaccess.http import Cache, HttpFetcher, Retry, Throttle
from calaccess.scrape.client import Guard
from calaccess.settings import USER_AGENT

PAGE = b'<html><body><span class="hdr11">Candidates &amp; Elected Officials</span></body></html>'
CHALLENGE = b'<html><body><script src="/_Incapsula_Resource?SWJIYLWA=1"></script>Bad Request</body></html>'
MAINTENANCE = (
    b"<html><body><p>CAL-ACCESS is temporarily unavailable due to scheduled maintenance.</p></body></html>"
)


class Pauses(list[float]):
    """Stands in for time.sleep: records the pauses a layer asks for (and, as a clock, adds them up)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)

    def now(self) -> float:
        return sum(self)


def requests_for(server: HTTPServer, path: str) -> int:
    """Requests the server saw for one path (a slow request of an earlier test may land in the log late)."""
    return sum(1 for request, _response in server.log if request.path == path)


@pytest.fixture
def http() -> HttpFetcher:
    return HttpFetcher(timeout_s=5)


def test_requests_carry_an_honest_user_agent(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_request("/page", headers={"User-Agent": USER_AGENT}).respond_with_data(PAGE)
    response = http.get(httpserver.url_for("/page"))
    assert (response.status, response.content) == (200, PAGE)


def test_a_slow_server_times_out(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.5)
        return Response(PAGE)

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(httpx.TimeoutException):
        HttpFetcher(timeout_s=0.1).get(httpserver.url_for("/slow"))


def test_throttle_spaces_requests(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_request("/page").respond_with_data(PAGE)
    pauses = Pauses()
    throttled = Throttle(http, 2.0, clock=pauses.now, sleep=pauses)
    for _ in range(3):
        throttled.get(httpserver.url_for("/page"))
    assert pauses == [2.0, 2.0]
    assert requests_for(httpserver, "/page") == 3


def test_throttle_of_zero_never_waits(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_request("/page").respond_with_data(PAGE)
    pauses = Pauses()
    throttled = Throttle(http, 0, clock=pauses.now, sleep=pauses)
    throttled.get(httpserver.url_for("/page"))
    throttled.get(httpserver.url_for("/page"))
    assert pauses == []


def test_retry_backs_off_through_server_errors(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_ordered_request("/page").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/page").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/page").respond_with_data(PAGE)
    pauses = Pauses()
    response = Retry(http, attempts=4, backoff_s=1.0, sleep=pauses).get(httpserver.url_for("/page"))
    assert (response.status, response.content) == (200, PAGE)
    assert pauses == [1.0, 2.0]


def test_retry_gives_back_the_last_error_response(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_request("/page").respond_with_data("down", status=502)
    pauses = Pauses()
    response = Retry(http, attempts=3, backoff_s=0.5, sleep=pauses).get(httpserver.url_for("/page"))
    assert response.status == 502
    assert pauses == [0.5, 1.0]
    assert requests_for(httpserver, "/page") == 3


def test_retry_does_not_repeat_a_missing_page(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    assert Retry(http, sleep=Pauses()).get(httpserver.url_for("/gone")).status == 404
    assert requests_for(httpserver, "/gone") == 1


def test_retry_after_timeouts_then_gives_up_naming_the_url(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.3)
        return Response(PAGE)

    httpserver.expect_request("/slow").respond_with_handler(slow)
    url = httpserver.url_for("/slow")
    with pytest.raises(SourceError, match="no answer after 2 attempts") as error:
        Retry(HttpFetcher(timeout_s=0.05), attempts=2, sleep=Pauses()).get(url)
    assert url in str(error.value)


def test_guard_stops_at_the_browser_check(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_request("/page").respond_with_data(CHALLENGE)
    with pytest.raises(SourceError, match="browser check"):
        Guard(http).get(httpserver.url_for("/page"))


def test_guard_stops_at_a_maintenance_notice(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_request("/page").respond_with_data(MAINTENANCE, status=503)
    with pytest.raises(SourceError, match=r"maintenance notice .*HTTP 503"):
        Guard(http).get(httpserver.url_for("/page"))


def test_guard_passes_pages_and_missing_pages_and_stops_on_errors(
    httpserver: HTTPServer, http: HttpFetcher
) -> None:
    httpserver.expect_request("/page").respond_with_data(PAGE)
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    httpserver.expect_request("/forbidden").respond_with_data("no", status=403)
    guard = Guard(http)
    assert guard.get(httpserver.url_for("/page")).content == PAGE
    assert guard.get(httpserver.url_for("/gone")).status == 404
    with pytest.raises(SourceError, match="HTTP 403"):
        guard.get(httpserver.url_for("/forbidden"))


def test_cache_revalidates_with_etag_and_reuses_on_304(
    httpserver: HTTPServer, http: HttpFetcher, tmp_path: Path
) -> None:
    httpserver.expect_ordered_request("/page").respond_with_data(PAGE, headers={"ETag": '"v1"'})
    httpserver.expect_ordered_request("/page", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    cache = Cache(http, tmp_path / "cache")
    first = cache.get(httpserver.url_for("/page"))
    second = cache.get(httpserver.url_for("/page"))
    assert (first.content, first.from_cache) == (PAGE, False)
    assert (second.status, second.content, second.from_cache) == (200, PAGE, True)
    httpserver.check_assertions()


def test_cache_revalidates_with_last_modified_and_takes_a_new_version(
    httpserver: HTTPServer, http: HttpFetcher, tmp_path: Path
) -> None:
    stamp = "Sat, 21 Nov 2026 11:20:00 GMT"
    newer = PAGE.replace(b"Candidates", b"Candidates (updated)")
    httpserver.expect_ordered_request("/page").respond_with_data(PAGE, headers={"Last-Modified": stamp})
    httpserver.expect_ordered_request("/page", headers={"If-Modified-Since": stamp}).respond_with_data(
        newer, headers={"Last-Modified": "Sun, 22 Nov 2026 11:20:00 GMT"}
    )
    httpserver.expect_ordered_request("/page").respond_with_data("", status=304)
    cache = Cache(http, tmp_path / "cache")
    url = httpserver.url_for("/page")
    assert cache.get(url).content == PAGE
    assert cache.get(url).content == newer
    assert cache.get(url).content == newer
    httpserver.check_assertions()


def test_the_stack_does_not_cache_a_block_page(
    httpserver: HTTPServer, http: HttpFetcher, tmp_path: Path
) -> None:
    httpserver.expect_request("/page").respond_with_data(CHALLENGE, headers={"ETag": '"x"'})
    cache = Cache(Guard(http), tmp_path / "cache")
    with pytest.raises(SourceError):
        cache.get(httpserver.url_for("/page"))
    assert not list((tmp_path / "cache").rglob("*.body"))


def test_a_block_page_leaves_nothing_to_revalidate(
    httpserver: HTTPServer, http: HttpFetcher, tmp_path: Path
) -> None:
    httpserver.expect_ordered_request("/page").respond_with_data(CHALLENGE, headers={"ETag": '"x"'})
    httpserver.expect_ordered_request("/page").respond_with_data(PAGE, headers={"ETag": '"v1"'})
    cache = Cache(Guard(http), tmp_path / "cache")
    with pytest.raises(SourceError):
        cache.get(httpserver.url_for("/page"))
    assert cache.get(httpserver.url_for("/page")).content == PAGE
    second = httpserver.log[-1][0]
    assert "If-None-Match" not in second.headers, "the block page was kept and revalidated"


def test_retry_honours_retry_after(httpserver: HTTPServer, http: HttpFetcher) -> None:
    httpserver.expect_ordered_request("/page").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_ordered_request("/page").respond_with_data(PAGE)
    pauses = Pauses()
    assert Retry(http, backoff_s=1.0, sleep=pauses).get(httpserver.url_for("/page")).content == PAGE
    assert pauses == [7.0, 1.0]
