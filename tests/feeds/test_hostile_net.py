"""Issue 15 points 7, 8, 10: signals, slow hosts, odd paths, hostile servers and URLs.

Every network test talks to a real HTTP server on 127.0.0.1 (never the internet).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from cockpit.feeds import fetch
from cockpit.feeds.body import MemoryBudget
from cockpit.feeds.fetch import fetch_all, fetch_feed, make_client, parse_retry_after
from cockpit.feeds.refresh import FeedReport
from cockpit.feeds.sources import check_feed_url
from cockpit.feeds.stopping import Stopped, end_workers, signals_held, stop_on_signals
from cockpit.models import Feed
from cockpit.store import Store
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>
<item><title>Mix my podcast</title><link>https://example.com/1</link></item>
</channel></rss>"""
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


def feed_for(url: str, feed_id: str = "f1") -> Feed:
    return Feed(id=feed_id, url=url, name="Test")


async def get(url: str) -> fetch.FetchResult:
    async with make_client() as client:
        return await fetch_feed(client, feed_for(url), now=NOW)


def redirect_to(target: str) -> Callable[[BaseHTTPRequestHandler], None]:
    return lambda h: send(h, 302, b"", {"Location": target})


def no_controls(text: str) -> bool:
    return not any(c in text for c in CONTROLS)


# --- point 10: redirects ---------------------------------------------------


async def test_redirect_to_another_local_port_is_refused(server: LocalServer) -> None:
    other = LocalServer()
    other.thread.start()
    try:
        other.routes["/secret"] = lambda h: send(h, 200, RSS)
        server.routes["/feed"] = redirect_to(other.url("/secret"))
        result = await get(server.url("/feed"))
        assert result.outcome == "error"
        assert "refused a redirect to a local or private address" in result.error
        assert "127.0.0.1" in result.error
        assert other.seen == []  # the local service was never contacted
    finally:
        other.httpd.shutdown()
        other.httpd.server_close()


async def test_redirect_to_localhost_name_is_refused(server: LocalServer) -> None:
    server.routes["/feed"] = redirect_to(f"http://localhost:{server.port}/x")
    result = await get(server.url("/feed"))
    assert result.outcome == "error"
    assert "local or private address (localhost)" in result.error


async def test_redirect_on_the_same_host_and_port_is_followed(server: LocalServer) -> None:
    server.routes["/old"] = redirect_to(server.url("/new"))
    server.routes["/new"] = lambda h: send(h, 200, RSS)
    result = await get(server.url("/old"))
    assert result.outcome == "ok", result.error
    assert result.body == RSS


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),  # cloud metadata
        ("0.0.0.0", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("db.localhost", True),
        ("8.8.8.8", False),
        ("93.184.216.34", False),
        ("2606:4700::1111", False),
        ("no-such-host.invalid", False),  # unresolvable: the connection says so
    ],
)
async def test_private_hosts(host: str, private: bool) -> None:
    assert await fetch._is_private_host(host) is private


async def test_redirect_to_javascript_is_a_clear_message(server: LocalServer) -> None:
    server.routes["/feed"] = redirect_to("javascript:alert(1)")
    result = await get(server.url("/feed"))
    assert result.outcome == "error"
    assert result.error == "redirected to an unsupported address"


# --- point 10: Retry-After --------------------------------------------------


def test_huge_retry_after_is_capped_not_an_overflow() -> None:
    for value in ("99999999999999999999", "1" + "0" * 400, "0000000000000000000005"):
        until = parse_retry_after(value, NOW)
        assert until is not None
        assert NOW <= until <= NOW + timedelta(days=2)
    assert parse_retry_after("0000000000000000000005", NOW) == NOW + timedelta(seconds=5)
    # Non-ASCII digits are not a number of seconds (and not a date either).
    assert parse_retry_after("١٢٣", NOW) is None
    assert parse_retry_after("Mon, 01 Jan 9999 00:00:00 GMT", NOW) == NOW + timedelta(days=2)


async def test_huge_retry_after_from_a_server(server: LocalServer) -> None:
    server.routes["/feed"] = lambda h: send(h, 429, b"", {"Retry-After": "9" * 20})
    result = await get(server.url("/feed"))
    assert result.outcome == "error"
    assert result.retry_after_until == NOW + timedelta(days=2)
    # Two days away: the date is part of the message, not only a time.
    assert result.error == "HTTP 429 Too Many Requests; retrying after 4 Mar 2026 12:00 UTC"


async def test_retry_after_today_shows_only_the_time(server: LocalServer) -> None:
    server.routes["/feed"] = lambda h: send(h, 503, b"", {"Retry-After": "120"})
    result = await get(server.url("/feed"))
    assert result.error == "HTTP 503 Service Unavailable; retrying after 12:02 UTC"


async def test_skip_message_shows_the_date_of_a_far_wait() -> None:
    until = NOW + timedelta(days=1, hours=3)
    feed = Feed(id="f", url="https://example.com/f", retry_after_until=until)
    async with make_client() as client:
        result = await fetch_feed(client, feed, now=NOW)
    assert result.outcome == "skipped"
    assert result.note == "server asked us to wait until 3 Mar 2026 15:00 UTC"


# --- point 10: control characters never reach a terminal ----------------------


async def test_c1_controls_in_a_server_header_are_dropped(server: LocalServer) -> None:
    # http.server writes headers as latin-1, so \x9b (CSI) and ESC go out as raw bytes.
    evil = "br\x9b31m\x1b]0;owned\x07\x85x"
    server.routes["/feed"] = lambda h: send(h, 200, RSS, {"Content-Encoding": evil})
    result = await get(server.url("/feed"))
    assert result.outcome == "error"
    assert result.error.startswith("unsupported Content-Encoding")
    assert no_controls(result.error)
    line = FeedReport("f1", "Test", "error", message=result.error).summary_line()
    assert no_controls(line)


def test_summary_line_cleans_name_and_message() -> None:
    report = FeedReport("f", "Feed\x1b[2J\x9b", "error", message="bad\x1b]52;c;aGk=\x07 \x85thing")
    line = report.summary_line()
    assert no_controls(line)
    assert line == "ERR   Feed  bad thing"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/\x1b]0;pwned\x07feed",
        "https://example.com/\x9b2Jfeed",
        "https://exa\u202emple.com/feed",
        "/tmp/feed\x1b[31m.xml",
    ],
)
def test_feed_address_with_controls_is_refused_without_echo(url: str) -> None:
    with pytest.raises(ValueError) as err:
        check_feed_url(url)
    assert str(err.value) == "the feed address contains control characters"


def test_bad_ipv6_literal_is_a_message_not_a_traceback() -> None:
    with pytest.raises(ValueError, match="not a valid URL"):
        check_feed_url("http://[::1/feed")


# --- point 8: odd paths ------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
async def test_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)
    async with make_client() as client:
        started = time.monotonic()
        result = await asyncio.wait_for(fetch_feed(client, feed_for(str(fifo)), now=NOW), 5)
    assert time.monotonic() - started < 2
    assert result.outcome == "error"
    assert "named pipe (FIFO)" in result.error
    assert "only regular files are read" in result.error


async def test_device_and_folder_are_refused(tmp_path: Path) -> None:
    async with make_client() as client:
        device = await fetch_feed(client, feed_for("/dev/zero"), now=NOW)
        folder = await fetch_feed(client, feed_for(str(tmp_path)), now=NOW)
    assert device.outcome == "error"
    assert "device" in device.error
    assert folder.outcome == "error"
    assert "is a folder, not a feed file" in folder.error


async def test_regular_file_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS)
    result = await get(path.as_uri())
    assert result.outcome == "ok"
    assert result.body == RSS


# --- point 8: the deadline covers the wait for the host's gate ------------------


async def test_deadline_covers_the_per_host_gate(server: LocalServer) -> None:
    release = threading.Event()

    def hang(handler: BaseHTTPRequestHandler) -> None:
        release.wait(10)  # never answers within the test's deadline

    server.routes["/hang"] = hang
    feeds = [feed_for(server.url(f"/hang?n={i}"), f"f{i}") for i in range(6)]
    client = make_client(total_timeout=0.6, per_host=2)
    started = time.monotonic()
    try:
        results = await fetch_all(feeds, client=client, now=NOW)
    finally:
        release.set()
        await client.aclose()
    took = time.monotonic() - started
    assert [r.error for r in results] == ["timeout"] * 6
    # Before: three rounds of 0.6 s behind the gate (1.8 s); now one deadline for all.
    assert took < 1.4, took


# --- point 8: a total memory budget for bodies in flight ------------------------


async def test_memory_budget_waits_until_bytes_are_given_back() -> None:
    budget = MemoryBudget(100)
    first, second, third = budget.open(), budget.open(), budget.open()
    await budget.take(first, 80)
    waiter = asyncio.create_task(budget.take(second, 50))
    await asyncio.sleep(0.01)
    assert not waiter.done()  # 130 > 100: waits
    await asyncio.wait_for(budget.take(first, 60), 1)  # the oldest download never waits
    budget.close(first)
    await asyncio.wait_for(waiter, 1)
    assert budget.used == 50
    # Now the second is the oldest: it goes on past the limit; the third waits.
    await asyncio.wait_for(budget.take(second, 200), 1)
    late = asyncio.create_task(budget.take(third, 10))
    await asyncio.sleep(0.01)
    assert not late.done()
    budget.close(second)
    await asyncio.wait_for(late, 1)
    assert (budget.used, budget.peak) == (10, 250)


async def test_concurrent_bodies_stay_within_the_budget(server: LocalServer) -> None:
    body = b"<rss>" + b"x" * (1024 * 1024) + b"</rss>"

    def big(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, body, {"Content-Type": "application/rss+xml"})

    server.routes["/big"] = big
    feeds = [feed_for(server.url(f"/big?n={i}"), f"f{i}") for i in range(8)]
    client = make_client(per_host=8)
    gates = fetch._GATES[client]
    gates.memory = MemoryBudget(3 * 1024 * 1024)
    try:
        results = await fetch_all(feeds, client=client, now=NOW)
    finally:
        await client.aclose()
    assert all(r.outcome == "ok" and r.body == body for r in results)
    assert gates.memory.peak > 0  # the downloads counted their bytes
    assert gates.memory.peak <= 4 * len(body)  # the limit plus at most one body
    assert gates.memory.used == 0


# --- point 7: SIGTERM / SIGHUP during a refresh --------------------------------


def test_stop_on_signals_turns_sigterm_into_a_clean_stop() -> None:
    with pytest.raises(Stopped) as stopped, stop_on_signals() as received:
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100):  # the handler runs between bytecodes of the main thread
            time.sleep(0.01)
    assert received == [signal.SIGTERM]
    assert stopped.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # restored


def test_a_signal_during_a_held_block_waits_for_its_end() -> None:
    steps: list[str] = []
    with pytest.raises(Stopped), stop_on_signals():
        with signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(20):
                time.sleep(0.01)
            steps.append("write finished")  # not cut off by the signal
        steps.append("after the write")  # never reached: the signal is delivered first
    assert steps == ["write finished"]


def test_stop_on_signals_does_nothing_off_the_main_thread() -> None:
    seen: list[object] = []

    def worker() -> None:
        with stop_on_signals() as received:
            seen.append(received)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [[]]


def test_end_workers_ends_a_busy_pool() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    future = pool.submit(time.sleep, 60)
    pids = [p.pid for p in pool._processes.values() if p.pid is not None]  # workers to check
    assert pids
    started = time.monotonic()
    end_workers(pool)
    assert time.monotonic() - started < 10
    with pytest.raises(BrokenProcessPool):  # the sleeping task did not go on
        future.result(timeout=10)
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True


def _end_marked(mark: str) -> None:
    """After a failed test: end what it left behind (only processes carrying its mark)."""
    for pid in _marked_processes(mark):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _marked_processes(mark: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes() and not _zombie(int(entry.name)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find leftover processes")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_fetch_killed_by_signal_saves_finished_feeds_and_leaves_no_process(
    server: LocalServer, tmp_path: Path, signum: int
) -> None:
    release = threading.Event()

    def slow(handler: BaseHTTPRequestHandler) -> None:
        release.wait(60)

    def fast(handler: BaseHTTPRequestHandler) -> None:
        n = handler.path.rsplit("=", 1)[-1]
        item = f"<item><title>Job {n}</title><link>https://example.com/{n}</link></item>"
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>'
        send(handler, 200, (body + item + "</channel></rss>").encode())

    server.routes["/fast"] = fast
    server.routes["/slow"] = slow
    data = tmp_path  # --data-dir is the store's folder itself
    store = Store.open(data)
    fast_ids = [f"fast{i}" for i in range(5)]  # over the pool threshold: worker processes
    store.feeds.save_many(
        [Feed(id=f, url=server.url(f"/fast?n={i}")) for i, f in enumerate(fast_ids)]
        + [Feed(id="slow", url=server.url("/slow"))]
    )
    store.close()

    mark = f"COCKPIT_TEST_MARK={uuid.uuid4().hex}"
    env = {**os.environ, mark.split("=")[0]: mark.split("=")[1], "PYTHONUNBUFFERED": "1"}
    env.pop("COVERAGE_PROCESS_START", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cockpit", "--data-dir", str(tmp_path), "fetch", "--force"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # every fast feed served and the slow one asked
            paths = [p for p, _h in server.seen]
            if len(paths) >= 6:
                break
            time.sleep(0.05)
        assert len(server.seen) >= 6, (server.seen, proc.poll())
        # The fetch, the resource tracker and at least one parse worker; then give
        # the workers time to parse the five small bodies (milliseconds once started).
        while time.monotonic() < deadline and len(_marked_processes(mark)) < 3:
            time.sleep(0.1)
        assert len(_marked_processes(mark)) >= 3, "the fetch and its workers should be running"
        time.sleep(2)
        proc.send_signal(signum)
        _out, err = proc.communicate(timeout=20)
        deadline = time.monotonic() + 5
        while _marked_processes(mark) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _marked_processes(mark)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        _end_marked(mark)
    assert proc.returncode == 128 + signum, err.decode()
    assert b"Traceback" not in err, err.decode()
    assert left == []  # no worker, no resource tracker left

    store = Store.open_for_reading(data)
    try:
        feeds = {f.id: f for f in store.feeds.all()}
        titles = {j.title for j in store.jobs.all()}
    finally:
        store.close()
    assert feeds["slow"].last_fetched is None  # unfinished: untouched, fetched next time
    saved = [f for f in fast_ids if feeds[f].last_fetched is not None]
    assert saved == fast_ids, {f: feeds[f].status for f in fast_ids}
    assert {f"Job {i}" for i in range(5)} <= titles


# --- point 10: OPML import is linear and bounded ----------------------------------


def _opml(body: str) -> bytes:
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>'.encode()


def test_opml_with_ten_thousand_feeds_is_fast() -> None:
    from cockpit.feeds.opml import new_feeds, parse_opml

    outlines = "".join(f'<outline text="f{i}" xmlUrl="https://e.com/{i}"/>' for i in range(10_000))
    started = time.perf_counter()
    specs = parse_opml(_opml(f'<outline text="Jobs">{outlines}</outline>'))
    existing = [Feed(id="old", url="https://e.com/5")]
    fresh = new_feeds(specs, existing)
    took = time.perf_counter() - started
    assert len(specs) == 10_000
    assert len(fresh) == 9_999 and "https://e.com/5" not in {f.url for f in fresh}
    assert fresh[0].tags == ["Jobs"]
    assert took < 2, took


def test_opml_tags_are_capped_at_fifty_per_feed() -> None:
    from cockpit.feeds.opml import MAX_TAGS, parse_opml

    many = ",".join(f"t{i}" for i in range(100_000))
    (spec,) = parse_opml(_opml(f'<outline text="x" xmlUrl="https://e.com/1" category="{many}"/>'))
    assert len(spec.tags) == MAX_TAGS == 50
    assert spec.tags[:3] == ["t0", "t1", "t2"]


def test_opml_same_feed_in_many_folders_and_deep_nesting_stay_linear() -> None:
    from cockpit.feeds.opml import parse_opml

    n = 20_000
    dup = "".join(
        f'<outline text="d{i}"><outline xmlUrl="https://e.com/1"/></outline>' for i in range(n)
    )
    deep = "".join(f'<outline text="d{i}">' for i in range(n))
    deep += "".join(f'<outline xmlUrl="https://e.com/{i}"/>' for i in range(n)) + "</outline>" * n
    for body in (dup, deep):
        started = time.perf_counter()
        specs = parse_opml(_opml(body))
        assert time.perf_counter() - started < 2
        assert all(len(s.tags) <= 50 for s in specs)
    assert parse_opml(_opml(dup))[0].tags[:2] == ["d0", "d1"]


# --- point 8: results are saved as they arrive, not only at the end -------------


@pytest.mark.parametrize("threshold", [1, 10])  # parsed in workers / inline
def test_a_slow_feed_does_not_hold_back_saving_the_others(
    server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: int
) -> None:
    from cockpit.feeds import refresh as refresh_module

    monkeypatch.setattr(refresh_module, "SAVE_EVERY", 0.2, raising=False)
    seen_while_slow: list[set[str]] = []

    def fast(handler: BaseHTTPRequestHandler) -> None:
        n = handler.path.rsplit("=", 1)[-1]
        item = f"<item><title>Job {n}</title><link>https://example.com/{n}</link></item>"
        send(handler, 200, f"<rss version='2.0'><channel>{item}</channel></rss>".encode())

    def slow(handler: BaseHTTPRequestHandler) -> None:
        deadline = time.monotonic() + 15
        titles: set[str] = set()
        while time.monotonic() < deadline and len(titles) < 3:
            time.sleep(0.1)
            reader = Store.open_for_reading(tmp_path)
            try:
                titles = {j.title for j in reader.jobs.all()}
            finally:
                reader.close()
        seen_while_slow.append(titles)
        item = "<item><title>Late job</title><link>https://example.com/late</link></item>"
        send(handler, 200, f"<rss version='2.0'><channel>{item}</channel></rss>".encode())

    server.routes["/fast"] = fast
    server.routes["/slow"] = slow
    store = Store.open(tmp_path)
    try:
        store.feeds.save_many(
            [Feed(id=f"fast{i}", url=server.url(f"/fast?n={i}")) for i in range(3)]
            + [Feed(id="slow", url=server.url("/slow"))]
        )
        reports = refresh_module.refresh(store, force=True, now=NOW, pool_threshold=threshold)
    finally:
        store.close()
    # The three fast feeds were on disk while the slow one was still answering.
    assert seen_while_slow == [{"Job 0", "Job 1", "Job 2"}]
    assert [r.feed_id for r in reports] == ["fast0", "fast1", "fast2", "slow"]
    assert [r.new_count for r in reports] == [1, 1, 1, 1]


# --- point 7: SIGKILL of the parent leaves no worker behind -------------------------

_POOL_SCRIPT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from cockpit.feeds.stopping import worker_start

if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(2, mp_context=context, initializer=worker_start, initargs=("en",))
    pids = {pool.submit(os.getpid).result() for _ in range(4)}
    print(" ".join(map(str, pids)), flush=True)
    time.sleep(60)
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find leftover processes")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "pool.py"
    script.write_text(_POOL_SCRIPT)
    mark = uuid.uuid4().hex
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "COCKPIT_TEST_MARK": mark, "PYTHONPATH": root}
    proc = subprocess.Popen([sys.executable, str(script)], env=env, stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().decode()
        assert line.strip(), "the pool did not start"
        assert len(_marked_processes(mark)) >= 2  # parent, workers, resource tracker
        proc.kill()
        proc.wait(10)
        deadline = time.monotonic() + 10
        while _marked_processes(mark) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _marked_processes(mark)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        _end_marked(mark)
    assert left == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_adding_a_fifo_device_or_folder_as_a_feed_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/null"), tmp_path):
        with pytest.raises(ValueError, match="not a regular file"):
            check_feed_url(str(path))
    regular = tmp_path / "feed.xml"
    regular.write_bytes(RSS)
    assert check_feed_url(str(regular)) == str(regular.resolve())
