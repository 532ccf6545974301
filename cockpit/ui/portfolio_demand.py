"""The Portfolio's Demand verbs: the 7/30/90-day window, a gap becoming a todo, and the
jobs behind a figure (drill-down), whose rows open in the Inbox.

Owned by PortfolioPane as ``pane.demand``: the pane keeps the keys and the analysis
worker; this reads its latest ``analysis`` and asks the Demand view to draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import DataTable

from cockpit.i18n import _
from cockpit.insights.analysis import next_window
from cockpit.models import ChecklistItem, new_id
from cockpit.skills import normalize_all
from cockpit.text import clean_line
from cockpit.ui.demand_view import KIND_LABELS, DemandView
from cockpit.ui.messages import OpenJob
from cockpit.ui.portfolio_checklist import status_label

if TYPE_CHECKING:
    from cockpit.ui.portfolio import PortfolioPane


class PortfolioDemand:
    def __init__(self, pane: PortfolioPane) -> None:
        self.pane = pane

    def cycle_window(self) -> None:
        pane = self.pane
        pane.days = next_window(pane.days)
        if pane.active_tab == "checklist":
            pane.action_show_tab("demand")
        pane.notify(_("Demand over the last {days} days.").format(days=pane.days), markup=False)
        pane.reload(data=False)

    def add_gap(self) -> None:
        pane, analysis = self.pane, self.pane.analysis
        if analysis is None:
            pane.notify(_("Demand is still being worked out; try again in a moment."), markup=False)
            return
        if pane.active_tab != "demand":
            pane.action_show_tab("demand")
            pane.notify(_("Pick a gap in the list on the right, then press +."), markup=False)
            return
        gaps_table = pane.query_one("#gaps-table", DataTable)
        if not analysis.gaps:
            pane.notify(_("No gaps: every skill in demand has a done item."), markup=False)
            return
        gap = analysis.gaps[min(max(gaps_table.cursor_row, 0), len(analysis.gaps) - 1)]
        aliases = pane.settings.skill_aliases
        checklist = pane.checklist
        planned = next(
            (i for i in checklist.items if gap.skill in normalize_all(i.skills, aliases)), None
        )
        if planned is not None:
            pane.notify(
                _("Already on your checklist as “{title}” ({status}).").format(
                    title=clean_line(planned.title), status=status_label(planned.status)
                ),
                markup=False,
            )
            return
        now = pane.cockpit.now()
        item = ChecklistItem(
            id=new_id(),
            title=_("{skill} sample").format(skill=clean_line(gap.skill)),
            skills=[gap.skill],
            notes=_("Gap when added: {reason}").format(reason=clean_line(gap.reason)),
            order=checklist.next_order(),
            created=now,
        )
        checklist.save(
            [item],
            _("Added “{title}” to your checklist as a todo.").format(title=item.title),
            select=item.id,
        )

    def drill(self) -> None:
        pane = self.pane
        if pane.active_tab != "demand":
            pane.action_show_tab("demand")
        focused = pane.app.focused
        table_id = focused.id if isinstance(focused, DataTable) else None
        self.drill_from(table_id if table_id == "gaps-table" else "demand-table")

    def drill_from(self, table_id: str) -> None:
        pane, analysis = self.pane, self.pane.analysis
        if analysis is None or pane.snapshot is None:
            return
        table = pane.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            pane.notify(_("No figure to trace: there are no jobs in this window."), markup=False)
            return
        index = min(max(table.cursor_row, 0), table.row_count - 1)
        if table_id == "gaps-table":
            skill = analysis.gaps[index].skill
            row = next(r for r in analysis.rows if r.kind == "skill" and r.name == skill)
        else:
            row = analysis.rows[index]
        kind = _(KIND_LABELS.get(row.kind, row.kind))
        title = _("{name} ({kind}, last {days} days)").format(
            name=row.name, kind=kind, days=analysis.days
        )
        pane.query_one(DemandView).show_drill(title, pane.snapshot, row.job_ids)
        pane.query_one("#drill-table", DataTable).focus()

    def open_in_inbox(self, job_id: str) -> None:
        self.pane.post_message(OpenJob(job_id))
