"""Markup and terminal injection: hostile text renders literally, without control
characters, in the dialogs and the panes beyond the inbox list (tests/ui/test_inbox_hostile.py
covers the list, detail, sidebar and notifications)."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

from textual import events

from cockpit.models import ChecklistItem, Feed, FeedStatus, Job, LedgerEntry, Proposal, Rule
from cockpit.store import Store
from tests.conftest import FROZEN_NOW, ready, settle

MARKUP = "[@click=app.quit]boom[/]"
EVIL = f"{MARKUP} [b]bold[/b] \x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[31m\u202eevil"


def screen_text(app: Any) -> str:
    """What a person sees: the SVG screenshot's text, unescaped, tags removed."""
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", "", svg))
    return text.replace("\xa0", " ")


def assert_literal(text: str) -> None:
    assert MARKUP in text, "markup was parsed instead of shown"
    assert "[b]bold[/b]" in text
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in text, f"control character {bad!r} reached the screen"


def seed(store: Store) -> None:
    store.feeds.save(
        Feed(
            id="f1",
            url="https://example.com/rss",
            name=EVIL,
            status=FeedStatus(kind="ok", new_count=1, at=FROZEN_NOW),
        )
    )
    store.jobs.upsert_many(
        [
            Job(
                id="j1",
                title=EVIL,
                link="https://example.com/j1",
                feed_ids=["f1"],
                posted=FROZEN_NOW - timedelta(hours=2),
                description=EVIL,
                skills=["Audio Editing"],
            )
        ]
    )
    store.rules.save(Rule(id="r1", name=EVIL, include=["podcast"], points=5))
    store.proposals.save(
        Proposal(id="p1", job_id="j1", text=EVIL, created=FROZEN_NOW, updated=FROZEN_NOW)
    )
    store.ledger.append(
        LedgerEntry(
            id="l1",
            kind="grant",
            amount=40,
            reason="signup",
            at=FROZEN_NOW - timedelta(days=1),
            note=EVIL,
        )
    )
    store.checklist.save(
        ChecklistItem(id="c1", title=EVIL, skills=["Audio Editing"], notes=EVIL, created=FROZEN_NOW)
    )


async def test_feeds_and_rules_dialogs_show_names_literally(make_app: Any) -> None:
    app = make_app(seed)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert_literal(screen_text(app))
        await pilot.press("escape")
        await pilot.press("e")
        await settle(pilot)
        assert_literal(screen_text(app))
        assert app.is_running


async def test_paste_dialog_shows_pasted_text_literally(make_app: Any) -> None:
    app = make_app(seed)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await settle(pilot)
        area = app.screen.query_one("TextArea")
        area.focus()
        app.post_message(events.Paste(f"{EVIL}\nBudget: $500\nSkills: Audio Editing"))
        await settle(pilot)
        assert "\x1b" not in area.text and "\u202e" not in area.text
        assert_literal(screen_text(app))
        assert app.is_running


async def test_other_panes_show_user_text_literally(make_app: Any) -> None:
    app = make_app(seed)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        for key in ("2", "3", "4"):
            await pilot.press(key)
            await settle(pilot)
            assert_literal(screen_text(app))
        assert app.is_running


async def test_the_check_catches_parsed_markup() -> None:
    """A guard against a test that cannot fail: parsed markup loses its brackets."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Naive(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(EVIL)  # a str: Textual parses it as markup

    app = Naive()
    async with app.run_test(size=(120, 10)):
        try:
            assert_literal(screen_text(app))
        except AssertionError:
            return
    raise AssertionError("assert_literal accepted markup that was parsed")


async def test_palette_lists_views_with_feed_names_literally(make_app: Any) -> None:
    from textual.command import CommandPalette

    app = make_app(seed)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        feed_titles = [t for t in titles if "boom" in t]
        assert feed_titles, "the feed's view is not offered in the palette"
        for bad in ("\x1b", "\x07", "\u202e"):
            assert all(bad not in t for t in feed_titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Inbox view")
        await pilot.pause(0.5)
        assert_literal(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        # Choosing a view from the palette selects it in the sidebar.
        app.pane("inbox").show_view("feed:f1")
        await settle(pilot)
        assert app.pane("inbox").index.view == "feed:f1"
