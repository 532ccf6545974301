"""The Inbox pane: views sidebar, the virtual job list, the detail, and triage keys.

Store reads and refreshes run in thread workers; the list itself works on the
in-memory JobIndex, so a key press never waits for the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static

from cockpit.i18n import N_, _, ngettext
from cockpit.jobindex import JobIndex, RowScore
from cockpit.models import Feed, Job, Settings, Triage
from cockpit.text import clean_line
from cockpit.ui.inbox_dialogs import InboxDialogs, open_link
from cockpit.ui.inbox_keys import INBOX_KEYS
from cockpit.ui.inbox_load import InboxLoader
from cockpit.ui.inbox_refresh import Refresher, worth_a_bid
from cockpit.ui.inbox_search import FilterSearch
from cockpit.ui.inbox_status import VerdictWords, empty_message, status_text
from cockpit.ui.inbox_triage import InboxTriage
from cockpit.ui.inbox_views import InboxViews
from cockpit.ui.job_view import JobView
from cockpit.ui.messages import DataKind, StartProposal
from cockpit.ui.pane import Pane
from cockpit.ui.widgets.empty import EmptyState
from cockpit.ui.widgets.filter_box import FilterInput
from cockpit.ui.widgets.job_list import JobList, StatusLine
from cockpit.ui.widgets.sidebar import Sidebar
from cockpit.wallet.bidcost import BidCost

if TYPE_CHECKING:
    pass

EMPTY_HINTS = (
    N_(
        "Press F to add a job feed (for example Freelancer.com's Audio Services), then r to"
        " refresh."
    ),
    N_("Press a to paste a job you found on Upwork or Projects.co.id (they have no feed)."),
    N_("Run `cockpit demo` to explore with sample data."),
)


class InboxPane(Pane):
    PANE_ID = "inbox"
    TITLE = _("Inbox")
    KEY = "1"
    BINDINGS: ClassVar[list[BindingType]] = INBOX_KEYS
    DEFAULT_CSS = """
    InboxPane #inbox-body { height: 1fr; }
    InboxPane #inbox-main { width: 1fr; height: 1fr; }
    /* Fixed size, and a (0-wide) scrollbar that never comes or goes: otherwise the
       Input re-lays out the whole screen on keystrokes. */
    InboxPane #inbox-filter {
        display: none; height: 3; width: 1fr; overflow-x: scroll; overflow-y: hidden;
    }
    InboxPane Refresher { display: none; height: 1; padding: 0 1; }
    InboxPane Refresher.-running { display: block; }
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
        self.cost: BidCost | None = None
        self.verdicts = VerdictWords(self)  # Bid / Maybe / Skip, judged as rows are drawn
        self._op_log: list[Triage] = []
        self._detail_timer: Timer | None = None
        # Whole jobs read for the detail (the index keeps no stored documents), by id.
        self._whole: dict[str, Job] = {}
        self.loader = InboxLoader(self)  # every job read in a worker, the newest kept
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
                yield Refresher(lambda: self.store, self.cockpit.now)  # its progress bar
                yield StatusLine(id="inbox-status")
                yield Static(Text(_("Opening your jobs…"), style="bold"), id="inbox-loading")
                yield EmptyState(_("No jobs yet."), *map(_, EMPTY_HINTS), id="inbox-empty")
                yield JobList(id="inbox-list")
            yield JobView(id="inbox-detail")

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
            self.loader.triage()
        elif kind in (DataKind.LEDGER, DataKind.PROPOSALS):
            self.loader.cost()

    def load(
        self,
        focus_job: str | None = None,
        view: str | None = None,
        announce: list[str] | None = None,
    ) -> None:
        self.loader.load(focus_job, view, announce)

    def show_loaded(self, position: int | None, *, first: bool) -> None:
        """A new index is in: the sidebar, the list (cursor on ``position``), the status."""
        index = self.index
        assert index is not None
        self._whole.clear()  # jobs may have changed with the store: read them again
        self.remove_class("-loading")
        self.set_class(len(index) == 0, "-empty")
        self.sidebar.current_view = index.view
        self.sidebar.show_views(index.views(), self.feeds)
        self._verdicts_changed()
        self.job_list.set_index(index, position if position is not None else self.job_list.cursor)
        self._show_status()
        self._schedule_auto_refresh()
        focused = self.app.focused
        if self.cockpit.current_pane is self and (
            (first and focused in (None, self.sidebar)) or focused is None
        ):
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
        self.verdicts.forget()
        self.job_list.verdict_of = self.verdicts.word
        self.job_list.verdicts_seen += 1
        self.job_list.refresh()

    def _show_detail(self) -> None:
        row = self.job_list.current_row
        if self.index is None or row is None:
            self.detail.show_job(None)
            return
        job_id = self.index.ids[row]
        job = self._whole.get(job_id)
        if job is None and self.cockpit.store is not None:
            # The description is read from the store; the detail waits for it a moment
            # (a shard read takes milliseconds) and only then says it is on its way.
            self.run_worker(
                partial(self._read_whole, self.index, job_id),
                thread=True,
                group="inbox-detail",
                exit_on_error=False,
            )
            self._detail_timer = self.set_timer(0.25, partial(self._show_reading, job_id))
            return
        self._draw_detail(row, job or self.index.job(row))

    def _read_whole(self, index: JobIndex, job_id: str) -> None:
        job = self.store.jobs.get(job_id)
        self.deliver(self._whole_read, index, job_id, job)

    def _whole_read(self, index: JobIndex, job_id: str, job: Job | None) -> None:
        if index is not self.index:
            return  # a newer index came meanwhile: it reads again if still wanted
        if len(self._whole) > 64:
            self._whole.clear()
        if job is not None:
            self._whole[job_id] = job
        row = self.job_list.current_row
        if row is not None and index.ids[row] == job_id:
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self._draw_detail(row, job or index.job(row))

    def _show_reading(self, job_id: str) -> None:
        row = self.job_list.current_row
        if self.index is None or row is None or self.index.ids[row] != job_id:
            return
        job = self.index.job(row)
        job.description = _("Reading the description…")
        self._draw_detail(row, job)

    def _draw_detail(self, row: int, job: Job) -> None:
        assert self.index is not None
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
        if row is not None and self.index is not None:
            open_link(self, self.index.link(row))

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
        if self.cockpit.store is not None:
            self.refresher.request(feed_ids, list(self.feeds.values()), quiet=quiet, force=force)

    @property
    def refreshing(self) -> bool:
        return self.refresher.running

    @property
    def refresher(self) -> Refresher:
        return self.query_one(Refresher)

    @on(Refresher.Started)
    def _refresh_started(self, event: Refresher.Started) -> None:
        self._show_status(
            ngettext("refreshing {count} feed…", "refreshing {count} feeds…", event.count).format(
                count=event.count
            )
        )

    @on(Refresher.Finished)
    def _refresh_finished(self, event: Refresher.Finished) -> None:
        if event.reports is None:
            self._show_status()
            return
        self.load(announce=[job_id for r in event.reports for job_id in r.notable_ids])
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
