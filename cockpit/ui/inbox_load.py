"""Loading the Inbox: one snapshot of the store built off the UI thread, applied on it only
if no newer load started meanwhile; and the lighter reloads (triage, bid cost) other panes
cause. ``read_snapshot`` has no Textual in it; ``InboxLoader`` drives the workers."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from cockpit.i18n import _
from cockpit.jobindex import SORTS, JobIndex
from cockpit.models import Feed, Settings, Triage
from cockpit.wallet.bidcost import BidCost, bid_cost

if TYPE_CHECKING:
    from cockpit.store import Store
    from cockpit.ui.inbox import InboxPane


class _Cancelled(Exception):
    """A newer load replaced this one."""


@dataclass(frozen=True, slots=True)
class InboxSnapshot:
    """Everything the Inbox shows, read at one moment."""

    index: JobIndex
    feeds: list[Feed]
    settings: Settings
    cost: BidCost  # with the inputs every job's verdict leans on
    has_skills: bool  # with none, every job scores 0: the pane says where to add them


def read_snapshot(store: Store, now: datetime, pause: Callable[[], None]) -> InboxSnapshot:
    """Read and index every job; ``pause`` runs between chunks (it may raise to cancel)."""
    from cockpit.feeds.rules import compile_rules
    from cockpit.verdicts import gather

    rules, profile, settings = store.rules.all(), store.profile.get(), store.settings.get()
    feeds = store.feeds.all()
    index = JobIndex(
        store.jobs.iter_dicts(),
        store.triage.all_by_job(),
        feeds,
        compile_rules(rules, profile.skills, now),
        pause=pause,
    )
    cost = bid_cost(store.ledger.all(), store.proposals.all(), now, settings)
    cost = replace(cost, inputs=gather(store, now))
    return InboxSnapshot(index, feeds, settings, cost, bool(profile.skills))


class InboxLoader:
    """Owned by the pane. ``load`` rebuilds the index; ``triage`` and ``cost`` patch it."""

    def __init__(self, pane: InboxPane) -> None:
        self.pane = pane
        self.skills_hinted = False

    def load(
        self,
        focus_job: str | None = None,
        view: str | None = None,
        announce: list[str] | None = None,
    ) -> None:
        # A newer load supersedes an older one: the older is cancelled, and should
        # it finish anyway, its result is dropped (it read the store earlier).
        pane = self.pane
        work = partial(self._read, pane.new_ticket(), len(pane._op_log), focus_job, view, announce)
        pane.run_worker(work, thread=True, exclusive=True, group="inbox-load", exit_on_error=False)

    def _read(
        self,
        ticket: int,
        mark: int,
        focus_job: str | None,
        view: str | None,
        announce: list[str] | None,
    ) -> None:
        pane, worker = self.pane, get_current_worker()

        def pause() -> None:
            time.sleep(0.002)  # let the UI thread run between chunks of the build
            if worker.is_cancelled:
                raise _Cancelled

        try:
            snapshot = read_snapshot(pane.store, pane.cockpit.now(), pause)
        except _Cancelled:
            return
        if worker.is_cancelled:
            return
        pane.deliver(self._apply, ticket, snapshot, mark, focus_job, view, announce)
        if not snapshot.has_skills and len(snapshot.index) and not self.skills_hinted:
            self.skills_hinted = True  # with no skills every job scores 0: say where to add them
            pane.deliver(
                pane.notify,
                _("Add your skills with P (in Proposals, 2) so jobs are scored for you."),
                markup=False,
                timeout=12,
            )
        snapshot.index.warm()  # sort the other ways while the user looks

    def _apply(
        self,
        ticket: int,
        snapshot: InboxSnapshot,
        mark: int,
        focus_job: str | None,
        view: str | None,
        announce: list[str] | None,
    ) -> None:
        pane = self.pane
        if not pane.is_newest(ticket):
            return  # a newer load is on its way
        index, settings, old = snapshot.index, snapshot.settings, pane.index
        for triage in pane._op_log[mark:]:  # decided while the worker read the store
            index.apply(triage)
        current_job = None
        if old is not None:
            index.history = old.history
            index.set_sort(old.sort)
            row = pane.job_list.current_row
            current_job = old.ids[row] if row is not None else None
        if old is None and settings.inbox_sort in SORTS:  # the first load: as last time
            index.set_sort(settings.inbox_sort)
        wanted = view or (old.view if old is not None else settings.inbox_view)
        index.set_view(wanted if wanted in index.counts else "new")
        if old is not None and old.query:
            index.set_query(old.query)
        pane.index, pane.settings, pane.cost = index, settings, snapshot.cost
        pane.feeds = {f.id: f for f in snapshot.feeds}
        # 50k jobs are a million long-lived objects: without this, Python's cyclic GC
        # walks them all every few hundred frames (up to ~0.7 s on the UI thread).
        # They are freed by reference counting when an index or store goes away.
        gc.freeze()
        target = focus_job or current_job
        pane.show_loaded(index.position(target) if target else None, first=old is None)
        if announce:
            pane._announce(index, announce)

    # -- lighter reloads ------------------------------------------------------------
    def triage(self) -> None:
        """Another pane decided something (applied): patch the index, no rebuild."""
        pane = self.pane
        read = pane.store.triage.all_by_job
        pane.run_worker(
            lambda: pane.deliver(self._apply_triage, read()),
            thread=True,
            group="inbox-triage",
            exit_on_error=False,
        )

    def _apply_triage(self, triage: dict[str, Triage]) -> None:
        index = self.pane.index
        if index is None:
            return
        changed = [t for job_id, t in triage.items() if index.triage.get(job_id) != t]
        for t in changed:
            index.apply(t)
        if changed:
            self.pane._after_rows_changed()

    def cost(self) -> None:
        """The ledger or proposals moved: the bid cost and every verdict's inputs."""
        self.pane.run_worker(self._read_cost, thread=True, group="inbox-cost", exit_on_error=False)

    def _read_cost(self) -> None:
        from cockpit.verdicts import gather

        pane = self.pane
        store, now = pane.store, pane.cockpit.now()
        cost = bid_cost(store.ledger.all(), store.proposals.all(), now, store.settings.get())
        cost = replace(cost, inputs=gather(store, now))  # each job's verdict leans on these
        pane.deliver(self._apply_cost, cost)

    def _apply_cost(self, cost: BidCost) -> None:
        self.pane.cost = cost
        self.pane._verdicts_changed()
        self.pane._show_detail()
