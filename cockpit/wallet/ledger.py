"""Replaying the Connects ledger into lots, balance and computed expiry lines.

The stored ledger is append-only. Replay sorts it by time (ties keep stored
order), drops lines that a reversal voided, and walks it once: grants,
purchases, refunds and positive adjustments open a lot; spends, charged boosts
and negative adjustments take from the oldest lot first; a lot's leftover
expires at exactly ``issued + lot_lifetime_days``. Every lot has the same
lifetime, so issue order is expiry order and one list with a moving head does
the whole job in O(n).

Replay never raises on stored data: a line that breaks a rule (say an
imported spend larger than the balance) is skipped and reported in
``problems``, so the balance can never go negative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from operator import attrgetter

from cockpit.i18n import _
from cockpit.models import LedgerEntry, Lot, Settings
from cockpit.wallet.rules import (
    as_utc,
    connects_usd,
    fmt_date,
    fmt_usd,
    kind_name,
    shortfall_cost,
)

LOT_KINDS = frozenset({"grant", "purchase", "refund"})
KINDS = frozenset({"grant", "purchase", "spend", "boost", "refund", "expiry", "adjustment"})


@dataclass(slots=True)
class Problem:
    """A stored line replay could not apply, and why."""

    entry_id: str
    message: str


@dataclass(slots=True)
class WalletState:
    balance: int
    lots: list[Lot]  # every lot, oldest first; expired ones have remaining == 0
    expiries: list[LedgerEntry]  # computed, never stored
    consumed: dict[str, list[tuple[str, int]]]  # entry id -> [(lot entry id, n)]
    applied: list[LedgerEntry] = field(default_factory=list)  # in replay order
    voided: set[str] = field(default_factory=set)  # ids undone by a reversal
    problems: list[Problem] = field(default_factory=list)
    spent_by_job: dict[str, int] = field(default_factory=dict)  # net of refunds

    def open_lots(self) -> list[Lot]:
        return [lot for lot in self.lots if lot.remaining > 0]


def expiry_id(lot_entry_id: str) -> str:
    return f"expiry-{lot_entry_id}"


def effect(entry: LedgerEntry) -> int:
    """Signed change to the balance this line asks for."""
    if entry.kind in LOT_KINDS:
        return entry.amount
    if entry.kind == "spend" or (entry.kind == "boost" and entry.charged):
        return -entry.amount
    if entry.kind == "adjustment":
        return entry.amount
    if entry.kind == "expiry":
        return -entry.amount
    return 0


def shortfall_message(entry: LedgerEntry, balance: int, settings: Settings) -> str:
    need = entry.amount if entry.amount > 0 else -entry.amount
    missing, usd = shortfall_cost(need, balance, settings)
    if entry.kind == "adjustment":
        return _("This adjustment removes {need} Connects; you have {balance}.").format(
            need=need, balance=balance
        )
    if entry.kind == "boost":
        message = _(
            "This boost needs {need} Connects; you have {balance}. "
            "Buy {missing} more (about {usd}) or bid a lower boost."
        )
    else:
        message = _(
            "This bid needs {need} Connects; you have {balance}. "
            "Buy {missing} more (about {usd}) or pick a cheaper job."
        )
    return message.format(need=need, balance=balance, missing=missing, usd=fmt_usd(usd))


def replay(entries: list[LedgerEntry], now: datetime, settings: Settings) -> WalletState:
    now = as_utc(now)
    lifetime = timedelta(days=settings.lot_lifetime_days)
    voided = {e.reverses for e in entries if e.reverses}
    ordered = sorted(
        (e for e in entries if not e.reverses and e.id not in voided and e.kind != "expiry"),
        key=attrgetter("at"),
    )
    lots: list[Lot] = []
    head = 0  # lots[:head] are empty; lots[head] (if any) still holds Connects
    balance = 0
    expiries: list[LedgerEntry] = []
    consumed: dict[str, list[tuple[str, int]]] = {}
    applied: list[LedgerEntry] = []
    problems: list[Problem] = []
    spent_by_job: dict[str, int] = {}
    refunded_by_job: dict[str, int] = {}

    def expire_until(t: datetime) -> None:
        nonlocal head, balance
        while head < len(lots) and lots[head].expires <= t:
            lot = lots[head]
            if lot.remaining:
                line = LedgerEntry(
                    id=expiry_id(lot.entry_id),
                    kind="expiry",
                    amount=lot.remaining,
                    at=lot.expires,
                    note=_("Unused Connects from {date} expired").format(date=fmt_date(lot.issued)),
                )
                expiries.append(line)
                consumed[line.id] = [(lot.entry_id, lot.remaining)]
                balance -= lot.remaining
                lot.remaining = 0
            head += 1

    # The loop is written flat on purpose: it runs once per line, 10k+ times per refresh.
    for entry in ordered:
        at = entry.at
        if at.tzinfo is not UTC:
            at = as_utc(at)
        if head < len(lots) and lots[head].expires <= at:
            expire_until(at)
        kind, amount = entry.kind, entry.amount
        if type(amount) is not int or amount == 0:  # bool is not a count either
            message = _("A {kind} of {amount!r} Connects changes nothing.")
            problems.append(Problem(entry.id, message.format(kind=kind_name(kind), amount=amount)))
            continue
        if kind == "spend":
            delta = -amount
        elif kind in LOT_KINDS or kind == "adjustment":
            delta = amount
        elif kind == "boost":
            if not entry.charged:
                applied.append(entry)  # outbid: recorded, costs nothing
                continue
            delta = -amount
        else:
            problems.append(
                Problem(entry.id, _("Unknown kind of ledger line: {kind!r}.").format(kind=kind))
            )
            continue
        if amount < 0 and kind != "adjustment":
            problems.append(
                Problem(
                    entry.id,
                    _("A {kind} of {amount} Connects makes no sense.").format(
                        kind=kind_name(kind), amount=amount
                    ),
                )
            )
            continue
        if kind == "refund":
            job = entry.job_id
            left = spent_by_job.get(job, 0) if job else 0
            if amount > left:
                refunded = refunded_by_job.get(job, 0) if job else 0
                problems.append(Problem(entry.id, _refund_too_big(amount, left, refunded)))
                continue
            spent_by_job[job] = left - amount
            refunded_by_job[job] = refunded_by_job.get(job, 0) + amount
        if delta > 0:
            lots.append(Lot(entry.id, at, at + lifetime, delta, delta))
            balance += delta
        else:
            need = -delta
            if need > balance:
                problems.append(Problem(entry.id, shortfall_message(entry, balance, settings)))
                continue
            balance -= need
            lot = lots[head]
            if lot.remaining > need:  # the common case: one lot pays for the whole bid
                lot.remaining -= need
                consumed[entry.id] = [(lot.entry_id, need)]
            else:
                taken: list[tuple[str, int]] = []
                while need:
                    lot = lots[head]
                    take = need if need < lot.remaining else lot.remaining
                    lot.remaining -= take
                    need -= take
                    taken.append((lot.entry_id, take))
                    if not lot.remaining:
                        head += 1
                consumed[entry.id] = taken
            if kind != "adjustment" and entry.job_id:
                spent_by_job[entry.job_id] = spent_by_job.get(entry.job_id, 0) + amount
        applied.append(entry)

    expire_until(now)
    return WalletState(
        balance=balance,
        lots=lots,
        expiries=expiries,
        consumed=consumed,
        applied=applied,
        voided=voided,
        problems=problems,
        spent_by_job=spent_by_job,
    )


def _refund_too_big(amount: int, left: int, refunded: int) -> str:
    spent = left + refunded
    if spent <= 0:
        return _("No Connects were spent on this job, so none can come back.")
    if left <= 0:
        return _("All {spent} Connects spent on this job already came back.").format(spent=spent)
    return _(
        "You spent {spent} Connects on this job and {refunded} already came back; "
        "a refund can be at most {left}, not {amount}."
    ).format(spent=spent, refunded=refunded, left=left, amount=amount)


def expiring_within(state: WalletState, now: datetime, days: int = 30) -> int:
    """Connects still held that expire in the next ``days`` days."""
    now = as_utc(now)
    horizon = now + timedelta(days=days)
    return sum(lot.remaining for lot in state.lots if now < lot.expires <= horizon)


def next_expiry(state: WalletState, now: datetime) -> Lot | None:
    """The open lot that expires first, for a "12 Connects expire on ..." hint."""
    now = as_utc(now)
    for lot in state.lots:
        if lot.remaining and lot.expires > now:
            return lot
    return None


def balance_usd(state: WalletState, settings: Settings) -> float:
    return connects_usd(state.balance, settings)
