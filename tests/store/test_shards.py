"""Job bodies live in shards: only touched shards are rewritten; old layouts migrate."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from cockpit.models import Job
from cockpit.store import SCHEMA_VERSION, Store, StoreCorrupt, backups, restore
from cockpit.store.storage import ShardedImageStorage

SHARD = ShardedImageStorage.SHARD


def jobs(start: int, count: int, feed: str = "f") -> list[Job]:
    return [Job(id=f"j{n}", title=f"Job {n}", feed_ids=[feed]) for n in range(start, start + count)]


def shard_files(folder: Path) -> list[Path]:
    return sorted((folder / "jobs").glob("jobs-*.json"))


def test_many_jobs_round_trip_across_shards(data_dir: Path) -> None:
    total = SHARD * 2 + 10
    with Store.open(data_dir) as s:
        s.jobs.upsert_many(jobs(0, total))
    assert len(shard_files(data_dir)) == 3
    with Store.open(data_dir) as s:
        assert s.jobs.count() == total
        assert s.jobs.get(f"j{total - 1}").title == f"Job {total - 1}"


def test_a_batch_rewrites_only_the_shards_it_touched(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.jobs.upsert_many(jobs(0, SHARD * 2 + 10))
        before = {p.name: p.stat().st_ino for p in shard_files(data_dir)}
        s.jobs.upsert_many(jobs(SHARD * 2 + 10, 5))  # new jobs land in the last shard
        s.jobs.upsert_many(jobs(0, 1, feed="g"))  # a merge touches the first shard
        after = {p.name: p.stat().st_ino for p in shard_files(data_dir)}
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["jobs-00000.json", "jobs-00002.json"]


def test_deleting_every_job_of_a_shard_removes_its_file(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.jobs.upsert_many(jobs(0, SHARD + 5))
        s.jobs.delete_many([f"j{n}" for n in range(SHARD - 1, SHARD + 5)])
    assert [p.name for p in shard_files(data_dir)] == ["jobs-00000.json"]
    with Store.open(data_dir) as s:
        assert s.jobs.count() == SHARD - 1


def test_schema_1_single_file_migrates_to_shards_once(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    docs = {str(n + 1): Job(id=f"j{n}", title="t", feed_ids=["f"]).to_dict() for n in range(10)}
    (data_dir / "jobs.json").write_bytes(orjson.dumps({"jobs": docs}))
    meta = {"_meta": {"1": {"schema_version": 1}}, "feeds": {}}
    (data_dir / "precious.json").write_bytes(orjson.dumps(meta))
    with Store.open(data_dir) as s:
        assert s.jobs.count() == 10
    assert shard_files(data_dir) and not (data_dir / "jobs.json").exists()
    assert (data_dir / "jobs.json.migrated").exists()
    on_disk = orjson.loads((data_dir / "precious.json").read_bytes())["_meta"]["1"]
    assert on_disk["schema_version"] == SCHEMA_VERSION
    with Store.open(data_dir) as s:
        assert s.jobs.count() == 10
    pre = [b for b in backups.list_all(data_dir) if "before-migration" in b.name]
    assert len(pre) == 1, "the migration ran once and was backed up once"
    assert (pre[0] / "jobs.json").exists()


def test_corrupt_shard_is_named_and_moved_aside(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.jobs.upsert_many(jobs(0, 3))
    bad = shard_files(data_dir)[0]
    bad.write_bytes(b'{"1": {"id": ')
    with pytest.raises(StoreCorrupt, match=r"jobs-00000\.json") as info:
        Store.open(data_dir)
    assert info.value.moved_to is not None and info.value.moved_to.exists()
    assert not bad.exists()


def test_backup_and_restore_include_the_shards(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.jobs.upsert_many(jobs(0, 3))
        s.backup_if_due()
    for path in shard_files(data_dir):
        os.remove(path)
    good = backups.newest_good(data_dir)
    assert good is not None
    restore.restore(data_dir, good)
    with Store.open(data_dir) as s:
        assert s.jobs.count() == 3


class Killed(BaseException):
    """A SIGKILL, as far as the code in the middle of its work can tell."""


@pytest.mark.parametrize("writes_before_kill", [0, 1, 2, 99])
def test_a_migration_killed_at_any_point_loses_no_job(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, writes_before_kill: int
) -> None:
    from cockpit.store import storage

    data_dir.mkdir(parents=True)
    count = 5000  # three shards
    docs = {str(n + 1): Job(id=f"j{n}", title="t", feed_ids=["f"]).to_dict() for n in range(count)}
    (data_dir / "jobs.json").write_bytes(orjson.dumps({"jobs": docs}))
    meta = {"_meta": {"1": {"schema_version": 1}}, "feeds": {}}
    (data_dir / "precious.json").write_bytes(orjson.dumps(meta))
    real = storage.atomic_write
    done = [0]

    def dying(path: Path, payload: bytes) -> None:
        if done[0] >= writes_before_kill and path.parent.name.endswith("migrating"):
            raise Killed
        done[0] += 1
        real(path, payload)

    real_rename = Path.rename

    def dying_rename(self: Path, target: Path) -> Path:  # after every shard, before jobs.json
        if writes_before_kill == 99 and self.name == "jobs.json":
            raise Killed
        return real_rename(self, target)

    monkeypatch.setattr(storage, "atomic_write", dying)
    monkeypatch.setattr(Path, "rename", dying_rename)
    with pytest.raises(Killed):
        Store.open(data_dir)
    monkeypatch.undo()
    with Store.open(data_dir) as s:
        assert s.jobs.count() == count
        if writes_before_kill:  # something was written: the user hears it was finished
            assert any("was interrupted" in n for n in s.notices)
    with Store.open(data_dir) as s:  # and the finished migration stays finished
        assert s.jobs.count() == count
    assert not (data_dir / "jobs.json").exists()


def test_temp_files_left_by_a_kill_are_removed_at_the_next_open(data_dir: Path) -> None:
    with Store.open(data_dir) as s:
        s.jobs.upsert_many([Job(id="j", title="t")])
    left = [data_dir / ".precious.json.4242.tmp", data_dir / "jobs" / ".jobs-00000.json.4242.tmp"]
    for path in left:
        path.write_bytes(b"half a write")
    with Store.open(data_dir) as s:
        assert s.jobs.count() == 1
    assert not any(path.exists() for path in left)
