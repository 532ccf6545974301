"""Export/import of everything, errors as one line, fetch exit codes, reading while the app runs."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from cockpit.cli import main
from cockpit.models import (
    ChecklistItem,
    Feed,
    Job,
    LedgerEntry,
    Profile,
    Proposal,
    Rule,
    Snippet,
    Template,
    Triage,
)
from cockpit.store import Store, StoreLock
from tests.feeds.localserver import LocalServer, send, server  # noqa: F401

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    b"<item><title>Audio editor</title><link>https://example.com/j/1</link>"
    b"<guid>j1</guid></item></channel></rss>"
)


def run(*args: str) -> int:
    return main(list(args))


def fill(folder: Path) -> None:
    with Store.open(folder) as s:
        s.feeds.save(Feed(id="f1", url="https://weworkremotely.com/a.rss", name="WWR"))
        s.jobs.upsert_many([Job(id="j1", title="Mix a podcast", fetched=T0, feed_ids=["f1"])])
        s.triage.save(Triage(job_id="j1", state="applied", updated=T0))
        s.proposals.save(Proposal(id="p1", job_id="j1", text="Hi", state="sent", updated=T0))
        s.ledger.append(LedgerEntry(id="l1", kind="grant", amount=40, at=T0))
        s.checklist.save(ChecklistItem(id="c1", title="Mixing demo", skills=["mixing"], created=T0))
        s.rules.save(Rule(id="r1", name="audio", include=["audio"], points=5))
        s.templates.save(Template(id="t1", name="Short", body="Hello {title}"))
        s.snippets.save(Snippet(id="s1", name="Sign-off", body="Thanks"))
        s.profile.save(Profile(name="Dewi", skills=["mixing"], country="Indonesia"))
        s.settings.update({"connect_price_usd": 0.2})


def exported(path: Path) -> dict[str, object]:
    data = orjson.loads(path.read_bytes())
    assert isinstance(data, dict)
    return data


def test_export_import_round_trip_keeps_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "old-laptop", tmp_path / "new-laptop"
    fill(first)
    out1, out2 = tmp_path / "one.json", tmp_path / "two.json"
    assert run("--data-dir", str(first), "export", str(out1)) == 0
    assert stat.S_IMODE(out1.stat().st_mode) == 0o600  # profile, ledger, feed URLs
    assert run("--data-dir", str(second), "import", str(out1)) == 0
    report = capsys.readouterr().out
    assert "proposals: 1 new" in report and "ledger entries: 1 new" in report
    assert run("--data-dir", str(second), "export", str(out2)) == 0
    assert exported(out1) == exported(out2)
    with Store.open(second) as s:
        assert s.proposals.get("p1") is not None
        assert s.triage.get("j1").state == "applied"  # type: ignore[union-attr]
        assert s.profile.get().name == "Dewi"
        assert s.settings.get().connect_price_usd == 0.2


def test_importing_twice_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dst = tmp_path / "a", tmp_path / "b"
    fill(src)
    out = tmp_path / "x.json"
    assert run("--data-dir", str(src), "export", str(out)) == 0
    assert run("--data-dir", str(dst), "import", str(out)) == 0
    capsys.readouterr()
    assert run("--data-dir", str(dst), "import", str(out)) == 0
    report = capsys.readouterr().out
    assert " 1 new" not in report and "0 new" in report
    with Store.open(dst) as s:
        assert len(s.ledger.all()) == 1 and len(s.feeds.all()) == 1 and s.jobs.count() == 1


def test_newer_record_wins_and_dry_run_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dst = tmp_path / "a", tmp_path / "b"
    fill(src)
    fill(dst)
    with Store.open(src) as s:  # the exported copy of p1 is newer
        s.proposals.save(
            Proposal(id="p1", job_id="j1", text="Better", state="viewed", updated=T0 + timedelta(1))
        )
    with Store.open(dst) as s:  # this store's triage is newer: it stays
        s.triage.save(Triage(job_id="j1", state="dismissed", updated=T0 + timedelta(2)))
    out = tmp_path / "x.json"
    assert run("--data-dir", str(src), "export", str(out)) == 0
    assert run("--data-dir", str(dst), "import", str(out), "--dry-run") == 0
    dry = capsys.readouterr().out
    assert "nothing written" in dry and "proposals: 0 new, 1 newer" in dry
    with Store.open(dst) as s:
        assert s.proposals.get("p1").text == "Hi"  # type: ignore[union-attr]
    assert run("--data-dir", str(dst), "import", str(out)) == 0
    with Store.open(dst) as s:
        assert s.proposals.get("p1").text == "Better"  # type: ignore[union-attr]
        assert s.triage.get("j1").state == "dismissed"  # type: ignore[union-attr]


def corrupt_inputs(tmp_path: Path) -> dict[str, Path]:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{nope")
    not_export = tmp_path / "other.json"
    not_export.write_text('{"a": 1}')
    bad_job = tmp_path / "badjob.json"
    bad_job.write_text('{"cockpit_export": 1, "jobs": [12345]}')
    bad_opml = tmp_path / "bad.opml"
    bad_opml.write_text("<opml><body><outline")
    return {"json": bad_json, "other": not_export, "job": bad_job, "opml": bad_opml}


def commands(tmp_path: Path) -> list[list[str]]:
    """Every command that takes a path, given each kind of bad path or input."""
    missing = tmp_path / "no" / "such" / "dir"
    folder = tmp_path / "a-folder"
    folder.mkdir(exist_ok=True)
    locked = tmp_path / "locked"  # unwritable: see the test, which denies writes there
    locked.mkdir(exist_ok=True)
    bad = corrupt_inputs(tmp_path)
    cases: list[list[str]] = []
    for cmd in (["export"], ["feeds", "export"]):
        cases += [
            [*cmd, str(missing / "x.json")],
            [*cmd, str(folder)],
            [*cmd, str(locked / "x.json")],
        ]
    for cmd in (["import"], ["feeds", "import"]):
        cases += [[*cmd, str(missing / "x.json")], [*cmd, str(folder)]]
    cases += [["import", str(bad["json"])], ["import", str(bad["other"])]]
    cases += [["import", str(bad["job"])], ["feeds", "import", str(bad["opml"])]]
    cases += [["restore", "no-such-backup", "--yes"], ["feeds", "rm", "nope"]]
    cases += [["fetch", "nope"]]
    file_as_dir = tmp_path / "plain-file"
    file_as_dir.write_text("x")
    for cmd in (["jobs"], ["report"], ["feeds", "list"], ["fetch"], ["paste", "-"]):
        cases.append(["--data-dir", str(file_as_dir), *cmd])
    return cases


def test_every_command_fails_with_one_line(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_open = os.open

    def deny(path: object, *args: object, **kw: object) -> int:
        # Tests may run as root, which ignores folder modes: refuse writes under "locked".
        if "locked" in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    for case in commands(tmp_path):
        if case[-2:] == ["paste", "-"] and "paste" not in _known_commands():
            continue
        capsys.readouterr()
        try:
            code = run(*case)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        err = capsys.readouterr().err
        assert code == 2, (case, code, err)
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("cockpit"), (case, err)
        assert "Traceback" not in err


def _known_commands() -> set[str]:
    from cockpit.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(sub.choices or ())  # type: ignore[arg-type]


def test_fetch_exit_codes_name_the_failed_feed(
    data_dir: Path,
    server: LocalServer,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.routes["/ok"] = lambda h: send(h, 200, RSS, {"Content-Type": "application/rss+xml"})
    server.routes["/gone"] = lambda h: send(h, 500, b"down", {"Content-Type": "text/plain"})
    assert run("feeds", "add", server.url("/ok"), "--name", "Good board") == 0
    assert run("fetch") == 0
    assert run("feeds", "add", server.url("/gone"), "--name", "Broken board") == 0
    capsys.readouterr()
    assert run("fetch", "--force") == 1
    err = capsys.readouterr().err
    assert "Broken board" in err and "Good board" not in err
    with pytest.raises(SystemExit) as usage:
        run("fetch", "--bogus-flag")
    assert usage.value.code == 2


def test_read_only_commands_work_while_the_app_holds_the_lock(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data_dir)
    lock = StoreLock(data_dir).acquire()  # the running app
    try:
        capsys.readouterr()
        assert run("jobs", "--view", "all") == 0
        assert "Mix a podcast" in capsys.readouterr().out
        assert run("report") == 0
        assert run("feeds", "list") == 0
        assert "WWR" in capsys.readouterr().out
        out = tmp_path / "snap.json"
        assert run("export", str(out)) == 0
        assert exported(out)["proposals"]
        capsys.readouterr()
        assert run("feeds", "add", "https://b.example/rss") == 1
        err = capsys.readouterr().err
        assert f"pid {os.getpid()}" in err
    finally:
        lock.release()
    with Store.open(data_dir) as s:
        assert len(s.feeds.all()) == 1  # the refused command changed nothing


def test_writing_commands_keep_a_daily_backup(data_dir: Path) -> None:
    from cockpit.store import backups

    assert run("feeds", "add", "https://b.example/rss") == 0
    labels = {backups.label_of(b) for b in backups.list_all(data_dir)}
    assert backups.DAILY in labels


def test_an_import_killed_half_way_is_reported_and_finished_by_running_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cockpit.store import transfer

    src, dst = tmp_path / "a", tmp_path / "b"
    fill(src)
    out = tmp_path / "x.json"
    assert run("--data-dir", str(src), "export", str(out)) == 0

    class Killed(BaseException):
        pass

    real_batch = Store.precious_batch

    def killed_batch(self: Store) -> object:
        raise Killed  # the jobs are in, the precious kinds not yet

    monkeypatch.setattr(Store, "precious_batch", killed_batch)
    with pytest.raises(Killed):
        run("--data-dir", str(dst), "import", str(out))
    monkeypatch.setattr(Store, "precious_batch", real_batch)
    assert (dst / transfer.JOURNAL).exists()
    capsys.readouterr()
    assert run("--data-dir", str(dst), "jobs", "--view", "all") == 0
    assert "was interrupted" in capsys.readouterr().err
    assert run("--data-dir", str(dst), "import", str(out)) == 0
    with Store.open(dst) as s:
        assert s.proposals.get("p1") is not None and len(s.ledger.all()) == 1
