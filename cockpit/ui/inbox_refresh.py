"""The Inbox's refresh controller: one refresh at a time in a worker, its progress bar, the
notice that sums it up, the auto-refresh timer; ``Started`` and ``Finished`` go up to the pane."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ProgressBar

from cockpit.i18n import _, ngettext
from cockpit.models import Feed
from cockpit.ui.messages import Delivers

if TYPE_CHECKING:
    from cockpit.feeds.refresh import FeedReport
    from cockpit.jobindex import JobIndex
    from cockpit.store import Store

ANNOUNCED = 5  # titles in the "worth a bid" notice; the rest are counted


class Refresher(Delivers, Widget):
    """Child of the Inbox. ``start`` refreshes feeds; ``every`` sets the auto-refresh."""

    class Started(Message):
        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

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

    def compose(self) -> ComposeResult:
        yield ProgressBar(id="inbox-progress", show_eta=False)

    def request(
        self,
        feed_ids: list[str] | None,
        feeds: list[Feed],
        *,
        quiet: bool = False,
        force: bool = False,
    ) -> None:
        """Refresh ``feed_ids`` (None: every feed); ``quiet`` (the timer) says nothing when
        it cannot."""
        if self.running:
            if not quiet:
                self.notify(_("Already refreshing; wait for it to finish."))
            return
        enabled = [f for f in feeds if f.enabled and (feed_ids is None or f.id in feed_ids)]
        if not enabled:
            if not quiet:
                self.notify(
                    _("No enabled feed to refresh. Press F to add one."), severity="warning"
                )
            return
        self.running = True
        self.query_one(ProgressBar).update(total=len(enabled), progress=0)
        self.add_class("-running")
        self.post_message(self.Started(len(enabled)))
        self._worker(feed_ids, force)

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
        self._send_notices([job_id for r in reports for job_id in r.new_ids])

    def _send_notices(self, new_ids: list[str]) -> None:
        """The notice command for new jobs worth a bid, still on the worker thread (it
        runs programs and reads the store); what it did comes back as one notice."""
        if not new_ids:
            return
        from cockpit.notices import log_in, notify_new_jobs

        store = self._store()
        try:
            if not store.settings.get().notify_command:
                return
            summary = notify_new_jobs(store, new_ids, self._now(), log=log_in(store.folder))
        except Exception as exc:  # a notice must never cost the refresh its result
            line = _("Notices failed: {error}").format(error=exc)
            self.deliver(self.notify, line, severity="warning", markup=False)
            return
        line = summary.line()
        if line:
            severity = "warning" if summary.failed else "information"
            self.deliver(self.notify, line, severity=severity, markup=False)

    def _progress(self, done: int, total: int) -> None:
        self.deliver(self._show_progress, done, total)  # from the worker: posted, not awaited

    def _show_progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(progress=done, total=total)

    def _finish(self, reports: list[FeedReport] | None, error: str) -> None:
        self.running = False
        self.remove_class("-running")
        if reports is None:
            self.notify(error, severity="error", markup=False)
        else:
            message, failed = refresh_summary(reports)
            self.notify(message, severity="warning" if failed else "information", markup=False)
        self.post_message(self.Finished(reports, error))


def refresh_summary(reports: list[FeedReport]) -> tuple[str, bool]:
    """The notice after a refresh, and whether a feed failed."""
    new = sum(r.new_count for r in reports)
    failed = [r for r in reports if r.kind == "error"]
    feeds = ngettext("Refreshed {count} feed", "Refreshed {count} feeds", len(reports))
    jobs = ngettext("{count} new job", "{count} new jobs", new)
    message = _("{feeds}: {jobs}").format(
        feeds=feeds.format(count=len(reports)), jobs=jobs.format(count=new)
    )
    if failed:
        message += ", " + _("{count} failed (see the sidebar)").format(count=len(failed))
    waiting = sum(1 for r in reports if r.kind == "skipped")
    if waiting:
        message += ", " + ngettext(
            "{count} fetched too recently (ctrl+r fetches anyway)",
            "{count} fetched too recently (ctrl+r fetches them anyway)",
            waiting,
        ).format(count=waiting)
    return message + ".", bool(failed)


def worth_a_bid(index: JobIndex, job_ids: list[str]) -> tuple[str, str] | None:
    """(title, body) of the notice naming new jobs worth a bid, best first; None if none."""
    worth = sorted(
        (
            (index.score_total[index.row_of[j]], index.display(index.row_of[j]).title)
            for j in job_ids
            if j in index.row_of
        ),
        reverse=True,
    )
    if not worth:
        return None
    lines = [f"{points:+d}  {title[:70]}" for points, title in worth[:ANNOUNCED]]
    if len(worth) > ANNOUNCED:
        lines.append(_("…and {count} more").format(count=len(worth) - ANNOUNCED))
    title = ngettext(
        "{count} new job worth a bid", "{count} new jobs worth a bid", len(worth)
    ).format(count=len(worth))
    return title, "\n".join(lines)
