"""Other panes can open a job in the inbox, even one outside the current view."""

from __future__ import annotations

from typing import Any

from cockpit.models import Triage
from cockpit.store import Store
from tests.conftest import ready, settle
from tests.ui.test_inbox_support import current_title, inbox, seed_jobs, show


def seed(store: Store) -> None:
    seed_jobs(5)(store)
    store.triage.save(Triage(job_id="j3", state="dismissed"))


async def test_open_job_switches_view_and_moves_the_cursor(make_app: Any) -> None:
    app = make_app(seed)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot)
        await show(pilot)
        await pilot.press("4")
        pane = inbox(app)
        assert pane.index is not None and pane.index.view == "new"
        pane.open_job("j3")  # dismissed: not in New
        await settle(pilot)
        assert app.query_one("#panes").current == "inbox"
        assert pane.index.view == "all"
        assert current_title(app) == "Job number 3"
        pane.open_job("nope")
        await settle(pilot)
        assert any("no longer in the inbox" in n.message for n in app._notifications)
