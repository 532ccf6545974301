"""Issue #17, defect 6: the opening check judges what the client sees, and names stock openings."""

from __future__ import annotations

import pytest

from cockpit.models import Job, Profile, Settings, Template
from cockpit.proposals import DEFAULT_TEMPLATES, fill, lint
from cockpit.proposals.text import first_seen

SETTINGS = Settings()
JOB = Job(
    id="j1",
    title="Need a podcast editor for weekly interview show",
    skills=["Audio Editing", "Adobe Audition"],
)
PROFILE = Profile(name="Ana", skills=["Audio Editing"], portfolio_url="https://ana.example/")


def generic(text: str, job: Job = JOB) -> list[str]:
    """Messages of the generic_opening warnings (there is at most one)."""
    return [w.message for w in lint(text, job, [], SETTINGS) if w.code == "generic_opening"]


# -- the first 200 characters count, not only the first sentence ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kopi! I will mix your podcast so every guest sounds clear and even.",
        "Kopi!\nI will mix your podcast so every guest sounds clear and even.",
        "Hi Sarah,\n\nKopi! Your weekly interview show deserves clean sound.",
        "Ready when you are. Three years of cleaning up interview audio, every week.",
    ],
)
def test_a_hook_before_the_pitch_is_not_told_it_ignores_the_job(text: str) -> None:
    assert generic(text) == []


def test_a_mention_just_inside_the_preview_counts() -> None:
    head = "Kopi! " + "la " * 60  # 186 characters that say nothing
    assert len(head) < 190
    assert generic(head + "podcast. More.") == []


def test_a_mention_past_the_preview_does_not_count() -> None:
    head = "Kopi! " + "la " * 70  # 216 characters: the client never reads further
    [message] = generic(head + "I edit podcasts.")
    assert message.startswith("The opening does not mention the job")


def test_preview_length_comes_from_settings() -> None:
    text = "Kopi! " + "la " * 20 + "I edit podcasts."
    assert generic(text) == []
    short = Settings(preview_chars=30)
    assert [w.code for w in lint(text, JOB, [], short)] == ["generic_opening"]


def test_first_seen_is_the_stripped_preview() -> None:
    assert first_seen("  \r\n Kopi!\r\nI mix.", SETTINGS) == "Kopi!\nI mix."
    assert len(first_seen("x" * 500, SETTINGS)) == 200


# -- stock openings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I'm Ana and I edit podcasts in Adobe Audition every week.",
        "Hi, I\u2019m Ana and I edit podcasts in Adobe Audition every week.",
        "Hello, my name is Ana. I edit podcasts in Adobe Audition.",
        "My name is Ana and I edit podcasts in Adobe Audition.",
        "Dear Sir,\n\nI edit podcasts in Adobe Audition.",
        "Dear Sir or Madam, I edit podcasts in Adobe Audition.",
        "Dear Hiring Manager,\nI edit podcasts in Adobe Audition.",
        "I am a reliable freelancer who edits podcasts in Adobe Audition.",
        "Hi Sarah,\n\nI am a reliable, hard-working freelancer. I edit podcasts.",
        "I'm a highly skilled professional and I edit podcasts.",
        "Hello there!\nI would love to help with your podcast.",
        "I am very interested in your project: podcast editing is my work.",
        "To whom it may concern: I edit podcasts.",
    ],
)
def test_stock_openings_are_generic_even_when_they_name_the_job(text: str) -> None:
    [message] = generic(text)
    assert message == (
        "Generic opening: clients skip letters that start like this. "
        "Try: Audio Editing, Adobe Audition, podcast"
    )


@pytest.mark.parametrize(
    "text",
    [
        "I am a podcast editor: your weekly interview show is my kind of work.",
        "I'm a professional audio editor and podcasts are what I do.",
        "Hi Sarah, I edit podcasts in Adobe Audition.",
        "Hiring for a podcast? I edit weekly interview shows.",
        "My podcast edits are on the link below.",
        "Dear Sarah, your weekly interview show deserves clean sound.",
    ],
)
def test_openings_that_start_with_the_work_are_fine(text: str) -> None:
    assert generic(text) == []


# -- the default templates' frames ------------------------------------------------------------


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=lambda t: t.id)
def test_the_short_default_template_left_as_is_is_flagged(template: Template) -> None:
    text = fill(template.body, JOB, PROFILE, []).text
    if template.id == "default-short":  # "You need Audio Editing for ...": fits any job
        [message] = generic(text)
        assert message.startswith("The opening is still the template's: write one for this job.")
    else:  # these open on the work itself (noise and clicks, a track's feel)
        assert generic(text) == []


def test_the_unfilled_frame_is_flagged_too() -> None:
    text = 'Hi {client_name},\n\nYou need {skills} for "{job_title}", and that is exactly the work '
    text += "I do every day.\n\nMore."
    codes = [w.code for w in lint(text, JOB, [], SETTINGS)]
    assert codes.count("generic_opening") == 1
    assert "unfilled_placeholder" in codes


def test_a_long_title_in_the_frame_is_still_the_frame() -> None:
    job = Job(id="j", title="Podcast " * 40, skills=["Audio Editing"])
    text = fill(DEFAULT_TEMPLATES[0].body, job, PROFILE, []).text
    assert generic(text, job)[0].startswith("The opening is still the template's")


def test_a_rewritten_template_opening_is_fine() -> None:
    text = fill(DEFAULT_TEMPLATES[0].body, JOB, PROFILE, []).text
    rest = text.split("\n\n", 2)[2]
    mine = "Hi there,\n\nYour weekly interview show deserves clean sound.\n\n" + rest
    assert generic(mine) == []


def test_one_generic_warning_at_most() -> None:
    assert len(generic("Dear Sir, I am a reliable freelancer. I like cats.")) == 1
