"""fetch.py against a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import gzip
import hashlib
import socket
import time
import tracemalloc
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from cockpit import __version__
from cockpit.feeds import fetch
from cockpit.feeds.fetch import (
    MAX_BODY,
    TOO_LARGE,
    backoff_until,
    fetch_all,
    fetch_feed,
    make_client,
    parse_retry_after,
)
from cockpit.models import Feed
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]  # the fixture, re-exported for pytest

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>
<item><title>Mix my podcast</title><link>https://example.com/1</link></item>
</channel></rss>"""
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def feed_for(url: str, **kw: object) -> Feed:
    return Feed(id="f1", url=url, name="Test", **kw)  # type: ignore[arg-type]


def rss_route(handler: BaseHTTPRequestHandler) -> None:
    send(
        handler,
        200,
        RSS,
        {
            "Content-Type": "application/rss+xml; charset=utf-8",
            "ETag": '"v1"',
            "Last-Modified": "Mon, 02 Mar 2026 10:00:00 GMT",
        },
    )


async def get(url: str, **kw: object) -> fetch.FetchResult:
    async with make_client() as client:
        return await fetch_feed(client, feed_for(url, **kw), now=NOW)


async def test_200_returns_body_validators_and_hash(server: LocalServer) -> None:
    server.routes["/feed"] = rss_route
    result = await get(server.url("/feed"))
    assert result.outcome == "ok", result.error
    assert result.body == RSS
    assert result.etag == '"v1"'
    assert result.last_modified == "Mon, 02 Mar 2026 10:00:00 GMT"
    assert result.body_hash == hashlib.sha256(RSS).hexdigest()
    assert result.headers["content-type"].startswith("application/rss+xml")
    assert result.error == ""


async def test_user_agent_and_no_validators_on_first_fetch(server: LocalServer) -> None:
    server.routes["/feed"] = rss_route
    await get(server.url("/feed"))
    (headers,) = server.headers_for("/feed")
    assert headers["user-agent"] == f"cockpit/{__version__}"
    assert "if-none-match" not in headers
    assert "if-modified-since" not in headers


async def test_304_sends_validators_exactly_as_stored(server: LocalServer) -> None:
    def not_modified(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 304)

    server.routes["/feed"] = not_modified
    etag = 'W/"abc-123"'
    stamp = "Mon, 02 Mar 2026 10:00:00 GMT"
    result = await get(server.url("/feed"), etag=etag, last_modified=stamp, body_hash="h0")
    assert result.outcome == "not_modified"
    assert result.body is None
    assert (result.etag, result.last_modified, result.body_hash) == (etag, stamp, "h0")
    (headers,) = server.headers_for("/feed")
    assert headers["if-none-match"] == etag
    assert headers["if-modified-since"] == stamp


async def test_same_body_hash_is_unchanged(server: LocalServer) -> None:
    server.routes["/feed"] = rss_route
    result = await get(server.url("/feed"), body_hash=hashlib.sha256(RSS).hexdigest())
    assert result.outcome == "unchanged"
    assert result.body is None
    assert result.etag == '"v1"'  # new validators are still kept


async def test_changed_body_hash_is_ok(server: LocalServer) -> None:
    server.routes["/feed"] = rss_route
    result = await get(server.url("/feed"), body_hash="0" * 64)
    assert result.outcome == "ok"
    assert result.body == RSS


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        ("120", NOW + timedelta(seconds=120)),
        ("Mon, 02 Mar 2026 13:30:00 GMT", datetime(2026, 3, 2, 13, 30, tzinfo=UTC)),
    ],
)
async def test_429_honours_retry_after(
    server: LocalServer, retry_after: str, expected: datetime
) -> None:
    def limited(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 429, b"slow down", {"Retry-After": retry_after})

    server.routes["/feed"] = limited
    result = await get(server.url("/feed"))
    assert result.outcome == "error"
    assert result.error.startswith("HTTP 429 Too Many Requests")
    assert result.retry_after_until == expected


async def test_503_without_retry_after_backs_off_by_failures(server: LocalServer) -> None:
    def down(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 503, b"down")

    server.routes["/feed"] = down
    result = await get(server.url("/feed"), failures=2)
    assert result.error.startswith("HTTP 503 Service Unavailable")
    assert result.retry_after_until is not None
    wait = result.retry_after_until - NOW
    assert timedelta(minutes=60) <= wait <= timedelta(minutes=90)


async def test_feed_waiting_for_retry_after_is_skipped_even_when_forced(
    server: LocalServer,
) -> None:
    server.routes["/feed"] = rss_route
    feed = feed_for(server.url("/feed"), retry_after_until=NOW + timedelta(minutes=5))
    async with make_client() as client:
        result = await fetch_feed(client, feed, force=True, now=NOW)
    assert result.outcome == "skipped"
    assert "12:05 UTC" in result.note
    assert server.seen == []


async def test_min_interval_skips_unless_forced(server: LocalServer) -> None:
    server.routes["/feed"] = rss_route
    feed = feed_for(
        server.url("/feed"), last_fetched=NOW - timedelta(minutes=5), min_interval_minutes=15
    )
    async with make_client() as client:
        skipped = await fetch_feed(client, feed, now=NOW)
        forced = await fetch_feed(client, feed, force=True, now=NOW)
        later = await fetch_feed(client, feed, now=NOW + timedelta(minutes=11))
    assert skipped.outcome == "skipped"
    assert "10 min" in skipped.note
    assert forced.outcome == "ok"
    assert later.outcome == "ok"
    assert len(server.seen) == 2


async def test_slow_server_times_out(server: LocalServer) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(3)
        send(handler, 200, RSS)

    server.routes["/feed"] = slow
    start = time.monotonic()
    async with make_client(total_timeout=0.8) as client:
        result = await fetch_feed(client, feed_for(server.url("/feed")), now=NOW)
    assert result.outcome == "error"
    assert result.error == "timeout"
    assert time.monotonic() - start < 2.5


async def test_trickling_body_hits_the_total_deadline(server: LocalServer) -> None:
    # Each read arrives well within the per-read timeout; only the total deadline stops it.
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.1)

    server.routes["/feed"] = trickle
    start = time.monotonic()
    async with make_client(total_timeout=1.0) as client:
        result = await fetch_feed(client, feed_for(server.url("/feed")), now=NOW)
    assert result.error == "timeout"
    assert time.monotonic() - start < 3


@pytest.mark.parametrize("with_length", [True, False])
async def test_oversize_body_is_refused(server: LocalServer, with_length: bool) -> None:
    big = b"x" * (MAX_BODY + 1)

    def huge(handler: BaseHTTPRequestHandler) -> None:
        if with_length:
            send(handler, 200, big)
            return
        handler.send_response(200)
        handler.send_header("Connection", "close")  # body runs until the socket closes
        handler.end_headers()
        handler.close_connection = True
        handler.wfile.write(big)

    server.routes["/feed"] = huge
    result = await get(server.url("/feed"))
    assert result.outcome == "error"
    assert result.error == TOO_LARGE


async def test_exactly_the_cap_is_fine(server: LocalServer) -> None:
    body = b"y" * MAX_BODY
    server.routes["/feed"] = lambda h: send(h, 200, body)
    result = await get(server.url("/feed"))
    assert result.outcome == "ok"
    assert result.body is not None and len(result.body) == MAX_BODY


async def test_gzip_is_decoded(server: LocalServer) -> None:
    server.routes["/feed"] = lambda h: send(
        h, 200, gzip.compress(RSS), {"Content-Encoding": "gzip"}
    )
    result = await get(server.url("/feed"))
    assert result.outcome == "ok"
    assert result.body == RSS
    assert result.body_hash == hashlib.sha256(RSS).hexdigest()
    assert "content-encoding" not in result.headers
    (headers,) = server.headers_for("/feed")
    assert headers["accept-encoding"] == "gzip, deflate"


async def test_gzip_bomb_is_cut_off_without_inflating_it(server: LocalServer) -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 200_000  # small on the wire
    server.routes["/feed"] = lambda h: send(h, 200, bomb, {"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        result = await get(server.url("/feed"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.error == TOO_LARGE
    # Inflating it all would need 64 MiB; stopping at the cap keeps us near 10-20.
    assert peak < 32 * 1024 * 1024


@pytest.mark.parametrize("raw", [False, True])
async def test_deflate_with_and_without_zlib_header(server: LocalServer, raw: bool) -> None:
    if raw:
        squeezer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        body = squeezer.compress(RSS) + squeezer.flush()
    else:
        body = zlib.compress(RSS)
    server.routes["/feed"] = lambda h: send(h, 200, body, {"Content-Encoding": "deflate"})
    result = await get(server.url("/feed"))
    assert result.body == RSS


async def test_unknown_content_encoding_is_an_error(server: LocalServer) -> None:
    server.routes["/feed"] = lambda h: send(h, 200, b"???", {"Content-Encoding": "br"})
    result = await get(server.url("/feed"))
    assert result.error == "unsupported Content-Encoding: br"


async def test_redirect_loop_stops(server: LocalServer) -> None:
    server.routes["/loop"] = lambda h: send(h, 302, b"", {"Location": "/loop"})
    result = await get(server.url("/loop"))
    assert result.outcome == "error"
    assert result.error == "too many redirects"
    assert len(server.seen) == 6  # the first request plus 5 redirects, then we stop


async def test_five_redirects_are_followed(server: LocalServer) -> None:
    def hop(target: str) -> Callable[[BaseHTTPRequestHandler], None]:
        return lambda h: send(h, 301, b"", {"Location": target})

    for i in range(5):
        server.routes[f"/r{i}"] = hop(f"/r{i + 1}")
    server.routes["/r5"] = rss_route
    result = await get(server.url("/r0"))
    assert result.outcome == "ok"
    assert result.body == RSS


async def test_html_page_is_fetched_fine_parse_decides(server: LocalServer) -> None:
    page = b"<!doctype html><html><body>Login</body></html>"
    server.routes["/feed"] = lambda h: send(h, 200, page, {"Content-Type": "text/html"})
    result = await get(server.url("/feed"))
    assert result.outcome == "ok"
    assert result.body == page


async def test_404_is_a_readable_error(server: LocalServer) -> None:
    result = await get(server.url("/missing"))
    assert result.outcome == "error"
    assert result.error == "HTTP 404 Not Found"
    assert result.retry_after_until is None


async def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = await get(f"http://127.0.0.1:{port}/feed")
    assert result.error == "connection refused"


async def test_at_most_two_connections_per_host(server: LocalServer) -> None:
    def slow_rss(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(0.4)  # long enough that the two allowed requests always overlap
        rss_route(handler)

    server.routes["/feed"] = slow_rss
    feeds = [Feed(id=f"f{i}", url=server.url(f"/feed?n={i}")) for i in range(6)]
    calls: list[tuple[int, int]] = []
    results = await fetch_all(feeds, progress=lambda done, total: calls.append((done, total)))
    assert [r.feed_id for r in results] == [f.id for f in feeds]
    assert all(r.outcome == "ok" for r in results)
    assert server.peak == 2
    assert calls == [(i, 6) for i in range(1, 7)]


async def test_local_path_and_file_url(tmp_path: Path) -> None:
    path = tmp_path / "jobs.rss"
    path.write_bytes(RSS)
    async with make_client() as client:
        plain = await fetch_feed(client, feed_for(str(path)), now=NOW)
        as_url = await fetch_feed(client, feed_for(path.as_uri()), now=NOW)
        same = await fetch_feed(
            client, feed_for(str(path), body_hash=hashlib.sha256(RSS).hexdigest()), now=NOW
        )
    assert plain.outcome == as_url.outcome == "ok"
    assert plain.body == as_url.body == RSS
    assert same.outcome == "unchanged"


async def test_local_file_errors(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    with big.open("wb") as fh:
        fh.truncate(MAX_BODY + 1)  # sparse: instant
    async with make_client() as client:
        missing = await fetch_feed(client, feed_for(str(tmp_path / "nope.xml")), now=NOW)
        folder = await fetch_feed(client, feed_for(str(tmp_path)), now=NOW)
        too_big = await fetch_feed(client, feed_for(str(big)), now=NOW)
        remote = await fetch_feed(client, feed_for("file://otherhost/x.xml"), now=NOW)
        typo = await fetch_feed(client, feed_for("example.com/feed"), now=NOW)
    assert missing.error.startswith("file not found")
    assert "folder" in folder.error
    assert too_big.error == TOO_LARGE
    assert "this computer" in remote.error
    assert "https://" in typo.error


@pytest.mark.parametrize(
    "url",
    [
        "https://www.upwork.com/ab/feed/jobs/rss?q=audio",
        "http://UPWORK.COM/feed",
        "https://upwork.com./rss",
    ],
)
async def test_upwork_is_refused_without_network(url: str) -> None:
    def no_network(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"network used for {request.url}")

    async with make_client(transport=httpx.MockTransport(no_network)) as client:
        result = await fetch_feed(client, feed_for(url), force=True, now=NOW)
    assert result.outcome == "error"
    assert "Upwork closed its RSS" in result.error
    assert "paste the job" in result.error.lower()


async def test_redirect_to_upwork_is_refused(server: LocalServer) -> None:
    target = "https://www.upwork.com/ab/feed/jobs/rss"
    server.routes["/feed"] = lambda h: send(h, 302, b"", {"Location": target})
    result = await get(server.url("/feed"))
    assert "Upwork closed its RSS" in result.error
    assert len(server.seen) == 1


async def test_unsupported_scheme_and_empty_address() -> None:
    result = await get("ftp://example.com/feed.xml")
    assert result.outcome == "error"
    assert "unsupported address" in result.error
    assert (await get("  ")).error == "the feed has no address"


def test_parse_retry_after_forms_and_clamps() -> None:
    assert parse_retry_after("30", NOW) == NOW + timedelta(seconds=30)
    assert parse_retry_after("Mon, 02 Mar 2026 11:00:00 GMT", NOW) == NOW  # past: no wait
    assert parse_retry_after("99999999", NOW) == NOW + timedelta(days=2)
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("", NOW) is None
    assert parse_retry_after(None, NOW) is None


def test_backoff_grows_with_failures_and_is_capped() -> None:
    assert backoff_until(0, NOW, rand=lambda: 0.0) == NOW + timedelta(minutes=15)
    assert backoff_until(3, NOW, rand=lambda: 0.0) == NOW + timedelta(minutes=120)
    assert backoff_until(3, NOW, rand=lambda: 1.0) == NOW + timedelta(minutes=180)
    assert backoff_until(50, NOW, rand=lambda: 0.0) == NOW + timedelta(hours=12)
