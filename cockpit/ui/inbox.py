"""The Inbox pane: views sidebar, the virtual job list, the detail, and triage keys.

Store reads and refreshes run in thread workers; the list itself works on the
in-memory JobIndex, so a key press never waits for the disk.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.worker import get_current_worker

from cockpit.i18n import N_, _, ngettext, pgettext
from cockpit.jobindex import SORTS, JobIndex, RowScore
from cockpit.models import Feed, Settings, Triage
from cockpit.text import clean_line, safe_url
from cockpit.ui.inbox_dialogs import InboxDialogs
from cockpit.ui.inbox_load import InboxSnapshot, read_snapshot
from cockpit.ui.inbox_refresh import Refresher, refresh_summary, worth_a_bid
from cockpit.ui.inbox_search import FilterSearch
from cockpit.ui.inbox_status import empty_message, status_text
from cockpit.ui.inbox_triage import InboxTriage
from cockpit.ui.inbox_views import InboxViews
from cockpit.ui.job_view import VERDICT_WORDS, JobView
from cockpit.ui.messages import DataKind, StartProposal
from cockpit.ui.pane import Pane
from cockpit.ui.widgets.empty import EmptyState
from cockpit.ui.widgets.filter_box import FilterInput
from cockpit.ui.widgets.job_list import JobList, StatusLine
from cockpit.ui.widgets.sidebar import Sidebar
from cockpit.verdicts import gather, judge_one
from cockpit.wallet.bidcost import BidCost, bid_cost

if TYPE_CHECKING:
    from cockpit.feeds.refresh import FeedReport

EMPTY_HINTS = (
    N_(
        "Press F to add a job feed (for example Freelancer.com's Audio Services), then r to"
        " refresh."
    ),
    N_("Press a to paste a job you found on Upwork or Projects.co.id (they have no feed)."),
    N_("Run `cockpit demo` to explore with sample data."),
)


class _Cancelled(Exception):
    """A newer load replaced this one."""


class InboxPane(Pane):
    PANE_ID = "inbox"
    TITLE = _("Inbox")
    KEY = "1"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", _("Next job"), id="inbox.next", show=False),
        Binding("k", "cursor_up", _("Previous job"), id="inbox.previous", show=False),
        Binding("g", "cursor_top", _("First job"), id="inbox.first", show=False),
        Binding("G", "cursor_bottom", _("Last job"), id="inbox.last", show=False),
        Binding("enter", "open_job", _("Open job in the detail"), id="inbox.open", show=False),
        Binding(
            "escape",
            "back_to_list",
            _("Back to the list, or clear the filter"),
            id="inbox.back",
            show=False,
        ),
        # The footer shows the shown keys in this order: the daily ones first; `?` lists all.
        Binding("s", "shortlist", pgettext("key", "Shortlist"), id="inbox.shortlist"),
        Binding("x", "dismiss", _("Dismiss"), id="inbox.dismiss"),
        Binding("p", "proposal", _("Proposal"), id="inbox.proposal"),
        Binding("slash", "filter", _("Filter"), id="inbox.filter", key_display="/"),
        Binding("v", "views", _("Views"), id="inbox.views"),
        Binding("a", "paste", _("Paste a job"), id="inbox.paste"),
        Binding("R", "refresh_all", _("Refresh all feeds"), id="inbox.refresh_all", show=False),
        Binding("u", "undo", _("Undo triage"), id="inbox.undo", show=False),
        Binding(
            "right_square_bracket",
            "next_view",
            _("Next view"),
            id="inbox.next_view",
            key_display="]",
            show=False,
        ),
        Binding(
            "left_square_bracket",
            "previous_view",
            _("Previous view"),
            id="inbox.previous_view",
            key_display="[",
            show=False,
        ),
        Binding("m", "toggle_read", _("Read/unread"), id="inbox.read", show=False),
        Binding("o", "open_link", _("Open link"), id="inbox.open_link", show=False),
        Binding("S", "cycle_sort", _("Sort"), id="inbox.sort", show=False),
        Binding("r", "refresh", _("Refresh feed"), id="inbox.refresh", show=False),
        Binding(
            "ctrl+r",
            "refresh_now",
            _("Refresh all now (ignore each feed's minimum interval)"),
            id="inbox.refresh_now",
            show=False,
        ),
        Binding("F", "feeds", _("Feeds"), id="inbox.feeds", show=False),
        Binding("e", "rules", _("Rules"), id="inbox.rules", show=False),
        Binding(
            "A",
            "inbox_settings",
            _("Auto-refresh and alerts"),
            id="inbox.settings",
            show=False,
        ),
    ]
    DEFAULT_CSS = """
    InboxPane #inbox-body { height: 1fr; }
    InboxPane #inbox-main { width: 1fr; height: 1fr; }
    /* Fixed size, and a (0-wide) scrollbar that never comes or goes: otherwise the
       Input re-lays out the whole screen on keystrokes. */
    InboxPane #inbox-filter {
        display: none; height: 3; width: 1fr; overflow-x: scroll; overflow-y: hidden;
    }
    InboxPane #inbox-progress { display: none; height: 1; padding: 0 1; }
    InboxPane #inbox-loading { padding: 2 4; }
    InboxPane.-loading #inbox-list, InboxPane.-loading #inbox-detail { display: none; }
    InboxPane.-empty #inbox-list, InboxPane.-empty #inbox-detail { display: none; }
    InboxPane #inbox-empty { display: none; }
    InboxPane.-empty #inbox-empty { display: block; }
    InboxPane #inbox-loading { display: none; }
    InboxPane.-loading #inbox-loading { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: JobIndex | None = None
        self.feeds: dict[str, Feed] = {}
        self.settings = Settings()
        self._skills_hinted = False  # "add your skills" is said once, not on every load
        self.cost: BidCost | None = None
        self._verdicts: dict[str, str] = {}  # job id -> bid | maybe | skip, as rows are drawn
        self._op_log: list[Triage] = []
        self._detail_timer: Timer | None = None
        self.views = InboxViews(self)  # the sidebar's views, ] and [, the sort; remembered
        self.search = FilterSearch(self)  # / : a screenful at once, the rest in slices
        self.triage = InboxTriage(self)  # s, x, m, u: saved behind, drawn in place
        self.dialogs = InboxDialogs(self)  # a, F, e, A

    def compose(self) -> ComposeResult:
        self.add_class("-loading")
        with Horizontal(id="inbox-body"):
            yield Sidebar(id="inbox-sidebar")
            with Vertical(id="inbox-main"):
                yield FilterInput(
                    self.search.changed,
                    placeholder=_("Filter: type words from the title, skills or description"),
                    id="inbox-filter",
                )
                yield ProgressBar(id="inbox-progress", show_eta=False)
                yield StatusLine(id="inbox-status")
                yield Static(Text(_("Opening your jobs…"), style="bold"), id="inbox-loading")
                yield EmptyState(_("No jobs yet."), *map(_, EMPTY_HINTS), id="inbox-empty")
                yield JobList(id="inbox-list")
            yield JobView(id="inbox-detail")
        yield Refresher(lambda: self.store, self.cockpit.now)

    @property
    def job_list(self) -> JobList:
        return self.query_one("#inbox-list", JobList)

    @property
    def detail(self) -> JobView:
        return self.query_one("#inbox-detail", JobView)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one("#inbox-sidebar", Sidebar)

    def on_mount(self) -> None:
        self.job_list.clock = self.cockpit.now

    # -- loading -------------------------------------------------------------
    def store_ready(self) -> None:
        self.query_one("#inbox-loading", Static).update(
            Text(_("Building the inbox…"), style="bold")
        )
        self.load()

    def data_changed(self, kind: DataKind) -> None:
        if self.cockpit.store is None:
            return
        if kind in (
            DataKind.JOBS,
            DataKind.FEEDS,
            DataKind.RULES,
            DataKind.SETTINGS,
            DataKind.PROFILE,
        ):
            self.load()  # the profile's skills score jobs; its country judges them
        elif kind == DataKind.TRIAGE:
            self._load_triage()
        elif kind in (DataKind.LEDGER, DataKind.PROPOSALS):
            self._load_cost()

    @work(thread=True, exit_on_error=False, group="inbox-triage")
    def _load_triage(self) -> None:
        """Another pane decided something (applied): patch the index, no rebuild."""
        triage = self.store.triage.all_by_job()
        self.deliver(self._triage_loaded, triage)

    def _triage_loaded(self, triage: dict[str, Triage]) -> None:
        index = self.index
        if index is None:
            return
        changed = [t for job_id, t in triage.items() if index.triage.get(job_id) != t]
        for t in changed:
            index.apply(t)
        if changed:
            self._after_rows_changed()

    @work(thread=True, exit_on_error=False, group="inbox-cost")
    def _load_cost(self) -> None:
        store = self.store
        now = self.cockpit.now()
        cost = bid_cost(store.ledger.all(), store.proposals.all(), now, store.settings.get())
        cost = replace(cost, inputs=gather(store, now))  # each job's verdict leans on these
        self.deliver(self._cost_loaded, cost)

    def _cost_loaded(self, cost: BidCost) -> None:
        self.cost = cost
        self._verdicts_changed()
        self._show_detail()

    def load(
        self,
        focus_job: str | None = None,
        view: str | None = None,
        announce: list[str] | None = None,
    ) -> None:
        # A newer load supersedes an older one: the older is cancelled, and should
        # it finish anyway, its result is dropped (it read the store earlier).
        self._load(self.new_ticket(), len(self._op_log), focus_job, view, announce)

    @work(thread=True, exit_on_error=False, group="inbox-load", exclusive=True)
    def _load(
        self,
        seq: int,
        mark: int,
        focus_job: str | None,
        view: str | None,
        announce: list[str] | None,
    ) -> None:
        worker = get_current_worker()

        def pause() -> None:
            time.sleep(0.002)  # let the UI thread run between chunks of the build
            if worker.is_cancelled:
                raise _Cancelled

        try:
            snapshot = read_snapshot(self.store, self.cockpit.now(), pause)
        except _Cancelled:
            return
        if worker.is_cancelled:
            return
        self.deliver(self._loaded, seq, snapshot, mark, focus_job, view, announce)
        if not snapshot.has_skills and len(snapshot.index) and not self._skills_hinted:
            self._skills_hinted = True  # with no skills every job scores 0: say where to add them
            self.deliver(
                self.notify,
                _("Add your skills with P (in Proposals, 2) so jobs are scored for you."),
                markup=False,
                timeout=12,
            )
        snapshot.index.warm()  # sort the other ways while the user looks

    def _loaded(
        self,
        seq: int,
        snapshot: InboxSnapshot,
        mark: int,
        focus_job: str | None,
        view: str | None,
        announce: list[str] | None,
    ) -> None:
        if not self.is_newest(seq):
            return  # a newer load is on its way
        index, feeds, settings, cost = (
            snapshot.index,
            snapshot.feeds,
            snapshot.settings,
            snapshot.cost,
        )
        old = self.index
        for triage in self._op_log[mark:]:  # decided while the worker read the store
            index.apply(triage)
        current_job = None
        if old is not None:
            index.history = old.history
            index.set_sort(old.sort)
            row = self.job_list.current_row
            current_job = old.ids[row] if row is not None else None
        if old is None and settings.inbox_sort in SORTS:  # the first load: as last time
            index.set_sort(settings.inbox_sort)
        wanted = view or (old.view if old is not None else settings.inbox_view)
        index.set_view(wanted if wanted in index.counts else "new")
        if old is not None and old.query:
            index.set_query(old.query)
        self.index, self.feeds, self.settings, self.cost = (
            index,
            {f.id: f for f in feeds},
            settings,
            cost,
        )
        # 50k jobs are a million long-lived objects: without this, Python's cyclic GC
        # walks them all every few hundred frames (up to ~0.7 s on the UI thread).
        # They are freed by reference counting when an index or store goes away.
        gc.freeze()
        self.remove_class("-loading")
        self.set_class(len(index) == 0, "-empty")
        self.sidebar.current_view = index.view
        self.sidebar.show_views(index.views(), self.feeds)
        target = focus_job or current_job
        position = index.position(target) if target else None
        self._verdicts_changed()
        self.job_list.set_index(index, position if position is not None else self.job_list.cursor)
        self._show_status()
        self._schedule_auto_refresh()
        if announce:
            self._announce(index, announce)
        focused = self.app.focused
        first = old is None and focused in (None, self.sidebar)
        if self.cockpit.current_pane is self and (first or focused is None):
            self.pane_shown()

    def pane_shown(self) -> None:
        if self.index is not None and len(self.index):
            self.job_list.focus()
        else:
            self.sidebar.focus()

    # -- status line, sidebar, detail -------------------------------------------
    def _show_status(self, note: str = "") -> None:
        index = self.index
        if index is None:
            return
        self.query_one("#inbox-status", StatusLine).set_text(
            status_text(index, self.job_list.cursor, note)
        )
        self.job_list.empty_message = empty_message(index)

    def _after_rows_changed(self, cursor: int | None = None) -> None:
        """The list repaints now; the sidebar counts follow a beat later (one redraw per burst)."""
        assert self.index is not None
        self.job_list.rows_changed(cursor)
        self._show_status()
        self.triage.count_later()

    def _show_counts(self) -> None:
        if self.index is not None:
            self.sidebar.show_views(self.index.views(), self.feeds)

    @on(JobList.CursorMoved)
    def _cursor_moved(self, event: JobList.CursorMoved | None = None) -> None:
        self._show_status()
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._detail_timer = self.set_timer(0.03, self._show_detail)

    def _verdicts_changed(self) -> None:
        self._verdicts.clear()
        self.job_list.verdict_of = self._verdict_word
        self.job_list.verdicts_seen += 1
        self.job_list.refresh()

    def _verdict_word(self, row: int) -> str:
        """(UI, while drawing a row) judged once per job until the inputs change."""
        index, cost = self.index, self.cost
        if index is None or cost is None or cost.inputs is None:
            return ""
        job_id = index.ids[row]
        kind = self._verdicts.get(job_id)
        if kind is None:
            try:
                kind = judge_one(index.job(row), cost.inputs, self.cockpit.now()).kind
            except Exception:  # a verdict must never take the list down with it
                kind = ""
            self._verdicts[job_id] = kind
        return _(VERDICT_WORDS[kind]) if kind in VERDICT_WORDS else ""

    def _show_detail(self) -> None:
        row = self.job_list.current_row
        if self.index is None or row is None:
            self.detail.show_job(None)
            return
        job = self.index.job(row)
        names = [
            clean_line(self.feeds[f].label) if f in self.feeds else _("removed feed")
            for f in job.feed_ids
        ]
        self.detail.show_job(job, self.index.score(row), names, self.cost, self.cockpit.now())

    def open_job(self, job_id: str) -> None:
        """Show one job (from Portfolio's drill-down or Proposals): its view, cursor, detail."""
        if self.index is None:
            self.notify(_("The inbox is still loading; try again in a moment."), markup=False)
            return
        self.cockpit.action_show_pane(self.PANE_ID)
        if self.index.position(job_id) is None:
            self.show_view("all")
            self.index.set_view("all")
        position = self.index.position(job_id)
        if position is None:
            self.notify(_("That job is no longer in the inbox."), markup=False)
            return
        self.job_list.move_to(position)
        self.job_list.focus()

    def palette_commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        return self.views.palette_commands()

    def show_view(self, key: str) -> None:
        self.views.show(key)

    @on(OptionList.OptionHighlighted, "#inbox-sidebar")
    def _view_picked(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.views.picked(event.option.id)

    @on(OptionList.OptionSelected, "#inbox-sidebar")
    def _view_chosen(self) -> None:
        if self.screen.has_class("-narrow"):
            self.remove_class("-side")  # the choice is made: the list gets the room back
        self.job_list.focus()

    # -- moving ------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.job_list.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.job_list.action_cursor_up()

    def action_cursor_top(self) -> None:
        self.job_list.action_cursor_top()

    def action_cursor_bottom(self) -> None:
        self.job_list.action_cursor_bottom()

    def action_open_job(self) -> None:
        if self.detail.has_focus:
            self.job_list.focus()
            return
        row = self._row()
        if row is None or self.index is None:
            return
        triage = self.index.mark_read(self.index.ids[row], self.cockpit.now())
        if triage is not None:
            self.triage.save(triage)
            self.job_list.refresh()
        self._show_detail()
        self.add_class("-reading")  # narrow: the detail takes the list's place
        self.call_after_refresh(self.detail.focus)

    def action_back_to_list(self) -> None:
        box = self.query_one(FilterInput)
        if self.job_list.has_focus and box.value:
            box.action_clear_filter()  # escape in the list clears an active filter, as in mutt
            return
        if self.sidebar.has_focus and self.screen.has_class("-narrow"):
            self.remove_class("-side")
        self.job_list.focus()

    @on(FilterInput.Cleared)
    def _filter_cleared(self) -> None:
        self.job_list.focus()

    def on_descendant_focus(self) -> None:
        focused = self.screen.focused
        if focused is not self.detail:
            self.remove_class("-reading")

    def action_views(self) -> None:
        """Move into the views (narrow screens show them for the choice)."""
        if self.screen.has_class("-narrow"):
            self.add_class("-side")
        else:
            self.remove_class("-side")
        self.call_after_refresh(self.sidebar.focus)

    def action_next_view(self) -> None:
        self.views.step(1)

    def action_previous_view(self) -> None:
        self.views.step(-1)

    def _row(self) -> int | None:
        row = self.job_list.current_row
        if row is None:
            self.notify(_("No job selected."), severity="warning")
        return row

    # -- triage and dialogs: their own classes; the keys stay the pane's ----------------
    def action_shortlist(self) -> None:
        self.triage.shortlist()

    def action_dismiss(self) -> None:
        self.triage.dismiss()

    def action_toggle_read(self) -> None:
        self.triage.toggle_read()

    def action_undo(self) -> None:
        self.triage.undo()

    def action_paste(self) -> None:
        self.dialogs.paste()

    def action_feeds(self) -> None:
        self.dialogs.feeds()

    def action_inbox_settings(self) -> None:
        self.dialogs.inbox_settings()

    def action_rules(self) -> None:
        self.dialogs.rules()

    # -- filter and sort -------------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one("#inbox-filter", FilterInput)
        box.display = True
        self.screen.set_focus(box)  # now, not later: typed keys right after / must land here

    @on(Input.Submitted, "#inbox-filter")
    def _filter_done(self) -> None:
        self.job_list.focus()

    def action_cycle_sort(self) -> None:
        self.views.cycle_sort()

    # -- job verbs ---------------------------------------------------------------
    def action_open_link(self) -> None:
        row = self._row()
        if row is None or self.index is None:
            return
        link = str(self.index.raw[row].get("link") or "")
        url = safe_url(link)
        if url is None:
            shown = clean_line(link)[:80]
            if shown:
                message = _("Not opening {link!r}: only http(s) links are opened.").format(
                    link=shown
                )
            else:
                message = _("This job has no link.")
            self.notify(message, severity="warning", markup=False)
            return
        self.app.open_url(url)
        # Over SSH no browser opens: the link is on the clipboard and on screen as well.
        self.app.copy_to_clipboard(url)
        self.notify(
            _("Opening {url} (also copied: paste it in a browser if none opens)").format(url=url),
            markup=False,
            timeout=8,
        )

    def action_proposal(self) -> None:
        row = self._row()
        if row is not None and self.index is not None:
            self.post_message(StartProposal(self.index.ids[row]))

    # -- refresh ---------------------------------------------------------------------
    def action_refresh(self) -> None:
        view = self.index.view if self.index is not None else ""
        self.start_refresh([view[5:]] if view.startswith("feed:") else None)

    def action_refresh_all(self) -> None:
        self.start_refresh(None)

    def action_refresh_now(self) -> None:
        self.start_refresh(None, force=True)

    def start_refresh(
        self, feed_ids: list[str] | None, *, quiet: bool = False, force: bool = False
    ) -> None:
        if self.cockpit.store is None:
            return
        if self.refresher.running:
            if not quiet:
                self.notify(_("Already refreshing; wait for it to finish."))
            return
        enabled = [
            f for f in self.feeds.values() if f.enabled and (feed_ids is None or f.id in feed_ids)
        ]
        if not enabled:
            if not quiet:
                self.notify(
                    _("No enabled feed to refresh. Press F to add one."), severity="warning"
                )
            return
        self.refresher.start(feed_ids, len(enabled), force=force)

    @property
    def refreshing(self) -> bool:
        return self.refresher.running

    @property
    def refresher(self) -> Refresher:
        return self.query_one(Refresher)

    @on(Refresher.Started)
    def _refresh_started(self, event: Refresher.Started) -> None:
        bar = self.query_one("#inbox-progress", ProgressBar)
        bar.update(total=event.count, progress=0)
        bar.display = True
        self._show_status(
            ngettext("refreshing {count} feed…", "refreshing {count} feeds…", event.count).format(
                count=event.count
            )
        )

    @on(Refresher.Progress)
    def _progress(self, event: Refresher.Progress) -> None:
        self.query_one("#inbox-progress", ProgressBar).update(
            progress=event.done, total=event.total
        )

    @on(Refresher.Finished)
    def _refresh_finished(self, event: Refresher.Finished) -> None:
        self._refresh_done(event.reports, event.error)

    def _refresh_done(self, reports: list[FeedReport] | None, error: str) -> None:
        self.query_one("#inbox-progress", ProgressBar).display = False
        if reports is None:
            self.notify(error, severity="error", markup=False)
            self._show_status()
            return
        message, failed = refresh_summary(reports)
        self.notify(message, severity="warning" if failed else "information", markup=False)
        self.load(announce=[job_id for r in reports for job_id in r.notable_ids])
        self.changed(DataKind.JOBS)

    def _announce(self, index: JobIndex, job_ids: list[str]) -> None:
        """New jobs scoring at least settings.notify_score: titles cleaned, never markup."""
        worth = worth_a_bid(index, job_ids)
        if worth is not None:
            title, body = worth
            self.notify(body, title=title, markup=False, timeout=12)

    def _schedule_auto_refresh(self) -> None:
        self.refresher.every(
            int(self.settings.auto_refresh_minutes), lambda: self.start_refresh(None, quiet=True)
        )

    # -- for tests and the bench -------------------------------------------------------
    def score_of(self, job_id: str) -> RowScore | None:
        if self.index is None or job_id not in self.index.row_of:
            return None
        return self.index.score(self.index.row_of[job_id])
