"""`job:` namespaced feeds (LaraJobs style)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    assert senior.budget == Budget("salary", "USD", 50_000.0, 70_000.0)  # yearly pay
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


def _salary(text: str) -> Budget | None:
    entry = {"title": "Role", "link": "https://jobs.example/1", "job_salary": text}
    job = extract_entry(entry, context_for("", {}))
    assert job is not None and job.source == "jobns"
    return job.budget


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bare amounts from 10,000 on: the salary field holds yearly pay.
        ("€55,000 - 70,000", Budget("salary", "EUR", 55_000.0, 70_000.0)),
        ("$50,000-$70,000", Budget("salary", "USD", 50_000.0, 70_000.0)),
        ("£10,000", Budget("salary", "GBP", 10_000.0, 10_000.0)),
        # Yearly wording, whatever the amount.
        ("$50,000-70,000 a year", Budget("salary", "USD", 50_000.0, 70_000.0)),
        ("$8,000 per year", Budget("salary", "USD", 8_000.0, 8_000.0)),
        ("€40k - €50k p.a.", Budget("salary", "EUR", 40_000.0, 50_000.0)),
        ("USD 60,000 annual", Budget("salary", "USD", 60_000.0, 60_000.0)),
        ("Rp 150.000.000 - Rp 210.000.000 per tahun", Budget("salary", "IDR", 1.5e8, 2.1e8)),
        ("Rp 90.000.000/tahun", Budget("salary", "IDR", 9e7, 9e7)),
        # Clearly hourly stays hourly, even with big numbers around.
        ("$25 - $40 / hour", Budget("hourly", "USD", 25.0, 40.0)),
        ("$45 per hour", Budget("hourly", "USD", 45.0, 45.0)),
        # Small bare amounts read like a project's price: fixed, as before.
        ("$1,200 - $1,800", Budget("fixed", "USD", 1_200.0, 1_800.0)),
        ("$9,999", Budget("fixed", "USD", 9_999.0, 9_999.0)),
        # Rupiah: 10,000 is pocket money, a bare monthly wage stays as published.
        ("Rp 12.000.000 - Rp 18.000.000", Budget("fixed", "IDR", 1.2e7, 1.8e7)),
        # Monthly pay: no period is stored, so it is left as the board's amount.
        ("$12,000 per month", Budget("fixed", "USD", 12_000.0, 12_000.0)),
        ("Rp 15.000.000 per bulan", Budget("fixed", "IDR", 1.5e7, 1.5e7)),
    ],
)
def test_job_salary_kind(text: str, expected: Budget) -> None:
    assert _salary(text) == expected


def test_job_salary_keeps_its_currency_and_skips_text_without_amount() -> None:
    assert _salary("Competitive") is None
    found = _salary("CHF 95,000 - 120,000")
    assert found == Budget("salary", "CHF", 95_000.0, 120_000.0)  # never converted
