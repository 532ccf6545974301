"""We Work Remotely: region/category/type elements, company in the title."""

from __future__ import annotations

from pathlib import Path

from cockpit.feeds.extract import extract_entry
from cockpit.feeds.parse import parse_feed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"


def test_wwr_fields() -> None:
    result = parse_feed((FIXTURES / "wwr.rss").read_bytes(), {}, "wwr")
    assert result.title == "We Work Remotely: Design Jobs"
    first, second = result.jobs
    assert first.source == "wwr"
    assert (first.company, first.title) == ("Soundly", "Senior Audio UX Designer")
    assert first.country == "Anywhere in the World"
    assert first.category == "Design"
    assert first.job_type == "Full-Time"
    assert first.description.startswith("Headquarters: Oslo\nURL: https://soundly.example/")
    assert "• €46,728 - €62,953\n• Flexible hours" in first.description
    assert first.budget is None  # a salary line in prose is not a budget field
    assert (second.company, second.title) == ("", "Motion Designer (no company prefix)")
    assert second.country == "Europe Only" and second.job_type == "Contract"


def test_wwr_detected_by_link_without_region() -> None:
    entry = {"title": "Acme: Sound Editor", "link": "https://weworkremotely.com/remote-jobs/acme"}
    job = extract_entry(entry)
    assert job is not None
    assert (job.source, job.company, job.title) == ("wwr", "Acme", "Sound Editor")
