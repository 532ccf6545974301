"""The Portfolio pane: a checklist of samples to build, driven by what clients ask for.

Three tabs: the Checklist (add, edit, reorder, move status), Demand (skills and
categories over 7/30/90 days, the gaps no done item covers, the jobs behind any
figure) and Insights (funnel, charts, this month vs last). The analysis runs in
a thread worker; the checklist shows as soon as it is read.

The pane owns the keys, the tabs and the worker; ``checklist`` (portfolio_checklist.py)
and ``demand`` (portfolio_demand.py) do the verbs, the two views (demand_view.py,
insights_view.py) draw, and ``cockpit.insights.analysis`` works out the figures.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from cockpit.i18n import _
from cockpit.insights.analysis import Analysis, Snapshot, analyse
from cockpit.models import ChecklistItem, Settings
from cockpit.store import Store
from cockpit.ui.demand_view import DemandView
from cockpit.ui.dialogs.checklist_aliases import AliasesDialog
from cockpit.ui.insights_view import InsightsView
from cockpit.ui.messages import DataKind
from cockpit.ui.pane import Pane
from cockpit.ui.portfolio_checklist import PortfolioChecklist
from cockpit.ui.portfolio_demand import PortfolioDemand
from cockpit.ui.widgets.empty import EmptyState
from cockpit.ui.widgets.keys import KeyTable

RELOAD_ON = frozenset(
    {
        DataKind.JOBS,
        DataKind.TRIAGE,
        DataKind.PROPOSALS,
        DataKind.CHECKLIST,
        DataKind.LEDGER,
        DataKind.SETTINGS,
    }
)
TABS = ("checklist", "demand", "insights")


def read_snapshot(
    store: Store, previous: Snapshot | None, jobs_gen: int, data_gen: int
) -> Snapshot:
    """Read what changed since ``previous``: nothing, everything but the jobs, or all."""
    if previous is not None and previous.jobs_gen == jobs_gen:
        if previous.data_gen == data_gen:
            return previous
        jobs, by_id = previous.jobs, previous.by_id
    else:
        jobs = store.jobs.all()
        by_id = {}
    return Snapshot(
        jobs=jobs,
        jobs_gen=jobs_gen,
        data_gen=data_gen,
        triage=store.triage.all_by_job(),
        proposals=store.proposals.all(),
        ledger=store.ledger.all(),
        checklist=store.checklist.all(),
        settings=store.settings.get(),
        profile=store.profile.get(),
        by_id=by_id,
    )


class PortfolioPane(Pane):
    PANE_ID = "portfolio"
    TITLE = _("Portfolio")
    KEY = "4"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n", "new_item", _("New item"), id="portfolio.new", tooltip=_("Add a checklist item")
        ),
        Binding(
            "e",
            "edit_item",
            _("Edit item"),
            id="portfolio.edit",
            tooltip=_("Edit the selected item"),
            show=False,
        ),
        Binding(
            "d",
            "delete_item",
            _("Delete item"),
            id="portfolio.delete",
            tooltip=_("Asks first"),
            show=False,
        ),
        Binding(
            "space,t",
            "cycle_status",
            _("Next status"),
            id="portfolio.status",
            key_display="space/t",
            tooltip=_("todo -> doing -> done"),
        ),
        Binding(
            "T", "cycle_status(-1)", _("Previous status"), id="portfolio.status_back", show=False
        ),
        Binding(
            "K,ctrl+up",
            "move(-1)",
            _("Move item up"),
            id="portfolio.up",
            key_display="K",
            show=False,
        ),
        Binding(
            "J,ctrl+down",
            "move(1)",
            _("Move item down"),
            id="portfolio.down",
            key_display="J",
            show=False,
        ),
        Binding(
            "plus",
            "add_gap",
            _("Add gap as todo"),
            id="portfolio.gap",
            key_display="+",
            tooltip=_("The selected gap becomes a todo checklist item"),
            show=False,
        ),
        Binding("w", "cycle_window", _("Window 7/30/90 days"), id="portfolio.window", show=False),
        Binding(
            "enter",
            "drill",
            _("Jobs behind a figure"),
            id="portfolio.drill",
            show=False,
            tooltip=_("List the jobs behind the selected skill, category or gap"),
        ),
        Binding(
            "c", "show_tab('checklist')", _("Checklist tab"), id="portfolio.checklist", show=False
        ),
        Binding(
            "g",
            "show_tab('demand')",
            _("Demand"),
            id="portfolio.demand",
            tooltip=_("Demand and gaps tab"),
        ),
        Binding(
            "i",
            "toggle_insights",
            _("Insights"),
            id="portfolio.insights",
            tooltip=_("Funnel, charts, this month vs last (i again goes back)"),
        ),
        Binding("a", "aliases", _("Skill aliases"), id="portfolio.aliases", show=False),
    ]
    DEFAULT_CSS = """
    PortfolioPane #portfolio-tabs { height: 1fr; }
    PortfolioPane TabPane { padding: 0; }
    PortfolioPane #checklist-head { height: auto; padding: 0 1; }
    PortfolioPane #checklist-table { height: 1fr; }
    PortfolioPane #checklist-detail {
        height: auto; max-height: 8; padding: 0 1; color: $text-muted;
    }
    PortfolioPane DemandView, PortfolioPane InsightsView { height: 1fr; }
    """
    can_focus = True  # keys work while the checklist is empty

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.settings = Settings()
        self.snapshot: Snapshot | None = None
        self.analysis: Analysis | None = None
        self.days = 30
        # Generations: the worker re-reads jobs when jobs_gen moved, the rest when data_gen did.
        self.jobs_gen = 0
        self.data_gen = 0
        self.stale = False  # data changed while hidden: analyse when shown
        self._before_insights = "checklist"
        self.checklist = PortfolioChecklist(self)  # n, e, d, space/t, T, J/K
        self.demand = PortfolioDemand(self)  # w, +, enter

    def compose(self) -> ComposeResult:
        with TabbedContent(id="portfolio-tabs", initial="tab-checklist"):
            with TabPane(_("Checklist"), id="tab-checklist"):
                yield Static(Text(""), id="checklist-head")
                yield EmptyState(
                    _("Your checklist is empty."),
                    _(
                        "Press n to add a portfolio item, or g to see the skills clients ask for "
                        "and press + on a gap."
                    ),
                    _("Refresh some feeds first, so Cockpit can show what clients ask for."),
                    id="portfolio-empty",
                )
                yield KeyTable(id="checklist-table", cursor_type="row", zebra_stripes=True)
                yield Static(Text(""), id="checklist-detail")
            with TabPane(_("Demand"), id="tab-demand"):
                yield DemandView(id="demand-view")
            with TabPane(_("Insights"), id="tab-insights"):
                yield InsightsView(id="insights-view")

    def on_mount(self) -> None:
        table = self.query_one("#checklist-table", DataTable)
        table.add_columns("#", _("Status"), _("Title"), _("Skills"), _("Evidence"), _("Done"))
        table.display = False

    # -- loading ---------------------------------------------------------------
    def store_ready(self) -> None:
        self.reload()

    def data_changed(self, kind: DataKind) -> None:
        if kind == DataKind.JOBS:
            self.jobs_gen += 1
        if kind in RELOAD_ON:
            self.reload()

    def reload(self, *, data: bool = True) -> None:
        """Analyse again; ``data=False`` when only the window changed (nothing re-read).

        A hidden Portfolio only notes that it is stale and analyses when it is shown: at
        50,000 jobs an analysis is a second of CPU, which at start (or after each refresh)
        would hold the GIL while the user works in the Inbox."""
        if data:
            self.data_gen += 1
        if not self.display:
            self.stale = True
            return
        self.stale = False
        self._set_loading(True)
        self.load(self.new_ticket(), self.days, self.jobs_gen, self.data_gen)

    def _set_loading(self, loading: bool) -> None:
        # A one-line indicator, not ``loading``: that would take the focus away.
        self.query_one(DemandView).set_class(loading, "-busy")
        self.query_one(InsightsView).set_class(loading, "-busy")

    @work(thread=True, exclusive=True, group="portfolio-load", exit_on_error=False)
    def load(self, ticket: int, days: int, jobs_gen: int, data_gen: int) -> None:
        worker = get_current_worker()
        store = self.store
        previous = self.analysis
        if previous is None or previous.snapshot.data_gen != data_gen:
            # The checklist first: it is small, and the user may be about to edit it.
            checklist, settings = store.checklist.all(), store.settings.get()
            self.deliver(self._apply_checklist, ticket, checklist, settings)
        snap = read_snapshot(store, self.snapshot, jobs_gen, data_gen)
        if worker.is_cancelled:
            return
        result = analyse(snap, days, self.cockpit.now(), previous)
        if not worker.is_cancelled:
            self.deliver(self._apply_analysis, ticket, snap, result)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "portfolio-load" and event.state == WorkerState.ERROR:
            self._set_loading(False)
            self.notify(
                _("Could not analyse demand: {error}").format(error=event.worker.error),
                severity="error",
                markup=False,
            )

    def _apply_checklist(self, ticket: int, items: list[ChecklistItem], settings: Settings) -> None:
        if not self.is_newest(ticket):
            return  # read before a newer change: a newer load is on its way
        self.settings = settings
        self.checklist.show(items)

    def _apply_analysis(self, ticket: int, snap: Snapshot, result: Analysis) -> None:
        if not self.is_newest(ticket):
            return
        self.snapshot, self.analysis = snap, result
        self._set_loading(False)
        self.query_one(DemandView).show(result)
        self.query_one(InsightsView).show(result, snap.settings)
        self.checklist.fill_head()

    # -- events ----------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "checklist-table":
            self.checklist.show_detail()
        elif event.data_table.id == "gaps-table" and self.analysis is not None:
            self.query_one(DemandView).show_gap_reason(self.analysis)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        table_id = event.data_table.id
        if table_id == "checklist-table":
            self.action_edit_item()
        elif table_id in ("demand-table", "gaps-table"):
            self.demand.drill_from(table_id)
        elif table_id == "drill-table" and event.row_key.value:
            self.demand.open_in_inbox(event.row_key.value)

    # -- tabs ----------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active.removeprefix("tab-")

    def pane_shown(self) -> None:
        if self.stale:
            self.reload(data=False)  # what changed while hidden is counted in data_gen
        self._focus_tab(self.active_tab)

    def _focus_tab(self, name: str) -> None:
        target = {
            "checklist": "#checklist-table",
            "demand": "#demand-table",
            "insights": "#insights-view",
        }[name]
        widget = self.query_one(target)
        (widget if widget.display else self).focus()

    def action_show_tab(self, name: str) -> None:
        if name in TABS:
            self.query_one(TabbedContent).active = f"tab-{name}"
            self._focus_tab(name)

    def action_toggle_insights(self) -> None:
        if self.active_tab == "insights":
            self.action_show_tab(self._before_insights)
        else:
            self._before_insights = self.active_tab
            self.action_show_tab("insights")

    # -- verbs: the keys stay here, the work is the checklist's and the demand's -------
    def action_new_item(self) -> None:
        self.checklist.new_item()

    def action_edit_item(self) -> None:
        self.checklist.edit_item()

    def action_delete_item(self) -> None:
        self.checklist.delete_item()

    def action_cycle_status(self, step: int = 1) -> None:
        self.checklist.cycle_status(step)

    def action_move(self, step: int) -> None:
        self.checklist.move(step)

    def action_cycle_window(self) -> None:
        self.demand.cycle_window()

    def action_add_gap(self) -> None:
        self.demand.add_gap()

    def action_drill(self) -> None:
        self.demand.drill()

    # -- aliases -------------------------------------------------------------------
    def action_aliases(self) -> None:
        if self.cockpit.store is None:
            return
        self.app.push_screen(AliasesDialog(self.settings.skill_aliases), self._save_aliases)

    def _save_aliases(self, aliases: dict[str, str] | None) -> None:
        if aliases is None:
            return

        def write() -> None:
            # Read-modify-write on the writer, so other settings are never clobbered.
            self.store.settings.update({"skill_aliases": aliases})

        def saved(_result: None) -> None:
            self.settings.skill_aliases = aliases
            self.notify(
                _("Saved {count} skill aliases.").format(count=len(aliases)),
                title=_("Portfolio"),
                markup=False,
            )
            self.changed(DataKind.SETTINGS)
            self.reload()

        self.store_do(write, then=saved)
