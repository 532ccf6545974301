"""Funnel stages, Connects attribution, and the chart series."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.insights import STAGES, connects_per_week, funnel, jobs_per_day
from cockpit.models import Job, LedgerEntry, Proposal, Settings, Triage

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def hist(*states: str) -> list[dict[str, str]]:
    return [{"state": s, "at": NOW.isoformat()} for s in states]


def entry(eid: str, kind: str, amount: int, **kw: object) -> LedgerEntry:
    at = kw.pop("at", NOW)
    return LedgerEntry(id=eid, kind=kind, amount=amount, at=at, **kw)  # type: ignore[arg-type]


World = tuple[list[Job], dict[str, Triage], list[Proposal], list[LedgerEntry]]


@pytest.fixture
def world() -> World:
    jobs = [Job(id=f"j{i}", title="") for i in range(1, 11)]
    triage = {
        "j1": Triage("j1", "shortlist"),
        "j2": Triage("j2", "shortlist"),
        "j3": Triage("j3", "shortlist"),
        "j4": Triage("j4", "applied"),
        "j5": Triage("j5", "dismissed"),
        "j6": Triage("j6", "new", read=True),
    }
    proposals = [
        Proposal(id="p1", job_id="j1", state="draft"),
        Proposal(id="p2", job_id="j2", state="submitted", history=hist("draft", "submitted")),
        Proposal(
            id="p3", job_id="j3", state="declined", history=hist("submitted", "viewed", "declined")
        ),
        Proposal(
            id="p4",
            job_id="j4",
            state="hired",
            history=hist("submitted", "viewed", "interview", "hired"),
        ),
        # j11 was pruned from the inbox; its proposal still counts.
        Proposal(id="p5", job_id="j11", state="no_response", history=hist("submitted")),
    ]
    ledger = [
        entry("g", "grant", 40, reason="signup"),
        entry("e1", "spend", 6, proposal_id="p2", job_id="j2"),
        entry("e2", "spend", 4, proposal_id="p3"),
        entry("e3", "boost", 5, proposal_id="p3", charged=True),
        entry("e4", "boost", 8, proposal_id="p4", charged=False),  # outbid: not charged
        entry("e5", "spend", 10, proposal_id="p4", job_id="j4"),
        entry("e6", "spend", 2, job_id="j11"),  # job only: attributed to p5
        entry("e7", "refund", 2, job_id="j11", reason="client_cancelled_before_hire"),
        entry("e8", "spend", 3, job_id="j9"),  # no proposal left for j9
        entry("e9", "spend", 7, proposal_id="p2"),
        entry("e10", "adjustment", -7, reverses="e9", note="typo"),  # e9 never happened
    ]
    return jobs, triage, proposals, ledger


def test_funnel_counts_and_rates(world: World) -> None:
    stages = funnel(*world, settings=Settings())
    assert [s.name for s in stages] == list(STAGES)
    assert [s.count for s in stages] == [11, 5, 4, 2, 1, 1]
    rates = [s.rate_from_prev for s in stages]
    assert rates[0] is None
    assert rates[1:] == pytest.approx([5 / 11, 4 / 5, 2 / 4, 1 / 2, 1.0])


def test_funnel_connects_attribution(world: World) -> None:
    stages = funnel(*world, settings=Settings(connect_price_usd=0.15))
    assert [s.connects for s in stages] == [28, 25, 25, 19, 10, 10]
    assert [s.usd for s in stages] == pytest.approx([c * 0.15 for c in (28, 25, 25, 19, 10, 10)])
    priced = funnel(*world, settings=Settings(connect_price_usd=0.2))
    assert priced[0].usd == pytest.approx(28 * 0.2)


def test_funnel_empty() -> None:
    stages = funnel([], {}, [], [], Settings())
    assert [(s.count, s.connects, s.rate_from_prev) for s in stages] == [(0, 0, None)] * 6


def test_jobs_per_day_filters_by_normalised_skill() -> None:
    def j(jid: str, hours_ago: float, skills: list[str], fetched_only: bool = False) -> Job:
        when = NOW - timedelta(hours=hours_ago)
        if fetched_only:
            return Job(id=jid, title="", fetched=when, skills=skills)
        return Job(id=jid, title="", posted=when, skills=skills)

    jobs = [
        j("a", 1, ["mixing"]),
        j("b", 23.9, ["Audio Mixing"]),
        j("c", 24, ["audio-mixing"]),  # exactly a day old: yesterday's slot
        j("d", 24 * 6.5, ["mixing", "seo"], fetched_only=True),
        j("e", 24 * 7, ["mixing"]),  # outside a 7-day series
        j("f", -1, ["mixing"]),  # in the future: not counted
        j("g", 2, ["seo"]),
        Job(id="h", title="", skills=["mixing"]),  # undated
    ]
    assert jobs_per_day(jobs, ["audio mixing"], NOW, days=7) == [1, 0, 0, 0, 0, 1, 2]
    assert jobs_per_day(jobs, [], NOW, days=7) == [1, 0, 0, 0, 0, 1, 3]
    assert jobs_per_day(jobs, ["SEO", "Mixing"], NOW, days=3) == [0, 1, 3]
    assert len(jobs_per_day([], [], NOW)) == 30


def test_connects_per_week() -> None:
    def at(days: float) -> datetime:
        return NOW - timedelta(days=days)

    entries = [
        entry("a", "spend", 6, at=at(1)),
        entry("b", "boost", 4, at=at(2), charged=True),
        entry("c", "boost", 9, at=at(2), charged=False),
        entry("d", "refund", 2, at=at(3)),
        entry("e", "spend", 3, at=at(8)),
        entry("f", "refund", 10, at=at(15)),  # a week of refunds shows 0, not -10
        entry("g", "purchase", 80, at=at(1), usd=12.0),
        entry("h", "spend", 5, at=at(30)),  # older than 4 weeks
        entry("i", "spend", 4, at=at(1)),
        entry("j", "adjustment", -4, at=at(1), reverses="i"),
    ]
    assert connects_per_week(entries, NOW, weeks=4) == [0, 0, 3, 8]
    assert connects_per_week([], NOW) == [0] * 12
