"""Freelancer.com: "(Budget: ..., Jobs: ...)" at the end of the description."""

from __future__ import annotations

from pathlib import Path

from cockpit.feeds.extract import extract_entry
from cockpit.feeds.parse import parse_feed
from cockpit.models import Budget

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"


def test_freelancer_budgets_and_skills() -> None:
    result = parse_feed((FIXTURES / "freelancer.rss").read_bytes(), {}, "fl")
    usd, inr, hourly = result.jobs
    assert usd.source == "freelancer"
    assert usd.budget == Budget("fixed", "USD", 10.0, 30.0)
    assert usd.skills == ["Audio Services", "Music", "Audio Production"]
    assert usd.description == "I need three hip-hop tracks mastered for streaming, -14 LUFS."
    assert usd.guid == "freelancer-37000001"
    assert inr.budget == Budget("fixed", "INR", 600.0, 1500.0)
    assert inr.skills == ["Music", "Jingles", "Voice Talent"]
    assert "Budget" not in inr.description
    assert hourly.budget == Budget("hourly", "USD", 8.0, 15.0)


def test_freelancer_detected_by_tail_alone() -> None:
    entry = {
        "title": "Logo sting",
        "link": "https://mirror.example/p/1",
        "summary": "Short audio logo. (Budget: €30 - €250 EUR, Jobs: Audio Production)",
    }
    job = extract_entry(entry)
    assert job is not None and job.source == "freelancer"
    assert job.budget == Budget("fixed", "EUR", 30.0, 250.0)
    assert job.skills == ["Audio Production"]


def test_freelancer_without_tail_keeps_description() -> None:
    entry = {"title": "x", "link": "https://www.freelancer.com/projects/x", "summary": "No tail."}
    job = extract_entry(entry)
    assert job is not None
    assert (job.description, job.budget, job.skills) == ("No tail.", None, [])


def test_freelancer_tail_with_yearly_wording_is_a_salary() -> None:
    entry = {
        "title": "In-house editor",
        "link": "https://www.freelancer.com/projects/2",
        "summary": "Full time. (Budget: $30,000 - $40,000 USD per year, Jobs: Audio Editing)",
    }
    job = extract_entry(entry)
    assert job is not None and job.source == "freelancer"
    assert job.budget == Budget("salary", "USD", 30_000.0, 40_000.0)
