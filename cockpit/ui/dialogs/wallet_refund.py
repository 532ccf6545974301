"""Connects coming back (refund) and undoing a wrong line (reversal)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from cockpit.i18n import N_, _
from cockpit.models import LedgerEntry
from cockpit.ui.dialogs.wallet_base import LedgerContext, field_row, parse_connects
from cockpit.ui.dialogs.wallet_forms import LedgerForm
from cockpit.wallet import (
    REFUND_LABELS,
    WalletError,
    describe,
    make_refund,
    make_reversal,
    refund_allowed,
    refund_label,
)


def refundable_jobs(ctx: LedgerContext) -> list[tuple[str, int]]:
    """(job id, Connects still refundable) for every job with a net spend, most first."""
    assert ctx.state is not None
    spent = [(job, n) for job, n in ctx.state.spent_by_job.items() if job and n > 0]
    return sorted(spent, key=lambda item: (-item[1], item[0]))


def refund_explanation(reason: str, ctx: LedgerContext) -> str:
    if refund_allowed(reason, ctx.settings):
        return _("Connects come back for this.")
    allowed = _(" or ").join(refund_label(r).lower() for r in ctx.settings.refund_reasons)
    return _(
        "No Connects come back for this: {reason}. Refunds happen only when: {allowed}."
    ).format(reason=refund_label(reason).lower(), allowed=allowed)


class RefundDialog(LedgerForm):
    """Pick the job whose bid came back and why; refused reasons are explained."""

    FORM_TITLE = N_("Record a refund of Connects")

    def __init__(self, ctx: LedgerContext) -> None:
        super().__init__(ctx)
        self.jobs = refundable_jobs(ctx)
        self.reasons = list(dict.fromkeys([*ctx.settings.refund_reasons, *REFUND_LABELS]))

    def fields(self) -> Iterable[Widget]:
        job_options = [
            (
                Text(
                    _("{job} — {count} Connects spent").format(job=self.ctx.job_title(job), count=n)
                ),
                job,
            )
            for job, n in self.jobs
        ]
        first = self.jobs[0] if self.jobs else None
        yield from field_row(
            _("Job the Connects were spent on"),
            Select(job_options, allow_blank=False, id="refund-job")
            if job_options
            else Static(Text(_("No Connects were spent on a job yet.")), classes="form-hint"),
        )
        reason_options = [
            (
                Text(
                    refund_label(r)
                    + ("" if refund_allowed(r, self.ctx.settings) else " " + _("(no refund)"))
                ),
                r,
            )
            for r in self.reasons
        ]
        yield from field_row(
            _("Why they came back"),
            Select(reason_options, allow_blank=False, value=self.reasons[0], id="refund-reason"),
        )
        yield Static(Text(refund_explanation(self.reasons[0], self.ctx)), id="refund-why")
        yield from field_row(_("Connects"), Input(str(first[1]) if first else "", id="amount"))
        yield from field_row(_("Note (optional)"), Input(id="note"))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "refund-reason" and isinstance(event.value, str):
            self.query_one("#refund-why", Static).update(
                Text(refund_explanation(event.value, self.ctx))
            )
        elif event.select.id == "refund-job" and isinstance(event.value, str):
            spent = dict(self.jobs).get(event.value)
            if spent:
                self.query_one("#amount", Input).value = str(spent)

    def build(self) -> LedgerEntry:
        if not self.jobs:
            raise WalletError(_("No Connects were spent on a job yet, so none can come back."))
        job = self.query_one("#refund-job", Select).value
        reason = self.query_one("#refund-reason", Select).value
        if not isinstance(job, str) or not isinstance(reason, str):
            raise WalletError(_("Pick the job and why the Connects came back."))
        if not refund_allowed(reason, self.ctx.settings):
            raise WalletError(refund_explanation(reason, self.ctx))
        amount = parse_connects(self.value("#amount"))
        proposal = next((p.id for p in self.ctx.proposals if p.job_id == job), "")
        return make_refund(
            self.ctx.entries, amount, self.ctx.now, self.ctx.settings,
            reason=reason, job_id=job, proposal_id=proposal, note=self.value("#note"),
        )  # fmt: skip


class ReverseDialog(LedgerForm):
    """Correct a line by appending its opposite; the original stays in the history."""

    FORM_TITLE = N_("Reverse a ledger line")
    SAVE_LABEL = N_("Reverse")
    AUTO_FOCUS = "#note"

    def __init__(self, ctx: LedgerContext, target: LedgerEntry) -> None:
        super().__init__(ctx)
        self.target = target

    def fields(self) -> Iterable[Widget]:
        line = describe(self.target)
        title = self.ctx.job_title(self.target.job_id)
        if title:
            line += f" ({title})"
        what = Text(_("Reverse the {line}.").format(line=line))
        what.append("\n" + _("The line stays in the history; a correcting line is added after it."))
        yield Static(what, id="reverse-what")
        yield from field_row(_("Why (optional)"), Input(id="note"))

    def build(self) -> LedgerEntry:
        return make_reversal(
            self.ctx.entries, self.target.id, self.ctx.now, self.ctx.settings,
            note=self.value("#note"),
        )  # fmt: skip
