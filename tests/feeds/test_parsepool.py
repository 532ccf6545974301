"""ParsePool: bodies parsed as they arrive, in processes from the threshold on."""

from __future__ import annotations

import pytest

from cockpit.feeds import parsepool
from cockpit.feeds.parsepool import ParsePool, Work, parse_all


def work(i: int) -> Work:
    body = (
        '<rss version="2.0"><channel><title>T</title>'
        f"<item><title>Job {i}</title><guid>g{i}</guid></item></channel></rss>"
    ).encode()
    return (body, {}, f"f{i}", "")


def test_below_the_threshold_bodies_wait_and_are_parsed_inline() -> None:
    pool = ParsePool(threshold=3, expected=5)
    pool.add(7, work(7))
    pool.add(2, work(2))
    assert pool.pool is None and pool.held.keys() == {7, 2}
    done = pool.results()
    assert not pool.used_processes
    assert {k: r.jobs[0].title for k, r in done.items()} == {7: "Job 7", 2: "Job 2"}


def test_from_the_threshold_on_bodies_go_to_processes_at_once() -> None:
    pool = ParsePool(threshold=2, expected=4)
    pool.add(0, work(0))
    assert pool.pool is None
    pool.add(1, work(1))  # the threshold: both go out now
    assert pool.pool is not None and not pool.held and set(pool.sent) == {0, 1}
    pool.add(2, work(2))
    assert set(pool.sent) == {0, 1, 2}
    done = pool.results()
    assert pool.used_processes and pool.pool is None  # shut down
    assert [done[k].jobs[0].feed_ids for k in range(3)] == [["f0"], ["f1"], ["f2"]]


def test_no_processes_means_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no sem_open here")

    monkeypatch.setattr(parsepool, "ProcessPoolExecutor", refuse)
    results, in_processes = parse_all([work(i) for i in range(4)], threshold=2)
    assert not in_processes
    assert [r.jobs[0].title for r in results] == [f"Job {i}" for i in range(4)]


def test_a_bad_body_costs_one_feed() -> None:
    results, _ = parse_all([work(0), (b"\x89PNG junk", {}, "f1", ""), work(2)], threshold=99)
    assert [bool(r.jobs) for r in results] == [True, False, True]
    assert "binary" in results[1].error


def test_parse_messages_are_stored_in_english_whatever_the_language() -> None:
    """Workers and the parent write the English msgid; the screen translates it when shown."""
    from cockpit import i18n
    from cockpit.feeds.messages import shown
    from cockpit.feeds.parse import parse_feed

    i18n.set_language("id")
    try:
        assert parse_feed(b"", {}, "f").error == "empty body"
        empty: Work = (b"   ", {}, "f", "")
        results, in_processes = parse_all([empty, empty, work(1)], threshold=2)
        assert in_processes
        assert [r.error for r in results[:2]] == ["empty body", "empty body"]
        assert shown(results[0].error) == "isi kosong"
    finally:
        i18n.set_language("en")
    assert shown(parse_feed(b"", {}, "f").error) == "empty body"


def test_a_body_is_let_go_once_its_worker_has_parsed_it() -> None:
    """60 bodies of 10 MB must not all stay alive until the refresh ends."""
    import time

    pool = ParsePool(threshold=1, expected=3)
    for i in range(3):
        pool.add(i, work(i))
    futures = [entry[0] for entry in pool.sent.values()]
    for future in futures:
        future.result(timeout=60)
    for _ in range(100):  # done-callbacks run just after the result is set
        if all(entry[1] is None for entry in pool.sent.values()):
            break
        time.sleep(0.01)
    assert all(entry[1] is None for entry in pool.sent.values())
    done = pool.results()
    assert [done[k].jobs[0].title for k in range(3)] == ["Job 0", "Job 1", "Job 2"]
