"""A full disk: the change that failed is not shown as made, quitting asks first, and a
failure at close is one line after the app, never a traceback."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cockpit.models import Feed, Job
from cockpit.store import Store, StoreWriteError
from cockpit.ui.dialogs.confirm import ConfirmDialog
from tests.conftest import in_thread, ready, settle


def full(fd: int, data: bytes) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_quitting_after_a_failed_save_asks_first(
    make_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(os, "write", full)
        app.store_do(app.store.feeds.save, Feed(id="f1", url="https://a.example/rss"))
        await settle(pilot)
        assert "disk is full" in app.unsaved
        assert await in_thread(app.store.feeds.all) == []  # not shown as made
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # stay and retry
        await pilot.pause()
        assert app.is_running
        monkeypatch.setattr(os, "write", real_write)
        app.store_do(app.store.feeds.save, Feed(id="f1", url="https://a.example/rss"))
        await settle(pilot)
        assert app.unsaved == ""
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


def test_a_failed_flush_at_close_still_releases_the_lock(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = Store.open(data_dir)
    s.jobs_storage.write({"jobs": {"1": Job(id="j", title="t").to_dict()}})  # unflushed
    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StoreWriteError, match="disk is full"):
        s.close()
    monkeypatch.undo()
    with Store.open(data_dir):  # the lock was released
        pass
