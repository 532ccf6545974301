"""Explainable scoring: rule semantics, explanations, validation, speed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.feeds.rules import (
    SKILL_POINTS,
    compile_rules,
    score_job,
    validate_rule,
)
from cockpit.models import Budget, Job, Rule


def job(**kw: object) -> Job:
    kw.setdefault("id", "j1")
    kw.setdefault("title", "Podcast editor needed")
    return Job(**kw)  # type: ignore[arg-type]


def rule(**kw: object) -> Rule:
    kw.setdefault("id", "r1")
    kw.setdefault("name", "R")
    return Rule(**kw)  # type: ignore[arg-type]


def test_profile_skills_score_five_each_case_insensitive_once() -> None:
    j = job(skills=["Audio Editing", " mixing ", "MIXING", "Java"])
    score = score_job(j, [], ["audio editing", "Mixing", "Python"])
    assert score.reasons == [
        ("skill match: Audio Editing", SKILL_POINTS),
        ("skill match: mixing", SKILL_POINTS),
    ]
    assert score.total == 10
    assert not score.dismiss and score.tags == []


def test_no_rules_no_profile_is_zero() -> None:
    score = score_job(job(), [])
    assert (score.total, score.reasons, score.dismiss, score.tags) == (0, [], False, [])


@pytest.mark.parametrize(
    ("text", "keyword", "hit"),
    [
        ("Need MIXING for an EP", "mixing", True),
        ("Looking for Mixpanel analytics", "mix", False),
        ("remix my track", "mix", False),
        ("Senior C++ developer", "c++", True),
        ("ASP.NET and .NET Core", ".net", True),
        ("voice-over artist", "voice", True),
        ("audio_engineer wanted", "audio", True),  # underscore is a separator here
        ("Sound design, mixing and mastering", "mastering", True),
        ("Sound design", "sound design", True),
        ("Sound  designer", "sound design", False),
    ],
)
def test_include_keywords_are_word_ish(text: str, keyword: str, hit: bool) -> None:
    score = score_job(job(title="Job", description=text), [rule(include=[keyword], points=7)])
    assert score.total == (7 if hit else 0)


def test_include_looks_at_title_description_and_skills() -> None:
    r = [rule(name="Audio", include=["audacity"], points=3)]
    assert score_job(job(title="Audacity cleanup"), r).total == 3
    assert score_job(job(description="Use audacity please"), r).total == 3
    assert score_job(job(skills=["Audacity"]), r).total == 3
    assert score_job(job(company="Audacity Inc"), r).total == 0


def test_reason_names_the_rule_and_what_matched() -> None:
    r = rule(name="Audio work", include=["podcast", "mixing"], skills=["Audio Editing"], points=10)
    j = job(skills=["audio editing"], budget=Budget("fixed", "USD", 300, 300))
    score = score_job(j, [r])
    assert score.reasons == [("rule Audio work: 'podcast', skill audio editing", 10)]


def test_exclude_blocks_a_match() -> None:
    r = [rule(include=["podcast"], exclude=["unpaid", "test task"], points=10)]
    assert score_job(job(), r).total == 10
    assert score_job(job(description="This is UNPAID."), r).total == 0
    assert score_job(job(description="Paid test task first"), r).total == 0
    # An exclude-only rule matches everything without those words.
    only = [rule(exclude=["crypto"], points=-4)]
    assert score_job(job(), only).total == -4
    assert score_job(job(title="Crypto podcast"), only).total == 0


def test_skills_condition_needs_overlap() -> None:
    r = [rule(skills=["Mixing", "Mastering"], points=6)]
    assert score_job(job(skills=["MASTERING"]), r).total == 6
    assert score_job(job(skills=["Logo Design"]), r).total == 0
    assert score_job(job(skills=[]), r).total == 0


def test_min_fixed_only_compares_usd_fixed_budgets() -> None:
    r = [rule(name="Big", min_fixed=300, points=8)]
    usd = score_job(job(budget=Budget("fixed", "USD", 500, 500)), r)
    assert usd.total == 8
    assert usd.reasons == [("rule Big: fixed $500 >= $300", 8)]
    assert score_job(job(budget=Budget("fixed", "USD", 299.5, 299.5)), r).total == 0
    # Another currency is unknown, not converted: the rule does not fire.
    assert score_job(job(budget=Budget("fixed", "IDR", 5_000_000, 5_000_000)), r).total == 0
    assert score_job(job(budget=Budget("hourly", "USD", 400, 500)), r).total == 0
    assert score_job(job(budget=None), r).total == 0


def test_min_hourly_uses_the_top_of_the_range() -> None:
    r = [rule(min_hourly=25, points=5)]
    assert score_job(job(budget=Budget("hourly", "USD", 15, 30)), r).total == 5
    assert score_job(job(budget=Budget("hourly", "USD", 15, 20)), r).total == 0
    assert score_job(job(budget=Budget("hourly", "usd", 30, None)), r).total == 5
    assert score_job(job(budget=Budget("hourly", "EUR", 50, 60)), r).total == 0
    assert score_job(job(budget=Budget("fixed", "USD", 500, 500)), r).total == 0


def test_a_salary_is_neither_a_fixed_budget_nor_an_hourly_rate() -> None:
    salary = job(description="mixing", budget=Budget("salary", "USD", 60_000, 80_000))
    fixed = [rule(name="Big", min_fixed=300, points=8)]
    hourly = [rule(name="Rate", min_hourly=25, points=5)]
    assert score_job(salary, fixed) == score_job(job(budget=None), fixed)
    assert score_job(salary, fixed).total == 0
    assert score_job(salary, hourly).total == 0
    # A dismiss rule on a low fixed budget does not fire either: the salary is no price.
    low = [rule(name="Cheap", min_fixed=0, action="dismiss")]
    assert not score_job(salary, low).dismiss
    # The compiled scorer over store rows agrees.
    scorer = compile_rules(fixed + hourly)
    hay = "\n".join((salary.title, *salary.skills, salary.description)).casefold() + "\0"
    totals, dismiss, _tags = scorer.score_rows([salary.to_dict()], [(hay, [0, len(hay)])])
    assert (totals, list(dismiss)) == ([0], [0])
    # Other conditions still work on a salaried job, and the reason says only what matched.
    words = [rule(name="Mix", include=["mixing"], points=3)]
    assert score_job(salary, words).reasons == [("rule Mix: 'mixing'", 3)]


def test_countries_allow_and_block() -> None:
    allow = [rule(allow_countries=["Indonesia", "Malaysia"], points=4)]
    assert score_job(job(country="indonesia"), allow).total == 4
    assert score_job(job(country="India"), allow).total == 0
    assert score_job(job(country=""), allow).total == 0  # unknown is not in the list
    block = [rule(block_countries=["India"], points=-9)]
    assert score_job(job(country="INDIA "), block).total == 0
    assert score_job(job(country="Germany"), block).total == -9
    assert score_job(job(country=""), block).total == -9


def test_all_conditions_must_hold() -> None:
    r = [rule(include=["podcast"], skills=["Audio Editing"], min_fixed=100, points=10)]
    good = job(skills=["Audio Editing"], budget=Budget("fixed", "USD", 150, 150))
    assert score_job(good, r).total == 10
    no_skill = job(budget=Budget("fixed", "USD", 150, 150))
    assert score_job(no_skill, r).total == 0
    no_word = job(title="Logo", skills=["Audio Editing"], budget=Budget("fixed", "USD", 150, 150))
    assert score_job(no_word, r).total == 0


def test_tag_dismiss_negative_and_disabled_rules() -> None:
    rules = [
        rule(id="1", name="Tag", include=["podcast"], action="tag", tag="audio"),
        rule(id="2", name="Tag2", include=["editor"], action="tag", tag="audio"),
        rule(id="3", name="Spam", include=["editor"], action="dismiss"),
        rule(id="4", name="Meh", include=["podcast"], points=-3),
        rule(id="5", name="Off", include=["podcast"], points=100, enabled=False),
    ]
    score = score_job(job(), rules)
    assert score.tags == ["audio"]
    assert score.dismiss is True
    assert score.total == -3
    assert score.reasons == [
        ("rule Tag: tag 'audio' ('podcast')", 0),
        ("rule Tag2: tag 'audio' ('editor')", 0),
        ("rule Spam: dismiss ('editor')", 0),
        ("rule Meh: 'podcast'", -3),
    ]


def test_rule_without_conditions_matches_everything() -> None:
    score = score_job(job(), [rule(name="All", points=2)])
    assert score.reasons == [("rule All: every job", 2)]


def test_compiled_scorer_matches_one_off_scoring() -> None:
    rules = [rule(include=["podcast"], points=4), rule(id="2", skills=["java"], points=-2)]
    scorer = compile_rules(rules, ["Java"])
    j = job(skills=["Java"])
    assert scorer.score(j) == score_job(j, rules, ["Java"])
    assert scorer.total(j) == scorer.score(j).total == 4 - 2 + 5


def test_validate_rule_reports_problems() -> None:
    assert validate_rule(rule(name="Fine", include=["podcast"])) == []
    problems = validate_rule(
        rule(
            name="  ",
            include=["mix", ""],
            exclude=["MIX"],
            min_fixed=-1,
            min_hourly=-5,
            allow_countries=["India"],
            block_countries=["india"],
            action="tag",
            tag=" ",
        )
    )
    text = "\n".join(problems)
    for expected in (
        "needs a name",
        "Minimum fixed budget cannot be negative",
        "Minimum hourly rate cannot be negative",
        "Include has an empty entry",
        "both included and excluded: mix",
        "both allowed and blocked: india",
        "tag rule needs a tag",
    ):
        assert expected in text
    assert "Points is 0" in validate_rule(rule(include=["x"], points=0))[0]
    assert "between" in validate_rule(rule(include=["x"], points=5000))[0]
    assert "dismisses every job" in validate_rule(rule(action="dismiss"))[0]
    assert "Unknown action" in validate_rule(rule(include=["x"], action="boost"))[0]


_words = st.sampled_from(["podcast", "mixing", "java", "logo", "c++", "Audio", "unpaid", "EP"])
_countries = st.sampled_from(["", "India", "Indonesia", "USA"])
_budgets = st.one_of(
    st.none(),
    st.builds(
        Budget,
        st.sampled_from(["fixed", "hourly", "salary"]),
        st.sampled_from(["USD", "EUR"]),
        st.one_of(st.none(), st.floats(0, 1000)),
        st.one_of(st.none(), st.floats(0, 1000)),
    ),
)
_jobs = st.builds(
    Job,
    id=st.just("j"),
    title=st.lists(_words, max_size=4).map(" ".join),
    description=st.lists(_words, max_size=8).map(" ".join),
    skills=st.lists(_words, max_size=4),
    country=_countries,
    budget=_budgets,
)
_rules = st.builds(
    Rule,
    id=st.just("r"),
    name=st.sampled_from(["A", "B", ""]),
    include=st.lists(_words, max_size=2),
    exclude=st.lists(_words, max_size=1),
    skills=st.lists(_words, max_size=2),
    min_fixed=st.one_of(st.none(), st.floats(0, 1000)),
    min_hourly=st.one_of(st.none(), st.floats(0, 1000)),
    allow_countries=st.lists(_countries, max_size=2),
    block_countries=st.lists(_countries, max_size=2),
    action=st.sampled_from(["score", "tag", "dismiss"]),
    tag=st.sampled_from(["", "audio"]),
    points=st.integers(-1000, 1000),
    enabled=st.booleans(),
)


@given(_jobs, st.lists(_rules, max_size=6), st.lists(_words, max_size=3))
@settings(max_examples=300)
def test_every_point_is_explained(j: Job, rules: list[Rule], profile: list[str]) -> None:
    scorer = compile_rules(rules, profile)
    score = scorer.score(j)
    assert sum(points for _, points in score.reasons) == score.total
    assert scorer.total(j) == score.total
    fired = [r for r in rules if r.enabled]
    assert score.dismiss == any(
        reason.startswith("rule ") and ": dismiss (" in reason for reason, _ in score.reasons
    )
    assert len(score.reasons) <= len(fired) + len(j.skills)
    assert len(set(score.tags)) == len(score.tags)
