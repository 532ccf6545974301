"""Stopping a refresh cleanly on SIGTERM/SIGHUP as on Ctrl+C (SIGINT).

cron's ``timeout`` sends SIGTERM and a closed terminal sends SIGHUP. Python's
default for both is to die on the spot: the parse worker processes and the
multiprocessing resource tracker were left running, and nothing fetched so far
was saved. ``stop_on_signals`` routes both to whatever handles SIGINT at that
moment (asyncio's runner cancels its main task; outside it, KeyboardInterrupt),
so the refresh unwinds the way Ctrl+C makes it: workers ended, finished feeds
saved (refresh.py). Then ``Stopped`` (a SystemExit) ends the process with
128 + the signal number, as a process killed by it would, so cron and shell
scripts see what happened. ``refresh`` uses it itself, so ``cockpit fetch``
needs nothing more.

``end_workers`` stops a process pool now instead of waiting for its queue.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from types import FrameType

__all__ = [
    "Stopped",
    "end_workers",
    "signals_held",
    "stop_on_signals",
    "watch_parent",
    "worker_start",
]

_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None
)
_WORKER_GRACE = 2.0  # seconds a terminated worker gets before SIGKILL
_PARENT_POLL = 0.5  # seconds between a worker's checks that its parent still lives


class Stopped(SystemExit):
    """Raised on leaving ``stop_on_signals`` after SIGTERM/SIGHUP; exit code 128 + signum.

    A SystemExit, so it passes the CLI's error handlers and the process ends
    with the code a shell expects from that signal (143 for SIGTERM), after
    every ``finally`` (store closed, lock released) has run.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


_held = 0  # depth of signals_held() blocks on the main thread
_pending: list[int] = []  # SIGTERM/SIGHUP that arrived inside one


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGTERM/SIGHUP wait until the block ends (a store write is never cut in half).

    Ctrl+C is not held: the user can always break out.
    """
    global _held
    _held += 1
    try:
        yield
    finally:
        _held -= 1
    if _held == 0 and _pending:
        signum = _pending[0]
        _pending.clear()
        _interrupt(signum, None)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    current = signal.getsignal(signal.SIGINT)
    if callable(current):
        # asyncio.run's own SIGINT handler cancels the running task gently and
        # raises KeyboardInterrupt once it has unwound; default_int_handler raises now.
        current(signal.SIGINT, frame)
        return
    raise KeyboardInterrupt  # SIGINT ignored (started in the background): stop anyway


@contextlib.contextmanager
def stop_on_signals() -> Iterator[list[int]]:
    """Inside: SIGTERM/SIGHUP act like SIGINT. On leaving after one: ``Stopped``.

    Yields the list of signals received so far. Only the main thread can set
    handlers; elsewhere (the UI's worker thread) this does nothing.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        received.append(signum)
        if len(received) > 1:
            return  # already unwinding; `timeout -k` sends SIGKILL if it takes too long
        if _held:
            _pending.append(signum)  # delivered when the write in progress is done
            return
        _interrupt(signum, frame)

    previous = {s: signal.getsignal(s) for s in _SIGNALS}
    for s in _SIGNALS:
        signal.signal(s, handler)
    try:
        yield received
    except KeyboardInterrupt:
        if received:
            raise Stopped(received[0]) from None
        raise
    finally:
        _pending.clear()
        for s, old in previous.items():
            signal.signal(s, old if old is not None else signal.SIG_DFL)
    if received:  # the signal came after the work was done: still stop, as asked
        raise Stopped(received[0])


def end_workers(executor: ProcessPoolExecutor | None) -> None:
    """Cancel what is queued and end the worker processes now (terminate, then kill)."""
    if executor is None:
        return
    # _processes is the executor's own table of workers; there is no public one.
    processes = list((getattr(executor, "_processes", None) or {}).values())
    with contextlib.suppress(Exception):
        executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(_WORKER_GRACE)
            if process.is_alive():
                process.kill()
                process.join(_WORKER_GRACE)


def watch_parent(interval: float = _PARENT_POLL) -> None:
    """In a worker process: exit as soon as the parent is gone.

    SIGKILL gives the parent no chance to end its workers, and a pool worker
    waits on its task queue for ever (it holds both ends of the pipe, so it never
    sees an end of file); the resource tracker then stays too, since the
    workers keep its pipe open. When the parent dies the worker is re-parented,
    so a changed parent pid is the sign.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)  # no cleanup to do: the worker holds nothing of its own

    threading.Thread(target=watch, name="cockpit-parent-watch", daemon=True).start()


def worker_start(lang: str) -> None:
    """Initializer for parse workers: the UI's language, and end with the parent."""
    from cockpit.i18n import set_language

    set_language(lang)
    watch_parent()
