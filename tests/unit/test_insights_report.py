"""Month summary sentences and the Markdown report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.insights import month_summary, report_markdown
from cockpit.models import Job, LedgerEntry, Proposal, Settings, Triage
from tests.unit.test_insights_demand import NOW, done, generated, job


def test_month_summary_sentences() -> None:
    lines = month_summary(generated(), [done("edit audio")], NOW)
    assert lines == [
        "Voice Over: 3 jobs, none in the previous 30 days;"
        " your portfolio has no voice over sample.",
        "Podcast Editing demand +40%; your portfolio has no podcast editing sample.",
        "Audio Mixing demand -20%.",
    ]


def test_month_summary_no_nudge_when_covered() -> None:
    checklist = [done("podcast edit"), done("voiceover"), done("mixing", status="doing")]
    lines = month_summary(generated(), checklist, NOW)
    assert "Podcast Editing demand +40%." in lines
    assert "Voice Over: 3 jobs, none in the previous 30 days." in lines


def test_month_summary_needs_enough_data_and_caps_movers() -> None:
    jobs: list[Job] = []
    # Seven skills rise by 1..7 jobs from a base of 3; one tiny skill moves 1 -> 2.
    names = [
        "seo",
        "php",
        "logo design",
        "sound design",
        "transcription",
        "translation",
        "data entry",
    ]
    for rise, name in enumerate(names, start=1):
        jobs += [job(40, [name]) for _ in range(3)]
        jobs += [job(5, [name]) for _ in range(3 + rise)]
    jobs += [job(40, ["tiny"]), job(5, ["tiny"]), job(6, ["tiny"])]
    lines = month_summary(jobs, [], NOW)
    assert len(lines) == 5
    assert lines[0] == "Data Entry demand +233%; your portfolio has no data entry sample."
    assert lines[1].startswith("Translation demand +200%")
    assert "SEO demand +100%; your portfolio has no SEO sample." not in lines  # 6th and 7th cut
    assert not any(line.startswith("Tiny") for line in lines)


def test_month_summary_empty() -> None:
    assert month_summary([], [], NOW) == []


def test_report_markdown() -> None:
    jobs = generated()
    jobs.append(job(1, ["seo"], category="Evil | \x1b[31mCategory\u202e"))
    triage = {"pod0": Triage("pod0", "shortlist")}
    proposals = [Proposal(id="p1", job_id="pod0", state="hired", history=[{"state": "submitted"}])]
    ledger = [LedgerEntry(id="e1", kind="spend", amount=6, at=NOW, proposal_id="p1")]
    text = report_markdown(jobs, triage, proposals, [done("edit audio")], ledger, Settings(), NOW)
    assert text.startswith("# Cockpit report, 1 Jun 2025\n")
    assert "Last 30 days against the 30 before: 26 jobs." in text
    assert "- Podcast Editing demand +40%; your portfolio has no podcast editing sample." in text
    assert (
        "| Podcast Editing | 7 | 5 | +40% | Rp2,000,000 (2 jobs); $200 (3 jobs) "
        "| $22.50 (2 jobs) | 14% |"
    ) in text  # each median beside the jobs it is taken over
    assert "| Audio Editing | 10 | 10 | +0% | $55 (10 jobs) | - | 0% |" in text
    assert "Medians: a budget range counts as its midpoint." in text
    assert "## Portfolio gaps" in text
    gap_lines = [line for line in text.splitlines() if line.startswith("| Podcast Editing | ")]
    assert len(gap_lines) == 2  # once in demand, once in gaps
    assert "Checklist coverage: 38% of skill demand." in text  # 10 of 26 occurrences
    assert "| hired | 1 | 100% | 6 | 0.90 |" in text
    assert "\x1b" not in text and "\u202e" not in text
    assert "| Evil \\| Category | 1 | 0 |" in text  # pipe escaped, escapes and bidi gone


def test_report_with_no_data() -> None:
    text = report_markdown([], {}, [], [], [], Settings(), datetime(2025, 1, 1, tzinfo=UTC), days=7)
    assert "No jobs in this window." in text
    assert "Not enough data yet" in text
    assert "| seen | 0 | - | 0 | 0.00 |" in text


def test_report_window_counts_only_recent_jobs() -> None:
    jobs = [
        job(1, ["seo"]),
        job(8, ["seo"]),
        Job(id="x", title="", fetched=NOW - timedelta(days=2)),
    ]
    text = report_markdown(jobs, {}, [], [], [], Settings(), NOW, days=7)
    assert "Last 7 days against the 7 before: 2 jobs." in text
