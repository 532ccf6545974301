"""Placeholder filling, budget text, skills and portfolio links."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.models import Budget, ChecklistItem, Job, Profile, Settings
from cockpit.proposals import (
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    budget_text,
    fill,
    join_naturally,
    lint,
    matching_skills,
    opening,
    portfolio_link,
)
from cockpit.proposals.fill import PLACEHOLDER


def make_job(**kw: object) -> Job:
    base: dict[str, object] = {
        "id": "j1",
        "title": "Podcast editor for weekly interview show",
        "skills": ["Audio Editing", "Podcast Editing", "Adobe Audition", "Noise Reduction"],
        "category": "Audio Production",
        "client_name": "Sarah",
        "budget": Budget("fixed", "USD", 500, 500),
    }
    base.update(kw)
    return Job(**base)  # type: ignore[arg-type]


PROFILE = Profile(
    name="Budi Santoso",
    skills=["audio editing", "NOISE REDUCTION", "Mixing"],
    portfolio_url="https://soundcloud.com/budi",
)


def done(skills: list[str], evidence: str, day: int = 1, status: str = "done") -> ChecklistItem:
    return ChecklistItem(
        id=f"c{day}",
        title="sample",
        skills=skills,
        status=status,  # type: ignore[arg-type]
        evidence=evidence,
        done_at=datetime(2025, 1, day, tzinfo=UTC),
    )


def test_fills_every_known_placeholder() -> None:
    body = "Hi {client_name}, {job_title} / {skills} / {category} / {budget} / {my_name}"
    result = fill(body, make_job(), PROFILE, [])
    assert result.text == (
        "Hi Sarah, Podcast editor for weekly interview show / Audio Editing and Noise Reduction"
        " / Audio Production / $500 fixed / Budi Santoso"
    )
    assert result.unfilled == []


def test_unknown_client_reads_hi_there() -> None:
    result = fill("Hi {client_name},", make_job(client_name=""), PROFILE, [])
    assert result.text == "Hi there,"
    assert result.unfilled == []


def test_unknown_placeholder_is_kept_and_reported_once() -> None:
    result = fill("{deadline} and {deadline} for {job_title}", make_job(), PROFILE, [])
    assert result.text == "{deadline} and {deadline} for Podcast editor for weekly interview show"
    assert result.unfilled == ["deadline"]


def test_empty_values_stay_as_placeholders() -> None:
    job = make_job(category="", budget=None, skills=[])
    result = fill("{category} {budget} {skills} {my_name}", job, Profile(), [])
    assert result.text == "{category} {budget} {skills} {my_name}"
    assert result.unfilled == ["category", "budget", "skills", "my_name"]


@pytest.mark.parametrize(
    "body",
    ["{{job_title}", "{ job_title }", "{1abc}", 'json: {"a": 1}', "{}", "{job-title}", "}{"],
)
def test_braces_that_are_not_placeholders_are_untouched(body: str) -> None:
    # "{{job_title}" still holds a real placeholder, so only its inner part is filled.
    result = fill(body, make_job(), PROFILE, [])
    expected = body.replace("{job_title}", make_job().title)
    assert result.text == expected


def test_values_are_not_filled_twice_and_are_sanitized() -> None:
    job = make_job(title="Edit {client_name}\x1b[31m now\u202e\n\tplease", client_name="Bob")
    result = fill("{job_title}", job, PROFILE, [])
    assert result.text == "Edit {client_name} now please"


def test_skills_match_case_insensitively_in_job_order() -> None:
    assert matching_skills(make_job(), PROFILE) == ["Audio Editing", "Noise Reduction"]


def test_skills_fall_back_to_first_three_job_skills() -> None:
    other = Profile(skills=["Guitar"])
    assert matching_skills(make_job(), other) == [
        "Audio Editing",
        "Podcast Editing",
        "Adobe Audition",
    ]
    assert fill("{skills}", make_job(), other, []).text == (
        "Audio Editing, Podcast Editing and Adobe Audition"
    )


def test_skills_are_deduplicated() -> None:
    job = make_job(skills=["Mixing", "mixing ", "MIXING"])
    assert matching_skills(job, PROFILE) == ["Mixing"]


@pytest.mark.parametrize(
    ("items", "text"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_join_naturally(items: list[str], text: str) -> None:
    assert join_naturally(items) == text


@pytest.mark.parametrize(
    ("budget", "text"),
    [
        (Budget("fixed", "USD", 500, 500), "$500 fixed"),
        (Budget("fixed", "USD", None, 500), "$500 fixed"),
        (Budget("fixed", "USD", 1500, None), "$1,500 fixed"),
        (Budget("hourly", "USD", 30, 54), "$30–$54/hr"),
        (Budget("hourly", "USD", 12.5, 12.5), "$12.50/hr"),
        (Budget("hourly", "EUR", None, 40), "up to €40/hr"),
        (Budget("fixed", "IDR", 1500000, 1500000), "Rp1.500.000 fixed"),
        (Budget("fixed", "Rp", 1500000, None), "Rp1.500.000 fixed"),
        (Budget("fixed", "INR", 2000, 2000), "₹2,000 fixed"),
        (Budget("fixed", "USD", 10, 30), "$10–$30 fixed"),
        (Budget("salary", "EUR", 55000, 70000), "€55,000–€70,000 a year"),
        (Budget("fixed", "cad", 200, 200), "200 CAD fixed"),
        (Budget("fixed", "", 200, 200), "200 fixed"),
        (Budget("fixed", "USD", None, None), ""),
        (Budget("fixed", "USD", float("nan"), float("inf")), ""),
        (None, ""),
    ],
)
def test_budget_text(budget: Budget | None, text: str) -> None:
    assert budget_text(budget) == text


def test_portfolio_link_prefers_most_overlapping_done_item() -> None:
    items = [
        done(["Audio Editing"], "https://a.example/one", day=5),
        done(["Audio Editing", "Podcast Editing"], "My reel: https://b.example/two.", day=1),
        done(
            ["Audio Editing", "Podcast Editing", "Noise Reduction"], "https://c.example", 9, "doing"
        ),
    ]
    assert portfolio_link(make_job(), PROFILE, items) == "https://b.example/two"


def test_portfolio_link_tie_goes_to_newest() -> None:
    items = [done(["Mixing"], "https://old.example", 1), done(["mixing"], "https://new.example", 2)]
    assert portfolio_link(make_job(skills=["Mixing"]), PROFILE, items) == "https://new.example"


def test_portfolio_link_ignores_non_http_evidence_and_falls_back_to_profile() -> None:
    items = [done(["Audio Editing"], "file:///home/me/demo.wav"), done(["Guitar"], "https://x.io")]
    assert portfolio_link(make_job(), PROFILE, items) == "https://soundcloud.com/budi"


def test_portfolio_link_unfilled_when_nothing_known() -> None:
    result = fill("See {portfolio_link}", make_job(), Profile(portfolio_url="javascript:x"), [])
    assert result.text == "See {portfolio_link}"
    assert result.unfilled == ["portfolio_link"]


def test_default_templates_fill_cleanly_and_open_on_the_job() -> None:
    settings = Settings()
    items = [done(["Podcast Editing"], "https://drive.example/sample")]
    assert 2 <= len(DEFAULT_TEMPLATES) <= 3
    assert len({t.id for t in DEFAULT_TEMPLATES}) == len(DEFAULT_TEMPLATES)
    for template in DEFAULT_TEMPLATES:
        used = {m.group(1) for m in PLACEHOLDER.finditer(template.body)}
        assert used <= set(PLACEHOLDERS), template.id
        assert {"skills", "job_title"} & used, template.id
        result = fill(template.body, make_job(), PROFILE, items)
        assert result.unfilled == [], template.id
        # The short default's frame is generic on purpose: lint asks for an opening of one's own.
        expected = ["generic_opening"] if template.id == "default-short" else []
        assert [w.code for w in lint(result.text, make_job(), [], settings)] == expected, (
            template.id
        )
        assert "Audio Editing" in opening(result.text, settings), template.id


# -- properties -------------------------------------------------------------------------------

any_text = st.text(st.characters(codec="utf-8"), max_size=80)
budgets = st.none() | st.builds(
    Budget,
    kind=st.sampled_from(["fixed", "hourly"]),
    currency=any_text,
    min=st.none() | st.floats(allow_nan=True, allow_infinity=True),
    max=st.none() | st.floats(allow_nan=True, allow_infinity=True),
)
jobs = st.builds(
    Job,
    id=st.just("j"),
    title=any_text,
    skills=st.lists(any_text, max_size=6),
    category=any_text,
    client_name=any_text,
    budget=budgets,
)
profiles = st.builds(
    Profile, name=any_text, skills=st.lists(any_text, max_size=4), portfolio_url=any_text
)
checklists = st.lists(
    st.builds(
        ChecklistItem,
        id=st.just("c"),
        title=any_text,
        skills=st.lists(any_text, max_size=3),
        status=st.sampled_from(["todo", "doing", "done"]),
        evidence=any_text,
    ),
    max_size=4,
)
template_text = st.lists(
    any_text | st.sampled_from([f"{{{name}}}" for name in PLACEHOLDERS]) | st.just("{x_y}"),
    max_size=8,
).map("".join)


@given(template_text, jobs, profiles, checklists)
def test_fill_never_raises_and_reports_only_what_is_left(
    body: str, job: Job, profile: Profile, checklist: list[ChecklistItem]
) -> None:
    result = fill(body, job, profile, checklist)
    left = {m.group(1) for m in PLACEHOLDER.finditer(result.text)}
    assert set(result.unfilled) <= left
    assert len(result.unfilled) == len(set(result.unfilled))


@given(any_text.filter(lambda s: not PLACEHOLDER.search(s)), jobs, profiles, checklists)
def test_template_without_placeholders_is_unchanged(
    body: str, job: Job, profile: Profile, checklist: list[ChecklistItem]
) -> None:
    result = fill(body, job, profile, checklist)
    assert result.text == body
    assert result.unfilled == []


@given(budgets)
def test_budget_text_never_raises(budget: Budget | None) -> None:
    assert isinstance(budget_text(budget), str)
