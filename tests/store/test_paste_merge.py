"""Pasting the same job again updates it: one job, every reading kept with its time."""

from __future__ import annotations

from datetime import UTC, datetime

from cockpit.models import Budget, Client, Job, JobSignals, Reading, Triage, merge_pasted
from cockpit.store import Store

NINE = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
THREE = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def pasted(at: datetime, band: str, low: int, high: int | None, **signals: object) -> Job:
    return Job(
        id="up1",
        title="Podcast mixing for a weekly show",
        link="https://www.upwork.com/jobs/~01abc",
        source="paste",
        fetched=at,
        raw=f"page at {at}",
        signals=JobSignals(
            platform="upwork",
            platform_id="~01abc",
            readings=[Reading(at=at, proposals=band, proposals_min=low, proposals_max=high)],
            **signals,  # type: ignore[arg-type]
        ),
    )


def test_second_paste_adds_a_reading_and_keeps_triage(store: Store) -> None:
    first = pasted(NINE, "5 to 10", 5, 10, client=Client(payment_verified=True, spent=18000.0))
    assert store.jobs.merge_paste(first) is True
    store.triage.save(Triage(job_id="up1", state="shortlist"))
    second = pasted(THREE, "20 to 50", 20, 50, connects=12)
    second.budget = Budget("hourly", "USD", 15.0, 30.0)
    assert store.jobs.merge_paste(second) is False
    assert store.jobs.count() == 1
    job = store.jobs.get("up1")
    assert job is not None and job.signals is not None
    assert [(r.at, r.proposals) for r in job.signals.readings] == [
        (NINE, "5 to 10"),
        (THREE, "20 to 50"),
    ]
    assert job.signals.connects == 12
    assert job.signals.client.spent == 18000.0  # not shown again: kept
    assert job.budget == Budget("hourly", "USD", 15.0, 30.0)
    assert job.raw == f"page at {THREE}"
    assert store.triage.get("up1").state == "shortlist"  # type: ignore[union-attr]


def test_the_same_paste_twice_adds_no_reading(store: Store) -> None:
    job = pasted(NINE, "5 to 10", 5, 10)
    store.jobs.merge_paste(job)
    store.jobs.merge_paste(job)
    stored = store.jobs.get("up1")
    assert stored is not None and stored.signals is not None
    assert len(stored.signals.readings) == 1


def test_merge_keeps_old_fields_the_new_page_lacks() -> None:
    old = pasted(NINE, "5 to 10", 5, 10)
    old.skills = ["mixing"]
    old.feed_ids = ["f1"]
    new = pasted(THREE, "10 to 15", 10, 15)
    new.title = "(untitled)"
    merged = merge_pasted(old, new)
    assert merged.title == old.title and merged.skills == ["mixing"] and merged.feed_ids == ["f1"]
