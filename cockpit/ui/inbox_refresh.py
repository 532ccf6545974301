"""The Inbox's refresh controller: one refresh at a time in a worker, the auto-refresh timer,
and messages up to the pane (started, progress, finished). It draws nothing itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from cockpit.i18n import _
from cockpit.ui.messages import Delivers

if TYPE_CHECKING:
    from cockpit.feeds.refresh import FeedReport
    from cockpit.store import Store


class Refresher(Delivers, Widget):
    """Child of the Inbox. ``start`` refreshes feeds; ``every`` sets the auto-refresh."""

    DEFAULT_CSS = "Refresher { display: none; }"

    class Started(Message):
        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class Finished(Message):
        """``reports`` is None when the refresh could not run; ``error`` says why."""

        def __init__(self, reports: list[FeedReport] | None, error: str) -> None:
            super().__init__()
            self.reports, self.error = reports, error

    def __init__(
        self, store: Callable[[], Store], now: Callable[[], datetime], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._store, self._now = store, now
        self.running = False
        self.auto_timer: Timer | None = None
        self._auto_minutes = 0
        self._auto_start: Callable[[], None] | None = None

    def start(self, feed_ids: list[str] | None, count: int, *, force: bool = False) -> bool:
        """Refresh ``feed_ids`` (None: all), ``count`` of them enabled; False if one runs."""
        if self.running:
            return False
        self.running = True
        self.post_message(self.Started(count))
        self._worker(feed_ids, force)
        return True

    def every(self, minutes: int, start: Callable[[], None]) -> None:
        """Call ``start`` every ``minutes`` (0: never); unchanged minutes keep the timer."""
        minutes = max(0, minutes)
        if minutes == self._auto_minutes:
            return
        if self.auto_timer is not None:
            self.auto_timer.stop()
            self.auto_timer = None
        self._auto_minutes = minutes
        if minutes > 0:
            self.auto_timer = self.set_interval(minutes * 60, start)

    @work(thread=True, exit_on_error=False, group="inbox-refresh")
    def _worker(self, feed_ids: list[str] | None, force: bool) -> None:
        try:
            from cockpit.feeds.refresh import refresh
        except ImportError:
            self.deliver(self._finish, None, _("Refreshing feeds is not available yet."))
            return
        try:
            reports = refresh(
                self._store(), feed_ids, force=force, progress=self._progress, now=self._now()
            )
        except ImportError as exc:  # a feed module missing from this build
            self.deliver(self._finish, None, _("Refresh is unavailable: {error}").format(error=exc))
            return
        except Exception as exc:
            self.deliver(self._finish, None, _("Refresh failed: {error}").format(error=exc))
            return
        self.deliver(self._finish, list(reports), "")

    def _progress(self, done: int, total: int) -> None:
        self.post_message(self.Progress(done, total))  # from the worker: posted, not awaited

    def _finish(self, reports: list[FeedReport] | None, error: str) -> None:
        self.running = False
        self.post_message(self.Finished(reports, error))
