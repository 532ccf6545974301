"""Round trips, atomic replace, locking, corrupt files, schema checks, migrations."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import orjson
import pytest

from cockpit.models import (
    Budget,
    ChecklistItem,
    Feed,
    Job,
    LedgerEntry,
    Proposal,
    Settings,
    Triage,
    utcnow,
)
from cockpit.store import (
    SCHEMA_VERSION,
    Store,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreTooNew,
    StoreWriteError,
    backups,
    restore,
)
from cockpit.store.storage import atomic_write

FIXTURES = Path(__file__).parent.parent / "fixtures" / "store"


def job(n: int, feed: str = "f1") -> Job:
    return Job(
        id=f"j{n}",
        title=f"Podcast edit {n}",
        feed_ids=[feed],
        posted=utcnow(),
        budget=Budget("fixed", "USD", 50.0, 50.0),
        skills=["Audio Editing"],
    )


def test_round_trip_every_repository(data_dir: Path) -> None:
    now = utcnow()
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss", name="Ex", tags=["audio"]))
        s.jobs.upsert_many([job(1), job(2)])
        s.triage.save(Triage(job_id="j1", state="shortlist", read=True, updated=now))
        s.proposals.save(Proposal(id="p1", job_id="j1", text="Hi", created=now))
        s.ledger.append(LedgerEntry(id="l1", kind="grant", amount=40, at=now, reason="signup"))
        s.checklist.save(ChecklistItem(id="c1", title="Podcast sample", skills=["Podcast"]))
        s.settings.save(Settings(plan="plus"))
    with Store.open(data_dir) as s:
        assert [f.tags for f in s.feeds.all()] == [["audio"]]
        assert s.jobs.get("j2") == job(2).__class__.from_dict(s.jobs.get("j2").to_dict())
        assert s.jobs.get("j1").budget == Budget("fixed", "USD", 50.0, 50.0)
        assert s.triage.get("j1").state == "shortlist"
        assert s.proposals.get("p1").text == "Hi"
        assert s.ledger.all()[0].at == now
        assert s.checklist.get("c1").skills == ["Podcast"]
        assert s.settings.get().plan == "plus"
        assert s.jobs.count() == 2


def test_files_are_private(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        s.jobs.upsert_many([job(1)])
    for path in (data_dir / "precious.json", *(data_dir / "jobs").iterdir()):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_upsert_merges_feeds_and_reports_only_new(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        assert s.jobs.upsert_many([job(1, "a"), job(2, "a")]) == ["j1", "j2"]
        assert s.jobs.upsert_many([job(1, "b"), job(3, "b")]) == ["j3"]
        assert s.jobs.get("j1").feed_ids == ["a", "b"]
        assert s.jobs.upsert_many([job(1, "b")]) == []
        assert s.jobs.get("j1").feed_ids == ["a", "b"]


def test_precious_change_is_on_disk_when_the_call_returns(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.jobs.upsert_many([job(n) for n in range(100)])
        s.triage.save(Triage(job_id="j5", state="dismissed"))
        on_disk = orjson.loads((data_dir / "precious.json").read_bytes())
        assert any(d["job_id"] == "j5" for d in on_disk["triage"].values())


def test_ledger_is_append_only(store: Store) -> None:
    assert not hasattr(store.ledger, "save")
    assert not hasattr(store.ledger, "delete")


def test_atomic_replace_leaves_old_or_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "f.json"
    atomic_write(target, b'{"old": {}}')

    def boom(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(StoreWriteError):
        atomic_write(target, b'{"new": {}}')
    assert target.read_bytes() == b'{"old": {}}'
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"], "temp file left behind"


def test_full_disk_keeps_old_file_and_explains(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        before = (data_dir / "precious.json").read_bytes()
        real_write = os.write

        def full(fd: int, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", full)
        with pytest.raises(StoreWriteError, match="disk is full"):
            s.feeds.save(Feed(id="f2", url="https://example.com/2"))
        assert (data_dir / "precious.json").read_bytes() == before
        # What the app shows equals the file: the change that failed was not made.
        assert {f.id for f in s.feeds.all()} == {"f1"}
        monkeypatch.setattr(os, "write", real_write)
        s.feeds.save(Feed(id="f3", url="https://example.com/3"))
    with Store.open(data_dir) as s:
        assert {f.id for f in s.feeds.all()} == {"f1", "f3"}


def test_a_retry_after_a_full_disk_records_a_grant_once(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from cockpit.models import LedgerEntry

    real_write = os.write
    with Store.open(data_dir) as s:

        def full(fd: int, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", full)
        at = datetime(2026, 12, 1, tzinfo=UTC)
        for _ in range(2):  # the user tries twice while the disk is full
            with pytest.raises(StoreWriteError):
                s.ledger.append(LedgerEntry(id="g", kind="grant", amount=20, at=at))
        monkeypatch.setattr(os, "write", real_write)
        s.ledger.append(LedgerEntry(id="g", kind="grant", amount=20, at=at))  # then it works
        assert [e.amount for e in s.ledger.all()] == [20]
    with Store.open(data_dir) as s:
        assert [e.amount for e in s.ledger.all()] == [20]


def test_a_batch_that_fails_half_way_changes_nothing(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        with pytest.raises(RuntimeError), s.precious_batch():
            s.feeds.save(Feed(id="f2", url="https://example.com/2"))
            raise RuntimeError("killed half-way")
        assert {f.id for f in s.feeds.all()} == {"f1"}
    with Store.open(data_dir) as s:
        assert {f.id for f in s.feeds.all()} == {"f1"}


def test_a_file_changed_by_another_writer_is_not_overwritten(data_dir: Path) -> None:
    from cockpit.store.errors import StoreConflict

    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        # Another program (a second Cockpit whose lock file was deleted) writes the file.
        doc = {"feeds": {"1": Feed(id="f9", url="https://x.example/rss").to_dict()}}
        other_bytes = orjson.dumps(
            {**orjson.loads((data_dir / "precious.json").read_bytes()), **doc}
        )
        (data_dir / "precious.json").write_bytes(other_bytes)
        with pytest.raises(StoreConflict, match="changed by another program"):
            s.feeds.save(Feed(id="f2", url="https://example.com/2"))
        assert (data_dir / "precious.json").read_bytes() == other_bytes


def test_second_instance_is_refused_and_writes_nothing(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        before = sorted(os.listdir(data_dir)), (data_dir / "precious.json").read_bytes()
        with pytest.raises(StoreLocked, match="Another Cockpit"):
            Store.open(data_dir)
        after = sorted(os.listdir(data_dir)), (data_dir / "precious.json").read_bytes()
        assert before == after


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"feeds": {"1": {"id": "f1", "url": "x"', "not valid JSON"),
        (b"\0" * 4096, "not valid JSON"),
        (b"", "empty"),
        (b'{"feeds": [1, 2, 3]}', "shape"),
        (b"[]", "shape"),
    ],
    ids=["truncated", "zeros", "empty", "wrong-shape", "list"],
)
def test_corrupt_file_is_named_and_moved_aside(data_dir: Path, content: bytes, reason: str) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "precious.json").write_bytes(content)
    with pytest.raises(StoreCorrupt, match=reason) as info:
        Store.open(data_dir)
    err = info.value
    assert "precious.json" in str(err)
    assert err.moved_to is not None and err.moved_to.read_bytes() == content
    assert not (data_dir / "precious.json").exists()


def test_corrupt_file_can_be_restored_from_backup(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        assert s.backup_if_due() is not None
        assert s.backup_if_due() is None, "one daily backup at most"
    (data_dir / "precious.json").write_bytes(b'{"feeds": ')
    with pytest.raises(StoreCorrupt):
        Store.open(data_dir)
    good = backups.newest_good(data_dir)
    assert good is not None
    restore.restore(data_dir, good)
    with Store.open(data_dir) as s:
        assert [f.id for f in s.feeds.all()] == ["f1"]


def test_backups_rotate_keeping_seven_daily(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
    for _ in range(9):
        backups.take(data_dir)
    assert len([b for b in backups.list_all(data_dir) if b.name.endswith("-daily")]) == 7


def test_future_schema_is_refused_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    raw = orjson.dumps({"_meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "feeds": {}})
    (data_dir / "precious.json").write_bytes(raw)
    with pytest.raises(StoreTooNew, match="newer Cockpit"):
        Store.open(data_dir)
    assert (data_dir / "precious.json").read_bytes() == raw


def test_read_only_folder_is_explained(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root here, which ignores modes; ask os.access like a normal user would."""
    data_dir.mkdir(parents=True)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(StoreError, match="read-only"):
        Store.open(data_dir)
    assert list(data_dir.iterdir()) == [], "nothing written"


def test_read_only_store_file_write_is_explained(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores permissions, so simulate the kernel's answer for a read-only mount."""
    with Store.open(data_dir) as s:
        real_open = os.open

        def erofs(path: str, flags: int, mode: int = 0o777) -> int:
            if str(path).endswith(".tmp"):
                raise OSError(errno.EROFS, "Read-only file system")
            return real_open(path, flags, mode)

        monkeypatch.setattr(os, "open", erofs)
        with pytest.raises(StoreWriteError, match="read-only"):
            s.feeds.save(Feed(id="f1", url="https://example.com/rss"))
        monkeypatch.setattr(os, "open", real_open)


def test_migration_from_v0_fixture(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "cockpit.json").write_bytes((FIXTURES / "v0-cockpit.json").read_bytes())
    with Store.open(data_dir) as s:
        assert {j.id for j in s.jobs.all()} == {"a1", "a2", "a3"}
        assert s.jobs.get("a1").feed_ids == ["f1"]
        assert s.triage.get("a1").state == "shortlist"
        assert s.triage.get("a2").read is True
        assert s.triage.get("a3") is None
        assert [f.name for f in s.feeds.all()] == ["Audio jobs"]
        assert s.ledger.all()[0].amount == 40
    meta = orjson.loads((data_dir / "precious.json").read_bytes())["_meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION
    pre = [b for b in backups.list_all(data_dir) if "before-migration-v0" in b.name]
    assert pre and (pre[0] / "cockpit.json").exists()
    assert (data_dir / "cockpit.json.migrated").exists()


def test_writer_thread_serialises_and_guards_the_ui_thread(data_dir: Path) -> None:
    import threading

    with Store.open(data_dir) as s:
        s.start_writer()
        futures = [
            s.submit(s.feeds.save, Feed(id=f"f{n}", url=f"https://e.com/{n}")) for n in range(50)
        ]
        for f in futures:
            f.result()
        s.forbid_thread(threading.current_thread())
        with pytest.raises(RuntimeError, match="UI thread"):
            s.feeds.all()
        assert s.submit(s.feeds.all).result()[0].id == "f0", "submit stays allowed"
        s.forbid_thread(None)
        assert len(s.feeds.all()) == 50


def test_save_many_inserts_and_updates_in_one_flush(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(Feed(id="f1", url="https://example.com/1"))
        renamed = Feed(id="f1", url="https://example.com/1", name="Renamed")
        s.feeds.save_many([renamed, Feed(id="f2", url="https://example.com/2")])
    with Store.open(data_dir) as s:
        assert {(f.id, f.name) for f in s.feeds.all()} == {("f1", "Renamed"), ("f2", "")}


def test_migration_from_v2_fixture_keeps_everything(data_dir: Path) -> None:
    import shutil

    shutil.copytree(FIXTURES / "v2", data_dir)
    with Store.open(data_dir) as s:
        job = s.jobs.get("w1")
        assert job is not None and job.title == "Podcast editor"
        assert job.signals is None and job.raw == ""
        proposal = s.proposals.get("p1")
        assert proposal is not None and proposal.connects_cost == 8
        assert proposal.invitation is False and proposal.context is None
        assert s.profile.get().skills == ["mixing", "mastering"] and s.profile.get().country == ""
        assert s.triage.get("w1").state == "applied"  # type: ignore[union-attr]
        assert s.ledger.all()[0].amount == 40
    meta = orjson.loads((data_dir / "precious.json").read_bytes())["_meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION == 3
    assert [b for b in backups.list_all(data_dir) if "before-migration-v2" in b.name]


def test_a_running_instance_whose_lock_file_was_deleted_still_keeps_others_out(
    data_dir: Path,
) -> None:
    import subprocess
    import sys

    with Store.open(data_dir):
        pass
    app = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        # What a running app leaves after someone deleted cockpit.lock: only its pid file.
        (data_dir / "cockpit.pid").write_text(str(app.pid))
        (data_dir / "cockpit.lock").unlink(missing_ok=True)
        with pytest.raises(StoreLocked, match=f"pid {app.pid}"):
            Store.open(data_dir)
    finally:
        app.kill()
        app.wait()
    with Store.open(data_dir):  # once it is gone, its stale pid file is no obstacle
        pass


# Fields a stored settings document may still carry after they left Settings.
RETIRED_SETTINGS = {"min_refresh_minutes": 30, "prune_days": 60, "welcome_done": True}


def test_settings_stored_with_retired_fields_still_load_and_save(data_dir: Path) -> None:
    assert Settings.from_dict({"plan": "plus", **RETIRED_SETTINGS}) == Settings(plan="plus")
    with Store.open(data_dir) as s:
        s.settings.save(Settings(plan="plus"))
    path = data_dir / "precious.json"
    image = orjson.loads(path.read_bytes())
    image["settings"]["1"].update(RETIRED_SETTINGS)  # as an older version wrote it
    path.write_bytes(orjson.dumps(image))
    with Store.open(data_dir) as s:
        assert s.settings.get() == Settings(plan="plus")
        updated = s.settings.update({"follow_up_days": 3})
        assert (updated.plan, updated.follow_up_days) == ("plus", 3)
    # TinyDB's upsert merges into the stored document: the retired keys stay, unread.
    assert orjson.loads(path.read_bytes())["settings"]["1"]["follow_up_days"] == 3


def test_repositories_see_the_store_only_through_its_narrow_protocol() -> None:
    """No cycle between db.py and repos.py: repos know ``TableHost``, not ``Store``."""
    import ast

    source = (Path(__file__).parents[2] / "cockpit" / "store" / "repos.py").read_text("utf-8")
    modules = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "cockpit.store.db" not in modules and "cockpit.store" not in modules
    assert "_read_table" not in source
