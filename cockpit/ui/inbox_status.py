"""The Inbox's status line, what an empty list says, and the verdict word of each row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from cockpit.i18n import _, format_number
from cockpit.jobindex import SORT_LABELS, JobIndex
from cockpit.ui.job_view import VERDICT_WORDS

if TYPE_CHECKING:
    from cockpit.ui.inbox import InboxPane


def status_text(index: JobIndex, cursor: int, note: str = "") -> Text:
    """ "New · 3 of 60 · by score (S) · filter: audio"; user text stays plain Text."""
    text = Text()
    text.append(index.view_label(index.view), style="bold")
    # Rows triaged away but still drawn in place are not counted.
    lingering = index.lingering
    gone = sum(1 for r in index.visible[:cursor] if r in lingering) if lingering else 0
    count = len(index.visible) - len(lingering)
    more = "+ " + _("(searching…)") if index.searching else ""
    if count:
        where = _("{position} of {count}").format(
            position=format_number(max(1, min(cursor + 1 - gone, count))),
            count=format_number(count),
        )
        text.append(f" · {where}{more}")
    else:
        text.append(" · " + (_("searching…") if more else _("no jobs")))
    text.append(f" · {_(SORT_LABELS[index.sort])} (S)")
    if index.query:
        text.append(" · " + _("filter:") + " ")
        text.append(index.query, style="bold")
    if note:
        text.append(f" · {note}", style="italic")
    return text


def empty_message(index: JobIndex) -> str:
    """What the list says when it shows no row, and what to do about it."""
    if index.searching:
        return _("Searching the descriptions of every job…")
    if index.query:
        return _("No job matches the filter. Press escape in the filter to clear it.")
    return _("Nothing in {view}. Pick another view on the left, or press R to refresh.").format(
        view=index.view_label(index.view)
    )


class VerdictWords:
    """The list's Verdict column: each job judged once, when its row is first drawn, until
    the inputs (balance, past bids, profile) change and ``forget`` is called."""

    def __init__(self, pane: InboxPane) -> None:
        self.pane = pane
        self._kinds: dict[str, str] = {}  # job id -> bid | maybe | skip

    def forget(self) -> None:
        self._kinds.clear()

    def word(self, row: int) -> str:
        index, cost = self.pane.index, self.pane.cost
        if index is None or cost is None or cost.inputs is None:
            return ""
        job_id = index.ids[row]
        kind = self._kinds.get(job_id)
        if kind is None:
            from cockpit.verdicts import judge_one  # loaded with the first row, not at start

            try:
                kind = judge_one(index.job(row), cost.inputs, self.pane.cockpit.now()).kind
            except Exception:  # a verdict must never take the list down with it
                kind = ""
            self._kinds[job_id] = kind
        return _(VERDICT_WORDS[kind]) if kind in VERDICT_WORDS else ""
