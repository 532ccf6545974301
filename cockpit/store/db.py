"""Open, lock, migrate and back up the store; hand out repositories.

Layout of a data folder::

    precious.json   what the user did or typed (autoflushed on every change)
    jobs/           job bodies cached from feeds, in shards (flushed once per batch)
    cockpit.lock    single-instance lock
    backups/        rotating copies, and one before every migration
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from cockpit.models import (
    ChecklistItem,
    Feed,
    Job,
    LedgerEntry,
    Proposal,
    Rule,
    Snippet,
    Template,
    Triage,
)
from cockpit.store import backups, migrations, restore
from cockpit.store.access import Docs
from cockpit.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreReadOnly,
    StoreTooNew,
    StoreWriteError,
)
from cockpit.store.repos import (
    Collection,
    FeedRepo,
    JobRepo,
    LedgerRepo,
    ProfileRepo,
    SettingsRepo,
    TriageRepo,
)
from cockpit.store.storage import (
    ImageStorage,
    ShardedImageStorage,
    fsync_dir,
    load_image,
    load_shard,
    load_shards,
)
from cockpit.store.writer import Writer

R = TypeVar("R")

PRECIOUS = "precious.json"
JOBS = "jobs"
LEGACY_JOBS = "jobs.json"  # schema 1 kept every job body in one file
STAGING_JOBS = ".jobs.migrating"  # shards being written from jobs.json
LOCK = "cockpit.lock"
PID = "cockpit.pid"  # who holds the lock, so a refused command can name it
SCHEMA_VERSION = migrations.SCHEMA_VERSION
# A change waits at most this long for a "recent" backup (the app checks every minute),
# so the newest backup is never more than 30 minutes behind the newest change.
BACKUP_AFTER_SECONDS = 25 * 60


class StoreLock:
    """A sidecar file lock; a second Cockpit on the same folder is refused."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = FileLock(str(folder / LOCK), timeout=0)

    def acquire(self) -> StoreLock:
        prepare_folder(self.folder)
        try:
            self._lock.acquire(timeout=0)
        except Timeout as exc:
            raise StoreLocked(self.folder, holder_pid(self.folder)) from exc
        other = holder_pid(self.folder)
        if other is not None and other != os.getpid() and _alive(other):
            # Its lock file was deleted under it: it still runs and would overwrite us.
            self._lock.release(force=True)
            raise StoreLocked(self.folder, other)
        with contextlib.suppress(OSError):  # the pid only improves a message
            (self.folder / PID).write_text(str(os.getpid()))
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            with contextlib.suppress(OSError):
                (self.folder / PID).unlink(missing_ok=True)
        self._lock.release(force=True)


class NoLock(StoreLock):
    """A snapshot reader holds no lock: the running app does."""

    def acquire(self) -> StoreLock:
        return self

    def release(self) -> None:
        pass


def _remove_leftover_temps(folder: Path) -> None:
    """Temp files of writes a kill interrupted (we hold the lock: no writer is running)."""
    for place in (folder, folder / JOBS):
        if place.is_dir():
            for tmp in place.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    tmp.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, it is someone else's
    return True


def holder_pid(folder: Path) -> int | None:
    try:
        text = (folder / PID).read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(f"Cannot create the data folder {folder}: {exc.strerror}.") from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"The data folder {folder} is read-only. Cockpit needs to write there; "
            "fix its permissions or pass --data-dir. Nothing was changed."
        )


class Store:
    """The data folder, opened: repositories, the single writer, backups.

    Implements ``cockpit.store.access.TableHost``, all its repositories see of it.
    """

    def __init__(self, folder: Path, lock: StoreLock) -> None:
        self.folder = folder
        self._lock_file = lock
        self._lock = threading.RLock()
        self._writer = Writer()
        self._forbidden: threading.Thread | None = None
        # Monotonic time of the oldest change no backup holds yet; None when all are held.
        self._unbacked_since: float | None = None
        self._owing_nothing = threading.local()  # see run_write_owing_nothing
        self.read_only = False  # a snapshot taken while another Cockpit holds the lock
        self.lean = False  # job shards stay on disk (open(lazy_jobs=True))
        self.notices: list[str] = []  # what opening did that the user should hear about
        # Set by the layers above (the wallet knows how to replay a ledger).
        self.balance_of: Callable[[Sequence[LedgerEntry]], int | None] | None = None
        self.precious_db = TinyDB(folder / PRECIOUS, storage=ImageStorage, autoflush=True)
        self.jobs_db = TinyDB(folder / JOBS, storage=ShardedImageStorage)
        p = self.precious_db
        self.feeds = FeedRepo(self, p.table("feeds"), Feed)
        self.triage = TriageRepo(self, p.table("triage"), Triage, key="job_id")
        self.proposals = Collection(self, p.table("proposals"), Proposal)
        self.ledger = LedgerRepo(self, p.table("ledger"))
        self.checklist = Collection(self, p.table("checklist"), ChecklistItem)
        self.rules = Collection(self, p.table("rules"), Rule)
        self.templates = Collection(self, p.table("templates"), Template)
        self.snippets = Collection(self, p.table("snippets"), Snippet)
        from cockpit.models import Profile, Settings

        self.settings = SettingsRepo(self, p.table("settings"), Settings)
        self.profile = ProfileRepo(self, p.table("profile"), Profile)
        self.jobs = JobRepo(self, self.jobs_db.table("jobs"), Job)

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        lock: StoreLock | None = None,
        lazy_jobs: bool = False,
        check_jobs: bool = False,
    ) -> Store:
        """Lock, load, check the schema and migrate. Raises StoreError subclasses.

        ``lazy_jobs`` (the app, ``cockpit fetch``): the job shards stay on disk. A job
        is read from its own shard, a change holds only the shards it touches, and a
        scan reads one shard at a time, so the store never holds every job body; a
        refresh where every feed answers 304 parses none. A migration or the schema-1
        file needs them at once, so those load them here. ``check_jobs`` (the app)
        reads each shard once now, to find damage at open as a full load would, and
        keeps only which job is in which document. Without it a damaged shard is found
        at its first read (StoreCorrupt: a command stops before it writes) and moved
        aside by the next normal open.
        """
        folder = Path(folder)
        own_lock = lock is None
        lock = lock or StoreLock(folder).acquire()
        try:
            finished = restore.recover_interrupted(folder)
            _remove_leftover_temps(folder)
            _raise_recorded_damage(folder)
            migrations.upgrade_legacy(folder)
            precious = _load_or_move_aside(folder / PRECIOUS)
            version = migrations.version_of(precious)
            if version > SCHEMA_VERSION:
                raise StoreTooNew(folder / PRECIOUS, version, SCHEMA_VERSION)
            migrated = bool(precious) and version < SCHEMA_VERSION
            lazy = lazy_jobs and not migrated and not (folder / LEGACY_JOBS).exists()
            jobs = None if lazy else _load_jobs(folder)
            if migrated:
                assert jobs is not None  # a migration is never lazy
                backups.take(folder, label=f"before-migration-v{version}")
                migrations.run(precious, jobs, version)
            store = cls(folder, lock)
            if finished:
                store.notices.append(finished)
            from cockpit.store.transfer import interrupted_import

            if (told := interrupted_import(folder)) is not None:
                store.notices.append(told)
            store._adopt(precious, jobs, migrated=migrated)
            store.lean = lazy
            if lazy and check_jobs:
                store.jobs.adopt_index(_check_shards(folder))
            return store
        except BaseException:
            if own_lock:
                lock.release()
            raise

    @classmethod
    def open_for_reading(cls, folder: Path) -> Store:
        """Open normally, or, while another Cockpit holds the lock, read a snapshot.

        Files are replaced atomically, so each one read is whole. The snapshot
        never writes: no migration stamp, no damaged file moved, no backup.
        """
        folder = Path(folder)
        try:
            return cls.open(folder)
        except StoreLocked:
            pass
        _raise_recorded_damage(folder)
        precious = load_image(folder / PRECIOUS)
        jobs = load_shards(folder / JOBS) if (folder / JOBS).exists() else {}
        version = migrations.version_of(precious)
        if version > SCHEMA_VERSION:
            raise StoreTooNew(folder / PRECIOUS, version, SCHEMA_VERSION)
        if precious and version < SCHEMA_VERSION:
            migrations.run(precious, jobs, version)  # in memory only
        store = cls(folder, NoLock(folder))
        store.read_only = True
        p_store: ImageStorage = store.precious_db.storage  # type: ignore[assignment]
        p_store.adopt(precious)
        store.jobs_storage.adopt(jobs)
        return store

    def _adopt(
        self, precious: dict[str, Any], jobs: dict[str, Any] | None, *, migrated: bool
    ) -> None:
        """Install already-parsed images, so files are read exactly once (jobs None: the
        shards load on first read)."""
        p_store: ImageStorage = self.precious_db.storage  # type: ignore[assignment]
        if jobs is not None:
            self.jobs_storage.adopt(jobs)
        p_store.adopt(precious)
        legacy = self.folder / LEGACY_JOBS
        if legacy.exists() and jobs is not None:  # schema 1 -> 2: one file becomes shards
            self._shard_legacy(jobs)
            legacy.rename(self.folder / f"{LEGACY_JOBS}.migrated")
        meta = migrations.meta(precious)
        stale = meta.get("schema_version") != SCHEMA_VERSION
        if migrated or stale or not (self.folder / PRECIOUS).exists():
            self.run_write(self._write_meta)
        self._unbacked_since = None  # the schema stamp is no work of the user's

    def _shard_legacy(self, jobs: dict[str, Any]) -> None:
        """Write every shard in a staging folder, then rename it into place: a kill
        at any point leaves jobs.json whole, and it stays the truth until renamed."""
        staging = self.folder / STAGING_JOBS
        if staging.exists() or (self.folder / JOBS).exists():
            self.notices.append(
                "An update of the store's format was interrupted; it has now been finished "
                "from jobs.json, and no job was lost."
            )
        shutil.rmtree(staging, ignore_errors=True)
        writer = ShardedImageStorage(staging)
        writer.write(jobs)
        writer.flush()
        staging.mkdir(exist_ok=True, mode=0o700)  # even for a store with no jobs
        target = self.folder / JOBS
        if target.exists():  # left by an older version killed half-way: incomplete
            stale = self.folder / f".{JOBS}.incomplete"
            shutil.rmtree(stale, ignore_errors=True)
            target.rename(stale)
            shutil.rmtree(stale, ignore_errors=True)
        staging.rename(target)
        fsync_dir(self.folder)

    @property
    def jobs_storage(self) -> ShardedImageStorage:
        return self.jobs_db.storage  # type: ignore[return-value]

    def _write_meta(self) -> None:
        self.precious_db.table(migrations.META).upsert(
            Document({"schema_version": SCHEMA_VERSION}, doc_id=1)
        )

    # -- concurrency -------------------------------------------------------
    def forbid_thread(self, thread: threading.Thread | None) -> None:
        """Make any store call from ``thread`` (the UI thread) an error."""
        self._forbidden = thread

    def _check_thread(self) -> None:
        if self._forbidden is not None and threading.current_thread() is self._forbidden:
            raise RuntimeError("the UI thread must not wait on the store; use a worker")

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        self._check_thread()
        with self._lock:
            yield

    def run_write(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Run a mutation on the single writer and wait for it to be durable."""
        self._check_thread()
        if self.read_only:
            raise StoreReadOnly(self.folder)
        self._changed()
        if self._writer.is_writer_thread() or not self._writer.running:
            with self._lock:
                return self._undoable(fn, *args, **kwargs)
        return self.submit(fn, *args, **kwargs).result()

    def _undoable(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        try:
            return fn(*args, **kwargs)
        except StoreWriteError:
            self._forget_caches()  # the image went back to the file: so must every cache
            raise

    def _forget_caches(self) -> None:
        for repo in (
            self.feeds, self.triage, self.proposals, self.ledger, self.checklist, self.rules,
            self.templates, self.snippets, self.settings, self.profile, self.jobs,
        ):  # fmt: skip
            repo.forget()
            repo.table._next_id = None  # TinyDB recounts ids from the table (no public way)

    def _changed(self) -> None:
        if getattr(self._owing_nothing, "on", False):
            return  # a write of run_write_owing_nothing, on this thread
        if self._unbacked_since is None:
            self._unbacked_since = time.monotonic()

    def run_write_owing_nothing(self, fn: Callable[[], R]) -> R:
        """``run_write`` for a write that holds none of the user's work (the feeds' fetch
        state after a refresh that found nothing new): it makes no backup due. Changes
        other threads make meanwhile still do (the mark is per thread)."""

        def quietly(inner: Callable[[], R]) -> R:
            was = getattr(self._owing_nothing, "on", False)
            self._owing_nothing.on = True
            try:
                return inner()
            finally:
                self._owing_nothing.on = was

        return quietly(lambda: self.run_write(quietly, fn))

    @property
    def changed_since_backup(self) -> bool:
        return self._unbacked_since is not None

    def submit(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> Future[R]:
        """Queue ``fn`` on the writer; returns at once (safe on the UI thread)."""

        def locked() -> R:
            with self._lock:
                return self._undoable(fn, *args, **kwargs)

        self._changed()
        return self._writer.submit(locked)

    def submit_upkeep(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        """Like submit, for work that changes nothing the user did (backups)."""

        def locked() -> R:
            with self._lock:
                return fn(*args)

        return self._writer.submit(locked)

    def start_writer(self) -> None:
        self._writer.start()

    @contextlib.contextmanager
    def precious_batch(self) -> Iterator[None]:
        """Many precious changes, one atomic flush (durable when the block ends)."""
        storage: ImageStorage = self.precious_db.storage  # type: ignore[assignment]
        with self._lock:
            storage.autoflush = False
            try:
                yield
            except BaseException:
                # All or nothing: a batch that fails half-way leaves the file as it was.
                storage.autoflush = True
                storage.rollback()
                self._forget_caches()
                raise
            storage.autoflush = True
            storage.flush()

    def flush_jobs(self) -> None:
        with self._lock:
            self.jobs_storage.flush()
            if self.lean:
                self.jobs_storage.release()  # a whole image read for a bulk change

    # -- what repositories see (cockpit.store.access.TableHost) ---------------
    def read_table(self, table: Table) -> Docs:
        """The table in the storage's in-memory image (TinyDB's public storage API)."""
        image = table.storage.read()
        return image.get(table.name, {}) if image else {}

    def scan_table(self, table: Table) -> Iterator[Docs]:
        """The table a shard at a time; a lean store's shards are parsed and not kept."""
        if table.storage is not self.jobs_storage:
            with self.reading():
                docs = self.read_table(table)
            yield docs
            return
        storage = self.jobs_storage
        with self.reading():
            if storage.complete:
                docs = self.read_table(table)
                numbers = None
            else:
                numbers = storage.shard_numbers()
        if numbers is None:
            yield docs
            return
        for n in numbers:
            with self.reading():
                part = storage.shard_docs(n)
            yield part

    @contextlib.contextmanager
    def window(
        self, table: Table, doc_ids: Iterable[int | str], *, last: bool = False
    ) -> Iterator[None]:
        """Hold (under the lock) the job shards these documents live in, and the last
        shard when ``last`` (new documents go there); other tables are whole anyway."""
        with self.reading():
            if table.storage is self.jobs_storage:
                with self.jobs_storage.window(doc_ids, last=last):
                    yield
            else:
                yield

    def expect(self, table: Table, doc_ids: Iterable[int | str]) -> None:
        if table.storage is self.jobs_storage:  # only job shards are written piecewise
            self.jobs_storage.expect(doc_ids)

    def touched(self, table: Table, doc_ids: Iterable[int | str]) -> None:
        if table.storage is self.jobs_storage:
            self.jobs_storage.touched(doc_ids)

    def flush(self, table: Table) -> None:
        """Job shards are flushed per batch; precious tables already are durable when a
        write returns (or when their ``precious_batch`` ends, which this must not cut)."""
        if table.storage is self.jobs_storage:
            self.flush_jobs()

    # -- upkeep ------------------------------------------------------------
    def summary(self) -> backups.Summary:
        """What the store holds now, for a backup's manifest."""
        with self._lock:
            precious = self.precious_db.storage.read()  # the in-memory image, no copy
            storage = self.jobs_storage
            jobs = storage.read() if storage.complete or not self.lean else None
            balance = None
            if self.balance_of is not None:
                try:
                    balance = self.balance_of(self.ledger.all())
                except Exception:
                    balance = None  # a manifest without a balance beats no backup
            if jobs is None:  # a lean store counts its jobs without reading them
                return backups.summarize(precious or {}, {}, balance, job_count=self.jobs.count())
            return backups.summarize(precious or {}, jobs or {}, balance)

    def backup_now(self, label: str = backups.RECENT) -> Path | None:
        """Flush, then copy the store aside with its manifest."""
        with self._lock:
            self.jobs_storage.flush()
            self.precious_db.storage.flush()  # type: ignore[attr-defined]
            self._unbacked_since = None
            return backups.take(self.folder, label, self.summary())

    def backup_if_due(self) -> Path | None:
        """A daily backup once a day; a recent one when a change waited long enough."""
        with self._lock:
            if not any(
                b.name.startswith(time.strftime("%Y%m%d", time.gmtime()))
                for b in backups.list_all(self.folder)
                if backups.label_of(b) == backups.DAILY
            ):
                return self.backup_now(backups.DAILY)
            since = self._unbacked_since
            if since is not None and time.monotonic() - since >= BACKUP_AFTER_SECONDS:
                return self.backup_now(backups.RECENT)
            return None

    def close(self) -> None:
        if self.read_only:
            self._lock_file.release()
            return
        self._writer.stop()
        try:
            with self._lock:
                if self._unbacked_since is not None:
                    # Quit (or a writing CLI command) changed something: keep a restore point.
                    with contextlib.suppress(OSError, StoreError):  # a full disk: still quit
                        self.backup_now(backups.RECENT)
                self.jobs_db.close()
                self.precious_db.close()
        finally:
            self._lock_file.release()  # even when a last flush failed

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _load_jobs(folder: Path) -> dict[str, Any]:
    """Shards, or the schema-1 single file when the store predates them."""
    legacy = folder / LEGACY_JOBS
    if legacy.exists():  # renamed only once every shard is in place: it is the truth
        return _load_or_move_aside(legacy)
    try:
        return load_shards(folder / JOBS)
    except StoreCorrupt as err:
        err.moved_to = backups.move_aside(err.path)
        restore.record_damage(folder, err.path, err.reason, err.moved_to)
        raise


def _check_shards(folder: Path) -> dict[str, int]:
    """Parse every shard once (damage is found now, as by a full load), keeping only which
    job id is in which document."""
    ids: dict[str, int] = {}
    shards = folder / JOBS
    if not shards.is_dir():
        return ids
    for path in sorted(shards.glob("jobs-*.json")):
        try:
            part = load_shard(path)
        except StoreCorrupt as err:
            err.moved_to = backups.move_aside(err.path)
            restore.record_damage(folder, err.path, err.reason, err.moved_to)
            raise
        ids.update((doc["id"], int(doc_id)) for doc_id, doc in part.items() if "id" in doc)
        del part
        time.sleep(0)  # parsing holds the GIL; give the UI a turn between shards
    return ids


def _load_or_move_aside(path: Path) -> dict[str, Any]:
    try:
        return load_image(path)
    except StoreCorrupt as err:
        err.moved_to = backups.move_aside(path)
        restore.record_damage(path.parent, path, err.reason, err.moved_to)
        raise


def _raise_recorded_damage(folder: Path) -> None:
    """Damage another command found stays in the way until the user chooses what to do."""
    found = restore.damage(folder)
    if found:
        err = StoreCorrupt(found[0].path, found[0].reason)
        err.moved_to = found[0].moved_to
        raise err
