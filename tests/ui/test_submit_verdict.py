"""Submitting a draft knows its job: the pasted cost, sites without Connects, placeholders,
invitations, and the job's context kept with the proposal."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from textual.widgets import Button, Checkbox, Input, Label, Static

from cockpit.models import Budget, Client, Job, JobSignals, Proposal, Reading, to_iso
from cockpit.store import Store
from cockpit.ui.dialogs.proposal_submit import SubmitDialog
from tests.conftest import FROZEN_NOW, in_thread, ready, settle
from tests.ui.test_proposals_support import messages, open_draft, press_button, seeder

SIZE = (140, 45)
POSTED = FROZEN_NOW - timedelta(hours=5)
# A job saved by `cockpit paste` from an Upwork page: its cost, activity and client.
PASTED = Job(
    id="job-pasted",
    title="Podcast audio clean-up, 10 episodes",
    link="https://www.upwork.com/jobs/~01a1b2c3d4e5f6a7b8c9",
    description="Remove background noise and level the voices of 10 interview episodes.",
    posted=POSTED,
    fetched=FROZEN_NOW - timedelta(hours=2),
    budget=Budget("fixed", "USD", 300, 300),
    skills=["Audio Editing", "Podcast Editing"],
    client_name="Sarah",
    country="Indonesia",
    source="paste",
    signals=JobSignals(
        platform="upwork",
        platform_id="~01a1b2c3d4e5f6a7b8c9",
        connects=12,
        client=Client(payment_verified=True, spent=18000.0, spent_currency="USD", hire_rate=74),
        readings=[
            Reading(
                at=FROZEN_NOW - timedelta(hours=2),
                proposals="20 to 50",
                proposals_min=20,
                proposals_max=50,
            )
        ],
    ),
)
# A We Work Remotely feed job: bidding there costs no Connects.
WWR = Job(
    id="job-wwr",
    title="Remote audio editor for a news podcast",
    link="https://weworkremotely.com/remote-jobs/acme-audio-editor",
    description="Edit two daily news episodes; Audio Editing and Podcast Editing experience.",
    posted=FROZEN_NOW - timedelta(hours=8),
    skills=["Audio Editing"],
    client_name="Acme",
    source="wwr",
    feed_ids=["f1"],
)


def with_jobs(*jobs: Job, drafts: tuple[Proposal, ...] = (), connects: int = 40) -> Any:
    base = seeder(connects=connects, proposals=drafts)

    def seed(store: Store) -> None:
        base(store)
        store.jobs.upsert_many(list(jobs))

    return seed


def draft(pid: str, job: Job, text: str) -> Proposal:
    at = FROZEN_NOW - timedelta(hours=1)
    return Proposal(
        id=pid,
        job_id=job.id,
        text=text,
        history=[{"state": "draft", "at": to_iso(at) or ""}],
        created=at,
        updated=at,
    )


async def open_submit(pilot: Any, job_id: str) -> SubmitDialog:
    """The job's draft in the editor, then `s` as the user presses it."""
    await open_draft(pilot, job_id)
    await pilot.press("escape", "s")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, SubmitDialog), f"s opened {dialog!r}"
    return dialog


def text_of(dialog: SubmitDialog, selector: str) -> str:
    return str(dialog.query_one(selector, Static).content)


async def stored(app: Any, pid: str) -> Proposal:
    p = await in_thread(app.store.proposals.get, pid)
    assert p is not None
    return p


async def test_pasted_upwork_job_prefills_its_cost_and_records_its_context(
    make_app: Any,
) -> None:
    app = make_app(with_jobs(PASTED, connects=40))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = await open_submit(pilot, PASTED.id)
        assert dialog.query_one("#submit-cost", Input).value == "12"
        cost_input = dialog.query_one("#submit-cost", Input)
        assert cost_input.display and cost_input.has_focus
        head = text_of(dialog, "#submit-head")
        assert "You have 40 Connects" in head
        assert "At 12 Connects a bid, you can afford 3 bids like this one." in head
        # The verdict line sits in the head: a word, then the first reason.
        assert head.splitlines()[2].split(":")[0] in ("Bid", "Maybe", "Skip"), head

        await press_button(pilot, "#submit-ok")
        await settle(pilot)
        assert not isinstance(app.screen, SubmitDialog), text_of(dialog, "#submit-error")
        pid = app.pane("proposals").editor.proposal.id
        sent = await stored(app, pid)
        assert (sent.state, sent.connects_cost, sent.invitation) == ("submitted", 12, False)
        ledger = await in_thread(app.store.ledger.all)
        assert [(e.kind, e.amount, e.job_id) for e in ledger[1:]] == [("spend", 12, PASTED.id)]
        assert "Submitted: 12 Connects recorded." in messages(app)

        # The job as it looked when the bid left, for "what my bids teach me".
        ctx = sent.context
        assert ctx is not None
        assert ctx.connects == 12
        assert ctx.proposals_band == "20-50"
        assert ctx.at == FROZEN_NOW
        assert ctx.hours_since_posted == 5.0
        assert ctx.client_spent == 18000.0
        assert ctx.skill_match == 0.5  # Audio Editing of Audio + Podcast Editing
        assert ctx.verdict in ("bid", "maybe", "skip")


async def test_wwr_job_hides_the_cost_and_spends_nothing(make_app: Any) -> None:
    app = make_app(with_jobs(WWR, connects=40))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = await open_submit(pilot, WWR.id)
        head = text_of(dialog, "#submit-head")
        assert "This site has no Connects: submitting spends none." in head
        assert "You have 40 Connects" not in head and "afford" not in head
        for selector in ("#submit-cost", "#submit-boost", "#submit-invitation"):
            assert not dialog.query_one(selector).display, f"{selector} must be hidden"
        assert all(
            not label.display
            for label in dialog.query(Label)
            if "Connects" in str(label.content) or "Boost" in str(label.content)
        )
        assert dialog.query_one("#submit-ok", Button).has_focus

        await press_button(pilot, "#submit-ok")
        await settle(pilot)
        assert not isinstance(app.screen, SubmitDialog), text_of(dialog, "#submit-error")
        sent = await stored(app, app.pane("proposals").editor.proposal.id)
        assert (sent.state, sent.connects_cost, sent.boost) == ("submitted", 0, 0)
        ledger = await in_thread(app.store.ledger.all)
        assert [e.kind for e in ledger] == ["grant"], "no spend for a site without Connects"
        assert sent.context is not None and sent.context.connects is None


async def test_placeholder_needs_a_second_press(make_app: Any) -> None:
    letter = "Hi Sarah,\n\nI edit {skills} every week for shows like yours.\n\nDewi"
    app = make_app(with_jobs(PASTED, drafts=(draft("p-holder", PASTED, letter),)))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = await open_submit(pilot, PASTED.id)
        button = dialog.query_one("#submit-ok", Button)
        assert str(button.label) == "Submit and spend"

        await press_button(pilot, "#submit-ok")
        await settle(pilot)
        assert app.screen is dialog, "the first press only warns"
        error = text_of(dialog, "#submit-error")
        assert "Still a placeholder: {skills}." in error
        assert "Press Submit again to send it as it is." in error
        assert str(button.label) == "Send anyway"
        p = await stored(app, "p-holder")
        assert p.state == "draft"
        assert [e.kind for e in await in_thread(app.store.ledger.all)] == ["grant"]

        await press_button(pilot, "#submit-ok")
        await settle(pilot)
        assert app.screen is not dialog, text_of(dialog, "#submit-error")
        p = await stored(app, "p-holder")
        assert (p.state, p.connects_cost) == ("submitted", 12)
        assert "{skills}" in p.text, "sent as it is"


async def test_filled_letter_submits_on_the_first_press(make_app: Any) -> None:
    letter = "Hi Sarah,\n\nI edit podcasts every week for shows like yours.\n\nDewi"
    app = make_app(with_jobs(PASTED, drafts=(draft("p-clean", PASTED, letter),)))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = await open_submit(pilot, PASTED.id)
        await press_button(pilot, "#submit-ok")
        await settle(pilot)
        assert app.screen is not dialog, text_of(dialog, "#submit-error")
        assert (await stored(app, "p-clean")).state == "submitted"


async def test_invitation_checkbox_is_stored(make_app: Any) -> None:
    free_invite = replace(PASTED, id="job-invite", link="https://www.upwork.com/jobs/~01ffff0000")
    app = make_app(with_jobs(free_invite))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = await open_submit(pilot, free_invite.id)
        box = dialog.query_one("#submit-invitation", Checkbox)
        assert box.display and box.value is False
        box.focus()
        await pilot.press("space")  # as the user ticks it
        assert box.value is True
        dialog.query_one("#submit-cost", Input).value = "0"  # invitations may be free
        await press_button(pilot, "#submit-ok")
        await settle(pilot)
        assert app.screen is not dialog, text_of(dialog, "#submit-error")
        sent = await stored(app, app.pane("proposals").editor.proposal.id)
        assert (sent.state, sent.invitation, sent.connects_cost) == ("submitted", True, 0)
        assert [e.kind for e in await in_thread(app.store.ledger.all)] == ["grant"]
        assert sent.context is not None and sent.context.connects == 12, "the job's price"
