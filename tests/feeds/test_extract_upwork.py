"""Upwork's archived RSS: metadata block in the description HTML."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.feeds.extract import FeedContext, detect_family, extract_entry
from cockpit.feeds.parse import parse_feed
from cockpit.models import Budget, Job

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"


@pytest.fixture(scope="module")
def jobs() -> dict[str, Job]:
    result = parse_feed((FIXTURES / "upwork.rss").read_bytes(), {}, "up1")
    assert result.error == "" and result.warning == ""
    return {job.title: job for job in result.jobs}


def test_fixed_budget_job(jobs: dict[str, Job]) -> None:
    job = jobs["Podcast Episode Editing"]
    assert job.source == "upwork"
    assert job.budget == Budget("fixed", "USD", 150.0, 150.0)
    assert job.category == "Audio Editing"
    assert job.skills == ["Audio Editing", "Podcast Editing", "Adobe Audition"]
    assert job.country == "Indonesia"
    assert job.posted == datetime(2024, 3, 3, 9, 12, 40, tzinfo=UTC)
    assert job.link == "https://www.upwork.com/jobs/Podcast-Episode-Editing_%7E01aaa?source=rss"


def test_description_excludes_metadata_and_apply_link(jobs: dict[str, Job]) -> None:
    text = jobs["Podcast Episode Editing"].description
    assert text == (
        "Need an editor for 4 podcast episodes, 45 minutes each.\n\n"
        "Tasks:\n- Remove filler words\n- Level loudness to -16 LUFS"
    )
    for leftover in ("Budget", "Posted On", "Skills", "Country", "click to apply"):
        assert leftover not in text


def test_hourly_range_and_skills_over_newlines(jobs: dict[str, Job]) -> None:
    job = jobs["Music Mixing Engineer for EP"]
    assert job.budget == Budget("hourly", "USD", 30.0, 54.0)
    assert job.skills == ["Audio Mixing", "Music Production", "Pro Tools"]
    assert (
        job.description
        == "Mix 5 songs (indie pop), stems provided.\n\nExpertise level: Intermediate"
    )


def test_double_escaped_entities_and_no_budget(jobs: dict[str, Job]) -> None:
    job = jobs['Voice & Sound Design for "Indie" Game']
    assert job.description == 'We\'re making a "cozy" game & need SFX. Budget is flexible.'
    assert job.budget is None
    assert job.country == "Germany"


def test_title_suffix_only_stripped_at_end() -> None:
    entry = {
        "title": "Upwork - Upwork profile help - Upwork",
        "link": "https://www.upwork.com/jobs/1",
    }
    job = extract_entry(entry)
    assert job is not None and job.title == "Upwork - Upwork profile help"


def test_posted_on_used_when_entry_has_no_date() -> None:
    entry = {
        "title": "Mix a song - Upwork",
        "link": "https://www.upwork.com/jobs/2",
        "summary": "Mix it.<br /><b>Budget</b>: $40<br /><b>Posted On</b>: July 19, 2024 04:41 UTC",
    }
    assert detect_family(entry, FeedContext()) == "upwork"
    job = extract_entry(entry)
    assert job is not None
    assert job.posted == datetime(2024, 7, 19, 4, 41, tzinfo=UTC)
    assert job.budget == Budget("fixed", "USD", 40.0, 40.0)
    assert job.description == "Mix it."


def test_unreadable_budget_is_none_not_a_guess() -> None:
    entry = {
        "title": "Odd - Upwork",
        "link": "https://www.upwork.com/jobs/3",
        "summary": "x<br /><b>Budget</b>: negotiable<br /><b>Country</b>: Chile",
    }
    job = extract_entry(entry)
    assert job is not None and job.budget is None and job.country == "Chile"
