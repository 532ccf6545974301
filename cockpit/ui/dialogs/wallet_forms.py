"""Forms that record Connects coming in or going out: grant, purchase, bid, adjustment."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from cockpit.i18n import N_, _, format_number
from cockpit.models import LedgerEntry
from cockpit.text import clean_line
from cockpit.ui.dialogs.wallet_base import (
    LedgerContext,
    WalletForm,
    field_row,
    parse_connects,
    parse_usd,
    parse_when,
)
from cockpit.wallet import (
    GRANT_REASONS,
    WalletError,
    connects_usd,
    fmt_usd,
    grant_label,
    make_adjustment,
    make_boost,
    make_grant,
    make_purchase,
    make_spend,
    monthly_grant,
)

WHEN_HINT = N_("YYYY-MM-DD, blank for today")

# Far above what one line usually holds (a monthly Plus grant is 100, a bid 2-16
# Connects); such a number is asked about once before it is saved.
LARGE_CONNECTS = 200
LARGE_USD = 100.0


class LedgerForm(WalletForm[LedgerEntry | None]):
    """A form that returns one checked ledger line."""

    def __init__(self, ctx: LedgerContext) -> None:
        super().__init__()
        self.ctx = ctx

    def when_and_note(self) -> Iterable[Widget]:
        yield from field_row(_("Date"), Input(placeholder=_(WHEN_HINT), id="when"))
        yield from field_row(_("Note (optional)"), Input(id="note"))

    def caution(self, result: LedgerEntry | None) -> str:
        if result is None or not self.query("#amount"):
            return ""  # only a number the user typed can be a typo
        usd = result.usd or 0.0
        if abs(result.amount) <= LARGE_CONNECTS and usd <= LARGE_USD:
            return ""
        what = _("{count} Connects").format(count=format_number(result.amount))
        if result.kind == "purchase" and result.usd is not None:
            what = _("{count} Connects for {usd}").format(
                count=format_number(result.amount), usd=fmt_usd(usd)
            )
        return _("You are recording {what}. That is a lot: press Save again to record it.").format(
            what=what
        )

    def balance_hint(self) -> Static:
        return Static(
            Text(_("You have {count} Connects.").format(count=self.ctx.balance)),
            classes="form-hint",
        )


class GrantDialog(LedgerForm):
    FORM_TITLE = N_("Record free Connects (a grant)")

    def __init__(self, ctx: LedgerContext) -> None:
        super().__init__(ctx)
        self.reason = "signup" if not ctx.entries else "monthly"
        self._prefill = str(self._default(self.reason))

    def _default(self, reason: str) -> int | str:
        if reason == "signup":
            return self.ctx.settings.starting_balance
        if reason == "monthly":
            return monthly_grant(self.ctx.settings)
        return ""

    def fields(self) -> Iterable[Widget]:
        yield from field_row(
            _("Why"),
            Select(
                [(Text(grant_label(r)), r) for r in GRANT_REASONS],
                allow_blank=False,
                value=self.reason,
                id="grant-reason",
            ),
        )
        yield from field_row(_("Connects"), Input(self._prefill, id="amount"))
        yield from self.when_and_note()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "grant-reason" or not isinstance(event.value, str):
            return
        self.reason = event.value
        amount = self.query_one("#amount", Input)
        if amount.value == self._prefill:  # the user has not typed their own number
            self._prefill = str(self._default(self.reason))
            amount.value = self._prefill

    def build(self) -> LedgerEntry:
        amount = parse_connects(self.value("#amount"))
        at = parse_when(self.value("#when"), self.ctx.now)
        return make_grant(
            self.ctx.entries, amount, self.ctx.now, self.ctx.settings,
            reason=self.reason, at=at, note=self.value("#note"),
        )  # fmt: skip


class PurchaseDialog(LedgerForm):
    FORM_TITLE = N_("Record bought Connects")

    def fields(self) -> Iterable[Widget]:
        price = fmt_usd(self.ctx.settings.connect_price_usd)
        yield Static(
            Text(_("List price: {price} per Connect.").format(price=price)), classes="form-hint"
        )
        yield from field_row(
            _("Connects bought"),
            Input(placeholder=_("e.g. {example}").format(example=80), id="amount"),
        )
        yield from field_row(
            _("Price paid in USD"), Input(placeholder=_("blank for the list price"), id="usd")
        )
        yield from self.when_and_note()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "amount":
            return
        try:
            amount = parse_connects(event.value)
        except WalletError:
            return
        usd = fmt_usd(connects_usd(amount, self.ctx.settings))
        self.query_one("#usd", Input).placeholder = _("blank for the list price ({usd})").format(
            usd=usd
        )

    def build(self) -> LedgerEntry:
        amount = parse_connects(self.value("#amount"))
        usd = parse_usd(self.value("#usd"))
        at = parse_when(self.value("#when"), self.ctx.now)
        return make_purchase(
            self.ctx.entries, amount, self.ctx.now, self.ctx.settings,
            usd=usd, at=at, note=self.value("#note"),
        )  # fmt: skip


SPEND_KINDS: tuple[tuple[str, str], ...] = (
    (N_("Bid on a job"), "spend"),
    (N_("Boost (won a top slot, charged)"), "boost"),
    (N_("Boost, outbid (not charged)"), "outbid"),
)


class SpendDialog(LedgerForm):
    FORM_TITLE = N_("Record Connects spent on a bid")

    def fields(self) -> Iterable[Widget]:
        yield self.balance_hint()
        yield from field_row(
            _("What"),
            Select([(Text(_(label)), v) for label, v in SPEND_KINDS], allow_blank=False, id="kind"),
        )
        yield from field_row(
            _("Connects"), Input(placeholder=_("e.g. {example}").format(example=16), id="amount")
        )
        options = [(Text(self.ctx.job_title(job_id)), job_id) for job_id in self._job_ids()]
        yield from field_row(_("Job"), Select(options, prompt=_("(no job)"), id="job"))
        yield from self.when_and_note()

    def _job_ids(self) -> list[str]:
        """Jobs the user has proposals for, newest first: those are the ones bid on."""
        ordered = sorted(self.ctx.proposals, key=lambda p: p.updated or p.created or self.ctx.now)
        return list(dict.fromkeys(p.job_id for p in reversed(ordered) if p.job_id))

    def build(self) -> LedgerEntry:
        kind = self.query_one("#kind", Select).value
        job = self.query_one("#job", Select).value
        job_id = job if isinstance(job, str) else ""
        proposal_id = next((p.id for p in self.ctx.proposals if job_id and p.job_id == job_id), "")
        amount = parse_connects(self.value("#amount"))
        at = parse_when(self.value("#when"), self.ctx.now)
        note = self.value("#note")
        ctx = self.ctx
        if kind == "spend":
            return make_spend(
                ctx.entries, amount, ctx.now, ctx.settings,
                job_id=job_id, proposal_id=proposal_id, at=at, note=note,
            )  # fmt: skip
        return make_boost(
            ctx.entries, amount, ctx.now, ctx.settings, charged=kind == "boost",
            job_id=job_id, proposal_id=proposal_id, at=at, note=note,
        )  # fmt: skip


class AdjustmentDialog(LedgerForm):
    FORM_TITLE = N_("Correct the balance (adjustment)")

    def fields(self) -> Iterable[Widget]:
        yield self.balance_hint()
        yield Static(
            Text(_("A positive number adds Connects, a negative one removes them.")),
            classes="form-hint",
        )
        yield from field_row(
            _("Connects (+ or -)"),
            Input(placeholder=_("e.g. {example}").format(example=-4), id="amount"),
        )
        yield from field_row(_("Why (required)"), Input(id="note"))

    def build(self) -> LedgerEntry:
        amount = parse_connects(self.value("#amount"), signed=True)
        note = clean_line(self.value("#note"))
        if not note:
            raise WalletError(_("Say why in a note, so the ledger explains itself later."))
        return make_adjustment(self.ctx.entries, amount, self.ctx.now, self.ctx.settings, note=note)
