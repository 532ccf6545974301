"""The cyclic GC is held off while a refresh runs, and always handed back."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.feeds.refresh import collector_paused, refresh
from cockpit.models import Feed
from cockpit.store import Store
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_overlapping_refreshes_resume_when_the_last_ends() -> None:
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    assert entered.wait(5)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other refresh is still running
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_the_app_turned_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_refresh_runs_with_the_collector_paused(tmp_path: Path, server: LocalServer) -> None:
    server.routes["/a.rss"] = lambda h: send(h, 200, b"<rss/>", {"Content-Type": "text/xml"})
    states: list[bool] = []
    with Store.open(tmp_path / "data") as store:
        store.feeds.save(Feed(id="a", url=server.url("/a.rss")))
        refresh(store, force=True, progress=lambda done, total: states.append(gc.isenabled()))
    assert states == [False]
    assert gc.isenabled()
