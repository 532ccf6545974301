"""The Inbox pane (placeholder until its issue lands)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from cockpit.ui.pane import Pane
from cockpit.ui.widgets.empty import EmptyState


class InboxPane(Pane):
    PANE_ID = "inbox"
    TITLE = "Inbox"
    KEY = "1"
    BINDINGS: ClassVar[list[BindingType]] = []

    def compose(self) -> ComposeResult:
        yield EmptyState(
            "No jobs yet.",
            "Run `cockpit feeds add URL` to add a job feed, then press r to refresh.",
            "Press a to paste a job you found on Upwork or Projects.co.id (they have no feed).",
            "Try `cockpit demo` to explore with sample data.",
            id="inbox-empty",
        )
