"""Refresh numbers for 200 local feeds, measured in one process against plain feedparser.

    python -m bench.refresh_bench [--feeds 200] [--repeat 3] [--no-ui] [--profile]
                                  [--unchanged-only]

(a) baseline: ``feedparser.parse(bytes)`` over the same 200 bodies, one core, stock
    feedparser (its default settings and SAX driver), best of ``--repeat``;
(b) ``refresh(store, force=True)`` into a fresh temp store: fetch over HTTP, parse
    (process pool), dedup, ingest, rules; best of ``--repeat``  (target <= 0.6x (a));
(c) an unchanged re-refresh: every feed answers 304 (target <= 0.5 s); also the
    same-hash path, where the server ignores validators and bodies are hashed;
(d) the refresh of (b) inside a minimal Textual app's thread worker, while a 10 ms
    interval timer records its ticks: the longest gap between ticks  (target <= 100 ms).

Feeds are generated in-process (bench/feedgen.py) and served from a threaded HTTP
server on 127.0.0.1 with ETag and Last-Modified, in a process of its own (like any
web server: in this process its threads took the GIL from the refresh measured).
This file may import textual: it is a bench, not part of the cockpit package.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import multiprocessing
import os
import pstats
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import feedparser
import feedparser.api

from bench.feedgen import GeneratedFeed, generate
from cockpit.feeds.refresh import FeedReport, refresh
from cockpit.models import Feed
from cockpit.store import Store

LAST_MODIFIED = "Mon, 02 Mar 2026 12:00:00 GMT"
TARGET_RATIO = 0.6
TARGET_UNCHANGED = 0.5
TARGET_GAP = 0.100


def _serve(
    feeds: list[tuple[str, str, bytes]],
    ports: Any,
    validators: Any,
    requests: Any,
    not_modified: Any,
) -> None:
    """The server process: answers until it is terminated."""
    bodies = {path: (content_type, body) for path, content_type, body in feeds}
    etags = {path: '"' + hashlib.sha1(body).hexdigest()[:16] + '"' for path, _t, body in feeds}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # TCP_NODELAY, as web servers set it on keep-alive connections (nginx's
        # tcp_nodelay is on by default). Without it every body's last partial
        # segment waits for the client's delayed ACK: ~40 ms per response.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            found = bodies.get(self.path)
            with requests.get_lock():
                requests.value += 1
            if found is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            content_type, body = found
            etag = etags[self.path]
            if validators.value and (
                self.headers.get("If-None-Match") == etag
                or self.headers.get("If-Modified-Since") == LAST_MODIFIED
            ):
                with not_modified.get_lock():
                    not_modified.value += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if validators.value:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    ports.put(httpd.server_address[1])
    httpd.serve_forever()


class FeedServer:
    """Serves the generated feeds; honours If-None-Match / If-Modified-Since when asked.

    It runs in a process of its own, as a web server would: in this process its
    threads would take the GIL from the refresh being measured.
    """

    def __init__(self, feeds: list[GeneratedFeed]) -> None:
        context = multiprocessing.get_context("spawn")
        self._validators = context.Value("b", 1)
        self._requests = context.Value("i", 0)
        self._not_modified = context.Value("i", 0)
        ports = context.Queue()
        self.process = context.Process(
            target=_serve,
            args=(
                [(f.path, f.content_type, f.body) for f in feeds],
                ports,
                self._validators,
                self._requests,
                self._not_modified,
            ),
            daemon=True,
        )
        self.process.start()
        self.port: int = ports.get(timeout=60)

    @property
    def validators(self) -> bool:
        return bool(self._validators.value)

    @validators.setter
    def validators(self, on: bool) -> None:
        self._validators.value = 1 if on else 0

    @property
    def requests(self) -> int:
        return int(self._requests.value)

    @property
    def not_modified(self) -> int:
        return int(self._not_modified.value)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.process.terminate()
        self.process.join(10)


@contextmanager
def stock_feedparser() -> Iterator[None]:
    """feedparser exactly as installed (cockpit.feeds.parse swaps in a buffered SAX driver)."""
    ours = list(feedparser.api.PREFERRED_XML_PARSERS)
    feedparser.api.PREFERRED_XML_PARSERS[:] = ["drv_libxml2"]
    try:
        yield
    finally:
        feedparser.api.PREFERRED_XML_PARSERS[:] = ours


@contextmanager
def fresh_store(server: FeedServer, feeds: list[GeneratedFeed]) -> Iterator[Store]:
    with tempfile.TemporaryDirectory(prefix="cockpit-refresh-bench-") as folder:
        store = Store.open(Path(folder))
        try:
            with store.precious_batch():
                for i, feed in enumerate(feeds):
                    store.feeds.save(Feed(id=f"f{i}", url=server.url(feed.path), name=feed.path))
            yield store
        finally:
            store.close()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def baseline_once(feeds: list[GeneratedFeed]) -> float:
    with stock_feedparser():
        took, entries = timed(lambda: sum(len(feedparser.parse(f.body).entries) for f in feeds))
    assert entries == sum(f.entries for f in feeds), entries
    return float(took)


def parse_feed_once(feeds: list[GeneratedFeed]) -> float:
    """cockpit's own parse (feedparser lighter settings + extraction to Jobs), inline."""
    from cockpit.feeds.parse import parse_feed

    def run() -> int:
        return sum(
            len(parse_feed(f.body, {"content-type": f.content_type}, "f", f.path).jobs)
            for f in feeds
        )

    took, jobs = timed(run)
    assert jobs == sum(f.entries for f in feeds), jobs
    return float(took)


def refresh_once(server: FeedServer, feeds: list[GeneratedFeed]) -> float:
    with fresh_store(server, feeds) as store:
        start = time.perf_counter()
        reports = refresh(store, force=True)
        took = time.perf_counter() - start
        check(reports, "ok", len(feeds))
        assert store.jobs.count() > 0.8 * sum(f.entries for f in feeds)
    return took


def interleaved(
    server: FeedServer, feeds: list[GeneratedFeed], repeat: int
) -> tuple[list[float], list[float]]:
    """(a) and (b) in alternating rounds, so both see the same machine load."""
    bases: list[float] = []
    fulls: list[float] = []
    for _ in range(repeat):
        bases.append(baseline_once(feeds))
        fulls.append(refresh_once(server, feeds))
    return bases, fulls


def check(reports: list[FeedReport], kind: str, count: int) -> None:
    kinds = [r.kind for r in reports]
    assert kinds == [kind] * count, {k: kinds.count(k) for k in set(kinds)}


def unchanged(server: FeedServer, feeds: list[GeneratedFeed], repeat: int) -> tuple[float, float]:
    with fresh_store(server, feeds) as store:
        check(refresh(store, force=True), "ok", len(feeds))
        before = server.not_modified
        not_modified = min(timed(lambda: refresh(store, force=True))[0] for _ in range(repeat))
        assert server.not_modified - before == repeat * len(feeds)
        server.validators = False  # bodies come back in full: the hash must catch them
        try:
            reports: list[FeedReport] = []

            def same() -> None:
                reports[:] = refresh(store, force=True)

            same_hash = min(timed(same)[0] for _ in range(repeat))
            check(reports, "not_modified", len(feeds))
        finally:
            server.validators = True
    return not_modified, same_hash


def ui_gap(
    server: FeedServer, feeds: list[GeneratedFeed], freeze: bool = False
) -> tuple[float, float, int]:
    """(longest gap between 10 ms ticks, refresh seconds, ticks) with refresh in a worker.

    ``freeze``: call gc.freeze() once the app is up, as an app would after loading
    its store, so collections skip the long-lived objects (see docs/PERFORMANCE.md).
    """
    import asyncio
    import gc

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    with fresh_store(server, feeds) as store:

        class Probe(App[None]):
            def __init__(self) -> None:
                super().__init__()
                self.ticks: list[float] = []
                self.took = 0.0
                self.done = threading.Event()

            def compose(self) -> ComposeResult:
                yield Static("refreshing")

            def on_mount(self) -> None:
                if freeze:
                    gc.collect()
                    gc.freeze()
                self.set_interval(0.01, self.tick)
                self.run_worker(self.work, thread=True, exit_on_error=False)

            def tick(self) -> None:
                self.ticks.append(time.perf_counter())

            def work(self) -> None:
                start = time.perf_counter()
                try:
                    check(refresh(store, force=True), "ok", len(feeds))
                finally:
                    self.took = time.perf_counter() - start
                    self.done.set()

        async def drive() -> tuple[float, float, int]:
            app = Probe()
            async with app.run_test(headless=True) as pilot:
                while not app.done.is_set():
                    await pilot.pause(0.05)
                await pilot.pause(0.05)
            gaps = [b - a for a, b in zip(app.ticks, app.ticks[1:], strict=False)]
            if freeze:
                gc.unfreeze()
            return max(gaps), app.took, len(app.ticks)

        return asyncio.run(drive())


def profile_refresh(server: FeedServer, feeds: list[GeneratedFeed]) -> None:
    with fresh_store(server, feeds) as store:
        profiler = cProfile.Profile()
        profiler.enable()
        refresh(store, force=True, pool_threshold=10**9)  # inline, so the profile sees parsing
        profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-ui", action="store_true", help="skip (d), the Textual app part")
    parser.add_argument("--profile", action="store_true", help="profile an inline refresh")
    parser.add_argument("--freeze", action="store_true", help="(d) with gc.freeze() at app start")
    parser.add_argument(
        "--parse-only", action="store_true", help="feedparser.parse vs parse_feed, one core"
    )
    parser.add_argument("--ui-only", action="store_true", help="only (d)")
    parser.add_argument("--unchanged-only", action="store_true", help="only (c)")
    args = parser.parse_args()

    feeds = generate(args.feeds)
    size = sum(len(f.body) for f in feeds)
    entries = sum(f.entries for f in feeds)
    print(
        f"{len(feeds)} feeds, {entries} entries, {size / 1e6:.1f} MB; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    server = FeedServer(feeds)
    try:
        if args.profile:
            profile_refresh(server, feeds)
            return
        if args.parse_only:
            pairs = [(baseline_once(feeds), parse_feed_once(feeds)) for _ in range(args.repeat)]
            for stock, ours in pairs:
                print(
                    f"feedparser.parse {stock:6.2f} s   parse_feed {ours:6.2f} s   "
                    f"ratio {ours / stock:.2f}x"
                )
            return
        if args.ui_only:
            for _ in range(args.repeat):
                gap, took, ticks = ui_gap(server, feeds, freeze=args.freeze)
                print(f"(d) {took:.2f} s, longest gap {gap * 1000:.0f} ms over {ticks} ticks")
            return
        if args.unchanged_only:  # best of --repeat; run it with a higher --repeat on a busy box
            same_304, same_hash = unchanged(server, feeds, args.repeat)
            print(
                f"(c) unchanged re-refresh, all 304: {same_304:.2f} s (best of {args.repeat}); "
                f"same hash, no validators: {same_hash:.2f} s"
            )
            return
        bases, fulls = interleaved(server, feeds, args.repeat)
        base, full = min(bases), min(fulls)
        ratios = sorted(f / b for b, f in zip(bases, fulls, strict=True))
        print(f"(a) feedparser.parse x{len(feeds)}, one core:      {base:6.2f} s  (best)")
        print(
            f"(b) refresh(force=True), fresh store:    {full:6.2f} s  (best)  "
            f"ratio {full / base:.2f}x (target <= {TARGET_RATIO}x); "
            f"per round {', '.join(f'{r:.2f}' for r in ratios)}",
            flush=True,
        )
        same_304, same_hash = unchanged(server, feeds, args.repeat)
        print(
            f"(c) unchanged re-refresh, all 304:       {same_304:6.2f} s   "
            f"(target <= {TARGET_UNCHANGED} s); same hash, no validators: {same_hash:.2f} s",
            flush=True,
        )
        gaps: list[float] = []
        if not args.no_ui:
            for _ in range(args.repeat):
                gap, took, ticks = ui_gap(server, feeds, freeze=args.freeze)
                gaps.append(gap)
                print(
                    f"(d) refresh in a Textual worker{' (gc frozen)' if args.freeze else ''}: "
                    f"{took:6.2f} s   "
                    f"longest gap between 10 ms ticks {gap * 1000:.0f} ms over {ticks} ticks "
                    f"(target <= {TARGET_GAP * 1000:.0f} ms)",
                    flush=True,
                )
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        print(
            "verdict: "
            + ", ".join(
                f"{name} {'met' if ok else 'MISSED'}"
                for name, ok in (
                    ("ratio", full / base <= TARGET_RATIO),
                    ("unchanged", same_304 <= TARGET_UNCHANGED),
                    ("ui", bool(gaps) and max(gaps) <= TARGET_GAP),
                )
            )
        )
    finally:
        server.close()


if __name__ == "__main__":
    main()
