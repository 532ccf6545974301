"""Hostile feed text renders literally (minus control characters) everywhere it shows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cockpit.models import Feed, FeedStatus, Job
from cockpit.store import Store
from tests.conftest import FROZEN_NOW, ready, settle
from tests.ui.test_inbox_support import HOSTILE_TITLES, detail, inbox, list_lines, show

EXPECTED = (
    "[@click=app.quit]x[/]",
    "[TODO] fix [/b] now",
    "clipboard",
    "red",
)
FEED_NAME = "[@click=app.quit]Feed[/] \x1b]0;pwned\x07[b]bold"


def seed_hostile(store: Store) -> None:
    store.feeds.save(
        Feed(
            id="evil",
            url="https://evil.example/rss",
            name=FEED_NAME,
            status=FeedStatus(kind="error", message="[red]boom[/red]\x1b[2J", at=FROZEN_NOW),
        )
    )
    store.jobs.upsert_many(
        [
            Job(
                id=f"h{i}",
                title=title,
                link="javascript:alert(document.cookie)",
                feed_ids=["evil"],
                posted=FROZEN_NOW - timedelta(minutes=i + 1),
                description=f"{title}\n[link=https://evil.example]click[/link]\x1b[6n",
                skills=["[b]Audio[/b]", "\x1b[1mMixing"],
                country="[i]Nowhere[/i]",
                company="\u202eevil",
            )
            for i, title in enumerate(HOSTILE_TITLES)
        ]
    )


def no_controls(text: str) -> None:
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in text


async def test_hostile_text_is_shown_literally(make_app: Any) -> None:
    app = make_app(seed_hostile)
    async with app.run_test(size=(240, 45)) as pilot:
        await ready(pilot)
        await show(pilot)
        lines = "\n".join(list_lines(app))
        no_controls(lines)
        for title in EXPECTED:
            assert title in lines, title
        assert "[b]Audio[/b], Mixing" in lines and "[i]Nowhere[…" in lines  # cut, marked with …

        for _ in range(len(EXPECTED)):
            shown = detail(app)
            no_controls(shown)
            assert "[link=https://evil.example]click[/link]" in shown
            await pilot.press("j")
            await show(pilot)
        shown = detail(app)
        assert "[@click=app.quit]Feed[/]" in shown and "evil" in shown

        prompts = "\n".join(str(o.prompt) for o in inbox(app).sidebar.options)
        no_controls(prompts)
        assert "[@click=app.quit]…" in prompts  # cut to the sidebar width, literally
        assert "[red]boom[/red]" in prompts

        await pilot.press("g", "x", "u")  # undo names the job in a notification
        await pilot.press("o")  # refuses the javascript: link, naming it
        await settle(pilot)
        messages = [n for n in app._notifications]
        assert any("[@click=app.quit]x[/]" in n.message for n in messages)
        assert any("javascript:" in n.message and "only http(s)" in n.message for n in messages)
        assert all(not n.markup for n in messages)
        for toast in app.screen.query("Toast"):
            no_controls(str(toast.render()))
        assert app.is_running  # [@click=app.quit] did nothing


async def test_refresh_notification_is_literal(make_app: Any) -> None:
    """The 'worth a bid' toast is built from cleaned titles with markup off."""
    app = make_app(seed_hostile)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        assert pane.index is not None
        pane.settings.notify_score = 0
        pane._announce(pane.index, ["h0", "h3"])
        await pilot.pause()
        note = list(app._notifications)[-1]
        assert not note.markup
        assert "[@click=app.quit]x[/]" in note.message and "red" in note.message
        no_controls(note.message)
