"""`cockpit demo`: bundled feeds, Dewi's seed data, offline and deterministic."""

from __future__ import annotations

import socket
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.demo import story
from cockpit.demo.catalog import ALL_JOBS, FEEDS, HOSTILE_TITLE, JOBS_BY_FEED
from cockpit.demo.render import posted_at, render_feed
from cockpit.demo.seed import seed_demo
from cockpit.feeds.parse import parse_feed
from cockpit.feeds.refresh import refresh
from cockpit.models import Budget, Job, LedgerEntry, Proposal, Settings, from_iso
from cockpit.proposals import follow_ups
from cockpit.skills import normalize
from cockpit.store import Store
from cockpit.wallet import replay

NOW = datetime(2025, 3, 10, 9, 30, tzinfo=UTC)


@dataclass
class Seeded:
    folder: Path
    jobs: list[Job]
    feeds: list[Any]
    proposals: list[Proposal]
    ledger: list[LedgerEntry]
    settings: Settings
    store_data: dict[str, Any]


def load(folder: Path) -> Seeded:
    with Store.open(folder) as store:
        return Seeded(
            folder=folder,
            jobs=store.jobs.all(),
            feeds=store.feeds.all(),
            proposals=store.proposals.all(),
            ledger=store.ledger.all(),
            settings=store.settings.get(),
            store_data={
                "triage": store.triage.all_by_job(),
                "checklist": store.checklist.all(),
                "rules": store.rules.all(),
                "templates": store.templates.all(),
                "snippets": store.snippets.all(),
                "profile": store.profile.get(),
            },
        )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    folder = tmp_path_factory.mktemp("demo")
    seed_demo(folder, NOW)
    return load(folder)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the demo tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def by_title(demo: Seeded, title: str) -> Job:
    return next(j for j in demo.jobs if j.title == title)


# -- feeds and jobs -----------------------------------------------------------


def test_every_bundled_feed_format_yields_its_jobs(demo: Seeded) -> None:
    assert 60 <= len(demo.jobs) <= 100
    assert {j.source for j in demo.jobs} == {
        "upwork", "wwr", "freelancer", "jobns", "generic", "jsonfeed",
    }  # fmt: skip
    per_feed = Counter(fid for j in demo.jobs for fid in j.feed_ids)
    assert {f.id for f in demo.feeds} == set(per_feed)
    for feed in demo.feeds:
        assert feed.status.kind == "ok"
        assert feed.status.new_count == per_feed[feed.id] > 0
        assert feed.name


def test_fields_of_each_family_are_extracted(demo: Seeded) -> None:
    wwr = [j for j in demo.jobs if j.source == "wwr"]
    assert all(j.company and ": " not in j.title and j.job_type and j.country for j in wwr)
    upwork = [j for j in demo.jobs if j.source == "upwork"]
    assert all(j.budget and j.category and j.skills and j.country for j in upwork)
    assert not any(j.title.endswith("Upwork") for j in upwork)
    jobns = [j for j in demo.jobs if j.source == "jobns"]
    assert all(j.company and j.country and j.job_type and j.skills for j in jobns)
    freelancer = [j for j in demo.jobs if j.source == "freelancer"]
    assert all(j.budget and j.skills and "Budget:" not in j.description for j in freelancer)
    # Upwork's double-escaped text arrives as plain characters.
    ep = by_title(demo, "Mix 5-song indie pop EP (stems ready)")
    assert 'We\'re after a "warm, modern" mix.' in ep.description
    assert "&quot;" not in ep.description and "&amp;" not in ep.description


def test_budgets_keep_several_currencies_including_rupiah(demo: Seeded) -> None:
    currencies = Counter(j.budget.currency for j in demo.jobs if j.budget)
    assert {"USD", "EUR", "INR", "IDR"} <= set(currencies)
    assert {j.budget.kind for j in demo.jobs if j.budget} == {"fixed", "hourly", "salary"}
    rupiah = by_title(demo, "Edit podcast mingguan (bahasa Indonesia)").budget
    assert rupiah is not None
    assert (rupiah.currency, rupiah.min, rupiah.max) == ("IDR", 1_500_000, 3_000_000)


def test_job_board_salaries_are_seeded_as_yearly_pay(demo: Seeded) -> None:
    salaries = {j.title: j.budget for j in demo.jobs if j.budget and j.budget.kind == "salary"}
    assert set(salaries) == {
        "Audio Post-Production Engineer",
        "Laravel Developer (media platform)",
        "Frontend Engineer (Vue)",
        "Voice-over Producer",
    }
    assert all(by_title(demo, t).source == "jobns" for t in salaries)
    assert salaries["Frontend Engineer (Vue)"] == Budget("salary", "EUR", 55_000, 70_000)
    assert salaries["Voice-over Producer"] == Budget("salary", "IDR", 150_000_000, 210_000_000)
    # Part-time and contract prices on the same board stay gigs.
    assert by_title(demo, "Podcast Producer (part-time)").budget == Budget(
        "fixed", "USD", 1_200, 1_800
    )


def test_hostile_title_is_kept_literally(demo: Seeded) -> None:
    job = by_title(demo, HOSTILE_TITLE)
    assert job.title == "[b]Urgent[/b] mix [TODO]"


def test_posted_dates_follow_the_anchor(demo: Seeded) -> None:
    for job in demo.jobs:
        assert job.posted is not None
        assert NOW - timedelta(days=90) <= job.posted <= NOW
        assert job.fetched == NOW


def test_a_later_anchor_moves_every_date_but_no_id(tmp_path: Path, demo: Seeded) -> None:
    later = NOW + timedelta(days=400, hours=5)
    seed_demo(tmp_path, later)
    again = load(tmp_path)
    old = {j.id: j.posted or NOW for j in demo.jobs}
    assert {j.id for j in again.jobs} == set(old)
    for job in again.jobs:
        assert job.posted is not None
        # The shift is exact: every feed format carries the time to the second.
        assert job.posted - old[job.id] == later - NOW


def test_podcast_editing_demand_is_rising(demo: Seeded) -> None:
    def count(skill: str, newest: int, oldest: int) -> int:
        lo, hi = NOW - timedelta(days=oldest), NOW - timedelta(days=newest)
        return sum(
            1
            for j in demo.jobs
            if j.posted and lo <= j.posted < hi and skill in {normalize(s) for s in j.skills}
        )

    assert count("Podcast Editing", 0, 30) >= 3 * count("Podcast Editing", 30, 60)
    assert count("Audio Mixing", 0, 30) <= count("Audio Mixing", 30, 60)


def test_rendered_feeds_parse_completely() -> None:
    for feed in FEEDS:
        text, guids = render_feed(feed, JOBS_BY_FEED[feed.key], NOW)
        result = parse_feed(text.encode(), {}, "f", "")
        assert result.error == "" and result.warning == ""
        assert sorted(guids[j.guid] for j in result.jobs) == sorted(
            j.key for j in JOBS_BY_FEED[feed.key]
        )


def test_catalog_keys_are_unique() -> None:
    keys = [j.key for j in ALL_JOBS]
    assert len(keys) == len(set(keys))


# -- offline ------------------------------------------------------------------


def test_feeds_are_local_files_inside_the_demo_folder(demo: Seeded) -> None:
    for feed in demo.feeds:
        assert urlsplit(feed.url).scheme == ""
        path = Path(feed.url)
        assert path.is_absolute() and path.is_file()
        assert path.parent == demo.folder.resolve() / "feeds"


@pytest.mark.usefixtures("no_network")
def test_seeding_and_refreshing_never_touch_the_network(tmp_path: Path) -> None:
    seed_demo(tmp_path, NOW)
    with Store.open(tmp_path) as store:
        reports = refresh(store, force=True, now=NOW + timedelta(minutes=5))
        assert {r.kind for r in reports} == {"not_modified"}
        assert len(reports) == len(FEEDS)
        assert store.jobs.count() == len(ALL_JOBS)


def test_seeding_twice_gives_the_same_data(tmp_path: Path, demo: Seeded) -> None:
    seed_demo(tmp_path, NOW)
    again = load(tmp_path)
    assert sorted(j.id for j in again.jobs) == sorted(j.id for j in demo.jobs)

    def by_id(items: list[Proposal]) -> list[dict[str, Any]]:
        return [p.to_dict() for p in sorted(items, key=lambda p: p.id)]

    assert by_id(again.proposals) == by_id(demo.proposals)
    assert [e.to_dict() for e in again.ledger] == [e.to_dict() for e in demo.ledger]


# -- Dewi's data --------------------------------------------------------------


def test_profile_templates_snippets_and_rules(demo: Seeded) -> None:
    data = demo.store_data
    me = data["profile"]
    assert (me.name, me.rate) == ("Dewi", 15.0)
    assert {"Audio Editing", "Podcast Editing", "Mastering"} <= set(me.skills)
    assert me.portfolio_url.startswith("https://")
    assert len(data["templates"]) >= 3
    assert 2 <= len(data["snippets"]) <= 3
    assert {r.action for r in data["rules"]} == {"score", "dismiss", "tag"}
    assert any(r.points < 0 for r in data["rules"])


def test_triage_mixes_decisions_and_rule_effects(demo: Seeded) -> None:
    triage = demo.store_data["triage"]
    states = Counter(t.state for t in triage.values())
    assert states["applied"] == 15 and states["shortlist"] >= 3 and states["dismissed"] >= 3
    assert any(t.read and t.state == "new" for t in triage.values())
    for job in demo.jobs:
        if "crypto" in job.title.lower():
            assert triage[job.id].state == "dismissed"
    assert "urgent" in triage[by_title(demo, HOSTILE_TITLE).id].tags


def test_proposals_walk_the_pipeline(demo: Seeded) -> None:
    jobs = {j.id: j for j in demo.jobs}
    states = Counter(p.state for p in demo.proposals)
    assert set(states) >= {
        "draft", "submitted", "viewed", "interview", "declined",
        "no_response", "withdrawn", "job_cancelled",
    }  # fmt: skip
    assert "hired" not in states
    sent = [p for p in demo.proposals if p.state != "draft"]
    assert len(sent) == 15
    for p in demo.proposals:
        assert all(h["at"] for h in p.history)
        times = [from_iso(h["at"]) or NOW for h in p.history]
        assert p.history[0]["state"] == "draft"
        assert times == sorted(times)
        assert (jobs[p.job_id].posted or NOW) < times[0] and times[-1] <= NOW
        assert p.text and "{" not in p.text
    for p in sent:
        assert p.history[1]["state"] == "submitted" and p.connects_cost >= 3
    assert follow_ups(demo.proposals, NOW, demo.settings)


def test_ledger_replays_without_a_problem_or_a_negative_balance(demo: Seeded) -> None:
    entries = demo.ledger
    for i in range(1, len(entries) + 1):
        state = replay(entries[:i], entries[i - 1].at, demo.settings)
        assert state.problems == [] and state.balance >= 0
    final = replay(entries, NOW, demo.settings)
    assert final.problems == [] and final.balance >= 0
    kinds = Counter(e.kind for e in entries)
    assert kinds["purchase"] == 1 and kinds["refund"] == 1 and kinds["grant"] >= 3
    signup = entries[0]
    assert (signup.kind, signup.reason, signup.amount) == ("grant", "signup", 40)
    boosts = [e for e in entries if e.kind == "boost"]
    assert {b.charged for b in boosts} == {True, False}


def test_ledger_matches_the_proposals(demo: Seeded) -> None:
    by_id = {p.id: p for p in demo.proposals}
    spends = [e for e in demo.ledger if e.kind == "spend"]
    assert sorted(e.proposal_id for e in spends) == sorted(
        p.id for p in demo.proposals if p.state != "draft"
    )
    for e in spends:
        assert e.amount == by_id[e.proposal_id].connects_cost
        assert 3 <= e.amount <= 6
    refund = next(e for e in demo.ledger if e.kind == "refund")
    assert by_id[refund.proposal_id].state == "job_cancelled"
    assert replay(demo.ledger, NOW, demo.settings).spent_by_job.get(refund.job_id) == 0


def test_portfolio_checklist(demo: Seeded) -> None:
    items = demo.store_data["checklist"]
    status = Counter(i.status for i in items)
    assert status == {"done": 3, "todo": 2, "doing": 1}
    for item in items:
        if item.status == "done":
            assert item.skills and item.evidence.startswith("https://") and item.done_at


@settings(max_examples=40, deadline=None)
@given(st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2090, 12, 31)))
def test_ledger_is_valid_for_any_anchor(naive: datetime) -> None:
    now = naive.replace(tzinfo=UTC, microsecond=0)
    me = story.profile()
    items = story.checklist(now)
    jobs = {
        j.key: Job(id=j.key, title=j.title, skills=list(j.skills), posted=posted_at(j, now))
        for j in ALL_JOBS
    }
    proposals = {b.n: story.proposal(b, jobs[b.job], me, items, now) for b in story.BIDS}
    settings_ = Settings()
    entries = story.ledger(proposals, now, settings_)
    running = 0
    for entry in sorted(entries, key=lambda e: e.at):
        running += {"spend": -1, "boost": -int(entry.charged)}.get(entry.kind, 1) * entry.amount
        assert running >= 0 and entry.at <= now
    state = replay(entries, now, settings_)
    assert state.problems == [] and state.balance == running
    grants = [e for e in entries if e.kind == "grant" and e.reason == "monthly"]
    assert 2 <= len(grants) <= 3  # a 62-day history always spans two or three month starts
