"""The frame every dialog shares, and the form behaviour most of them share.

``Dialog`` holds the frame CSS once: centred, its first container (a ``Vertical`` or
``VerticalScroll``) as tall as its content but never past the screen, a thick accent
border (the error colour with class ``-danger``). A subclass's own DEFAULT_CSS sets
only what differs (its width, padding, a round border): Textual type selectors match
subclasses, and at equal specificity the subclass's rule wins.

``FormDialog`` adds the form keys: Enter moves to the next field and the last field
submits, escape or the other button cancels, errors go to one line.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal dialog in the shared frame; it closes with a value (``ModalScreen[T]``)."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical, Dialog > VerticalScroll {
        height: auto; max-width: 100%; max-height: 100%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    Dialog.-danger > Vertical, Dialog.-danger > VerticalScroll { border: thick $error; }
    """


class FormDialog(Dialog[T]):
    """Fields, an error line and a Save button; ``submit`` checks the fields and dismisses.

    ``SAVE_ID`` names the button that submits (any other button cancels) and
    ``ERROR_ID`` the Static that shows why the fields were refused.
    """

    SAVE_ID: ClassVar[str] = "form-save"
    ERROR_ID: ClassVar[str] = "form-error"

    def submit(self) -> None:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.query_one(f"#{self.ERROR_ID}", Static).update(Text(message))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on like Tab; in the last field it submits.
        event.stop()
        inputs = [field for field in self.query(Input) if field.display and not field.disabled]
        if inputs and event.input is not inputs[-1]:
            self.focus_next()
            return
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == self.SAVE_ID:
            self.submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)  # None means cancelled, for every form
