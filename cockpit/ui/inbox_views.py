"""The Inbox's views (New, Shortlist, ..., each feed, each tag) and its sort: choosing,
stepping with ] and [, the palette's entries, and remembering both for the next start."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from cockpit.i18n import _, ngettext
from cockpit.text import clean_line

if TYPE_CHECKING:
    from cockpit.ui.inbox import InboxPane


class InboxViews:
    """Owned by the pane; the sidebar shows the views, this moves between them."""

    def __init__(self, pane: InboxPane) -> None:
        self.pane = pane

    def palette_commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        """One palette entry per view: New, Shortlist, ..., each feed and each tag."""
        index = self.pane.index
        if index is None:
            return []
        return [
            (
                _("Inbox view: {view}").format(view=clean_line(view.label)),
                ngettext("{count} job", "{count} jobs", view.count).format(count=view.count),
                partial(self.show, view.key),
            )
            for view in index.views()
        ]

    def show(self, key: str) -> None:
        """Open the Inbox on view ``key`` (the sidebar's highlight drives the list)."""
        pane = self.pane
        pane.cockpit.action_show_pane(pane.PANE_ID)
        sidebar = pane.sidebar
        for position in range(sidebar.option_count):
            if sidebar.get_option_at_index(position).id == key:
                sidebar.highlighted = position
                break

    def picked(self, key: str) -> None:
        pane, index = self.pane, self.pane.index
        if index is None or key == index.view:
            return
        index.set_view(key)
        pane.sidebar.current_view = key
        pane.job_list.rows_changed(0)
        pane._show_status()
        self.remember()

    def step(self, step: int) -> None:
        """] and [: the next or previous view, wrapping around."""
        index = self.pane.index
        if index is None:
            return
        keys = [view.key for view in index.views()]
        if index.view in keys:
            self.show(keys[(keys.index(index.view) + step) % len(keys)])

    def cycle_sort(self) -> None:
        pane, index = self.pane, self.pane.index
        if index is not None:
            index.cycle_sort()
            pane.job_list.rows_changed(0)
            pane._show_status()
            self.remember()

    def remember(self) -> None:
        """The next start opens on the same view and sort."""
        pane, index = self.pane, self.pane.index
        if index is None or pane.cockpit.store is None:
            return
        settings = pane.settings
        changes = {"inbox_view": index.view, "inbox_sort": index.sort}
        if changes != {"inbox_view": settings.inbox_view, "inbox_sort": settings.inbox_sort}:
            settings.inbox_view, settings.inbox_sort = index.view, index.sort
            pane.store_do(pane.store.settings.update, changes)
