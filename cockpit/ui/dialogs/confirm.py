"""The one yes/no dialog: y or its button answers yes, n or escape answers no."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from cockpit.i18n import _
from cockpit.ui.dialogs.base import Dialog


class ConfirmDialog(Dialog[bool]):
    """``question`` is Text (user words in it stay literal). ``safe_no`` focuses "no", so a
    stray Enter never does the risky thing; ``danger`` draws it in the error colour."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", _("No"), id="confirm.no"),
        Binding("y", "answer(True)", _("Yes"), id="confirm.yes"),
    ]
    DEFAULT_CSS = """
    ConfirmDialog > Vertical { width: 70; }
    ConfirmDialog Horizontal { height: auto; margin-top: 1; }
    ConfirmDialog Button { margin-right: 2; }
    """

    def __init__(
        self,
        question: Text,
        yes: str = "",
        no: str = "",
        *,
        safe_no: bool = False,
        danger: bool = False,
    ) -> None:
        super().__init__(classes="-danger" if danger else None)
        self.question = question
        self.yes, self.no = yes or _("Yes"), no or _("No")
        self.safe_no = safe_no
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="confirm-question")
            with Horizontal():
                yield Button(
                    self.yes, id="confirm-yes", variant="error" if self.danger else "primary"
                )
                yield Button(self.no, id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no" if self.safe_no else "#confirm-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
