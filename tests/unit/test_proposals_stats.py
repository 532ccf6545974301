"""Outcome stats on a hand-built set, and the Markdown export."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cockpit.models import Budget, Job, Proposal, ProposalState
from cockpit.proposals import StatRow, outcome_stats, to_markdown

T0 = "2025-05-01T09:00:00+00:00"


def p(
    pid: str, job_id: str, path: list[str], template: str = "", text: str = "I edit audio."
) -> Proposal:
    """A proposal that went through ``path`` (its last state is the current one)."""
    history = [{"state": s, "at": T0} for s in path]
    state: ProposalState = path[-1] if path else "draft"  # type: ignore[assignment]
    return Proposal(
        id=pid,
        job_id=job_id,
        text=text,
        state=state,
        template_id=template,
        history=history,
    )


JOBS = {
    "a1": Job(id="a1", title="Podcast edit", category="Audio"),
    "a2": Job(id="a2", title="Voice clean-up", category="audio "),  # same category, other case
    "m1": Job(id="m1", title="Mix my EP", category="Music"),
    "x1": Job(id="x1", title="No category"),
}

PROPOSALS = [
    p("draft", "a1", [], "short"),  # drafts never count
    p("h1", "a1", ["submitted", "viewed", "interview", "hired"], "short", "Hi Ann, I edit audio."),
    p("h2", "m1", ["submitted", "hired"], "music", "I mix music."),  # hired with no view logged
    p("d1", "a2", ["submitted", "viewed", "declined"], "short", "Hello Bo, I EDIT audio!"),
    p("n1", "a1", ["submitted", "no_response"], "", "I mix music."),
    p("i1", "m1", ["submitted", "viewed", "interview", "withdrawn"], "music", "Pick me."),
    p("s1", "x1", ["submitted"], "short", "Pick me."),
    p("s2", "gone", ["submitted", "job_cancelled"], "short", ""),  # job no longer stored
]


def row(rows: list[StatRow], key: str) -> StatRow:
    [found] = [r for r in rows if r.key == key]
    return found


def counts(r: StatRow) -> tuple[int, int, int, int]:
    return (r.sent, r.viewed, r.interview, r.hired)


def test_overall_funnel_excludes_drafts() -> None:
    stats = outcome_stats(PROPOSALS, JOBS)
    assert counts(stats.overall) == (7, 4, 3, 2)
    assert stats.overall.win_rate == pytest.approx(2 / 7)
    assert stats.overall.view_rate == pytest.approx(4 / 7)
    assert stats.overall.interview_rate == pytest.approx(3 / 7)


def test_by_category() -> None:
    rows = outcome_stats(PROPOSALS, JOBS).by_category
    assert [r.key for r in rows] == ["audio", "music", "(no category)"]
    assert counts(row(rows, "audio")) == (3, 2, 1, 1)
    assert row(rows, "audio").label == "Audio"
    assert counts(row(rows, "music")) == (2, 2, 2, 1)
    assert row(rows, "music").win_rate == pytest.approx(0.5)
    assert counts(row(rows, "(no category)")) == (2, 0, 0, 0)


def test_by_template() -> None:
    rows = outcome_stats(PROPOSALS, JOBS).by_template
    assert counts(row(rows, "short")) == (4, 2, 1, 1)
    assert counts(row(rows, "music")) == (2, 2, 2, 1)
    assert counts(row(rows, "(no template)")) == (1, 0, 0, 0)
    assert row(rows, "(no template)").win_rate == 0.0


def test_by_opening_merges_greetings_and_case() -> None:
    rows = outcome_stats(PROPOSALS, JOBS).by_opening
    assert counts(row(rows, "i edit audio")) == (2, 2, 1, 1)
    assert row(rows, "i edit audio").label == "Hi Ann, I edit audio."
    assert counts(row(rows, "i mix music")) == (2, 1, 1, 1)
    assert counts(row(rows, "pick me")) == (2, 1, 1, 0)
    assert counts(row(rows, "(empty)")) == (1, 0, 0, 0)


def test_empty_set_has_zero_rates() -> None:
    stats = outcome_stats([p("d", "a1", [])], JOBS)
    assert counts(stats.overall) == (0, 0, 0, 0)
    assert stats.overall.win_rate == 0.0
    assert stats.by_category == stats.by_template == stats.by_opening == []


# -- markdown ---------------------------------------------------------------------------------


def test_to_markdown_has_everything() -> None:
    job = Job(
        id="a1",
        title="Podcast\x1b[2J editor",
        link="https://www.upwork.com/jobs/~01",
        budget=Budget("hourly", "USD", 30, 54),
    )
    proposal = Proposal(
        id="p1",
        job_id="a1",
        text="I edit podcasts.\n\nThanks",
        state="viewed",
        template_id="short",
        connects_cost=6,
        boost=2,
        created=datetime(2025, 5, 1, 9, 0, tzinfo=UTC),
        history=[
            {"state": "submitted", "at": "2025-05-01T09:30:00+00:00"},
            {"state": "viewed", "at": "2025-05-02T08:00:00+07:00"},
        ],
    )
    md = to_markdown(proposal, job)
    assert md == (
        "# Podcast editor\n\n"
        "- Link: <https://www.upwork.com/jobs/~01>\n"
        "- State: Viewed\n"
        "- Budget: $30–$54/hr\n"
        "- Connects: 6 + 2 boost\n"
        "- Template: short\n"
        "- Created: 2025-05-01 09:00 UTC\n\n"
        "## Cover letter\n\n"
        "I edit podcasts.\n\nThanks\n\n"
        "## History\n\n"
        "- 2025-05-01 09:30 UTC: Submitted\n"
        "- 2025-05-02 01:00 UTC: Viewed\n"
    )


def test_to_markdown_without_job_or_history() -> None:
    md = to_markdown(Proposal(id="p9", job_id="gone"), None)
    assert md.startswith("# Proposal p9\n")
    assert "- State: Draft" in md
    assert "Link" not in md and "Budget" not in md
    assert "_(empty)_" in md and "- No changes yet" in md


def test_to_markdown_drops_non_http_links() -> None:
    job = Job(id="a", title="T", link="javascript:alert(1)")
    assert "Link" not in to_markdown(Proposal(id="p", job_id="a"), job)
