"""Looking ahead (when do the Connects run out) and back (month by month)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cockpit.i18n import _
from cockpit.models import LedgerEntry, Settings
from cockpit.wallet.ledger import WalletState, replay
from cockpit.wallet.rules import as_utc, fmt_date, monthly_grant

RATE_WINDOW_DAYS = 30
_EPS = 1e-9


@dataclass(slots=True, frozen=True)
class Forecast:
    run_out: date | None
    text: str
    rate_per_day: float = 0.0


def net_spent(state: WalletState, start: datetime, end: datetime) -> int:
    """Connects spent on bids and charged boosts in (start, end], less refunds."""
    total = 0
    for e in state.applied:
        if start < as_utc(e.at) <= end:
            if e.kind == "spend" or (e.kind == "boost" and e.charged):
                total += e.amount
            elif e.kind == "refund":
                total -= e.amount
    return max(0, total)


def _grant_day(year: int, month: int, day: int) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(max(1, day), last))


def forecast(entries: list[LedgerEntry], now: datetime, settings: Settings) -> Forecast:
    """Project the balance day by day at the last-30-days rate.

    The projection adds the monthly grant on its day and lets lots expire, so
    a big balance of old Connects does not look safer than it is.
    """
    now = as_utc(now)
    state = replay(entries, now, settings)
    if state.balance <= 0:
        return Forecast(now.date(), _("You are out of Connects."))
    spent = net_spent(state, now - timedelta(days=RATE_WINDOW_DAYS), now)
    if spent <= 0:
        return Forecast(None, _("No spending in the last 30 days."))
    rate = spent / RATE_WINDOW_DAYS
    lifetime = timedelta(days=settings.lot_lifetime_days)
    grant = monthly_grant(settings)
    # Fractions, because the rate is an average. Held lots and future grants both
    # arrive in expiry order, so the oldest open lot is always at ``head``.
    expires = [lot.expires for lot in state.lots if lot.remaining]
    left = [float(lot.remaining) for lot in state.lots if lot.remaining]
    held = float(state.balance)
    head = 0
    horizon = settings.lot_lifetime_days + 400  # long enough for every held lot to expire
    for day_index in range(1, horizon + 1):
        t = now + timedelta(days=day_index)
        today = t.date()
        if grant and today == _grant_day(today.year, today.month, settings.monthly_grant_day):
            expires.append(t + lifetime)
            left.append(float(grant))
            held += grant
        while head < len(left) and expires[head] <= t:
            held -= left[head]
            head += 1
        need = rate
        while head < len(left) and need > _EPS:
            take = min(need, left[head])
            left[head] -= take
            held -= take
            need -= take
            if left[head] <= _EPS:
                head += 1
        # Run out: the day the projected balance cannot cover the spending or hits zero.
        if need > _EPS or held <= _EPS:
            message = _("At your last-30-days rate you run out on {date}.")
            return Forecast(today, message.format(date=fmt_date(today)), rate)
    if grant:
        return Forecast(None, _("The monthly grant covers your rate."), rate)
    message = _("At your last-30-days rate you last over {days} days.")
    return Forecast(None, message.format(days=horizon), rate)


@dataclass(slots=True)
class MonthRow:
    month: str  # "2026-11"
    spent: int = 0  # bids and charged boosts
    granted: int = 0
    bought: int = 0
    refunded: int = 0
    expired: int = 0
    adjusted: int = 0  # signed


def _month_keys(now: datetime, months: int) -> list[str]:
    year, month = now.year, now.month
    keys = []
    for _month in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def monthly_series(
    entries: list[LedgerEntry],
    now: datetime,
    months: int = 6,
    settings: Settings | None = None,
) -> list[MonthRow]:
    """One row per calendar month (UTC), oldest first, ending with the month of ``now``."""
    now = as_utc(now)
    state = replay(entries, now, settings or Settings())
    rows = {key: MonthRow(key) for key in _month_keys(now, months)}
    for e in [*state.applied, *state.expiries]:
        at = as_utc(e.at)
        row = rows.get(f"{at.year:04d}-{at.month:02d}")
        if row is None or at > now:
            continue
        if e.kind == "spend" or (e.kind == "boost" and e.charged):
            row.spent += e.amount
        elif e.kind == "grant":
            row.granted += e.amount
        elif e.kind == "purchase":
            row.bought += e.amount
        elif e.kind == "refund":
            row.refunded += e.amount
        elif e.kind == "expiry":
            row.expired += e.amount
        elif e.kind == "adjustment":
            row.adjusted += e.amount
    return list(rows.values())
