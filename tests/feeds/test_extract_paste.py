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


def test_salary_lines_are_yearly_pay_unless_they_say_otherwise() -> None:
    page = "Audio engineer\nSalary: €48,000 - €56,000\nSkills: Pro Tools, Mixing\n"
    assert extract_from_text(page).budget == Budget("salary", "EUR", 48_000.0, 56_000.0)
    gaji = "Editor audio\nGaji: Rp 120.000.000 per tahun\n"
    assert extract_from_text(gaji).budget == Budget("salary", "IDR", 1.2e8, 1.2e8)
    hourly = "Editor\nSalary: $30 per hour\n"
    assert extract_from_text(hourly).budget == Budget("hourly", "USD", 30.0, 30.0)
    # Monthly pay keeps the board's amount as before: no period is stored.
    monthly = "Editor\nGaji: Rp 8.000.000 per bulan\n"
    assert extract_from_text(monthly).budget == Budget("fixed", "IDR", 8e6, 8e6)
    # A salary without an amount leaves room for a later Budget line.
    vague = "Editor\nSalary: competitive\nBudget: $500\n"
    assert extract_from_text(vague).budget == Budget("fixed", "USD", 500.0, 500.0)


def test_budget_lines_with_yearly_wording_are_salaries() -> None:
    for line, expected in [
        ("Budget: $60k a year", Budget("salary", "USD", 60_000.0, 60_000.0)),
        ("Budget: $50,000 /yr", Budget("salary", "USD", 50_000.0, 50_000.0)),
        ("Anggaran: Rp 100.000.000 /tahun", Budget("salary", "IDR", 1e8, 1e8)),
        # A bare big Budget stays fixed: only a salary field means yearly by default.
        ("Budget: $12,000", Budget("fixed", "USD", 12_000.0, 12_000.0)),
    ]:
        assert extract_from_text("Job\n" + line + "\n").budget == expected, line
