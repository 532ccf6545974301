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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from cockpit.i18n import _
from cockpit.jobcheck import JobRefused, check_job, check_record
from cockpit.models import (
    TRIAGE_STATES,
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
from cockpit.store.storage import atomic_write

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


@dataclass(slots=True)
class Refusal:
    """One record an import leaves out: its kind, its place in the file (1-based), why."""

    kind: str
    index: int  # 0 for the profile and settings, which are not lists
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.kind} #{self.index}: {self.reason}"
            if self.index
            else (f"{self.kind}: {self.reason}")
        )


@dataclass(slots=True)
class ExportRecords:
    """What an export file holds that can be imported, and what it holds that cannot."""

    records: dict[str, list[Model] | Model]
    refused: list[Refusal] = field(default_factory=list)


def read_export(data: Any) -> ExportRecords:
    """Typed, checked records from a parsed export.

    A file that is not an export at all (not an object, another format, a kind
    that is not a list, an item that is not an object) raises ImportError_ and
    nothing is imported. A record that is an object but cannot be stored (a
    list as a title, a date in year 1) is left out and listed in ``refused``;
    the others are imported.
    """
    if not isinstance(data, dict) or data.get("cockpit_export") != FORMAT:
        raise ImportError_(_("it was not written by `cockpit export`"))
    for kind in LISTS:
        raw = data.get(kind, [])
        if raw is not None and not isinstance(raw, list):
            raise ImportError_(_("{kind} is not a list").format(kind=repr(kind)))
        for n, doc in enumerate(raw or [], 1):
            if not isinstance(doc, dict):
                raise ImportError_(_("{kind} #{n} is not an object").format(kind=kind, n=n))
    for kind in SINGLES:
        doc = data.get(kind)
        if doc is not None and not isinstance(doc, dict):
            raise ImportError_(_("{kind} is not an object").format(kind=repr(kind)))
    out = ExportRecords(records={})
    for kind, (model, key, _dates) in LISTS.items():
        items: list[Model] = []
        for n, doc in enumerate(data.get(kind) or [], 1):
            try:
                items.append(_typed(model, key, doc))
            except JobRefused as err:
                out.refused.append(Refusal(kind, n, err.reason))
        out.records[kind] = items
    for kind, single in SINGLES.items():
        doc = data.get(kind)
        try:
            out.records[kind] = single() if doc is None else check_record(single, doc)
        except JobRefused as err:
            out.refused.append(Refusal(kind, 0, err.reason))
            out.records[kind] = single()  # the defaults: the store's own copy stays
    return out


def _typed(model: type[Model], key: str, doc: dict[str, Any]) -> Model:
    """One record, checked the way the store will check it, or JobRefused."""
    value = doc.get(key)
    if not isinstance(value, str) or not value:
        raise JobRefused(_("it has no {field}").format(field=key))
    if model is Job:
        return check_job(doc)
    item = check_record(model, doc)
    if isinstance(item, Triage) and item.state not in TRIAGE_STATES:
        # The inbox files every job under its triage state: an unknown one hides it.
        raise JobRefused(
            _("{field} is {value}, not one of: {choices}").format(
                field="state", value=repr(item.state)[:40], choices=", ".join(TRIAGE_STATES)
            )
        )
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
                if isinstance(item, Job) and item.id in store.jobs:
                    count.updated += 1  # the stored copy cannot be read: this good one replaces it
                    writes.append(item)
                elif isinstance(item, Job):
                    count.added += 1
                    plan.new_jobs.append(item)
                else:
                    count.added += 1
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


JOURNAL = "import.json"  # an import under way; a kill leaves it for the next open to report


def apply_import(store: Store, plan: ImportPlan, source: str = "") -> None:
    """Write a plan: the jobs, then the precious kinds in one atomic flush.

    Jobs first: a kill between the two leaves extra jobs, never triage or proposals
    pointing at jobs that are not there. A journal says an import was under way, so
    the next open can tell the user to run it again (importing twice changes nothing).
    """
    journal = store.folder / JOURNAL
    atomic_write(journal, orjson.dumps({"source": source}))
    if plan.new_jobs:
        store.jobs.upsert_many(plan.new_jobs)
    newer = [j for j in plan.writes.get("jobs") or [] if isinstance(j, Job)]
    if newer:
        store.jobs.update_many(newer)
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
    journal.unlink(missing_ok=True)


def interrupted_import(folder: Path) -> str | None:
    """What to tell the user about an import a kill interrupted (and forget it)."""
    journal = folder / JOURNAL
    try:
        source = str(orjson.loads(journal.read_bytes()).get("source") or "")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError):
        source = ""
    journal.unlink(missing_ok=True)
    return (
        f"An import of {source or 'a file'} was interrupted. Run `cockpit import "
        f"{source or 'FILE'}` again to finish it: importing twice changes nothing."
    )


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
        jobs: dict[str, Model] = {}
        for doc in store.jobs.all_dicts():
            try:  # a record an older version stored unchecked must not stop the import
                job = check_job(doc, bad_dates="drop")
            except JobRefused:
                continue
            jobs[job.id] = job
        return jobs
    if kind == "ledger":
        return {e.id: e for e in store.ledger.all()}
    return {getattr(item, key): item for item in _repo(store, kind).all()}


def _repo(store: Store, kind: str) -> Any:
    return getattr(store, kind)  # the store names its repositories after the kinds
