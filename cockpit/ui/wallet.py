"""The Wallet pane (placeholder until its issue lands)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType

from cockpit.ui.pane import Pane
from cockpit.ui.widgets.empty import EmptyState


class WalletPane(Pane):
    PANE_ID = "wallet"
    TITLE = "Wallet"
    KEY = "3"
    BINDINGS: ClassVar[list[BindingType]] = []

    def compose(self) -> ComposeResult:
        yield EmptyState(
            "No Connects recorded yet.",
            "Press g to record your signup grant (a new Upwork account gets 40 Connects).",
            "Press b to record a purchase.",
            id="wallet-empty",
        )
