"""The job detail beside the list: every field, why it scored, and what a bid costs.

Everything is a rich Text of cleaned strings; nothing from a feed is markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cockpit.i18n import N_, _, format_date, ngettext
from cockpit.jobfacts import groups
from cockpit.jobindex import RowScore
from cockpit.labels import age_label, full_budget_label
from cockpit.models import Job, utcnow
from cockpit.text import clean, clean_line, safe_url
from cockpit.ui.widgets.job_list import set_virtual_height
from cockpit.wallet.bidcost import BidCost, for_job

if TYPE_CHECKING:
    from cockpit.verdict import Verdict

FIELD_LABELS = (
    N_("Feed"),
    N_("Posted"),
    N_("Budget"),
    N_("Category"),
    N_("Skills"),
    N_("Country"),
    N_("Company"),
    N_("Client"),
    N_("Type"),
)
_BLANK_LINES = re.compile(r"\n{3,}")
WRAP_PIECE = 2000  # characters of one long line wrapped at a time


def afford_text(cost: BidCost) -> Text:
    from cockpit.wallet import affordable_bids

    text = Text()
    where = {
        "usual": _("the usual cost of your bids"),
        "job": _("this job's cost, from its page"),
    }.get(cost.source, _("a common cost; feeds do not say what a job costs"))
    if cost.balance is None:
        text.append(_("No Connects recorded yet.") + " ", style="bold")
        text.append(
            _(
                "Add your balance in the Wallet (3); "
                "a bid here is assumed to cost {cost} ({where})."
            ).format(cost=cost.cost, where=where)
        )
        return text
    bids = affordable_bids(cost.balance, cost.cost)
    text.append(
        ngettext(
            "You can afford {count} bid like this", "You can afford {count} bids like this", bids
        ).format(count=bids),
        style="bold",
    )
    text.append(
        ": "
        + _("{balance} Connects at {cost} per bid ({where}).").format(
            balance=cost.balance, cost=cost.cost, where=where
        )
    )
    return text


VERDICT_STYLE = {"bid": "bold green", "maybe": "bold yellow", "skip": "bold red"}
VERDICT_WORDS = {"bid": N_("Bid"), "maybe": N_("Maybe"), "skip": N_("Skip")}


def verdict_text(verdict: Verdict) -> Text:
    text = Text()
    text.append(_("Verdict") + "  ", style="bold")
    text.append(_(VERDICT_WORDS[verdict.kind]) + "\n", style=VERDICT_STYLE[verdict.kind])
    for warning in verdict.warnings:
        text.append("  ! ", style="red" if warning.skip else "yellow")
        text.append(clean_line(warning.text) + "\n")
    shown = {w.text for w in verdict.warnings}
    for reason in verdict.reasons:
        if reason not in shown:
            text.append("  - " + clean_line(reason) + "\n")
    chance = verdict.chance
    if chance is not None:
        text.append(
            "  "
            + ngettext(
                "Chance: view {view}, interview {interview}, hire {hire} (from your {count} bid)",
                "Chance: view {view}, interview {interview}, hire {hire} (from your {count} bids)",
                chance.bids,
            ).format(
                view=_percent(chance.view),
                interview=_percent(chance.interview),
                hire=_percent(chance.hire),
                count=chance.bids,
            )
            + "\n",
            style="dim",
        )
    return text


def _percent(p: float) -> str:
    return f"{p * 100:.0f}%" if p >= 0.01 else "<1%"


def job_text(
    job: Job, score: RowScore, feed_names: Sequence[str], cost: BidCost | None, now: datetime
) -> Text:
    """The whole detail as one Text (the view itself wraps the description lazily)."""
    head, body = job_parts(job, score, feed_names, cost, now)
    head.append(body)
    head.append("\n")
    return head


def job_parts(
    job: Job, score: RowScore, feed_names: Sequence[str], cost: BidCost | None, now: datetime
) -> tuple[Text, str]:
    """Everything above the description, and the description (cleaned, not yet a Text:
    a 1 MB one is wrapped only as far as the user scrolls)."""
    text = Text()
    text.append(clean_line(job.title) or _("(untitled)"), style="bold")
    text.append("\n")
    link = clean_line(job.link)
    if link:
        text.append(link, style="underline" if safe_url(job.link) else "red")
        if not safe_url(job.link):
            text.append("  " + _("(not an http(s) link: o will not open it)"), style="red")
        text.append("\n")
    text.append("\n")

    width = max(10, *(len(_(label)) + 1 for label in FIELD_LABELS))

    def field(label: str, value: str) -> None:
        value = clean_line(value)
        if value:
            text.append(f"{_(label):<{width}}", style="dim")
            text.append(value + "\n")

    field(N_("Feed"), ", ".join(feed_names) or _("pasted by you"))
    if job.posted is not None:
        posted = f"{format_date(job.posted)} {job.posted:%H:%M} UTC"
        ago = _("{age} ago").format(age=age_label(job.posted, now))
        field(N_("Posted"), f"{posted} ({ago})")
    if job.budget is not None:
        label = full_budget_label(job.budget)  # every digit; hourly ends in "/h"
        kind = {"fixed": _("fixed"), "salary": _("salary")}.get(job.budget.kind)
        field(N_("Budget"), f"{label} {kind}" if kind else label)
    field(N_("Category"), job.category)
    field(N_("Skills"), ", ".join(job.skills))
    field(N_("Country"), job.country)
    field(N_("Company"), job.company)
    field(N_("Client"), job.client_name)
    field(N_("Type"), job.job_type)
    for group in groups(job, core=False):
        text.append(group.title + "\n", style="bold")
        # Aligned with the fields above; a longer label keeps one space (a narrow pane).
        label_width = min(width - 3, max(len(label) for label, _value in group.rows))
        for label, value in group.rows:
            text.append(f"  {label:<{label_width}} ", style="dim")
            text.append(value + "\n")

    if cost is not None and cost.inputs is not None:
        from cockpit.verdicts import judge_one  # loaded with the first job shown, not at start

        text.append("\n")
        text.append_text(verdict_text(judge_one(job, cost.inputs, now)))

    text.append("\n" + _("Why this score") + " ", style="bold")
    text.append(f"({score.total:+d})\n" if score.total else "(0)\n", style="bold")
    if score.reasons:
        for label, points in score.reasons:
            text.append(
                f"  {points:+4d}  " if points else "     ·  ",
                style="green" if points > 0 else "dim",
            )
            text.append(clean_line(label) + "\n")
    else:
        text.append(
            "  " + _("No rule or profile skill matched. Press e to add rules.") + "\n", style="dim"
        )

    own = for_job(cost, job) if cost is not None else None
    if own is not None:
        text.append("\nConnects  ", style="bold")
        text.append_text(afford_text(own))
        text.append("\n")

    text.append("\n" + _("Description") + "\n", style="bold")
    body = clean(job.description).replace("\t", "    ")
    if "\n\n\n" in body:  # str.find is C-speed; the regex walks every char of 1 MB (~7 ms)
        body = _BLANK_LINES.sub("\n\n", body)
    body = body.strip()
    return text, body or _("(no description in the feed)")


class JobView(ScrollView, can_focus=True):
    """The detail, drawn on the line API: the job's Text is wrapped once per job
    (or width), so moving through jobs never re-lays out the screen.
    Scrolls with the arrow keys when focused (tab or enter from the list).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]
    DEFAULT_CSS = """
    JobView {
        width: 38%; height: 1fr; padding: 0 1; overflow-x: hidden;
        /* Always there: a scrollbar coming and going per job would re-lay out the screen. */
        overflow-y: scroll; scrollbar-size-vertical: 1;
        border-left: vkey $foreground 20%;
    }
    JobView:focus { border-left: vkey $accent; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._head = Text(_("Select a job to see it here."), style="dim")
        self._body = ""  # the description; wrapped only as far as the user scrolls
        self._blocks: list[str] = []
        self._next = 0  # next block of the description to wrap
        self._offset = 0  # where in that block (a long line is wrapped in pieces)
        self._left = 0  # characters of the description not wrapped yet
        self._lines: list[Strip] = []
        self._wrapped_for = -1
        self._base: Style | None = None  # rich_style walks every ancestor: once, not per line
        self._shown: dict[int, Strip] = {}  # lines with the base style applied, by line

    def show_job(
        self,
        job: Job | None,
        score: RowScore | None = None,
        feed_names: Sequence[str] = (),
        cost: BidCost | None = None,
        now: datetime | None = None,
    ) -> None:
        if job is None:
            self._head, self._body = Text(_("No job selected."), style="dim"), ""
        else:
            self._head, self._body = job_parts(
                job, score or RowScore(), feed_names, cost, now or utcnow()
            )
        self._blocks = self._body.split("\n") if self._body else []
        self._wrapped_for = -1
        self.scroll_to(y=0, animate=False, immediate=True)
        self._wrap()
        self.refresh()

    @property
    def shown_text(self) -> str:
        return self._head.plain + (self._body + "\n" if self._body else "")

    def _wrap_text(self, text: Text) -> list[Strip]:
        console = self.app.console
        options = console.options.update(width=self._wrapped_for, height=None, highlight=False)
        return [Strip(row) for row in console.render_lines(text, options, pad=False)]

    def _wrap(self) -> None:
        """Wrap the head and one screenful of the description for the current width."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._wrapped_for:
            return
        self._wrapped_for = width
        head = self._head
        if self._blocks and head.plain.endswith("\n"):
            # Its last newline ends the "Description" line; wrapped alone it would add a blank.
            head = head.copy()
            head.right_crop(1)
        self._lines = self._wrap_text(head)
        self._next, self._offset, self._left = 0, 0, len(self._body)
        self._shown.clear()
        self._wrap_until(round(self.scroll_y) + self.size.height + 1)
        self._update_height()

    def _wrap_until(self, count: int) -> bool:
        """Wrap more of the description until ``count`` lines exist; True if any were added."""
        added = False
        while len(self._lines) < count and self._next < len(self._blocks):
            block = self._blocks[self._next]
            piece = block[self._offset : self._offset + WRAP_PIECE]
            if self._offset + len(piece) < len(block):
                cut = piece.rfind(" ")  # end a piece between words, not inside one
                if cut > WRAP_PIECE // 2:
                    piece = piece[: cut + 1]
                self._offset += len(piece)
            else:
                self._next, self._offset = self._next + 1, 0
            self._left -= len(piece) + (1 if self._offset == 0 else 0)
            self._lines.extend(self._wrap_text(Text(piece.rstrip(" "))))
            added = True
        return added

    def _update_height(self) -> None:
        # Lines not wrapped yet are estimated from their length: exact once all are wrapped.
        width = max(1, self._wrapped_for)
        rest = (
            0
            if self._next >= len(self._blocks)
            else self._left // width + (len(self._blocks) - self._next)
        )
        set_virtual_height(self, len(self._lines) + rest)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        self._shown.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        if index >= len(self._lines) and self._wrap_until(index + 1):
            self.call_after_refresh(self._update_height)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._shown.get(index)
        if line is None or line.cell_length != width:
            line = self._lines[index].apply_style(base).adjust_cell_length(width, base)
            self._shown[index] = line
        return line
