"""Export and import of everything a user has: the way to a new laptop.

An export is one JSON object (``cockpit_export: 1``) with a list per kind and
the profile and settings. Importing matches records by their key: a new one
is added, an identical one counted as already there, and on a conflict the
record with the newer date wins (``updated``, ``fetched``, ``done_at``...).
Records that carry no date (rules, templates, snippets, ledger entries)
keep the store's version; the ledger is append-only, so its entries are only
ever added. The profile and settings are taken from the import when the
store still has the defaults, else the store's stay. Importing the same file
twice therefore changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cockpit.models import (
    ChecklistItem,
    Feed,
    Job,
    LedgerEntry,
    Model,
    Profile,
    Proposal,
    Rule,
    Settings,
    Snippet,
    Template,
    Triage,
)

if TYPE_CHECKING:
    from cockpit.store.db import Store

FORMAT = 1
# kind -> (model, key field, the date that says which copy is newer)
LISTS: dict[str, tuple[type[Model], str, tuple[str, ...]]] = {
    "feeds": (Feed, "id", ()),
    "jobs": (Job, "id", ("fetched",)),
    "triage": (Triage, "job_id", ("updated",)),
    "proposals": (Proposal, "id", ("updated", "created")),
    "ledger": (LedgerEntry, "id", ()),
    "checklist": (ChecklistItem, "id", ("done_at", "created")),
    "rules": (Rule, "id", ()),
    "templates": (Template, "id", ()),
    "snippets": (Snippet, "id", ()),
}
SINGLES: dict[str, type[Model]] = {"profile": Profile, "settings": Settings}
KINDS = (*LISTS, *SINGLES)


class ImportError_(ValueError):
    """The file is not an export Cockpit can read; the message names what and where."""


@dataclass(slots=True)
class KindCount:
    added: int = 0
    updated: int = 0  # the import's copy was newer
    same: int = 0
    kept: int = 0  # the store's copy was newer (or undated): it stays


@dataclass(slots=True)
class ImportPlan:
    counts: dict[str, KindCount] = field(default_factory=dict)
    writes: dict[str, list[Model]] = field(default_factory=dict)  # kind -> records to store
    new_jobs: list[Job] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(c.added + c.updated for c in self.counts.values())


def export_data(store: Store) -> dict[str, Any]:
    data: dict[str, Any] = {"cockpit_export": FORMAT}
    for kind in LISTS:
        if kind == "jobs":
            data[kind] = store.jobs.all_dicts()
        else:
            data[kind] = [item.to_dict() for item in _repo(store, kind).all()]
    data["profile"] = store.profile.get().to_dict()
    data["settings"] = store.settings.get().to_dict()
    return data


def read_export(data: Any) -> dict[str, list[Model] | Model]:
    """Typed records from a parsed export; raises ImportError_ naming the bad record."""
    if not isinstance(data, dict) or data.get("cockpit_export") != FORMAT:
        raise ImportError_("it was not written by `cockpit export`")
    records: dict[str, list[Model] | Model] = {}
    for kind, (model, key, _dates) in LISTS.items():
        raw = data.get(kind, [])
        if not isinstance(raw, list):
            raise ImportError_(f"{kind!r} is not a list")
        items: list[Model] = []
        for n, doc in enumerate(raw, 1):
            item = _typed(model, doc, f"{kind} #{n}")
            if not isinstance(getattr(item, key), str) or not getattr(item, key):
                raise ImportError_(f"{kind} #{n} has no {key}")
            items.append(item)
        records[kind] = items
    for kind, single in SINGLES.items():
        doc = data.get(kind)
        records[kind] = single() if doc is None else _typed(single, doc, kind)
    return records


def _typed(model: type[Model], doc: Any, where: str) -> Model:
    if not isinstance(doc, dict):
        raise ImportError_(f"{where} is not an object")
    try:
        item = model.from_dict(doc)
        item.to_dict()  # dates and nested records must survive the way back
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise ImportError_(f"{where} cannot be read: {exc}") from exc
    if isinstance(item, Job) and not isinstance(item.title, str):
        raise ImportError_(f"{where} has a title that is not text")
    return item


def plan_import(store: Store, records: Mapping[str, list[Model] | Model]) -> ImportPlan:
    """What an import would change, without changing anything (``--dry-run``)."""
    plan = ImportPlan()
    for kind, (_model, key, dates) in LISTS.items():
        count = plan.counts.setdefault(kind, KindCount())
        ours = _current(store, kind, key)
        seen_urls = {f.url for f in ours.values() if isinstance(f, Feed)}
        writes: list[Model] = []
        items = records[kind]
        assert isinstance(items, list)
        for item in items:
            mine = ours.get(getattr(item, key))
            if mine is None:
                if isinstance(item, Feed) and item.url in seen_urls:
                    count.same += 1  # the same feed added on both machines
                    continue
                count.added += 1
                if isinstance(item, Job):
                    plan.new_jobs.append(item)
                else:
                    writes.append(item)
                ours[getattr(item, key)] = item
            elif mine.to_dict() == item.to_dict():
                count.same += 1
            elif _newer(item, mine, dates):
                count.updated += 1
                writes.append(item)
                ours[getattr(item, key)] = item
            else:
                count.kept += 1
        plan.writes[kind] = writes
    for kind, single in SINGLES.items():
        count = plan.counts.setdefault(kind, KindCount())
        theirs = records[kind]
        assert isinstance(theirs, Model)
        mine_single: Model = store.profile.get() if kind == "profile" else store.settings.get()
        if mine_single.to_dict() == theirs.to_dict():
            count.same += 1
        elif mine_single.to_dict() == single().to_dict():
            count.added += 1
            plan.writes[kind] = [theirs]
        else:
            count.kept += 1
    return plan


def apply_import(store: Store, plan: ImportPlan) -> None:
    """Write a plan: the precious kinds in one atomic flush, then the jobs."""
    with store.precious_batch():
        for kind in LISTS:
            items = plan.writes.get(kind) or []
            if not items or kind == "jobs":
                continue
            if kind == "ledger":
                store.ledger.append_many(i for i in items if isinstance(i, LedgerEntry))
            else:
                _repo(store, kind).save_many(items)
        for kind in SINGLES:
            for single in plan.writes.get(kind) or []:
                if isinstance(single, Profile):
                    store.profile.save(single)
                elif isinstance(single, Settings):
                    store.settings.save(single)
    if plan.new_jobs:
        store.jobs.upsert_many(plan.new_jobs)
    newer = [j for j in plan.writes.get("jobs") or [] if isinstance(j, Job)]
    if newer:
        store.jobs.update_many(newer)


def _newer(theirs: Model, mine: Model, dates: tuple[str, ...]) -> bool:
    for name in dates:
        a: datetime | None = getattr(theirs, name)
        b: datetime | None = getattr(mine, name)
        if a is not None and b is not None and a != b:
            return a > b
        if a is not None and b is None:
            return True
        if a is None and b is not None:
            return False
    return False  # undated, or dated alike: the store's copy stays


def _current(store: Store, kind: str, key: str) -> dict[str, Model]:
    if kind == "jobs":
        return {doc["id"]: Job.from_dict(doc) for doc in store.jobs.all_dicts()}
    if kind == "ledger":
        return {e.id: e for e in store.ledger.all()}
    return {getattr(item, key): item for item in _repo(store, kind).all()}


def _repo(store: Store, kind: str) -> Any:
    return getattr(store, kind)  # the store names its repositories after the kinds
