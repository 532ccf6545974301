"""Inbox settings: refresh every N minutes (off by default) and the score worth a notice."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Input

from cockpit.i18n import N_, _
from cockpit.models import Settings
from cockpit.ui.dialogs.wallet_base import WalletForm, field_row
from cockpit.ui.dialogs.wallet_settings import parse_whole

MAX_AUTO_MINUTES = 24 * 60


class InboxSettingsDialog(WalletForm[Settings | None]):
    """Shares the Connects forms' layout: fields, an error line, Save and Cancel."""

    FORM_TITLE = N_("Auto-refresh and alerts")
    AUTO_FOCUS = "#auto-refresh"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def fields(self) -> Iterable[Widget]:
        s = self.settings
        yield from field_row(
            _("Refresh all feeds every N minutes while Cockpit is open (0 = off)"),
            Input(str(s.auto_refresh_minutes), id="auto-refresh"),
        )
        yield from field_row(
            _("After a refresh, tell me about new jobs scoring at least"),
            Input(str(s.notify_score), id="notify-score"),
        )

    def build(self) -> Settings:
        return dataclasses.replace(
            self.settings,
            auto_refresh_minutes=parse_whole(
                self.value("#auto-refresh"),
                _("refresh interval"),
                low=0,
                high=MAX_AUTO_MINUTES,
            ),
            notify_score=parse_whole(
                self.value("#notify-score"), _("score for a notice"), low=-1000, high=1000
            ),
        )
