"""A TinyDB Storage that keeps the image in memory and writes atomically.

TinyDB's JSONStorage re-reads and rewrites the whole file on every call,
which is quadratic at 50k jobs. Here the file is parsed once (orjson), every
``write`` only swaps the in-memory image, and ``flush`` puts it on disk with
temp file + fsync + ``os.replace`` + fsync of the folder, so a crash leaves
either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from cockpit.store.errors import StoreCorrupt, StoreWriteError

Image = dict[str, dict[str, Any]]


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some filesystems refuse to open folders; the replace still happened
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so a crash leaves the old or the new file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise StoreWriteError(path, _explain(exc)) from exc
    fsync_dir(path.parent)


def _explain(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the data folder is read-only or not writable"
    return exc.strerror or str(exc)


def load_image(path: Path) -> Image:
    """Parse a store file; raise StoreCorrupt (naming the file) when it is not one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        reason = "the file is empty" if not raw.strip() else f"it is not valid JSON ({exc})"
        raise StoreCorrupt(path, reason) from exc
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise StoreCorrupt(path, "it is JSON, but not in the shape of a Cockpit store")
    return data


class ImageStorage(Storage):
    """In-memory image with explicit, atomic flushes.

    ``autoflush`` stores (precious data) reach disk inside every ``write``;
    the others (re-fetchable job bodies) are flushed in batches by the caller.
    """

    def __init__(self, path: str | os.PathLike[str], autoflush: bool = True) -> None:
        self.path = Path(path)
        self.autoflush = autoflush
        self._image: Image | None = None
        self.dirty = False

    def read(self) -> Image:
        if self._image is None:
            self._image = load_image(self.path)
        return self._image

    def write(self, data: Image) -> None:
        self._image = data
        self.dirty = True
        if self.autoflush:
            self.flush()

    def flush(self) -> None:
        if not self.dirty or self._image is None:
            return
        atomic_write(self.path, orjson.dumps(self._image))
        self.dirty = False

    def close(self) -> None:
        self.flush()
