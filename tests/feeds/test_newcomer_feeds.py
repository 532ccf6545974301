"""Issue #17, defects 9 and 10: category words are not skills; OPML says what it skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cockpit.feeds.extract import extract_from_text, job_from_jsonfeed_item
from cockpit.feeds.opml import (
    FeedSpec,
    is_local_path,
    parse_opml,
    read_opml,
    skipped_local_message,
)
from cockpit.feeds.parse import parse_feed
from cockpit.feeds.refresh import refresh
from cockpit.insights import demand
from cockpit.models import Feed, Job
from cockpit.skills import GENERIC_CATEGORIES, is_generic, normalize, normalize_all
from cockpit.store import Store
from tests.feeds.localserver import LocalServer, server
from tests.feeds.test_refresh import Site

__all__ = ["server"]

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
LISTED = "Job Jobs Other Others Remote Full-Time Part-Time Contract Freelance Anywhere Worldwide"
GENERIC = [*LISTED.split(), "All", "General", "Misc", "Full Time", "part time", "FULLTIME"]
GENERIC += ["jobs", "MISC.", " remote "]

# -- 9: generic category words ----------------------------------------------------------------


@pytest.mark.parametrize("word", GENERIC)
def test_generic_category_words_are_not_skills(word: str) -> None:
    assert is_generic(word)
    assert normalize(word) == ""
    assert normalize_all([word, "Audio Editing"]) == ["Audio Editing"]


@pytest.mark.parametrize(
    "skill", ["Remote Recording", "Job Costing", "General Ledger", "Contract Law", "Audio Editing"]
)
def test_skills_that_only_contain_such_a_word_stay(skill: str) -> None:
    assert not is_generic(skill)
    assert normalize(skill) == skill


def test_the_list_is_folded_keys() -> None:
    assert all(word == word.casefold() and " " not in word for word in GENERIC_CATEGORIES)


def test_a_users_own_alias_still_wins() -> None:
    assert normalize("Remote", {"remote": "Remote Session"}) == "Remote Session"


def rss(*categories: str) -> bytes:
    cats = "".join(f"<category>{c}</category>" for c in categories)
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>LaraJobs</title>'
        "<link>https://larajobs.example/</link><item><title>Podcast editor</title>"
        f"<link>https://larajobs.example/job/1</link><guid>1</guid>{cats}"
        "<description>Edit our show.</description></item></channel></rss>"
    ).encode()


def test_a_category_job_is_not_stored_as_a_skill() -> None:
    body = rss("Job", "Audio Editing", "Full-Time", "remote", "Podcast")
    [job] = parse_feed(body, {}, "lj", "https://larajobs.example/feed").jobs
    assert job.skills == ["Audio Editing", "Podcast"]


def test_json_feed_tags_lose_generic_words() -> None:
    item = {"id": "1", "url": "https://x.example/1", "title": "Mix", "tags": ["Other", "Mixing"]}
    job = job_from_jsonfeed_item(item)
    assert job is not None and job.skills == ["Mixing"]


def test_pasted_skills_lose_generic_words() -> None:
    job = extract_from_text("Mix my EP\nSkills: Freelance, Audio Mixing, Anywhere\nThanks")
    assert job.skills == ["Audio Mixing"]


def test_generic_words_stay_out_of_demand_figures() -> None:
    jobs = [
        Job(id=f"j{i}", title="t", skills=["Job", "Audio Editing"], fetched=NOW - timedelta(1))
        for i in range(3)
    ]
    names = [row.name for row in demand(jobs, {}, [], NOW) if row.kind == "skill"]
    assert names == ["Audio Editing"]


# -- 10: OPML import says how many local file feeds it skipped --------------------------------


def opml(*urls: str) -> bytes:
    outlines = "".join(f'<outline text="f{i}" xmlUrl="{u}"/>' for i, u in enumerate(urls))
    return f'<opml version="2.0"><body>{outlines}</body></opml>'.encode()


LOCAL = [
    "file:///home/ana/feed.xml",
    "FILE:/etc/passwd",
    "/home/ana/jobs.rss",
    "~/jobs.rss",
    "./jobs.rss",
    "../jobs.rss",
    "C:\\Users\\ana\\jobs.rss",
    "c:/jobs.rss",
    "\\\\server\\share\\jobs.rss",
]


@pytest.mark.parametrize("url", LOCAL)
def test_local_paths_are_recognised(url: str) -> None:
    assert is_local_path(url)


@pytest.mark.parametrize(
    "url",
    ["https://jobs.example/rss", "javascript:alert(1)", "data:text/xml,x", "jobs.rss", "//a.b/c"],
)
def test_other_addresses_are_not_local(url: str) -> None:
    assert not is_local_path(url)


def test_read_opml_counts_local_feeds_it_skipped() -> None:
    data = opml(
        "https://jobs.example/rss",
        *LOCAL,
        "file:///home/ana/feed.xml",  # the same file twice counts once
        "javascript:alert(1)",  # refused, but not a local file
        "data:text/xml,x",
    )
    read = read_opml(data)
    assert [s.url for s in read.specs] == ["https://jobs.example/rss"]
    assert read.skipped_local == len(LOCAL)


def test_parse_opml_is_unchanged_for_its_callers() -> None:
    data = opml("https://jobs.example/rss", "file:///home/ana/feed.xml")
    specs = parse_opml(data)
    assert specs == [FeedSpec(url="https://jobs.example/rss", name="f0", tags=[])]
    assert specs == read_opml(data).specs


def test_nothing_skipped_counts_zero() -> None:
    assert read_opml(opml("https://jobs.example/rss")).skipped_local == 0


def test_skipped_message() -> None:
    assert skipped_local_message(0) == ""
    assert skipped_local_message(1) == (
        "Skipped 1 local file feed: an OPML file from elsewhere may not read your files."
    )
    assert skipped_local_message(5) == (
        "Skipped 5 local file feeds: an OPML file from elsewhere may not read your files."
    )


def test_errors_still_raise() -> None:
    with pytest.raises(ValueError, match="not an OPML file"):
        read_opml(b"<rss/>")


# -- 8: a fetch reports what it stored, not the count of an earlier fetch ---------------------


def test_a_warning_feed_does_not_repeat_its_old_new_count(
    tmp_path: Path, server: LocalServer
) -> None:
    body = (Path(__file__).parent.parent / "fixtures/hostile/malformed_truncated.rss").read_bytes()
    url = Site(server).put("/bad.rss", body)
    store = Store.open(tmp_path / "data")
    try:
        store.feeds.save(Feed(id="f1", url=url, name="bad"))
        [first] = refresh(store, now=NOW)
        assert (first.kind, first.new_count) == ("warning", 2)
        assert first.message.endswith("read 2 jobs (2 new)")
        # The same body again (forced past the interval): nothing new is stored.
        [again] = refresh(store, now=NOW, force=True)
        assert store.jobs.count() == 2
        assert (again.kind, again.new_count) == ("warning", 0)
        assert again.message.endswith("(0 new)")
        assert "(2 new)" not in again.message
        status = store.feeds.get("f1")
        assert status is not None and "(2 new)" not in status.status.message
    finally:
        store.close()
