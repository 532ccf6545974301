"""Verdicts for many jobs at once: gathers the inputs from the store once (pure
apart from the reads; no textual). Used by the CLI and the panes' workers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cockpit.insights.bands import ConnectsRule, connects_rule
from cockpit.models import Job, Profile, Settings
from cockpit.verdict import Outcomes, Verdict, judge

__all__ = ["ConnectsRule", "Inputs", "as_dict", "connects_rule", "gather", "judge_all", "judge_one"]

if TYPE_CHECKING:
    from cockpit.store import Store


@dataclass(frozen=True, slots=True)
class Inputs:
    profile: Profile
    settings: Settings
    balance: int | None
    outcomes: Outcomes


def gather(store: Store, now: datetime) -> Inputs:
    from cockpit.wallet import replay

    settings = store.settings.get()
    ledger = store.ledger.all()
    balance = replay(ledger, now, settings).balance if ledger else None
    sent = [p for p in store.proposals.all() if p.state != "draft"]
    # Jobs of bids sent before contexts were recorded: their bands come from the job.
    bare = {p.job_id for p in sent if p.context is None}
    jobs = {job_id: job for job_id in bare if (job := store.jobs.get(job_id)) is not None}
    return Inputs(store.profile.get(), settings, balance, Outcomes(tuple(sent), jobs))


def judge_one(job: Job, inputs: Inputs, now: datetime) -> Verdict:
    return judge(job, inputs.profile, inputs.settings, inputs.balance, inputs.outcomes, now)


def judge_all(jobs: Iterable[Job], inputs: Inputs, now: datetime) -> dict[str, Verdict]:
    return {job.id: judge_one(job, inputs, now) for job in jobs}


def as_dict(v: Verdict) -> dict[str, Any]:
    """The verdict as `--json` prints it."""
    cost = v.cost
    chance = v.chance
    return {
        "kind": v.kind,
        "reasons": list(v.reasons),
        "warnings": [{"code": w.code, "text": w.text, "skip": w.skip} for w in v.warnings],
        "cost": None
        if cost is None
        else {
            "connects": cost.connects,
            "balance": cost.balance,
            "share": cost.share,
            "usd": cost.usd,
            "bids_left": cost.bids_left,
        },
        "chance": None
        if chance is None
        else {
            "view": chance.view,
            "interview": chance.interview,
            "hire": chance.hire,
            "bids": chance.bids,
            "connects_per_interview": chance.connects_per_interview,
            "your_connects_per_interview": chance.your_connects_per_interview,
        },
    }
