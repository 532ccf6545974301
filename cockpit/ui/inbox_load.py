"""What one Inbox load reads from the store, built off the UI thread into one snapshot.

No Textual here: the pane's worker calls ``read_snapshot`` and posts the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from cockpit.jobindex import JobIndex
from cockpit.models import Feed, Settings
from cockpit.store import Store
from cockpit.verdicts import gather
from cockpit.wallet.bidcost import BidCost, bid_cost


@dataclass(frozen=True, slots=True)
class InboxSnapshot:
    """Everything the Inbox shows, read at one moment."""

    index: JobIndex
    feeds: list[Feed]
    settings: Settings
    cost: BidCost  # with the inputs every job's verdict leans on
    has_skills: bool  # with none, every job scores 0: the pane says where to add them


def read_snapshot(store: Store, now: datetime, pause: Callable[[], None]) -> InboxSnapshot:
    """Read and index every job; ``pause`` runs between chunks (it may raise to cancel)."""
    from cockpit.feeds.rules import compile_rules

    rules, profile, settings = store.rules.all(), store.profile.get(), store.settings.get()
    feeds = store.feeds.all()
    index = JobIndex(
        store.jobs.all_dicts(),
        store.triage.all_by_job(),
        feeds,
        compile_rules(rules, profile.skills, now),
        pause=pause,
    )
    cost = bid_cost(store.ledger.all(), store.proposals.all(), now, settings)
    cost = replace(cost, inputs=gather(store, now))
    return InboxSnapshot(index, feeds, settings, cost, bool(profile.skills))
