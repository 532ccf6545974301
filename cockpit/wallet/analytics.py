"""What the Connects bought: cost per proposal, view, interview and hire.

Connects are valued at ``settings.connect_price_usd`` whether they were bought
or free, because a free Connect spent here is one not spent elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cockpit.models import Job, LedgerEntry, Proposal, Settings
from cockpit.wallet.ledger import replay

VIEWED = frozenset({"viewed", "interview", "hired"})
INTERVIEWED = frozenset({"interview", "hired"})
HIRED = frozenset({"hired"})
NO_CATEGORY = "(no category)"
UNKNOWN_JOB = "(unknown job)"


@dataclass(slots=True, frozen=True)
class Cost:
    connects: float
    usd: float


@dataclass(slots=True)
class Outcome:
    proposals: int = 0
    viewed: int = 0
    interviews: int = 0
    hires: int = 0

    def add(self, states: set[str]) -> None:
        self.proposals += 1
        self.viewed += bool(states & VIEWED)
        self.interviews += bool(states & INTERVIEWED)
        self.hires += bool(states & HIRED)

    def rate(self, count: int) -> float | None:
        return count / self.proposals if self.proposals else None

    @property
    def view_rate(self) -> float | None:
        return self.rate(self.viewed)

    @property
    def interview_rate(self) -> float | None:
        return self.rate(self.interviews)

    @property
    def hire_rate(self) -> float | None:
        return self.rate(self.hires)


@dataclass(slots=True)
class BoostLog:
    charged: int = 0
    outbid: int = 0
    connects: int = 0  # charged boosts only
    with_boost: Outcome = field(default_factory=Outcome)
    without_boost: Outcome = field(default_factory=Outcome)


@dataclass(slots=True)
class Analytics:
    connects: int  # spent on bids and charged boosts, less refunds
    usd: float
    funnel: Outcome  # submitted proposals and how far they got
    per_proposal: Cost | None
    per_view: Cost | None
    per_interview: Cost | None
    per_hire: Cost | None
    by_category: dict[str, int]
    by_skill: dict[str, int]  # each skill of a job carries that job's full cost
    boosts: BoostLog


def reached(proposal: Proposal) -> set[str]:
    """Every state the proposal has been in, from its history and current state."""
    states = {str(step.get("state", "")) for step in proposal.history}
    states.add(proposal.state)
    return states


def submitted(proposal: Proposal) -> bool:
    return bool(reached(proposal) - {"draft", ""})


def _per(connects: int, count: int, settings: Settings) -> Cost | None:
    if not count:
        return None
    each = connects / count
    return Cost(each, round(each * settings.connect_price_usd, 2))


def _add(table: dict[str, int], keys: Iterable[str], amount: int) -> None:
    for key in keys:
        table[key] = table.get(key, 0) + amount


def spend_analytics(
    entries: list[LedgerEntry],
    proposals: list[Proposal],
    jobs: dict[str, Job],
    settings: Settings,
) -> Analytics:
    latest = max((e.at for e in entries), default=None)
    applied = replay(entries, latest, settings).applied if latest else []
    by_id = {p.id: p for p in proposals}
    by_job: dict[str, list[Proposal]] = {}
    for p in proposals:
        by_job.setdefault(p.job_id, []).append(p)

    total = 0
    by_category: dict[str, int] = {}
    by_skill: dict[str, int] = {}
    boosts = BoostLog()
    boosted: set[str] = set()  # proposal ids that won a top slot
    for e in applied:
        if e.kind == "boost":
            if not e.charged:
                boosts.outbid += 1
                continue
            boosts.charged += 1
            boosts.connects += e.amount
            linked = [by_id[e.proposal_id]] if e.proposal_id in by_id else by_job.get(e.job_id, [])
            boosted.update(p.id for p in linked)
        if e.kind in ("spend", "boost"):
            signed = e.amount
        elif e.kind == "refund":
            signed = -e.amount
        else:
            continue
        total += signed
        job_id = e.job_id or (by_id[e.proposal_id].job_id if e.proposal_id in by_id else "")
        job = jobs.get(job_id)
        if job is None:
            _add(by_category, [UNKNOWN_JOB], signed)
            continue
        _add(by_category, [job.category.strip() or NO_CATEGORY], signed)
        _add(by_skill, {s.strip() for s in job.skills if s.strip()}, signed)

    funnel = Outcome()
    for p in proposals:
        if submitted(p):
            states = reached(p)
            funnel.add(states)
            (boosts.with_boost if p.id in boosted else boosts.without_boost).add(states)
    return Analytics(
        connects=total,
        usd=round(total * settings.connect_price_usd, 2),
        funnel=funnel,
        per_proposal=_per(total, funnel.proposals, settings),
        per_view=_per(total, funnel.viewed, settings),
        per_interview=_per(total, funnel.interviews, settings),
        per_hire=_per(total, funnel.hires, settings),
        by_category=by_category,
        by_skill=by_skill,
        boosts=boosts,
    )
