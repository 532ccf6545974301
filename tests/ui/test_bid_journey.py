"""The whole way a Connect is spent: paste a job page -> its verdict -> submit with the job's
own cost prefilled -> mark the outcome -> what my bids teach me."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.widgets import Button, Input, Static, TabbedContent, TextArea

from cockpit.demo.page import PAGE
from cockpit.models import BidContext, Job, LedgerEntry, Profile, Proposal
from cockpit.store import Store
from cockpit.ui.dialogs.paste import PasteDialog
from cockpit.ui.dialogs.proposal_submit import SubmitDialog
from tests.conftest import FROZEN_NOW, in_thread, ready, settle


def history(store: Store) -> None:
    """Seven earlier bids: five on crowded jobs never viewed, two early ones viewed."""
    store.profile.save(Profile(name="Dewi", skills=["Mixing", "Mastering"], country="Indonesia"))
    store.ledger.append(
        LedgerEntry(
            id="g", kind="grant", amount=80, at=FROZEN_NOW - timedelta(days=30), reason="signup"
        )
    )
    for n in range(7):
        crowded = n < 5
        job = Job(id=f"old{n}", title=f"Old job {n}", link=f"https://www.upwork.com/jobs/~0{n}")
        store.jobs.upsert_many([job])
        at = FROZEN_NOW - timedelta(days=20 - n)
        state = "submitted" if crowded else "viewed"
        store.proposals.save(
            Proposal(
                id=f"old-p{n}",
                job_id=job.id,
                text="Hello",
                state=state,  # type: ignore[arg-type]
                history=[{"state": "submitted", "at": at.isoformat()}]
                + ([] if crowded else [{"state": "viewed", "at": at.isoformat()}]),
                connects_cost=8,
                created=at,
                updated=at,
                context=BidContext(
                    at=at,
                    proposals_band="20-50" if crowded else "0-5",
                    hours_since_posted=30.0 if crowded else 0.5,
                    connects=8,
                ),
            )
        )


async def test_paste_verdict_submit_outcome_insight(make_app: Any) -> None:
    app = make_app(history)
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        # 1. Paste the page: every group is read and the cost can be corrected.
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        dialog.query_one("#paste-text", TextArea).text = PAGE
        dialog.query_one("#paste-extract", Button).press()
        await pilot.pause()
        preview = str(dialog.query_one("#paste-preview", Static).content)
        for expected in ("Connects to bid", "5 to 10", "verified", "United States", "Mixing"):
            assert expected in preview, expected
        assert dialog.query_one("#paste-connects", Input).value == "12"
        dialog.query_one("#paste-save", Button).press()
        await settle(pilot)
        assert not isinstance(app.screen, PasteDialog)

        # 2. The verdict is in the detail, with the job's own cost in the Connects line.
        inbox = app.pane("inbox")
        detail = inbox.detail.shown_text
        assert "Verdict" in detail
        assert "this job's cost, from its page" in detail
        jobs = await in_thread(app.store.jobs.all)
        pasted = next(j for j in jobs if j.title == "Mix and master a 6-track indie EP")
        assert pasted.signals is not None and pasted.signals.connects == 12

        # 3. Draft and submit: the dialog starts from the job's 12 Connects.
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("escape", "s")
        await settle(pilot)
        submit = app.screen
        assert isinstance(submit, SubmitDialog)
        assert submit.query_one("#submit-cost", Input).value == "12"
        head = str(submit.query_one("#submit-head", Static).content)
        assert "you can afford 6 bids like this one" in head  # 80 Connects at 12 a bid
        submit.query_one("#submit-ok", Button).press()
        await settle(pilot)
        if isinstance(app.screen, SubmitDialog):  # the draft kept a placeholder: confirm
            app.screen.query_one("#submit-ok", Button).press()
            await settle(pilot)
        assert not isinstance(app.screen, SubmitDialog)
        proposals = await in_thread(app.store.proposals.all)
        mine = next(p for p in proposals if p.job_id == pasted.id)
        assert mine.state == "submitted" and mine.connects_cost == 12
        assert mine.context is not None and mine.context.proposals_band == "5-10"
        assert mine.context.connects == 12

        # 4. The client viewed it.
        await pilot.press("v")
        await settle(pilot)
        assert (await in_thread(app.store.proposals.get, mine.id)).state == "viewed"

        # 5. What my bids teach me.
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "tab-insights"
        taught = str(app.query_one("#insights-lessons", Static).content)
        assert "Your 5 bids on jobs with 20 to 50 proposals got no view." in taught
        assert "By proposals already in" in taught
