"""A lean asyncio network layer for httpx, so a 304 costs less CPU.

httpx talks to the network through httpcore, which by default goes through
anyio: every read and write opens a cancel scope and every reuse check builds
a dict of socket attributes. For a refresh where 200 feeds answer 304 that
bookkeeping was a sixth of the CPU. ``FeedTransport`` is httpx's own
transport (same pool, same HTTP/1.1 code, same error mapping) with the
network backend swapped for ``AsyncioBackend``: plain asyncio transports,
timeouts with ``asyncio.timeout``. httpcore documents the backend as a
plug-in point (``network_backend``).

Only direct connections use it; proxies from the environment keep httpx's
default transports.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import typing
from collections.abc import Iterable, Iterator

import httpcore
import httpx

SocketOption = typing.Any  # httpcore's SOCKET_OPTION: a tuple for setsockopt
_HIGH_WATER = 256 * 1024  # buffered bytes before we stop reading from the socket
_CLOSE_WAIT = 1.0  # seconds a TLS close may take before the socket is dropped


class _Protocol(asyncio.Protocol):
    """Bytes from one connection, handed out by ``read``; flow control both ways."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.error: BaseException | None = None
        self._reader: asyncio.Future[None] | None = None
        self._writable = True
        self._drained: asyncio.Future[None] | None = None
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > _HIGH_WATER and self.transport is not None:
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake()
        return False  # let the transport close itself

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = True
        self.error = exc
        self._wake()
        self.resume_writing()
        if not self.closed.done():
            self.closed.set_result(None)

    def pause_writing(self) -> None:
        self._writable = False

    def resume_writing(self) -> None:
        self._writable = True
        if self._drained is not None and not self._drained.done():
            self._drained.set_result(None)

    def _wake(self) -> None:
        if self._reader is not None and not self._reader.done():
            self._reader.set_result(None)

    async def wait_readable(self) -> None:
        self._reader = asyncio.get_running_loop().create_future()
        try:
            await self._reader
        finally:
            self._reader = None

    async def drain(self) -> None:
        if self._writable:
            return
        self._drained = asyncio.get_running_loop().create_future()
        try:
            await self._drained
        finally:
            self._drained = None


@contextlib.contextmanager
def _mapped(timeout_error: type[Exception], os_error: type[Exception]) -> Iterator[None]:
    try:
        yield
    except TimeoutError as exc:
        raise timeout_error(str(exc) or "timed out") from exc
    except (OSError, ssl.SSLError, RuntimeError) as exc:
        raise os_error(str(exc) or type(exc).__name__) from exc


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, protocol: _Protocol) -> None:
        self._protocol = protocol

    @property
    def _transport(self) -> asyncio.Transport:
        assert self._protocol.transport is not None
        return self._protocol.transport

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        protocol = self._protocol
        if not protocol.buffer and not protocol.eof:
            with _mapped(httpcore.ReadTimeout, httpcore.ReadError):
                async with asyncio.timeout(timeout):
                    while not protocol.buffer and not protocol.eof:
                        await protocol.wait_readable()
        if not protocol.buffer:
            if protocol.error is not None:
                raise httpcore.ReadError(str(protocol.error)) from protocol.error
            return b""  # end of stream: httpcore expects empty bytes
        data = bytes(protocol.buffer[:max_bytes])
        del protocol.buffer[:max_bytes]
        if len(protocol.buffer) <= _HIGH_WATER // 4 and not protocol.eof:
            with contextlib.suppress(RuntimeError):  # resuming a closed transport
                self._transport.resume_reading()
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        protocol = self._protocol
        if protocol.eof and protocol.error is not None:
            raise httpcore.WriteError(str(protocol.error)) from protocol.error
        with _mapped(httpcore.WriteTimeout, httpcore.WriteError):
            if self._transport.is_closing():
                raise ConnectionResetError("connection closed")
            self._transport.write(buffer)
            if not protocol._writable:
                async with asyncio.timeout(timeout):
                    await protocol.drain()

    async def aclose(self) -> None:
        transport = self._protocol.transport
        if transport is None:
            return
        transport.close()
        try:  # a TLS close waits for the peer: never for long
            async with asyncio.timeout(_CLOSE_WAIT):
                await asyncio.shield(self._protocol.closed)
        except TimeoutError:
            transport.abort()
        except asyncio.CancelledError:
            transport.abort()
            raise

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
                async with asyncio.timeout(timeout):
                    tls = await loop.start_tls(
                        self._transport,
                        self._protocol,
                        ssl_context,
                        server_hostname=server_hostname,
                    )
        except BaseException:
            self._transport.abort()
            raise
        if tls is None:  # the connection closed during the handshake
            raise httpcore.ConnectError("connection closed during the TLS handshake")
        self._protocol.transport = tls
        return self

    def get_extra_info(self, info: str) -> typing.Any:
        transport = self._protocol.transport
        if info == "is_readable":
            # An idle keep-alive connection with bytes or an EOF waiting was
            # closed or broken by the server: httpcore then drops it.
            protocol = self._protocol
            return bool(protocol.buffer) or protocol.eof or transport is None
        if transport is None:
            return None
        if info == "ssl_object":
            return transport.get_extra_info("ssl_object")
        if info == "client_addr":
            return transport.get_extra_info("sockname")
        if info == "server_addr":
            return transport.get_extra_info("peername")
        if info == "socket":
            return transport.get_extra_info("socket")
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
            async with asyncio.timeout(timeout):
                transport, protocol = await loop.create_connection(
                    _Protocol,
                    host,
                    port,
                    local_addr=(local_address, 0) if local_address else None,
                )
            sock = transport.get_extra_info("socket")
            for option in socket_options or ():
                sock.setsockopt(*option)
        return AsyncioStream(protocol)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        with _mapped(httpcore.ConnectTimeout, httpcore.ConnectError):
            async with asyncio.timeout(timeout):
                _transport, protocol = await loop.create_unix_connection(_Protocol, path)
        return AsyncioStream(protocol)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class FeedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport, with connections made by ``AsyncioBackend``."""

    def __init__(self, *, verify: ssl.SSLContext, limits: httpx.Limits) -> None:
        super().__init__(verify=verify, limits=limits)
        # httpx keeps its pool in ``_pool``; when a future httpx changes that,
        # the default pool simply stays (slower, same behaviour).
        self.lean = type(getattr(self, "_pool", None)) is httpcore.AsyncConnectionPool
        if self.lean:
            self._pool = httpcore.AsyncConnectionPool(
                ssl_context=verify,
                max_connections=limits.max_connections,
                max_keepalive_connections=limits.max_keepalive_connections,
                keepalive_expiry=limits.keepalive_expiry,
                http1=True,
                http2=False,
                network_backend=AsyncioBackend(),
            )
