"""Backups hold today's work, say what they hold, and restores replace only what is damaged."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from cockpit.models import Feed, Job, LedgerEntry, Proposal
from cockpit.store import Store, StoreCorrupt, backups, db, restore
from cockpit.store import restore as restore_module


def feed(n: int) -> Feed:
    return Feed(id=f"f{n}", url=f"https://example.com/{n}.rss")


def job(n: int) -> Job:
    return Job(id=f"j{n}", title=f"Job {n}", feed_ids=["f1"])


def grant(n: int) -> LedgerEntry:
    return LedgerEntry(id=f"l{n}", kind="grant", amount=40, at=datetime(2026, 11, 1, tzinfo=UTC))


def labelled(folder: Path, label: str) -> list[Path]:
    return [b for b in backups.list_all(folder) if backups.label_of(b) == label]


def test_manifest_says_what_a_backup_holds(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.balance_of = lambda entries: 40 * len(entries)
        s.feeds.save_many([feed(1), feed(2)])
        s.jobs.upsert_many([job(1), job(2), job(3)])
        s.ledger.append(grant(1))
        s.proposals.save(Proposal(id="p1", job_id="j1"))
        taken = s.backup_now()
    assert taken is not None and backups.label_of(taken) == "recent"
    summary = backups.read_summary(taken)
    assert summary.counts["feeds"] == 2
    assert summary.counts["jobs"] == 3
    assert summary.counts["proposals"] == 1
    assert summary.counts["ledger"] == 1
    assert summary.balance == 40
    assert summary.schema == db.SCHEMA_VERSION and summary.version and summary.at is not None


def test_quit_takes_a_backup_only_when_something_changed(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.backup_if_due()  # the day's first: before any work
        s.feeds.save(feed(1))
    recent = labelled(data_dir, "recent")
    assert len(recent) == 1, "quit after a change keeps a restore point"
    assert backups.read_summary(recent[0]).counts["feeds"] == 1
    with Store.open(data_dir) as s:
        assert [f.id for f in s.feeds.all()] == ["f1"]
    assert len(labelled(data_dir, "recent")) == 1, "nothing changed: no new backup"


def test_a_change_waits_at_most_the_interval_for_a_backup(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir) as s:
        s.backup_if_due()
        assert s.backup_if_due() is None, "no change, nothing due"
        s.feeds.save(feed(1))
        assert s.backup_if_due() is None, "the change is younger than the interval"
        monkeypatch.setattr(db, "BACKUP_AFTER_SECONDS", 0)
        taken = s.backup_if_due()
        assert taken is not None and backups.read_summary(taken).counts["feeds"] == 1
        assert s.backup_if_due() is None, "everything is held by a backup now"
        assert not s.changed_since_backup


def test_pruning_keeps_24_recent_and_7_daily(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(feed(1))
    for _ in range(30):
        backups.take(data_dir, backups.RECENT)
    for _ in range(9):
        backups.take(data_dir, backups.DAILY)
    (data_dir / "backups" / ".x-recent.partial").mkdir()
    backups.take(data_dir, backups.RECENT)
    assert len(labelled(data_dir, "recent")) == 24
    assert len(labelled(data_dir, "daily")) == 7
    assert not list((data_dir / "backups").glob(".*.partial")), "a killed backup is cleaned"


def test_newest_good_skips_a_backup_taken_before_any_work(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(feed(1))
        with_work = s.backup_now()
    # A new day's first start on another (empty) folder copy: only the schema stamp.
    empty = data_dir / "backups" / "29991231T000000000000Z-daily"
    empty.mkdir()
    (empty / "precious.json").write_bytes(orjson.dumps({"_meta": {"1": {"schema_version": 3}}}))
    assert backups.list_all(data_dir)[0] == empty
    assert backups.newest_good(data_dir) == with_work


def test_restore_after_damage_replaces_only_the_damaged_part(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(feed(1))
        s.backup_now()
        s.jobs.upsert_many([job(1), job(2)])  # after the backup: must survive the restore
    shards = sorted((data_dir / "jobs").iterdir())
    before = [p.read_bytes() for p in shards]
    (data_dir / "precious.json").write_bytes(b'{"feeds": ')
    with pytest.raises(StoreCorrupt):
        Store.open(data_dir)
    assert restore.damaged_parts(data_dir) == ["precious.json"]
    good = backups.newest_good(data_dir)
    assert good is not None
    restore.restore(data_dir, good, tuple(restore.damaged_parts(data_dir)))
    assert [p.read_bytes() for p in sorted((data_dir / "jobs").iterdir())] == before
    with Store.open(data_dir) as s:
        assert [f.id for f in s.feeds.all()] == ["f1"]
        assert s.jobs.count() == 2
    assert restore.damage(data_dir) == []


def test_damage_found_by_one_command_stops_the_next_until_chosen(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(feed(1))
    (data_dir / "precious.json").write_bytes(b"\0")
    with pytest.raises(StoreCorrupt):
        Store.open(data_dir)  # e.g. `cockpit fetch` from cron
    assert not (data_dir / "precious.json").exists()
    with pytest.raises(StoreCorrupt) as info:
        Store.open(data_dir)  # the next start is told, not handed an empty store
    assert info.value.moved_to is not None and info.value.moved_to.exists()
    restore.clear_damage(data_dir)  # the user chose "start empty"
    with Store.open(data_dir) as s:
        assert s.feeds.all() == []


def test_replaced_set_is_a_backup_restorable_by_name(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(feed(1))
        old = s.backup_now()
        s.feeds.save(feed(2))
    assert old is not None
    kept = restore.restore(data_dir, old)
    assert kept is not None and backups.label_of(kept) == "replaced"
    assert kept in backups.list_all(data_dir)
    with Store.open(data_dir) as s:
        assert [f.id for f in s.feeds.all()] == ["f1"]
    restore.restore(data_dir, kept)
    with Store.open(data_dir) as s:
        assert sorted(f.id for f in s.feeds.all()) == ["f1", "f2"]


def test_losses_name_what_the_current_store_has_more_of(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.feeds.save(feed(1))
        old = s.backup_now()
        s.feeds.save(feed(2))
        s.proposals.save(Proposal(id="p1", job_id="j1"))
    assert old is not None
    lost = restore.losses(restore.current_summary(data_dir), backups.read_summary(old))
    assert lost == {"feeds": 1, "proposals": 1}


def test_a_killed_folder_restore_is_completed_on_open(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.jobs.upsert_many([job(1)])
    (data_dir / "jobs").rename(data_dir / ".jobs.old")  # killed between the two renames
    (data_dir / ".jobs.restore").mkdir()  # a half-copied restore
    with Store.open(data_dir) as s:
        assert s.jobs.count() == 1
    assert not (data_dir / ".jobs.old").exists()
    assert not (data_dir / ".jobs.restore").exists()


class Killed(BaseException):
    """A SIGKILL, as far as the code in the middle of its work can tell."""


@pytest.mark.parametrize("steps_before_kill", [0, 1, 2, 3, 4, 5, 6])
def test_a_restore_killed_at_any_point_is_finished_at_the_next_open(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, steps_before_kill: int
) -> None:
    import os as os_module

    from cockpit.models import Job

    with Store.open(data_dir) as s:
        s.feeds.save(feed(1))
        s.jobs.upsert_many([Job(id=f"j{n}", title="t") for n in range(3000)])
        backup = s.backup_now()
        s.feeds.save(feed(2))
        s.jobs.delete_many([f"j{n}" for n in range(2500)])
    assert backup is not None
    done = [0]
    real_replace, real_copy = os_module.replace, restore_module._copy

    def step() -> None:
        if done[0] >= steps_before_kill:
            raise Killed
        done[0] += 1

    def dying_replace(a: object, b: object) -> None:
        step()
        real_replace(a, b)  # type: ignore[arg-type]

    def dying_copy(a: Path, b: Path) -> None:
        step()
        real_copy(a, b)

    monkeypatch.setattr(restore_module.os, "replace", dying_replace)
    monkeypatch.setattr(restore_module, "_copy", dying_copy)
    with contextlib.suppress(Killed):
        restore_module.restore(data_dir, backup)
    monkeypatch.undo()
    with Store.open(data_dir) as s:
        # Either the restore had not begun (old state) or it is finished (the backup's).
        state = (len(s.feeds.all()), s.jobs.count())
        assert state in ((2, 500), (1, 3000)), state
        if (data_dir / "restore.json").exists():
            raise AssertionError("the journal outlived the open")
