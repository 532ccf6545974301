"""The detail's Connects line: the job's own cost first, else the usual cost of your bids."""

from __future__ import annotations

from datetime import timedelta

from cockpit.models import Job, JobSignals, LedgerEntry, Proposal, Settings
from cockpit.ui.job_view import afford_text
from cockpit.wallet.bidcost import bid_cost, for_job
from tests.conftest import FROZEN_NOW

GRANT = LedgerEntry(id="g", kind="grant", amount=40, at=FROZEN_NOW - timedelta(days=3))


def sent(pid: str, cost: int, days_ago: int) -> Proposal:
    at = FROZEN_NOW - timedelta(days=days_ago)
    return Proposal(id=pid, job_id=pid, state="viewed", connects_cost=cost, updated=at)


def test_the_usual_cost_is_not_whichever_proposal_changed_last() -> None:
    proposals = [sent("a", 4, 5), sent("b", 6, 4), sent("c", 16, 0)]  # "c" changed last
    cost = bid_cost([GRANT], proposals, FROZEN_NOW, Settings())
    assert (cost.cost, cost.source) == (6, "usual")
    assert "the usual cost of your bids" in afford_text(cost).plain


def test_a_job_page_cost_wins_and_boards_without_connects_show_none() -> None:
    cost = bid_cost([GRANT], [sent("a", 4, 1)], FROZEN_NOW, Settings())
    upwork = Job(
        id="u", title="t", source="paste", signals=JobSignals(platform="upwork", connects=12)
    )
    own = for_job(cost, upwork)
    assert own is not None and (own.cost, own.source) == (12, "job")
    assert "You can afford 3 bids like this" in afford_text(own).plain
    board = Job(id="w", title="t", source="wwr", feed_ids=["f"])
    assert for_job(cost, board) is None


def test_with_no_sent_bids_the_default_comes_from_the_settings() -> None:
    assert bid_cost([GRANT], [], FROZEN_NOW, Settings()).cost == 3  # the setting's default
    cost = bid_cost([GRANT], [], FROZEN_NOW, Settings(default_bid_connects=8))
    assert (cost.cost, cost.source, cost.balance) == (8, "default", 40)
    # A hand-edited zero would make "bids you can afford" divide by nothing.
    assert bid_cost([], [], FROZEN_NOW, Settings(default_bid_connects=0)).cost == 3
