"""Triage in the Inbox: shortlist, dismiss, read and undo, drawn in place and saved behind.

A mixin of InboxPane (its methods take ``self: InboxPane``): the list's index does the
bookkeeping, this says what to redraw and when to tell the other panes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.timer import Timer

from cockpit.i18n import N_, _
from cockpit.models import Triage, TriageState
from cockpit.ui.messages import DataKind

if TYPE_CHECKING:
    from cockpit.ui.inbox import InboxPane

TRIAGE_NAMES = {
    "new": N_("new"),
    "shortlist": N_("shortlist"),
    "applied": N_("applied"),
    "dismissed": N_("dismissed"),
}


class InboxTriage:
    def __init__(self, pane: InboxPane) -> None:
        self.pane = pane
        self._counts_timer: Timer | None = None
        self._tell_timer: Timer | None = None

    def _triage(self, op: Callable[[str, datetime, int | None], Triage]) -> None:
        row = self.pane._row()
        if row is None or self.pane.index is None:
            return
        index, job_list = self.pane.index, self.pane.job_list
        cursor = job_list.cursor
        triage = op(index.ids[row], self.pane.cockpit.now(), cursor)
        self.save(triage)
        if cursor < job_list.count and index.visible[cursor] == row:
            # Still drawn in place (lingering, or still in the view): one line changes,
            # and a job that left the view hands the cursor to the next one.
            self._redraw_in_place(cursor + 1 if row in index.lingering else cursor)
        else:
            self.pane._after_rows_changed()

    def _redraw_in_place(self, position: int) -> None:
        """Rows stayed put: redraw the changed lines and put the cursor on ``position``;
        the status and detail follow the cursor, the counts come a beat later."""
        job_list = self.pane.job_list
        if min(position, job_list.count - 1) != job_list.cursor:
            job_list.move_to(position)  # redraws what changed; CursorMoved does the rest
        else:
            job_list.refresh_changed()
            self.pane._cursor_moved()
        self.count_later()

    def count_later(self) -> None:
        if self._counts_timer is not None:
            self._counts_timer.stop()
        self._counts_timer = self.pane.set_timer(0.12, self.pane._show_counts)

    def save(self, triage: Triage) -> None:
        self.pane._op_log.append(triage)
        del self.pane._op_log[:-1000]
        self.pane.store_do(self.pane.store.triage.save, triage, then=self._tell_others)

    def _tell_others(self, _: None = None) -> None:
        """Other panes re-analyse on triage; a burst of j/x/s tells them once, after it."""
        if self._tell_timer is not None:
            self._tell_timer.stop()
        self._tell_timer = self.pane.set_timer(1.5, lambda: self.pane.changed(DataKind.TRIAGE))

    def _toggle(self, state: TriageState) -> Callable[[str, datetime, int | None], Triage]:
        assert self.pane.index is not None
        index = self.pane.index
        return lambda job_id, now, hint: index.toggle_state(job_id, state, now, hint, linger=True)

    def shortlist(self) -> None:
        if self.pane.index is not None:
            self._triage(self._toggle("shortlist"))

    def dismiss(self) -> None:
        if self.pane.index is not None:
            self._triage(self._toggle("dismissed"))

    def toggle_read(self) -> None:
        if self.pane.index is not None:
            index = self.pane.index
            self._triage(lambda job_id, now, _hint: index.toggle_read(job_id, now))

    def undo(self) -> None:
        if self.pane.index is None:
            return
        before = self.pane.job_list.count
        triage = self.pane.index.undo(self.pane.cockpit.now())
        if triage is None:
            self.pane.notify(_("Nothing to undo."))
            return
        self.save(triage)
        position = self.pane.index.position(triage.job_id)
        row = self.pane.index.row_of[triage.job_id]
        job_list = self.pane.job_list
        if position is not None and job_list.count == before:  # restored in place
            self._redraw_in_place(position)
        else:
            self.pane._after_rows_changed(position)
        title = self.pane.index.display(row).title
        state = _(TRIAGE_NAMES.get(triage.state, triage.state))
        self.pane.notify(
            _("Undone: {title} is {state} again.").format(title=title, state=state), markup=False
        )
