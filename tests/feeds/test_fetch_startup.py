"""`cockpit fetch` start-up and memory (issue 18): what an unchanged refresh imports,
reposts looked for one source at a time, and jobs stored in slices."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cockpit.feeds import refresh as refresh_module
from cockpit.feeds.dedup import find_reposts
from cockpit.feeds.refresh import REPOST_DAYS, refresh
from cockpit.models import Feed, Job
from cockpit.store import Store

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
WORDS = "please edit and clean up our weekly interview episodes remove noise level the voices"


def rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>Podcast edit {n}</title><link>https://jobs.example/{n}</link>"
        f"<guid>g{n}</guid><description>{WORDS} number {n}</description>"
        f"<pubDate>Mon, 02 Mar 2026 09:{n % 60:02d}:00 +0000</pubDate></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Audio Jobs</title>'
        f"<link>https://jobs.example/</link>{items}</channel></rss>"
    ).encode()


# Loaded only when a body changed, a mailbox or API feed is read, or `config` runs.
NOT_FOR_UNCHANGED = (
    "feedparser",
    "cockpit.feeds.parse",
    "cockpit.feeds.extract",
    "cockpit.feeds.dedup",
    "cockpit.feeds.rules",
    "cockpit.feeds.freelancer",
    "cockpit.mail.source",
    "cockpit.settings_check",
)

_PROBE = """
import json, sys
from cockpit.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_unchanged_fetch_imports_no_parser(tmp_path: Path) -> None:
    feed_file = tmp_path / "jobs.rss"
    feed_file.write_bytes(rss(3))
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.feeds.save(Feed(id="f1", url=str(feed_file), name="Audio"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COCKPIT_LANG": "en"}
    argv = ["--data-dir", str(data), "fetch"]
    first = subprocess.run(
        [sys.executable, "-m", "cockpit", *argv], env=env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert "3 new" in first.stdout
    second = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], env=env, capture_output=True, text=True
    )
    assert second.returncode == 0, second.stderr
    lines = second.stdout.splitlines()
    assert lines[0].startswith("SAME")
    loaded = set(json.loads(lines[-1])["modules"])
    assert "cockpit.feeds.refresh" in loaded
    assert sorted(loaded.intersection(NOT_FOR_UNCHANGED)) == []


def _job(job_id: str, source: str, title: str, days_ago: float, feed: str = "f1") -> Job:
    return Job(
        id=job_id,
        title=title,
        description=f"{WORDS} {title}",
        source=source,
        feed_ids=[feed],
        posted=NOW - timedelta(days=days_ago),
    )


def test_reposts_by_source_match_all_at_once(tmp_path: Path) -> None:
    stored = [
        _job("old-up", "upwork", "Mix my podcast episode", 3),
        _job("old-gen", "generic", "Mix my podcast episode", 2),
        _job("old-wwr", "wwr", "Senior audio engineer", 5),
        _job("ancient", "upwork", "Edit a wedding video", REPOST_DAYS + 5),
    ]
    new = [
        _job("new-up", "upwork", "Mix my podcast episode", 1),
        _job("new-gen", "generic", "Mix my podcast episode", 1),
        _job("new-gen2", "generic", "Mix my podcast episode", 0.5),
        _job("new-wwr", "wwr", "Senior audio engineer", 1, feed="f2"),
        _job("new-up2", "upwork", "Edit a wedding video", 1),
        _job("new-paste", "paste", "Mix my podcast episode", 1),
    ]
    with Store.open(tmp_path / "data") as store:
        store.jobs.upsert_many(stored)
        # The answer dedup gives with every source at once, as before.
        expected = find_reposts(
            [Job.from_dict(j.to_dict()) for j in new],
            [Job.from_dict(j.to_dict()) for j in stored[:3]],
            days=REPOST_DAYS,
        )
        batch = {job.id: job for job in new}
        refresh_module._mark_reposts(store, batch, NOW)
    got = {job.id: job.repost_of for job in new if job.repost_of}
    assert got == expected
    # wwr reposts are site-wide; upwork's wedding video is too old; a paste has no peer.
    assert got == {
        "new-up": "old-up",
        "new-gen": "old-gen",
        "new-gen2": "old-gen",
        "new-wwr": "old-wwr",
    }


def test_jobs_already_stored_read_no_recent_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    real = refresh_module._recent_jobs

    def counted(*args: Any) -> dict[str, list[Job]]:
        built.append(1)
        return real(*args)

    monkeypatch.setattr(refresh_module, "_recent_jobs", counted)
    job = _job("known", "generic", "Mix my podcast episode", 1)
    with Store.open(tmp_path / "data") as store:
        store.jobs.upsert_many([job])
        refresh_module._mark_reposts(store, {"known": Job.from_dict(job.to_dict())}, NOW)
    assert built == []


def test_jobs_stored_in_slices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh_module, "UPSERT_SLICE", 3)
    feed_file = tmp_path / "jobs.rss"
    feed_file.write_bytes(rss(10))
    with Store.open(tmp_path / "data") as store:
        store.feeds.save(Feed(id="f1", url=str(feed_file), name="Audio"))
        first = refresh(store, now=NOW)
        assert [r.new_count for r in first] == [10]
        assert len(set(first[0].new_ids)) == 10
        assert store.jobs.count() == 10
        feed_file.write_bytes(rss(14))
        second = refresh(store, now=NOW + timedelta(hours=1))
        assert [r.new_count for r in second] == [4]
        assert store.jobs.count() == 14
    with Store.open(tmp_path / "data") as store:  # all of it on disk
        assert store.jobs.count() == 14


def test_fetch_pauses_the_collector_and_gives_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from cockpit import cli, cli_data

    seen: dict[str, bool] = {}

    def spy(name: str) -> Any:
        def handler(args: Any, paths: Any) -> int:
            seen[name] = gc.isenabled()
            return 0

        return handler

    monkeypatch.setitem(cli_data.HANDLERS, "fetch", spy("fetch"))
    monkeypatch.setitem(cli_data.HANDLERS, "report", spy("report"))
    assert gc.isenabled()
    assert cli.main(["--data-dir", str(tmp_path), "fetch"]) == 0
    assert gc.isenabled()
    assert cli.main(["--data-dir", str(tmp_path), "report"]) == 0
    assert gc.isenabled()
    assert seen == {"fetch": False, "report": True}
