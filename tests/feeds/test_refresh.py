"""refresh(): fetch -> parse -> dedup -> store -> rules, end to end on a real Store."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from cockpit.feeds.refresh import FeedReport, _parse_all, notable_ids, refresh
from cockpit.models import Feed, Job, Profile, Rule, Settings
from cockpit.store import Store
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
WORDS = "please edit and clean up our weekly interview episodes remove noise level the voices"


def item(guid: str, title: str, description: str = WORDS, when: str = "02 Mar 2026 09:00") -> str:
    return (
        f"<item><title>{title}</title><link>https://jobs.example/{guid}</link>"
        f"<guid>{guid}</guid><description>{description}</description>"
        f"<pubDate>Mon, {when}:00 +0000</pubDate></item>"
    )


def rss(*items: str, title: str = "Audio Jobs") -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://jobs.example/</link>{''.join(items)}"
        "</channel></rss>"
    ).encode()


class Site:
    """Serves a body per path with ETag support, which tests can change."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.bodies: dict[str, bytes] = {}
        self.status: dict[str, int] = {}

    def put(self, path: str, body: bytes, status: int = 200) -> str:
        self.bodies[path] = body
        self.status[path] = status
        self.server.routes[path] = self._route
        return self.server.url(path)

    def _route(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        body, status = self.bodies[path], self.status[path]
        etag = '"' + hashlib.sha1(body).hexdigest()[:8] + '"'
        if status == 200 and handler.headers.get("If-None-Match") == etag:
            send(handler, 304)
        else:
            send(handler, status, body, {"ETag": etag, "Content-Type": "application/rss+xml"})


@pytest.fixture
def site(server: LocalServer) -> Site:
    return Site(server)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "data")
    yield store
    store.close()


def by_title(store: Store) -> dict[str, Job]:
    return {j.title: j for j in store.jobs.all()}


def test_end_to_end_with_rules_and_conditional_get(db: Store, site: Site) -> None:
    audio = site.put(
        "/audio.rss",
        rss(
            item("a1", "Podcast editor needed"),
            item("a2", "Crypto shill voice over", "buy my token now please"),
            item("a3", "Mix and master an EP", "six songs, stems ready, rock band"),
        ),
    )
    remote = site.put(
        "/remote.rss",
        rss(item("a3", "Mix and master an EP", "six songs, stems ready, rock band"), title="R"),
    )
    db.feeds.save(Feed(id="audio", url=audio))
    db.feeds.save(Feed(id="remote", url=remote, name="Remote board"))
    db.rules.save(Rule(id="r1", name="No crypto", include=["crypto"], action="dismiss"))
    db.rules.save(Rule(id="r2", name="Audio", include=["podcast"], action="tag", tag="audio"))
    db.rules.save(Rule(id="r3", name="Music", include=["master"], points=25))
    db.profile.save(Profile(skills=["Mixing"]))
    db.settings.save(Settings(notify_score=20))
    calls: list[tuple[int, int]] = []

    reports = refresh(db, progress=lambda d, t: calls.append((d, t)), now=NOW)

    assert calls[-1] == (2, 2)
    first, second = reports
    assert (first.feed_id, first.kind, first.new_count) == ("audio", "ok", 3)
    # The shared job was new for the first feed only, but belongs to both.
    assert (second.feed_id, second.kind, second.new_count) == ("remote", "ok", 0)
    assert first.name == "Audio Jobs"  # an unnamed feed takes the feed's title
    assert first.summary_line() == "OK    Audio Jobs  3 new"
    jobs = by_title(db)
    assert db.jobs.count() == 3
    assert sorted(jobs["Mix and master an EP"].feed_ids) == ["audio", "remote"]
    crypto = db.triage.get(jobs["Crypto shill voice over"].id)
    assert crypto is not None and crypto.state == "dismissed"
    podcast = db.triage.get(jobs["Podcast editor needed"].id)
    assert podcast is not None and podcast.state == "new" and podcast.tags == ["audio"]
    assert db.triage.get(jobs["Mix and master an EP"].id) is None
    assert notable_ids(reports) == [jobs["Mix and master an EP"].id]

    feed = db.feeds.get("audio")
    assert feed is not None
    assert feed.name == "Audio Jobs"
    assert feed.etag.startswith('"') and feed.body_hash and feed.failures == 0
    assert feed.last_fetched == NOW
    assert (feed.status.kind, feed.status.new_count, feed.status.at) == ("ok", 3, NOW)
    assert db.feeds.get("remote").name == "Remote board"  # type: ignore[union-attr]

    # Within the minimum interval nothing is fetched; forcing sends the ETag and gets a 304.
    seen = len(site.server.seen)
    skipped = refresh(db, now=NOW + timedelta(minutes=1))
    assert [r.kind for r in skipped] == ["skipped", "skipped"]
    assert len(site.server.seen) == seen
    again = refresh(db, force=True, now=NOW + timedelta(minutes=2))
    assert [r.kind for r in again] == ["not_modified", "not_modified"]
    assert again[0].summary_line() == "SAME  Audio Jobs  no changes"
    assert site.server.headers_for("/audio.rss")[-1]["if-none-match"] == feed.etag
    assert db.jobs.count() == 3


def test_a_failing_feed_keeps_its_jobs(db: Store, site: Site) -> None:
    url = site.put("/f.rss", rss(item("x1", "Edit a podcast")))
    db.feeds.save(Feed(id="f", url=url, name="F"))
    refresh(db, now=NOW)
    good = db.feeds.get("f")
    assert good is not None
    site.put("/f.rss", b"oops", status=500)

    (report,) = refresh(db, force=True, now=NOW + timedelta(minutes=1))

    assert (report.kind, report.message) == ("error", "HTTP 500 Internal Server Error")
    assert report.summary_line() == "ERR   F  HTTP 500 Internal Server Error"
    assert db.jobs.count() == 1
    feed = db.feeds.get("f")
    assert feed is not None
    assert feed.failures == 1 and feed.status.kind == "error"
    assert (feed.etag, feed.body_hash) == (good.etag, good.body_hash)


def test_rate_limit_sets_retry_after_and_is_then_respected(db: Store, site: Site) -> None:
    def limited(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 429, b"", {"Retry-After": "600"})

    site.server.routes["/busy.rss"] = limited
    db.feeds.save(Feed(id="b", url=site.server.url("/busy.rss"), name="Busy"))
    (report,) = refresh(db, now=NOW)
    assert report.kind == "error"
    feed = db.feeds.get("b")
    assert feed is not None and feed.retry_after_until == NOW + timedelta(minutes=10)
    (later,) = refresh(db, force=True, now=NOW + timedelta(minutes=5))
    assert later.kind == "skipped"
    assert "12:10 UTC" in later.message
    assert len(site.server.seen) == 1


def test_html_instead_of_a_feed_is_an_error_and_retried_in_full(db: Store, site: Site) -> None:
    url = site.put("/page", b"<!doctype html><html><body>Sign in</body></html>")
    db.feeds.save(Feed(id="p", url=url, name="Page"))
    (report,) = refresh(db, now=NOW)
    assert report.kind == "error"
    assert "HTML" in report.message
    feed = db.feeds.get("p")
    assert feed is not None
    # Nothing was learnt, so the next refresh downloads and parses again.
    assert (feed.etag, feed.body_hash) == ("", "")


def test_bozo_feed_with_entries_is_a_warning(db: Store, site: Site) -> None:
    broken = rss(item("w1", "Voice over for an ad")).replace(b"</channel></rss>", b"<oops>")
    url = site.put("/broken.rss", broken)
    db.feeds.save(Feed(id="w", url=url, name="W"))
    (report,) = refresh(db, now=NOW)
    assert report.kind == "warning"
    assert report.new_count == 1
    assert "(1 new)" in report.message
    assert report.summary_line().startswith("WARN  W  ")
    feed = db.feeds.get("w")
    assert feed is not None and feed.status.kind == "warning"
    (same,) = refresh(db, force=True, now=NOW + timedelta(minutes=1))
    assert same.kind == "warning"  # unchanged body: the warning still stands


def test_repost_is_marked_and_not_notable(db: Store, site: Site) -> None:
    url = site.put("/r.rss", rss(item("old", "Podcast editor needed", when="01 Mar 2026 08:00")))
    db.feeds.save(Feed(id="r", url=url, name="R"))
    db.rules.save(Rule(id="hot", name="Hot", include=["podcast"], points=50))
    (first,) = refresh(db, now=NOW)
    assert len(first.notable_ids) == 1
    site.put("/r.rss", rss(item("new", "Podcast editor needed", when="02 Mar 2026 10:00")))

    (second,) = refresh(db, force=True, now=NOW + timedelta(hours=1))

    assert second.new_count == 1
    assert second.notable_ids == []
    assert db.jobs.count() == 2
    old = next(j for j in db.jobs.all() if j.id in first.new_ids)
    new = next(j for j in db.jobs.all() if j.id in second.new_ids)
    assert new.repost_of == old.id


def test_many_changed_feeds_parse_in_processes(db: Store, tmp_path: Path) -> None:
    for i in range(4):
        path = tmp_path / f"feed{i}.rss"
        path.write_bytes(rss(item(f"g{i}", f"Job number {i}"), item("shared", "Shared job")))
        db.feeds.save(Feed(id=f"f{i}", url=str(path), name=f"Local {i}"))
    reports = refresh(db, now=NOW)
    assert [r.kind for r in reports] == ["ok"] * 4
    assert [r.new_count for r in reports] == [2, 1, 1, 1]
    assert db.jobs.count() == 5
    inline = refresh(db, force=True, now=NOW, pool_threshold=99)
    assert [r.kind for r in inline] == ["not_modified"] * 4  # same bytes: not parsed again


def test_parse_pool_really_uses_processes_and_keeps_order() -> None:
    work: list[tuple[bytes, dict[str, str], str, str]] = [
        (rss(item(f"p{i}", f"Title {i}")), {}, f"f{i}", "") for i in range(4)
    ]
    results, in_processes = _parse_all(work, threshold=2)
    assert in_processes
    assert [r.jobs[0].title for r in results] == [f"Title {i}" for i in range(4)]
    assert [r.jobs[0].feed_ids for r in results] == [[f"f{i}"] for i in range(4)]
    inline, pooled = _parse_all(work[:1], threshold=2)
    assert not pooled and inline[0].jobs[0].title == "Title 0"


def test_upwork_feed_is_refused_and_only_listed_feeds_run(db: Store, tmp_path: Path) -> None:
    db.feeds.save(Feed(id="up", url="https://www.upwork.com/ab/feed/jobs/rss?q=audio", name="Up"))
    db.feeds.save(Feed(id="off", url=str(tmp_path / "x.rss"), name="Off", enabled=False))
    reports = refresh(db, now=NOW)
    assert [r.feed_id for r in reports] == ["up"]  # disabled feeds sit out
    assert reports[0].kind == "error"
    assert "Upwork closed its RSS" in reports[0].message
    (only,) = refresh(db, ["off"], now=NOW)  # asked for by id: runs even though disabled
    assert only.feed_id == "off" and only.message.startswith("file not found")
    assert refresh(db, ["nope"], now=NOW) == []


def test_summary_lines() -> None:
    assert FeedReport("a", "WWR", "ok", 12).summary_line() == "OK    WWR  12 new"
    assert FeedReport("a", "WWR", "error").status == "error"
    assert FeedReport("a", "WWR", "error", message="timeout").summary_line() == "ERR   WWR  timeout"
    skip = FeedReport("a", "WWR", "skipped", message="fetched recently; next fetch in 5 min")
    assert skip.summary_line() == "SKIP  WWR  fetched recently; next fetch in 5 min"
