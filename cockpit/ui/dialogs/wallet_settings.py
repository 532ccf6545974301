"""The Connects numbers the platform may change: plan, grant day, price, lifetimes."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select

from cockpit import settings_check
from cockpit.i18n import N_, _
from cockpit.models import Settings
from cockpit.settings_check import SettingsError
from cockpit.ui.dialogs.wallet_base import WalletForm, field_row
from cockpit.wallet import WalletError

PLANS = ((N_("Basic"), "basic"), (N_("Plus"), "plus"))


def parse_whole(text: str, what: str, *, low: int, high: int) -> int:
    """``settings_check.parse_whole``, refusing as the forms expect (a WalletError)."""
    try:
        return settings_check.parse_whole(text, what, low=low, high=high)
    except SettingsError as exc:
        raise WalletError(str(exc)) from None


def parse_price(text: str) -> float:
    """``settings_check.parse_price``, refusing as the forms expect (a WalletError)."""
    try:
        return settings_check.parse_price(text)
    except SettingsError as exc:
        raise WalletError(str(exc)) from None


class WalletSettingsDialog(WalletForm[Settings | None]):
    FORM_TITLE = N_("Connects settings")
    AUTO_FOCUS = "#plan"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def fields(self) -> Iterable[Widget]:
        s = self.settings
        yield from field_row(
            _("Plan"),
            Select(
                [(Text(_(label)), v) for label, v in PLANS],
                allow_blank=False,
                value=s.plan,
                id="plan",
            ),
        )
        yield from field_row(
            _("Monthly grant (Connects): Basic {basic}, Plus {plus}").format(
                basic=s.monthly_grant_basic, plus=s.monthly_grant_plus
            ),
            Input(
                str(s.monthly_grant_basic if s.plan == "basic" else s.monthly_grant_plus),
                id="grant",
            ),
        )
        yield from field_row(
            _("Day of the month the grant arrives (1-31)"),
            Input(str(s.monthly_grant_day), id="day"),
        )
        yield from field_row(
            _("Price per Connect (USD)"), Input(f"{s.connect_price_usd:g}", id="price")
        )
        yield from field_row(
            _("Connects a new account starts with"), Input(str(s.starting_balance), id="start")
        )
        yield from field_row(
            _("Days until a lot of Connects expires"),
            Input(str(s.lot_lifetime_days), id="lifetime"),
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "plan":
            s = self.settings
            grant = s.monthly_grant_plus if event.value == "plus" else s.monthly_grant_basic
            self.query_one("#grant", Input).value = str(grant)

    def build(self) -> Settings:
        plan = self.query_one("#plan", Select).value
        if plan not in ("basic", "plus"):
            raise WalletError(_("Pick a plan: Basic or Plus."))
        grant = parse_whole(self.value("#grant"), _("monthly grant"), low=0, high=10_000)
        basic, plus = self.settings.monthly_grant_basic, self.settings.monthly_grant_plus
        return dataclasses.replace(
            self.settings,
            plan=plan,
            monthly_grant_basic=grant if plan == "basic" else basic,
            monthly_grant_plus=grant if plan == "plus" else plus,
            monthly_grant_day=parse_whole(self.value("#day"), _("grant day"), low=1, high=31),
            connect_price_usd=parse_price(self.value("#price")),
            starting_balance=parse_whole(
                self.value("#start"), _("starting balance"), low=1, high=10_000
            ),
            lot_lifetime_days=parse_whole(
                self.value("#lifetime"), _("lot lifetime"), low=1, high=3650
            ),
        )
