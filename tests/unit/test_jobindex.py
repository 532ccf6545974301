"""The in-memory inbox: views, counts, filter, sort, triage and undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit import i18n
from cockpit.feeds.rules import compile_rules
from cockpit.jobindex import JobIndex
from cockpit.labels import age_label, budget_label
from cockpit.models import Budget, Feed, Job, Rule, Triage

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def job(n: int, **kw: object) -> Job:
    fields: dict[str, object] = {
        "id": f"j{n}",
        "title": f"Job {n}",
        "posted": NOW - timedelta(hours=n),
        "feed_ids": ["f1"],
    }
    fields.update(kw)
    return Job(**fields)  # type: ignore[arg-type]


def sample() -> JobIndex:
    jobs = [
        job(
            0,
            title="Podcast editor needed",
            skills=["Audio Editing"],
            budget=Budget("fixed", "USD", 50, 50),
        ),
        job(
            1,
            title="Logo design",
            description="A clean LOGO for a bakery",
            budget=Budget("fixed", "USD", 500, 500),
            feed_ids=["f2"],
        ),
        job(2, title="Mix my album", budget=Budget("hourly", "USD", 20, 40)),
        job(3, title="Voice over", budget=Budget("fixed", "IDR", 1_500_000, 1_500_000)),
    ]
    rules = [
        Rule(id="r1", name="podcast", include=["podcast"], points=15),
        Rule(id="r2", name="no logos", include=["logo"], action="dismiss"),
        Rule(id="r3", name="mixing", include=["mix"], action="tag", tag="mixing"),
    ]
    feeds = [
        Feed(id="f1", url="https://a.example/rss", name="Board A"),
        Feed(id="f2", url="https://b.example/rss", name="Board B"),
    ]
    triage = {"j3": Triage("j3", "shortlist", read=True)}
    return JobIndex(jobs, triage, feeds, compile_rules(rules, ["Audio Editing"]))


def titles(ix: JobIndex) -> list[str]:
    return [ix.display(r).title for r in ix.visible]


def test_views_counts_and_rule_effects() -> None:
    ix = sample()
    counts = {v.key: v.count for v in ix.views()}
    assert counts["new"] == 2 and counts["shortlist"] == 1 and counts["dismissed"] == 1
    assert counts["all"] == 4
    assert counts["feed:f1"] == 3 and counts["feed:f2"] == 0  # feed views hide dismissed
    assert counts["tag:mixing"] == 1
    assert titles(ix) == ["Podcast editor needed", "Mix my album"]  # score 20 then 0
    ix.set_view("dismissed")
    assert titles(ix) == ["Logo design"]
    ix.set_view("tag:mixing")
    assert titles(ix) == ["Mix my album"]
    ix.set_view("feed:f1")
    assert set(titles(ix)) == {"Podcast editor needed", "Mix my album", "Voice over"}


def test_reasons_explain_every_point() -> None:
    ix = sample()
    row = ix.row_of["j0"]
    score = ix.score(row)
    assert score.total == 20 == sum(p for _, p in score.reasons)
    assert any("podcast" in label for label, _ in score.reasons)


def test_filter_searches_title_skills_description_case_insensitively() -> None:
    ix = sample()
    ix.set_view("all")
    ix.set_query("logo")
    assert titles(ix) == ["Logo design"]
    ix.set_query("audio EDIT")
    assert titles(ix) == ["Podcast editor needed"]
    ix.set_query("bakery")  # description only
    assert titles(ix) == ["Logo design"]
    ix.set_query("nothing like this")
    assert titles(ix) == []
    ix.set_query("")
    assert len(ix.visible) == 4


def test_filter_narrowing_equals_fresh_search() -> None:
    ix = sample()
    ix.set_view("all")
    for prefix in ("o", "or", "or ", "or n"):
        ix.set_query(prefix)
    narrowed = list(ix.visible)
    fresh = sample()
    fresh.set_view("all")
    fresh.set_query("or n")
    assert narrowed == fresh.visible


def test_sort_cycle() -> None:
    ix = sample()
    ix.set_view("all")
    assert ix.cycle_sort() == "newest"
    assert titles(ix) == ["Podcast editor needed", "Logo design", "Mix my album", "Voice over"]
    assert ix.cycle_sort() == "budget"
    # Fixed by USD value (500 > IDR 1.5M ~ $95 > 50), then hourly.
    assert titles(ix) == ["Logo design", "Voice over", "Podcast editor needed", "Mix my album"]
    assert ix.cycle_sort() == "score"


def test_triage_moves_rows_and_counts_and_undo_restores() -> None:
    ix = sample()
    before = list(ix.visible)
    t = ix.toggle_state("j0", "shortlist", NOW, hint=0)
    assert t.state == "shortlist" and t.updated == NOW
    assert titles(ix) == ["Mix my album"]
    assert ix.counts["new"] == 1 and ix.counts["shortlist"] == 2
    ix.set_view("shortlist")
    assert set(titles(ix)) == {"Podcast editor needed", "Voice over"}
    ix.set_view("new")
    restored = ix.undo(NOW)
    assert restored is not None and restored.state == "new"
    assert ix.visible == before and ix.counts["shortlist"] == 1
    assert ix.undo(NOW) is None


def test_toggle_back_and_dismiss_changes_feed_counts() -> None:
    ix = sample()
    ix.toggle_state("j2", "dismissed", NOW)
    assert ix.counts["feed:f1"] == 2 and ix.counts["tag:mixing"] == 0
    ix.toggle_state("j2", "dismissed", NOW)  # x again: back to New
    assert ix.state[ix.row_of["j2"]] == "new" and ix.counts["feed:f1"] == 3


def test_read_toggle_and_mark_read() -> None:
    ix = sample()
    assert ix.toggle_read("j0", NOW).read is True
    assert ix.mark_read("j0", NOW) is None  # already read: nothing to save
    undone = ix.undo(NOW)
    assert undone is not None and undone.read is False
    assert ix.mark_read("j0", NOW) is not None


def test_triage_in_filtered_view_keeps_filter() -> None:
    ix = sample()
    ix.set_query("p")
    shown = titles(ix)
    assert "Podcast editor needed" in shown
    ix.toggle_state("j0", "dismissed", NOW)
    assert "Podcast editor needed" not in titles(ix)
    ix.undo(NOW)
    assert titles(ix) == shown


def test_display_is_clean_plain_text() -> None:
    hostile = "\x1b]52;c;ZXZpbA==\x07[@click=app.quit]x[/] \x1b[31mred\u202e"
    ix = JobIndex([job(0, title=hostile, skills=["[b]bold[/b]"])], {})
    shown = ix.display(0)
    assert shown.title == "[@click=app.quit]x[/] red"
    assert shown.skills == "[b]bold[/b]"


def test_labels() -> None:
    assert (
        budget_label(Budget("fixed", "IDR", 1_500_000, 1_500_000)) == "Rp1.5M"
    )  # detail: Rp1,500,000
    assert budget_label(Budget("hourly", "USD", 15, 30)) == "$15-30/h"
    assert budget_label(None) == ""
    assert age_label(NOW - timedelta(hours=3), NOW) == "3h"
    assert age_label(None, NOW) == ""


def test_salary_labels_are_compact_and_yearly() -> None:
    assert budget_label(Budget("salary", "EUR", 55_000, 70_000)) == "€55k-70k/yr"
    assert budget_label(Budget("salary", "USD", 50_000, 50_000)) == "$50k/yr"
    assert budget_label(Budget("salary", "USD", None, 62_500)) == "$62.5k/yr"
    assert budget_label(Budget("salary", "CHF", 95_000, 120_000)) == "95k-120k CHF/yr"
    assert budget_label(Budget("salary", "IDR", 150_000_000, 210_000_000)) == "Rp150M-210M/yr"
    assert budget_label(Budget("salary", "USD", 800_000, 1_200_000)) == "$800k-1.2M/yr"
    assert budget_label(Budget("salary", "USD", 999_990, 999_990)) == "$1M/yr"  # not "1000k"
    assert budget_label(Budget("salary", "USD", 800, 800)) == "$800/yr"
    i18n.set_language("id")
    assert budget_label(Budget("salary", "IDR", 150_000_000, 210_000_000)) == "Rp150jt-210jt/thn"
    assert budget_label(Budget("salary", "EUR", 62_500, 70_000)) == "€62,5rb-70rb/thn"
    assert budget_label(Budget("fixed", "IDR", 1_500_000, 1_500_000)) == "Rp1,5jt"


def test_budget_sort_puts_gigs_before_salaries() -> None:
    jobs = [
        job(0, title="Salary big", budget=Budget("salary", "USD", 90_000, 120_000)),
        job(1, title="Fixed small", budget=Budget("fixed", "USD", 50, 50)),
        job(2, title="No budget"),
        job(3, title="Hourly", budget=Budget("hourly", "USD", 20, 40)),
        job(4, title="Salary EUR", budget=Budget("salary", "EUR", 55_000, 70_000)),
        job(5, title="Fixed big", budget=Budget("fixed", "EUR", 900, 900)),
    ]
    ix = JobIndex(jobs, {})
    ix.set_view("all")
    ix.set_sort("budget")
    assert titles(ix) == [
        "Fixed big", "Fixed small", "Hourly", "No budget", "Salary big", "Salary EUR",
    ]  # fmt: skip
    assert ix.display(ix.row_of["j4"]).budget == "€55k-70k/yr"


def test_builds_from_raw_dicts_like_the_store_returns() -> None:
    ix = JobIndex([job(0).to_dict(), job(1).to_dict(), job(0).to_dict()], {})
    assert len(ix) == 2  # a duplicate id is one job
    assert ix.job(0).posted == NOW


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["s", "x", "m", "u"])), max_size=30))
def test_patched_views_match_a_fresh_build(actions: list[tuple[int, str]]) -> None:
    """Whatever triage sequence, the in-place patches equal rebuilding from scratch."""
    jobs = [job(n, title=f"Job {n} {'podcast' if n % 2 else 'logo'}") for n in range(8)]
    ix = JobIndex(jobs, {})
    ix.set_query("podcast")
    for n, key in actions:
        if key == "s":
            ix.toggle_state(f"j{n}", "shortlist", NOW)
        elif key == "x":
            ix.toggle_state(f"j{n}", "dismissed", NOW)
        elif key == "m":
            ix.toggle_read(f"j{n}", NOW)
        else:
            ix.undo(NOW)
    fresh = JobIndex(jobs, ix.triage)
    fresh.set_query("podcast")
    assert ix.visible == fresh.visible
    assert ix.counts == fresh.counts
    for view in ("shortlist", "dismissed", "all"):
        ix.set_view(view)
        fresh.set_view(view)
        assert ix.visible == fresh.visible, view


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(["new", "shortlist", "dismissed", "feed:f1"]),
    st.booleans(),
    st.lists(
        st.tuples(st.integers(0, 7), st.sampled_from(["s", "x", "m", "u", "other"])),
        max_size=30,
    ),
)
def test_lingering_rows_stay_in_place_and_settle_to_a_fresh_build(
    view: str, filtered: bool, actions: list[tuple[int, str]]
) -> None:
    """Rows triaged out of the view stay where they were, marked lingering, until
    settle(); what is left equals a fresh build, and counts are right all along."""
    jobs = [
        job(n, title=f"Job {n} {'podcast' if n % 4 else 'logo'}", feed_ids=["f1"]) for n in range(8)
    ]
    start = {f"j{n}": Triage(f"j{n}", ("new", "shortlist", "dismissed")[n % 3]) for n in range(8)}
    feeds = [Feed(id="f1", url="https://a.example/rss", name="A")]
    ix = JobIndex(jobs, start, feeds)
    ix.set_view(view)
    if filtered:
        ix.set_query("podcast")
    for n, key in actions:
        job_id = f"j{n}"
        before = list(ix.visible)
        if key == "s":
            ix.toggle_state(job_id, "shortlist", NOW, linger=True)
        elif key == "x":
            ix.toggle_state(job_id, "dismissed", NOW, linger=True)
        elif key == "m":
            ix.toggle_read(job_id, NOW)
        elif key == "u":
            ix.undo(NOW)
        else:  # decided in another pane: never lingers, but must respect lingering rows
            ix.apply(Triage(job_id, "applied", False, [], NOW))
        if key in "sx" and ix.row_of[job_id] in before:
            assert ix.visible == before  # nothing moved on screen
        fresh = JobIndex(jobs, ix.triage, feeds)
        fresh.set_view(view)
        if filtered:
            fresh.set_query("podcast")
        assert [r for r in ix.visible if r not in ix.lingering] == fresh.visible
        assert all(not fresh._member(view, r) for r in ix.lingering)
        assert len(set(ix.visible)) == len(ix.visible)  # no row twice
        assert ix.counts == fresh.counts
    fresh = JobIndex(jobs, ix.triage, feeds)
    fresh.set_view(view)
    if filtered:
        fresh.set_query("podcast")
    cursor = len(ix.visible) // 2
    kept = ix.visible[cursor] if cursor < len(ix.visible) else None
    new_cursor = ix.settle(cursor)
    assert not ix.lingering and ix.visible == fresh.visible
    if kept is not None and kept in ix.visible:
        assert ix.visible[new_cursor] == kept  # the cursor keeps its job
    ix.set_view("all")
    fresh.set_view("all")
    assert ix.visible == fresh.visible
    ix.set_view(view)  # the cached view list was swept too
    fresh.set_view(view)
    assert ix.visible == fresh.visible


def test_settle_sweeps_a_filtered_view_and_its_cached_list() -> None:
    jobs = [job(n, title=f"Job {n} podcast") for n in range(4)]
    ix = JobIndex(jobs, {})
    ix.set_query("podcast")
    ix.toggle_state("j1", "dismissed", NOW, hint=1, linger=True)
    assert ix.visible == [0, 1, 2, 3] and ix.lingering == {1}
    assert ix.settle(2) == 1 and ix.visible == [0, 2, 3]
    ix.set_view("all")
    ix.set_view("new")
    assert ix.visible == [0, 2, 3]


def test_lazy_search_fills_a_screen_first_then_equals_the_eager_result() -> None:
    jobs = [job(n, title=f"Job {n} {'podcast' if n % 3 else 'logo'}") for n in range(10_000)]
    lazy, eager = JobIndex(jobs, {}), JobIndex(jobs, {})
    lazy.set_query("podcast", lazy=True)
    assert lazy.searching and 120 <= len(lazy.visible) < 6_666
    steps = 0
    while not lazy.search_more():
        steps += 1
    assert steps >= 1
    eager.set_query("podcast")
    assert lazy.visible == eager.visible and not lazy.searching


def test_triage_during_a_lazy_search_completes_it_first() -> None:
    jobs = [job(n, title=f"Job {n} podcast") for n in range(10_000)]
    ix = JobIndex(jobs, {})
    ix.set_query("podcast", lazy=True)
    assert ix.searching
    ix.toggle_state(ix.ids[ix.visible[0]], "dismissed", NOW, hint=0)
    assert not ix.searching and len(ix.visible) == 9_999


_WORDS = ["podcast", "mix", "mixing", "c++", "logo", "straße", "strasse", "album", "wav"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_WORDS), max_size=4),
            st.lists(
                st.sampled_from(["Audio Editing", " audio editing", "Logo", "C++"]), max_size=3
            ),
            st.sampled_from(["", "Indonesia", "india ", "Germany"]),
            st.sampled_from(
                [
                    None,
                    ("fixed", "USD", 300.0),
                    ("hourly", "USD", 25.0),
                    ("fixed", "IDR", 1e6),
                    ("salary", "USD", 60_000.0),
                ]
            ),
        ),
        max_size=12,
    ),
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_WORDS), max_size=2),
            st.lists(st.sampled_from(_WORDS), max_size=1),
            st.sampled_from(["score", "tag", "dismiss"]),
            st.sampled_from([None, 200.0]),
            st.sampled_from([(), ("indonesia",)]),
        ),
        max_size=4,
    ),
)
def test_bulk_scores_equal_job_by_job_scores(
    jobs_spec: list[tuple[list[str], list[str], str, tuple[str, str, float] | None]],
    rules_spec: list[tuple[list[str], list[str], str, float | None, tuple[str, ...]]],
) -> None:
    """The index scores every row at once (no Job objects); it must agree with Scorer.score."""
    jobs = [
        job(
            n,
            title=" ".join(words[:2]).upper(),
            description="Need: " + ", ".join(words[2:]),
            skills=skills,
            country=country,
            budget=Budget(b[0], b[1], b[2], b[2]) if b else None,  # type: ignore[arg-type]
        )
        for n, (words, skills, country, b) in enumerate(jobs_spec)
    ]
    rules = [
        Rule(
            id=f"r{k}",
            name=f"rule {k}",
            include=inc,
            exclude=exc,
            action=action,  # type: ignore[arg-type]
            tag="t" if action == "tag" else "",
            points=7,
            min_fixed=min_fixed,
            allow_countries=list(allow),
        )
        for k, (inc, exc, action, min_fixed, allow) in enumerate(rules_spec)
    ]
    scorer = compile_rules(rules, ["Audio Editing"])
    ix = JobIndex(jobs, {}, (), scorer)
    for j in jobs:
        row = ix.row_of[j.id]
        s = scorer.score(j)
        assert ix.score_total[row] == s.total == ix.score(row).total
        assert (ix.state[row] == "dismissed") == s.dismiss
        assert list(ix.tags[row]) == s.tags


_ANY_BUDGET = st.one_of(
    st.none(),
    st.builds(
        Budget,
        st.sampled_from(["fixed", "hourly", "salary"]),
        st.sampled_from(["USD", "EUR", "IDR", "XYZ"]),
        st.one_of(st.none(), st.floats(0, 1e9)),
        st.one_of(st.none(), st.floats(0, 1e9)),
    ),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_ANY_BUDGET, max_size=15))
def test_budget_sort_ranks_fixed_hourly_none_then_salary(budgets: list[Budget | None]) -> None:
    ix = JobIndex([job(n, budget=b) for n, b in enumerate(budgets)], {})
    ix.set_view("all")
    ix.set_sort("budget")

    def rank(b: Budget | None) -> int:
        if b is None or b.amount is None:
            return 2
        return {"fixed": 0, "hourly": 1, "salary": 3}[b.kind]

    ranks = [rank(budgets[int(ix.ids[r][1:])]) for r in ix.visible]
    assert ranks == sorted(ranks)
