"""Notices for new jobs: the real program runs (a recorder), never through a shell."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import subprocess
import sys
import time as _time
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit import notice_log, notices
from cockpit.models import Budget, Job, Rule, Settings, Triage
from cockpit.notices import (
    NoticeEntry,
    NoticeSummary,
    check_command,
    command_words,
    in_quiet_hours,
    log_path,
    notify_new_jobs,
    parse_quiet,
    quiet_text,
    read_log,
    send_test,
    worth_notice,
    zone,
)
from cockpit.paths import Paths
from cockpit.store import Store

RECORDER = Path(__file__).resolve().parents[1] / "fixtures" / "notify" / "record_notice.py"
NOON_JAKARTA = datetime(2026, 11, 27, 5, 0, tzinfo=UTC)  # 12:00 in Asia/Jakarta: not quiet


def recorder_command(out: Path) -> str:
    return " ".join(shlex.quote(w) for w in (sys.executable, str(RECORDER), str(out)))


def records(out: Path) -> list[dict[str, Any]]:
    if not out.exists():
        return []
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def make_job(job_id: str, title: str = "Python scraper", **extra: Any) -> Job:
    return Job(
        id=job_id,
        title=title,
        link=extra.pop("link", f"https://www.upwork.com/jobs/~{job_id}"),
        description="Build a small tool.",
        budget=Budget(kind="fixed", currency="USD", min=500.0, max=500.0),
        posted=NOON_JAKARTA - timedelta(minutes=30),
        fetched=NOON_JAKARTA,
        **extra,
    )


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "record.jsonl"


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return tmp_path / "notices.log"


@pytest.fixture
def setup(store: Store, out: Path) -> Store:
    """Notices on for jobs scoring 20+ (a rule gives "python" 30), no quiet hours."""
    store.settings.update(
        {
            "notify_command": recorder_command(out),
            "notify_rule": "score",
            "notify_score": 20,
            "notify_quiet": "",
            "notify_per_hour": 6,
            "timezone": "Asia/Jakarta",
        }
    )
    store.rules.save(Rule(id="r1", name="python", include=["python"], points=30))
    return store


def add(store: Store, *jobs: Job) -> list[str]:
    store.jobs.upsert_many(jobs)
    return [j.id for j in jobs]


# -- sending ---------------------------------------------------------------------------


def test_sends_job_as_json_and_env(setup: Store, out: Path, log: Path) -> None:
    ids = add(setup, make_job("a1"), make_job("b2", "Logo design"))
    summary = notify_new_jobs(setup, ids, NOON_JAKARTA, log=log)
    assert (summary.sent, summary.failed, summary.quiet, summary.capped) == (1, 0, 0, 0)
    [rec] = records(out)
    data = json.loads(rec["stdin"])
    assert data["id"] == "a1" and data["title"] == "Python scraper"
    assert data["score"] == 30 and data["verdict"] in ("bid", "maybe", "skip")
    env = rec["env"]
    assert env["COCKPIT_JOB_ID"] == "a1"
    assert env["COCKPIT_JOB_TITLE"] == "Python scraper"
    assert env["COCKPIT_JOB_LINK"] == "https://www.upwork.com/jobs/~a1"
    assert env["COCKPIT_JOB_BUDGET"] == "$500"
    assert env["COCKPIT_JOB_SCORE"] == "30"
    assert env["COCKPIT_JOB_VERDICT"] == data["verdict"]
    assert [(e.job_id, e.outcome) for e in read_log(log)] == [("a1", "sent")]
    assert summary.line() == "Notices: 1 sent"


def test_hostile_title_is_delivered_verbatim_and_nothing_runs(
    setup: Store, out: Path, log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the program starts here: relative markers land in tmp_path
    marker, marker2 = tmp_path / "pwned", tmp_path / "pwned2"
    # Shell syntax of every kind; the harmless `touch` stands in for `rm -rf ~`.
    title = (
        "python $(touch pwned); touch pwned2 ; \"quoted\" 'x' `touch pwned` "
        "&& touch pwned2 | cat > pwned $HOME %PATH% ${IFS}"
    )
    ids = add(setup, make_job("h1", title, link="javascript:alert(1)"))
    summary = notify_new_jobs(setup, ids, NOON_JAKARTA, log=log)
    assert summary.sent == 1
    [rec] = records(out)
    assert json.loads(rec["stdin"])["title"] == title
    assert rec["env"]["COCKPIT_JOB_TITLE"] == title
    assert rec["env"]["COCKPIT_JOB_LINK"] == ""  # only http(s) links are passed
    assert rec["argv"] == [str(out)]
    assert not marker.exists() and not marker2.exists()


def test_run_is_called_without_a_shell(setup: Store, log: Path) -> None:
    calls: list[tuple[list[str], dict[str, Any]]] = []

    def fake(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append((argv, kwargs))
        return subprocess.CompletedProcess(argv, 0, b"", b"")

    setup.settings.update({"notify_command": "notify-send --app-name='Job cockpit' -u low"})
    ids = add(setup, make_job("c1", "Python\x1b]52;c;ZXZpbA==\x07 job\n" + "x" * 500))
    notify_new_jobs(setup, ids, NOON_JAKARTA, log=log, run=fake)
    [(argv, kwargs)] = calls
    assert argv == ["notify-send", "--app-name=Job cockpit", "-u", "low"]
    assert kwargs["shell"] is False and kwargs["timeout"] == 15 and kwargs["check"] is False
    assert kwargs["capture_output"] is True
    env = kwargs["env"]
    assert env["PATH"] == os.environ["PATH"]  # the user's environment is kept
    assert "\x1b" not in env["COCKPIT_JOB_TITLE"] and "\n" not in env["COCKPIT_JOB_TITLE"]
    assert env["COCKPIT_JOB_TITLE"].startswith("Python job x")
    assert len(env["COCKPIT_JOB_TITLE"]) <= 300
    assert json.loads(kwargs["input"])["id"] == "c1"


def test_lone_surrogate_in_a_title_still_sends(setup: Store, out: Path, log: Path) -> None:
    ids = add(setup, make_job("u1", "Python caf\udce9"))
    summary = notify_new_jobs(setup, ids, NOON_JAKARTA.replace(tzinfo=None), log=log)
    assert summary.sent == 1
    [rec] = records(out)
    assert rec["env"]["COCKPIT_JOB_TITLE"] == "Python caf?"
    assert json.loads(rec["stdin"])["title"].startswith("Python caf")  # the store may clean it


def test_lone_surrogate_reaches_the_program_as_escaped_json() -> None:
    seen: dict[str, Any] = {}

    def fake(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        seen.update(kwargs)
        return subprocess.CompletedProcess(argv, 0, b"", b"")

    entry = notices._send(["x"], make_job("u2", "caf\udce9"), 1, "bid", NOON_JAKARTA, "sent", fake)
    assert entry.outcome == "sent"
    assert json.loads(seen["input"])["title"] == "caf\udce9"
    assert seen["env"]["COCKPIT_JOB_TITLE"] == "caf?"


def test_off_when_command_empty(setup: Store, out: Path, log: Path) -> None:
    setup.settings.update({"notify_command": ""})
    ids = add(setup, make_job("a1"))
    summary = notify_new_jobs(setup, ids, NOON_JAKARTA, log=log)
    assert summary.entries == [] and summary.line() == ""
    assert not out.exists() and not log.exists()


def test_dismissed_reposts_and_dismiss_rules_never_notify(
    setup: Store, out: Path, log: Path
) -> None:
    setup.rules.save(Rule(id="r2", name="no scam", include=["crypto"], action="dismiss"))
    ids = add(
        setup,
        make_job("d1"),
        make_job("r1", repost_of="d1"),
        make_job("k1", "Python crypto bot"),
        make_job("ok", "Python API"),
    )
    setup.triage.save(Triage(job_id="d1", state="dismissed"))
    summary = notify_new_jobs(setup, [*ids, "missing"], NOON_JAKARTA, log=log)
    assert [e.job_id for e in summary.entries] == ["ok"]
    assert [json.loads(r["stdin"])["id"] for r in records(out)] == ["ok"]


def test_once_per_job_even_when_app_and_cron_both_pass_it(
    setup: Store, out: Path, log: Path
) -> None:
    ids = add(setup, make_job("a1"))
    notify_new_jobs(setup, ids + ids, NOON_JAKARTA, log=log)
    again = notify_new_jobs(setup, ids, NOON_JAKARTA + timedelta(minutes=5), log=log)
    assert again.entries == []
    assert len(records(out)) == 1


# -- quiet hours and the cap -----------------------------------------------------------


@pytest.mark.parametrize(
    ("utc", "quiet"),
    [
        ((14, 59), False),  # 21:59 in Jakarta
        ((15, 0), True),  # 22:00
        ((20, 30), True),  # 03:30, past midnight there
        ((23, 59), True),  # 06:59
        ((0, 0), False),  # 07:00
        ((5, 0), False),  # noon
    ],
)
def test_quiet_hours_wrap_midnight_in_jakarta(utc: tuple[int, int], quiet: bool) -> None:
    now = datetime(2026, 11, 27, *utc, tzinfo=UTC)
    assert in_quiet_hours(now, "22:00-07:00", "Asia/Jakarta") is quiet
    assert in_quiet_hours(now, "22:00-07:00", "UTC+7") is quiet
    assert in_quiet_hours(now, "22:00-07:00", "+07:00") is quiet
    assert in_quiet_hours(now, "", "Asia/Jakarta") is False


def test_quiet_hours_same_day_span() -> None:
    at = datetime(2026, 11, 27, 12, 30, tzinfo=UTC)
    assert in_quiet_hours(at, "12:00-13:00", "UTC")
    assert not in_quiet_hours(at, "12:00-13:00", "Asia/Jakarta")  # 19:30 there


def test_quiet_hours_log_and_do_not_send(setup: Store, out: Path, log: Path) -> None:
    setup.settings.update({"notify_quiet": "22:00-07:00"})
    ids = add(setup, make_job("a1"), make_job("a2", "Python bot"))
    night = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # midnight in Jakarta
    summary = notify_new_jobs(setup, ids, night, log=log)
    assert (summary.sent, summary.quiet) == (0, 2)
    assert not out.exists()
    assert {e.outcome for e in read_log(log)} == {"quiet"}
    assert summary.line() == "Notices: 2 held back in quiet hours"
    # Not queued: the morning run with no new jobs sends nothing.
    assert notify_new_jobs(setup, [], night + timedelta(hours=9), log=log).entries == []


def test_cap_counts_sent_entries_in_the_last_hour(setup: Store, out: Path, log: Path) -> None:
    setup.settings.update({"notify_per_hour": 2})
    old = NoticeEntry(NOON_JAKARTA - timedelta(minutes=61), "old", "t", "sent")
    recent = NoticeEntry(NOON_JAKARTA - timedelta(minutes=30), "recent", "t", "sent")
    other = NoticeEntry(NOON_JAKARTA - timedelta(minutes=10), "f", "t", "failed")
    notice_log.append_entries(log, [old, recent, other])
    jobs = [make_job(f"j{i}", f"Python job {i}") for i in range(3)]
    summary = notify_new_jobs(setup, add(setup, *jobs), NOON_JAKARTA, log=log)
    assert (summary.sent, summary.capped) == (1, 2)
    assert len(records(out)) == 1
    assert summary.line() == "Notices: 1 sent, 2 over the hourly limit"
    later = notify_new_jobs(
        setup, add(setup, make_job("j9")), NOON_JAKARTA + timedelta(minutes=31), log=log
    )
    assert later.sent == 1  # "recent" left the hour


def test_best_score_goes_first_when_capped(setup: Store, out: Path, log: Path) -> None:
    setup.settings.update({"notify_per_hour": 1})
    setup.rules.save(Rule(id="r3", name="django", include=["django"], points=50))
    ids = add(setup, make_job("low"), make_job("high", "Python Django app"))
    notify_new_jobs(setup, ids, NOON_JAKARTA, log=log)
    assert [json.loads(r["stdin"])["id"] for r in records(out)] == ["high"]


# -- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "score", "verdict", "expected"),
    [
        ("score", 20, "skip", True),
        ("score", 19, "bid", False),
        ("bid", 99, "maybe", False),
        ("bid", 0, "bid", True),
        ("score_or_bid", 0, "bid", True),
        ("score_or_bid", 25, "skip", True),
        ("score_or_bid", 5, "maybe", False),
        ("nonsense", 5, "bid", True),  # an unknown rule reads as the default
    ],
)
def test_worth_notice_rules(rule: str, score: int, verdict: str, expected: bool) -> None:
    settings = Settings(notify_rule=rule, notify_score=20)
    assert worth_notice(make_job("x"), score, verdict, settings) is expected
    assert worth_notice(make_job("x", repost_of="y"), score, verdict, settings) is False


def test_bid_rule_uses_the_verdict(
    setup: Store, out: Path, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cockpit.verdicts

    real = cockpit.verdicts.judge_one

    def judged(job: Job, inputs: Any, now: datetime) -> Any:
        verdict = real(job, inputs, now)
        object.__setattr__(verdict, "kind", "bid" if "Logo" in job.title else "skip")
        return verdict

    monkeypatch.setattr(cockpit.verdicts, "judge_one", judged)
    setup.settings.update({"notify_rule": "bid"})
    ids = add(setup, make_job("p1"), make_job("l1", "Logo design"))
    notify_new_jobs(setup, ids, NOON_JAKARTA, log=log)
    [rec] = records(out)
    assert rec["env"]["COCKPIT_JOB_ID"] == "l1" and rec["env"]["COCKPIT_JOB_VERDICT"] == "bid"


# -- failures ---------------------------------------------------------------------------


def test_failing_command_is_logged_with_stderr(
    setup: Store, out: Path, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECORD_NOTICE_EXIT", "3")
    summary = notify_new_jobs(setup, add(setup, make_job("a1")), NOON_JAKARTA, log=log)
    [entry] = summary.entries
    assert (entry.outcome, entry.detail) == (
        "failed",
        "exit 3: record_notice: asked to fail with 3",
    )
    assert summary.line() == "Notices: 1 failed"
    assert read_log(log)[0].outcome == "failed"


def test_missing_program_is_a_failed_entry(setup: Store, log: Path, tmp_path: Path) -> None:
    setup.settings.update({"notify_command": str(tmp_path / "no-such-program") + " --x"})
    summary = notify_new_jobs(setup, add(setup, make_job("a1")), NOON_JAKARTA, log=log)
    [entry] = summary.entries
    assert entry.outcome == "failed" and entry.detail.startswith("program not found")


def test_timeout_and_bad_quoting_are_failed_entries(setup: Store, log: Path) -> None:
    def slow(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        raise subprocess.TimeoutExpired(argv, kwargs["timeout"])

    summary = notify_new_jobs(setup, add(setup, make_job("a1")), NOON_JAKARTA, log=log, run=slow)
    assert summary.entries[0].detail == "no answer within 15 s; stopped"
    setup.settings.update({"notify_command": "notify-send 'unclosed"})
    summary = notify_new_jobs(setup, add(setup, make_job("a2")), NOON_JAKARTA, log=log)
    assert summary.entries[0].outcome == "failed"


def test_send_test_ignores_quiet_and_cap(setup: Store, out: Path, log: Path) -> None:
    settings = setup.settings.update({"notify_quiet": "00:00-23:59", "notify_per_hour": 1})
    notice_log.append_entries(log, [NoticeEntry(NOON_JAKARTA, "x", "t", "sent")])
    entry = send_test(settings, log, NOON_JAKARTA)
    assert (entry.outcome, entry.title) == ("test", "Test notice from Cockpit")
    [rec] = records(out)
    assert rec["env"]["COCKPIT_JOB_TITLE"] == "Test notice from Cockpit"
    assert read_log(log)[0].outcome == "test"
    failed = send_test(Settings(notify_command=""), log, NOON_JAKARTA)
    assert failed.outcome == "failed"


# -- the command, quiet hours and zones as text ----------------------------------------------


def test_command_words_and_check(tmp_path: Path) -> None:
    assert command_words("notify-send -u low 'Job found'") == [
        "notify-send",
        "-u",
        "low",
        "Job found",
    ]
    assert command_words("~/bin/x a~") == [str(Path.home() / "bin" / "x"), "a~"]
    with pytest.raises(ValueError, match="not closed"):
        command_words('notify-send "open')
    assert check_command("") == "" and check_command("   ") == ""
    assert check_command(f"{shlex.quote(sys.executable)} -c pass") == ""
    assert check_command("python3 -V") == ""
    with pytest.raises(ValueError, match="on PATH"):
        check_command("no-such-program-zz9 x")
    script = tmp_path / "notify.sh"
    script.write_text("#!/bin/sh\n")
    with pytest.raises(ValueError, match="chmod"):
        check_command(str(script))
    script.chmod(0o755)
    assert check_command(str(script)) == ""
    with pytest.raises(ValueError, match="one line"):
        check_command("notify-send\nrm")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("22:00-07:00", (time(22), time(7))),
        (" 9-17 ", (time(9), time(17))),
        ("23:30–0:15", (time(23, 30), time(0, 15))),
        ("", None),
    ],
)
def test_parse_quiet(text: str, span: tuple[time, time] | None) -> None:
    assert parse_quiet(text) == span


@pytest.mark.parametrize(
    "text", ["22:00", "24:00-07:00", "22:60-1", "7-7", "22:00-07:00-01", "٢-٣"]
)
def test_parse_quiet_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quiet(text)


@given(st.text(max_size=40))
def test_parse_quiet_raises_only_value_error(text: str) -> None:
    try:
        span = parse_quiet(text)
    except ValueError:
        return
    # What it accepts it saves in one spelling that reads back the same.
    assert span is None or (span[0] != span[1] and parse_quiet(quiet_text(span)) == span)


@given(st.text(max_size=40))
def test_zone_raises_only_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        zone(text)


def test_zone_spellings() -> None:
    at = datetime(2026, 7, 1, tzinfo=UTC)
    for text in ("Asia/Jakarta", "+07:00", "UTC+7", "utc+07", "GMT+0700"):
        assert at.astimezone(zone(text)).utcoffset() == timedelta(hours=7), text
    assert zone("-05:30").utcoffset(None) == timedelta(hours=-5, minutes=-30)
    assert zone("UTC") is UTC
    for bad in ("Mars/Base", "+15:00", "../etc/passwd", "UTC+7:99"):
        with pytest.raises(ValueError):
            zone(bad)


@pytest.fixture
def jakarta_local(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Jakarta")
    _time.tzset()
    yield
    monkeypatch.undo()
    _time.tzset()


@pytest.mark.usefixtures("jakarta_local")
def test_empty_zone_is_this_computers() -> None:
    at = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert at.astimezone(zone("")).hour == 22
    new_year = datetime(2026, 1, 1, tzinfo=UTC)
    assert new_year.astimezone(zone("")).utcoffset() == timedelta(hours=7)
    assert in_quiet_hours(at, "22:00-07:00", "")


# -- the log -----------------------------------------------------------------------------------


def test_log_path_is_in_the_data_folder(paths: Paths) -> None:
    assert log_path(paths) == paths.data / "notices.log" == notices.log_in(paths.data)


def test_read_log_tolerates_garbage(log: Path) -> None:
    good = NoticeEntry(
        datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=7))), "a", "A", "sent"
    )
    newer = NoticeEntry(datetime(2026, 1, 2, tzinfo=UTC), "b", "B\x1b[2J", "failed", "exit 1")
    notice_log.append_entries(log, [good])
    with log.open("ab") as fh:
        fh.write(b"not json\n\xff\xfe\n[1,2]\n{}\n")
        fh.write(b'{"at": "yesterday", "job_id": "x", "title": "x", "outcome": "sent"}\n')
        fh.write(b'{"at": "2026-01-01T00:00:00", "job_id": 1, "title": "x", "outcome": "sent"}\n')
        fh.write(b'{"at": "2026-01-01T00:00:00", "job_id": "x", "title": "x", "outcome": "boom"}\n')
        fh.write(
            b'{"at": "0001-01-01T00:00:00+05:00", "job_id": "x", "title": "x", "outcome": "sent"}\n'
        )
    notice_log.append_entries(log, [newer])
    with log.open("ab") as fh:
        fh.write(b'{"at": "2026-01-03T00:00:00Z", "job_id": "torn", "ti')  # a torn last line
    entries = read_log(log)
    assert [(e.job_id, e.outcome) for e in entries] == [("b", "failed"), ("a", "sent")]
    assert entries[0].title == "B" and entries[1].at == datetime(2026, 1, 1, 5, tzinfo=UTC)
    assert read_log(log, limit=1) == entries[:1] and read_log(log, limit=0) == []
    assert read_log(log.parent / "absent.log") == []
    assert read_log(log.parent) == []  # a folder, not a file


def test_log_stays_bounded_and_keeps_the_newest(log: Path) -> None:
    entries = [
        NoticeEntry(NOON_JAKARTA + timedelta(seconds=i), f"job{i:05d}", "x" * 80, "sent")
        for i in range(3000)
    ]
    notice_log.append_entries(log, entries[:1500])
    notice_log.append_entries(log, entries[1500:])
    notice_log.trim_log(log, limit=64 * 1024)
    size = log.stat().st_size
    assert 0 < size <= 32 * 1024
    kept = notice_log.read_all(log)
    assert kept[-1].job_id == "job02999"
    assert [e.job_id for e in kept] == [e.job_id for e in entries[-len(kept) :]]
    assert log.read_bytes().endswith(b"\n") and not log.read_bytes().startswith(b"\n")
    assert not [p for p in log.parent.iterdir() if p.name.startswith(".notices-")]


def test_append_trims_past_the_limit(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notice_log, "MAX_LOG_BYTES", 4096)
    many = [NoticeEntry(NOON_JAKARTA, f"j{i}", "t" * 50, "sent") for i in range(200)]
    notice_log.append_entries(log, many)
    assert log.stat().st_size <= 4096
    assert read_log(log)[0].job_id == "j199"


def test_summary_line_counts() -> None:
    summary = NoticeSummary()
    for outcome in ("sent", "sent", "failed", "quiet", "capped", "capped", "capped"):
        summary.add(NoticeEntry(NOON_JAKARTA, "j", "t", outcome))
    assert summary.line() == (
        "Notices: 2 sent, 1 failed, 1 held back in quiet hours, 3 over the hourly limit"
    )
    assert NoticeSummary().line() == ""


# -- the ready scripts in docs/NOTICES.md, with fake notify-send and curl -------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "NOTICES.md"
FAKE = """#!{python}
import json, os, sys
with open(os.environ["FAKE_RECORD"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps({{"argv": sys.argv[1:], "stdin": sys.stdin.read()}}) + "\\n")
"""


def doc_script(name: str) -> str:
    blocks = DOC.read_text("utf-8").split("```sh\n")[1:]
    [body] = [b.split("```")[0] for b in blocks if b.splitlines()[1].startswith(f"# {name}:")]
    return body


@pytest.fixture
def fake_bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("notify-send", "curl"):
        fake = folder / name
        fake.write_text(FAKE.format(python=sys.executable))
        fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}/usr/bin{os.pathsep}/bin")
    monkeypatch.setenv("FAKE_RECORD", str(tmp_path / "fake.jsonl"))
    monkeypatch.chdir(tmp_path)
    return folder


HOSTILE = "-x $(touch pwned) `touch pwned` \"q\" 'x'; touch pwned & $HOME"


@pytest.mark.skipif(not Path("/bin/sh").exists(), reason="the scripts are POSIX sh")
@pytest.mark.parametrize("name", ["cockpit-notice-desktop", "cockpit-notice-telegram"])
def test_doc_scripts_pass_the_text_verbatim(
    name: str,
    setup: Store,
    log: Path,
    tmp_path: Path,
    fake_bin: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = tmp_path / name
    script.write_text(doc_script(name))
    script.chmod(0o755)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret-token")
    monkeypatch.setenv("TELEGRAM_CHAT_ID", "4242")
    monkeypatch.setenv("COCKPIT_TELEGRAM_ENV", str(tmp_path / "absent.env"))
    setup.settings.update({"notify_command": str(script)})
    summary = notify_new_jobs(
        setup, add(setup, make_job("s1", f"Python {HOSTILE}")), NOON_JAKARTA, log=log
    )
    assert [(e.outcome, e.detail) for e in summary.entries] == [("sent", "")]
    [call] = records(tmp_path / "fake.jsonl")
    title = f"Python {HOSTILE}"
    argv = call["argv"]
    if name == "cockpit-notice-desktop":
        assert argv[:4] == ["--app-name=Cockpit", "--expire-time=15000", "--", title]
        assert argv[4].startswith("$500  ·  score 30  ·  ")
        assert argv[4].endswith("\nhttps://www.upwork.com/jobs/~s1")
    else:
        assert "--data-urlencode" in argv and "chat_id=4242" in argv
        [text] = [a for a in argv if a.startswith("text=")]
        assert text.startswith(f"text={title}\n$500 · score 30 · ")
        assert call["stdin"] == 'url = "https://api.telegram.org/bot123:secret-token/sendMessage"\n'
        assert not any("secret" in a for a in argv)
    assert not (tmp_path / "pwned").exists()
