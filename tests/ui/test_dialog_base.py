"""The shared dialog frame (Dialog) and form keys (FormDialog) in cockpit/ui/dialogs/base.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.color import Color
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

import cockpit.ui
from cockpit.ui.dialogs.base import Dialog, FormDialog
from cockpit.ui.dialogs.confirm import ConfirmDialog
from cockpit.ui.dialogs.store_problem import StoreErrorScreen

APP_CSS = Path(cockpit.ui.__file__).parent / "cockpit.tcss"


class Plain(Dialog[None]):
    """No CSS of its own: the whole frame comes from the base."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("plain")


class Narrow(Dialog[None]):
    """Sets only what differs: width and padding, on a scrolling frame."""

    DEFAULT_CSS = """
    Narrow > VerticalScroll { width: 40; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("narrow")


class Wide(Dialog[None]):
    DEFAULT_CSS = """
    Wide > Vertical { width: 120; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("a label long enough to wrap at the edge of the dialog " * 4)


class Form(FormDialog[str | None]):
    SAVE_ID = "ok"
    ERROR_ID = "why"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(id="first")
            yield Input(id="second")
            yield Static(id="why")
            with Horizontal():
                yield Button("OK", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#first", Input).focus()

    def submit(self) -> None:
        value = self.query_one("#second", Input).value
        if not value:
            self.show_error("second is empty")
            return
        self.dismiss(value)


class Host(App[None]):
    CSS_PATH = str(APP_CSS)  # the app stylesheet: it must keep working on the base

    def __init__(self) -> None:
        super().__init__()
        self.results: list[Any] = []

    def open(self, dialog: Dialog[Any]) -> None:
        self.push_screen(dialog, self.results.append)


def colour(app: App[Any], name: str) -> Color:
    return Color.parse(app.get_css_variables()[name])


def frame(app: App[Any]) -> Any:
    return app.screen.children[0]


async def test_base_frame_centred_with_accent_border_and_padding() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open(Plain())
        await pilot.pause()
        box = frame(app)
        assert box.styles.border_top[0] == "thick"
        assert box.styles.border_top[1] == colour(app, "accent")
        assert box.styles.background == colour(app, "surface")
        assert tuple(box.styles.padding) == (1, 2, 1, 2)
        assert box.region.height == 1 + 2 + 2  # auto height: the label, padding and border
        assert abs(box.region.center[1] - 15) <= 1 and abs(box.region.center[0] - 50) <= 1


async def test_subclass_sets_its_width_and_padding() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open(Narrow())
        await pilot.pause()
        box = frame(app)
        assert box.region.width == 40
        assert tuple(box.styles.padding) == (0, 1, 0, 1)
        assert box.styles.border_top[0] == "thick"  # the rest still from the base
        assert box.region.height == 1 + 2


async def test_frame_never_runs_off_a_small_screen_and_labels_wrap() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open(Wide())
        await pilot.pause()
        box = frame(app)
        assert box.region.width == 80  # width 120 held to the screen
        label = box.query_one(Label)
        assert label.region.right <= box.region.right - 3  # wraps inside border and padding
        assert label.region.height > 1


async def test_danger_draws_the_error_border() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open(ConfirmDialog(Text("Delete it?"), danger=True))
        await pilot.pause()
        box = frame(app)
        assert box.styles.border_top == ("thick", colour(app, "error"))
        assert box.region.width == 70  # ConfirmDialog's own width
        await pilot.press("n")
        app.open(ConfirmDialog(Text("Fine?")))
        await pilot.pause()
        assert frame(app).styles.border_top == ("thick", colour(app, "accent"))
        await pilot.press("n")
        app.open(StoreErrorScreen("read-only"))
        await pilot.pause()
        assert frame(app).styles.border_top == ("thick", colour(app, "error"))


async def test_form_enter_moves_on_last_field_submits_escape_cancels() -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open(Form())
        await pilot.pause()
        form = app.screen
        await pilot.press("enter")  # first field: moves on
        assert app.focused is form.query_one("#second", Input)
        await pilot.press("enter")  # last field: submits, refused
        assert "second is empty" in str(form.query_one("#why", Static).render())
        assert app.screen is form
        await pilot.press("x", "enter")
        await pilot.pause()
        assert app.results == ["x"]
        app.open(Form())
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == ["x"]  # escape has no binding here: the form stays
        app.screen.query_one("#cancel", Button).press()
        await pilot.pause()
        assert app.results == ["x", None]
