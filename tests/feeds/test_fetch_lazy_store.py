"""`cockpit fetch` opens the store with its job shards on disk: a run of 304s never parses
them, and a refresh that found nothing new owes no backup; a damaged shard found late
stops the command before it writes."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from cockpit.cli import main
from cockpit.models import Job
from cockpit.store import Store, storage
from cockpit.store import db as store_db
from cockpit.store.backups import list_all
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]


def rss(*guids: str) -> bytes:
    items = "".join(
        f"<item><title>Podcast edit {g}</title><link>https://jobs.example/{g}</link>"
        f"<guid>{g}</guid><description>Edit weekly episodes {g}.</description></item>"
        for g in guids
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>'
    return f"{head}{items}</channel></rss>".encode()


class Feed:
    def __init__(self, server: LocalServer) -> None:
        self.body = rss("a", "b")
        server.routes["/rss"] = self._route
        self.url = server.url("/rss")

    def _route(self, handler: BaseHTTPRequestHandler) -> None:
        etag = '"' + hashlib.sha1(self.body).hexdigest()[:8] + '"'
        if handler.headers.get("If-None-Match") == etag:
            send(handler, 304)
        else:
            send(handler, 200, self.body, {"ETag": etag, "Content-Type": "application/rss+xml"})


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "--lang", "en", *args])


@pytest.fixture
def shard_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every job-shard folder parsed, by whichever path reads it."""
    seen: list[Path] = []
    real = storage.load_shards

    def counting(folder: Path, table: str = "jobs") -> Any:
        seen.append(folder)
        return real(folder, table)

    one = storage.load_shard

    def counting_one(path: Path) -> Any:
        seen.append(path.parent)
        return one(path)

    monkeypatch.setattr(storage, "load_shards", counting)
    monkeypatch.setattr(store_db, "load_shards", counting)
    monkeypatch.setattr(storage, "load_shard", counting_one)
    monkeypatch.setattr(store_db, "load_shard", counting_one)
    return seen


def test_a_run_of_304s_parses_no_job_and_takes_no_backup(
    tmp_path: Path, server: LocalServer, shard_reads: list[Path]
) -> None:
    feed, data = Feed(server), tmp_path / "data"
    assert run(data, "feeds", "add", feed.url) == 0
    assert run(data, "fetch") == 0
    with Store.open(data) as store:
        assert len(store.jobs.all()) == 2
    backups_before = list_all(data)
    shard_reads.clear()
    assert run(data, "fetch", "--force") == 0  # every feed answers 304
    assert shard_reads == []
    assert list_all(data) == backups_before  # nothing new: no restore point owed
    feed.body = rss("a", "b", "c")
    assert run(data, "fetch", "--force") == 0
    assert shard_reads  # new jobs: the shards are read to compare and store them
    with Store.open(data) as store:
        assert sorted(j.title for j in store.jobs.all())[-1] == "Podcast edit c"
        assert store.feeds.all()[0].status.kind == "ok"


def test_the_store_opens_lazily_only_when_asked(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.jobs.upsert_many([Job(id="j1", title="Mix a song")])
    with Store.open(folder, lazy_jobs=True) as store:
        assert store.jobs_storage._image is None
        assert [j.title for j in store.jobs.all()] == ["Mix a song"]
    with Store.open(folder) as store:
        assert store.jobs_storage._image is not None


def test_a_damaged_shard_found_late_stops_fetch_before_it_writes(
    tmp_path: Path, server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed, data = Feed(server), tmp_path / "data"
    assert run(data, "feeds", "add", feed.url) == 0
    assert run(data, "fetch") == 0
    shard = next((data / "jobs").glob("jobs-*.json"))
    shard.write_bytes(b"{not json")
    precious_before = (data / "precious.json").read_bytes()
    feed.body = rss("a", "b", "c")
    capsys.readouterr()
    assert run(data, "fetch", "--force") == 2
    err = capsys.readouterr().err
    assert shard.name in err
    assert shard.read_bytes() == b"{not json"  # nothing written over it
    assert (data / "precious.json").read_bytes() == precious_before  # feeds not moved either


def test_writes_that_hold_no_work_owe_no_restore_point(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data") as store:
        store.backup_now()
        assert not store.changed_since_backup
        store.run_write_owing_nothing(lambda: store.feeds.save_many([]))
        assert not store.changed_since_backup
        store.run_write(lambda: None)  # the user's work
        store.run_write_owing_nothing(lambda: store.feeds.save_many([]))
        assert store.changed_since_backup  # still owed for the earlier change

        store.backup_now()

        def meanwhile() -> None:  # another thread's change lands while this one is written
            other = threading.Thread(target=store._changed)
            other.start()
            other.join()

        store.run_write_owing_nothing(meanwhile)
        assert store.changed_since_backup
