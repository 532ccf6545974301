"""Upwork job pages in each arrangement: every field the page shows is read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.feeds.pagepaste import read_page
from cockpit.models import Budget, Client, Reading, job_id_for

from .support import NOW, page, read


def test_inline_labels() -> None:
    result = read("upwork_inline.txt")
    job, s = result.job, result.job.signals
    assert s is not None
    assert job.source == "paste"
    assert job.raw == page("upwork_inline.txt")
    assert job.title == "Shopify Theme Speed Tune-Up for Outdoor Gear Store"
    assert job.posted == NOW - timedelta(hours=3)
    assert job.budget == Budget("hourly", "USD", 15.0, 30.0)
    assert job.skills == ["Shopify", "Liquid", "JavaScript", "Web Performance"]
    assert job.country == "United States"
    assert s.platform == "upwork"
    assert s.platform_id == "~01a1b2c3d4e5f6a7b8"
    assert job.link == "https://www.upwork.com/jobs/~01a1b2c3d4e5f6a7b8"
    assert job.id == job_id_for("", job.link, job.title)
    assert (s.experience, s.duration, s.hours_per_week) == (
        "intermediate",
        "1 to 3 months",
        "Less than 30 hrs/week",
    )
    assert s.project_type == "Ongoing project"
    assert s.location_rule == ""
    assert (s.connects, s.available_connects) == (16, 120)
    assert s.readings == [
        Reading(
            at=NOW,
            proposals="20 to 50",
            proposals_min=20,
            proposals_max=50,
            last_viewed=NOW - timedelta(hours=2),
            interviewing=3,
            invites_sent=5,
            unanswered_invites=2,
            bid_avg=31.69,
            bid_high=75.0,
            bid_low=6.0,
            bid_currency="USD",
        )
    ]
    assert s.client == Client(
        payment_verified=True,
        rating=4.9,
        reviews=23,
        jobs_posted=31,
        hire_rate=74,
        open_jobs=3,
        spent=18_000.0,
        spent_currency="USD",
        hires=29,
        active_hires=4,
        avg_hourly_paid=21.4,
        hours=610,
        country="United States",
        city="San Diego",
        local_time="11:42 PM",
        industry="Tech & IT",
        company_size="Small company (2-9 people)",
        member_since=datetime(2018, 6, 4, tzinfo=UTC),
    )
    assert result.missing == []
    for key in ("title", "posted", "budget", "experience", "duration", "hours", "project_type",
                "location", "skills", "proposals", "last_viewed", "interviewing", "invites",
                "connects", "available_connects", "bid_range", "payment", "rating", "reviews",
                "country", "jobs_posted", "hire_rate", "spent", "hires", "avg_rate",
                "hours_billed", "industry", "company_size", "member_since"):  # fmt: skip
        assert key in result.found, key
    assert job.description.startswith("Summary\nOur Shopify store loads slowly on phones.")
    assert "Please mention the last store you sped up." in job.description
    assert "Skip to main content" not in job.description
    assert "Proposals" not in job.description and "Connects" not in job.description


def test_stacked_labels_then_values() -> None:
    result = read("upwork_stacked.txt")
    job, s = result.job, result.job.signals
    assert s is not None
    assert job.title == "Bookkeeping Cleanup in QuickBooks Online"
    assert job.posted == NOW - timedelta(days=2)
    assert job.budget == Budget("fixed", "USD", 500.0, 500.0)
    assert job.skills == ["QuickBooks Online", "Bookkeeping", "Bank Reconciliation"]
    assert s.location_rule == "U.S."
    assert (s.experience, s.duration, s.project_type) == (
        "expert",
        "Less than 1 month",
        "One-time project",
    )
    assert s.hours_per_week == ""
    assert (s.connects, s.available_connects) == (12, 48)
    reading = s.readings[0]
    assert (reading.proposals, reading.proposals_min, reading.proposals_max) == (
        "Less than 5",
        0,
        5,
    )
    assert reading.last_viewed == NOW - timedelta(days=1)
    assert (reading.interviewing, reading.invites_sent, reading.unanswered_invites) == (0, 1, 0)
    c = s.client
    assert (c.payment_verified, c.reviews, c.rating) == (True, 0, None)
    assert (c.country, c.city, c.local_time) == ("Canada", "Toronto", "2:15 PM")
    assert (c.jobs_posted, c.hire_rate, c.open_jobs) == (1, 0, 1)
    assert (c.spent, c.spent_currency) == (0.0, "USD")
    assert c.company_size == "Individual client"
    assert c.member_since == datetime(2025, 11, 20, tzinfo=UTC)
    assert job.country == "Canada"
    assert job.description == (
        "We are a small bakery with two years of messy books. We need every account\n"
        "reconciled and the chart of accounts tidied before tax season."
    )
    assert "Mandatory skills" not in job.description


def test_values_before_labels_and_split_amount() -> None:
    result = read("upwork_value_first.txt")
    job, s = result.job, result.job.signals
    assert s is not None
    assert job.posted == NOW - timedelta(minutes=12)
    assert job.budget == Budget("hourly", "USD", 15.0, 30.0)
    assert s.location_rule == "United Kingdom"
    assert (s.hours_per_week, s.duration, s.experience, s.project_type) == (
        "Less than 30 hrs/week",
        "1 to 3 months",
        "entry",
        "Complex project",
    )
    assert job.skills == ["Python", "Scrapy", "Data Scraping"]
    assert s.readings[0].proposals == "20 to 50"
    assert (s.connects, s.available_connects) == (14, 60)
    c = s.client
    assert (c.payment_verified, c.reviews, c.rating) == (False, 0, None)
    assert (c.country, c.city, c.local_time) == ("India", "Pune", "4:12 AM")
    assert (c.jobs_posted, c.hire_rate, c.open_jobs, c.hires, c.active_hires) == (5, 40, 2, 2, 1)
    assert (c.spent, c.company_size) == (4200.0, "Mid-sized company (10-99 people)")
    assert c.member_since == datetime(2021, 3, 1, tzinfo=UTC)
    # The client's past jobs are not this job's figures: they stay as text.
    assert "Rating is 5.0 out of 5.\nBilled: $1,200.00\n$30.00 /hr" in job.description
    assert job.description.endswith("Data entry from PDFs\nFixed-price")
    for gone in ("Hourly\n", "Duration", "Experience Level", "Proposals"):
        assert gone not in job.description


def test_fixed_price() -> None:
    result = read("upwork_fixed_price.txt")
    job, s = result.job, result.job.signals
    assert s is not None
    assert job.posted == NOW - timedelta(days=7)
    assert job.budget == Budget("fixed", "USD", 250.0, 250.0)
    assert (s.experience, s.project_type, s.location_rule) == (
        "intermediate",
        "One-time project",
        "",
    )
    assert job.skills == ["Logo Design", "Adobe Illustrator", "Brand Identity"]
    reading = s.readings[0]
    assert (reading.proposals, reading.proposals_min, reading.proposals_max) == ("50+", 50, None)
    assert reading.last_viewed == NOW - timedelta(days=30)
    assert s.connects == 8 and s.available_connects is None
    c = s.client
    assert (c.rating, c.reviews, c.spent, c.hires, c.active_hires) == (4.6, 9, 1_200_000.0, 7, 0)
    assert (c.hire_rate, c.open_jobs, c.industry) == (58, 1, "Retail & Consumer Goods")
    assert c.member_since == datetime(2016, 2, 11, tzinfo=UTC)
    assert "available_connects" not in result.found


def test_sparse_new_client() -> None:
    result = read("upwork_sparse.txt")
    job, s = result.job, result.job.signals
    assert s is not None and s.platform == "upwork"
    assert job.posted == NOW - timedelta(minutes=5)
    assert job.budget == Budget("fixed", "USD", 100.0, 100.0)
    c = s.client
    assert (c.payment_verified, c.reviews, c.rating, c.spent, c.jobs_posted) == (
        False,
        0,
        None,
        0.0,
        1,
    )
    assert c.member_since == datetime(2026, 12, 1, tzinfo=UTC)
    assert s.readings == []  # no activity shown, so no reading
    assert result.missing == ["experience", "skills", "proposals", "connects"]


def test_url_gives_id_and_link() -> None:
    url = "https://www.upwork.com/jobs/Logo-Refresh_~01ff00ee11dd22cc33/?referrer=search"
    result = read("upwork_fixed_price.txt", url=url)
    assert result.job.link == url
    assert result.job.signals is not None
    assert result.job.signals.platform_id == "~01ff00ee11dd22cc33"


def test_same_job_twice_same_id() -> None:
    text = page("upwork_inline.txt")
    later = read_page(text.replace("20 to 50", "50+"), now=NOW + timedelta(hours=5))
    assert read_page(text, now=NOW).job.id == later.job.id


def test_variants_of_connects_reviews_payment() -> None:
    text = (
        "Edit a video\nUpwork\nSend a proposal for:\n12 Connects\nPayment unverified\n"
        "0 reviews\n$950 total spent\n"
    )
    result = read_page(text, now=NOW)
    s = result.job.signals
    assert s is not None
    assert s.connects == 12
    assert (s.client.payment_verified, s.client.reviews, s.client.spent) == (False, 0, 950.0)
