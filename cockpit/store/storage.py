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
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from cockpit.store.errors import StoreConflict, StoreCorrupt, StoreWriteError

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


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


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
        self._stamp: tuple[int, int, int] | None = None  # the file as we last read or wrote it

    def read(self) -> Image:
        if self._image is None:
            self._image = load_image(self.path)
            self.remember_disk()
        return self._image

    def adopt(self, image: Image) -> None:
        """An image already read from this file (Store.open reads files once)."""
        self._image = image
        self.remember_disk()

    def remember_disk(self) -> None:
        self._stamp = _stamp(self.path)

    def write(self, data: Image) -> None:
        self._image = data
        self.dirty = True
        if self.autoflush:
            self.flush()

    def rollback(self) -> None:
        """Forget unflushed changes: back to what the file holds."""
        self.dirty = False
        with contextlib.suppress(StoreCorrupt, OSError):
            self._image = load_image(self.path)

    def flush(self) -> None:
        """Write the image; on failure the image goes back to what the file holds, so a
        retry never saves a change twice (the user was told it was not made)."""
        if not self.dirty or self._image is None:
            return
        try:
            if _stamp(self.path) != self._stamp:
                raise StoreConflict(self.path)  # another writer: never overwrite its work
            atomic_write(self.path, orjson.dumps(self._image))
        except StoreWriteError:
            self.dirty = False
            with contextlib.suppress(StoreCorrupt, OSError):
                self._image = load_image(self.path)
            raise
        self.remember_disk()
        self.dirty = False

    def close(self) -> None:
        self.flush()


class ShardedImageStorage(Storage):
    """Job bodies in shard files of ``SHARD`` documents each, by doc id.

    A 50k-job image is ~90 MB of JSON: parsing or writing it in one piece holds
    the GIL for seconds and stalls the UI. Shards load one at a time with a GIL
    release between them, and a batch rewrites only the shards it touched.
    Each shard is written atomically; job bodies are re-fetchable, so shards
    need no cross-file atomicity.

    The image may be partial (``Store.open(lazy_jobs=True)``): it then holds whole
    shards only, those a ``window`` loaded, and a flush rewrites only shards it
    holds whole, so a shard never read is never overwritten. ``read`` outside a
    window loads every shard (TinyDB's whole-table operations need them all).
    """

    SHARD = 2048
    RESIDENT = 4  # clean shards a partial image keeps between windows

    def __init__(self, folder: str | os.PathLike[str], table: str = "jobs") -> None:
        self.folder = Path(folder)
        self.table = table
        self._image: Image | None = None
        self._dirty: set[int] = set()
        self._expect: set[int] | None = None
        self._loaded: list[int] = []  # shards a partial image holds, least recent first
        self._complete = False
        self._windows = 0

    def shard_path(self, n: int) -> Path:
        return self.folder / f"{self.table}-{n:05d}.json"

    def shard_of(self, doc_id: int | str) -> int:
        return int(doc_id) // self.SHARD

    @property
    def dirty(self) -> bool:
        return bool(self._dirty)

    @property
    def complete(self) -> bool:
        """Every shard is in memory (a partial image holds only some)."""
        return self._image is not None and self._complete

    def read(self) -> Image:
        if self._windows and self._image is not None:
            return self._image  # a window's operation sees the shards it asked for
        if not self.complete:
            whole = load_shards(self.folder, self.table)
            if self._image is not None:  # keep unflushed changes of the partial image
                whole.setdefault(self.table, {}).update(self._image.get(self.table, {}))
            self._image, self._complete, self._loaded = whole, True, []
        assert self._image is not None
        return self._image

    def adopt(self, image: Image) -> None:
        """An image already read from these shards (Store.open reads files once)."""
        self._image, self._complete, self._loaded = image, True, []

    def shard_numbers(self) -> list[int]:
        """Shards on disk or in memory, in order."""
        held = {self.shard_of(k) for k in (self._image or {}).get(self.table, {})}
        return sorted(held | self._existing_shards())

    def shard_docs(self, n: int) -> dict[str, Any]:
        """One shard's documents (from memory when held, else parsed and not kept)."""
        if self._image is not None and (self._complete or n in self._loaded):
            table = self._image.get(self.table, {})
            return {k: v for k, v in table.items() if int(k) // self.SHARD == n}
        return load_shard(self.shard_path(n))

    @contextlib.contextmanager
    def window(self, doc_ids: Iterable[int | str], *, last: bool = False) -> Iterator[None]:
        """Hold whole the shards of ``doc_ids`` (and the last shard when ``last``: new
        documents go there) while a TinyDB operation reads and writes the image."""
        if self.complete:
            yield
            return
        wanted = {self.shard_of(d) for d in doc_ids}
        if last:
            existing = self._existing_shards() | set(self._dirty)
            if existing:
                wanted.add(max(existing))
        if self._image is None:
            self._image = {}
        table = self._image.setdefault(self.table, {})
        for n in sorted(wanted):
            if n in self._loaded:
                self._loaded.remove(n)
            else:
                table.update(load_shard(self.shard_path(n)))
            self._loaded.append(n)
        self._windows += 1
        try:
            yield
        finally:
            self._windows -= 1
            if not self._windows:
                self._trim()

    def _trim(self) -> None:
        """Let a partial image keep only the most recent clean shards."""
        if self._complete or self._image is None:
            return
        keep = set(self._loaded[-self.RESIDENT :]) | self._dirty
        drop = {n for n in self._loaded if n not in keep}
        if not drop:
            return
        self._loaded = [n for n in self._loaded if n in keep]
        table = self._image.get(self.table, {})
        for key in [k for k in table if int(k) // self.SHARD in drop]:
            del table[key]

    def release(self) -> None:
        """Forget a clean whole image (a bulk change read it): shards are read again when
        needed. A partial one is kept small by ``window`` already."""
        if self._complete and not self._dirty and not self._windows:
            self._image, self._complete, self._loaded = None, False, []

    def expect(self, doc_ids: Iterable[int | str]) -> None:
        """The next write changes only these documents (the repo knows which)."""
        self._expect = {self.shard_of(d) for d in doc_ids}

    def touched(self, doc_ids: Iterable[int | str]) -> None:
        shards = {self.shard_of(d) for d in doc_ids}
        self._dirty.update(shards)
        self._hold_new(shards)

    def write(self, data: Image) -> None:
        self._image = data
        if self._expect is None:  # unknown change: rewrite every shard it may touch
            self._dirty.update(self.shard_of(k) for k in data.get(self.table, {}))
            self._dirty.update(self._existing_shards() if self._complete else self._loaded)
        else:
            self._dirty |= self._expect
        self._hold_new(self._dirty)
        self._expect = None

    def _hold_new(self, shards: Iterable[int]) -> None:
        """A partial image holds whole the shards a window loaded, and new shards (no file
        yet: all their documents are in memory). A dirty shard that is neither stays out of
        ``_loaded``, so ``flush`` refuses it instead of overwriting it with a part."""
        if not self._complete:
            self._loaded.extend(
                n
                for n in sorted(shards)
                if n not in self._loaded and not self.shard_path(n).exists()
            )

    def _existing_shards(self) -> set[int]:
        if not self.folder.is_dir():
            return set()
        return {
            int(p.stem.rsplit("-", 1)[1])
            for p in self.folder.glob(f"{self.table}-*.json")
            if p.stem.rsplit("-", 1)[1].isdigit()
        }

    def flush(self) -> None:
        if not self._dirty or self._image is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        table = self._image.get(self.table, {})
        shards: dict[int, dict[str, Any]] = {n: {} for n in self._dirty}
        for key, doc in table.items():
            bucket = shards.get(int(key) // self.SHARD)
            if bucket is not None:
                bucket[key] = doc
        try:
            for n in sorted(shards):
                path = self.shard_path(n)
                if not self._complete and n not in self._loaded and path.exists():
                    # Never write a shard the image does not hold whole: that would drop jobs.
                    raise StoreWriteError(path, "the shard was not read before this change")
                if shards[n]:
                    atomic_write(path, orjson.dumps(shards[n]))
                elif path.exists():
                    path.unlink()
                self._dirty.discard(n)
                time.sleep(0)  # let the UI thread run between shards
        except StoreWriteError:
            self._revert()
            raise

    def _revert(self) -> None:
        """A shard write failed: every unflushed shard goes back to what its file holds, so
        a later flush never saves a change the user was told was not made."""
        failed, self._dirty = self._dirty, set()
        table = (self._image or {}).get(self.table, {})
        for key in [k for k in table if int(k) // self.SHARD in failed]:
            del table[key]
        for n in sorted(failed if self._complete else failed & set(self._loaded)):
            with contextlib.suppress(StoreCorrupt, OSError):
                table.update(load_shard(self.shard_path(n)))

    def close(self) -> None:
        self.flush()


def load_shard(path: Path) -> dict[str, Any]:
    """One shard's documents ({} when it does not exist); a bad one raises StoreCorrupt."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    try:
        part = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        reason = "the file is empty" if not raw.strip() else f"it is not valid JSON ({exc})"
        raise StoreCorrupt(path, reason) from exc
    if not isinstance(part, dict) or not all(isinstance(d, dict) for d in part.values()):
        raise StoreCorrupt(path, "it is JSON, but not in the shape of a Cockpit store")
    return part


def load_shards(folder: Path, table: str = "jobs") -> Image:
    """Read every shard; a bad one raises StoreCorrupt naming that file."""
    merged: dict[str, Any] = {}
    if folder.is_dir():
        for path in sorted(folder.glob(f"{table}-*.json")):
            merged.update(load_shard(path))
            time.sleep(0)  # parsing holds the GIL; give the UI a turn between shards
    return {table: merged} if merged else {}
