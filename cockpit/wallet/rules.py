"""Small rules of the Connects economy: reasons, labels, prices, amounts.

Every number comes from ``Settings`` because the platform changes its rules.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from cockpit.models import Settings


class WalletError(ValueError):
    """A ledger line that cannot be recorded; the message is shown to the user as is."""


GRANT_REASONS: tuple[str, ...] = ("signup", "monthly", "reward", "other")
GRANT_LABELS: dict[str, str] = {
    "signup": "Welcome Connects for a new account",
    "monthly": "Monthly free Connects",
    "reward": "Reward from the platform",
    "other": "Other free Connects",
}

# Every reason the user may pick; which of them get Connects back is in
# Settings.refund_reasons, because the platform decides that, not us.
REFUND_LABELS: dict[str, str] = {
    "client_cancelled_before_hire": "Client cancelled the job before hiring anyone",
    "post_removed_by_platform": "The platform removed the job post",
    "declined": "Client declined your proposal",
    "someone_else_hired": "Client hired someone else",
    "post_expired": "The job post expired",
    "withdrawn": "You withdrew your proposal",
}

# Above this a number is almost surely a typo (nobody holds 100k Connects).
MAX_AMOUNT = 100_000

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def refund_label(reason: str) -> str:
    return REFUND_LABELS.get(reason) or reason.replace("_", " ").strip().capitalize()


def refund_allowed(reason: str, settings: Settings) -> bool:
    return reason in settings.refund_reasons


def refund_refusal(reason: str) -> str:
    """Why a refund is not possible, in the user's words."""
    return f"No Connects come back for this: {refund_label(reason).lower()}."


def check_amount(amount: object, *, signed: bool = False) -> int:
    """The amount as a count of Connects, or a WalletError saying what is wrong."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise WalletError("Connects are whole numbers; enter a number like 3 or 16.")
    if amount == 0:
        raise WalletError("Enter at least 1 Connect; 0 changes nothing.")
    if amount < 0 and not signed:
        raise WalletError(
            "Enter a positive number of Connects (to remove Connects, add an adjustment)."
        )
    if abs(amount) > MAX_AMOUNT:
        raise WalletError(f"{abs(amount):,} Connects looks like a typo; check the number.")
    return amount


def parse_amount(text: str, *, signed: bool = False) -> int:
    """Parse what the user typed into an amount field."""
    raw = text.strip().replace(",", "").replace("_", "")
    if not raw:
        raise WalletError("Enter how many Connects.")
    try:
        value = int(raw)
    except ValueError:
        try:
            number = float(raw)
        except ValueError:
            raise WalletError(f"{text.strip()!r} is not a number of Connects.") from None
        if not math.isfinite(number) or number != int(number):
            raise WalletError("Connects are whole numbers; enter a number like 3 or 16.") from None
        value = int(number)
    return check_amount(value, signed=signed)


def connects_usd(connects: int, settings: Settings) -> float:
    return round(connects * settings.connect_price_usd, 2)


def shortfall_cost(needed: int, balance: int, settings: Settings) -> tuple[int, float]:
    """How many Connects are missing for ``needed``, and about what they cost."""
    missing = max(0, needed - max(0, balance))
    return missing, connects_usd(missing, settings)


def affordable_bids(balance: int, cost: int) -> int:
    """How many bids at ``cost`` Connects the balance pays for (a free job needs no check)."""
    if cost <= 0:
        raise WalletError("A bid that costs nothing needs no Connects.")
    return max(0, balance) // cost


def monthly_grant(settings: Settings) -> int:
    return settings.monthly_grant_plus if settings.plan == "plus" else settings.monthly_grant_basic


def fmt_date(day: date | datetime) -> str:
    """12 Jan 2027, the same in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def fmt_usd(usd: float) -> str:
    return f"${usd:,.2f}"


def as_utc(at: datetime) -> datetime:
    """Aware UTC; a naive time is taken as UTC, as models.from_iso does."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
