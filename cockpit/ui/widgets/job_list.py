"""A virtual job list on the line API: only the rows on screen are ever drawn.

DataTable and OptionList build every row up front and stall near 10k rows;
this asks the JobIndex for the ~40 rows in view on each paint. Cells are
plain Segments of cleaned text, so a title like ``[b]x[/b]`` is shown, never
interpreted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from cockpit.i18n import N_, _
from cockpit.jobindex import JobIndex
from cockpit.labels import age_label
from cockpit.models import utcnow
from cockpit.ui.lean import quiet_resize

# The longest budget label in any language, "999,99-9,99rb CHF/jam": a label is never cut,
# so "Rp750rb-1,5jt" is never "Rp750rb-1,". Working it out costs 30 ms at every start, so it
# is written here; tests/unit/test_compact_money.py checks it against labels.py.
BUDGET_WIDTH = 21
# name, width, priority (lower stays longest when the list is narrow)
_FIXED: tuple[tuple[str, str, int, int], ...] = (
    ("score", N_("Pts"), 4, 0),
    ("verdict", N_("Verdict"), 7, 3),
    ("budget", N_("Budget"), BUDGET_WIDTH, 1),
    ("skills", N_("Skills"), 22, 4),
    ("country", N_("Country"), 12, 5),
    ("age", N_("Age"), 5, 2),  # "12bln" in Indonesian
    ("feed", N_("Feed"), 14, 6),
)
TITLE_MIN = 20  # below this the essential columns (points, budget, age, verdict) drop
TITLE_ROOMY = 40  # the optional columns (skills, country, feed) drop before the title
ESSENTIAL = 3  # priorities up to this are essential


def _title_min(column: tuple[str, str, int, int]) -> int:
    return TITLE_MIN if column[3] <= ESSENTIAL else TITLE_ROOMY


_MARKS = {"shortlist": "★", "applied": "✓", "dismissed": "✗", "new": " "}


def _fit(value: str, size: int) -> str:
    """``value`` in ``size`` cells; a cut one ends in "…", so it never reads as whole."""
    if cell_len(value) > size > 1:
        return set_cell_size(value, size - 1) + "…"
    return set_cell_size(value, size)


def layout_columns(width: int) -> list[tuple[str, str, int]]:
    """Columns that fit ``width``: title takes what the fixed ones leave."""
    chosen = sorted(_FIXED, key=lambda c: c[3])
    # Skills, country and feed give way to a readable title; points, budget, age and the
    # verdict only to a title too short to tell jobs apart.
    while chosen and sum(c[2] + 1 for c in chosen) + 2 + _title_min(chosen[-1]) > width:
        chosen.pop()
    kept = {c[0] for c in chosen}
    title = max(1, width - 2 - sum(c[2] + 1 for c in chosen))
    out: list[tuple[str, str, int]] = []
    for name, label, size, _priority in _FIXED:
        if name == "score" and name in kept:
            out.append((name, _(label), size))
            out.append(("title", _("Title"), title))
        elif name in kept:
            out.append((name, _(label), size))
    if "score" not in kept:
        out.insert(0, ("title", _("Title"), title))
    return out


def set_virtual_height(widget: ScrollView, height: int) -> None:
    """Resize the scrollable area without a screen-wide layout pass when possible.

    Assigning ``virtual_size`` re-lays out the whole screen (~every widget
    redrawn); a triage changes the row count by one on every key. Only when
    the scrollbar appears or goes does the layout really change.
    """
    size = Size(widget.size.width, height)
    old = widget.virtual_size
    if size == old:
        return
    viewport = widget.size.height
    toggles = widget.styles.overflow_y == "auto" and (old.height > viewport) != (height > viewport)
    if old.width != size.width or toggles:
        widget.virtual_size = size
    else:  # callers repaint what changed (often only some lines)
        quiet_resize(widget, size)


class JobList(ScrollView, can_focus=True):
    """Rows are ``index.visible``; ``cursor`` is a position in that list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next job", show=False),
        Binding("up", "cursor_up", "Previous job", show=False),
        Binding("home", "cursor_top", "First job", show=False),
        Binding("end", "cursor_bottom", "Last job", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "job-list--header",
        "job-list--cursor",
        "job-list--unread",
        "job-list--read",
        "job-list--score",
        "job-list--dim",
    }
    DEFAULT_CSS = """
    JobList {
        height: 1fr; overflow-x: hidden; background: $surface;
        /* 1 cell would be 1,000 rows: the status line says where. Always "scroll" (of
           width 0), so a filter emptying the list never re-lays out the screen. */
        overflow-y: scroll; scrollbar-size-vertical: 0;
    }
    JobList > .job-list--header { text-style: bold; color: $text-accent; }
    JobList > .job-list--cursor { background: $block-cursor-blurred-background; }
    JobList:focus > .job-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    JobList > .job-list--unread { text-style: bold; }
    JobList > .job-list--read { color: $text-muted; }
    JobList > .job-list--score { color: $text-success; }
    JobList > .job-list--dim { color: $text-muted; }
    """

    class CursorMoved(Message):
        def __init__(self, job_list: JobList, row: int | None) -> None:
            super().__init__()
            self.job_list = job_list
            self.row = row  # row number in the index, or None when the list is empty

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: JobIndex | None = None
        self.cursor = 0
        self.clock: Callable[[], datetime] = utcnow
        self.empty_message = _("Nothing here.")
        self._columns: list[tuple[str, str, int]] = []
        self._columns_for = -1
        self._styles: dict[str, Style] = {}
        self._base: Style | None = None  # rich_style walks every ancestor: once, not per line
        # Drawn rows by their _line_key: rows that move (a sweep, a scroll) reuse
        # their Strip instead of rebuilding it.
        self._strips: dict[tuple[int, bool, str, bool, int, int, int], Strip] = {}
        self._drawn: dict[int, object] = {}  # screen line -> the key of what it shows
        # Bid / Maybe / Skip per row, computed as rows are drawn (the pane knows how);
        # ``verdicts_seen`` changes whenever the verdicts may have.
        self.verdict_of: Callable[[int], str] = lambda row: ""
        self.verdicts_seen = 0

    # -- data ----------------------------------------------------------------
    @property
    def count(self) -> int:
        return len(self.index.visible) if self.index is not None else 0

    @property
    def current_row(self) -> int | None:
        if self.index is None or not self.index.visible:
            return None
        return self.index.visible[min(self.cursor, len(self.index.visible) - 1)]

    def set_index(self, index: JobIndex | None, cursor: int = 0) -> None:
        self.index = index
        self.forget_rows()  # row numbers name other jobs in a new index
        self.rows_changed(cursor)

    def rows_changed(self, cursor: int | None = None) -> None:
        """The visible rows changed (view, filter, sort, triage): resize and repaint
        the lines that now show something else."""
        if cursor is not None:
            self.cursor = cursor
        self.cursor = max(0, min(self.cursor, self.count - 1))
        set_virtual_height(self, self.count + 1)
        self._keep_cursor_visible()
        self.refresh_changed()
        self.post_message(self.CursorMoved(self, self.current_row))

    def refresh_changed(self) -> None:
        """Redraw only lines whose row, or its look, differs from what was drawn.

        Textual redraws every line it is asked to (~0.3 ms each), and after a
        filter key or a triage most lines on screen often show the same job as before.
        """
        height, width = self.size.height, self.scrollable_content_region.width
        drawn = self._drawn
        top = round(self.scroll_y)
        start = None
        for y in range(1, height + 1):
            same = y < height and y in drawn and drawn[y] == self._line_key(top + y - 1, width)
            if not same and start is None:
                start = y
            elif same and start is not None:
                self.refresh(Region(0, start, self.size.width, y - start))
                start = None
        if start is not None and start < height:
            self.refresh(Region(0, start, self.size.width, height - start))

    def rows_grew(self) -> None:
        """More rows were appended (a filter still searching): rows on screen stay."""
        shown = round(self.scroll_y) + self.size.height
        before = self.virtual_size.height - 1
        set_virtual_height(self, self.count + 1)
        if before < shown:  # the screen was not full: draw the newcomers
            self.refresh()
        if before == 0 and self.count:
            self.post_message(self.CursorMoved(self, self.current_row))

    def move_to(self, position: int) -> None:
        old = self.cursor
        target = max(0, min(position, self.count - 1))
        if target == old:
            return
        index = self.index
        if index is not None and index.lingering and self._off_screen(target):
            # The list scrolls, so most lines are redrawn anyway: sweep triaged rows now.
            self.rows_changed(index.settle(target))
            return
        self.cursor = target
        self._keep_cursor_visible()
        self.refresh_changed()  # often only the two cursor lines
        self.post_message(self.CursorMoved(self, self.current_row))

    def _off_screen(self, position: int) -> bool:
        top = round(self.scroll_y)
        return not top <= position < top + max(1, self.scrollable_content_region.height - 1)

    def _keep_cursor_visible(self) -> bool:
        """Scroll so the cursor row shows; True when it had to scroll (all lines move)."""
        height = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
            return True
        if self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
            return True
        return False

    # -- actions ---------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_top(self) -> None:
        self.move_to(0)

    def action_cursor_bottom(self) -> None:
        self.move_to(self.count - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(1, self.scrollable_content_region.height - 2))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.scrollable_content_region.height - 2))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_to(round(self.scroll_y) + event.y - 1)

    def on_resize(self, event: events.Resize) -> None:
        self._drawn.clear()
        self.virtual_size = Size(event.size.width, self.count + 1)
        self._keep_cursor_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._base = None
        self.forget_rows()

    def forget_rows(self) -> None:
        """Rows' text changed (a new index): drop drawn rows."""
        self._strips.clear()
        self._drawn.clear()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.move_to(self.cursor + 3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.move_to(self.cursor - 3)

    # -- drawing ---------------------------------------------------------------
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(f"job-list--{name}")
        return style

    def _line_key(self, position: int, width: int) -> object:
        """What decides how the row at ``position`` looks (None past the end)."""
        index = self.index
        if index is None or not index.visible:
            return ("empty", self.empty_message, width)
        if position >= len(index.visible):
            return None
        row = index.visible[position]
        minute = int(self.clock().timestamp() // 60)  # ages read "5m": redraw each minute
        done = index.read[row] or row in index.lingering
        return (
            row,
            position == self.cursor,
            index.state[row],
            done,
            width,
            minute,
            self.verdicts_seen,
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._columns_for:
            self._columns = layout_columns(width)
            self._columns_for = width
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        if y == 0:
            return self._header(width, base)
        position = round(self.scroll_y) + y - 1
        key = self._drawn[y] = self._line_key(position, width)
        if self.count == 0:
            text = self.empty_message if y == 2 else ""
            return Strip(
                [Segment(set_cell_size(" " + text, width), base + self._style("dim"))], width
            )
        if key is None:
            return Strip.blank(width, base)
        assert isinstance(key, tuple)
        if len(self._strips) > 2000:
            self._strips.clear()
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._row(position, width, base)
        return strip

    def _header(self, width: int, base: Style) -> Strip:
        style = base + self._style("header")
        cells = [Segment(" ", style)]
        for name, label, size in self._columns:
            text = label.rjust(size) if name == "score" else label
            cells.append(Segment(set_cell_size(text, size) + " ", style))
        return Strip(cells).adjust_cell_length(width, style)

    def _row(self, position: int, width: int, base: Style) -> Strip:
        assert self.index is not None
        row = self.index.visible[position]
        shown = self.index.display(row)
        # A row triaged out of this view reads as done: muted, like a read one.
        done = shown.read or row in self.index.lingering
        style = base + self._style("read" if done else "unread")
        score_style = style + self._style("score") if shown.score > 0 else style
        dim = base + self._style("dim")
        if position == self.cursor:
            cursor = self._style("cursor")
            style, score_style, dim = style + cursor, score_style + cursor, dim + cursor
        values = {
            "score": f"{shown.score:+d}".rjust(4) if shown.score else "0".rjust(4),
            "title": shown.title,
            "budget": shown.budget,
            "skills": shown.skills,
            "country": shown.country,
            "age": age_label(shown.posted, self.clock()),
            "feed": shown.feed,
            "verdict": self.verdict_of(row)
            if any(c[0] == "verdict" for c in self._columns)
            else "",
        }
        # Few segments per line: Textual's per-line work grows with their number.
        head = [_MARKS.get(shown.state, " ")]
        tail: list[str] = []
        title = ""
        for name, _label, size in self._columns:
            value = values[name]
            if name == "title":
                title = _fit(value, size)
            elif name == "score":
                head.append(set_cell_size(value, size))
            else:
                tail.append(_fit(value, size))
        cells = [
            Segment(head[0], style),
            Segment("".join(head[1:]), score_style),
            Segment(f" {title} ", style),
            Segment(" ".join(tail), dim),
        ]
        return Strip(cells).adjust_cell_length(width, style)


class StatusLine(Widget):
    """One line of plain Text drawn on the line API (a Static re-lays out on update)."""

    DEFAULT_CSS = """
    StatusLine { height: 1; color: $text-muted; background: $surface; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()
        self._strip: Strip | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip = None

    def set_text(self, text: Text) -> None:
        if text != self.text:
            self.text = text
            self._strip = None
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y:
            return Strip.blank(width, self.rich_style)
        if self._strip is None or self._strip.cell_length != width:
            base = self.rich_style
            segments = list((Text(" ") + self.text).render(self.app.console, end=""))
            self._strip = Strip(segments).apply_style(base).adjust_cell_length(width, base)
        return self._strip
