"""Repositories: typed access to one TinyDB table each.

Reads take the store lock; writes go through ``run_write`` so there is one
writer. A repository sees the store only through ``TableHost`` (read a table,
write a table, flush), so this module never imports ``db.py``. Every method
returns plain models from cockpit.models.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from tinydb.table import Document, Table

from cockpit.jobcheck import JobRefused, check_job
from cockpit.models import (
    Feed,
    Job,
    LedgerEntry,
    Model,
    Profile,
    Settings,
    Triage,
    add_reading,
    merge_pasted,
)
from cockpit.store.access import Docs, TableHost

M = TypeVar("M", bound=Model)
R = TypeVar("R")
P = ParamSpec("P")
S = TypeVar("S", bound="_Repo")


def writes(fn: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Route a mutating method through the store's single writer."""

    @functools.wraps(fn)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        return self.store.run_write(fn, self, *args, **kwargs)

    return wrapper


class _Repo:
    def __init__(self, store: TableHost, table: Table) -> None:
        self.store = store
        self.table = table

    def _raw(self) -> Docs:
        # The in-memory image, no copy: read it, never change it.
        return self.store.read_table(self.table)

    def forget(self) -> None:
        """Drop what this repository cached (the image went back to the file)."""
        self.table.clear_cache()


class Collection(_Repo, Generic[M]):
    """A table of models keyed by a string field (``id`` unless told)."""

    def __init__(self, store: TableHost, table: Table, model: type[M], key: str = "id") -> None:
        super().__init__(store, table)
        self.model = model
        self.key = key
        self._ids: dict[str, int] | None = None

    def forget(self) -> None:
        super().forget()
        self._ids = None

    def _index(self) -> dict[str, int]:
        if self._ids is None:
            self._ids = {doc[self.key]: int(doc_id) for doc_id, doc in self._raw().items()}
        return self._ids

    def all(self) -> list[M]:
        with self.store.reading():
            return [self.model.from_dict(doc) for doc in self._raw().values()]

    def get(self, key: str) -> M | None:
        with self.store.reading():
            doc_id = self._index().get(key)
            if doc_id is None:
                return None
            doc = self._raw().get(str(doc_id))
            return self.model.from_dict(doc) if doc is not None else None

    def __contains__(self, key: str) -> bool:
        with self.store.reading():
            return key in self._index()

    @writes
    def save(self, item: M) -> None:
        data = item.to_dict()
        key = data[self.key]
        index = self._index()
        doc_id = index.get(key)
        if doc_id is None:
            index[key] = self.table.insert(data)
        else:
            self.table.upsert(Document(data, doc_id=doc_id))

    @writes
    def save_many(self, items: Iterable[M]) -> None:
        """One table update for the known items, one insert for the new, one flush."""
        index = self._index()
        fresh: dict[str, dict[str, Any]] = {}
        known: dict[int, dict[str, Any]] = {}
        for item in items:
            data = item.to_dict()
            doc_id = index.get(data[self.key])
            if doc_id is None:
                fresh[data[self.key]] = data
            else:
                known[doc_id] = data
        if known:

            def replace(doc: MutableMapping[str, Any]) -> None:
                doc.update(known[index[doc[self.key]]])

            self.table.update(replace, doc_ids=list(known))
        if fresh:
            doc_ids = self.table.insert_multiple(list(fresh.values()))
            index.update(zip(fresh, doc_ids, strict=True))

    @writes
    def delete(self, key: str) -> bool:
        doc_id = self._index().pop(key, None)
        if doc_id is None:
            return False
        self.table.remove(doc_ids=[doc_id])
        return True


class FeedRepo(Collection[Feed]):
    pass


class TriageRepo(Collection[Triage]):
    def all_by_job(self) -> dict[str, Triage]:
        with self.store.reading():
            return {doc["job_id"]: Triage.from_dict(doc) for doc in self._raw().values()}


class LedgerRepo(_Repo):
    """Append-only: there is no update and no delete."""

    def all(self) -> list[LedgerEntry]:
        with self.store.reading():
            entries = [LedgerEntry.from_dict(doc) for doc in self._raw().values()]
        return sorted(entries, key=lambda e: e.at)  # stable: ties keep insertion order

    @writes
    def append(self, entry: LedgerEntry) -> None:
        self.table.insert(entry.to_dict())

    @writes
    def append_many(self, entries: Iterable[LedgerEntry]) -> None:
        """One table update and one flush for an import."""
        docs = [entry.to_dict() for entry in entries]
        if docs:
            self.table.insert_multiple(docs)


class _Single(_Repo, Generic[M]):
    """A table holding one document (settings, profile)."""

    def __init__(self, store: TableHost, table: Table, model: type[M]) -> None:
        super().__init__(store, table)
        self.model = model

    def get(self) -> M:
        with self.store.reading():
            doc = self._raw().get("1")
            return self.model.from_dict(doc) if doc else self.model()

    @writes
    def save(self, item: M) -> None:
        self.table.upsert(Document(item.to_dict(), doc_id=1))

    @writes
    def update(self, changes: Mapping[str, Any]) -> M:
        """Read-modify-write on the writer: only these fields change.

        Panes hold copies; saving a whole copy would undo another pane's newer
        change, so every caller sends just what it changed.
        """
        doc = self._raw().get("1")
        data = dict(doc) if doc else self.model().to_dict()
        data.update(_encoded(self.model, changes))
        item = self.model.from_dict(data)
        self.table.upsert(Document(item.to_dict(), doc_id=1))
        return item


def _encoded(model: type[M], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changed fields as the store writes them (dates as text, nested models as dicts)."""
    item = model()
    for name, value in changes.items():
        setattr(item, name, value)
    full = item.to_dict()
    return {name: full[name] for name in changes}


class SettingsRepo(_Single[Settings]):
    pass


class ProfileRepo(_Single[Profile]):
    pass


class JobRepo(Collection[Job]):
    """Job bodies: large and re-fetchable, so flushed once per batch.

    Every job that enters goes through ``check_job`` first: a feed entry, a paste
    or an import that would poison the store (a list as a title, a date that
    overflows) is skipped, and ``refused`` lists (job id, reason) for the last
    write call, so a caller can say how many were skipped and why.
    """

    def __init__(self, store: TableHost, table: Table, model: type[Job], key: str = "id") -> None:
        super().__init__(store, table, model, key)
        self.refused: list[tuple[str, str]] = []

    @staticmethod
    def _checked(jobs: Iterable[Job]) -> tuple[list[Job], list[tuple[str, str]]]:
        """Jobs as the store may hold them, and the refused ones with their reasons.

        A feed's out-of-range date is dropped rather than losing the job (an
        import is checked strictly before it gets here, so it is reported).
        """
        good: list[Job] = []
        refused: list[tuple[str, str]] = []
        for job in jobs:
            try:
                good.append(check_job(job, bad_dates="drop"))
            except JobRefused as err:
                job_id = getattr(job, "id", "")
                refused.append((job_id if isinstance(job_id, str) else "", err.reason))
        return good, refused

    # A lean store (Store.open(lazy_jobs=True)) keeps the shards on disk: reads go a
    # shard at a time or to one job's shard, and each change holds only the shards it
    # touches (``window``), so every job body is never in memory at once.
    def adopt_index(self, ids: dict[str, int]) -> None:
        """Which document holds which job, read by the store while it checked the shards."""
        self._ids = ids

    def _index(self) -> dict[str, int]:
        if self._ids is None:
            ids: dict[str, int] = {}
            for part in self.store.scan_table(self.table):
                ids.update((doc[self.key], int(doc_id)) for doc_id, doc in part.items())
            self._ids = ids
        return self._ids

    def count(self) -> int:
        with self.store.reading():
            return len(self._index())

    def iter_dicts(self) -> Iterator[dict[str, Any]]:
        """Every raw document, a shard at a time (none kept by the store); do not mutate."""
        for part in self.store.scan_table(self.table):
            yield from part.values()

    def all_dicts(self) -> list[dict[str, Any]]:
        """Raw documents (no model objects) for fast bulk loading; do not mutate."""
        return list(self.iter_dicts())

    def all(self) -> list[Job]:
        return [Job.from_dict(doc) for doc in self.iter_dicts()]

    def get(self, key: str) -> Job | None:
        with self.store.reading():
            doc_id = self._index().get(key)
            if doc_id is None:
                return None
            with self.store.window(self.table, [doc_id]):
                doc = self._raw().get(str(doc_id))
            return Job.from_dict(doc) if doc is not None else None

    def _known(self, keys: Iterable[str]) -> list[int]:
        index = self._index()
        return [index[k] for k in keys if k in index]

    @writes
    def upsert_many(self, jobs: Iterable[Job]) -> list[str]:
        """Insert new jobs; for known ids merge feed_ids and keep the rest.

        Returns the ids that were new. One table update and one flush per call.
        """
        checked, self.refused = self._checked(jobs)
        with self.store.window(self.table, self._known(j.id for j in checked), last=True):
            return self._upsert(checked)

    def _upsert(self, checked: list[Job]) -> list[str]:
        index = self._index()
        fresh: dict[str, dict[str, Any]] = {}
        extra_feeds: dict[int, list[str]] = {}
        for job in checked:
            doc_id = index.get(job.id)
            if doc_id is None:
                if job.id in fresh:
                    merged = fresh[job.id]["feed_ids"]
                    merged.extend(f for f in job.feed_ids if f not in merged)
                else:
                    fresh[job.id] = job.to_dict()
            else:
                extra_feeds.setdefault(doc_id, []).extend(job.feed_ids)
        if extra_feeds:
            raw = self._raw()
            changed = []
            for doc_id, feed_ids in extra_feeds.items():
                known = raw[str(doc_id)].get("feed_ids")
                if not isinstance(known, list) or any(f not in known for f in feed_ids):
                    changed.append(doc_id)

            def merge(doc: MutableMapping[str, Any]) -> None:
                known = doc.get("feed_ids")
                if not isinstance(known, list):  # stored unchecked by an older version
                    known = doc["feed_ids"] = []
                doc_id = index[doc["id"]]
                known.extend(f for f in dict.fromkeys(extra_feeds[doc_id]) if f not in known)

            if changed:
                self.store.expect(self.table, changed)
                self.table.update(merge, doc_ids=changed)
        if fresh:
            self.store.expect(self.table, ())
            doc_ids = self.table.insert_multiple(list(fresh.values()))
            self.store.touched(self.table, doc_ids)
            for job_id, doc_id in zip(fresh, doc_ids, strict=True):
                index[job_id] = doc_id
        self.store.flush(self.table)
        return list(fresh)

    @writes
    def merge_paste(self, job: Job) -> bool:
        """A pasted job, new or known (same id). A known one keeps its triage and
        feeds, takes what the new page shows, and gains its reading of the
        activity. Returns True when the job was new; a refused job is not stored
        (False, and ``refused`` says why)."""
        checked, self.refused = self._checked([job])
        if not checked:
            return False
        job = checked[0]
        index = self._index()
        doc_id = index.get(job.id)
        if doc_id is None:
            return bool(self.upsert_many([job]))
        with self.store.window(self.table, [doc_id]):
            self._replace_pasted(job, doc_id)
        return False

    def _replace_pasted(self, job: Job, doc_id: int) -> None:
        try:  # a record poisoned before this gate existed is replaced, not merged
            old = check_job(self._raw()[str(doc_id)], bad_dates="drop")
            merged = merge_pasted(old, job).to_dict()
        except JobRefused:
            merged = job.to_dict()

        def replace(doc: MutableMapping[str, Any]) -> None:
            doc.update(merged)

        self.store.expect(self.table, [doc_id])
        self.table.update(replace, doc_ids=[doc_id])
        self.store.flush(self.table)

    @writes
    def add_readings(self, jobs: Iterable[Job]) -> list[str]:
        """Known jobs seen again with their activity (an API's bid count): each stored job
        gains the readings that say something new (models.add_reading). One table update;
        returns the ids that changed. Unknown ids are left to ``upsert_many``."""
        jobs = list(jobs)
        with self.store.window(self.table, self._known(j.id for j in jobs)):
            return self._add_readings(jobs)

    def _add_readings(self, jobs: list[Job]) -> list[str]:
        index, raw = self._index(), self._raw()
        docs: dict[int, dict[str, Any]] = {}
        for job in jobs:
            doc_id = index.get(job.id)
            if doc_id is None or job.signals is None or not job.signals.readings:
                continue
            try:
                updated = add_reading(check_job(raw[str(doc_id)], bad_dates="drop"), job)
            except JobRefused:
                continue
            if updated is not None:
                docs[doc_id] = updated.to_dict()
        if docs:

            def replace(doc: MutableMapping[str, Any]) -> None:
                doc.update(docs[index[doc["id"]]])

            self.store.expect(self.table, docs)
            self.table.update(replace, doc_ids=list(docs))
            self.store.flush(self.table)
        return [str(doc["id"]) for doc in docs.values()]

    @writes
    def update_many(self, jobs: Iterable[Job]) -> None:
        """Replace stored jobs by id (e.g. repost marks); unknown ids are ignored,
        refused ones are skipped (see ``refused``)."""
        checked, self.refused = self._checked(jobs)
        index = self._index()
        docs = {index[j.id]: j.to_dict() for j in checked if j.id in index}
        if docs:

            def replace(doc: MutableMapping[str, Any]) -> None:
                doc.update(docs[index[doc["id"]]])

            with self.store.window(self.table, docs):
                self.store.expect(self.table, docs)
                self.table.update(replace, doc_ids=list(docs))
                self.store.flush(self.table)

    @writes
    def delete_many(self, ids: Iterable[str]) -> int:
        index = self._index()
        doc_ids = [index.pop(i) for i in ids if i in index]
        if doc_ids:
            with self.store.window(self.table, doc_ids):
                self.store.expect(self.table, doc_ids)
                self.table.remove(doc_ids=doc_ids)
                self.store.flush(self.table)
        return len(doc_ids)
