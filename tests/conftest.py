"""Shared fixtures: a throwaway data folder, a seeded store, and the app under Pilot."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState
from textual.worker_manager import WorkerManager

from cockpit.paths import Paths, resolve
from cockpit.store import Store, StoreLock

R = TypeVar("R")

# A fixed "now" for UI tests and snapshots.
FROZEN_NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English whatever $LANG says; a test that switches language is undone.

    (Key bindings are translated when cockpit.ui is imported, so the language must be
    English before then; tests of other languages run the app in a subprocess.)
    """
    from cockpit import i18n

    monkeypatch.setenv(i18n.ENV_LANG, "en")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


# Workers that ended with an error, per app's manager, until settle() looks at them. A worker
# is dropped from the manager when it ends, so one that failed before settle() ran (an inbox
# load raising on its first line) would otherwise never be seen.
FAILED_WORKERS: weakref.WeakKeyDictionary[WorkerManager, list[Worker[Any]]] = (
    weakref.WeakKeyDictionary()
)


@pytest.fixture(autouse=True)
def record_failed_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual (pinned) has no public hook for "a worker ended"; its manager's private
    # _remove_worker is called for each, with the worker's final state already set.
    remove = WorkerManager._remove_worker

    def recording(manager: WorkerManager, worker: Worker[Any]) -> None:
        if worker.state is WorkerState.ERROR:
            FAILED_WORKERS.setdefault(manager, []).append(worker)
        remove(manager, worker)

    monkeypatch.setattr(WorkerManager, "_remove_worker", recording)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("COCKPIT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def paths(data_dir: Path) -> Paths:
    return resolve(data_dir)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = Store.open(data_dir)
    yield s
    s.close()


def seed(folder: Path, fn: Callable[[Store], None]) -> None:
    """Fill a store before the app opens it."""
    with Store.open(folder) as s:
        fn(s)


@pytest.fixture
def make_app(paths: Paths) -> Iterator[Callable[..., Any]]:
    """Build a CockpitApp on the test folder; pass ``seed=fn(store)`` to fill it first."""
    from cockpit.ui.app import CockpitApp

    locks: list[StoreLock] = []

    def build(seed_fn: Callable[[Store], None] | None = None, **kwargs: Any) -> Any:
        if seed_fn is not None:
            seed(paths.data, seed_fn)
        lock = StoreLock(paths.data).acquire()
        locks.append(lock)
        kwargs.setdefault("clock", lambda: FROZEN_NOW)
        kwargs.setdefault("first_run", False)  # tests of the welcome ask for it
        return CockpitApp(paths, lock, **kwargs)

    yield build
    for lock in locks:
        lock.release()


async def ready(pilot: Any) -> None:
    """Wait until the store is open and every pane's loading worker is done."""
    for _ in range(200):
        if pilot.app.store is not None:
            break
        await pilot.pause(0.02)
    assert pilot.app.store is not None, "store did not open"
    await settle(pilot)


async def settle(pilot: Any, *, failures_ok: bool = False) -> None:
    """Let workers and store writes finish, then let the UI process their messages.

    A worker that raised fails the test (``WorkerFailed``): a swallowed failure once left
    every app-shell test green with the inbox unable to load. A test that expects a
    worker to fail says so with ``failures_ok=True``. Cancelled workers are normal
    (a newer load replaced them).
    """
    for _ in range(3):
        # Every worker is waited for (gather alone would stop at the first one to raise).
        outcomes = await asyncio.gather(
            *(worker.wait() for worker in list(pilot.app.workers)), return_exceptions=True
        )
        ended = FAILED_WORKERS.pop(pilot.app.workers, [])
        outcomes += [WorkerFailed(w.error) for w in ended if w.error is not None]
        for outcome in outcomes:
            if isinstance(outcome, WorkerFailed):
                if not failures_ok:
                    raise outcome from outcome.error  # the worker's own traceback
            elif isinstance(outcome, BaseException) and not isinstance(
                outcome, WorkerCancelled | asyncio.CancelledError
            ):
                raise outcome
        if pilot.app.store is not None:
            await asyncio.to_thread(lambda: pilot.app.store.submit(lambda: None).result())
        await pilot.pause()


async def in_thread(fn: Callable[..., R], *args: Any) -> R:
    """Read the store from a test without tripping the UI-thread guard."""
    return await asyncio.to_thread(fn, *args)
