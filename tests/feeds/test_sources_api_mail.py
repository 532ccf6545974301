"""A Freelancer.com search and a Maildir as refresh sources, end to end on a real Store.

The API is served on 127.0.0.1 from responses built in the documented format; the
Maildir is built in tmp_path. No test touches the network.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from cockpit.feeds.refresh import refresh
from cockpit.feeds.sources import check_feed_url
from cockpit.models import Feed
from cockpit.store import Store
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
API_PATH = "/api/projects/0.1/projects/active/"
MAIL = Path(__file__).parent.parent / "fixtures" / "mail"


def project(pid: int, title: str, *, bids: int = 3, currency: str = "USD") -> dict[str, object]:
    return {
        "id": pid,
        "owner_id": 7,
        "title": title,
        "seo_url": f"audio/{title.lower().replace(' ', '-')}-{pid}",
        "currency": {"code": currency, "sign": "$", "exchange_rate": 1},
        "preview_description": "Edit and mix a podcast episode, remove noise.",
        "jobs": [{"id": 1, "name": "Audio Editing"}, {"id": 2, "name": "Audio Production"}],
        "type": "fixed",
        "budget": {"minimum": 30, "maximum": 250},
        "bid_stats": {"bid_count": bids, "bid_avg": 120.5},
        "time_submitted": int((NOW - timedelta(hours=2)).timestamp()),
    }


def page(projects: list[dict[str, object]], total: int) -> bytes:
    result = {"projects": projects, "users": {}, "total_count": total}
    return json.dumps({"status": "success", "result": result, "request_id": "x"}).encode()


class Api:
    """Serves pages by offset; ``error`` makes every answer an API error body."""

    def __init__(self, server: LocalServer) -> None:
        self.pages: dict[int, bytes] = {}
        self.error = False
        self.queries: list[dict[str, list[str]]] = []
        server.routes[API_PATH] = self._route
        self.base = server.url(API_PATH)

    def _route(self, handler: BaseHTTPRequestHandler) -> None:
        query = parse_qs(urlsplit(handler.path).query)
        self.queries.append(query)
        if self.error:
            body = json.dumps({"status": "error", "message": "Invalid query", "error_code": "x"})
            send(handler, 400, body.encode(), {"Content-Type": "application/json"})
            return
        offset = int(query.get("offset", ["0"])[0])
        body = self.pages.get(offset, page([], 0))
        send(handler, 200, body, {"Content-Type": "application/json"})


@pytest.fixture
def api(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> Api:
    site = Api(server)
    monkeypatch.setenv("COCKPIT_FREELANCER_API", site.base)
    return site


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "data")
    yield store
    store.close()


def add(db: Store, url: str) -> Feed:
    feed = Feed(id="f1", url=check_feed_url(url))
    db.feeds.save(feed)
    return feed


def test_freelancer_search_pages_into_jobs_with_bid_signals(db: Store, api: Api) -> None:
    from cockpit.feeds.freelancer import PAGE_SIZE

    first = [project(100 + i, f"Podcast edit {i}") for i in range(PAGE_SIZE)]
    api.pages[0] = page(first, PAGE_SIZE + 1)
    api.pages[PAGE_SIZE] = page([project(999, "Mix an album", bids=42, currency="IDR")], 51)
    feed = add(db, 'freelancer:"audio editing"')
    assert feed.url == "freelancer:audio editing"

    [report] = refresh(db, force=True, now=NOW)
    assert report.kind == "ok", report.message
    assert report.new_count == PAGE_SIZE + 1
    assert [q["query"] for q in api.queries] == [["audio editing"], ["audio editing"]]
    jobs = {j.title: j for j in db.jobs.all()}
    album = jobs["Mix an album"]
    assert album.budget is not None and album.budget.currency == "IDR"
    assert album.signals is not None and album.signals.latest is not None
    assert (album.signals.latest.bids, album.signals.latest.bid_avg) == (42, 120.5)
    assert album.link.startswith("https://www.freelancer.com/projects/")
    assert "f1" in album.feed_ids

    # Nothing changed on the API: the same pages are not stored again.
    [again] = refresh(db, force=True, now=NOW + timedelta(hours=1))
    assert again.kind == "not_modified" and again.new_count == 0


def test_a_project_seen_again_gains_its_new_bid_count(db: Store, api: Api) -> None:
    api.pages[0] = page([project(5, "Master an EP", bids=4)], 1)
    add(db, "freelancer:mastering")
    refresh(db, force=True, now=NOW)
    api.pages[0] = page([project(5, "Master an EP", bids=31)], 1)
    [report] = refresh(db, force=True, now=NOW + timedelta(hours=2))
    assert report.new_count == 0  # the same job, not a new one
    [job] = db.jobs.all()
    assert job.signals is not None
    assert [r.bids for r in job.signals.readings] == [4, 31]
    # The same count again (in a page that changed otherwise) adds no reading.
    api.pages[0] = page([project(5, "Master an EP", bids=31), project(6, "Mix a single")], 2)
    [third] = refresh(db, force=True, now=NOW + timedelta(hours=3))
    assert third.new_count == 1
    job = next(j for j in db.jobs.all() if j.title == "Master an EP")
    assert job.signals is not None and len(job.signals.readings) == 2


def test_freelancer_api_error_is_the_feeds_error_and_keeps_jobs(db: Store, api: Api) -> None:
    api.pages[0] = page([project(1, "Voice over cleanup")], 1)
    add(db, "freelancer:voice over")
    refresh(db, force=True, now=NOW)
    api.error = True
    [report] = refresh(db, force=True, now=NOW + timedelta(hours=1))
    assert report.kind == "error"
    assert "400" in report.message or "Invalid query" in report.message
    assert [j.title for j in db.jobs.all()] == ["Voice over cleanup"]
    stored = db.feeds.get("f1")
    assert stored is not None and stored.status.kind == "error"


def test_a_freelancer_query_must_not_be_empty() -> None:
    with pytest.raises(ValueError):
        check_feed_url('freelancer:""')


def maildir(tmp_path: Path) -> Path:
    box = tmp_path / "Mail" / "alerts"
    for sub in ("new", "cur", "tmp"):
        (box / sub).mkdir(parents=True)
    return box


def test_maildir_source_reads_only_messages_it_has_not_seen(db: Store, tmp_path: Path) -> None:
    box = maildir(tmp_path)
    shutil.copy(MAIL / "upwork_plain.eml", box / "new" / "1.host")
    feed = add(db, str(box))
    assert feed.url == "maildir:" + str(box.resolve())

    [first] = refresh(db, now=NOW)
    assert first.kind == "ok" and first.new_count == 1, first.message
    stored = db.feeds.get("f1")
    assert stored is not None and len(stored.seen_messages) == 1

    # The mail client marks it read (new/ -> cur/ with flags): not a new job, not read again.
    (box / "new" / "1.host").rename(box / "cur" / "1.host:2,S")
    [moved] = refresh(db, now=NOW + timedelta(minutes=1))
    assert moved.new_count == 0
    assert len(db.jobs.all()) == 1

    shutil.copy(MAIL / "projects_alert.eml", box / "new" / "2.host")
    [second] = refresh(db, now=NOW + timedelta(minutes=2))
    assert second.new_count == 1
    assert len(db.jobs.all()) == 2
    again = db.feeds.get("f1")
    assert again is not None and len(again.seen_messages) == 2

    # Unchanged folder: nothing is parsed, the feed says so.
    [same] = refresh(db, now=NOW + timedelta(minutes=3))
    assert same.kind in ("not_modified", "ok") and same.new_count == 0


def test_a_maildir_that_disappears_is_an_error_not_a_crash(db: Store, tmp_path: Path) -> None:
    box = maildir(tmp_path)
    shutil.copy(MAIL / "upwork_plain.eml", box / "new" / "1.host")
    add(db, "maildir:" + str(box))
    refresh(db, now=NOW)
    shutil.rmtree(box)
    [report] = refresh(db, now=NOW + timedelta(minutes=5))
    assert report.kind == "error" and report.message
    assert len(db.jobs.all()) == 1  # the jobs read before stay


def test_an_mbox_source_takes_the_appended_message_only(db: Store, tmp_path: Path) -> None:
    source = MAIL / "alerts.mbox"
    box = tmp_path / "alerts.mbox"
    data = source.read_bytes()
    # Keep the first message only, then append the rest later.
    cut = data.find(b"\nFrom ", 1)
    assert cut > 0
    box.write_bytes(data[: cut + 1])
    feed = add(db, "mbox:" + str(box))
    assert feed.url.startswith("mbox:")
    [first] = refresh(db, now=NOW)
    assert first.new_count == 1, first.message
    box.write_bytes(data)
    [second] = refresh(db, now=NOW + timedelta(minutes=1))
    total = data.count(b"\nFrom ") + 1
    assert second.new_count == total - 1
