"""Editor keys people know: ctrl+z undo, ctrl+y / ctrl+shift+z redo, ctrl+a select all,
and copying the whole draft on alt+c (a key no editor convention uses)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import Binding

from cockpit.ui.proposal_editor import DraftArea
from cockpit.ui.proposals import ProposalsPane
from tests.conftest import ready, settle
from tests.ui.test_proposals_support import messages, open_draft, seeder

SIZE = (140, 45)


async def _typed(pilot: Any, area: DraftArea, text: str) -> str:
    """Type ``text`` at the end of the draft; returns the draft before typing."""
    area.move_cursor(area.document.end)
    before = area.text
    await pilot.press(*text)
    await pilot.pause()
    assert area.text == before + text
    return before


@pytest.mark.parametrize("redo_key", ["ctrl+y", "ctrl+shift+z"])
async def test_undo_then_redo(make_app: Any, redo_key: str) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        area = pane.editor.area
        copied: list[str] = []
        app.copy_to_clipboard = copied.append
        before = await _typed(pilot, area, "xyz")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert area.text == before
        await pilot.press(redo_key)
        await pilot.pause()
        assert area.text == before + "xyz"
        assert copied == []  # redo no longer copies


async def test_ctrl_a_selects_all_and_typing_replaces_it(make_app: Any) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        area = pane.editor.area
        assert area.has_focus and area.text
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert area.selected_text == area.text
        await pilot.press("Q")
        await pilot.pause()
        assert area.text == "Q"
        # home still goes to the line start (TextArea's ctrl+a did that before).
        await pilot.press("home")
        assert area.cursor_location == (0, 0)


async def test_alt_c_copies_the_whole_draft(make_app: Any) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        copied: list[str] = []
        app.copy_to_clipboard = copied.append
        await pilot.press("alt+c")
        await settle(pilot)
        assert copied == [pane.editor.text]
        assert any("Copied" in m for m in messages(app))


def test_copy_key_is_listed_and_shadows_no_editor_key() -> None:
    bindings = [b for b in ProposalsPane.BINDINGS if isinstance(b, Binding)]
    copy = next(b for b in bindings if b.action == "copy")
    assert copy.key == "alt+c" and copy.show  # footer, help and palette read BINDINGS
    editor_keys = {
        key
        for b in DraftArea._merge_bindings().key_to_bindings.values()
        for binding in b
        for key in binding.key.split(",")
    }
    assert "ctrl+y" in editor_keys and "ctrl+a" in editor_keys
    priority = {b.key for b in bindings if b.priority}
    # ctrl+e ($EDITOR) was already taken over from TextArea's line end (end does that).
    assert priority & editor_keys <= {"ctrl+e"}
