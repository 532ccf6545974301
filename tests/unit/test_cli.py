"""The command line: version, help, paths, feeds, jobs, restore, lock refusal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cockpit import __version__
from cockpit.cli import main
from cockpit.models import Feed
from cockpit.store import Store, backups


def run(*args: str) -> int:
    return main(list(args))


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run("--version")
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run("--help")
    out = capsys.readouterr().out
    for command in ("demo", "paths", "restore", "feeds", "fetch", "jobs", "report"):
        assert command in out


def test_paths_follow_data_dir(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("paths") == 0
    assert f"data     {data_dir}" in capsys.readouterr().out
    other = data_dir.parent / "other"
    assert run("--data-dir", str(other), "paths") == 0
    assert str(other) in capsys.readouterr().out


def test_feeds_add_list_rm(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run("feeds", "add", "https://weworkremotely.com/x.rss", "--name", "WWR", "--tag", "design")
        == 0
    )
    assert run("feeds", "list") == 0
    out = capsys.readouterr().out
    assert "WWR" in out and "[design]" in out
    feed_id = out.split()[1]
    assert run("feeds", "rm", feed_id) == 0
    assert run("feeds", "rm", "nope") == 2
    assert "no feed with id" in capsys.readouterr().err


def test_feeds_add_takes_a_minimum_interval(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("feeds", "add", "https://a.example/rss", "--min-interval", "60") == 0
    assert run("feeds", "add", "https://b.example/rss") == 0
    with Store.open(data_dir) as s:
        minutes = {f.url: f.min_interval_minutes for f in s.feeds.all()}
    assert minutes == {"https://a.example/rss": 60, "https://b.example/rss": 15}
    assert run("feeds", "list") == 0
    assert "every 60 min" in capsys.readouterr().out
    for bad in ("soon", "-5", "99999"):
        assert run("feeds", "add", "https://c.example/rss", "--min-interval", bad) == 2
        assert "interval must" in capsys.readouterr().err
    with Store.open(data_dir) as s:
        assert len(s.feeds.all()) == 2  # nothing half-added


def test_upwork_is_never_added(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("feeds", "add", "https://www.upwork.com/ab/feed/topics/rss?x=1") == 2
    assert "Upwork closed" in capsys.readouterr().err
    with Store.open(data_dir) as s:
        assert s.feeds.all() == []


def test_bad_feed_urls_are_explained(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("feeds", "add", "ftp://example.com/feed") == 2
    assert "not supported" in capsys.readouterr().err
    assert run("feeds", "add", str(data_dir / "missing.xml")) == 2
    assert "no such file" in capsys.readouterr().err


def test_second_instance_exits_nonzero(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_dir):
        assert run("feeds", "add", "https://a.example/rss") == 1  # writing: refused
        assert "Another Cockpit (pid" in capsys.readouterr().err
        assert run("feeds", "list") == 0  # reading: a snapshot
        assert run() == 1  # the TUI refuses before taking the screen


def test_restore_brings_back_newest_backup(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        s.backup_if_due()
    (data_dir / "precious.json").write_bytes(b"\0\0\0")
    assert run("feeds", "list") == 2
    err = capsys.readouterr().err
    assert "precious.json" in err and "cockpit restore" in err
    assert run("restore", "--list") == 0
    assert "1 feed" in capsys.readouterr().out
    assert run("restore") == 0, "after damage no question is asked"
    assert run("feeds", "list") == 0
    assert "f1" in capsys.readouterr().out
    assert any(p.name.startswith("precious.json.corrupt-") for p in data_dir.iterdir())
    assert backups.newest_good(data_dir) is not None


def test_restore_of_a_healthy_store_asks_and_says_what_is_lost(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        old = s.backup_now()
        s.feeds.save(Feed(id="f2", url="https://example.com/2.rss"))
    assert old is not None
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run("restore", old.name) == 1
    captured = capsys.readouterr()
    assert "1 feed" in captured.out and "--yes" in captured.err
    with Store.open(data_dir) as s:
        assert len(s.feeds.all()) == 2, "nothing changed without a yes"
    assert run("restore", old.name, "--yes") == 0
    out = capsys.readouterr().out
    assert "replaced" in out
    with Store.open(data_dir) as s:
        assert [f.id for f in s.feeds.all()] == ["f1"]
    kept = [b for b in backups.list_all(data_dir) if b.name.endswith("-replaced")]
    assert kept and kept[0].name in out
    assert run("restore", kept[0].name, "--yes") == 0
    with Store.open(data_dir) as s:
        assert len(s.feeds.all()) == 2, "the set kept aside restores by name"


def test_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cockpit", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and __version__ in result.stdout


def test_jobs_json_has_structured_fields(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from cockpit.demo.seed import seed_demo

    seed_demo(data_dir)
    assert run("jobs", "--view", "all", "--json") == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) > 50
    fields = {
        "id",
        "title",
        "link",
        "guid",
        "feed_ids",
        "posted",
        "description",
        "budget",
        "category",
        "skills",
        "country",
        "company",
        "job_type",
        "state",
        "score",
    }
    assert all(fields <= row.keys() for row in rows)
    assert {row["state"] for row in rows} >= {"new", "shortlist", "applied", "dismissed"}
    assert any(row["budget"] and row["budget"]["currency"] == "IDR" for row in rows)
    assert run("jobs", "--view", "shortlist", "--json") == 0
    shortlisted = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert shortlisted and all(row["state"] == "shortlist" for row in shortlisted)


def test_jobs_text_marks_salaries_as_yearly(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cockpit.demo.seed import seed_demo

    seed_demo(data_dir)
    assert run("jobs", "--view", "all") == 0
    lines = capsys.readouterr().out.splitlines()
    vue = next(line for line in lines if "Frontend Engineer (Vue)" in line)
    assert vue.endswith("€55,000–€70,000/yr")
    gig = next(line for line in lines if "Podcast Producer (part-time)" in line)
    assert gig.endswith("$1,200–$1,800")


def test_report_prints_markdown(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cockpit.demo.seed import seed_demo

    seed_demo(data_dir)
    assert run("report") == 0
    out = capsys.readouterr().out
    assert out.startswith("# Cockpit report") and "| Skill |" in out
