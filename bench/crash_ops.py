"""SIGKILL during the long operations: a restore, a schema 1 -> 2 migration, an import.

Each trial builds the starting state, forks a child that runs the operation, kills it
after a random delay within the operation's own duration, reopens the store and checks
that it holds the old state or the new one (an interrupted import must say so, and
running it again must finish it). ``python -m bench.crash_soak`` runs these after the
write soak; ``operations_soak`` returns ``(trials, half_done)``; with ``lean`` the operations open
the store ``lazy_jobs=True`` (a migration loads every job anyway), the checks normally.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from cockpit.models import Feed, Job, LedgerEntry, Proposal, utcnow
from cockpit.store import Store
from cockpit.store import restore as restoring

JOBS = 3000  # two shards: enough for a kill to land between them


def _fill(folder: Path, feeds: int, jobs: int) -> None:
    with Store.open(folder) as s:
        for n in range(feeds):
            s.feeds.save(Feed(id=f"f{n}", url=f"https://example.com/{n}"))
        s.jobs.upsert_many([Job(id=f"j{n}", title="t" * 40) for n in range(jobs)])
        s.proposals.save(Proposal(id="p", job_id="j0", text="hello"))
        s.ledger.append(LedgerEntry(id="g", kind="grant", amount=40, at=utcnow()))


def _state(folder: Path) -> tuple[int, int, int]:
    with Store.open(folder) as s:
        return len(s.feeds.all()), s.jobs.count(), len(s.ledger.all())


# -- the operations: (set up, run in the child, the states allowed after a kill) ---------


def _restore_setup(folder: Path) -> Path:
    _fill(folder, 1, JOBS)
    with Store.open(folder) as s:
        backup = s.backup_now()
        s.feeds.save(Feed(id="late", url="https://example.com/late"))
        s.jobs.delete_many([f"j{n}" for n in range(JOBS - 100)])
    assert backup is not None
    return backup


def _restore_run(folder: Path, backup: Path, lean: bool = False) -> None:
    restoring.restore(folder, backup)


def _migration_setup(folder: Path) -> Path:
    folder.mkdir(parents=True)
    docs = {str(n + 1): Job(id=f"j{n}", title="t" * 40).to_dict() for n in range(JOBS)}
    (folder / "jobs.json").write_bytes(orjson.dumps({"jobs": docs}))
    meta = {"_meta": {"1": {"schema_version": 1}}, "feeds": {}}
    (folder / "precious.json").write_bytes(orjson.dumps(meta))
    return folder


def _migration_run(folder: Path, _arg: Path, lean: bool = False) -> None:
    Store.open(folder, lazy_jobs=lean).close()


def _import_setup(folder: Path) -> Path:
    source = folder.with_name(folder.name + "-source")
    shutil.rmtree(source, ignore_errors=True)
    _fill(source, 2, JOBS)
    from cockpit.store.transfer import export_data

    with Store.open(source) as s:
        data = export_data(s)
    path = folder.with_name(folder.name + ".json")
    path.write_bytes(orjson.dumps(data))
    return path


def _import_run(folder: Path, path: Path, lean: bool = False) -> None:
    from cockpit.store.transfer import apply_import, plan_import, read_export

    with Store.open(folder, lazy_jobs=lean) as s:
        read = read_export(orjson.loads(path.read_bytes()))
        apply_import(s, plan_import(s, read.records), str(path))


Op = tuple[Callable[[Path], Path], Callable[[Path, Path, bool], None]]
OPERATIONS: dict[str, Op] = {
    "restore": (_restore_setup, _restore_run),
    "migration": (_migration_setup, _migration_run),
    "import": (_import_setup, _import_run),
}


def _check(name: str, folder: Path, arg: Path) -> bool:
    """True when the store holds the old or the new state, never half of each."""
    if name == "restore":
        return _state(folder) in ((2, 100, 1), (1, JOBS, 1))
    if name == "migration":
        return _state(folder)[1] == JOBS
    with Store.open(folder) as s:  # import: nothing, everything, or said and finishable
        told = any("interrupted" in n for n in s.notices)
    state = _state(folder)
    if state in ((0, 0, 0), (2, JOBS, 1)):
        return True
    if not told:
        return False
    _import_run(folder, arg)
    return _state(folder) == (2, JOBS, 1)


def _timed(name: str, root: Path, lean: bool) -> float:
    folder = root / f"{name}-timing"
    setup, run = OPERATIONS[name]
    arg = setup(folder)
    start = time.perf_counter()
    run(folder, arg, lean)
    return time.perf_counter() - start


def operations_soak(
    root: Path, trials: int, seed: int = 20261203, lean: bool = False
) -> tuple[int, int]:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    durations = {name: _timed(name, root, lean) for name in OPERATIONS}
    half_done = 0
    for trial in range(trials):
        name = list(OPERATIONS)[trial % len(OPERATIONS)]
        setup, run = OPERATIONS[name]
        folder = root / f"{name}-{trial}"
        arg = setup(folder)
        pid = os.fork()
        if pid == 0:  # child
            try:
                run(folder, arg, lean)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, durations[name] * 1.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        try:
            ok = _check(name, folder, arg)
        except Exception as exc:
            print(f"trial {trial} ({name}): {exc}")
            ok = False
        if not ok:
            half_done += 1
            print(f"trial {trial} ({name}): half done, store in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return trials, half_done
