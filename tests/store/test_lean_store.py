"""A lean store (``Store.open(lazy_jobs=True)``) keeps the job shards on disk: it answers
and writes exactly as a store holding every job does, rewrites only the shards a change
touched, never holds more than a few clean shards, and finds damage where a full open does.

Shards are made tiny (``SHARD`` 8, ``RESIDENT`` 2) so a few dozen jobs cross many shards
and every window trims what it loaded.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from cockpit.models import Job, JobSignals, Reading
from cockpit.store import Store, StoreCorrupt, StoreWriteError, backups, restore
from cockpit.store.storage import ShardedImageStorage

SHARD = 8
RESIDENT = 2
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def tiny_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ShardedImageStorage, "SHARD", SHARD)
    monkeypatch.setattr(ShardedImageStorage, "RESIDENT", RESIDENT)


def jobs(start: int, count: int, feed: str = "f") -> list[Job]:
    return [Job(id=f"j{n}", title=f"Job {n}", feed_ids=[feed]) for n in range(start, start + count)]


def shard_files(folder: Path) -> list[Path]:
    return sorted((folder / "jobs").glob("jobs-*.json"))


def on_disk(folder: Path) -> dict[str, Any]:
    """Every shard file, parsed, by name."""
    return {p.name: orjson.loads(p.read_bytes()) for p in shard_files(folder)}


def fill(folder: Path, count: int) -> None:
    with Store.open(folder) as s:
        s.jobs.upsert_many(jobs(0, count))


def held_shards(store: Store) -> set[int]:
    """The shards whose documents the job image holds now."""
    image = store.jobs_storage._image
    if image is None:
        return set()
    return {int(k) // SHARD for k in image.get("jobs", {})}


def stamp(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_ino, st.st_mtime_ns


@pytest.fixture
def lean(data_dir: Path) -> Iterator[Store]:
    """A lean store over 3 full shards and a part of a 4th (doc ids start at 1)."""
    fill(data_dir, 3 * SHARD + 3)
    s = Store.open(data_dir, lazy_jobs=True)
    assert s.lean
    yield s
    s.close()


# -- 1. the same operations on a normal and a lean store ------------------------------


def _reading(rng: random.Random, step: int) -> Reading:
    return Reading(at=T0 + timedelta(minutes=step), bids=rng.randint(0, 40))


def _op(rng: random.Random, step: int, pool: int) -> tuple[str, Any]:
    """One random repository call, as (method name, argument)."""
    roll = rng.random()
    ids = rng.sample(range(pool), rng.randint(1, 12))
    if roll < 0.3:
        feed = rng.choice("abc")
        batch = [Job(id=f"j{n}", title=f"Job {n} v{step}", feed_ids=[feed]) for n in ids]
        batch += batch[: rng.randint(0, 2)]  # a feed may list a job twice
        return "upsert_many", batch
    if roll < 0.45:
        n = ids[0]
        signals = JobSignals(platform="upwork", readings=[_reading(rng, step)])
        return "merge_paste", Job(
            id=f"j{n}", title=f"Pasted {n} v{step}", feed_ids=["paste"], signals=signals
        )
    if roll < 0.6:
        batch = [
            Job(id=f"j{n}", title="-", signals=JobSignals(readings=[_reading(rng, step)]))
            for n in ids
        ]
        return "add_readings", batch
    if roll < 0.75:
        batch = [Job(id=f"j{n}", title=f"Updated {n} v{step}", repost_of="x") for n in ids]
        return "update_many", batch
    return "delete_many", [f"j{n}" for n in ids]


def _same_view(normal: Store, lean_store: Store, pool: int) -> None:
    def key(doc: dict[str, Any]) -> str:
        return str(doc["id"])

    assert lean_store.jobs.count() == normal.jobs.count()
    assert sorted(lean_store.jobs.all_dicts(), key=key) == sorted(normal.jobs.all_dicts(), key=key)
    for n in range(pool):
        assert lean_store.jobs.get(f"j{n}") == normal.jobs.get(f"j{n}"), f"j{n}"


@pytest.mark.parametrize("seed", range(6))
def test_a_lean_store_answers_and_writes_as_a_full_one(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    pool = 6 * SHARD
    folders = {"normal": tmp_path / "normal", "lean": tmp_path / "lean"}
    start = jobs(0, rng.randint(0, 4 * SHARD))
    for folder in folders.values():
        with Store.open(folder) as s:
            s.jobs.upsert_many(start)
    normal = Store.open(folders["normal"])
    lean_store = Store.open(folders["lean"], lazy_jobs=True, check_jobs=seed % 2 == 0)
    try:
        assert lean_store.lean and not normal.lean
        for step in range(60):
            name, arg = _op(rng, step, pool)
            # Each store gets its own copy: a call that changed its argument must not
            # hand the other store a different one.
            want = getattr(normal.jobs, name)(copy.deepcopy(arg))
            got = getattr(lean_store.jobs, name)(copy.deepcopy(arg))
            assert got == want, f"step {step}: {name}"
            assert lean_store.jobs.refused == normal.jobs.refused
            if step % 10 == 9:
                _same_view(normal, lean_store, pool)
            # The lean image never grows past the resident shards between calls.
            assert len(held_shards(lean_store)) <= RESIDENT, f"step {step}: {name}"
        _same_view(normal, lean_store, pool)
    finally:
        normal.close()
        lean_store.close()
    assert on_disk(folders["lean"]) == on_disk(folders["normal"])
    with Store.open(folders["normal"]) as a, Store.open(folders["lean"]) as b:
        _same_view(a, b, pool)


# -- 2. a shard the lean store never loaded is never rewritten -------------------------


def test_writes_elsewhere_leave_an_unread_shard_untouched(lean: Store, data_dir: Path) -> None:
    files = shard_files(data_dir)
    assert [p.name for p in files] == [f"jobs-0000{n}.json" for n in range(4)]
    middle = files[1]  # doc ids 8..15: jobs j7..j14
    before = stamp(middle)
    others = {p.name: stamp(p) for p in files if p != middle}
    assert lean.jobs.upsert_many(jobs(100, 3)) == ["j100", "j101", "j102"]  # the last shard
    signals = JobSignals(readings=[Reading(at=T0, bids=3)])
    assert lean.jobs.merge_paste(Job(id="j0", title="Pasted", signals=signals)) is False
    assert lean.jobs.add_readings([Job(id="j1", title="-", signals=signals)]) == ["j1"]
    lean.jobs.update_many([Job(id="j2", title="Updated")])
    assert lean.jobs.delete_many(["j3", f"j{3 * SHARD}"]) == 2
    lean.jobs.upsert_many(jobs(4, 1, feed="g"))  # a known job gains a feed: shard 0
    assert stamp(middle) == before
    changed = sorted(name for name, old in others.items() if stamp(data_dir / "jobs" / name) != old)
    assert changed == ["jobs-00000.json", "jobs-00003.json"]
    assert 1 not in held_shards(lean)


# -- 3. the flush guard ------------------------------------------------------------------


def test_flushing_a_shard_the_image_does_not_hold_is_refused(lean: Store, data_dir: Path) -> None:
    storage = lean.jobs_storage
    path = storage.shard_path(1)
    before = stamp(path)
    with storage.window([1]):  # holds shard 0 only
        storage._dirty.add(1)  # as a change that believed shard 1 was here would
        with pytest.raises(StoreWriteError, match=r"jobs-00001\.json"):
            storage.flush()
    assert stamp(path) == before
    storage._dirty.clear()
    assert lean.jobs.count() == 3 * SHARD + 3


@pytest.mark.parametrize("how", ["expect+write", "touched"])
def test_a_change_naming_an_unread_shard_cannot_flush_it(
    lean: Store, data_dir: Path, how: str
) -> None:
    storage = lean.jobs_storage
    path = storage.shard_path(1)
    before = stamp(path)
    with storage.window([1]):  # holds shard 0 only
        if how == "touched":
            storage.touched([SHARD + 1])
        else:
            storage.expect([SHARD + 1])
            storage.write(storage.read())
        try:
            with pytest.raises(StoreWriteError, match=r"jobs-00001\.json"):
                storage.flush()
        finally:
            storage._dirty.clear()
    assert path.exists() and stamp(path) == before


# -- 4. damage: found at open with check_jobs, at the first read without ------------------


def _damage(folder: Path, n: int) -> Path:
    bad = shard_files(folder)[n]
    bad.write_bytes(b'{"9": {"id": ')
    return bad


def test_check_jobs_names_a_damaged_shard_and_moves_it_aside(data_dir: Path) -> None:
    fill(data_dir, 3 * SHARD)
    bad = _damage(data_dir, 1)
    with pytest.raises(StoreCorrupt, match=r"jobs-00001\.json") as info:
        Store.open(data_dir, lazy_jobs=True, check_jobs=True)
    assert info.value.moved_to is not None and info.value.moved_to.exists()
    assert not bad.exists()
    assert [d.path for d in restore.damage(data_dir)] == [bad]
    # The lock was let go: a later open is refused for the recorded damage, not the lock.
    with pytest.raises(StoreCorrupt, match=r"jobs-00001\.json"):
        Store.open(data_dir, lazy_jobs=True, check_jobs=True)


def test_without_check_a_damaged_shard_stops_the_first_read(data_dir: Path) -> None:
    fill(data_dir, 3 * SHARD)
    bad = _damage(data_dir, 2)
    with Store.open(data_dir, lazy_jobs=True) as s:
        with pytest.raises(StoreCorrupt, match=r"jobs-00002\.json"):
            s.jobs.count()
        with pytest.raises(StoreCorrupt, match=r"jobs-00002\.json"):
            s.jobs.upsert_many(jobs(500, 1))  # needs the index: stops before it writes
    assert bad.read_bytes() == b'{"9": {"id": '  # left for the next normal open
    with pytest.raises(StoreCorrupt, match=r"jobs-00002\.json") as info:
        Store.open(data_dir)
    assert info.value.moved_to is not None and not bad.exists()


def test_with_an_index_a_damaged_shard_stops_the_read_of_its_job(data_dir: Path) -> None:
    fill(data_dir, 3 * SHARD)
    with Store.open(data_dir, lazy_jobs=True, check_jobs=True) as s:
        _damage(data_dir, 1)  # after the check: the index says j10 is in shard 1
        assert s.jobs.get("j0") is not None
        with pytest.raises(StoreCorrupt, match=r"jobs-00001\.json"):
            s.jobs.get("j10")
        with pytest.raises(StoreCorrupt, match=r"jobs-00001\.json"):
            s.jobs.all_dicts()


# -- 5. memory shape ------------------------------------------------------------------------


def test_reads_and_writes_keep_at_most_the_resident_shards(lean: Store) -> None:
    storage = lean.jobs_storage
    assert storage._image is None  # nothing parsed and kept at open
    assert len(list(lean.jobs.iter_dicts())) == 3 * SHARD + 3
    assert storage._image is None or len(held_shards(lean)) <= RESIDENT
    for n in range(0, 3 * SHARD + 3, 5):
        assert lean.jobs.get(f"j{n}") is not None
        assert len(held_shards(lean)) <= RESIDENT
        assert len(storage._loaded) <= RESIDENT
    new = lean.jobs.upsert_many(jobs(1000, 5 * SHARD))  # five new shards at once
    assert len(new) == 5 * SHARD
    assert not storage.dirty
    assert len(held_shards(lean)) <= RESIDENT
    assert not storage.complete
    assert lean.jobs.count() == 8 * SHARD + 3


def test_held_shards_are_whole_and_current(lean: Store, data_dir: Path) -> None:
    lean.jobs.get("j0")
    lean.jobs.upsert_many(jobs(2000, 2))
    table = (lean.jobs_storage._image or {}).get("jobs", {})
    for n in held_shards(lean):
        mine = {k: v for k, v in table.items() if int(k) // SHARD == n}
        assert mine == orjson.loads(lean.jobs_storage.shard_path(n).read_bytes())


# -- 6. a lean backup counts its jobs --------------------------------------------------------


def test_a_lean_backup_manifest_counts_every_job(lean: Store, data_dir: Path) -> None:
    lean.jobs.upsert_many(jobs(100, 4))
    lean.jobs.delete_many(["j0"])
    assert not lean.jobs_storage.complete
    backup = lean.backup_now()
    assert backup is not None
    assert not lean.jobs_storage.complete  # counting loaded no whole image
    assert backups.read_summary(backup).counts["jobs"] == 3 * SHARD + 3 + 4 - 1
    manifest = orjson.loads((backup / backups.MANIFEST).read_bytes())
    assert manifest["counts"]["jobs"] == 3 * SHARD + 6
    copied = backup / "jobs"
    assert sum(len(orjson.loads(p.read_bytes())) for p in copied.glob("jobs-*.json")) == (
        3 * SHARD + 6
    )


# -- 7. a whole-table TinyDB read ---------------------------------------------------------------


def test_a_whole_table_read_loads_every_shard_then_is_released(lean: Store, data_dir: Path) -> None:
    storage = lean.jobs_storage
    lean.jobs.get("j0")  # a partial image first: the whole read must not lose it
    docs = lean.jobs.table.all()
    assert storage.complete
    assert sorted(int(d.doc_id) for d in docs) == list(range(1, 3 * SHARD + 4))
    assert sorted(d["id"] for d in docs) == sorted(d["id"] for d in lean.jobs.all_dicts())
    lean.flush_jobs()
    assert storage._image is None and not storage.complete
    # A write after a whole read goes back to windows and stays correct.
    lean.jobs.table.all()
    assert lean.jobs.upsert_many(jobs(100, SHARD)) == [f"j{n}" for n in range(100, 100 + SHARD)]
    assert storage._image is None or len(held_shards(lean)) <= RESIDENT
    assert lean.jobs.count() == 4 * SHARD + 3
    ids = [doc["id"] for part in on_disk(data_dir).values() for doc in part.values()]
    assert len(ids) == len(set(ids)) == 4 * SHARD + 3
    assert f"j{100 + SHARD - 1}" in ids


def test_a_normal_store_is_never_released(data_dir: Path) -> None:
    fill(data_dir, 2 * SHARD)
    with Store.open(data_dir) as s:
        s.jobs.upsert_many(jobs(100, 1))
        s.flush_jobs()
        assert s.jobs_storage.complete  # a normal open holds every job, as before
        assert len(held_shards(s)) == 3


def test_an_unflushed_change_survives_later_windows_and_a_whole_read(
    lean: Store, data_dir: Path
) -> None:
    """A TinyDB call inside a window that is not flushed at once (no repository does
    this, but a batch could): its shard stays held and dirty, and is never re-read."""
    table = lean.jobs.table
    with lean.window(table, [1]):
        table.update({"title": "Changed"}, doc_ids=[1])
    assert lean.jobs_storage.dirty
    for n in range(0, 3 * SHARD + 3, 4):  # windows over every other shard: 0 is kept
        lean.jobs.get(f"j{n}")
    first = lean.jobs.get("j0")
    assert first is not None and first.title == "Changed"
    assert {d.doc_id: d["title"] for d in table.all()}[1] == "Changed"  # the whole read
    lean.flush_jobs()
    assert lean.jobs_storage._image is None
    assert on_disk(data_dir)["jobs-00000.json"]["1"]["title"] == "Changed"


# -- a failed shard write -------------------------------------------------------------------


@pytest.mark.parametrize("lazy", [False, True], ids=["normal", "lean"])
def test_a_change_whose_shard_write_failed_is_not_saved_later(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, lazy: bool
) -> None:
    from cockpit.store import storage

    fill(data_dir, 2 * SHARD + 3)
    real = storage.atomic_write
    failures = [1]

    def full_disk(path: Path, payload: bytes) -> None:
        if failures[0] and path.name.startswith("jobs-"):
            failures[0] -= 1
            raise StoreWriteError(path, "the disk is full")
        real(path, payload)

    monkeypatch.setattr(storage, "atomic_write", full_disk)
    with Store.open(data_dir, lazy_jobs=lazy) as s:
        with pytest.raises(StoreWriteError):
            s.jobs.upsert_many(jobs(500, 1))
        assert s.jobs.get("j500") is None  # "That change was not made"
        assert s.jobs.count() == 2 * SHARD + 3
        s.jobs.upsert_many(jobs(600, 1))  # the next write succeeds
    with Store.open(data_dir) as s:
        assert s.jobs.get("j600") is not None
        assert s.jobs.get("j500") is None
        assert s.jobs.count() == 2 * SHARD + 4
