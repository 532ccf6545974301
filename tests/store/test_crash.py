"""SIGKILL a writing child at random moments: the store must always load and keep every
write the child reported as durable."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from cockpit.store import Store
from tests.store import crash_child

TRIALS = int(os.environ.get("COCKPIT_CRASH_TRIALS", "100"))


def run_trial(folder: Path, seed: int, rng: random.Random) -> set[tuple[str, str]]:
    """Fork (modules already imported, so each trial is quick), kill, collect reports."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            crash_child.write_forever(folder, seed, os.fdopen(write_fd, "w"))
        finally:
            os._exit(1)
    os.close(write_fd)
    reader = os.fdopen(read_fd)
    assert reader.readline().strip() == "ready"
    time.sleep(rng.uniform(0, 0.04))
    os.kill(pid, signal.SIGKILL)
    rest = reader.read()
    reader.close()
    os.waitpid(pid, 0)
    durable = set()
    for line in rest.splitlines():
        kind, _, ident = line.partition(" ")
        if ident:  # a line cut by the kill is not a report
            durable.add((kind, ident))
    return durable


def test_sigkill_never_loses_a_reported_write(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    folder = tmp_path / "data"
    reported: set[tuple[str, str]] = set()
    for trial in range(TRIALS):
        reported |= run_trial(folder, trial, rng)
        with Store.open(folder) as store:  # must load after every kill
            feeds = {f.id for f in store.feeds.all()}
            ledger = {e.id for e in store.ledger.all()}
            triage = set(store.triage.all_by_job())
            jobs = {j["id"] for j in store.jobs.all_dicts()}
        have = {"F": feeds, "L": ledger, "T": triage, "J": jobs}
        lost = [(k, i) for k, i in reported if i not in have[k]]
        assert not lost, f"trial {trial}: lost durable writes {lost[:5]}"
    assert len(reported) > TRIALS, "the child barely wrote anything; the test proves little"
