"""The Inbox's keys, in the order the footer shows them (the daily ones first; `?` lists all).

Each has an id for config/keymap.json; the palette offers every one by its description.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from cockpit.i18n import _, pgettext

INBOX_KEYS: list[BindingType] = [
    Binding("j", "cursor_down", _("Next job"), id="inbox.next", show=False),
    Binding("k", "cursor_up", _("Previous job"), id="inbox.previous", show=False),
    Binding("g", "cursor_top", _("First job"), id="inbox.first", show=False),
    Binding("G", "cursor_bottom", _("Last job"), id="inbox.last", show=False),
    Binding("enter", "open_job", _("Open job in the detail"), id="inbox.open", show=False),
    Binding(
        "escape",
        "back_to_list",
        _("Back to the list, or clear the filter"),
        id="inbox.back",
        show=False,
    ),
    # The footer shows the shown keys in this order: the daily ones first; `?` lists all.
    Binding("s", "shortlist", pgettext("key", "Shortlist"), id="inbox.shortlist"),
    Binding("x", "dismiss", _("Dismiss"), id="inbox.dismiss"),
    Binding("p", "proposal", _("Proposal"), id="inbox.proposal"),
    Binding("slash", "filter", _("Filter"), id="inbox.filter", key_display="/"),
    Binding("v", "views", _("Views"), id="inbox.views"),
    Binding("a", "paste", _("Paste a job"), id="inbox.paste"),
    Binding("R", "refresh_all", _("Refresh all feeds"), id="inbox.refresh_all", show=False),
    Binding("u", "undo", _("Undo triage"), id="inbox.undo", show=False),
    Binding(
        "right_square_bracket",
        "next_view",
        _("Next view"),
        id="inbox.next_view",
        key_display="]",
        show=False,
    ),
    Binding(
        "left_square_bracket",
        "previous_view",
        _("Previous view"),
        id="inbox.previous_view",
        key_display="[",
        show=False,
    ),
    Binding("m", "toggle_read", _("Read/unread"), id="inbox.read", show=False),
    Binding("o", "open_link", _("Open link"), id="inbox.open_link", show=False),
    Binding("S", "cycle_sort", _("Sort"), id="inbox.sort", show=False),
    Binding("r", "refresh", _("Refresh feed"), id="inbox.refresh", show=False),
    Binding(
        "ctrl+r",
        "refresh_now",
        _("Refresh all now (ignore each feed's minimum interval)"),
        id="inbox.refresh_now",
        show=False,
    ),
    Binding("F", "feeds", _("Feeds"), id="inbox.feeds", show=False),
    Binding("e", "rules", _("Rules"), id="inbox.rules", show=False),
]
