"""The Inbox's dialogs (paste a job, feeds, rules, auto-refresh) and opening a job's link.
Each dialog gets what it needs from here (its data, and for lists the writes it may make);
none reaches the app.

A mixin of InboxPane (its methods take ``self: InboxPane``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.i18n import _
from cockpit.models import Job, Rule, Triage
from cockpit.text import clean_line, safe_url
from cockpit.ui.dialogs.writes import list_writes
from cockpit.ui.messages import DataKind

if TYPE_CHECKING:
    from cockpit.ui.inbox import InboxPane


class InboxDialogs:
    def __init__(self, pane: InboxPane) -> None:
        self.pane = pane

    def paste(self) -> None:
        from cockpit.ui.dialogs.paste import PasteDialog

        self.pane.app.push_screen(PasteDialog(now=self.pane.cockpit.now()), self._pasted)

    def _pasted(self, job: Job | None) -> None:
        if job is None or self.pane.cockpit.store is None:
            return
        store, now = self.pane.store, self.pane.cockpit.now()

        def save() -> bool:
            fresh = store.jobs.merge_paste(job)  # the same job again: a new reading
            old = store.triage.get(job.id)
            store.triage.save(
                Triage(
                    job.id, "shortlist", old.read if old else False, old.tags if old else [], now
                )
            )
            return bool(fresh)

        def saved(fresh: bool) -> None:
            title = clean_line(job.title)
            message = (
                _("Saved: {title!r} is in your Shortlist.")
                if fresh
                else _("Updated {title!r} with this reading; it is in your Shortlist.")
            )
            self.pane.notify(message.format(title=title), markup=False)
            self.pane.load(focus_job=job.id, view="shortlist")
            self.pane.changed(DataKind.JOBS)

        self.pane.store_do(save, then=saved)

    def feeds(self) -> None:
        from cockpit.ui.dialogs.feed import FeedsDialog

        def closed(changed: bool | None) -> None:
            if changed:
                self.pane.load()
                self.pane.changed(DataKind.FEEDS)

        writes = list_writes(self.pane.store_do, lambda: self.pane.store.feeds)
        self.pane.app.push_screen(FeedsDialog(list(self.pane.feeds.values()), writes), closed)

    def rules(self) -> None:
        if self.pane.cockpit.store is None:
            return
        # The rules are read on a worker (the UI thread never waits on the disk).
        self.pane.run_worker(self._read_rules, thread=True, exit_on_error=False, group="rules")

    def _read_rules(self) -> None:
        self.pane.deliver(self._show_rules, self.pane.store.rules.all())

    def _show_rules(self, rules: list[Rule]) -> None:
        from cockpit.ui.dialogs.rules import RulesDialog

        def closed(changed: bool | None) -> None:
            if changed:
                self.pane.load()
                self.pane.changed(DataKind.RULES)

        writes = list_writes(self.pane.store_do, lambda: self.pane.store.rules)
        self.pane.app.push_screen(RulesDialog(rules, writes), closed)


def open_link(pane: InboxPane, link: str) -> None:
    """Open an http(s) link in the browser; over SSH none opens, so it is also copied and
    shown. Any other scheme is refused and named, cleaned."""
    url = safe_url(link)
    if url is None:
        shown = clean_line(link)[:80]
        message = (
            _("Not opening {link!r}: only http(s) links are opened.").format(link=shown)
            if shown
            else _("This job has no link.")
        )
        pane.notify(message, severity="warning", markup=False)
        return
    pane.app.open_url(url)
    pane.app.copy_to_clipboard(url)
    pane.notify(
        _("Opening {url} (also copied: paste it in a browser if none opens)").format(url=url),
        markup=False,
        timeout=8,
    )
