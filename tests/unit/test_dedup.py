"""Reposts: same place, same (or nearly the same) title and description, within days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.feeds.dedup import find_reposts
from cockpit.models import Job

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
DESCRIPTION = (
    "Need an editor for four podcast episodes of about forty five minutes each, remove filler "
    "words, level loudness and deliver WAV plus MP3 files by Friday."
)


def job(
    job_id: str,
    title: str = "Podcast Episode Editing",
    description: str = DESCRIPTION,
    days: float = 0,
    source: str = "upwork",
    feeds: tuple[str, ...] = ("f1",),
    repost_of: str = "",
) -> Job:
    return Job(
        id=job_id,
        title=title,
        description=description,
        posted=T0 + timedelta(days=days),
        source=source,
        feed_ids=list(feeds),
        repost_of=repost_of,
    )


def test_identical_repost_found() -> None:
    assert find_reposts([job("new", days=3)], [job("old")]) == {"new": "old"}


def test_nearly_identical_title_and_description() -> None:
    new = job(
        "new",
        title="Podcast episode editing!! - Upwork",
        description=DESCRIPTION.replace("Friday", "Monday") + " Thanks.",
        days=2,
    )
    assert find_reposts([new], [job("old")]) == {"new": "old"}


def test_same_description_reworded_title_order() -> None:
    new = job("new", title="Editing Podcast Episode", days=1)
    assert find_reposts([new], [job("old")]) == {"new": "old"}


def test_different_description_is_not_a_repost() -> None:
    other = "Looking for a mixing engineer for a five song indie pop EP with stems provided."
    assert find_reposts([job("new", description=other, days=1)], [job("old")]) == {}


def test_different_title_is_not_a_repost() -> None:
    new = job("new", title="Wedding video audio cleanup", days=1)
    assert find_reposts([new], [job("old")]) == {}


def test_outside_window_is_not_a_repost() -> None:
    assert find_reposts([job("new", days=15)], [job("old")], days=14) == {}
    assert find_reposts([job("new", days=13)], [job("old")], days=14) == {"new": "old"}


def test_only_earlier_jobs_count() -> None:
    assert find_reposts([job("new", days=-1)], [job("old")]) == {}


def test_other_source_is_not_a_repost() -> None:
    assert find_reposts([job("new", days=1, source="freelancer")], [job("old")]) == {}


def test_generic_feeds_need_a_shared_feed() -> None:
    old = job("old", source="generic", feeds=("a",))
    assert find_reposts([job("new", days=1, source="generic", feeds=("b",))], [old]) == {}
    assert find_reposts([job("new", days=1, source="generic", feeds=("a", "b"))], [old]) == {
        "new": "old"
    }


def test_same_job_seen_again_is_not_a_repost() -> None:
    assert find_reposts([job("old", days=1)], [job("old")]) == {}


def test_repost_of_a_repost_points_to_the_original() -> None:
    recent = [job("orig"), job("second", days=2, repost_of="orig")]
    assert find_reposts([job("third", days=4)], recent) == {"third": "orig"}


def test_reposts_within_one_batch() -> None:
    found = find_reposts([job("b", days=2), job("a", days=1), job("c", days=3)], [])
    assert found == {"b": "a", "c": "a"}


def test_jobs_without_dates_are_left_alone() -> None:
    undated = Job(id="x", title="Podcast Episode Editing", description=DESCRIPTION, source="upwork")
    assert find_reposts([undated], [job("old")]) == {}
