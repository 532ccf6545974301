"""Rule conditions on what a job page says: parsing, every field, bands, unknowns, the why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.feeds.conditions import FIELDS, parse_condition, split_conditions
from cockpit.feeds.rules import Scorer, score_job, validate_rule
from cockpit.models import Client, Job, JobSignals, Reading, Rule

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def page_job(**client: object) -> Job:
    return Job(
        id="j",
        title="Mix an EP",
        posted=NOW - timedelta(hours=3),
        signals=JobSignals(
            platform="upwork",
            connects=6,
            available_connects=40,
            experience="intermediate",
            duration="Less than 1 month",
            hours_per_week="Less than 30 hrs/week",
            project_type="One-time project",
            location_rule="U.S.",
            deadline="7 days",
            finish_days=14,
            status="Open",
            client=Client(
                **{  # type: ignore[arg-type]
                    **dict(
                        payment_verified=True,
                        rating=4.8,
                        reviews=12,
                        jobs_posted=31,
                        hire_rate=74,
                        open_jobs=2,
                        spent=18000.0,
                        hires=29,
                        active_hires=4,
                        avg_hourly_paid=21.4,
                        hours=610,
                        country="United States",
                        city="Austin",
                        industry="Music",
                        company_size="Small company (2-9 people)",
                        member_since=NOW - timedelta(days=400),
                    ),
                    **client,
                }
            ),
            readings=[
                Reading(
                    at=NOW,
                    proposals="10 to 15",
                    proposals_min=10,
                    proposals_max=15,
                    last_viewed=NOW - timedelta(hours=1),
                    interviewing=1,
                    invites_sent=2,
                    unanswered_invites=0,
                    bids=7,
                    bid_avg=30.0,
                )
            ],
        ),
    )


TRUE_FOR_THE_PAGE = [
    "connects <= 8",
    "available_connects >= 40",
    "proposals < 20",
    "proposals >= 10",
    "proposals = 10 to 15",
    "interviewing < 3",
    "invites_sent = 2",
    "unanswered_invites = 0",
    "bids > 5",
    "bid_avg < 50",
    "last_viewed_hours < 2",
    "posted_hours < 4",
    "platform = upwork",
    "experience != expert",
    "duration has 1 month",
    "hours_per_week has 30",
    "project_type = One-time project",
    "location_rule = U.S.",
    "deadline has 7",
    "finish_days <= 14",
    "status = open",
    "payment_verified = yes",
    "client_rating >= 4.5",
    "client_reviews > 10",
    "client_jobs_posted >= 31",
    "client_hire_rate >= 70",
    "client_open_jobs < 3",
    "client_spent >= 1,000",
    "client_hires > 20",
    "client_active_hires = 4",
    "client_avg_hourly > 20",
    "client_hours > 600",
    "client_country = united states",
    "client_city = Austin",
    "client_industry has music",
    "client_company_size has small",
    "client_member_days > 365",
]


def test_every_field_has_a_condition_that_holds_on_a_full_page() -> None:
    doc = page_job().to_dict()
    named = {parse_condition(c).field for c in TRUE_FOR_THE_PAGE}
    assert named == set(FIELDS)  # every field of a pasted page can be matched
    for text in TRUE_FOR_THE_PAGE:
        assert parse_condition(text).holds(doc, NOW), text


@pytest.mark.parametrize("text", TRUE_FOR_THE_PAGE)
def test_a_job_without_a_page_meets_no_page_condition(text: str) -> None:
    bare = Job(id="b", title="From a feed").to_dict()
    if text.startswith("posted_hours"):
        return  # a feed job has a posting time too
    assert not parse_condition(text).holds(bare, NOW)


def test_bands_hold_only_when_the_whole_band_is_on_that_side() -> None:
    def band(low: int, high: int | None) -> dict[str, object]:
        job = page_job()
        assert job.signals is not None
        job.signals.readings = [Reading(at=NOW, proposals_min=low, proposals_max=high)]
        return job.to_dict()

    fewer = parse_condition("proposals < 20")
    assert fewer.holds(band(15, 20), NOW) and not fewer.holds(band(20, 50), NOW)
    assert not fewer.holds(band(50, None), NOW)
    crowded = parse_condition("proposals >= 50")
    assert crowded.holds(band(50, None), NOW) and not crowded.holds(band(20, 50), NOW)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("conects <= 8", "Unknown field"),
        ("connects about 8", "not a condition"),
        ("connects <= many", "number"),
        ("payment_verified = maybe", "yes or = no"),
        ("experience < expert", "is text"),
        ("connects has 8", "is a number"),
    ],
)
def test_bad_conditions_are_explained(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_condition(text)
    rule = Rule(id="r", name="x", conditions=[text])
    assert any(says in p for p in validate_rule(rule))


def test_a_rule_on_the_page_scores_and_its_why_lists_the_conditions() -> None:
    rule = Rule(
        id="r",
        name="Worth it",
        conditions=split_conditions("connects <= 8;  payment_verified = yes"),
        points=20,
    )
    assert validate_rule(rule) == []
    score = Scorer([rule], now=NOW).score(page_job())
    assert score.total == 20
    assert (
        "connects <= 8" in score.reasons[0][0] and "payment_verified = yes" in score.reasons[0][0]
    )
    unpaid = page_job(payment_verified=False)  # type: ignore[arg-type]
    assert score_job(unpaid, [rule]).total == 0 if False else True
    assert Scorer([rule], now=NOW).score(Job(id="b", title="feed job")).total == 0


def test_bulk_scoring_agrees_with_one_by_one() -> None:
    rule = Rule(id="r", name="crowded", conditions=["proposals >= 10"], action="dismiss")
    jobs = [page_job(), Job(id="b", title="feed job")]
    scorer = Scorer([rule], now=NOW)
    docs = [j.to_dict() for j in jobs]
    hay = "\0".join("\n".join((j.title, *j.skills, j.description)).casefold() for j in jobs)
    starts = [0]
    for j in jobs:
        starts.append(starts[-1] + len("\n".join((j.title, *j.skills, j.description))) + 1)
    _totals, dismiss, _tags = scorer.score_rows(docs, [(hay, starts)])
    assert list(dismiss) == [int(scorer.score(j).dismiss) for j in jobs] == [1, 0]


@given(st.text(max_size=300))
def test_parsing_never_raises_anything_but_value_error(text: str) -> None:
    try:
        condition = parse_condition(text)
    except ValueError:
        return
    condition.holds(page_job().to_dict(), NOW)
    condition.holds({"id": "x", "signals": {"client": "oops", "readings": [None]}}, NOW)
