"""What one bid is assumed to cost, and the Connects on hand to pay for it.

Pure like the rest of the wallet: the Inbox computes it in a worker, the job
detail only renders it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from cockpit.insights.bands import connects_rule
from cockpit.models import Job, LedgerEntry, Proposal, Settings
from cockpit.wallet.ledger import replay

if TYPE_CHECKING:  # verdicts reaches back into the wallet; only the type is needed here
    from cockpit.verdicts import Inputs

# The fallback when the stored setting is not a usable cost (feeds never say what a job costs).
DEFAULT_BID_COST = 3


@dataclass(frozen=True, slots=True)
class BidCost:
    """Connects on hand and the cost we assume for one bid, with where it came from."""

    balance: int | None
    cost: int
    source: str  # "usual" (your bids' median), "default", or "job" (its own page)
    inputs: Inputs | None = None  # for each job's verdict (profile, settings, past bids)


def default_cost(settings: Settings) -> int:
    """``Settings.default_bid_connects``; a hand-edited zero or negative falls back."""
    value = settings.default_bid_connects
    return value if isinstance(value, int) and value > 0 else DEFAULT_BID_COST


def bid_cost(
    entries: Sequence[LedgerEntry], proposals: Sequence[Proposal], now: datetime, settings: Settings
) -> BidCost:
    """Runs in a worker: replays the ledger for the balance."""
    balance = replay(list(entries), now, settings).balance if entries else None
    costs = sorted(p.connects_cost for p in proposals if p.state != "draft" and p.connects_cost > 0)
    if costs:
        # The middle of what your bids cost: one odd or recently changed bid does not decide it.
        return BidCost(balance, costs[(len(costs) - 1) // 2], "usual")
    return BidCost(balance, default_cost(settings), "default")


def for_job(cost: BidCost, job: Job) -> BidCost | None:
    """The job's own cost when its page said it; None where bids cost no Connects."""
    if connects_rule(job) == "no":
        return None
    if job.signals is not None and job.signals.connects is not None:
        return replace(cost, cost=job.signals.connects, source="job")
    return cost
