"""Adding feeds one after another from the keyboard: the form is empty for the next one."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from tests.conftest import ready, settle


async def test_the_url_box_is_empty_after_an_add(make_app: Any) -> None:
    from cockpit.ui.dialogs.feed import FeedsDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        dialog = app.screen
        assert isinstance(dialog, FeedsDialog)
        for url in ("https://example.com/a.rss", "https://example.com/b.rss"):
            await pilot.press(*url, "enter")
            await settle(pilot)
            assert dialog.query_one("#feed-url", Input).value == ""
            assert app.focused is dialog.query_one("#feed-url", Input)
        assert [f.url for f in dialog.feeds] == [
            "https://example.com/a.rss",
            "https://example.com/b.rss",
        ]
        assert "Added example.com" in dialog.message
