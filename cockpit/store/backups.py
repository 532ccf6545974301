"""Rotating backups: one a day (last 5 kept) and one before every migration."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from cockpit.store.storage import fsync_dir, load_image, load_shards

KEEP = 5
FILES = ("precious.json", "jobs.json", "cockpit.json")  # jobs.json and cockpit.json: old layouts
DIRS = ("jobs",)
DAILY = "daily"


def backup_root(folder: Path) -> Path:
    return folder / "backups"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def take(folder: Path, label: str = DAILY) -> Path | None:
    """Copy the store files into backups/<stamp>-<label>/; rotate that label."""
    present = [folder / name for name in FILES if (folder / name).exists()]
    folders = [folder / name for name in DIRS if (folder / name).is_dir()]
    if not present and not folders:
        return None
    root = backup_root(folder)
    root.mkdir(exist_ok=True, mode=0o700)
    target = root / f"{_stamp()}-{label}"
    tmp = root / f".{target.name}.partial"
    tmp.mkdir(mode=0o700)
    for src in present:
        shutil.copyfile(src, tmp / src.name)
        os.chmod(tmp / src.name, 0o600)
        with open(tmp / src.name, "rb") as fh:
            os.fsync(fh.fileno())
    for src in folders:
        shutil.copytree(src, tmp / src.name)
        for copied in (tmp / src.name).iterdir():
            with open(copied, "rb") as fh:
                os.fsync(fh.fileno())
    os.replace(tmp, target)
    fsync_dir(root)
    _rotate(root, label)
    return target


def take_daily(folder: Path) -> Path | None:
    today = datetime.now(UTC).strftime("%Y%m%d")
    if any(b.name.startswith(today) and b.name.endswith(f"-{DAILY}") for b in list_all(folder)):
        return None
    return take(folder, DAILY)


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


def _rotate(root: Path, label: str) -> None:
    mine = sorted(
        (p for p in root.iterdir() if p.is_dir() and p.name.endswith(f"-{label}")),
        key=lambda p: p.name,
        reverse=True,
    )
    for old in mine[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


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


def newest_good(folder: Path) -> Path | None:
    return next((b for b in list_all(folder) if is_good(b)), None)


def move_aside(path: Path) -> Path:
    """Rename a bad file out of the way; never overwrite anything."""
    target = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    os.replace(path, target)
    return target


def _copy_durably(src: Path, dst: Path) -> None:
    """Copy a store file or a folder of shards, private and fsynced, before it goes live."""
    if src.is_dir():
        shutil.copytree(src, dst)
        files = list(dst.iterdir())
    else:
        shutil.copyfile(src, dst)
        files = [dst]
    for path in files:
        os.chmod(path, 0o600)
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())


def restore(folder: Path, backup: Path) -> list[Path]:
    """Put a backup's files back; current files are kept aside, not deleted."""
    if not is_good(backup):
        raise ValueError(f"{backup} is not a readable backup")
    kept = []
    for name in (*FILES, *DIRS):
        current = folder / name
        if current.exists():
            aside = current.with_name(f"{name}.replaced-{_stamp()}")
            os.replace(current, aside)
            kept.append(aside)
        if (backup / name).exists():
            tmp = folder / f".{name}.restore"
            _copy_durably(backup / name, tmp)
            os.replace(tmp, current)
    fsync_dir(folder)
    return kept
