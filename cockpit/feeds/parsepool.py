"""Parsing fetched bodies while the rest are still downloading.

Parsing is CPU-bound Python (feedparser), fetching mostly waits on the network,
so a refresh that fetched everything first and parsed afterwards paid for both
in turn. ``ParsePool`` takes each body as soon as it arrives. While fewer than
``threshold`` bodies have changed it only holds them (a refresh where one or
two feeds changed is not worth starting processes for: they would be parsed
inline at the end). From the threshold on, bodies go to worker processes
immediately, so parsing overlaps the remaining downloads.

Workers are started with spawn, not fork: the UI process has threads, and
forking them can deadlock. (They keep the normal CPU priority: niced workers
lost most of their CPU to any other busy program, and the UI thread, which
sleeps most of the time, already gets the CPU quickly when it wakes.)
When processes cannot be started (sandbox, limits) or a worker dies, the
affected bodies are parsed inline instead.

Each parse, in a worker or inline, keeps to parse.py's time budget (checked
between entries: a slow entry is dropped, entries past the feed's deadline are
skipped, and the feed's warning says how many), and every recogniser it runs is
linear in its input (tests/feeds/test_linear_time.py), so one hostile feed
cannot hold a worker, or the UI's GIL, for minutes.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TYPE_CHECKING, Any

from cockpit.feeds.stopping import worker_start
from cockpit.i18n import N_, language

if TYPE_CHECKING:
    from cockpit.feeds.parse import ParseResult

Work = tuple[bytes, dict[str, str], str, str]  # body, headers, feed id, feed url
MAX_WORKERS = 4


def parse_one(work: Work) -> ParseResult:
    # Imported on first use: a refresh where nothing changed never loads feedparser.
    from cockpit.feeds.parse import ParseResult, parse_feed

    body, headers, feed_id, url = work
    try:
        return parse_feed(body, headers, feed_id, url)
    except Exception as exc:  # parse_feed should not raise; one feed must not sink the rest
        return ParseResult(error=N_("could not parse ({kind})").format(kind=type(exc).__name__))


class ParsePool:
    def __init__(self, threshold: int, expected: int) -> None:
        self.threshold = threshold
        self.workers = max(1, min(expected, os.cpu_count() or 2, MAX_WORKERS))
        self.held: dict[int, Work] = {}
        # The body stays only until its worker has parsed it (kept to parse inline should
        # the worker die): 60 bodies of 10 MB must not all stay alive to the end.
        self.sent: dict[int, list[Any]] = {}  # key -> [future, body or None]
        self.pool: ProcessPoolExecutor | None = None
        self.unavailable = False

    @property
    def used_processes(self) -> bool:
        return bool(self.sent)

    def add(self, key: int, work: Work) -> None:
        """Take one body; never raises (it runs inside the fetch loop)."""
        self.held[key] = work
        if self.pool is None and not self.unavailable and len(self.held) >= self.threshold:
            try:
                context = multiprocessing.get_context("spawn")
                self.pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=context,
                    # spawned workers start in English; parse messages follow the UI's language
                    # and end themselves when the parent dies (SIGKILL leaves no orphans)
                    initializer=worker_start,
                    initargs=(language(),),
                )
            except Exception:  # no processes here (sandbox, no sem_open): parse inline
                self.unavailable = True
        if self.pool is not None and not self.unavailable:
            self._submit_held()

    def _submit_held(self) -> None:
        assert self.pool is not None
        for key in list(self.held):
            try:
                work = self.held[key]
                entry: list[Any] = [self.pool.submit(parse_one, work), work]
                entry[0].add_done_callback(partial(_drop_body, entry))
                self.sent[key] = entry
            except Exception:  # broken or shut down: the rest is parsed inline
                self.unavailable = True
                return
            del self.held[key]

    def results(self) -> dict[int, ParseResult]:
        """Every body's result, by key; waits for the workers, then shuts them down."""
        done: dict[int, ParseResult] = {}
        try:
            for key, (future, work) in self.sent.items():
                try:
                    done[key] = future.result()
                except (BrokenProcessPool, OSError):  # a worker died: this one inline
                    done[key] = parse_one(work) if work is not None else _lost()
            for key, work in self.held.items():
                done[key] = parse_one(work)
            return done
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _drop_body(entry: list[Any], future: Future[ParseResult]) -> None:
    if not future.cancelled() and future.exception() is None:
        entry[1] = None


def _lost() -> ParseResult:
    from cockpit.feeds.parse import ParseResult

    return ParseResult(error=N_("could not parse (the worker stopped)"))


def parse_all(work: list[Work], threshold: int) -> tuple[list[ParseResult], bool]:
    """All at once: results in input order, and whether worker processes did the work."""
    pool = ParsePool(threshold, len(work))
    for key, item in enumerate(work):
        pool.add(key, item)
    done = pool.results()
    return [done[key] for key in range(len(work))], pool.used_processes
