"""Schema versions and the ordered steps between them.

v0: one TinyDB file ``cockpit.json`` (default JSONStorage) with triage state
    kept on each job (``state``/``read`` fields).
v1: ``precious.json`` + ``jobs.json``; triage in its own precious table.
v2: job bodies in shard files under ``jobs/`` (the files move in Store.open).
v3: pasted job pages: jobs may carry ``signals`` (cost, activity readings, the
    client's record) and ``raw`` (the pasted text); proposals carry
    ``invitation`` and ``context`` (the job as it was at submit); the profile
    carries ``country``. Job documents are not rewritten: a missing field reads
    as "none", so 50k job shards need no pass.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from cockpit.store import backups
from cockpit.store.storage import atomic_write, load_image

SCHEMA_VERSION = 3
META = "_meta"
Image = dict[str, dict[str, Any]]


def meta(precious: Image) -> dict[str, Any]:
    return dict(precious.get(META, {}).get("1", {}))


def version_of(precious: Image) -> int:
    if not precious:
        return SCHEMA_VERSION  # a new store starts current
    return int(meta(precious).get("schema_version", 0))


def _v0_to_v1(precious: Image, jobs: Image) -> None:
    old_jobs = precious.pop("jobs", {})
    triage: dict[str, dict[str, Any]] = {}
    table: dict[str, dict[str, Any]] = {}
    for n, (doc_id, doc) in enumerate(old_jobs.items(), start=1):
        doc = dict(doc)
        state, read = doc.pop("state", "new"), doc.pop("read", False)
        doc.setdefault("feed_ids", [doc.pop("feed_id")] if doc.get("feed_id") else [])
        doc.pop("feed_id", None)
        table[doc_id] = doc
        if state != "new" or read:
            triage[str(n)] = {
                "job_id": doc["id"],
                "state": state,
                "read": bool(read),
                "tags": [],
                "updated": None,
            }
    jobs["jobs"] = table
    precious["triage"] = triage


def _v1_to_v2(precious: Image, jobs: Image) -> None:
    """Same documents; only the jobs file layout changes (see Store.open)."""


def _v2_to_v3(precious: Image, jobs: Image) -> None:
    for doc in precious.get("proposals", {}).values():
        doc.setdefault("invitation", False)
        doc.setdefault("context", None)
    for doc in precious.get("profile", {}).values():
        doc.setdefault("country", "")


STEPS: list[Callable[[Image, Image], None]] = [_v0_to_v1, _v1_to_v2, _v2_to_v3]
assert len(STEPS) == SCHEMA_VERSION


def run(precious: Image, jobs: Image, from_version: int) -> None:
    for step in STEPS[from_version:]:
        step(precious, jobs)
    precious.setdefault(META, {})["1"] = {"schema_version": SCHEMA_VERSION}


def upgrade_legacy(folder: Path) -> None:
    """Turn a v0 single-file store into the v1 pair, after a backup."""
    legacy = folder / "cockpit.json"
    if not legacy.exists() or (folder / "precious.json").exists():
        return
    image = load_image(legacy)
    backups.take(folder, label="before-migration-v0")
    jobs: Image = {}
    run(image, jobs, 0)
    atomic_write(folder / "jobs.json", orjson.dumps(jobs))
    atomic_write(folder / "precious.json", orjson.dumps(image))
    legacy.rename(folder / "cockpit.json.migrated")
