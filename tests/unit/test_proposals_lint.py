"""Lint rules, openings, preview and character counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.models import Job, Proposal, Settings
from cockpit.proposals import (
    char_count,
    lint,
    normalize_opening,
    opening,
    preview,
    recent_openings,
)

SETTINGS = Settings()
JOB = Job(
    id="j1",
    title="Need a podcast editor for weekly interview show",
    skills=["Audio Editing", "Adobe Audition"],
)


def codes(
    text: str, job: Job = JOB, recent: list[str] | None = None, settings: Settings = SETTINGS
) -> list[str]:
    return [w.code for w in lint(text, job, recent or [], settings)]


GOOD = "Hi Sarah,\n\nI edit audio for weekly podcasts in Adobe Audition. Samples below."


def test_good_letter_has_no_warnings() -> None:
    assert lint(GOOD, JOB, [], SETTINGS) == []


# -- unfilled_placeholder ---------------------------------------------------------------------


def test_unfilled_placeholder_is_named() -> None:
    warnings = lint(GOOD + " {client_name} {deadline} {client_name}", JOB, [], SETTINGS)
    assert [(w.code, w.message) for w in warnings] == [
        ("unfilled_placeholder", "{client_name} is still a placeholder"),
        ("unfilled_placeholder", "{deadline} is still a placeholder"),
    ]


def test_braces_that_are_not_placeholders_are_fine() -> None:
    assert codes(GOOD + ' {"a": 1} { x } {}') == []


# -- over_limit -------------------------------------------------------------------------------


def test_over_limit_message_counts_what_to_cut() -> None:
    text = GOOD + "x" * (5123 - len(GOOD))
    [warning] = lint(text, JOB, [], SETTINGS)
    assert warning.code == "over_limit"
    assert warning.message == "5,123 / 5,000 characters: cut 123"


def test_exactly_at_limit_is_fine() -> None:
    assert codes(GOOD + "x" * (5000 - len(GOOD))) == []


def test_limit_comes_from_settings() -> None:
    assert codes(GOOD, settings=Settings(cover_letter_limit=20)) == ["over_limit"]


def test_crlf_counts_as_one_character() -> None:
    assert char_count("a\r\nb") == 3
    assert char_count("añ🎧") == 3


# -- generic_opening --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hello, I am a hard-working freelancer with many years of experience. I edit audio.",
        "Hi there,\nI would love to help you. Adobe Audition is my tool.",
        "Dear hiring manager, I am the perfect fit for this job!",
    ],
)
def test_generic_opening_is_flagged(text: str) -> None:
    assert codes(text) == ["generic_opening"]


@pytest.mark.parametrize(
    "text",
    [
        "I use Adobe Audition every day.",  # a skill, whole phrase
        "Hi Sarah,\n\nYour weekly show deserves clean sound.",  # a title keyword
        "I have been editing podcasts since 2019.",  # stems: editing/editor, podcasts/podcast
        "I can EDIT your AUDIO quickly.",  # skill words in another order and case
    ],
)
def test_opening_that_names_the_job_is_fine(text: str) -> None:
    assert codes(text) == []


def test_filler_title_words_do_not_count() -> None:
    job = Job(id="j", title="Looking for someone urgently needed", skills=["Mixing"])
    assert codes("I am looking for work and needed someone.", job) == ["generic_opening"]


def test_nothing_known_about_the_job_means_no_generic_warning() -> None:
    assert codes("Hello, I am great.", Job(id="j", title="Help")) == []
    assert codes("", JOB) == []


def test_only_the_opening_counts_for_generic() -> None:
    text = "I am a reliable professional. " + "I edit podcasts in Adobe Audition."
    assert codes(text) == ["generic_opening"]


# -- repeated_opening -------------------------------------------------------------------------


def test_repeated_opening_ignores_greeting_case_and_punctuation() -> None:
    earlier = "Hi Bob, I edit PODCASTS in Adobe Audition!"
    text = "Hello Sarah, i edit podcasts in adobe audition. Then more."
    assert codes(text, recent=[earlier]) == ["repeated_opening"]


def test_different_opening_is_not_repeated() -> None:
    assert codes(GOOD, recent=["I mix music in Adobe Audition."]) == []


def test_repeated_opening_against_a_full_earlier_letter() -> None:
    assert codes(GOOD, recent=[GOOD + "\n\nLonger ending."]) == ["repeated_opening"]


def _sent(pid: str, day: int, text: str, state: str = "submitted") -> Proposal:
    created = datetime(2025, 3, day, tzinfo=UTC)
    return Proposal(id=pid, job_id="j", text=text, state=state, created=created)  # type: ignore[arg-type]


def test_recent_openings_takes_last_n_sent_by_created() -> None:
    proposals = [_sent(f"p{d}", d, f"Opening {d}. Body.") for d in range(1, 9)]
    proposals.append(_sent("draft", 20, "Draft opening.", state="draft"))
    proposals.append(_sent("me", 21, "My own opening."))
    proposals.append(_sent("old", 1, "Old hired.", state="hired"))
    got = recent_openings(proposals, exclude_id="me", n=5)
    assert got == [f"Opening {d}." for d in (8, 7, 6, 5, 4)]


def test_repeated_opening_only_against_recent_five() -> None:
    base = datetime(2025, 3, 1, tzinfo=UTC)
    proposals = [_sent("first", 1, GOOD)] + [
        _sent(f"p{d}", d, f"Opening number {d}.") for d in range(2, 7)
    ]
    assert codes(GOOD, recent=recent_openings(proposals, "x")) == []
    proposals[0].created = base + timedelta(days=30)
    assert codes(GOOD, recent=recent_openings(proposals, "x")) == ["repeated_opening"]


# -- opening and preview ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Hi Sarah,\n\nI edit podcasts. More here.", "I edit podcasts."),
        ("Hi Sarah, I edit podcasts. More.", "Hi Sarah, I edit podcasts."),
        ("  Fast turnaround!\nSecond line", "Fast turnaround!"),
        ("Budget of $1.5k is fine. Yes.", "Budget of $1.5k is fine."),
        ("Hi,", "Hi,"),  # a greeting alone is all there is
        ("", ""),
    ],
)
def test_opening(text: str, first: str) -> None:
    assert opening(text, SETTINGS) == first


def test_opening_is_capped_at_preview_chars() -> None:
    assert opening("word " * 100, SETTINGS) == ("word " * 40).strip()
    assert len(opening("x" * 500, SETTINGS)) == 200


def test_normalize_opening() -> None:
    assert normalize_opening("Dear  Ana: I EDIT, audio!") == "i edit audio"


def test_preview_is_exactly_200_characters() -> None:
    text = "".join(chr(ord("a") + i % 26) for i in range(450))
    shown = preview(text, SETTINGS)
    assert len(shown) == 200
    assert shown == text[:200]
    assert preview("short", SETTINGS) == "short"
    assert len(preview(text, Settings(preview_chars=150))) == 150


@given(st.text(max_size=400))
def test_preview_is_a_prefix_of_at_most_preview_chars(text: str) -> None:
    shown = preview(text, SETTINGS)
    assert text.startswith(shown)
    assert len(shown) == min(len(text), 200)


@given(st.text(max_size=400), st.lists(st.text(max_size=60), max_size=5))
def test_lint_never_raises(text: str, recent: list[str]) -> None:
    for warning in lint(text, JOB, recent, SETTINGS):
        assert warning.message
