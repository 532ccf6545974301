"""What the Wallet pane shows, as rich Text: no widgets and no store here.

Every piece of user or feed text (notes, reasons, job titles, categories) goes
into ``Text`` as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text

from cockpit.models import LedgerEntry, Settings
from cockpit.text import clean_line
from cockpit.ui.dialogs.wallet_base import LedgerContext
from cockpit.wallet import (
    GRANT_LABELS,
    Analytics,
    Cost,
    Forecast,
    MonthRow,
    Outcome,
    balance_usd,
    describe,
    effect,
    expiring_within,
    fmt_date,
    fmt_usd,
    next_expiry,
    refund_label,
)

FILTERS: tuple[tuple[str, str], ...] = (
    ("all", "All kinds"),
    ("grant", "Grants"),
    ("purchase", "Purchases"),
    ("spend", "Bids (spend)"),
    ("boost", "Boosts"),
    ("refund", "Refunds"),
    ("expiry", "Expiries"),
    ("adjustment", "Adjustments"),
)
EXPIRY_WINDOW_DAYS = 30
TOP = 8  # rows per category/skill list
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
Cells = tuple[Text, ...]


def headline_text(ctx: LedgerContext, fc: Forecast) -> Text:
    assert ctx.state is not None
    state, settings = ctx.state, ctx.settings
    text = Text("Balance: ")
    text.append(f"{state.balance} Connects", style="bold")
    text.append(f" (about {fmt_usd(balance_usd(state, settings))})\n")
    soon = expiring_within(state, ctx.now, EXPIRY_WINDOW_DAYS)
    text.append(
        f"{soon} expire in the next {EXPIRY_WINDOW_DAYS} days",
        style="bold yellow" if soon else "",
    )
    first = next_expiry(state, ctx.now)
    if soon and first is not None:
        text.append(f" (the first {first.remaining} on {fmt_date(first.expires)})")
    text.append(f"\n{fc.text}")
    if state.problems:
        text.append(
            f"\n{len(state.problems)} stored lines could not be applied; "
            "they are marked in the history.",
            style="bold red",
        )
    return text


def _source(entry: LedgerEntry | None) -> str:
    if entry is None:
        return "?"
    if entry.kind == "grant":
        return f"{entry.reason} grant" if entry.reason else "grant"
    return entry.kind


def lot_rows(ctx: LedgerContext) -> list[Cells]:
    assert ctx.state is not None
    by_id = {e.id: e for e in ctx.entries}
    rows: list[Cells] = []
    for lot in ctx.state.open_lots():
        days = (lot.expires - ctx.now).days
        soon = days < EXPIRY_WINDOW_DAYS
        rows.append((
            Text(fmt_date(lot.issued)),
            Text(_source(by_id.get(lot.entry_id))),
            Text(f"{lot.remaining} of {lot.amount}"),
            Text(f"{fmt_date(lot.expires)} (in {days} days)", style="yellow" if soon else ""),
        ))  # fmt: skip
    if not rows:
        rows.append((Text("—"), Text("no Connects held"), Text("0"), Text("—")))
    return rows


def _balances(ctx: LedgerContext) -> dict[str, int]:
    """The balance right after each applied line (and each expiry), in replay order."""
    assert ctx.state is not None
    events: list[tuple[datetime, int, int, LedgerEntry]] = [
        (e.at, 0, i, e) for i, e in enumerate(ctx.state.expiries)
    ]
    events += [(e.at, 1, i, e) for i, e in enumerate(ctx.state.applied)]
    balance, after = 0, {}
    for *_, entry in sorted(events, key=lambda ev: ev[:3]):
        balance += effect(entry)
        after[entry.id] = balance
    return after


def _kind(entry: LedgerEntry) -> Text:
    if entry.reverses:
        return Text("correction", style="magenta")
    if entry.kind == "boost" and not entry.charged:
        return Text("boost (outbid)", style="dim")
    colour = {"grant": "green", "purchase": "green", "refund": "green", "expiry": "yellow"}
    return Text(entry.kind, style=colour.get(entry.kind, ""))


def _details(entry: LedgerEntry, ctx: LedgerContext, by_id: dict[str, LedgerEntry]) -> str:
    job = ctx.job_title(entry.job_id)
    if entry.reverses:
        target = by_id.get(entry.reverses)
        return f"corrects the {describe(target)}" if target else "corrects a line"
    if entry.kind == "grant":
        return GRANT_LABELS.get(entry.reason, clean_line(entry.reason))
    if entry.kind == "purchase":
        return f"paid {fmt_usd(entry.usd)}" if entry.usd is not None else ""
    if entry.kind == "refund":
        return " · ".join(p for p in (refund_label(clean_line(entry.reason)), job) if p)
    if entry.kind == "expiry":
        return entry.note
    return job


def history_rows(ctx: LedgerContext, kind: str = "all") -> list[tuple[str, Cells]]:
    """Newest first; reversed lines stay, struck through, with their correction above."""
    assert ctx.state is not None
    by_id = {e.id: e for e in ctx.entries}
    after = _balances(ctx)
    problems = {p.entry_id: p.message for p in ctx.state.problems}
    ranked = [(e.at, 0, i, e) for i, e in enumerate(ctx.state.expiries)]
    ranked += [(e.at, 1, i, e) for i, e in enumerate(ctx.entries)]
    rows: list[tuple[str, Cells]] = []
    for *_, e in sorted(ranked, key=lambda r: r[:3], reverse=True):
        if kind != "all" and e.kind != kind:
            continue
        voided = e.id in ctx.state.voided
        change = effect(e)
        amount = Text(f"{change:+d}" if change else "0")
        amount.stylize("green" if change > 0 else "red" if change < 0 else "dim")
        details = _details(e, ctx, by_id)
        if voided:
            amount.stylize("strike dim")
            details = "reversed" + (f" · {details}" if details else "")
        if e.id in problems:
            amount.stylize("strike dim")
            details = f"not applied: {problems[e.id]}"
        balance = after.get(e.id)
        note = "" if e.kind == "expiry" else clean_line(e.note)
        rows.append((
            e.id,
            (
                Text(fmt_date(e.at)),
                _kind(e),
                amount,
                Text("" if balance is None else str(balance)),
                Text(details),
                Text(note),
            ),
        ))  # fmt: skip
    return rows


def chart_series(months: list[MonthRow]) -> tuple[list[str], list[tuple[str, list[int]]]]:
    labels = [_MONTHS[int(row.month[5:7]) - 1] for row in months]
    return labels, [
        ("spent", [row.spent for row in months]),
        ("granted", [row.granted for row in months]),
        ("bought", [row.bought for row in months]),
    ]


def _cost(cost: Cost | None) -> str:
    if cost is None:
        return "—"
    return f"{cost.connects:.1f} Connects ({fmt_usd(cost.usd)})"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _outcome(out: Outcome) -> str:
    if not out.proposals:
        return "no proposals"
    return (
        f"{out.proposals} proposals · {_rate(out.view_rate)} viewed · "
        f"{_rate(out.interview_rate)} interviewed · {_rate(out.hire_rate)} hired"
    )


def _top(text: Text, title: str, table: dict[str, int]) -> None:
    text.append(f"\n{title}\n", style="bold")
    items = sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    if not items:
        text.append("  nothing yet\n", style="dim")
    for name, connects in items:
        text.append(f"  {clean_line(name)[:40]:<40} {connects:>5}\n")


def analytics_text(a: Analytics, settings: Settings) -> Text:
    text = Text()
    text.append(
        f"Spent {a.connects} Connects (about {fmt_usd(a.usd)}) "
        f"on {a.funnel.proposals} submitted proposals.\n"
    )
    lines: Iterable[tuple[str, Cost | None]] = (
        ("per proposal", a.per_proposal),
        ("per view", a.per_view),
        ("per interview", a.per_interview),
        ("per hire", a.per_hire),
    )
    for label, cost in lines:
        text.append(f"  {label:<14}{_cost(cost)}\n")
    if not a.funnel.proposals:
        text.append("  Costs per view, interview and hire appear once proposals are submitted.\n",
                    style="dim")  # fmt: skip
    _top(text, "Connects by category", a.by_category)
    _top(text, "Connects by skill", a.by_skill)
    b = a.boosts
    text.append("\nBoosts\n", style="bold")
    text.append(f"  {b.charged} charged ({b.connects} Connects), {b.outbid} outbid (free)\n")
    text.append(f"  with a boost:    {_outcome(b.with_boost)}\n")
    text.append(f"  without a boost: {_outcome(b.without_boost)}\n")
    text.append(
        f"\nConnects are valued at {fmt_usd(settings.connect_price_usd)} each, bought or free.",
        style="dim",
    )
    return text
