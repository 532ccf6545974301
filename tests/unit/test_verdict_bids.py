"""The verdict counts bids (Freelancer.com, Projects.co.id): many bids is a warning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.feeds.freelancer import parse_pages
from cockpit.models import Client, Job, JobSignals, Profile, Reading, Settings
from cockpit.verdict import CROWDED_AT, MANY_BIDS_AT, Outcomes, judge

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
FIXTURES = Path(__file__).parent.parent / "fixtures" / "freelancer"


def job(bids: int | None, avg: float | None = None, currency: str = "USD") -> Job:
    return Job(
        id="j",
        title="Edit a podcast",
        description="Weekly episodes, 45 minutes each.",
        source="freelancer",
        posted=NOW - timedelta(hours=2),
        signals=JobSignals(
            platform="freelancer",
            platform_id="38120455",
            client=Client(payment_verified=True, country="United States"),
            readings=[Reading(at=NOW, bids=bids, bid_avg=avg, bid_currency=currency)],
        ),
    )


def many_bids(j: Job) -> tuple[str, bool] | None:
    v = judge(j, Profile(), Settings(), None, Outcomes(), NOW)
    found = [(w.text, w.skip) for w in v.warnings if w.code == "many_bids"]
    return found[0] if found else None


def test_few_bids_say_nothing_and_the_job_is_a_bid() -> None:
    j = job(MANY_BIDS_AT - 1, 100.0)
    assert many_bids(j) is None
    assert judge(j, Profile(), Settings(), None, Outcomes(), NOW).kind == "bid"


def test_many_bids_is_a_caution() -> None:
    j = job(MANY_BIDS_AT, 142.0)
    assert many_bids(j) == ("30 bids already (average $142)", False)
    v = judge(j, Profile(), Settings(), None, Outcomes(), NOW)
    assert v.kind == "maybe"
    assert "30 bids already (average $142)" in v.reasons


def test_crowded_bids_are_a_skip() -> None:
    j = job(CROWDED_AT, 480.0)
    assert many_bids(j) == ("50 bids already (average $480)", True)
    v = judge(j, Profile(), Settings(), None, Outcomes(), NOW)
    assert v.kind == "skip"
    assert v.reasons[0] == "50 bids already (average $480)"


@pytest.mark.parametrize(
    ("avg", "currency", "text"),
    [
        (1_125_000.0, "IDR", "33 bids already (average Rp1.1M)"),
        (900.0, "INR", "33 bids already (average ₹900)"),
        (1_500.0, "USD", "33 bids already (average $1.5K)"),
        (18.75, "", "33 bids already (average 19)"),  # no currency: a plain number
        (None, "USD", "33 bids already"),
    ],
)
def test_the_average_in_its_currency(avg: float | None, currency: str, text: str) -> None:
    assert many_bids(job(33, avg, currency)) == (text, False)


def test_no_bid_count_no_warning() -> None:
    assert many_bids(job(None, 500.0)) is None


def test_only_the_latest_reading_counts() -> None:
    j = job(45, 100.0)
    assert j.signals is not None
    j.signals.readings.append(Reading(at=NOW, bids=10, bid_avg=90.0, bid_currency="USD"))
    assert many_bids(j) is None


def test_a_freelancer_source_job_carries_the_warning() -> None:
    body = (FIXTURES / "mixed_budgets.json").read_bytes()
    jobs = {j.title: j for j in parse_pages(body, "f", "freelancer:audio").jobs}
    assert many_bids(jobs["Edit audio untuk video YouTube"]) == (
        "33 bids already (average Rp1.1M)",
        False,
    )
    assert many_bids(jobs["Hindi voice over cleanup"]) is None


def test_an_unverified_freelancer_client_is_not_said_to_have_spent_nothing() -> None:
    j = job(3, 100.0)
    assert j.signals is not None
    j.signals.client = Client(payment_verified=False)
    v = judge(j, Profile(), Settings(), None, Outcomes(), NOW)
    texts = [w.text for w in v.warnings if w.code == "unverified_no_spend"]
    assert texts == ["Payment not verified"]  # the API never tells the spend
    j.signals.platform = "upwork"  # a pasted page that showed no spend
    v = judge(j, Profile(), Settings(), None, Outcomes(), NOW)
    texts = [w.text for w in v.warnings if w.code == "unverified_no_spend"]
    assert texts == ["Payment not verified and the client has spent nothing"]


def test_every_freelancer_message_is_a_stored_template() -> None:
    from cockpit.feeds import freelancer
    from cockpit.feeds.messages import TEMPLATES

    assert set(freelancer.MESSAGES) <= set(TEMPLATES)
