"""The Proposals pane's two lists: the pipeline (counts per state, the filter) and the
follow-ups due, with columns that share the width at any size.

Owned by ProposalsPane as ``pane.lists``: the pane keeps the keys, the filter and the
editor; this draws the tables from the pane's ``data`` and keeps their cursors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable, Static

from cockpit.i18n import _
from cockpit.labels import age_label
from cockpit.models import Proposal
from cockpit.proposals import STATES, follow_ups, last_moved, state_label

if TYPE_CHECKING:
    from cockpit.ui.proposals import ProposalsPane


def row_key(table: DataTable[Text]) -> str | None:
    """The key of the row under ``table``'s cursor (a proposal id), if any."""
    if table.row_count == 0:
        return None
    try:
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
    except Exception:
        return None
    return str(key.value) if key.value is not None else None


class ProposalLists:
    def __init__(self, pane: ProposalsPane) -> None:
        self.pane = pane
        self._widths: tuple[int, int] = (0, 0)  # the tables' widths their columns fit

    def _fit_columns(self) -> None:
        """The job column takes what the state and age columns leave, at any width; the
        state column fits the longest state name of the language (never cut)."""
        table, follow_table = self.pane.table, self.pane.follow_table
        widths = (table.size.width, follow_table.size.width)
        if widths == self._widths and table.columns:
            return
        self._widths = widths
        state = max(cell_len(state_label(s)) for s in STATES)
        main = ((_("State"), "state"), (_("Job"), "job"), (_("Moved"), "moved"))
        follow = ((_("Job"), "job"), (_("State"), "state"), (_("Days"), "days"))
        for each, width, columns in (
            (table, widths[0], main),
            (follow_table, widths[1], follow),
        ):
            short = max(5, *(cell_len(title) for title, key in columns if key in ("moved", "days")))
            # Each column has one cell of padding either side; 1 more for the scrollbar.
            job = max(12, width - state - short - 3 * 2 - 1)
            each.clear(columns=True)
            for title, key in columns:
                each.add_column(title, key=key, width={"state": state, "job": job}.get(key, short))

    def refit(self) -> None:
        """After a resize: redraw only if a table's width changed."""
        if (self.pane.table.size.width, self.pane.follow_table.size.width) != self._widths:
            self.render()

    def render(self) -> None:
        pane = self.pane
        proposals = pane.data.proposals if pane.data else []
        counts = {state: 0 for state in STATES}
        for p in proposals:
            counts[p.state] = counts.get(p.state, 0) + 1
        line = Text()
        line.append(
            _("All {count}").format(count=len(proposals)),
            style="bold reverse" if pane.filter is None else "",
        )
        for i, state in enumerate(STATES):
            style = "bold reverse" if state == pane.filter else ("" if counts[state] else "dim")
            line.append("\n" if i % 3 == 0 else "  ")
            line.append(f"{state_label(state)} {counts[state]}", style=style)
        line.append("\n" + _("f: filter  enter: edit  s: submit  ?: all keys"), style="dim")
        pane.query_one("#proposals-counts", Static).update(line)

        # A rebuild moves the cursor; it must not read as the user moving it (the row under
        # the cursor would take the editor from the draft just opened).
        with pane.prevent(DataTable.RowHighlighted):
            self._fill_tables(proposals)

    def _fill_tables(self, proposals: list[Proposal]) -> None:
        pane = self.pane
        table, follow_table = pane.table, pane.follow_table
        now = pane.cockpit.now()
        shown = [p for p in proposals if pane.filter is None or p.state == pane.filter]
        shown.sort(key=lambda p: last_moved(p) or now, reverse=True)
        keep = row_key(table)
        keep_follow = row_key(follow_table)
        self._fit_columns()
        table.clear()
        for p in shown:
            moved = last_moved(p)
            age = age_label(moved, now)  # the Inbox's "3h", "2d" (one set of units everywhere)
            table.add_row(Text(state_label(p.state)), Text(pane._title(p)), Text(age), key=p.id)
        if keep:
            self.select_row(keep)

        due = follow_ups(proposals, now, pane.data.settings) if pane.data else []
        pane.query_one("#followups-title", Static).update(
            Text(
                _("Follow up ({count})").format(count=len(due))
                + ("" if due else ": " + _("nothing waiting"))
            )
        )
        follow_table.clear()
        for p in due:
            moved = last_moved(p)
            days = str((now - moved).days) if moved else "?"
            follow_table.add_row(
                Text(pane._title(p)), Text(state_label(p.state)), Text(days), key=p.id
            )
        if keep_follow and keep_follow in {p.id for p in due}:
            follow_table.move_cursor(row=follow_table.get_row_index(keep_follow))

    def select_row(self, proposal_id: str) -> None:
        table = self.pane.table
        try:
            index = table.get_row_index(proposal_id)
        except Exception:
            return
        table.move_cursor(row=index)
