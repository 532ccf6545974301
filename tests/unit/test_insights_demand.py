"""Demand rows, gaps and coverage on generated jobs with known answers."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from statistics import median

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.insights import (
    DemandRow,
    budget_weight,
    coverage,
    demand,
    gaps,
    trend_weight,
)
from cockpit.models import Budget, ChecklistItem, Job, Proposal, Triage
from cockpit.skills import normalize

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
_ids = itertools.count()


def job(
    days_ago: float,
    skills: list[str],
    budget: Budget | None = None,
    category: str = "",
    job_id: str | None = None,
) -> Job:
    return Job(
        id=job_id or f"j{next(_ids)}",
        title="t",
        posted=NOW - timedelta(days=days_ago),
        budget=budget,
        category=category,
        skills=skills,
    )


def fixed(amount: float, currency: str = "USD") -> Budget:
    return Budget("fixed", currency, amount, amount)


def hourly(low: float, high: float, currency: str = "USD") -> Budget:
    return Budget("hourly", currency, low, high)


def generated() -> list[Job]:
    """A month of jobs whose every figure is known in advance.

    Current window (last 30 days) vs previous (30-60 days ago):
      Podcast Editing  7 vs 5  (+40%)  fixed USD 100/200/300, IDR 1.5M/2.5M;
                                        hourly USD 10-20, 20-40
      Audio Mixing     4 vs 5  (-20%)   fixed EUR 50/70, two without budget
      Audio Editing   10 vs 10 (0%)     fixed USD 10..100
      Voice Over       3 vs 0  (new)    hourly EUR 30-30
      Logo Design      1 vs 2
    plus jobs 70+ days old that must not count anywhere.
    """
    jobs: list[Job] = []
    podcast = ["podcast editing", "Podcast Edit", "PODCAST-EDITING", "podcast  editing"]
    budgets = [
        fixed(100),
        fixed(200),
        fixed(300),
        fixed(1_500_000, "IDR"),
        fixed(2_500_000, "IDR"),
        hourly(10, 20),
        hourly(20, 40),
    ]
    for i, budget in enumerate(budgets):
        category = "Music & Audio" if i % 3 else "music  & audio"
        jobs.append(job(1 + i, [podcast[i % 4]], budget, category, job_id=f"pod{i}"))
    jobs += [job(31 + i, [podcast[i % 4]], fixed(999)) for i in range(5)]

    mixing = ["mixing", "Audio Mixing", "audio-mixing"]
    mix_budgets = [fixed(50, "EUR"), fixed(70, "EUR"), None, None]
    jobs += [job(2 + i, [mixing[i % 3]], b, "Audio Services") for i, b in enumerate(mix_budgets)]
    jobs += [job(40 + i, [mixing[i % 3]], category="Audio Services") for i in range(5)]

    editing = ["audio editing", "Edit Audio", "pengeditan audio", "Audio-Editing"]
    jobs += [job(3 + i, [editing[i % 4]], fixed(10 * (i + 1))) for i in range(10)]
    jobs += [job(35 + i, [editing[i % 4]]) for i in range(10)]

    jobs += [
        job(4 + i, [v], hourly(30, 30, "EUR"))
        for i, v in enumerate(["voiceover", "voice-over", "Voice Over"])
    ]
    jobs += [job(5, ["desain logo"]), job(45, ["Logo Design"]), job(50, ["logo design"])]
    jobs += [job(70 + i, ["podcast editing", "mixing", "voiceover"]) for i in range(6)]
    return jobs


def rows_by_name(rows: list[DemandRow], kind: str = "skill") -> dict[str, DemandRow]:
    return {r.name: r for r in rows if r.kind == kind}


def test_counts_and_trends() -> None:
    rows = rows_by_name(demand(generated(), {}, [], NOW, 30))
    got = {n: (r.count, r.prev_count, r.trend) for n, r in rows.items()}
    assert got == {
        "Podcast Editing": (7, 5, pytest.approx(0.4)),
        "Audio Mixing": (4, 5, pytest.approx(-0.2)),
        "Audio Editing": (10, 10, 0.0),
        "Voice Over": (3, 0, None),
        "Logo Design": (1, 2, pytest.approx(-0.5)),
    }


def test_rows_ordered_busiest_first_skills_before_categories() -> None:
    rows = demand(generated(), {}, [], NOW, 30)
    skills = [r.name for r in rows if r.kind == "skill"]
    assert skills == [
        "Audio Editing",
        "Podcast Editing",
        "Audio Mixing",
        "Voice Over",
        "Logo Design",
    ]
    kinds = [r.kind for r in rows]
    assert kinds == sorted(kinds, key=lambda k: k != "skill")


def test_medians_per_currency_fixed_and_hourly_apart() -> None:
    rows = rows_by_name(demand(generated(), {}, [], NOW, 30))
    podcast = rows["Podcast Editing"]
    assert podcast.median_fixed == {"IDR": 2_000_000.0, "USD": 200.0}
    assert podcast.median_hourly == {"USD": 22.5}  # midpoints 15 and 30
    assert rows["Audio Mixing"].median_fixed == {"EUR": 60.0}  # jobs without budget left out
    assert rows["Audio Mixing"].median_hourly == {}
    assert rows["Audio Editing"].median_fixed == {"USD": 55.0}
    assert rows["Voice Over"].median_fixed == {}
    assert rows["Voice Over"].median_hourly == {"EUR": 30.0}


def test_previous_window_budgets_do_not_leak_into_medians() -> None:
    # The previous podcast jobs are all fixed USD 999; they must not move the median.
    rows = rows_by_name(demand(generated(), {}, [], NOW, 30))
    assert rows["Podcast Editing"].median_fixed["USD"] == 200.0


def test_job_ids_trace_every_count() -> None:
    rows = demand(generated(), {}, [], NOW, 30)
    for row in rows:
        assert len(row.job_ids) == row.count == len(set(row.job_ids))
    podcast = rows_by_name(rows)["Podcast Editing"]
    assert podcast.job_ids == [f"pod{i}" for i in range(7)]


def test_categories_grouped_by_folded_name_most_used_spelling_shown() -> None:
    cats = rows_by_name(demand(generated(), {}, [], NOW, 30), "category")
    assert set(cats) == {"Music & Audio", "Audio Services"}
    assert (cats["Music & Audio"].count, cats["Music & Audio"].prev_count) == (7, 0)
    assert cats["Music & Audio"].job_ids == [f"pod{i}" for i in range(7)]  # feed order kept
    assert (cats["Audio Services"].count, cats["Audio Services"].prev_count) == (4, 5)
    assert cats["Audio Services"].median_fixed == {"EUR": 60.0}


def test_engaged_share() -> None:
    triage = {
        "pod0": Triage("pod0", "shortlist"),
        "pod1": Triage("pod1", "applied"),
        "pod2": Triage("pod2", "dismissed"),
        "pod3": Triage("pod3", "new"),
    }
    proposals = [Proposal(id="p1", job_id="pod4"), Proposal(id="p2", job_id="pod0")]
    rows = rows_by_name(demand(generated(), triage, proposals, NOW, 30))
    assert rows["Podcast Editing"].engaged_share == pytest.approx(3 / 7)
    assert rows["Audio Editing"].engaged_share == 0.0


def test_skills_deduplicated_within_a_job() -> None:
    jobs = [job(1, ["mixing", "Audio Mixing", "audio-mixing", "edit audio", ""])]
    rows = rows_by_name(demand(jobs, {}, [], NOW, 7))
    assert {n: r.count for n, r in rows.items()} == {"Audio Mixing": 1, "Audio Editing": 1}


def test_window_edges_and_dates() -> None:
    at_start = Job(id="start", title="", posted=NOW - timedelta(days=7), skills=["seo"])
    at_prev_start = Job(id="ps", title="", posted=NOW - timedelta(days=14), skills=["seo"])
    too_old = Job(id="old", title="", posted=NOW - timedelta(days=14, seconds=1), skills=["seo"])
    future = Job(id="fut", title="", posted=NOW + timedelta(hours=2), skills=["seo"])
    fetched_only = Job(id="f", title="", fetched=NOW - timedelta(days=1), skills=["seo"])
    undated = Job(id="u", title="", skills=["seo"])
    naive = Job(
        id="n", title="", posted=(NOW - timedelta(days=3)).replace(tzinfo=None), skills=["seo"]
    )
    jobs = [at_start, at_prev_start, too_old, future, fetched_only, undated, naive]
    (row,) = [r for r in demand(jobs, {}, [], NOW, 7) if r.kind == "skill"]
    assert sorted(row.job_ids) == ["f", "fut", "n", "start"]
    assert row.prev_count == 1


def test_windows_of_7_30_90_days_only() -> None:
    jobs = generated()
    assert rows_by_name(demand(jobs, {}, [], NOW, 90))["Podcast Editing"].count == 18
    assert rows_by_name(demand(jobs, {}, [], NOW, 7))["Podcast Editing"].count == 7
    with pytest.raises(ValueError):
        demand(jobs, {}, [], NOW, 14)


def test_budget_without_currency_or_amount_is_ignored() -> None:
    jobs = [
        job(1, ["seo"], Budget("fixed", "", 10, 10)),
        job(1, ["seo"], Budget("fixed", "usd", None, None)),
        job(1, ["seo"], Budget("fixed", " usd ", 0, 0)),
        job(1, ["seo"], Budget("fixed", "usd", 40, None)),
    ]
    (row,) = [r for r in demand(jobs, {}, [], NOW, 7) if r.kind == "skill"]
    assert row.count == 4
    assert row.median_fixed == {"USD": 40.0}


def test_user_aliases_apply() -> None:
    jobs = [job(1, ["daw"]), job(2, ["Reaper"]), job(3, ["reaper daw"])]
    rows = rows_by_name(
        demand(jobs, {}, [], NOW, 7, aliases={"daw": "Reaper", "reaper daw": "reaper"})
    )
    assert rows["Reaper"].count == 3


# --- gaps and coverage ------------------------------------------------------


def done(*skills: str, status: str = "done", title: str = "item") -> ChecklistItem:
    return ChecklistItem(id=f"c{next(_ids)}", title=title, skills=list(skills), status=status)  # type: ignore[arg-type]


def test_gaps_skip_skills_covered_by_done_items() -> None:
    rows = demand(generated(), {}, [], NOW, 30)
    checklist = [done("edit audio"), done("podcast edit", status="doing")]
    names = [g.skill for g in gaps(rows, checklist)]
    assert "Audio Editing" not in names
    assert set(names) == {"Podcast Editing", "Audio Mixing", "Voice Over", "Logo Design"}
    assert names[0] == "Podcast Editing"  # most jobs, rising, well paid
    assert names[-1] == "Logo Design"


def test_item_without_skills_covers_its_title() -> None:
    rows = demand(generated(), {}, [], NOW, 30)
    names = [g.skill for g in gaps(rows, [done(title="Podcast editing")])]
    assert "Podcast Editing" not in names


def test_gap_score_formula() -> None:
    rows = [
        DemandRow("skill", "A", 10, 5, 1.0, {"USD": 400.0}),  # trend capped at +100%
        DemandRow("skill", "B", 10, 10, 0.0, {"USD": 100.0}),
        DemandRow("skill", "C", 4, 0, None, {}),
        DemandRow("category", "Ignored", 50, 0, None),
        DemandRow("skill", "Gone", 0, 9, -1.0),
    ]
    # reference USD median of 400 and 100 = 250; A: sqrt(400/250), B: sqrt(100/250)
    found = {g.skill: g for g in gaps(rows, [])}
    assert set(found) == {"A", "B", "C"}
    assert found["A"].score == pytest.approx(10 * (400 / 250) ** 0.5 * 2.0, abs=1e-6)
    assert found["B"].score == pytest.approx(10 * (100 / 250) ** 0.5 * 1.0, abs=1e-6)
    assert found["C"].score == pytest.approx(4.0)
    assert "$400" in found["A"].reason and "+100%" in found["A"].reason


def test_budget_and_trend_weights() -> None:
    row = DemandRow("skill", "x", 1, 0, None, {"USD": 1000.0, "EUR": 10.0}, {"IDR": 5.0})
    ref = {("fixed", "USD"): 100.0, ("fixed", "EUR"): 10.0, ("hourly", "IDR"): 5.0}
    # logs: ln 10, 0, 0 -> mean ln(10)/3 -> sqrt -> 10**(1/6)
    assert budget_weight(row, ref) == pytest.approx(10 ** (1 / 6))
    assert budget_weight(DemandRow("skill", "x", 1, 0, None, {"USD": 1e9}), ref) == 2.0
    assert budget_weight(DemandRow("skill", "x", 1, 0, None, {"USD": 1.0}), ref) == 0.5
    assert budget_weight(DemandRow("skill", "x", 1, 0, None, {"INR": 9.0}), ref) == 1.0
    assert trend_weight(None) == 1.0
    assert trend_weight(0.4) == pytest.approx(1.4)
    assert trend_weight(5.0) == 2.0
    assert trend_weight(-0.9) == 0.5


def test_gap_ties_broken_by_name() -> None:
    rows = [DemandRow("skill", n, 3, 3, 0.0) for n in ("Zeta", "Alpha", "Mid")]
    assert [g.skill for g in gaps(rows, [])] == ["Alpha", "Mid", "Zeta"]


def test_budget_raises_rank_and_currencies_are_not_mixed() -> None:
    rows = [
        DemandRow("skill", "Cheap", 5, 5, 0.0, {"USD": 50.0}),
        DemandRow("skill", "Rich", 5, 5, 0.0, {"USD": 500.0}),
        # A huge IDR number is only compared with other IDR numbers.
        DemandRow("skill", "Rupiah", 5, 5, 0.0, {"IDR": 5_000_000.0}),
    ]
    found = gaps(rows, [])
    assert [g.skill for g in found] == ["Rich", "Rupiah", "Cheap"]
    assert found[1].score == pytest.approx(5.0)


def test_coverage_share_of_job_skill_occurrences() -> None:
    rows = demand(generated(), {}, [], NOW, 30)
    assert coverage(rows, []) == 0.0
    assert coverage(rows, [done("audio editing")]) == pytest.approx(10 / 25)
    both = [done("audio editing"), done("podcast edit"), done("mixing", status="todo")]
    assert coverage(rows, both) == pytest.approx(17 / 25)
    assert coverage([], [done("x")]) == 0.0


# --- an oracle on random job sets -------------------------------------------

_SPELLINGS = [
    "mixing",
    "Audio Mixing",
    "edit audio",
    "Audio-Editing",
    "seo",
    "SEO",
    "voiceover",
    "",
]
_budgets = st.one_of(
    st.none(),
    st.builds(
        Budget,
        kind=st.sampled_from(["fixed", "hourly", "salary"]),
        currency=st.sampled_from(["USD", "EUR", "IDR", "usd"]),
        min=st.one_of(st.none(), st.integers(1, 500).map(float)),
        max=st.one_of(st.none(), st.integers(1, 500).map(float)),
    ),
)
_jobs = st.lists(
    st.builds(
        lambda i, age, skills, budget, cat: Job(
            id=f"r{i}",
            title="",
            posted=NOW - timedelta(hours=age),
            skills=skills,
            budget=budget,
            category=cat,
        ),
        st.integers(),
        st.integers(-5, 24 * 70),
        st.lists(st.sampled_from(_SPELLINGS), max_size=4),
        _budgets,
        st.sampled_from(["", "Audio", "audio", "Writing"]),
    ),
    max_size=40,
    unique_by=lambda j: j.id,
)


KINDS = ("fixed", "hourly")


def _amount(b: Budget) -> tuple[str, str, float] | None:
    lo, hi = b.min, b.max
    # A range (fixed or hourly) counts as its midpoint.
    value = (lo + hi) / 2 if lo is not None and hi is not None else (hi if hi is not None else lo)
    return None if value is None or value <= 0 else (b.kind, b.currency.upper(), value)


@settings(max_examples=150, deadline=None)
@given(_jobs, st.sampled_from([7, 30]))
def test_skill_rows_match_a_naive_reference(jobs: list[Job], days: int) -> None:
    start = NOW - timedelta(days=days)
    prev_start = start - timedelta(days=days)
    engaged = {j.id for j in jobs[::3]}
    triage = {jid: Triage(jid, "shortlist") for jid in engaged}
    rows = rows_by_name(demand(jobs, triage, [], NOW, days))
    names = {normalize(s) for j in jobs for s in j.skills} - {""}
    expected: dict[str, tuple[object, ...]] = {}
    for name in names:
        cur = [
            j
            for j in jobs
            if j.posted and j.posted >= start and name in {normalize(s) for s in j.skills}
        ]
        prev = sum(
            1
            for j in jobs
            if j.posted
            and prev_start <= j.posted < start
            and name in {normalize(s) for s in j.skills}
        )
        if not cur and not prev:
            continue
        pools: dict[tuple[str, str], list[float]] = {}
        for j in cur:
            amount = _amount(j.budget) if j.budget else None
            if amount:
                pools.setdefault(amount[:2], []).append(amount[2])
        fixed_m = {c: median(v) for (k, c), v in pools.items() if k == "fixed"}
        hourly_m = {c: median(v) for (k, c), v in pools.items() if k == "hourly"}
        counts = ({c: len(v) for (k, c), v in pools.items() if k == kind} for kind in KINDS)
        share = sum(j.id in engaged for j in cur) / len(cur) if cur else 0.0
        expected[name] = (
            len(cur), prev, fixed_m, hourly_m, *counts, share, [j.id for j in cur]
        )  # fmt: skip
    got = {
        n: (
            r.count,
            r.prev_count,
            r.median_fixed,
            r.median_hourly,
            r.fixed_jobs,
            r.hourly_jobs,
            r.engaged_share,
            r.job_ids,
        )
        for n, r in rows.items()
    }
    assert got == expected


def test_salaries_stay_out_of_the_medians() -> None:
    """A yearly salary is no gig price: EUR 60,000 must not skew a skill's fixed median."""
    jobs = [
        job(1, ["Audio Mixing"], Budget("fixed", "EUR", 300, 300)),
        job(2, ["Audio Mixing"], Budget("fixed", "EUR", 500, 500)),
        job(3, ["Audio Mixing"], Budget("salary", "EUR", 45_000, 60_000)),
        job(4, ["Audio Mixing"], Budget("salary", "USD", 50_000, 70_000)),
        job(5, ["Audio Mixing"], Budget("hourly", "USD", 20, 30)),
    ]
    row = rows_by_name(demand(jobs, {}, [], NOW, 30))["Audio Mixing"]
    assert row.count == 5  # the salaried jobs still show demand for the skill
    assert row.median_fixed == {"EUR": 400.0}
    assert row.median_hourly == {"USD": 25.0}
    assert gaps([row], [])[0].median_fixed == {"EUR": 400.0}


_salaries = st.lists(
    st.builds(
        Budget,
        kind=st.just("salary"),
        currency=st.sampled_from(["USD", "EUR", "IDR"]),
        min=st.one_of(st.none(), st.floats(1, 1e9)),
        max=st.one_of(st.none(), st.floats(1, 1e9)),
    ),
    max_size=10,
)


@settings(max_examples=100, deadline=None)
@given(_jobs, _salaries)
def test_salaries_never_change_fixed_or_hourly_medians(
    jobs: list[Job], salaries: list[Budget]
) -> None:
    def medians(rows: list[DemandRow]) -> dict[tuple[str, str], tuple[object, ...]]:
        return {(r.kind, r.name): (r.median_fixed, r.median_hourly) for r in rows}

    before = medians(demand(jobs, {}, [], NOW, 30))
    skills = [s for j in jobs for s in j.skills] or ["mixing"]
    more = jobs + [
        Job(id=f"s{i}", title="", posted=NOW, skills=skills[i % len(skills) :][:2], budget=b)
        for i, b in enumerate(salaries)
    ]
    after = medians(demand(more, {}, [], NOW, 30))
    assert {k: v for k, v in after.items() if k in before} == before
    assert all(v == ({}, {}) for k, v in after.items() if k not in before)
