"""SIGKILL a writing child at random moments: the store must always load, pass the
consistency check and keep every write the child reported as durable (bench/crash_soak.py,
fewer trials)."""

from __future__ import annotations

import os
import random
from pathlib import Path

from bench.crash_soak import check, run_trial, soak

TRIALS = int(os.environ.get("COCKPIT_CRASH_TRIALS", "100"))


def test_sigkill_never_loses_a_reported_write(tmp_path: Path) -> None:
    trials, unreadable, lost, inconsistent = soak(tmp_path / "data", TRIALS)
    assert (trials, unreadable, lost, inconsistent) == (TRIALS, 0, 0, 0)


def test_the_check_notices_a_lost_write(tmp_path: Path) -> None:
    """Guard against a soak that cannot fail: a made-up report must count as lost."""
    folder = tmp_path / "data"
    reported: dict[tuple[str, str], int] = {}
    for seed in range(20):
        reported.update({(k, i): v for k, i, v in run_trial(folder, seed, random.Random(1), 0.2)})
        if any(k == "P" for k, _ in reported):
            break
    assert reported, "the child reported nothing"
    assert check(folder, reported) == []
    reported[("L", "never-written")] = 0
    reported[("P", "p1")] = 10**9
    assert len(check(folder, reported)) == 2


def test_the_check_notices_a_half_done_submit(tmp_path: Path) -> None:
    """A spend recorded for a proposal still in draft is what a non-atomic submit leaves."""
    import pytest

    from cockpit.models import LedgerEntry, Proposal, utcnow
    from cockpit.store import Store

    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.proposals.save(Proposal(id="s-half", job_id="j", text="version 0"))
        store.ledger.append(
            LedgerEntry(id="x", kind="spend", amount=2, at=utcnow(), proposal_id="s-half")
        )
    with pytest.raises(AssertionError, match="inconsistent"):
        check(folder, {})


def test_kills_during_restore_migration_and_import_leave_old_or_new(tmp_path: Path) -> None:
    from bench.crash_ops import operations_soak

    _trials, half_done = operations_soak(
        tmp_path / "ops", int(os.environ.get("COCKPIT_OP_TRIALS", "12"))
    )
    assert half_done == 0


def test_the_operations_check_notices_a_half_restore(tmp_path: Path) -> None:
    """Guard: precious from the backup with the jobs of the present is half of each."""
    from bench.crash_ops import _check, _restore_setup
    from cockpit.store import restore as restoring

    folder = tmp_path / "half"
    backup = _restore_setup(folder)
    restoring._install(backup / "precious.json", folder / "precious.json")
    assert _check("restore", folder, backup) is False
