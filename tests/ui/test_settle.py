"""settle() fails a test when a worker raised, whether it is still running or already ended."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual import work
from textual.app import App
from textual.worker import WorkerFailed

from cockpit.jobindex import JobIndex
from tests.conftest import ready, settle


class Boom(Exception):
    pass


class WorkerApp(App[None]):
    """The smallest app settle() can drive: no store, workers on demand."""

    store = None

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    @work(thread=True, exit_on_error=False)
    def fail_now(self) -> None:
        raise Boom("first line")

    @work(thread=True, exit_on_error=False)
    def fail_later(self) -> None:
        self.release.wait(5)
        raise Boom("after a while")

    @work(thread=True, exit_on_error=False)
    def succeed(self) -> None:
        self.release.wait(5)

    @work(thread=True, exit_on_error=False)
    def wait_forever(self) -> None:
        self.release.wait(5)


async def test_a_worker_failing_while_settle_waits_fails_the_test() -> None:
    app = WorkerApp()
    async with app.run_test() as pilot:
        app.fail_later()
        app.call_later(app.release.set)
        with pytest.raises(WorkerFailed) as caught:
            await settle(pilot)
        assert isinstance(caught.value.error, Boom)


async def test_a_worker_that_failed_before_settle_fails_the_test() -> None:
    """Ended workers leave the manager; settle() still sees that one failed."""
    app = WorkerApp()
    async with app.run_test() as pilot:
        worker = app.fail_now()
        while not worker.is_finished:
            await pilot.pause(0.01)
        await pilot.pause()
        assert worker not in app.workers
        with pytest.raises(WorkerFailed, match="first line"):
            await settle(pilot)
        await settle(pilot)  # reported once


async def test_failures_ok_lets_an_expected_failure_pass() -> None:
    app = WorkerApp()
    async with app.run_test() as pilot:
        app.fail_now()
        app.release.set()
        app.succeed()
        await settle(pilot, failures_ok=True)
        assert not any(w.is_running for w in app.workers)


async def test_cancelled_workers_are_not_failures() -> None:
    app = WorkerApp()
    async with app.run_test() as pilot:
        worker = app.wait_forever()
        worker.cancel()
        app.release.set()
        await settle(pilot)


async def test_the_inbox_load_raising_fails_the_app_tests(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case that once stayed green: the inbox's load worker raises at once."""

    def broken(*args: Any, **kwargs: Any) -> None:
        raise Boom("index")

    monkeypatch.setattr(JobIndex, "__init__", broken)
    app = make_app()
    async with app.run_test() as pilot:
        with pytest.raises(WorkerFailed, match="index"):
            await ready(pilot)
