"""The pipeline: submitting spends Connects, state keys, follow-ups, refunds, stats, library."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static, TextArea

from cockpit.models import LedgerEntry, Settings
from cockpit.ui.dialogs.confirm import ConfirmDialog
from cockpit.ui.dialogs.proposal_stats import ProposalStatsScreen
from cockpit.ui.dialogs.proposal_submit import SubmitDialog
from cockpit.ui.dialogs.proposal_templates import TemplatesDialog
from cockpit.wallet import replay
from tests.conftest import FROZEN_NOW, in_thread, ready, settle
from tests.ui.test_proposals_support import (
    PODCAST,
    SONGS,
    messages,
    open_draft,
    press_button,
    seeder,
    sent,
)

SIZE = (140, 45)


async def balance(app: Any) -> int:
    entries = await in_thread(app.store.ledger.all)
    return replay(entries, FROZEN_NOW, Settings()).balance


async def submit(pilot: Any, cost: str, boost: str = "") -> SubmitDialog:
    await pilot.press("escape", "s")  # leave the editor, then submit
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, SubmitDialog)
    dialog.query_one("#submit-cost", Input).value = cost
    dialog.query_one("#submit-boost", Input).value = boost
    await press_button(pilot, "#submit-ok")
    await settle(pilot)
    return dialog


async def test_submit_short_of_connects_is_refused_and_stays_a_draft(make_app: Any) -> None:
    app = make_app(seeder(connects=10))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        dialog = await submit(pilot, "12", "4")
        assert app.screen is dialog, "the dialog must stay open on a refusal"
        error = str(dialog.query_one("#submit-error", Static).content)
        assert "stays a draft" in error
        assert "needs 12 + 4 boost = 16 Connects and you have 10" in error
        assert "Missing 6 Connects: buying them costs about $0.90" in error
        stored = await in_thread(app.store.proposals.get, pane.editor.proposal.id)
        assert stored.state == "draft"
        assert [e.kind for e in await in_thread(app.store.ledger.all)] == ["grant"]

        # A typo is explained in the dialog, not recorded.
        dialog.query_one("#submit-cost", Input).value = "three"
        await press_button(pilot, "#submit-ok")
        await settle(pilot)
        assert "not a number" in str(dialog.query_one("#submit-error", Static).content)
        await pilot.press("escape")
        assert app.screen is not dialog


async def test_submit_records_spend_and_boost_before_confirming(make_app: Any) -> None:
    app = make_app(seeder(connects=40))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        pid = pane.editor.proposal.id
        await submit(pilot, "16", "4")
        assert not isinstance(app.screen, SubmitDialog)
        ledger = await in_thread(app.store.ledger.all)
        spends = [(e.kind, e.amount, e.job_id, e.proposal_id) for e in ledger[1:]]
        assert spends == [("spend", 16, PODCAST.id, pid), ("boost", 4, PODCAST.id, pid)]
        assert await balance(app) == 20
        stored = await in_thread(app.store.proposals.get, pid)
        assert (stored.state, stored.connects_cost, stored.boost) == ("submitted", 16, 4)
        triage = await in_thread(app.store.triage.get, PODCAST.id)
        assert triage is not None and triage.state == "applied"
        assert any("Submitted: 16 Connects + 4 boost" in m for m in messages(app))
        assert pane.editor.area.read_only, "what was sent is not edited any more"

        # The boost was outbid after all: b gives those Connects back.
        await pilot.press("b")
        await settle(pilot)
        assert await balance(app) == 24


async def test_state_keys_move_allowed_and_refuse_the_rest(make_app: Any) -> None:
    app = make_app(seeder(proposals=(sent("p-songs", SONGS, days_ago=2),)))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        draft_id = pane.editor.proposal.id
        await pilot.press("escape", "h")
        await settle(pilot)
        assert "A draft cannot be marked hired: submit it first." in messages(app)
        assert (await in_thread(app.store.proposals.get, draft_id)).state == "draft"

        table = pane.table
        table.move_cursor(row=table.get_row_index("p-songs"))
        await pilot.press("v")
        await settle(pilot)
        stored = await in_thread(app.store.proposals.get, "p-songs")
        assert stored.state == "viewed" and stored.history[-1]["state"] == "viewed"
        await pilot.press("s")
        await settle(pilot)
        assert "A viewed proposal cannot be marked submitted." in messages(app)
        await pilot.press("h", "d")
        await settle(pilot)
        assert (await in_thread(app.store.proposals.get, "p-songs")).state == "hired"
        assert "A hired proposal is final: it cannot be marked declined." in messages(app)
        counts = str(pane.query_one("#proposals-counts", Static).content)
        assert "Draft 1" in counts and "Hired 1" in counts and "Viewed 0" in counts


async def test_filter_cycles_through_states(make_app: Any) -> None:
    app = make_app(seeder(proposals=(sent("p-songs", SONGS, days_ago=2),)))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        await pilot.press("escape")
        assert pane.table.row_count == 2
        await pilot.press("f")  # draft
        assert pane.table.row_count == 1 and pane.filter == "draft"
        await pilot.press("f")  # submitted
        assert pane.table.row_count == 1 and pane.filter == "submitted"
        await pilot.press("f")  # viewed
        assert pane.table.row_count == 0


async def test_follow_up_list_and_snooze(make_app: Any) -> None:
    old = sent("p-old", PODCAST, days_ago=10)
    fresh = sent("p-fresh", SONGS, days_ago=2)
    app = make_app(seeder(proposals=(old, fresh)))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        pane = app.pane("proposals")
        follow = pane.follow_table
        assert follow.row_count == 1, "only the 10-day-old one is due (7 days)"
        assert str(follow.get_row_at(0)[0]) == PODCAST.title
        assert "Follow up (1)" in str(pane.query_one("#followups-title", Static).content)
        follow.focus()
        await pilot.press("z")
        await settle(pilot)
        assert follow.row_count == 0
        stored = await in_thread(app.store.proposals.get, "p-old")
        assert stored.snoozed_until == FROZEN_NOW + timedelta(days=3)
        assert stored.state == "submitted"


async def test_job_cancelled_offers_the_refund(make_app: Any) -> None:
    proposal = sent("p-cancel", SONGS, days_ago=3, cost=6)

    def seed(store: Any) -> None:
        seeder(connects=40, proposals=(proposal,))(store)
        spend_at = FROZEN_NOW - timedelta(days=3)
        store.ledger.append(
            LedgerEntry(id="spend-1", kind="spend", amount=6, at=spend_at, job_id=SONGS.id)
        )

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert await balance(app) == 34
        await pilot.press("2", "c")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "refund of 6 Connects" in str(app.screen.query_one(Static).content)
        await pilot.press("y")
        await settle(pilot)
        stored = await in_thread(app.store.proposals.get, "p-cancel")
        assert stored.state == "job_cancelled"
        refund = (await in_thread(app.store.ledger.all))[-1]
        assert (refund.kind, refund.amount, refund.reason) == (
            "refund",
            6,
            "client_cancelled_before_hire",
        )
        assert await balance(app) == 40


async def test_stats_and_export(make_app: Any, data_dir: Path) -> None:
    hired = sent("p-hired", SONGS, days_ago=5, state="hired")
    app = make_app(seeder(proposals=(hired, sent("p-wait", PODCAST, days_ago=2))))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2", "a")
        await pilot.pause()
        assert isinstance(app.screen, ProposalStatsScreen)
        assert app.screen.stats.overall.sent == 2 and app.screen.stats.overall.hired == 1
        await pilot.press("escape")
        pane = app.pane("proposals")
        pane.table.move_cursor(row=pane.table.get_row_index("p-hired"))
        await pilot.press("x")
        await settle(pilot)
        files = list((data_dir / "exports").glob("*.md"))
        assert len(files) == 1 and files[0].name.endswith("-p-hired.md")
        assert files[0].read_text("utf-8").startswith("# Mix and master three songs")
        assert any(str(files[0]) in m for m in messages(app))


async def test_templates_dialog_adds_one_and_uses_it_in_the_draft(make_app: Any) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        await pilot.press("escape", "t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TemplatesDialog)
        await press_button(pilot, "#lib-new")
        dialog.query_one("#lib-name", Input).value = "Tiny"
        await press_button(pilot, "#lib-save")
        assert "no text yet" in str(dialog.query_one("#lib-message", Static).content)
        dialog.query_one("#lib-body", TextArea).load_text(
            "Hello {client_name}, {job_title} is my thing."
        )
        await press_button(pilot, "#lib-save")
        await settle(pilot)
        names = [t.name for t in await in_thread(app.store.templates.all)]
        assert names[-1] == "Tiny" and len(names) == 4
        await press_button(pilot, "#lib-use")
        await settle(pilot)
        assert pane.editor.text == "Hello Sarah, Podcast editing for a weekly show is my thing."
        stored = await in_thread(app.store.proposals.get, pane.editor.proposal.id)
        assert stored.text == pane.editor.text
        assert stored.template_id != "default-short"


async def test_profile_dialog_checks_input_and_feeds_new_drafts(make_app: Any) -> None:
    from cockpit.ui.dialogs.proposal_profile import ProfileDialog

    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2", "P")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)

        assert dialog.query_one("#profile-name", Input).value == "Dewi"
        dialog.query_one("#profile-name", Input).value = "Dewi Lestari"
        dialog.query_one("#profile-url", Input).value = "javascript:alert(1)"
        await press_button(pilot, "#profile-save")
        assert "must start with http" in str(dialog.query_one("#profile-error", Static).content)
        dialog.query_one("#profile-url", Input).value = "https://dewi.example/new"
        dialog.query_one("#profile-rate", Input).value = "abc"
        await press_button(pilot, "#profile-save")
        assert "rate is a number" in str(dialog.query_one("#profile-error", Static).content)
        dialog.query_one("#profile-rate", Input).value = "25"
        await press_button(pilot, "#profile-save")
        await settle(pilot)
        assert app.screen is not dialog, str(dialog.query_one("#profile-error", Static).content)
        profile = await in_thread(app.store.profile.get)
        assert (profile.name, profile.rate) == ("Dewi Lestari", 25.0)
        pane = await open_draft(pilot)
        assert pane.editor.text.endswith("Dewi Lestari")
        assert "https://dewi.example/new" in pane.editor.text


async def test_snippet_is_saved_then_inserted_at_the_cursor(make_app: Any) -> None:
    from cockpit.ui.dialogs.proposal_snippets import SnippetsDialog

    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        pane.editor.area.move_cursor((0, 0))
        await pilot.press("ctrl+t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SnippetsDialog)
        dialog.query_one("#lib-name", Input).value = "Turnaround"
        dialog.query_one("#lib-body", TextArea).load_text("I deliver {category} work in 48 hours. ")
        await press_button(pilot, "#lib-use")
        assert "Save the snippet first" in str(dialog.query_one("#lib-message", Static).content)
        await press_button(pilot, "#lib-save")
        await settle(pilot)
        await press_button(pilot, "#lib-use")
        await settle(pilot)
        assert pane.editor.text.startswith("I deliver Audio Production work in 48 hours. Hi Sarah,")
        assert [s.name for s in await in_thread(app.store.snippets.all)] == ["Turnaround"]
