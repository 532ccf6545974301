"""Panes talk through a typed signal and messages: no string kinds, no reach-through calls."""

from __future__ import annotations

import threading
from typing import Any

from cockpit.ui.messages import DataKind, OpenJob
from tests.conftest import ready, settle
from tests.ui.test_inbox_support import seed_jobs


async def test_a_change_reaches_every_pane_but_its_source(make_app: Any) -> None:
    app = make_app(seed_jobs(2))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        seen: dict[str, list[DataKind]] = {}
        for pane in app.panes:
            pane.data_changed = lambda kind, _id=pane.PANE_ID: seen.setdefault(_id, []).append(kind)
        app.data_changed(DataKind.LEDGER, source="wallet")
        await pilot.pause()
        assert seen == {
            "inbox": [DataKind.LEDGER],
            "proposals": [DataKind.LEDGER],
            "portfolio": [DataKind.LEDGER],
        }


async def test_open_job_is_a_message_the_app_routes(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("4")
        opened: list[str] = []
        app.pane("inbox").open_job = opened.append
        app.pane("portfolio").post_message(OpenJob("j1"))
        await pilot.pause()
        assert opened == ["j1"] and app.current_pane.PANE_ID == "inbox"


async def test_a_worker_result_is_posted_not_awaited(make_app: Any) -> None:
    """deliver() from a thread returns at once, before the UI thread ran the callback."""
    app = make_app(seed_jobs(1))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        pane = app.pane("inbox")
        ran: list[str] = []
        returned = threading.Event()

        def from_thread() -> None:
            pane.deliver(ran.append, threading.current_thread().name)
            returned.set()

        worker = threading.Thread(target=from_thread, name="worker")
        worker.start()
        worker.join(2)
        assert returned.is_set() and ran == []  # the UI thread has not run yet
        await settle(pilot)
        assert ran == ["worker"]
