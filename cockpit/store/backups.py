"""Backups that hold the day's work, each with a manifest saying what it holds.

Labels and how many of each are kept:

- ``recent``: while the app runs (at most 30 minutes behind the newest change), at
  quit, and after a writing CLI command, whenever something changed: 24 kept;
- ``daily``: the first of each day: 7 kept;
- ``before-migration-vN``: before a schema migration: 5 kept;
- ``replaced``: what a restore replaced, restorable by name like any other: 10 kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from cockpit import __version__
from cockpit.store.storage import fsync_dir, load_image, load_shards

FILES = ("precious.json", "jobs.json", "cockpit.json")  # jobs.json and cockpit.json: old layouts
DIRS = ("jobs",)
DAILY = "daily"
RECENT = "recent"
REPLACED = "replaced"
KEEP = {RECENT: 24, DAILY: 7, REPLACED: 10}
KEEP_OTHER = 5
MANIFEST = "manifest.json"
# What a manifest counts; the precious tables by name, plus jobs.
COUNTED = ("feeds", "jobs", "proposals", "ledger", "checklist", "rules", "templates", "triage")


@dataclass(slots=True)
class Summary:
    """What a backup (or the live store) holds."""

    counts: dict[str, int] = field(default_factory=dict)
    balance: int | None = None  # Connects on hand, when the caller could work it out
    schema: int | None = None
    at: datetime | None = None
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat() if self.at else None,
            "app_version": self.version,
            "schema": self.schema,
            "counts": dict(self.counts),
            "balance": self.balance,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Summary:
        at = data.get("at")
        counts = data.get("counts")
        balance = data.get("balance")
        schema = data.get("schema")
        return cls(
            counts={str(k): int(v) for k, v in counts.items() if isinstance(v, int)}
            if isinstance(counts, dict)
            else {},
            balance=balance if isinstance(balance, int) else None,
            schema=schema if isinstance(schema, int) else None,
            at=_parse_at(at) if isinstance(at, str) else None,
            version=str(data.get("app_version") or ""),
        )


def _parse_at(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def summarize(
    precious: Mapping[str, Any],
    jobs: Mapping[str, Any],
    balance: int | None = None,
    *,
    job_count: int | None = None,
) -> Summary:
    """Counts from loaded images (the live store's, or a backup's); ``job_count`` when
    the jobs are not in memory."""
    counts = {name: len(precious.get(name) or {}) for name in COUNTED if name != "jobs"}
    counts["jobs"] = len(jobs.get("jobs") or {}) if job_count is None else job_count
    meta = (precious.get("_meta") or {}).get("1") or {}
    schema = meta.get("schema_version")
    return Summary(counts, balance, schema if isinstance(schema, int) else None)


def backup_root(folder: Path) -> Path:
    return folder / "backups"


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def label_of(backup: Path) -> str:
    return backup.name.split("-", 1)[1] if "-" in backup.name else ""


def time_of(backup: Path) -> datetime | None:
    try:
        return datetime.strptime(backup.name.split("-", 1)[0], "%Y%m%dT%H%M%S%fZ").replace(
            tzinfo=UTC
        )
    except ValueError:
        return None


def take(folder: Path, label: str = DAILY, summary: Summary | None = None) -> Path | None:
    """Copy the store files into backups/<stamp>-<label>/ with a manifest; prune that label."""
    present = [folder / name for name in FILES if (folder / name).exists()]
    folders = [folder / name for name in DIRS if (folder / name).is_dir()]
    if not present and not folders:
        return None
    root = backup_root(folder)
    root.mkdir(exist_ok=True, mode=0o700)
    now = datetime.now(UTC)
    target = root / f"{_stamp(now)}-{label}"
    tmp = root / f".{target.name}.partial"
    tmp.mkdir(mode=0o700)
    for src in present:
        _copy_file(src, tmp / src.name)
    for src in folders:
        (tmp / src.name).mkdir(mode=0o700)
        for shard in src.iterdir():
            if shard.is_file() and not shard.name.startswith("."):  # no half-written temp files
                _copy_file(shard, tmp / src.name / shard.name)
    if summary is None:
        summary = read_summary(tmp)
    summary.at, summary.version = now, __version__
    manifest = tmp / MANIFEST
    manifest.write_bytes(orjson.dumps(summary.to_dict()))
    os.chmod(manifest, 0o600)
    os.replace(tmp, target)
    fsync_dir(root)
    prune(folder, label)
    return target


def _copy_file(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    os.chmod(dst, 0o600)
    with open(dst, "rb") as fh:
        os.fsync(fh.fileno())


def take_daily(folder: Path, summary: Summary | None = None) -> Path | None:
    today = datetime.now(UTC).strftime("%Y%m%d")
    if any(b.name.startswith(today) and label_of(b) == DAILY for b in list_all(folder)):
        return None
    return take(folder, DAILY, summary)


def newest(folder: Path, label: str) -> Path | None:
    return next((b for b in list_all(folder) if label_of(b) == label), None)


def list_all(folder: Path) -> list[Path]:
    """Backups, newest first."""
    root = backup_root(folder)
    if not root.is_dir():
        return []
    return sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
        reverse=True,
    )


def prune(folder: Path, label: str) -> None:
    keep = KEEP.get(label, KEEP_OTHER)
    mine = [b for b in list_all(folder) if label_of(b) == label]
    for old in mine[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    root = backup_root(folder)
    for partial in root.glob(".*.partial"):  # left by a kill during a backup
        shutil.rmtree(partial, ignore_errors=True)


def read_summary(backup: Path) -> Summary:
    """The manifest, or counts worked out from the files for backups made before manifests."""
    try:
        data = orjson.loads((backup / MANIFEST).read_bytes())
        if isinstance(data, dict):
            summary = Summary.from_dict(data)
            summary.at = summary.at or time_of(backup)
            return summary
    except (OSError, orjson.JSONDecodeError):
        pass
    try:
        precious = load_image(backup / "precious.json")
        jobs = load_shards(backup / "jobs") if (backup / "jobs").is_dir() else {}
        if not jobs and (backup / "jobs.json").exists():
            jobs = load_image(backup / "jobs.json")
    except Exception:
        return Summary(at=time_of(backup))
    summary = summarize(precious, jobs)
    summary.at = time_of(backup)
    return summary


def is_good(backup: Path) -> bool:
    try:
        for name in FILES:
            if (backup / name).exists():
                load_image(backup / name)
        for name in DIRS:
            load_shards(backup / name)
    except Exception:
        return False
    return any((backup / name).exists() for name in (*FILES, *DIRS))


def holds_work(summary: Summary) -> bool:
    """A backup taken before anything was done holds only the schema version."""
    return any(n for name, n in summary.counts.items() if name != "triage")


def newest_good(folder: Path) -> Path | None:
    """The newest readable backup that holds some work (else the newest readable one)."""
    readable = [b for b in list_all(folder) if is_good(b)]
    with_work = (b for b in readable if holds_work(read_summary(b)))
    return next(with_work, None) or (readable[0] if readable else None)


def move_aside(path: Path) -> Path:
    """Rename a bad file out of the way; never overwrite anything."""
    target = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    os.replace(path, target)
    return target


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
