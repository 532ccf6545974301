"""Store work behind the Proposals pane. No Textual here: each function runs on the
store's writer (through ``store_do``) or in a thread worker, never on the UI thread.
The one module of ``proposals`` that takes a Store (the package root never imports it).

Writes read the proposal fresh inside the writer, so an autosave and a state change
can never overwrite each other with stale copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from cockpit.i18n import N_, _
from cockpit.models import (
    ChecklistItem,
    Job,
    LedgerEntry,
    Profile,
    Proposal,
    ProposalState,
    Settings,
    Snippet,
    Template,
    Triage,
    new_id,
    to_iso,
)
from cockpit.proposals import (
    DEFAULT_TEMPLATES,
    TransitionError,
    check_transition,
    fill,
    to_markdown,
    transition,
)
from cockpit.store import Store
from cockpit.verdicts import ConnectsRule
from cockpit.wallet import (
    WalletError,
    fmt_usd,
    make_boost,
    make_refund,
    make_reversal,
    make_spend,
    refund_allowed,
    replay,
    shortfall_cost,
)

REFUND_REASON = "client_cancelled_before_hire"


@dataclass(slots=True)
class PaneData:
    proposals: list[Proposal]
    jobs: dict[str, Job]
    settings: Settings
    templates: list[Template]
    snippets: list[Snippet]
    profile: Profile
    checklist: list[ChecklistItem] = field(default_factory=list)


def ensure_templates(store: Store) -> list[Template]:
    """The stored templates; the bundled defaults are stored first if there are none."""
    templates = store.templates.all()
    if not templates:
        for template in DEFAULT_TEMPLATES:
            store.templates.save(replace(template))
        templates = store.templates.all()
    return templates


def load(store: Store) -> PaneData:
    """Everything the pane shows (worker thread)."""
    templates = store.run_write(ensure_templates, store)
    proposals = store.proposals.all()
    jobs: dict[str, Job] = {}
    for job_id in {p.job_id for p in proposals}:
        job = store.jobs.get(job_id)
        if job is not None:
            jobs[job_id] = job
    return PaneData(
        proposals=proposals,
        jobs=jobs,
        settings=store.settings.get(),
        templates=templates,
        snippets=store.snippets.all(),
        profile=store.profile.get(),
        checklist=store.checklist.all(),
    )


def draft_for_job(
    store: Store, job_id: str, now: datetime, force_new: bool = False
) -> Proposal | str:
    """(writer) The job's proposal (a draft first), or a new draft from the first template."""
    job = store.jobs.get(job_id)
    mine = [p for p in store.proposals.all() if p.job_id == job_id]
    if mine and not force_new:
        drafts = [p for p in mine if p.state == "draft"]
        pool = drafts or mine
        return max(pool, key=lambda p: p.updated or p.created or now)
    if job is None:
        return _("That job is no longer stored, so there is nothing to fill a draft from.")
    templates = ensure_templates(store)
    template = templates[0]
    filled = fill(template.body, job, store.profile.get(), store.checklist.all())
    proposal = Proposal(
        id=new_id(),
        job_id=job_id,
        text=filled.text,
        template_id=template.id,
        history=[{"state": "draft", "at": to_iso(now) or ""}],
        created=now,
        updated=now,
    )
    store.proposals.save(proposal)
    return proposal


def save_text(store: Store, proposal_id: str, text: str, now: datetime) -> None:
    """(writer) Autosave: only the text of a draft changes."""
    p = store.proposals.get(proposal_id)
    if p is None or p.state != "draft" or p.text == text:
        return
    store.proposals.save(replace(p, text=text, updated=now))


def set_template(
    store: Store, proposal_id: str, template_id: str, text: str, now: datetime
) -> None:
    p = store.proposals.get(proposal_id)
    if p is not None and p.state == "draft":
        store.proposals.save(replace(p, template_id=template_id, text=text, updated=now))


@dataclass(frozen=True, slots=True)
class SubmitInfo:
    """What the submit dialog knows about the job and the letter before the user types."""

    cost: int | None = None  # the job's own Connects cost, read from its page
    connects: ConnectsRule = "unknown"  # does this job's site charge Connects at all
    warnings: tuple[str, ...] = ()  # the letter's lint warnings
    placeholders: tuple[str, ...] = ()  # unfilled {tokens}: sending needs a second press
    verdict: str = ""  # one line: "Skip: 50+ proposals already"


VERDICT_WORDS = {"bid": N_("Bid"), "maybe": N_("Maybe"), "skip": N_("Skip")}


def submit_info(store: Store, p: Proposal, now: datetime) -> SubmitInfo:
    """(worker) The job's cost, whether Connects apply, the lint and the verdict."""
    from cockpit.proposals.fill import PLACEHOLDER
    from cockpit.proposals.lint import lint
    from cockpit.verdicts import connects_rule, gather, judge_one

    job = store.jobs.get(p.job_id)
    if job is None:
        return SubmitInfo()
    settings = store.settings.get()
    warnings = lint(p.text, job, [], settings)
    tokens = tuple(dict.fromkeys(m.group(0) for m in PLACEHOLDER.finditer(p.text)))
    verdict = judge_one(job, gather(store, now), now)
    line = _(VERDICT_WORDS[verdict.kind])
    if verdict.reasons:
        line += ": " + verdict.reasons[0]
    return SubmitInfo(
        cost=job.signals.connects if job.signals else None,
        connects=connects_rule(job),
        warnings=tuple(w.message for w in warnings),
        placeholders=tokens,
        verdict=line,
    )


def submit(
    store: Store,
    proposal_id: str,
    cost: int,
    boost: int,
    now: datetime,
    invitation: bool = False,
) -> str | None:
    """(writer) Spend, boost, mark submitted and the job applied; or say why not.

    One atomic flush for all of it, so a kill never leaves a spend for a draft.
    The job as it looked now is kept with the proposal, for "what my bids teach me".
    """
    with store.precious_batch():
        return _submit(store, proposal_id, cost, boost, now, invitation)


def _submit(
    store: Store, proposal_id: str, cost: int, boost: int, now: datetime, invitation: bool
) -> str | None:
    from cockpit.verdict import bid_context
    from cockpit.verdicts import gather, judge_one

    p = store.proposals.get(proposal_id)
    if p is None:
        return _("This proposal is no longer stored.")
    try:
        check_transition(p.state, "submitted")
    except TransitionError as err:
        return str(err)
    settings = store.settings.get()
    entries = store.ledger.all()
    new: list[LedgerEntry] = []
    try:
        if cost:
            new.append(make_spend(entries, cost, now, settings, job_id=p.job_id, proposal_id=p.id))
        if boost:
            new.append(
                make_boost(
                    [*entries, *new], boost, now, settings, job_id=p.job_id, proposal_id=p.id
                )
            )
    except WalletError as err:
        return refusal(cost, boost, replay(entries, now, settings).balance, settings, str(err))
    for entry in new:  # all checked before any is stored: both or neither
        store.ledger.append(entry)
    job = store.jobs.get(p.job_id)
    context = None
    if job is not None:
        verdict = judge_one(job, gather(store, now), now).kind
        context = bid_context(job, store.profile.get(), now, verdict)
    sent = replace(
        transition(p, "submitted", now),
        connects_cost=cost,
        boost=boost,
        invitation=invitation,
        context=context,
    )
    store.proposals.save(sent)
    triage = store.triage.get(p.job_id) or Triage(job_id=p.job_id)
    store.triage.save(replace(triage, state="applied", read=True, updated=now))
    return None


def refusal(cost: int, boost: int, balance: int, settings: Settings, why: str) -> str:
    need = cost + boost
    missing, usd = shortfall_cost(need, balance, settings)
    if missing <= 0:
        return _("Not submitted; it stays a draft. {why}").format(why=why)
    parts = (
        _("{cost} + {boost} boost = {need}").format(cost=cost, boost=boost, need=need)
        if boost
        else str(need)
    )
    return _(
        "Not submitted; it stays a draft. This needs {parts} Connects and you have {balance}. "
        "Missing {missing} Connects: buying them costs about {usd}."
    ).format(parts=parts, balance=balance, missing=missing, usd=fmt_usd(usd))


def move(
    store: Store, proposal_id: str, to: ProposalState, now: datetime
) -> tuple[Proposal, int] | str:
    """(writer) Change state; returns the proposal and the Connects a refund could return."""
    p = store.proposals.get(proposal_id)
    if p is None:
        return _("This proposal is no longer stored.")
    try:
        moved = transition(p, to, now)
    except TransitionError as err:
        return str(err)
    store.proposals.save(moved)
    refundable = 0
    settings = store.settings.get()
    if to == "job_cancelled" and refund_allowed(REFUND_REASON, settings):
        state = replay(store.ledger.all(), now, settings)
        refundable = state.spent_by_job.get(p.job_id, 0)
    return moved, refundable


def refund(store: Store, proposal_id: str, job_id: str, amount: int, now: datetime) -> str | None:
    """(writer) Connects back because the client cancelled before hiring."""
    try:
        entry = make_refund(
            store.ledger.all(), amount, now, store.settings.get(),
            reason=REFUND_REASON, job_id=job_id, proposal_id=proposal_id,
        )  # fmt: skip
    except WalletError as err:
        return str(err)
    store.ledger.append(entry)
    return None


def mark_outbid(store: Store, proposal_id: str, now: datetime) -> str:
    """(writer) The boost was outbid: reverse the charge, record an uncharged boost."""
    settings = store.settings.get()
    entries = store.ledger.all()
    reversed_ids = {e.reverses for e in entries if e.reverses}
    boosts = [
        e for e in entries
        if e.kind == "boost" and e.charged and e.proposal_id == proposal_id
        and e.id not in reversed_ids
    ]  # fmt: skip
    if not boosts:
        return _("This proposal has no charged boost to mark as outbid.")
    boost = boosts[-1]
    try:
        undo = make_reversal(entries, boost.id, now, settings, note=_("Boost was outbid"))
        free = make_boost(
            [*entries, undo], boost.amount, now, settings, charged=False,
            job_id=boost.job_id, proposal_id=proposal_id, at=boost.at, note=_("Outbid"),
        )  # fmt: skip
    except WalletError as err:
        return str(err)
    with store.precious_batch():  # the reversal and the free boost together, or neither
        store.ledger.append(undo)
        store.ledger.append(free)
    return _("Boost of {count} Connects marked as outbid; they are back in the wallet.").format(
        count=boost.amount
    )


def snooze_until(store: Store, proposal_id: str, until: datetime) -> None:
    p = store.proposals.get(proposal_id)
    if p is not None:
        store.proposals.save(replace(p, snoozed_until=until))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "proposal"


def export(store: Store, proposal_id: str, folder: Path) -> Path:
    """(worker) Write the proposal as Markdown into ``folder``; returns the file."""
    p = store.proposals.get(proposal_id)
    if p is None:
        raise FileNotFoundError(_("This proposal is no longer stored."))
    job = store.jobs.get(p.job_id)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_slug(job.title if job else '')}-{p.id}.md"
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(to_markdown(p, job), encoding="utf-8")
    tmp.replace(path)
    return path
