"""Quitting with writes still queued on a slow disk ends, with every queued write on disk."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

from cockpit.models import Feed, Job
from cockpit.store import Store
from tests.conftest import ready


def _seed(store: Store) -> None:
    store.feeds.save(Feed(id="f1", url="https://example.com/rss", name="Board"))
    store.jobs.upsert_many(
        [Job(id=f"j{n}", title=f"Podcast edit {n}", feed_ids=["f1"]) for n in range(30)]
    )


@pytest.mark.timeout(30)  # the old hang never ended: the timeout is what fails it
async def test_quit_with_writes_queued_on_a_slow_disk(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(_seed)
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:
        time.sleep(0.2)
        real_fsync(fd)

    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        store = app.store
        monkeypatch.setattr(os, "fsync", slow_fsync)
        await pilot.press("x", "x", "x")  # three dismissals queued behind slow fsyncs
        started = time.monotonic()
        app.exit()
    elapsed = time.monotonic() - started
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert store is not None
    assert elapsed < 5, f"quit took {elapsed:.1f} s"
    with Store.open(app.paths.data) as reopened:
        dismissed = [t for t in reopened.triage.all() if t.state == "dismissed"]
    assert len(dismissed) == 3, "every queued write reached the disk"
