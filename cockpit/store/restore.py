"""Putting a backup back, saying first what it brings and what it would lose.

A restore replaces only the parts named (after damage: only the damaged ones).
What it replaces is saved first as a ``replaced`` backup set, listed and
restorable by name like any other. Damage found by any command is recorded in
``damage.json`` so the next start of the app asks what to do about it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from cockpit.store import backups
from cockpit.store.storage import atomic_write, fsync_dir, load_image, load_shards

DAMAGE = "damage.json"
JOURNAL = "restore.json"  # a restore under way: the next open finishes it
PARTS = ("precious.json", "jobs")  # what a current store is made of


@dataclass(frozen=True, slots=True)
class Damage:
    path: Path
    reason: str
    moved_to: Path | None
    at: datetime | None


def record_damage(folder: Path, path: Path, reason: str, moved_to: Path | None) -> None:
    """Remember damage for the next start of the app (any command may find it first)."""
    entries = [d for d in _read_damage(folder) if d.get("path") != str(path)]
    entries.append(
        {
            "path": str(path),
            "reason": reason,
            "moved_to": str(moved_to) if moved_to else None,
            "at": datetime.now(UTC).isoformat(),
        }
    )
    with contextlib.suppress(OSError):
        atomic_write(folder / DAMAGE, orjson.dumps(entries))


def _read_damage(folder: Path) -> list[dict[str, Any]]:
    try:
        data = orjson.loads((folder / DAMAGE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return []
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def damage(folder: Path) -> list[Damage]:
    out = []
    for entry in _read_damage(folder):
        moved = entry.get("moved_to")
        at = entry.get("at")
        try:
            when = datetime.fromisoformat(at) if isinstance(at, str) else None
        except ValueError:
            when = None
        out.append(
            Damage(
                Path(str(entry.get("path", ""))),
                str(entry.get("reason", "")),
                Path(moved) if isinstance(moved, str) else None,
                when,
            )
        )
    return out


def clear_damage(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / DAMAGE).unlink()
        fsync_dir(folder)


def damaged_parts(folder: Path) -> list[str]:
    """The parts recorded as damaged, or missing and unreadable now."""
    parts: list[str] = []
    for item in damage(folder):
        part = "jobs" if item.path.parent.name == "jobs" else item.path.name
        if part in PARTS and part not in parts:
            parts.append(part)
    return parts


def current_summary(folder: Path) -> backups.Summary | None:
    """What the live files hold now; None when they cannot be read."""
    try:
        precious = load_image(folder / "precious.json")
        jobs = load_shards(folder / "jobs")
    except Exception:
        return None
    return backups.summarize(precious, jobs)


def losses(current: backups.Summary | None, backup: backups.Summary) -> dict[str, int]:
    """Per kind, how many records the current store has that the backup lacks (by count)."""
    if current is None:
        return {}
    return {
        name: current.counts.get(name, 0) - backup.counts.get(name, 0)
        for name in backups.COUNTED
        if current.counts.get(name, 0) > backup.counts.get(name, 0)
    }


def restore(folder: Path, backup: Path, parts: tuple[str, ...] | None = None) -> Path | None:
    """Put ``parts`` (default: every part the backup has) back from ``backup``.

    The current files of those parts are first saved as a ``replaced`` backup set,
    whose path is returned (None when there was nothing to keep).
    """
    if not backups.is_good(backup):
        raise ValueError(f"{backup} is not a readable backup")
    wanted = [p for p in (parts or PARTS) if (backup / p).exists()]
    if not wanted and (backup / "jobs.json").exists():
        wanted = ["precious.json"]  # schema-1 backup: Store.open migrates jobs.json
    kept = _keep_replaced(folder)
    # From here the restore is written down first, so a kill part-way is finished at the
    # next open (every part from the backup), never left half old and half new.
    journal = {"backup": str(backup), "parts": wanted, "kept": str(kept) if kept else None}
    atomic_write(folder / JOURNAL, orjson.dumps(journal))
    _install_parts(folder, backup, wanted)
    return kept


def _install_parts(folder: Path, backup: Path, wanted: list[str]) -> None:
    for name in wanted:
        _install(backup / name, folder / name)
    if "jobs" in wanted or not (folder / "jobs").exists():
        legacy = backup / "jobs.json"
        if legacy.exists() and not (backup / "jobs").exists():
            _install(legacy, folder / "jobs.json")
    fsync_dir(folder)
    clear_damage(folder)
    (folder / JOURNAL).unlink(missing_ok=True)
    fsync_dir(folder)


def _keep_replaced(folder: Path) -> Path | None:
    present = any((folder / name).exists() for name in PARTS)
    return backups.take(folder, backups.REPLACED) if present else None


def _install(src: Path, dst: Path) -> None:
    """Copy to a temp name beside ``dst``, then swap it in; a kill leaves old or new."""
    tmp = dst.with_name(f".{dst.name}.restore")
    old = dst.with_name(f".{dst.name}.old")
    backups.remove_quietly(tmp)  # left by a killed restore
    if src.is_dir():
        tmp.mkdir(mode=0o700)
        for shard in src.iterdir():
            if shard.is_file():
                _copy(shard, tmp / shard.name)
    else:
        _copy(src, tmp)
    if dst.is_dir():
        backups.remove_quietly(old)
        os.replace(dst, old)
        os.replace(tmp, dst)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, dst)


def _copy(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    os.chmod(dst, 0o600)
    with open(dst, "rb") as fh:
        os.fsync(fh.fileno())


def recover_interrupted(folder: Path) -> str | None:
    """Finish a restore a kill interrupted; says so (None when there was none)."""
    old = folder / ".jobs.old"
    if old.is_dir() and not (folder / "jobs").exists():
        os.replace(old, folder / "jobs")
        fsync_dir(folder)
    for name in PARTS:  # half-copied restores: the live files were never touched
        backups.remove_quietly(folder / f".{name}.restore")
    backups.remove_quietly(old)
    try:
        journal = orjson.loads((folder / JOURNAL).read_bytes())
        backup, wanted = Path(journal["backup"]), [str(p) for p in journal["parts"]]
    except FileNotFoundError:
        return None
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
        (folder / JOURNAL).unlink(missing_ok=True)  # unreadable: the parts were untouched
        return None
    if not backups.is_good(backup):
        (folder / JOURNAL).unlink(missing_ok=True)
        return None
    _install_parts(folder, backup, wanted)
    return f"A restore of backup {backup.name} was interrupted; it has now been finished."
