"""The Connects numbers the platform may change: plan, grant day, price, lifetimes."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select

from cockpit.i18n import N_, _
from cockpit.models import Settings
from cockpit.ui.dialogs.wallet_base import WalletForm, field_row, parse_money
from cockpit.wallet import WalletError, fmt_usd

PLANS = ((N_("Basic"), "basic"), (N_("Plus"), "plus"))


def parse_whole(text: str, what: str, *, low: int, high: int) -> int:
    """A whole number in [low, high]; ``what`` is already in the user's language."""
    raw = text.strip()
    if not raw:
        raise WalletError(_("Enter the {what}.").format(what=what))
    # Plain ASCII digits only: int() would take "1_0", "٣" or " 1 " without a word.
    digits = raw[1:] if raw[:1] in "+-" else raw
    value = int(raw) if digits.isascii() and digits.isdigit() else None
    if value is None:
        raise WalletError(
            _("The {what} must be a whole number, not {text!r}.").format(what=what, text=raw)
        ) from None
    if value < low or value > high:
        raise WalletError(
            _("The {what} must be between {low} and {high}; {value} is not.").format(
                what=what, low=low, high=high, value=value
            )
        )
    return value


def parse_price(text: str) -> float:
    raw = text.strip().lstrip("$")
    try:
        exact = parse_money(raw, places=4)  # plain digits: float() would take "1e3" or "inf"
    except (ValueError, WalletError):
        exact = None
    if exact is None:
        raise WalletError(
            _("The price per Connect must be a dollar amount, not {text!r}.").format(text=raw)
        ) from None
    price = float(exact)
    if not math.isfinite(price) or price <= 0:
        raise WalletError(_("The price per Connect must be more than $0."))
    if price > 100:
        raise WalletError(
            _("{price} per Connect looks like a typo; it is usually $0.15.").format(
                price=fmt_usd(price)
            )
        )
    return price


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
