"""The Portfolio pane (placeholder until its issue lands)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from cockpit.ui.pane import Pane
from cockpit.ui.widgets.empty import EmptyState


class PortfolioPane(Pane):
    PANE_ID = "portfolio"
    TITLE = "Portfolio"
    KEY = "4"
    BINDINGS: ClassVar[list[BindingType]] = []

    def compose(self) -> ComposeResult:
        yield EmptyState(
            "Your checklist is empty.",
            "Press n to add a portfolio item.",
            "Refresh some feeds first, so Cockpit can show what clients ask for.",
            id="portfolio-empty",
        )
