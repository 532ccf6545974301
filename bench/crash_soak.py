"""Crash soak: SIGKILL a writing child at random moments, then check the store.

    python -m bench.crash_soak [--trials 1000] [--folder DIR] [--lean]

Each trial forks a child that does a random mix of triage actions, ledger entries, proposal
edits, ingest batches, submits with a boost and refunds, reporting each action on a pipe once
the store call returned (i.e. once it is durable). The parent kills it after a random delay,
reopens the store, runs a consistency check and verifies every reported action is there.
Inconsistent means a half-done action: a spend or boost for a proposal still in draft, a
submitted proposal without its spend (or boost), or a refund without its submit. Prints
``trials, unreadable, lost_actions, inconsistent``; all three counts must be 0.
``--lean``: the writing child (and the operations under test) open the store as the app
does, ``lazy_jobs=True``, job shards on disk; every check still opens it normally.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import tempfile
import time
from pathlib import Path
from typing import TextIO

from cockpit.models import Feed, Job, LedgerEntry, Proposal, Triage, TriageState, utcnow
from cockpit.store import Store, StoreError

Action = tuple[str, str, int]  # kind, id, version
STATES: tuple[TriageState, ...] = ("shortlist", "dismissed", "applied")


def write_forever(folder: Path, seed: int, out: TextIO, lean: bool = False) -> None:
    """The child's loop: one durable action at a time, reported after it returns."""
    rng = random.Random(seed)
    store = Store.open(folder, lazy_jobs=lean)
    out.write("ready\n")
    out.flush()
    n = 0
    while True:
        n += 1
        tag = f"{seed}-{n}"
        roll = rng.random()
        if roll < 0.3:
            state = rng.choice(STATES)
            store.triage.save(Triage(job_id=f"t{seed}-{n % 7}", state=state, read=True))
            line = f"T t{seed}-{n % 7} {n}"
        elif roll < 0.55:
            store.ledger.append(LedgerEntry(id=f"l{tag}", kind="grant", amount=1, at=utcnow()))
            line = f"L l{tag} 0"
        elif roll < 0.85:
            text = f"version {n}\n" + "words " * rng.randint(10, 400)
            store.proposals.save(Proposal(id=f"p{seed}", job_id=f"t{seed}-0", text=text))
            line = f"P p{seed} {n}"
        elif roll < 0.87:
            store.feeds.save(Feed(id=f"f{tag}", url=f"https://example.com/{tag}"))
            line = f"F f{tag} 0"
        elif roll < 0.93:
            line = submit_and_maybe_refund(store, tag, rng)
        else:
            jobs = [Job(id=f"j{tag}-{k}", title="x" * 200, feed_ids=["f"]) for k in range(50)]
            store.jobs.upsert_many(jobs)
            line = f"J j{tag}-49 0"
        out.write(line + "\n")
        out.flush()


def submit_and_maybe_refund(store: Store, tag: str, rng: random.Random) -> str:
    """A grant, a draft, a submit with a boost (spend + boost + proposal + triage in one
    write), and sometimes the refund after the client cancels."""
    from cockpit.proposals import ops

    now = utcnow()
    store.ledger.append(LedgerEntry(id=f"g{tag}", kind="grant", amount=3, at=now))
    pid = f"s{tag}"
    store.proposals.save(Proposal(id=pid, job_id=f"sj{tag}", text="version 0\nhello"))
    error = ops.submit(store, pid, 2, 1, now)
    assert error is None, error
    if rng.random() < 0.5:
        return f"S {pid} 0"
    assert ops.refund(store, pid, f"sj{tag}", 2, now) is None
    return f"R {pid} 0"


def run_trial(
    folder: Path, seed: int, rng: random.Random, max_delay: float, lean: bool = False
) -> list[Action]:
    """Fork (modules already imported, so each trial is quick), kill, collect reports."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            write_forever(folder, seed, os.fdopen(write_fd, "w"), lean)
        finally:
            os._exit(1)
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        if reader.readline().strip() != "ready":
            os.waitpid(pid, 0)
            raise RuntimeError("the child could not open the store")
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        rest = reader.read()
    os.waitpid(pid, 0)
    actions = []
    for line in rest.splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and parts[2].isdigit():  # a line cut by the kill is no report
            actions.append((parts[0], parts[1], int(parts[2])))
    return actions


def check(folder: Path, reported: dict[tuple[str, str], int]) -> list[str]:
    """Open, check consistency, and list every reported action that is missing."""
    with Store.open(folder) as store:
        have: dict[str, dict[str, int]] = {
            "T": {},
            "L": {e.id: 0 for e in store.ledger.all()},
            "P": {},
            "F": {f.id: 0 for f in store.feeds.all()},
            "J": {d["id"]: 0 for d in store.jobs.all_dicts()},
            "S": {},
            "R": {},
        }
        ledger = store.ledger.all()
        by_proposal: dict[str, set[str]] = {}
        for entry in ledger:
            if entry.proposal_id:
                by_proposal.setdefault(entry.proposal_id, set()).add(entry.kind)
        for proposal in store.proposals.all():
            kinds = by_proposal.get(proposal.id, set())
            if proposal.id.startswith("s"):
                if proposal.state == "draft":
                    assert not kinds, f"inconsistent: {proposal.id} is a draft with {kinds}"
                else:
                    assert {"spend", "boost"} <= kinds, f"inconsistent: {proposal.id} {kinds}"
                    have["S"][proposal.id] = 0
                    if "refund" in kinds:
                        have["R"][proposal.id] = 0
            head = proposal.text.split("\n", 1)[0]
            assert head.startswith("version "), f"proposal {proposal.id} is torn: {head!r}"
            have["P"][proposal.id] = int(head.split()[1])
        for job_id in store.triage.all_by_job():
            have["T"][job_id] = 0
        store.settings.get()
    lost = []
    for (kind, ident), version in reported.items():
        if ident not in have[kind]:
            lost.append(f"{kind} {ident}")
        elif kind == "P" and have[kind][ident] < version:
            lost.append(f"{kind} {ident} v{version} (found v{have[kind][ident]})")
    return lost


def soak(
    folder: Path, trials: int, seed: int = 20261127, max_delay: float = 0.04, lean: bool = False
) -> tuple[int, int, int, int]:
    rng = random.Random(seed)
    reported: dict[tuple[str, str], int] = {}
    unreadable = lost_total = inconsistent = 0
    for trial in range(trials):
        for kind, ident, version in run_trial(folder, trial, rng, max_delay, lean):
            reported[(kind, ident)] = max(version, reported.get((kind, ident), 0))
        try:
            lost = check(folder, reported)
        except AssertionError as exc:
            inconsistent += 1
            print(f"trial {trial}: {exc}")
            continue
        except StoreError as exc:
            unreadable += 1
            print(f"trial {trial}: unreadable: {exc}")
            continue
        if lost:
            print(f"trial {trial}: lost {lost[:5]}")
            lost_total += len(lost)
    return trials, unreadable, lost_total, inconsistent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--folder", type=Path)
    parser.add_argument(
        "--op-trials", type=int, default=150, help="kills during restore, migration, import"
    )
    parser.add_argument(
        "--lean", action="store_true", help="the writers open the store lazy_jobs=True"
    )
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="cockpit-soak-"))
    start = time.perf_counter()
    trials, unreadable, lost, inconsistent = soak(folder, args.trials, lean=args.lean)
    print("trials, unreadable, lost_actions, inconsistent")
    print(f"{trials}, {unreadable}, {lost}, {inconsistent}")
    print(f"({time.perf_counter() - start:.0f} s, store in {folder})")
    from bench.crash_ops import operations_soak

    start = time.perf_counter()
    ops_folder = folder.with_name(folder.name + "-ops")
    op_trials, half_done = operations_soak(ops_folder, args.op_trials, lean=args.lean)
    print("operation trials (restore, migration, import), half_done")
    print(f"{op_trials}, {half_done}")
    print(f"({time.perf_counter() - start:.0f} s)")
    raise SystemExit(1 if unreadable or lost or inconsistent or half_done else 0)


if __name__ == "__main__":
    main()
