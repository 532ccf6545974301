"""Saving the profile rescores the Inbox at once (its skills score jobs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Button, Input

from cockpit.models import Job
from cockpit.store import Store
from cockpit.ui.dialogs.proposal_profile import ProfileDialog
from tests.conftest import FROZEN_NOW, ready, settle


async def test_saving_the_profile_rescores_the_inbox(make_app: Callable[..., Any]) -> None:
    def seed(store: Store) -> None:
        job = Job(id="vo", title="Voice over for an ad", skills=["Voice Over"], fetched=FROZEN_NOW)
        store.jobs.upsert_many([job])

    app = make_app(seed)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        inbox = app.pane("inbox")
        assert inbox.index is not None and inbox.index.score(0).total == 0
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        dialog.query_one("#profile-skills", Input).value = "Voice Over"
        dialog.query_one("#profile-save", Button).press()
        await settle(pilot)
        assert inbox.index.score(0).total == 5  # one profile skill, no restart
