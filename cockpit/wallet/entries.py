"""Validating and building ledger lines.

History is append-only, so a wrong line is corrected by a reversal (an
adjustment whose ``reverses`` names it) rather than edited. Backdating is
allowed, because people record yesterday's bid or their signup Connects
later, but only if the whole ledger still replays cleanly with the new line
in place; a time more than a minute ahead of the clock is refused.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from cockpit.i18n import _
from cockpit.models import LedgerEntry, Settings, new_id
from cockpit.text import clean, clean_line
from cockpit.wallet.ledger import KINDS, effect, replay
from cockpit.wallet.rules import (
    GRANT_REASONS,
    REFUND_LABELS,
    WalletError,
    as_utc,
    check_amount,
    connects_usd,
    fmt_date,
    kind_name,
    refund_allowed,
    refund_refusal,
)

CLOCK_SKEW = timedelta(minutes=1)


def describe(entry: LedgerEntry) -> str:
    """'bid of 16 on 12 Jan 2026', for messages that point at a line."""
    amount = f"{entry.amount:+d}" if entry.kind == "adjustment" else f"{entry.amount}"
    return _("{kind} of {amount} on {date}").format(
        kind=kind_name(entry.kind), amount=amount, date=fmt_date(as_utc(entry.at))
    )


def check_entry(
    entries: list[LedgerEntry], entry: LedgerEntry, now: datetime, settings: Settings
) -> None:
    """Raise WalletError unless ``entry`` may be appended to ``entries``."""
    by_id = {e.id: e for e in entries}
    if entry.id in by_id:
        raise WalletError(_("The ledger already has a line with id {id}.").format(id=entry.id))
    _check_shape(entry, by_id, _reversed(entries), as_utc(now), settings)
    _check_replay(entries, [entry], now, settings)


def merge_import(
    entries: list[LedgerEntry], imported: list[LedgerEntry], now: datetime, settings: Settings
) -> list[LedgerEntry]:
    """The imported lines to append, checked together in one replay.

    Lines already in the ledger (same id, same content) are skipped, so importing
    the same export twice changes nothing. Refund reasons are not re-judged: a
    past refund happened whatever today's settings say.
    """
    by_id = {e.id: e for e in entries}
    fresh: list[LedgerEntry] = []
    for entry in imported:
        known = by_id.get(entry.id)
        if known is not None:
            if known != entry:
                raise WalletError(
                    _("The {line} has the id of a different line.").format(line=describe(entry))
                )
            continue
        by_id[entry.id] = entry
        fresh.append(entry)
    reversed_ids = _reversed(entries)
    for entry in fresh:
        try:
            _check_shape(entry, by_id, reversed_ids, as_utc(now), settings, past=True)
        except WalletError as err:
            raise WalletError(
                _("The imported {line}: {problem}").format(line=describe(entry), problem=err)
            ) from None
        if entry.reverses:
            reversed_ids.add(entry.reverses)
    _check_replay(entries, fresh, now, settings)
    return fresh


def _reversed(entries: list[LedgerEntry]) -> set[str]:
    return {e.reverses for e in entries if e.reverses}


def _check_replay(
    entries: list[LedgerEntry], new: list[LedgerEntry], now: datetime, settings: Settings
) -> None:
    """The ledger with ``new`` added must replay without any new problem."""
    before = {p.entry_id for p in replay(entries, now, settings).problems}
    new_ids = {e.id for e in new}
    for problem in replay([*entries, *new], now, settings).problems:
        if problem.entry_id in before:
            continue  # an old problem in imported data is not this line's fault
        if len(new) == 1 and problem.entry_id in new_ids:
            raise WalletError(problem.message)
        broken = next((e for e in [*entries, *new] if e.id == problem.entry_id), None)
        where = describe(broken) if broken else _("a later line")
        if problem.entry_id in new_ids:
            raise WalletError(
                _("The imported {line}: {problem}").format(line=where, problem=problem.message)
            )
        if len(new) == 1 and new[0].reverses:
            message = _("Reversing that would break the {line}: {problem}")
        else:
            message = _("That would break the {line}: {problem}")
        raise WalletError(message.format(line=where, problem=problem.message))


def _check_shape(
    entry: LedgerEntry,
    by_id: dict[str, LedgerEntry],
    reversed_ids: set[str],
    now: datetime,
    settings: Settings,
    *,
    past: bool = False,
) -> None:
    if not entry.id:
        raise WalletError(_("A ledger line needs an id."))
    if entry.kind == "expiry":
        raise WalletError(_("Expiry lines are worked out from the lots; they are never entered."))
    if entry.kind not in KINDS:
        raise WalletError(_("Unknown kind of ledger line: {kind!r}.").format(kind=entry.kind))
    if as_utc(entry.at) > now + CLOCK_SKEW:
        raise WalletError(
            _("{date} is in the future; a ledger line records what happened.").format(
                date=fmt_date(as_utc(entry.at))
            )
        )
    if entry.reverses:
        _check_reversal(entry, by_id, reversed_ids)
        return
    check_amount(entry.amount, signed=entry.kind == "adjustment")
    if entry.kind == "grant" and entry.reason not in GRANT_REASONS:
        raise WalletError(
            _("Pick why you got free Connects: {reasons}.").format(reasons=", ".join(GRANT_REASONS))
        )
    if (
        entry.kind == "purchase"
        and entry.usd is not None
        and (not math.isfinite(entry.usd) or entry.usd < 0)
    ):
        raise WalletError(_("The price paid is a dollar amount of 0 or more."))
    if entry.kind == "refund":
        if not entry.job_id:
            raise WalletError(_("A refund belongs to the job whose bid is refunded; pick the job."))
        if entry.reason not in REFUND_LABELS and entry.reason not in settings.refund_reasons:
            raise WalletError(_("Pick why the Connects came back."))
        if not past and not refund_allowed(entry.reason, settings):
            raise WalletError(refund_refusal(entry.reason))
    if entry.kind == "adjustment" and not entry.note.strip():
        raise WalletError(_("Say why in a note, so the ledger explains itself later."))


def _check_reversal(
    entry: LedgerEntry, by_id: dict[str, LedgerEntry], reversed_ids: set[str]
) -> None:
    target = by_id.get(entry.reverses)
    if target is None or target.id == entry.id:
        raise WalletError(_("The line to reverse is not in the ledger."))
    if target.reverses:
        raise WalletError(_("That line is already a correction; add a new line instead."))
    if target.id in reversed_ids:
        raise WalletError(_("That line was already reversed."))
    if entry.kind != "adjustment" or entry.amount != -effect(target):
        raise WalletError(_("A reversal is an adjustment of exactly the opposite amount."))


def _entry(
    entries: list[LedgerEntry],
    now: datetime,
    settings: Settings,
    at: datetime | None,
    **fields: object,
) -> LedgerEntry:
    for name in ("job_id", "proposal_id", "reason"):
        fields[name] = clean_line(str(fields.get(name, "")))
    fields["note"] = clean(str(fields.get("note", ""))).strip()
    entry = LedgerEntry(id=new_id(), at=as_utc(at or now), **fields)  # type: ignore[arg-type]
    check_entry(entries, entry, now, settings)
    return entry


def make_grant(
    entries: list[LedgerEntry],
    amount: int,
    now: datetime,
    settings: Settings,
    *,
    reason: str = "monthly",
    at: datetime | None = None,
    note: str = "",
) -> LedgerEntry:
    return _entry(entries, now, settings, at, kind="grant", amount=amount, reason=reason, note=note)


def make_purchase(
    entries: list[LedgerEntry],
    amount: int,
    now: datetime,
    settings: Settings,
    *,
    usd: float | None = None,
    at: datetime | None = None,
    note: str = "",
) -> LedgerEntry:
    """``usd`` is what was paid; left out, it is the list price."""
    check_amount(amount)
    paid = connects_usd(amount, settings) if usd is None else usd
    return _entry(entries, now, settings, at, kind="purchase", amount=amount, usd=paid, note=note)


def make_spend(
    entries: list[LedgerEntry],
    amount: int,
    now: datetime,
    settings: Settings,
    *,
    job_id: str = "",
    proposal_id: str = "",
    at: datetime | None = None,
    note: str = "",
) -> LedgerEntry:
    return _entry(
        entries, now, settings, at,
        kind="spend", amount=amount, job_id=job_id, proposal_id=proposal_id, note=note,
    )  # fmt: skip


def make_boost(
    entries: list[LedgerEntry],
    amount: int,
    now: datetime,
    settings: Settings,
    *,
    charged: bool = True,
    job_id: str = "",
    proposal_id: str = "",
    at: datetime | None = None,
    note: str = "",
) -> LedgerEntry:
    """A bid for the top slots; ``charged=False`` records being outbid (costs nothing)."""
    return _entry(
        entries, now, settings, at,
        kind="boost", amount=amount, charged=charged,
        job_id=job_id, proposal_id=proposal_id, note=note,
    )  # fmt: skip


def make_refund(
    entries: list[LedgerEntry],
    amount: int,
    now: datetime,
    settings: Settings,
    *,
    reason: str,
    job_id: str,
    proposal_id: str = "",
    at: datetime | None = None,
    note: str = "",
) -> LedgerEntry:
    return _entry(
        entries, now, settings, at,
        kind="refund", amount=amount, reason=reason,
        job_id=job_id, proposal_id=proposal_id, note=note,
    )  # fmt: skip


def make_adjustment(
    entries: list[LedgerEntry],
    amount: int,
    now: datetime,
    settings: Settings,
    *,
    note: str,
    at: datetime | None = None,
) -> LedgerEntry:
    """A signed correction with a reason: positive opens a lot, negative spends oldest first."""
    return _entry(entries, now, settings, at, kind="adjustment", amount=amount, note=note)


def make_reversal(
    entries: list[LedgerEntry],
    entry_id: str,
    now: datetime,
    settings: Settings | None = None,
    *,
    note: str = "",
) -> LedgerEntry:
    """Undo a stored line: replay then treats it (and this) as never having happened."""
    target = next((e for e in entries if e.id == entry_id), None)
    if target is None:
        raise WalletError(_("The line to reverse is not in the ledger."))
    return _entry(
        entries, now, settings or Settings(), None,
        kind="adjustment", amount=-effect(target), reverses=target.id,
        job_id=target.job_id, proposal_id=target.proposal_id,
        note=note or _("Reverses the {line}").format(line=describe(target)),
    )  # fmt: skip
