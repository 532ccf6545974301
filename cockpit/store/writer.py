"""The single writer thread: every store mutation runs here, in order."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

R = TypeVar("R")
_STOP = object()


class Writer:
    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def is_writer_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def start(self) -> None:
        if not self.running:
            self._thread = threading.Thread(target=self._loop, name="cockpit-writer", daemon=True)
            self._thread.start()

    def submit(self, fn: Callable[[], R]) -> Future[R]:
        future: Future[R] = Future()
        if not self.running:
            # No writer (CLI, tests): run inline, still one caller at a time.
            _run(fn, future)
            return future
        self._queue.put((fn, future))
        return future

    def stop(self) -> None:
        """Drain what is queued, then end the thread."""
        if self.running and self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join()
        self._thread = None

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            fn, future = item
            _run(fn, future)


def _run(fn: Callable[[], R], future: Future[R]) -> None:
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(fn())
    except BaseException as exc:  # handed to whoever waits on the future
        future.set_exception(exc)
