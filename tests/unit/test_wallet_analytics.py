"""Spend analytics on a small hand-built history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.models import Job, LedgerEntry, Proposal, Settings
from cockpit.wallet import (
    make_boost,
    make_grant,
    make_refund,
    make_reversal,
    make_spend,
    spend_analytics,
)

NOW = datetime(2026, 5, 1, tzinfo=UTC)
S = Settings()
World = tuple[list[LedgerEntry], list[Proposal], dict[str, Job]]


def prop(pid: str, job: str, *states: str) -> Proposal:
    history = [
        {"state": s, "at": (NOW + timedelta(hours=i)).isoformat()} for i, s in enumerate(states)
    ]
    return Proposal(id=pid, job_id=job, state=states[-1], history=history)  # type: ignore[arg-type]


@pytest.fixture
def world() -> World:
    jobs = {
        "mix": Job(id="mix", title="Mix a podcast", category="Audio", skills=["Mixing", "Podcast"]),
        "master": Job(
            id="master", title="Master an EP", category="Audio", skills=["Mastering", " Mixing "]
        ),
        "logo": Job(id="logo", title="Logo", category="", skills=[]),
    }
    proposals = [
        prop("p1", "mix", "draft", "submitted", "viewed", "interview", "hired"),
        prop("p2", "master", "draft", "submitted", "viewed", "declined"),
        prop("p3", "logo", "draft", "submitted", "job_cancelled"),
        prop("p4", "mix", "draft"),  # never sent
        Proposal(id="p5", job_id="gone", state="no_response"),  # sent, no history kept
    ]
    led: list[LedgerEntry] = []
    led.append(make_grant(led, 80, NOW, S, reason="signup"))
    led.append(make_spend(led, 6, NOW, S, job_id="mix", proposal_id="p1"))
    led.append(make_boost(led, 10, NOW, S, job_id="mix", proposal_id="p1"))
    led.append(make_spend(led, 4, NOW, S, job_id="master", proposal_id="p2"))
    led.append(make_boost(led, 5, NOW, S, charged=False, job_id="master", proposal_id="p2"))
    led.append(make_spend(led, 2, NOW, S, job_id="logo", proposal_id="p3"))
    led.append(make_refund(led, 2, NOW, S, job_id="logo", reason="client_cancelled_before_hire"))
    led.append(make_spend(led, 3, NOW, S, job_id="gone"))
    led.append(make_spend(led, 9, NOW, S, job_id="mix"))
    led.append(make_reversal(led, led[-1].id, NOW, S))  # typo'd bid, undone
    return led, proposals, jobs


def test_costs_per_step_of_the_funnel(world: World) -> None:
    led, proposals, jobs = world
    a = spend_analytics(led, proposals, jobs, S)
    assert a.connects == 6 + 10 + 4 + 2 - 2 + 3 == 23
    assert a.usd == 3.45
    f = a.funnel
    assert (f.proposals, f.viewed, f.interviews, f.hires) == (4, 2, 1, 1)
    assert a.per_proposal is not None and a.per_proposal.connects == 23 / 4
    assert a.per_proposal.usd == round(23 / 4 * 0.15, 2)
    assert a.per_view is not None and a.per_view.connects == 11.5
    assert a.per_interview is not None and a.per_interview.connects == 23
    assert a.per_hire is not None and (a.per_hire.connects, a.per_hire.usd) == (23, 3.45)
    assert f.view_rate == 0.5


def test_connects_by_category_and_skill(world: World) -> None:
    led, proposals, jobs = world
    a = spend_analytics(led, proposals, jobs, S)
    assert a.by_category == {"Audio": 20, "(no category)": 0, "(unknown job)": 3}
    assert a.by_skill == {"Mixing": 20, "Podcast": 16, "Mastering": 4}


def test_boost_log(world: World) -> None:
    led, proposals, jobs = world
    b = spend_analytics(led, proposals, jobs, S).boosts
    assert (b.charged, b.outbid, b.connects) == (1, 1, 10)
    w, wo = b.with_boost, b.without_boost
    assert (w.proposals, w.viewed, w.interviews, w.hires) == (1, 1, 1, 1)
    assert (wo.proposals, wo.viewed, wo.interviews, wo.hires) == (3, 1, 0, 0)
    assert w.hire_rate == 1.0 and wo.hire_rate == 0.0
    assert wo.interview_rate == 0.0 and wo.view_rate == pytest.approx(1 / 3)


def test_empty_history_has_no_costs() -> None:
    a = spend_analytics([], [], {}, S)
    assert a.connects == 0 and a.per_proposal is None and a.per_hire is None
    assert a.boosts.with_boost.hire_rate is None
