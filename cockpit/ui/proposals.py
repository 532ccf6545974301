"""The Proposals pane (placeholder until its issue lands)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from cockpit.ui.pane import Pane
from cockpit.ui.widgets.empty import EmptyState


class ProposalsPane(Pane):
    PANE_ID = "proposals"
    TITLE = "Proposals"
    KEY = "2"
    BINDINGS: ClassVar[list[BindingType]] = []

    def compose(self) -> ComposeResult:
        yield EmptyState(
            "No proposals yet.",
            "Pick a job in the Inbox (1) and press p to draft a proposal for it.",
            id="proposals-empty",
        )
