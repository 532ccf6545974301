"""Connections on httpx's stock transport: 304s reuse them, a dropped idle one is
replaced, big bodies arrive whole, TLS is set up once and fails readably."""

from __future__ import annotations

import asyncio
import hashlib
import re
import shutil
import ssl
import subprocess
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from cockpit.feeds.fetch import fetch_all, fetch_feed, make_client, tls_context
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


async def test_server_closing_idle_connections_costs_nothing(server: LocalServer) -> None:
    ports: list[int] = []

    def once(handler: BaseHTTPRequestHandler) -> None:
        ports.append(handler.client_address[1])
        send(handler, 200, b"<rss/>", {"Content-Type": "text/xml"})
        handler.close_connection = True  # closes without saying "Connection: close"

    for i in range(3):
        server.routes[f"/f{i}"] = once
    feeds = [Feed(id=f"f{i}", url=server.url(f"/f{i}")) for i in range(3)]
    async with make_client(per_host=1) as client:
        results = []
        for feed in feeds:  # one by one, so each finds the previous connection closed
            results.append(await fetch_feed(client, feed, force=True))
            await asyncio.sleep(0.05)
    assert [r.outcome for r in results] == ["ok"] * 3
    assert len(set(ports)) == 3, ports


async def test_big_body_arrives_whole(server: LocalServer) -> None:
    body = bytes(range(256)) * 8192  # 2 MiB: many network reads
    server.routes["/big"] = lambda h: send(h, 200, body, {"Content-Type": "text/xml"})
    results = await fetch_all([Feed(id="big", url=server.url("/big"))], force=True)
    assert results[0].outcome == "ok"
    assert results[0].body_hash == hashlib.sha256(body).hexdigest()


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


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1".split()
    subprocess.run(
        [
            *command,
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return key, cert


@pytest.fixture
def tls_server(tls_files: tuple[Path, Path], server: LocalServer) -> LocalServer:
    key, cert = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    return server


async def test_https_with_a_certificate_from_ssl_cert_file(
    tls_server: LocalServer, tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ports: list[int] = []

    def feed(handler: BaseHTTPRequestHandler) -> None:
        ports.append(handler.client_address[1])
        send(handler, 200, b"<rss/>", {"Content-Type": "text/xml"})

    tls_server.routes["/feed"] = feed
    url = tls_server.url("/feed").replace("http://", "https://")
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files[1]))  # the user's own CA setting
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    async with make_client(per_host=1) as client:
        first = await fetch_feed(client, Feed(id="a", url=url), force=True)
        second = await fetch_feed(client, Feed(id="b", url=url), force=True)
    assert (first.outcome, first.body) == ("ok", b"<rss/>")
    assert second.outcome == "ok"
    assert len(set(ports)) == 1, ports  # the same TLS connection, reused


async def test_untrusted_certificate_is_a_readable_error(tls_server: LocalServer) -> None:
    url = tls_server.url("/feed").replace("http://", "https://")
    async with make_client(trust_env=False) as client:
        result = await fetch_feed(client, Feed(id="tls", url=url), force=True)
    assert result.outcome == "error"
    assert result.error == "TLS error (certificate not trusted?)"


def test_no_private_http_internals() -> None:
    # The stock transport only: no httpcore imports, no httpx private modules, no
    # reaching into a client's or transport's pool (what netio.py used to do).
    root = Path(__file__).resolve().parents[2] / "cockpit"
    private = re.compile(
        r"^\s*(import|from) httpcore\b|\bhttpx\._|\._(pool|transport|mounts)\b|netio"
    )
    offenders = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if private.search(line)
    ]
    assert offenders == []
