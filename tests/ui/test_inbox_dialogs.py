"""Inbox dialogs: rules (points show in "Why this score"), paste intake, feeds."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, Input, OptionList, Static, TextArea

from cockpit.models import Rule
from cockpit.ui.dialogs.feed import FeedsDialog
from cockpit.ui.dialogs.paste import PasteDialog
from cockpit.ui.dialogs.rules import RulesDialog
from tests.conftest import in_thread, ready, settle
from tests.ui.test_inbox_support import detail, inbox, list_titles, seed_jobs, show


def fill(screen: Any, **values: str) -> None:
    for name, value in values.items():
        screen.query_one(f"#{name.replace('_', '-', 1)}", Input).value = value


async def press(pilot: Any, button_id: str) -> None:
    pilot.app.screen.query_one(f"#{button_id}", Button).press()
    await pilot.pause()


async def test_rule_added_in_dialog_shows_its_points_in_why(make_app: Any) -> None:
    app = make_app(seed_jobs(2, title="Podcast editing for a weekly show"))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await show(pilot)
        assert "No rule or profile skill matched" in detail(app)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RulesDialog)
        await press(pilot, "rule-save")  # empty form: every problem is listed
        assert "needs a name" in dialog.message and "no condition" in dialog.message
        fill(dialog, rule_name="Podcasts", rule_include="podcast", rule_points="abc")
        await press(pilot, "rule-save")
        assert "whole number" in dialog.message
        fill(dialog, rule_points="15")
        await press(pilot, "rule-save")
        await settle(pilot)
        assert "Saved rule Podcasts" in dialog.message
        rules = await in_thread(app.store.rules.all)
        assert [(r.name, r.include, r.points) for r in rules] == [("Podcasts", ["podcast"], 15)]
        await press(pilot, "rules-close")
        await settle(pilot)
        await show(pilot)
        assert not isinstance(app.screen, RulesDialog)
        shown = detail(app)
        assert "Why this score (+15)" in shown
        assert "+15" in shown and "rule Podcasts: 'podcast'" in shown


async def test_rule_on_the_job_page_scores_a_pasted_job(make_app: Any) -> None:
    from cockpit.models import Client, Job, JobSignals

    def seed(store: Any) -> None:
        page = JobSignals(platform="upwork", connects=6, client=Client(payment_verified=True))
        store.jobs.upsert_many([Job(id="up", title="Mix an EP", source="paste", signals=page)])

    app = make_app(seed)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RulesDialog)
        fill(dialog, rule_name="Cheap and paying", rule_conditions="conects <= 8", rule_points="20")
        await press(pilot, "rule-save")
        assert "Unknown field 'conects'" in dialog.message
        fill(dialog, rule_conditions="connects <= 8; payment_verified = yes")
        await press(pilot, "rule-save")
        await settle(pilot)
        rules = await in_thread(app.store.rules.all)
        assert rules[0].conditions == ["connects <= 8", "payment_verified = yes"]
        await press(pilot, "rules-close")
        await settle(pilot)
        await show(pilot)
        shown = detail(app)
        assert "Why this score (+20)" in shown
        assert "connects <= 8, payment_verified = yes" in shown


async def test_rules_dialog_edits_and_deletes(make_app: Any) -> None:
    def seed(store: Any) -> None:
        seed_jobs(1)(store)
        store.rules.save(Rule(id="r1", name="Logos", include=["logo"], points=5))

    app = make_app(seed)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RulesDialog)
        dialog.query_one("#rules-list", OptionList).highlighted = 0
        await pilot.pause()
        assert dialog.query_one("#rule-name", Input).value == "Logos"
        fill(dialog, rule_min_fixed="-5")
        await press(pilot, "rule-save")
        assert "cannot be negative" in dialog.message
        fill(dialog, rule_min_fixed="200")
        await press(pilot, "rule-save")
        await settle(pilot)
        assert (await in_thread(app.store.rules.get, "r1")).min_fixed == 200
        await press(pilot, "rule-delete")
        await settle(pilot)
        assert await in_thread(app.store.rules.all) == []


PASTED = """Podcast editor for 8 episodes
Kategori: Audio & Musik
Budget: Rp 1.500.000 - Rp 3.000.000
Skills: Audio Editing, Podcast Editing
Lokasi: Indonesia

Butuh editor untuk 8 episode podcast.
"""


async def test_paste_intake_previews_then_saves_to_shortlist(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert inbox(app).has_class("-empty")
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        await press(pilot, "paste-extract")
        assert "Paste the job's text" in str(dialog.query_one("#paste-message", Static).content)
        dialog.query_one("#paste-url", Input).value = "javascript:alert(1)"
        dialog.query_one("#paste-text", TextArea).text = PASTED
        await press(pilot, "paste-extract")
        assert "http" in str(dialog.query_one("#paste-message", Static).content)
        dialog.query_one(
            "#paste-url", Input
        ).value = "https://projects.co.id/public/browse_projects/view/1"
        await pilot.pause()
        assert dialog.query_one("#paste-save", Button).disabled  # extract first
        await press(pilot, "paste-extract")
        preview = str(dialog.query_one("#paste-preview", Static).content)
        assert "Rp1,500,000-3,000,000 fixed" in preview  # English grouping; Rp1.500.000 in id
        assert "Audio Editing, Podcast Editing" in preview and "Indonesia" in preview
        await press(pilot, "paste-save")
        await settle(pilot)
        await show(pilot)
        assert not isinstance(app.screen, PasteDialog)
        jobs = await in_thread(app.store.jobs.all)
        assert [j.title for j in jobs] == ["Podcast editor for 8 episodes"]
        assert jobs[0].budget is not None and jobs[0].budget.currency == "IDR"
        triage = await in_thread(app.store.triage.get, jobs[0].id)
        assert triage is not None and triage.state == "shortlist"
        pane = inbox(app)
        assert not pane.has_class("-empty")
        assert pane.index is not None and pane.index.view == "shortlist"
        assert list_titles(app) == ["Podcast editor for 8 episodes"]
        assert "Butuh editor" in detail(app)


async def test_cancel_with_a_pasted_page_asks_first(make_app: Any) -> None:
    from cockpit.ui.dialogs.confirm import ConfirmDialog

    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        dialog.query_one("#paste-text", TextArea).text = PASTED
        await press(pilot, "paste-extract")
        await pilot.press("tab", "enter")  # past Save to Cancel, then Enter: the reported slip
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # "Keep editing" has the focus
        await pilot.pause()
        assert app.screen is dialog
        await press(pilot, "paste-cancel")
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, PasteDialog | ConfirmDialog)


async def test_feeds_dialog_validates_then_adds(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        dialog = app.screen
        assert isinstance(dialog, FeedsDialog)
        assert "freelancer.com/rss/job_Audio-Services.xml" in "\n".join(
            str(s.content) for s in dialog.query(Static)
        )
        await press(pilot, "feed-add")
        assert "Not added" in dialog.message and "empty" in dialog.message
        fill(dialog, feed_url="ftp://example.com/feed")
        await press(pilot, "feed-add")
        assert "not supported" in dialog.message
        fill(dialog, feed_url="https://www.upwork.com/ab/feed/jobs/rss")
        await press(pilot, "feed-add")
        assert "Upwork" in dialog.message
        fill(
            dialog,
            feed_url="https://weworkremotely.com/categories/remote-design-jobs.rss",
            feed_name="WWR design",
            feed_tags="design, remote",
        )
        await press(pilot, "feed-add")
        await settle(pilot)
        assert "Added WWR design" in dialog.message
        assert dialog.query_one("#feed-url", Input).value == ""  # ready for the next one
        fill(dialog, feed_url="https://weworkremotely.com/categories/remote-design-jobs.rss")
        await press(pilot, "feed-add")  # the same URL twice
        assert "already have this feed" in dialog.message
        feeds = await in_thread(app.store.feeds.all)
        assert [(f.name, f.tags) for f in feeds] == [("WWR design", ["design", "remote"])]
        assert feeds[0].min_interval_minutes == 15
        dialog.query_one("#feeds-list", OptionList).highlighted = 0  # pick it to edit it
        await pilot.pause()
        assert dialog.query_one("#feed-url", Input).value.endswith("remote-design-jobs.rss")
        fill(dialog, feed_interval="soon")
        await press(pilot, "feed-save")
        assert "Not saved" in dialog.message and "whole number" in dialog.message
        fill(dialog, feed_interval="60")
        await press(pilot, "feed-save")
        await settle(pilot)
        assert (await in_thread(app.store.feeds.all))[0].min_interval_minutes == 60
        await press(pilot, "feed-toggle")
        await settle(pilot)
        assert (await in_thread(app.store.feeds.all))[0].enabled is False
        await press(pilot, "feeds-close")
        await settle(pilot)
        prompts = [str(o.prompt) for o in inbox(app).sidebar.options]
        assert any("WWR design" in p and "disabled" in p for p in prompts)


async def test_feeds_dialog_imports_opml(make_app: Any, tmp_path: Any) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Audio"><outline text="Board A" xmlUrl="https://a.example/rss"/></outline>'
        '<outline text="Bad" xmlUrl="javascript:alert(1)"/>'
        "</body></opml>"
    )
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        dialog = app.screen
        assert isinstance(dialog, FeedsDialog)
        fill(dialog, feed_opml=str(opml))
        await press(pilot, "feed-import")
        await settle(pilot)
        assert "Imported 1 feed" in dialog.message
        feeds = await in_thread(app.store.feeds.all)
        assert [(f.name, f.url) for f in feeds] == [("Board A", "https://a.example/rss")]
        fill(dialog, feed_opml=str(tmp_path / "missing.opml"))
        await press(pilot, "feed-import")
        await settle(pilot)
        assert "Cannot read" in dialog.message


async def test_auto_refresh_and_alert_score_are_set_in_a_dialog(make_app: Any) -> None:
    from cockpit.ui.dialogs.notices import NoticesDialog

    app = make_app(seed_jobs(1))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        assert pane.refresher.auto_timer is None  # off by default
        await pilot.press("A")  # on the Inbox too: one dialog for refresh and notices
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NoticesDialog)
        fill(dialog, auto_refresh="soon", notify_score="25")
        await press(pilot, "form-save")
        await settle(pilot)
        assert app.screen is dialog and "whole number" in dialog.error
        fill(dialog, auto_refresh="30")
        await press(pilot, "form-save")
        await settle(pilot)
        settings = await in_thread(app.store.settings.get)
        assert (settings.auto_refresh_minutes, settings.notify_score) == (30, 25)
        assert (
            pane.refresher.auto_timer is not None and pane.refresher.auto_timer._interval == 30 * 60
        )
        assert any("every 30 minutes" in n.message for n in app._notifications)
        await pilot.press("A")
        await settle(pilot)
        fill(app.screen, auto_refresh="0")
        await press(pilot, "form-save")
        await settle(pilot)
        assert pane.refresher.auto_timer is None
        assert (await in_thread(app.store.settings.get)).notify_score == 25
