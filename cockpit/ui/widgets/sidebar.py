"""Views with counts, every feed with its last status, and tag views.

Prompts are rich Text built from cleaned strings: a feed named
``[@click=app.quit]`` is shown as those characters.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from cockpit.feeds.messages import shown
from cockpit.i18n import _
from cockpit.jobindex import STATE_VIEWS, ViewInfo
from cockpit.models import Feed
from cockpit.text import clean_line

_STATE_KEYS = {key for key, _label in STATE_VIEWS}


def feed_status(feed: Feed) -> tuple[str, str]:
    """(text, style) for a feed's last refresh, in words."""
    if not feed.enabled:
        return _("disabled"), "dim"
    status = feed.status
    # Stored in English by whichever process fetched; shown in this screen's language.
    message = clean_line(shown(status.message))[:60]
    if status.kind == "ok":
        return _("OK, {count} new").format(count=status.new_count), "green"
    if status.kind == "not_modified":
        return _("not modified"), "dim"
    if status.kind == "warning":
        return _("warning: {message}").format(message=message or _("see feed")), "yellow"
    if status.kind == "error":
        return _("error: {message}").format(message=message or _("unknown")), "red"
    return _("not fetched yet (press r)"), "dim"


LABEL_CELLS = 18
STATUS_CELLS = 24


def _prompt(view: ViewInfo, feed: Feed | None) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    label = view.label or _("(unnamed)")
    if cell_len(label) > LABEL_CELLS:
        label = set_cell_size(label, LABEL_CELLS - 1) + "…"
    text.append(set_cell_size(label, LABEL_CELLS))
    text.append(f"{view.count:>8,}", style="bold")
    if feed is not None:
        status, style = feed_status(feed)
        # Wrapped whole (at most three lines), never cut: "error: HTTP 404 Not Found".
        lines = textwrap.wrap(status, STATUS_CELLS, max_lines=3, placeholder=" …")
        for line in lines:
            text.append("\n  ")
            text.append(line, style=style)
    return text


class Sidebar(OptionList):
    # j/k move through the views while they have focus (the Inbox's own j/k move jobs).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", _("Next view"), id="inbox.views.next", show=False),
        Binding("k", "cursor_up", _("Previous view"), id="inbox.views.previous", show=False),
    ]
    DEFAULT_CSS = """
    Sidebar {
        width: 28; height: 1fr; max-height: 100%; padding: 0;
        border: none; border-right: vkey $foreground 20%;
        &:focus { border: none; border-right: vkey $accent; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[str] = []
        self._shown: dict[str, str] = {}
        self.current_view = "new"

    def show_views(self, views: Sequence[ViewInfo], feeds: dict[str, Feed]) -> None:
        """Rebuild when the set of views changed, else only re-label what moved."""
        keys = [v.key for v in views]
        if keys != self._keys:
            self._rebuild(views, feeds)
            return
        for view in views:
            prompt = _prompt(
                view, feeds.get(view.key[5:]) if view.key.startswith("feed:") else None
            )
            if self._shown.get(view.key) != prompt.plain:
                self._shown[view.key] = prompt.plain
                self.replace_option_prompt(view.key, prompt)

    def _rebuild(self, views: Sequence[ViewInfo], feeds: dict[str, Feed]) -> None:
        options: list[Option | None] = []
        section = ""
        for view in views:
            kind = "state" if view.key in _STATE_KEYS else view.key.partition(":")[0]
            if kind != section:
                section = kind
                if kind == "feed":
                    options.append(Option(Text(_("Feeds"), style="bold"), disabled=True))
                elif kind == "tag":
                    options.append(Option(Text(_("Tags"), style="bold"), disabled=True))
            feed = feeds.get(view.key[5:]) if kind == "feed" else None
            prompt = _prompt(view, feed)
            self._shown[view.key] = prompt.plain
            options.append(Option(prompt, id=view.key))
        self._keys = [v.key for v in views]
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            self.select_view(self.current_view if self.current_view in self._keys else "new")

    def select_view(self, key: str) -> None:
        self.current_view = key
        try:
            index = self.get_option_index(key)
        except OptionDoesNotExist:  # a view that went away leaves the highlight alone
            return
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = index
