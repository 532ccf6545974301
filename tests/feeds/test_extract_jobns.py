"""`job:` namespaced feeds (LaraJobs style)."""

from __future__ import annotations

from pathlib import Path

from cockpit.feeds.extract import context_for, extract_entry
from cockpit.feeds.parse import parse_feed
from cockpit.models import Budget

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"


def test_job_namespace_fields() -> None:
    result = parse_feed(
        (FIXTURES / "jobns.rss").read_bytes(), {}, "lj", "https://larajobs.example/feed"
    )
    senior, part_time = result.jobs
    assert senior.source == "jobns"
    assert senior.company == "Acme Audio"
    assert senior.country == "Remote (EU)"
    assert senior.job_type == "Full Time"
    assert senior.budget == Budget("fixed", "USD", 50_000.0, 70_000.0)
    assert senior.skills == ["Laravel", "Vue", "PHP", "Backend"]  # tags + category, deduped
    assert senior.description == "Build and maintain our audio streaming platform."
    assert part_time.budget == Budget("hourly", "USD", 25.0, 40.0)
    assert part_time.link == "https://larajobs.example/job/1202-part-time-php-help"


def test_other_prefix_for_the_job_namespace() -> None:
    ctx = context_for("", {"j": "https://jobs.example/ns/job"})
    entry = {
        "title": "Dev",
        "link": "https://jobs.example/1",
        "j_company": "Acme",
        "j_tags": "a, b",
    }
    job = extract_entry(entry, ctx)
    assert job is not None
    assert (job.source, job.company, job.skills) == ("jobns", "Acme", ["a", "b"])
