"""Settings saved from two panes both stay; a newer inbox load wins over an older one."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from cockpit.models import Job
from cockpit.store import Store
from cockpit.ui.inbox import InboxPane
from cockpit.ui.wallet import WalletPane
from tests.conftest import FROZEN_NOW, in_thread, ready, settle


async def test_two_panes_change_different_settings_and_both_stay(
    make_app: Callable[..., Any],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await settle(pilot)
        inbox, wallet = app.query_one(InboxPane), app.query_one(WalletPane)
        # Both panes hold copies taken before either change (as their dialogs do).
        inbox_copy = dataclasses.replace(inbox.settings, auto_refresh_minutes=45)
        wallet_copy = dataclasses.replace(wallet.data.ctx.settings, connect_price_usd=0.25)
        app._save_notices(inbox.settings, inbox_copy)  # the `A` dialog's save
        wallet._save_settings(wallet_copy)
        await settle(pilot)
        saved = await in_thread(app.store.settings.get)
        assert saved.auto_refresh_minutes == 45
        assert saved.connect_price_usd == 0.25


async def test_a_newer_inbox_load_supersedes_an_older_one(make_app: Callable[..., Any]) -> None:
    def seed(store: Store) -> None:
        store.jobs.upsert_many([Job(id="old", title="Old job", fetched=FROZEN_NOW)])

    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        inbox = app.query_one(InboxPane)
        store = app.store
        release = threading.Event()
        real = store.jobs.all_dicts
        calls: list[int] = []

        def slow_then_fast() -> list[dict[str, Any]]:
            calls.append(1)
            if len(calls) == 1:  # the older load reads the store first, then stalls
                snapshot = real()
                release.wait(5)
                return snapshot
            return real()

        store.jobs.all_dicts = slow_then_fast  # type: ignore[method-assign]
        inbox.load()  # older: sees only "Old job"
        await pilot.pause(0.1)
        await in_thread(
            store.jobs.upsert_many, [Job(id="new", title="New job", fetched=FROZEN_NOW)]
        )
        inbox.load()  # newer: sees both
        await pilot.pause(0.3)
        release.set()
        await settle(pilot)
        assert inbox.index is not None
        assert set(inbox.index.ids) == {"old", "new"}
