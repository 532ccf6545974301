"""Cheap unchanged refreshes: 304s reuse the connection; TLS setup is done once."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from cockpit.feeds.fetch import fetch_all, make_client, tls_context
from cockpit.models import Feed
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]


async def test_304s_keep_the_connection(server: LocalServer) -> None:
    ports: list[int] = []

    def unchanged(handler: BaseHTTPRequestHandler) -> None:
        ports.append(handler.client_address[1])
        send(handler, 304, b"", {"ETag": '"v1"'})

    for i in range(5):
        server.routes[f"/f{i}"] = unchanged
    feeds = [Feed(id=f"f{i}", url=server.url(f"/f{i}"), etag='"v1"') for i in range(5)]
    async with make_client(per_host=1) as client:
        results = await fetch_all(feeds, force=True, client=client)
    assert [r.outcome for r in results] == ["not_modified"] * 5
    assert len(set(ports)) == 1, ports  # one TCP connection for all five


def test_tls_context_is_shared_per_setting() -> None:
    assert tls_context(True) is tls_context(True)
    assert tls_context(False) is not tls_context(True)


async def test_on_result_sees_every_feed_with_its_index(server: LocalServer) -> None:
    server.routes["/ok"] = lambda h: send(h, 200, b"<rss/>", {"Content-Type": "text/xml"})
    feeds = [Feed(id="a", url=server.url("/ok")), Feed(id="b", url=server.url("/missing"))]
    seen: list[tuple[int, str]] = []
    results = await fetch_all(feeds, on_result=lambda i, r: seen.append((i, r.outcome)))
    assert sorted(seen) == [(0, "ok"), (1, "error")]
    assert [r.outcome for r in results] == ["ok", "error"]
