"""Small rules of the Connects economy: reasons, labels, prices, amounts.

Every number comes from ``Settings`` because the platform changes its rules.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from cockpit.i18n import N_, _, format_date, format_number
from cockpit.models import Settings
from cockpit.text import clean_line


class WalletError(ValueError):
    """A ledger line that cannot be recorded; the message is shown to the user as is."""


GRANT_REASONS: tuple[str, ...] = ("signup", "monthly", "reward", "other")
GRANT_LABELS: dict[str, str] = {
    "signup": N_("Welcome Connects for a new account"),
    "monthly": N_("Monthly free Connects"),
    "reward": N_("Reward from the platform"),
    "other": N_("Other free Connects"),
}

# Every reason the user may pick; which of them get Connects back is in
# Settings.refund_reasons, because the platform decides that, not us.
REFUND_LABELS: dict[str, str] = {
    "client_cancelled_before_hire": N_("Client cancelled the job before hiring anyone"),
    "post_removed_by_platform": N_("The platform removed the job post"),
    "declined": N_("Client declined your proposal"),
    "someone_else_hired": N_("Client hired someone else"),
    "post_expired": N_("The job post expired"),
    "withdrawn": N_("You withdrew your proposal"),
}

# Above this a number is almost surely a typo (nobody holds 100k Connects).
MAX_AMOUNT = 100_000

# What a ledger line is called in messages ("bid of 16 on 12 Jan 2026").
KIND_NAMES: dict[str, str] = {
    "grant": N_("free Connects"),
    "purchase": N_("purchase"),
    "spend": N_("bid"),
    "boost": N_("boost"),
    "refund": N_("refund"),
    "expiry": N_("expiry"),
    "adjustment": N_("adjustment"),
}


def kind_name(kind: str) -> str:
    name = KIND_NAMES.get(kind)
    return _(name) if name else kind


def grant_label(reason: str) -> str:
    """The reason for free Connects in the user's language (unknown ones as stored)."""
    label = GRANT_LABELS.get(reason)
    return _(label) if label else reason


def refund_label(reason: str) -> str:
    label = REFUND_LABELS.get(reason)
    return _(label) if label else reason.replace("_", " ").strip().capitalize()


def refund_allowed(reason: str, settings: Settings) -> bool:
    return reason in settings.refund_reasons


def refund_refusal(reason: str) -> str:
    """Why a refund is not possible, in the user's words."""
    return _("No Connects come back for this: {reason}.").format(
        reason=refund_label(reason).lower()
    )


def check_amount(amount: object, *, signed: bool = False) -> int:
    """The amount as a count of Connects, or a WalletError saying what is wrong."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise WalletError(_("Connects are whole numbers; enter a number like 3 or 16."))
    if amount == 0:
        raise WalletError(_("Enter at least 1 Connect; 0 changes nothing."))
    if amount < 0 and not signed:
        raise WalletError(
            _(
                "Enter a positive number of Connects. To take Connects off the balance, "
                "press a in the Wallet (Adjust the balance)."
            )
        )
    if abs(amount) > MAX_AMOUNT:
        raise WalletError(
            _("{count} Connects looks like a typo; check the number.").format(
                count=format_number(abs(amount))
            )
        )
    return amount


# What an amount field accepts: ASCII digits with optional thousands commas
# ("1,000"), an optional sign and an optional ".0" ending. int() alone also takes
# "1_0", "١٢" (Arabic-Indic digits), "²" and full-width digits, which nobody
# types on purpose and which would record a number the user never saw.
_AMOUNT = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?", re.ASCII)


def parse_amount(text: str, *, signed: bool = False) -> int:
    """Parse what the user typed into an amount field."""
    raw = text.strip()
    if not raw:
        raise WalletError(_("Enter how many Connects."))
    if len(raw) > 40 or _AMOUNT.fullmatch(raw) is None:
        raise WalletError(
            _("{text!r} is not a number of Connects.").format(text=clean_line(raw)[:40])
        )
    whole, _dot, fraction = raw.replace(",", "").partition(".")
    if fraction.strip("0"):
        raise WalletError(_("Connects are whole numbers; enter a number like 3 or 16."))
    return check_amount(int(whole), signed=signed)


def connects_usd(connects: int, settings: Settings) -> float:
    return round(connects * settings.connect_price_usd, 2)


def shortfall_cost(needed: int, balance: int, settings: Settings) -> tuple[int, float]:
    """How many Connects are missing for ``needed``, and about what they cost."""
    missing = max(0, needed - max(0, balance))
    return missing, connects_usd(missing, settings)


def affordable_bids(balance: int, cost: int) -> int:
    """How many bids at ``cost`` Connects the balance pays for (a free job needs no check)."""
    if cost <= 0:
        raise WalletError(_("A bid that costs nothing needs no Connects."))
    return max(0, balance) // cost


def monthly_grant(settings: Settings) -> int:
    return settings.monthly_grant_plus if settings.plan == "plus" else settings.monthly_grant_basic


def fmt_date(day: date | datetime) -> str:
    """12 Jan 2027 (12 Agu 2027 in Indonesian): the chosen language's months."""
    return format_date(day)


def fmt_usd(usd: float) -> str:
    """$1,234.50 (in Indonesian $1.234,50): always cents, as prices are quoted."""
    return "$" + format_number(usd, decimals=2)


def as_utc(at: datetime) -> datetime:
    """Aware UTC; a naive time is taken as UTC, as models.from_iso does."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
