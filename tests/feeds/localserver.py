"""A real HTTP server on 127.0.0.1 in a thread, for feed fetching tests.

Tests register routes (path -> function writing the response) and read back
what the server saw: request headers and the peak number of requests in
flight at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Route = Callable[[BaseHTTPRequestHandler], None]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with server._lock:
                    server.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                    server.active += 1
                    server.peak = max(server.peak, server.active)
                try:
                    route = server.routes.get(self.path.split("?")[0])
                    if route is None:
                        send(self, 404, b"nope", {"Content-Type": "text/plain"})
                    else:
                        route(self)
                finally:
                    with server._lock:
                        server.active -= 1

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        # A client that gave up (timeout tests) makes the handler's write fail: not news.
        self.httpd.handle_error = _quiet  # type: ignore[method-assign]
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def headers_for(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.seen if p.split("?")[0] == path]


def _quiet(request: object, client_address: object) -> None:
    pass


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if body:
        handler.wfile.write(body)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
