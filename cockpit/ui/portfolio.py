"""The Portfolio pane: a checklist of samples to build, driven by what clients ask for.

Three tabs: the Checklist (add, edit, reorder, move status), Demand (skills and
categories over 7/30/90 days, the gaps no done item covers, the jobs behind any
figure) and Insights (funnel, charts, this month vs last). The analysis runs in
a thread worker; the checklist shows as soon as it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from cockpit.i18n import N_, _, format_date
from cockpit.models import ChecklistItem, ChecklistStatus, Settings, new_id
from cockpit.skills import normalize_all
from cockpit.text import clean, clean_line
from cockpit.ui.dialogs.checklist_aliases import AliasesDialog
from cockpit.ui.dialogs.checklist_item import (
    STATUSES,
    ChecklistItemDialog,
    EvidenceDialog,
)
from cockpit.ui.dialogs.confirm import ConfirmDialog
from cockpit.ui.insights import (
    KIND_LABELS,
    Analysis,
    DemandView,
    InsightsView,
    Snapshot,
    analyse,
    next_window,
    read_snapshot,
)
from cockpit.ui.messages import DataKind, OpenJob
from cockpit.ui.pane import Pane
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
STATUS_MARK: dict[str, tuple[str, str]] = {
    "todo": ("[ ] ", "yellow"),
    "doing": ("[~] ", "cyan"),
    "done": ("[x] ", "green"),
}
STATUS_LABELS: dict[str, str] = {"todo": N_("todo"), "doing": N_("doing"), "done": N_("done")}


def status_label(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return _(label) if label else status


TABS = ("checklist", "demand", "insights")


def sorted_items(items: list[ChecklistItem]) -> list[ChecklistItem]:
    return sorted(items, key=lambda i: (i.order, i.created.isoformat() if i.created else "", i.id))


def checklist_cells(
    index: int, item: ChecklistItem, aliases: Mapping[str, str] | None = None
) -> tuple[Text, ...]:
    """One checklist row; skills shown as the analysis counts them."""
    box, style = STATUS_MARK.get(item.status, ("", ""))
    mark = box + status_label(item.status)
    evidence = clean_line(item.evidence)
    title = clean_line(item.title)
    return (
        Text(str(index + 1), justify="right"),
        Text(mark, style=style),
        Text(title if len(title) <= 50 else title[:49] + "…"),
        Text(", ".join(normalize_all(item.skills, aliases))),
        Text(evidence if len(evidence) <= 36 else evidence[:35] + "…"),
        Text(format_date(item.done_at) if item.done_at else "-"),
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
        self.items: list[ChecklistItem] = []
        self.settings = Settings()
        self.snapshot: Snapshot | None = None
        self.analysis: Analysis | None = None
        self.days = 30
        # Generations: the worker re-reads jobs when jobs_gen moved, the rest when data_gen did.
        self.jobs_gen = 0
        self.data_gen = 0
        self._before_insights = "checklist"
        self._select_next: str | None = None

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
        """Analyse again; ``data=False`` when only the window changed (nothing re-read)."""
        if data:
            self.data_gen += 1
        self._set_loading(True)
        self.load(self.days, self.jobs_gen, self.data_gen)

    def _set_loading(self, loading: bool) -> None:
        # A one-line indicator, not ``loading``: that would take the focus away.
        self.query_one(DemandView).set_class(loading, "-busy")
        self.query_one(InsightsView).set_class(loading, "-busy")

    @work(thread=True, exclusive=True, group="portfolio-load", exit_on_error=False)
    def load(self, days: int, jobs_gen: int, data_gen: int) -> None:
        worker = get_current_worker()
        store = self.store
        previous = self.analysis
        if previous is None or previous.snapshot.data_gen != data_gen:
            # The checklist first: it is small, and the user may be about to edit it.
            checklist, settings = store.checklist.all(), store.settings.get()
            self.deliver(self._apply_checklist, checklist, settings)
        snap = read_snapshot(store, self.snapshot, jobs_gen, data_gen)
        if worker.is_cancelled:
            return
        result = analyse(snap, days, self.cockpit.now(), previous)
        if not worker.is_cancelled:
            self.deliver(self._apply_analysis, snap, result)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "portfolio-load" and event.state == WorkerState.ERROR:
            self._set_loading(False)
            self.notify(
                _("Could not analyse demand: {error}").format(error=event.worker.error),
                severity="error",
                markup=False,
            )

    def _apply_checklist(self, items: list[ChecklistItem], settings: Settings) -> None:
        self.items = sorted_items(items)
        self.settings = settings
        self._fill_checklist()

    def _apply_analysis(self, snap: Snapshot, result: Analysis) -> None:
        self.snapshot, self.analysis = snap, result
        self._set_loading(False)
        self.query_one(DemandView).show(result)
        self.query_one(InsightsView).show(result, snap.settings)
        self._fill_head()

    # -- checklist view ----------------------------------------------------------
    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#checklist-table", DataTable)

    def _fill_head(self) -> None:
        counts = {s: sum(1 for i in self.items if i.status == s) for s in STATUSES}
        head = Text(" · ".join(f"{n} {status_label(s)}" for s, n in counts.items()))
        if self.analysis is not None:
            head.append(
                " · "
                + _("done items cover {share}% of the last {days} days' skill demand").format(
                    share=f"{self.analysis.coverage * 100:.0f}", days=self.analysis.days
                )
            )
        self.query_one("#checklist-head", Static).update(head)

    def _fill_checklist(self) -> None:
        table = self.table
        selected = self._select_next or self.selected_item_id()
        self._select_next = None
        table.clear()
        for index, item in enumerate(self.items):
            table.add_row(*checklist_cells(index, item, self.settings.skill_aliases), key=item.id)
        empty = not self.items
        self.query_one("#portfolio-empty").display = empty
        was_hidden = not table.display
        table.display = not empty
        for index, item in enumerate(self.items):
            if item.id == selected:
                table.move_cursor(row=index)
        if was_hidden and not empty and self.has_focus:
            table.focus()
        self._fill_head()
        self._show_detail()

    def selected_item_id(self) -> str | None:
        item = self.selected_item()
        return item.id if item else None

    def selected_item(self) -> ChecklistItem | None:
        table = self.table
        if not self.items or not table.row_count:
            return None
        return self.items[min(max(table.cursor_row, 0), len(self.items) - 1)]

    def _show_detail(self) -> None:
        item = self.selected_item()
        text = Text()
        if item is not None:
            created = format_date(item.created) if item.created else "-"
            text.append(_("Created {date}").format(date=created))
            if item.evidence:
                text.append(" · " + _("evidence:") + " ")
                text.append(clean_line(item.evidence), "underline")
            if item.notes:
                text.append("\n" + clean(item.notes))
        self.query_one("#checklist-detail", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "checklist-table":
            self._show_detail()
        elif event.data_table.id == "gaps-table" and self.analysis is not None:
            self.query_one(DemandView).show_gap_reason(self.analysis)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        table_id = event.data_table.id
        if table_id == "checklist-table":
            self.action_edit_item()
        elif table_id in ("demand-table", "gaps-table"):
            self._drill_from(table_id)
        elif table_id == "drill-table" and event.row_key.value:
            self._open_in_inbox(event.row_key.value)

    # -- tabs ----------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active.removeprefix("tab-")

    def pane_shown(self) -> None:
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

    # -- checklist verbs -------------------------------------------------------------
    def _need_item(self) -> ChecklistItem | None:
        if self.active_tab != "checklist":
            self.action_show_tab("checklist")
        item = self.selected_item()
        if item is None:
            self.notify(_("The checklist is empty: press n to add an item."), markup=False)
        return item

    def _save(self, items: list[ChecklistItem], message: str = "", select: str = "") -> None:
        def saved(_result: None) -> None:
            if message:
                self.notify(message, title=_("Portfolio"), markup=False)
            known = {i.id: i for i in self.items} | {i.id: i for i in items}
            self.items = sorted_items(list(known.values()))
            self._select_next = select or None
            self._fill_checklist()
            self.changed(DataKind.CHECKLIST)
            self.reload()

        self.store_do(self._save_many, items, then=saved)

    def _save_many(self, items: list[ChecklistItem]) -> None:
        """On the writer: one atomic flush for the lot."""
        with self.store.precious_batch():
            for item in items:
                self.store.checklist.save(item)

    def _next_order(self) -> int:
        return max((i.order for i in self.items), default=-1) + 1

    def action_new_item(self) -> None:
        if self.cockpit.store is None:
            return
        self.action_show_tab("checklist")
        dialog = ChecklistItemDialog(
            None, self.cockpit.now(), self.settings.skill_aliases, self._next_order()
        )
        self.app.push_screen(dialog, self._edited)

    def action_edit_item(self) -> None:
        if (item := self._need_item()) is not None:
            dialog = ChecklistItemDialog(item, self.cockpit.now(), self.settings.skill_aliases)
            self.app.push_screen(dialog, self._edited)

    def _edited(self, item: ChecklistItem | None) -> None:
        if item is not None:
            self._save(
                [item], _("Saved “{title}”.").format(title=clean_line(item.title)), select=item.id
            )

    def action_delete_item(self) -> None:
        if (item := self._need_item()) is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def deleted(_result: bool) -> None:
                self.items = [i for i in self.items if i.id != item.id]
                self.notify(
                    _("Deleted “{title}”.").format(title=clean_line(item.title)), markup=False
                )
                self._fill_checklist()
                self.changed(DataKind.CHECKLIST)
                self.reload()

            self.store_do(self.store.checklist.delete, item.id, then=deleted)

        # The title is user text: appended as plain Text, styled, between the halves.
        template = _("Delete the checklist item {title}? This cannot be undone. (y/n)")
        before, _sep, after = template.partition("{title}")
        question = Text(before)
        question.append(clean_line(item.title), "bold")
        question.append(after)
        dialog = ConfirmDialog(question, _("Delete"), _("Keep"), safe_no=True, danger=True)
        self.app.push_screen(dialog, answered)

    def action_cycle_status(self, step: int = 1) -> None:
        if (item := self._need_item()) is None:
            return
        status: ChecklistStatus = STATUSES[(STATUSES.index(item.status) + step) % len(STATUSES)]
        done_at = (item.done_at or self.cockpit.now()) if status == "done" else None
        if status == "done" and not item.evidence:
            # Done items carry the link a client can see (it may stay empty): ask for it.
            def chosen(link: str | None) -> None:
                if link is not None:
                    done = replace(item, status="done", done_at=done_at, evidence=link)
                    self._save([done], select=item.id)

            self.app.push_screen(EvidenceDialog(item), chosen)
            return
        self._save([replace(item, status=status, done_at=done_at)], select=item.id)

    def action_move(self, step: int) -> None:
        if (item := self._need_item()) is None:
            return
        index = self.items.index(item)
        target = index + step
        if not 0 <= target < len(self.items):
            return
        ordered = list(self.items)
        ordered[index], ordered[target] = ordered[target], ordered[index]
        # Renumber all: older items may share an order number.
        changed = [replace(it, order=n) for n, it in enumerate(ordered) if it.order != n]
        self._save(changed, select=item.id)

    # -- demand verbs ------------------------------------------------------------------
    def action_cycle_window(self) -> None:
        self.days = next_window(self.days)
        if self.active_tab == "checklist":
            self.action_show_tab("demand")
        self.notify(_("Demand over the last {days} days.").format(days=self.days), markup=False)
        self.reload(data=False)

    def action_add_gap(self) -> None:
        if self.analysis is None:
            self.notify(_("Demand is still being worked out; try again in a moment."), markup=False)
            return
        if self.active_tab != "demand":
            self.action_show_tab("demand")
            self.notify(_("Pick a gap in the list on the right, then press +."), markup=False)
            return
        gaps_table = self.query_one("#gaps-table", DataTable)
        if not self.analysis.gaps:
            self.notify(_("No gaps: every skill in demand has a done item."), markup=False)
            return
        gap = self.analysis.gaps[min(max(gaps_table.cursor_row, 0), len(self.analysis.gaps) - 1)]
        aliases = self.settings.skill_aliases
        planned = next(
            (i for i in self.items if gap.skill in normalize_all(i.skills, aliases)), None
        )
        if planned is not None:
            self.notify(
                _("Already on your checklist as “{title}” ({status}).").format(
                    title=clean_line(planned.title), status=status_label(planned.status)
                ),
                markup=False,
            )
            return
        now = self.cockpit.now()
        item = ChecklistItem(
            id=new_id(),
            title=_("{skill} sample").format(skill=clean_line(gap.skill)),
            skills=[gap.skill],
            notes=_("Gap when added: {reason}").format(reason=clean_line(gap.reason)),
            order=self._next_order(),
            created=now,
        )
        self._save(
            [item],
            _("Added “{title}” to your checklist as a todo.").format(title=item.title),
            select=item.id,
        )

    def action_drill(self) -> None:
        if self.active_tab != "demand":
            self.action_show_tab("demand")
        focused = self.app.focused
        table_id = focused.id if isinstance(focused, DataTable) else None
        self._drill_from(table_id if table_id == "gaps-table" else "demand-table")

    def _drill_from(self, table_id: str) -> None:
        if self.analysis is None or self.snapshot is None:
            return
        table = self.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            self.notify(_("No figure to trace: there are no jobs in this window."), markup=False)
            return
        index = min(max(table.cursor_row, 0), table.row_count - 1)
        if table_id == "gaps-table":
            skill = self.analysis.gaps[index].skill
            row = next(r for r in self.analysis.rows if r.kind == "skill" and r.name == skill)
        else:
            row = self.analysis.rows[index]
        view = self.query_one(DemandView)
        kind = _(KIND_LABELS.get(row.kind, row.kind))
        title = _("{name} ({kind}, last {days} days)").format(
            name=row.name, kind=kind, days=self.analysis.days
        )
        view.show_drill(title, self.snapshot, row.job_ids)
        self.query_one("#drill-table", DataTable).focus()

    def _open_in_inbox(self, job_id: str) -> None:
        self.post_message(OpenJob(job_id))

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
