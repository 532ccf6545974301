"""The bidding funnel and the small series the charts draw (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from cockpit.i18n import N_, _
from cockpit.insights.common import (
    DAY_SECONDS,
    ENGAGED_STATES,
    as_utc,
    effective_entries,
    job_time,
    net_connects,
)
from cockpit.models import PROPOSAL_STATES, Job, LedgerEntry, Proposal, Settings, Triage
from cockpit.skills import normalizer

_job_id = attrgetter("id")

STAGES = ("seen", "shortlisted", "proposals", "viewed", "interview", "hired")

# A proposal is in a stage when its current state or any state in its history is
# one of these: a declined proposal that was viewed still counts as viewed.
_REACHES: dict[str, frozenset[str]] = {
    "proposals": frozenset(PROPOSAL_STATES) - {"draft"},
    "viewed": frozenset({"viewed", "interview", "hired"}),
    "interview": frozenset({"interview", "hired"}),
    "hired": frozenset({"hired"}),
}


@dataclass(slots=True)
class FunnelStage:
    name: str
    count: int
    rate_from_prev: float | None  # count / previous stage's count; None first or if 0
    connects: int  # net Connects spent on the jobs/proposals in this stage
    usd: float  # connects * settings.connect_price_usd


def _states(p: Proposal) -> set[str]:
    states = {h.get("state", "") for h in p.history}
    states.add(p.state)
    return states


def funnel(
    jobs: Iterable[Job],
    triage: Mapping[str, Triage],
    proposals: Iterable[Proposal],
    ledger_entries: Iterable[LedgerEntry],
    settings: Settings,
) -> list[FunnelStage]:
    """seen -> shortlisted -> proposals -> viewed -> interview -> hired.

    "seen" and "shortlisted" count jobs; the later stages count proposals. A job
    with a proposal counts as shortlisted, and a stage includes everything that
    went further, so with one proposal per job counts never grow down the funnel.

    Connects are attributed through each ledger entry's ``proposal_id`` (else
    its ``job_id``): spend + charged boost - refunds; entries reversed by a later
    entry are ignored. A stage's connects are those spent on its members.
    """
    proposals = list(proposals)
    shortlisted = {jid for jid, t in triage.items() if t.state in ENGAGED_STATES}
    shortlisted.update(p.job_id for p in proposals if p.job_id)
    seen = set(map(_job_id, jobs)) | shortlisted
    members: dict[str, set[str]] = {stage: set() for stage in _REACHES}
    for p in proposals:
        states = _states(p)
        for stage, reaching in _REACHES.items():
            if states & reaching:
                members[stage].add(p.id)

    by_id = {p.id: p for p in proposals}
    # For entries that only name a job: the job's submitted proposal (first by id).
    by_job: dict[str, str] = {}
    for pid in sorted(members["proposals"]):
        by_job.setdefault(by_id[pid].job_id, pid)
    job_spend: dict[str, int] = {}
    proposal_spend: dict[str, int] = {}
    for entry in effective_entries(ledger_entries):
        net = net_connects(entry)
        if not net:
            continue
        proposal = by_id.get(entry.proposal_id) if entry.proposal_id else None
        job_id = proposal.job_id if proposal else entry.job_id
        pid = proposal.id if proposal else by_job.get(entry.job_id, "")
        if job_id:
            job_spend[job_id] = job_spend.get(job_id, 0) + net
        if pid:
            proposal_spend[pid] = proposal_spend.get(pid, 0) + net

    # Sum over the (few) jobs with spend, not over every job seen.
    counted: list[tuple[str, int, int]] = [
        ("seen", len(seen), sum(n for j, n in job_spend.items() if j in seen)),
        ("shortlisted", len(shortlisted), sum(n for j, n in job_spend.items() if j in shortlisted)),
    ]
    for stage in ("proposals", "viewed", "interview", "hired"):
        ids = members[stage]
        counted.append((stage, len(ids), sum(proposal_spend.get(p, 0) for p in ids)))

    out: list[FunnelStage] = []
    prev: int | None = None
    for name, count, connects in counted:
        rate = count / prev if prev else None
        out.append(FunnelStage(name, count, rate, connects, connects * settings.connect_price_usd))
        prev = count
    return out


# Funnel stage names as shown (the FunnelStage keeps the English key).
STAGE_NAMES = {
    "seen": N_("seen"),
    "shortlisted": N_("shortlisted"),
    "proposals": N_("proposals"),
    "viewed": N_("viewed"),
    "interview": N_("interview"),
    "hired": N_("hired"),
}


def stage_name(name: str) -> str:
    label = STAGE_NAMES.get(name)
    return _(label) if label else name


def jobs_per_day(
    jobs: Iterable[Job],
    skills: Iterable[str],
    now: datetime,
    days: int = 30,
    aliases: Mapping[str, str] | None = None,
) -> list[int]:
    """Jobs per day, oldest first; the last slot is the 24 h ending at ``now``.

    Only jobs with one of ``skills`` (normalised) count; no skills means all jobs.
    """
    norm = normalizer(aliases)
    wanted = {norm(s) for s in skills} - {""}
    now = as_utc(now)
    counts = [0] * days
    for job in jobs:
        when = job_time(job)
        if when is None:
            continue
        age = (now - when).total_seconds()
        if age < 0 or age >= days * DAY_SECONDS:
            continue
        if wanted and not any(norm(s) in wanted for s in job.skills):
            continue
        counts[days - 1 - int(age // DAY_SECONDS)] += 1
    return counts


def connects_per_week(
    ledger_entries: Iterable[LedgerEntry], now: datetime, weeks: int = 12
) -> list[int]:
    """Net Connects spent per 7-day slot, oldest first; the last slot ends at ``now``.

    Spend + charged boosts - refunds; a week never shows below zero.
    """
    now = as_utc(now)
    span = 7 * DAY_SECONDS
    totals = [0] * weeks
    for entry in effective_entries(ledger_entries):
        net = net_connects(entry)
        if not net:
            continue
        age = (now - as_utc(entry.at)).total_seconds()
        if 0 <= age < weeks * span:
            totals[weeks - 1 - int(age // span)] += net
    return [max(0, t) for t in totals]
