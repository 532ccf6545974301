"""`cockpit fetch --notify` from cron: a Maildir source, the fake notice program, the log."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from cockpit.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
RECORDER = FIXTURES / "notify" / "record_notice.py"


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "--lang", "en", *args])


@pytest.fixture
def box(tmp_path: Path) -> Path:
    box = tmp_path / "Mail"
    for sub in ("new", "cur", "tmp"):
        (box / sub).mkdir(parents=True)
    shutil.copy(FIXTURES / "mail" / "upwork_plain.eml", box / "new" / "1.host")
    return box


def setup(data: Path, box: Path, record: Path, *settings: tuple[str, str]) -> None:
    assert run(data, "feeds", "add", f"maildir:{box}") == 0
    command = f"{sys.executable} {RECORDER} {record}"
    for key, value in (("notify_command", command), ("notify_quiet", ""), *settings):
        assert run(data, "config", "set", key, value) == 0


def test_fetch_notify_sends_each_new_job_once_and_logs_it(
    tmp_path: Path, box: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, record = tmp_path / "data", tmp_path / "sent.jsonl"
    setup(data, box, record, ("notify_rule", "score"), ("notify_score", "-100"))
    capsys.readouterr()
    assert run(data, "fetch", "--notify") == 0
    out = capsys.readouterr().out
    assert "1 new" in out and "Notices: 1 sent" in out
    [line] = record.read_text().splitlines()
    job = json.loads(json.loads(line)["stdin"])
    assert job["title"] == "Podcast audio editor for a weekly show"
    assert (data / "notices.log").read_text().count('"sent"') == 1
    # A plain fetch never notifies; a second --notify has nothing new to tell.
    shutil.copy(FIXTURES / "mail" / "projects_alert.eml", box / "new" / "2.host")
    assert run(data, "fetch") == 0
    assert run(data, "fetch", "--notify") == 0
    assert len(record.read_text().splitlines()) == 1


def test_a_failing_notice_is_named_on_stderr_and_does_not_change_the_exit_code(
    tmp_path: Path, box: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, record = tmp_path / "data", tmp_path / "sent.jsonl"
    setup(data, box, record, ("notify_rule", "score"), ("notify_score", "-100"))
    monkeypatch.setenv("RECORD_NOTICE_EXIT", "3")
    capsys.readouterr()
    assert run(data, "fetch", "--notify") == 0
    err = capsys.readouterr().err
    assert "notice for Podcast audio editor for a weekly show failed" in err
    assert "exit 3" in err


def test_quiet_hours_hold_the_notice(tmp_path: Path, box: Path) -> None:
    data, record = tmp_path / "data", tmp_path / "sent.jsonl"
    # Quiet from an hour ago to an hour from now, in UTC+7: the run falls inside.
    setup(
        data,
        box,
        record,
        ("notify_rule", "score"),
        ("notify_score", "-100"),
        ("timezone", "+07:00"),
    )
    from datetime import UTC, datetime, timedelta

    local = datetime.now(UTC) + timedelta(hours=7)
    start = (local - timedelta(hours=1)).strftime("%H:%M")
    end = (local + timedelta(hours=1)).strftime("%H:%M")
    assert run(data, "config", "set", "notify_quiet", f"{start}-{end}") == 0
    assert run(data, "fetch", "--notify") == 0
    assert not record.exists()
    assert '"quiet"' in (data / "notices.log").read_text()
