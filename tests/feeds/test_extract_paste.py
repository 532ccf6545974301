"""Paste intake: the same recognisers on plain text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cockpit.feeds.extract import extract_from_text
from cockpit.models import Budget, job_id_for

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"


def test_upwork_page_text() -> None:
    job = extract_from_text((FIXTURES / "upwork_paste.txt").read_text("utf-8"))
    assert job.source == "paste"
    assert job.title == "Podcast Audio Cleanup and Mastering"
    assert job.budget == Budget("hourly", "USD", 15.0, 25.0)
    assert job.category == "Audio Editing"
    assert job.skills == ["Audio Editing", "Audio Mastering", "Noise Reduction"]
    assert job.country == "Australia"
    assert job.posted == datetime(2024, 3, 9, 6, 30, tzinfo=UTC)
    assert job.description.startswith("Posted 3 hours ago\nWorldwide")
    assert job.link == "" and job.guid.startswith("paste:")
    assert job.fetched is not None


def test_projects_co_id_rupiah() -> None:
    job = extract_from_text((FIXTURES / "projects_paste.txt").read_text("utf-8"))
    assert job.title == "Editing Audio Podcast Bahasa Indonesia"
    assert job.budget == Budget("fixed", "IDR", 1_500_000.0, 3_000_000.0)
    assert job.category == "Audio & Musik"


def test_given_title_and_url() -> None:
    text = "Budget: $500\nSkills: Mixing"
    job = extract_from_text(text, url="https://www.upwork.com/jobs/~01abc", title="Mix my EP")
    assert job.title == "Mix my EP"
    assert job.link == "https://www.upwork.com/jobs/~01abc"
    assert job.id == job_id_for("", "https://www.upwork.com/jobs/~01abc", "Mix my EP")
    assert job.description == text
    assert job.budget == Budget("fixed", "USD", 500.0, 500.0)


def test_hostile_paste_is_cleaned() -> None:
    job = extract_from_text(
        "\x1b]0;pwned\x07Title \u202eevil\nBudget: $5", url="javascript:alert(1)"
    )
    assert job.title == "Title evil"
    assert job.link == ""


def test_same_text_same_id_different_text_different_id() -> None:
    a = extract_from_text("Job A\nBudget: $5")
    assert extract_from_text("Job A\nBudget: $5\n").id == a.id
    assert extract_from_text("Job A\nBudget: $6").id != a.id


@given(st.text())
def test_any_paste_gives_a_job(text: str) -> None:
    job = extract_from_text(text)
    assert job.title
    assert "\x1b" not in job.title + job.description
    assert job.id


def test_upwork_page_layout_amount_then_kind() -> None:
    hourly = extract_from_text("Audio editor\nPosted 1 hour ago\n$15.00-$25.00\nHourly\nExpert")
    assert hourly.budget == Budget("hourly", "USD", 15.0, 25.0)
    fixed = extract_from_text("Mix a song\n$150.00\nFixed-price\nIntermediate")
    assert fixed.budget == Budget("fixed", "USD", 150.0, 150.0)
    assert extract_from_text("Mix a song\n3 songs\nFixed-price").budget is None
