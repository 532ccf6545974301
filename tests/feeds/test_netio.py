"""The asyncio network backend under httpx: reuse, EOF, timeouts, flow control, TLS."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpcore
import httpx
import pytest

from cockpit.feeds.fetch import fetch_all, fetch_feed, make_client
from cockpit.feeds.netio import AsyncioBackend, FeedTransport
from cockpit.models import Feed
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]

LIMITS = httpx.Limits(max_connections=4, max_keepalive_connections=4)
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@asynccontextmanager
async def raw_server(handle: Handler) -> AsyncIterator[int]:
    tcp = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield tcp.sockets[0].getsockname()[1]
    finally:
        tcp.close()


def test_transport_runs_on_the_asyncio_backend() -> None:
    # With the pinned httpx the swap must happen, or the speed-up is silently gone.
    assert FeedTransport(verify=ssl.create_default_context(), limits=LIMITS).lean


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


async def test_big_body_arrives_whole_through_flow_control(server: LocalServer) -> None:
    body = bytes(range(256)) * 8192  # 2 MiB, well past the read buffer's high-water mark
    server.routes["/big"] = lambda h: send(h, 200, body, {"Content-Type": "text/xml"})
    results = await fetch_all([Feed(id="big", url=server.url("/big"))], force=True)
    assert results[0].outcome == "ok"
    assert results[0].body_hash == hashlib.sha256(body).hexdigest()


async def test_read_times_out_as_httpcore_expects() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(2)
        writer.close()

    async with raw_server(silent) as port:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=1.0)
        with pytest.raises(httpcore.ReadTimeout):
            await stream.read(100, timeout=0.1)
        await stream.aclose()


async def test_eof_reads_empty_and_marks_the_connection_readable() -> None:
    async def hello(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"hello")
        await writer.drain()
        writer.close()

    async with raw_server(hello) as port:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=1.0)
        assert stream.get_extra_info("server_addr")[1] == port
        assert await stream.read(3, timeout=1.0) == b"hel"
        assert await stream.read(100, timeout=1.0) == b"lo"
        assert await stream.read(100, timeout=1.0) == b""
        assert stream.get_extra_info("is_readable")  # httpcore drops such a connection
        await stream.aclose()


async def test_refused_connection_keeps_its_cause() -> None:
    async with raw_server(lambda r, w: asyncio.sleep(0)) as port:
        pass  # closed again: nothing listens on that port now
    with pytest.raises(httpcore.ConnectError) as caught:
        await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=1.0)
    assert isinstance(caught.value.__cause__, ConnectionRefusedError)


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


async def test_https_through_start_tls(
    tls_server: LocalServer, tls_files: tuple[Path, Path]
) -> None:
    tls_server.routes["/feed"] = lambda h: send(h, 200, b"<rss/>", {"Content-Type": "text/xml"})
    url = tls_server.url("/feed").replace("http://", "https://")
    trusted = ssl.create_default_context(cafile=str(tls_files[1]))
    async with httpx.AsyncClient(transport=FeedTransport(verify=trusted, limits=LIMITS)) as client:
        first = await client.get(url)
        second = await client.get(url)  # the same TLS connection, reused
    assert (first.status_code, first.content) == (200, b"<rss/>")
    assert second.status_code == 200
    assert first.extensions["network_stream"].get_extra_info("ssl_object") is not None


async def test_untrusted_certificate_is_a_readable_error(tls_server: LocalServer) -> None:
    url = tls_server.url("/feed").replace("http://", "https://")
    async with make_client(trust_env=False) as client:
        result = await fetch_feed(client, Feed(id="tls", url=url), force=True)
    assert result.outcome == "error"
    assert result.error == "TLS error (certificate not trusted?)"
