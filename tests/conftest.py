"""Shared fixtures: a throwaway data folder, a seeded store, and the app under Pilot."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual.worker import WorkerCancelled, WorkerFailed

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


async def settle(pilot: Any) -> None:
    """Let workers and store writes finish, then let the UI process their messages."""
    for _ in range(3):
        # A cancelled or failed worker is not our concern here; the app reports those.
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await pilot.app.workers.wait_for_complete()
        if pilot.app.store is not None:
            await asyncio.to_thread(lambda: pilot.app.store.submit(lambda: None).result())
        await pilot.pause()


async def in_thread(fn: Callable[..., R], *args: Any) -> R:
    """Read the store from a test without tripping the UI-thread guard."""
    return await asyncio.to_thread(fn, *args)
