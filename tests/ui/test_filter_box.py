"""The filter box edits exactly like Textual's Input (it once copied a private watcher)."""

from __future__ import annotations

import ast
import inspect
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from cockpit.ui.widgets import filter_box
from cockpit.ui.widgets.filter_box import FilterInput

# The Inbox's sizing: fixed, with a horizontal scroll range that never shows a bar.
CSS = """
#f { height: 3; width: 30; overflow-x: scroll; overflow-y: hidden; scrollbar-size-horizontal: 0; }
#inbox-list { height: 1fr; }
"""


class BoxApp(App[None]):
    CSS = CSS

    def __init__(self, stock: bool = False) -> None:
        super().__init__()
        self.stock = stock
        self.seen: list[str] = []
        self.cleared = 0

    def compose(self) -> ComposeResult:
        yield Input(id="f") if self.stock else FilterInput(self.seen.append, id="f")
        yield Static("list", id="inbox-list", classes="list")

    def on_mount(self) -> None:
        self.query_one("#inbox-list").can_focus = True
        self.query_one("#f").focus()

    def on_filter_input_cleared(self) -> None:
        self.cleared += 1


def state(box: Input) -> tuple[Any, ...]:
    line = box.render_line(1).text  # the middle row: the text between the borders
    return box.value, box.cursor_position, box.selection, box.scroll_x, box.virtual_size, line


async def shrink_then_edit(stock: bool = False) -> list[tuple[Any, ...]]:
    """Type, cut the value from outside, move and type again; the state after each step."""
    app = BoxApp(stock)
    steps: list[tuple[Any, ...]] = []
    async with app.run_test(size=(60, 10)) as pilot:
        box = app.query_one("#f", Input)
        await pilot.press(*"abcdef")
        steps.append(state(box))
        box.value = "ab"  # shrinks under the cursor (at 6)
        await pilot.pause()
        steps.append(state(box))
        await pilot.press("left", "x")
        steps.append(state(box))
        box.value = "a long filter that is wider than the box itself"
        await pilot.pause()
        steps.append(state(box))
        await pilot.press("home", "right", "right", "y", "end", "backspace", "backspace")
        steps.append(state(box))
        box.value = "zz"
        await pilot.pause()
        await pilot.press("shift+left", "q")
        steps.append(state(box))
    return steps


async def test_a_shrunk_value_moves_the_cursor_back() -> None:
    """ "abcdef" cut to "ab": the cursor goes to 2, so left then x makes "axb", as in Input."""
    steps = await shrink_then_edit()
    assert steps[1][:2] == ("ab", 2)
    assert steps[2][:2] == ("axb", 2)  # the old copy of the watcher gave "abx" (cursor at 6)


async def test_the_box_edits_like_textuals_input() -> None:
    mine, stock = await shrink_then_edit(), await shrink_then_edit(stock=True)
    assert mine == stock  # value, cursor, selection, scroll, scroll range and the text shown


def test_no_private_textual_api() -> None:
    """Overrides of Textual's private API live in cockpit/ui/lean.py only."""
    tree = ast.parse(inspect.getsource(filter_box))
    private = [
        name
        for node in ast.walk(tree)
        for name in [getattr(node, "name", None) or getattr(node, "attr", None)]
        if isinstance(node, ast.FunctionDef | ast.Attribute)
        and name
        and name.startswith("_")
        and not name.endswith("__")
    ]
    assert private == []


async def test_on_change_sees_every_value_at_once() -> None:
    app = BoxApp()
    async with app.run_test() as pilot:
        box = app.query_one("#f", FilterInput)
        await pilot.press("p", "o", "backspace", "d")
        assert app.seen == ["p", "po", "p", "pd"]
        box.value = "x"  # in the same call, before any message is handled
        assert app.seen[-1] == "x"


async def test_escape_clears_hides_and_gives_the_list_the_focus() -> None:
    app = BoxApp()
    async with app.run_test() as pilot:
        box = app.query_one("#f", FilterInput)
        await pilot.press(*"wav", "escape")
        await pilot.pause()
        assert box.value == "" and box.display is False
        assert app.seen[-1] == ""
        assert app.focused is app.query_one("#inbox-list")
        assert app.cleared == 1
