"""`cockpit fetch` against newsboat's `-x reload` on the same 200 local feeds (issue 18).

    python -m bench.peer_bench [--feeds 200] [--repeat 3] [--newsboat-threads 1,4]
                               [--profile]

Needs newsboat (Debian: ``apt-get install newsboat``); without it on PATH the bench
says so and exits 0.

Feeds: the real captures in /work/shared/samples (each served a few times under
different paths, the copies with distinct guids so neither reader merges them),
then bench/feedgen.py's generated feeds up to ``--feeds``. They are served from a
process of their own on 127.0.0.1 with ETag and Last-Modified, 304 on a match
(bench/refresh_bench.py's FeedServer).

Each round, for each reader, as fresh processes:
  full      cockpit: ``python -m cockpit --data-dir D fetch --force`` on a new data
            dir holding the feeds (added through the Store API before timing);
            newsboat: ``newsboat -x reload -u urls -c cache.db -C config`` on a new
            cache, with only ``reload-threads N`` in config (newsboat's default is 1);
  second    the same command again, timed for information;
  unchanged the first run in which every feed answered 304. For cockpit that is the
            second run. newsboat 2.21 keeps the ETag/Last-Modified of a feed's first
            fetch only once the feed is in its cache, so its second run downloads
            everything again and its third is the first conditional one.
Rounds alternate the readers so both see the same machine load; best of ``--repeat``.
Wall time is measured around the process. Peak RSS is the command's own ru_maxrss,
taken by /usr/bin/time (or a small wrapper): Linux starts a process's ru_maxrss at
the RSS of the process it was forked from, so it must not be forked from this bench.
For cockpit that is its largest process, the main one or a spawned parse worker;
"tree" is the peak of the summed PSS of the command and all its descendants, sampled
every 20 ms from /proc (cockpit's parse workers are separate processes, so this is
the memory `cockpit fetch` really holds; a short peak between samples can be missed).
Targets (issue 18): full <= 1.0x newsboat's wall time, unchanged <= 0.5x, peak RSS <= 2x.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.feedgen import GeneratedFeed, generate
from bench.refresh_bench import FeedServer

SAMPLES = Path("/work/shared/samples")
SAMPLE_COPIES = 4  # each capture served this many times, under different paths
TARGET_FULL = 1.0
TARGET_UNCHANGED = 0.5
TARGET_RSS = 2.0
TIME = "/usr/bin/time"
SAMPLE_EVERY = 0.02  # seconds between /proc samples of the process tree
_GUID_OR_LINK = re.compile(rb"(<(guid|link)\b[^>]*>)([^<]+)(</\2>)")


@dataclass(frozen=True, slots=True)
class Run:
    wall: float  # seconds
    maxrss_kb: int  # ru_maxrss of the process (its largest process, with children)
    tree_kb: int  # peak summed PSS of the process tree, sampled
    cpu: float  # user + system seconds of the command and the children it waited for
    returncode: int
    output: str


def _sample_copy(body: bytes, copy: int) -> bytes:
    """The capture with every guid and link made distinct (copy 0 is the capture as is)."""
    if copy == 0:
        return body
    suffix = f"#copy{copy}".encode()
    return _GUID_OR_LINK.sub(lambda m: m[1] + m[3].strip() + suffix + m[4], body)


def build_feeds(count: int) -> list[GeneratedFeed]:
    """The shared samples (a few copies each), then generated feeds up to ``count``."""
    samples = sorted(SAMPLES.glob("*.rss")) if SAMPLES.is_dir() else []
    feeds: list[GeneratedFeed] = []
    for copy in range(SAMPLE_COPIES):
        for sample in samples:
            if len(feeds) >= count:
                break
            body = _sample_copy(sample.read_bytes(), copy)
            feeds.append(
                GeneratedFeed(
                    f"/samples/{copy}/{sample.name}",
                    "sample",
                    "application/rss+xml; charset=utf-8",
                    body,
                    body.count(b"<item>") + body.count(b"<item "),
                )
            )
    return feeds + generate(count - len(feeds)) if count > len(feeds) else feeds


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
            except OSError:
                pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


# Runs argv[2:] and writes its ru_maxrss (KB), user and system seconds to argv[1]: the
# fallback where /usr/bin/time is missing (its own ~10 MB start-up RSS is the child's floor).
_WRAPPER = (
    "import os,sys\n"
    "pid=os.posix_spawnp(sys.argv[2],sys.argv[2:],os.environ)\n"
    "_p,status,usage=os.wait4(pid,0)\n"
    "u=usage\n"
    "open(sys.argv[1],'w').write(f'{u.ru_maxrss} {u.ru_utime} {u.ru_stime}')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def _wrapped(cmd: list[str], report: str) -> list[str]:
    """``cmd`` under a small process that reports the command's own peak RSS.

    A process's ru_maxrss starts from the RSS of the process it was forked from
    (Linux carries the old mm's high-water mark across exec), so a command run
    straight from this bench would report at least the bench's own RSS.
    """
    if os.access(TIME, os.X_OK):
        return [TIME, "-f", "%M %U %S", "-o", report, *cmd]
    return [sys.executable, "-S", "-c", _WRAPPER, report, *cmd]


def measure(cmd: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Runs ``cmd`` as a fresh process: wall time, its peak RSS, the tree's peak PSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "maxrss")
        start = time.perf_counter()
        proc = subprocess.Popen(
            _wrapped(cmd, report),
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(SAMPLE_EVERY):
                tree = _descendants(proc.pid)[1:]  # not the wrapper itself
                peak = max(peak, sum(_pss_kb(p) for p in tree))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = proc.wait()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
        try:  # the last line: time puts "Command exited with non-zero status" first
            kb, user, system = Path(report).read_text().splitlines()[-1].split()
            maxrss, cpu = int(kb), float(user) + float(system)
        except (OSError, ValueError, IndexError):
            maxrss, cpu = 0, 0.0
    return Run(wall, maxrss, peak, cpu, returncode, output)


def _clean_env(home: Path) -> dict[str, str]:
    """The bench's environment without proxies, with a throwaway HOME and XDG dirs."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        LANG="C.UTF-8",
        COCKPIT_LANG="en",
    )
    return env


class Cockpit:
    def __init__(self, server: FeedServer, feeds: list[GeneratedFeed], folder: Path) -> None:
        from cockpit.models import Feed
        from cockpit.store import Store

        self.data = folder / "data"
        self.env = _clean_env(folder)
        self.cwd = Path(__file__).resolve().parent.parent  # so `-m cockpit` is this checkout
        self.env["PYTHONPATH"] = str(self.cwd)
        store = Store.open(self.data)
        try:
            with store.precious_batch():
                for i, feed in enumerate(feeds):
                    store.feeds.save(Feed(id=f"f{i}", url=server.url(feed.path), name=feed.path))
        finally:
            store.close()
        self.count = len(feeds)

    def command(self) -> list[str]:
        return [sys.executable, "-m", "cockpit", "--data-dir", str(self.data), "fetch", "--force"]

    def run(self) -> Run:
        run = measure(self.command(), self.env, self.cwd)
        if run.returncode != 0:
            raise SystemExit(f"cockpit fetch failed ({run.returncode}):\n{run.output[-2000:]}")
        return run

    def stored(self) -> int:
        from cockpit.store import Store

        store = Store.open_for_reading(self.data)
        try:
            return int(store.jobs.count())
        finally:
            store.close()


class Newsboat:
    def __init__(self, server: FeedServer, feeds: list[GeneratedFeed], folder: Path, threads: int):
        self.folder = folder
        self.env = _clean_env(folder)
        (folder / "urls").write_text("".join(server.url(f.path) + "\n" for f in feeds))
        # Everything else is newsboat's default; -x reload then exits.
        (folder / "config").write_text(f"reload-threads {threads}\n")
        self.cache = folder / "cache.db"
        self.count = len(feeds)

    def command(self) -> list[str]:
        return ["newsboat", "-x", "reload", "-u", "urls", "-c", str(self.cache), "-C", "config"]

    def run(self) -> Run:
        run = measure(self.command(), self.env, self.folder)
        if run.returncode != 0:
            raise SystemExit(f"newsboat failed ({run.returncode}):\n{run.output[-2000:]}")
        return run

    def stored(self) -> int:
        with sqlite3.connect(self.cache) as db:
            return int(db.execute("SELECT count(*) FROM rss_item").fetchone()[0])


@dataclass(slots=True)
class Pair:
    full: Run
    second: Run  # the run right after the full one
    unchanged: Run  # the first run in which every feed answered 304
    unchanged_run: int  # which run that was (2 = the second)
    stored: int  # jobs (cockpit) or items (newsboat) after the full run


MAX_RUNS = 4  # full + up to three more waiting for an all-304 run


def _round(label: str, reader: Cockpit | Newsboat, server: FeedServer, expected: int) -> Pair:
    """A full run on a fresh store/cache, then runs until one is all 304, checked
    against the server's counters."""
    count = reader.count
    before = server.requests
    full = reader.run()
    if server.requests - before < count:
        raise SystemExit(f"{label}: full run made {server.requests - before} requests")
    stored = reader.stored()
    if stored < 0.5 * expected:  # cockpit merges reposts; newsboat keeps each item
        raise SystemExit(f"{label}: only {stored} of {expected} entries stored")
    runs: list[Run] = []
    for n in range(2, MAX_RUNS + 1):
        before = server.not_modified
        runs.append(reader.run())
        if server.not_modified - before == count:
            return Pair(full, runs[0], runs[-1], n, stored)
    raise SystemExit(f"{label}: no run answered all 304 within {MAX_RUNS} runs")


def _times(pair: Pair) -> str:
    return (
        f"{pair.full.wall:.2f}/{pair.second.wall:.2f}/{pair.unchanged.wall:.2f}"
        f" (run {pair.unchanged_run})"
    )


def _mb(kb: int) -> float:
    return kb / 1024


def _row(name: str, ours: float, theirs: float, target: float | None, unit: str) -> str:
    ratio = ours / theirs if theirs else float("inf")
    goal = "" if target is None else f"<= {target:.1f}x  {'met' if ratio <= target else 'MISSED'}"
    return f"{name:<28} {ours:9.2f} {theirs:10.2f} {unit:<3} {ratio:6.2f}x  {goal}"


def report(cockpit: list[Pair], newsboat: list[Pair], threads: int) -> None:
    def best(pairs: list[Pair], pick: Callable[[Pair], Run]) -> Run:
        return min((pick(p) for p in pairs), key=lambda r: r.wall)

    def peak(pairs: list[Pair], pick: Callable[[Run], int]) -> int:
        return max(pick(r) for p in pairs for r in (p.full, p.second, p.unchanged))

    c_full, n_full = best(cockpit, lambda p: p.full), best(newsboat, lambda p: p.full)
    c_same, n_same = best(cockpit, lambda p: p.unchanged), best(newsboat, lambda p: p.unchanged)
    print(f"\nnewsboat reload-threads {threads} (best of {len(cockpit)}; peaks over all runs)")
    print(f"{'':<28} {'cockpit':>9} {'newsboat':>10}     {'ratio':>6}   target")
    print(_row("full refresh", c_full.wall, n_full.wall, TARGET_FULL, "s"))
    c_second, n_second = best(cockpit, lambda p: p.second), best(newsboat, lambda p: p.second)
    print(_row("second run (no target)", c_second.wall, n_second.wall, None, "s"))
    print(_row("unchanged re-refresh (304)", c_same.wall, n_same.wall, TARGET_UNCHANGED, "s"))
    print(_row("CPU s (user+sys) of best full", c_full.cpu, n_full.cpu, None, "s"))
    print(
        f"  all-304 run: cockpit's run {max(p.unchanged_run for p in cockpit)}, "
        f"newsboat's run {max(p.unchanged_run for p in newsboat)}; stored after full: "
        f"cockpit {cockpit[0].stored} jobs (one per post seen in several feeds), "
        f"newsboat {newsboat[0].stored} items"
    )
    print(
        _row(
            "peak RSS, largest process",
            _mb(peak(cockpit, lambda r: r.maxrss_kb)),
            _mb(peak(newsboat, lambda r: r.maxrss_kb)),
            TARGET_RSS,
            "MB",
        )
    )
    print(
        _row(
            "peak PSS, process tree",
            _mb(peak(cockpit, lambda r: r.tree_kb)),
            _mb(peak(newsboat, lambda r: r.tree_kb)),
            TARGET_RSS,
            "MB",
        )
    )
    rounds = ", ".join(
        f"{c.full.wall:.2f}/{n.full.wall:.2f}" for c, n in zip(cockpit, newsboat, strict=True)
    )
    print(f"  per round full cockpit/newsboat s: {rounds}", flush=True)


def profile(server: FeedServer, feeds: list[GeneratedFeed]) -> None:
    """One `cockpit fetch --force` under cProfile (the main process only: parse workers
    are separate processes), top 25 cumulative."""
    with tempfile.TemporaryDirectory(prefix="cockpit-peer-bench-") as name:
        cockpit = Cockpit(server, feeds, Path(name))
        cmd = [sys.executable, "-m", "cProfile", "-o", "/tmp/peer.prof", *cockpit.command()[1:]]
        run = measure(cmd, cockpit.env, cockpit.cwd)
        print(f"profiled cockpit fetch: {run.wall:.2f} s, exit {run.returncode}")
    pstats.Stats("/tmp/peer.prof").sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--newsboat-threads",
        default="1,4",
        help="comma-separated newsboat reload-threads values (default 1,4: newsboat's default, "
        "and its best of 1, 2, 4, 8 and 16 on the 2-core bench machine)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile one cockpit fetch (/tmp/peer.prof)"
    )
    args = parser.parse_args()

    if shutil.which("newsboat") is None:
        print("newsboat not found: apt-get install newsboat")
        return
    threads = [int(t) for t in args.newsboat_threads.split(",") if t.strip()]
    feeds = build_feeds(args.feeds)
    samples = sum(1 for f in feeds if f.kind == "sample")
    entries = sum(f.entries for f in feeds)
    version = subprocess.run(
        ["newsboat", "--version"], capture_output=True, text=True, check=False
    ).stdout.splitlines()[:1]
    print(
        f"{len(feeds)} feeds ({samples} from the shared samples), {entries} entries, "
        f"{sum(len(f.body) for f in feeds) / 1e6:.1f} MB; {' '.join(version)}; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    server = FeedServer(feeds)
    try:
        if args.profile:
            profile(server, feeds)
            return
        cockpit: list[Pair] = []
        peers: dict[int, list[Pair]] = {t: [] for t in threads}
        for n in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="cockpit-peer-bench-") as name:
                reader = Cockpit(server, feeds, Path(name))
                cockpit.append(_round("cockpit", reader, server, entries))
            parts = [f"cockpit {_times(cockpit[-1])}"]
            for t in threads:
                with tempfile.TemporaryDirectory(prefix="cockpit-peer-bench-") as name:
                    peer = Newsboat(server, feeds, Path(name), t)
                    peers[t].append(_round(f"newsboat x{t}", peer, server, entries))
                parts.append(f"newsboat x{t} {_times(peers[t][-1])}")
            print(f"round {n + 1} (full/2nd/all-304 s): {'; '.join(parts)}", flush=True)
        for t, pairs in peers.items():
            report(cockpit, pairs, t)
        print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    finally:
        server.close()


if __name__ == "__main__":
    main()
