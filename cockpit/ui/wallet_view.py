"""What the Wallet pane shows, as rich Text: no widgets and no store here.

Every piece of user or feed text (notes, reasons, job titles, categories) goes
into ``Text`` as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text

from cockpit.i18n import N_, _, format_number, month_abbr, ngettext
from cockpit.models import LedgerEntry, Settings
from cockpit.text import clean_line
from cockpit.ui.dialogs.wallet_base import LedgerContext
from cockpit.wallet import (
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
    grant_label,
    next_expiry,
    refund_label,
)

FILTERS: tuple[tuple[str, str], ...] = (
    ("all", N_("All kinds")),
    ("grant", N_("Grants")),
    ("purchase", N_("Purchases")),
    ("spend", N_("Bids (spend)")),
    ("boost", N_("Boosts")),
    ("refund", N_("Refunds")),
    ("expiry", N_("Expiries")),
    ("adjustment", N_("Adjustments")),
)
# The Kind column and lot sources: the ledger's own short words.
KIND_LABELS = {
    "grant": N_("grant"),
    "purchase": N_("purchase"),
    "spend": N_("spend"),
    "boost": N_("boost"),
    "refund": N_("refund"),
    "expiry": N_("expiry"),
    "adjustment": N_("adjustment"),
}
GRANT_SOURCES = {
    "signup": N_("signup grant"),
    "monthly": N_("monthly grant"),
    "reward": N_("reward grant"),
    "other": N_("other grant"),
}
EXPIRY_WINDOW_DAYS = 30
TOP = 8  # rows per category/skill list
Cells = tuple[Text, ...]


def headline_text(ctx: LedgerContext, fc: Forecast) -> Text:
    assert ctx.state is not None
    state, settings = ctx.state, ctx.settings
    text = Text(_("Balance: "))
    text.append(_("{count} Connects").format(count=state.balance), style="bold")
    text.append(" " + _("(about {usd})").format(usd=fmt_usd(balance_usd(state, settings))) + "\n")
    soon = expiring_within(state, ctx.now, EXPIRY_WINDOW_DAYS)
    text.append(
        _("{count} expire in the next {days} days").format(count=soon, days=EXPIRY_WINDOW_DAYS),
        style="bold yellow" if soon else "",
    )
    first = next_expiry(state, ctx.now)
    if soon and first is not None:
        text.append(
            " "
            + _("(the first {count} on {date})").format(
                count=first.remaining, date=fmt_date(first.expires)
            )
        )
    text.append(f"\n{fc.text}")
    if state.problems:
        text.append(
            "\n"
            + ngettext(
                "{count} stored line could not be applied; it is marked in the history.",
                "{count} stored lines could not be applied; they are marked in the history.",
                len(state.problems),
            ).format(count=len(state.problems)),
            style="bold red",
        )
    return text


def _source(entry: LedgerEntry | None) -> str:
    if entry is None:
        return "?"
    if entry.kind == "grant":
        source = GRANT_SOURCES.get(entry.reason)
        if source:
            return _(source)
        return (
            _("{reason} grant").format(reason=clean_line(entry.reason))
            if entry.reason
            else _("grant")
        )
    return _label(entry.kind)


def _label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return _(label) if label else clean_line(kind)


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
            Text(_("{left} of {total}").format(left=lot.remaining, total=lot.amount)),
            Text(
                _("{date} (in {days} days)").format(date=fmt_date(lot.expires), days=days),
                style="yellow" if soon else "",
            ),
        ))  # fmt: skip
    if not rows:
        rows.append((Text("—"), Text(_("no Connects held")), Text("0"), Text("—")))
    return rows


def _balances(ctx: LedgerContext) -> dict[str, int]:
    """The balance right after each applied line (and each expiry), in replay order."""
    assert ctx.state is not None
    events: list[tuple[datetime, int, int, LedgerEntry]] = [
        (e.at, 0, i, e) for i, e in enumerate(ctx.state.expiries)
    ]
    events += [(e.at, 1, i, e) for i, e in enumerate(ctx.state.applied)]
    balance, after = 0, {}
    for *_rest, entry in sorted(events, key=lambda ev: ev[:3]):
        balance += effect(entry)
        after[entry.id] = balance
    return after


def _kind(entry: LedgerEntry) -> Text:
    if entry.reverses:
        return Text(_("correction"), style="magenta")
    if entry.kind == "boost" and not entry.charged:
        return Text(_("boost (outbid)"), style="dim")
    colour = {"grant": "green", "purchase": "green", "refund": "green", "expiry": "yellow"}
    return Text(_label(entry.kind), style=colour.get(entry.kind, ""))


def _details(entry: LedgerEntry, ctx: LedgerContext, by_id: dict[str, LedgerEntry]) -> str:
    job = ctx.job_title(entry.job_id)
    if entry.reverses:
        target = by_id.get(entry.reverses)
        return (
            _("corrects the {line}").format(line=describe(target))
            if target
            else _("corrects a line")
        )
    if entry.kind == "grant":
        return grant_label(clean_line(entry.reason))
    if entry.kind == "purchase":
        return _("paid {usd}").format(usd=fmt_usd(entry.usd)) if entry.usd is not None else ""
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
    for *_rest, e in sorted(ranked, key=lambda r: r[:3], reverse=True):
        if kind != "all" and e.kind != kind:
            continue
        voided = e.id in ctx.state.voided
        change = effect(e)
        amount = Text(f"{change:+d}" if change else "0")
        amount.stylize("green" if change > 0 else "red" if change < 0 else "dim")
        details = _details(e, ctx, by_id)
        if voided:
            amount.stylize("strike dim")
            details = _("reversed") + (f" · {details}" if details else "")
        if e.id in problems:
            amount.stylize("strike dim")
            details = _("not applied: {problem}").format(problem=problems[e.id])
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
    labels = [month_abbr(int(row.month[5:7])) for row in months]
    return labels, [
        (_("spent"), [row.spent for row in months]),
        (_("granted"), [row.granted for row in months]),
        (_("bought"), [row.bought for row in months]),
    ]


def _cost(cost: Cost | None) -> str:
    if cost is None:
        return "—"
    return _("{count} Connects ({usd})").format(
        count=format_number(cost.connects, decimals=1), usd=fmt_usd(cost.usd)
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _outcome(out: Outcome) -> str:
    if not out.proposals:
        return _("no proposals")
    return _(
        "{count} proposals · {viewed} viewed · {interviewed} interviewed · {hired} hired"
    ).format(
        count=out.proposals,
        viewed=_rate(out.view_rate),
        interviewed=_rate(out.interview_rate),
        hired=_rate(out.hire_rate),
    )


def _top(text: Text, title: str, table: dict[str, int]) -> None:
    text.append(f"\n{title}\n", style="bold")
    items = sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    if not items:
        text.append("  " + _("nothing yet") + "\n", style="dim")
    for name, connects in items:
        text.append(f"  {clean_line(name)[:40]:<40} {connects:>5}\n")


def analytics_text(a: Analytics, settings: Settings) -> Text:
    text = Text()
    text.append(
        _("Spent {count} Connects (about {usd}) on {proposals} submitted proposals.").format(
            count=a.connects, usd=fmt_usd(a.usd), proposals=a.funnel.proposals
        )
        + "\n"
    )
    lines: Iterable[tuple[str, Cost | None]] = (
        (_("per proposal"), a.per_proposal),
        (_("per view"), a.per_view),
        (_("per interview"), a.per_interview),
        (_("per hire"), a.per_hire),
    )
    width = max(14, *(len(label) + 1 for label, _cost_ in lines))
    for label, cost in lines:
        text.append(f"  {label:<{width}}{_cost(cost)}\n")
    if not a.funnel.proposals:
        text.append(
            "  "
            + _("Costs per view, interview and hire appear once proposals are submitted.")
            + "\n",
            style="dim",
        )
    _top(text, _("Connects by category"), a.by_category)
    _top(text, _("Connects by skill"), a.by_skill)
    b = a.boosts
    text.append("\n" + _("Boosts") + "\n", style="bold")
    text.append(
        "  "
        + _("{charged} charged ({count} Connects), {outbid} outbid (free)").format(
            charged=b.charged, count=b.connects, outbid=b.outbid
        )
        + "\n"
    )
    with_label, without_label = _("with a boost:"), _("without a boost:")
    pad = max(len(with_label), len(without_label)) + 1
    text.append(f"  {with_label:<{pad}}{_outcome(b.with_boost)}\n")
    text.append(f"  {without_label:<{pad}}{_outcome(b.without_boost)}\n")
    text.append(
        "\n"
        + _("Connects are valued at {price} each, bought or free.").format(
            price=fmt_usd(settings.connect_price_usd)
        ),
        style="dim",
    )
    return text
