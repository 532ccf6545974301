"""The top line: the four panes with their keys, the open one lit, and `?` for every key."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from cockpit.i18n import _


class PaneStrip(Widget):
    """One line of tabs. Clicking a tab asks for its pane; the app says which is open."""

    DEFAULT_CSS = """
    PaneStrip { dock: top; height: 1; width: 1fr; background: $panel; color: $text-muted; }
    """

    current: reactive[str] = reactive("", layout=False)
    note: reactive[str] = reactive("", layout=False)  # "demo data" or the data folder

    class Chosen(Message):
        """A tab was clicked: show this pane."""

        def __init__(self, pane_id: str) -> None:
            super().__init__()
            self.pane_id = pane_id

    def __init__(self, tabs: list[tuple[str, str, str]], *, id: str | None = None) -> None:
        """``tabs``: (pane id, key, title) in the order they are shown."""
        super().__init__(id=id)
        self.tabs = tabs
        self._spans: list[tuple[int, int, str]] = []  # (start, end, pane id) as last drawn

    def render(self) -> Text:
        width = self.size.width
        # TRANSLATORS: the top line's reminder: `?` lists every key, ctrl+q quits.
        help_hint = _("? keys  ^q quit")
        tabs_width = sum(cell_len(f" {key} {title}  ") for _id, key, title in self.tabs)
        text = Text(no_wrap=True, overflow="crop")
        if tabs_width + cell_len(help_hint) + 10 <= width:  # the name only where it fits
            text.append(" Cockpit ", style="bold")
        self._spans = []
        lit = "reverse bold"
        for pane_id, key, title in self.tabs:
            start = text.cell_len
            style = lit if pane_id == self.current else ""
            text.append(f" {key} ", style=f"{style} bold" if style else "bold")
            text.append(f"{title} ", style=style)
            self._spans.append((start, text.cell_len, pane_id))
            text.append(" ")
        right = f" {self.note} " if self.note else ""
        room = width - text.cell_len - cell_len(help_hint) - 1
        if right and cell_len(right) <= room:  # a note that would be cut is left out
            text.append(" " * (room - cell_len(right)))
            text.append(right, style="italic")
        else:
            text.append(" " * max(0, room))
        text.append(help_hint + " ", style="bold")
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, pane_id in self._spans:
            if start <= event.x < end:
                self.post_message(self.Chosen(pane_id))
                return
