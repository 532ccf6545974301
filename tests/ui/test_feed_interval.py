"""The feed interval field shows its whole value when focused (it showed "5" for 15)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from cockpit.ui.dialogs.feed import FeedsDialog
from tests.conftest import ready


async def test_interval_field_shows_its_whole_value_when_focused(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        dialog = app.screen
        assert isinstance(dialog, FeedsDialog)
        field = dialog.query_one("#feed-interval", Input)
        field.focus()
        for value in ("15", "1440"):  # the default, and the longest the field takes
            field.value = value
            field.action_end()
            await pilot.pause()
            assert field.scroll_offset.x == 0, value  # no digit scrolled out of sight
