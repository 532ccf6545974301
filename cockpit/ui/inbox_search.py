"""Type-to-filter in the Inbox: the first screenful of matches at once, the rest scanned
in slices of a few milliseconds between key presses, so typing never waits."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.timer import Timer

if TYPE_CHECKING:
    from cockpit.ui.inbox import InboxPane

SEARCH_SLICE = 0.004  # seconds of filter scanning per slice on the UI thread


class FilterSearch:
    """Owned by the pane; the filter box calls ``changed`` on every keystroke."""

    def __init__(self, pane: InboxPane) -> None:
        self.pane = pane
        self._timer: Timer | None = None
        self._told = 0.0  # when the status line last showed the running count

    def changed(self, value: str) -> None:
        pane = self.pane
        if pane.index is not None:
            pane.index.set_query(value, lazy=True)
            pane.job_list.rows_changed(0)
            pane._show_status()
            pane.call_after_refresh(self._step)  # the first matches go on screen first

    def _step(self) -> None:
        """Scan the rest of a filter's candidates in short slices between key presses."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        index = self.pane.index
        if index is None or not index.searching:
            return
        self._timer = self.pane.set_timer(0.002, self._slice)

    def _slice(self) -> None:
        pane, index = self.pane, self.pane.index
        self._timer = None
        if index is None or not index.searching:
            return
        # A few ms at most, so a key typed meanwhile waits no longer than that.
        deadline = time.perf_counter() + SEARCH_SLICE
        while not index.search_more() and time.perf_counter() < deadline:
            pass
        pane.job_list.rows_grew()
        now = time.monotonic()
        if not index.searching or now - self._told > 0.2:
            self._told = now  # the status line's count, a few times a second
            pane._show_status()
        self._step()
