"""Bid / Maybe / Skip for one job, with its reasons (pure, explainable, no AI).

STUB (lead): the verdict helper replaces this. The contract is below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from cockpit.models import BidContext, Job, Profile, Proposal, Settings

VerdictKind = Literal["bid", "maybe", "skip"]


@dataclass(frozen=True, slots=True)
class Warning:
    code: str  # stable key: "unverified_no_spend", "crowded", "interviewing", "fresh_client",
    # "off_platform", "unpaid_test", "location"
    text: str  # translated, one line
    skip: bool = True  # this warning alone makes the verdict Skip


@dataclass(frozen=True, slots=True)
class Cost:
    connects: int | None  # None: this source has no Connects
    balance: int | None
    share: float | None  # of the balance
    usd: float | None  # at the list price
    bids_left: int | None  # such bids the balance still allows


@dataclass(frozen=True, slots=True)
class Chance:
    view: float
    interview: float
    hire: float
    bids: int  # your past bids this estimate leans on
    connects_per_interview: float | None  # for this job
    your_connects_per_interview: float | None  # your average


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: VerdictKind
    reasons: list[str] = field(default_factory=list)  # translated lines, most important first
    warnings: list[Warning] = field(default_factory=list)
    cost: Cost | None = None
    chance: Chance | None = None


@dataclass(frozen=True, slots=True)
class Outcomes:
    """The user's own sent proposals with their bid contexts, for the chance estimate."""

    proposals: Sequence[Proposal] = ()


def bid_context(job: Job, profile: Profile, now: datetime, verdict: str = "") -> BidContext:
    return BidContext(at=now, verdict=verdict)


def judge(
    job: Job,
    profile: Profile,
    settings: Settings,
    balance: int | None,
    outcomes: Outcomes,
    now: datetime,
) -> Verdict:
    return Verdict("maybe")
