"""Every override of Textual's private API, each with its own switch.

Textual is pinned (8.2.8) while this module exists. Each override below has a
switch; with it off the app takes Textual's public path, and a test per switch
(tests/ui/test_lean_screen.py) checks that both paths put the same thing on
screen. ``COCKPIT_LEAN=0`` (or ``ENABLED = False``) turns all of them off.

- ``LEAN_RENDERS`` (``COCKPIT_LEAN_RENDERS=0``): the main screen's compositor
  overrides ``_get_renders``. Textual 8.2.8 picks the widgets to render for a
  partial update by their *clip* (the parent's visible area) and asks each for
  all its lines, so a two-line change in the job list also drew the header,
  footer, sidebar and detail in full: ~3 ms a frame on every key. Here a
  widget is asked only for the rows of the update, and only when its visible
  part meets the update; the rest never reached the screen anyway.
- ``QUIET_RESIZE`` (``COCKPIT_LEAN_RESIZE=0``): ``quiet_resize`` sets a
  widget's scrollable size through ``_scroll_update`` instead of assigning
  ``virtual_size``, which lays out the whole screen. The job list uses it when
  a triage or a filter changes its row count (ScrollView has no public way to
  change the scroll range without a layout).

The Inbox's filter box used to override ``Input._watch_value`` here too (to
skip the layout its ``virtual_size`` assignment asks for on every key); it now
runs on Textual's own watcher (cockpit/ui/widgets/filter_box.py), which
bench/inbox_bench.py measured as fast (type-to-filter p95 within noise).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget


def _switch(name: str) -> bool:
    return os.environ.get(name, "1") != "0"


ENABLED = _switch("COCKPIT_LEAN")  # all overrides at once
LEAN_RENDERS = _switch("COCKPIT_LEAN_RENDERS")
QUIET_RESIZE = _switch("COCKPIT_LEAN_RESIZE")


def quiet_resize(widget: Widget, size: Size) -> None:
    """Set a widget's scrollable size without a screen-wide layout pass.

    Assigning ``virtual_size`` re-lays out the whole screen; when the caller knows
    the layout does not change (a fixed-size box, a list whose scrollbar stays),
    only the widget's own scroll range needs updating.
    """
    if not (ENABLED and QUIET_RESIZE):
        widget.virtual_size = size
        return
    widget.set_reactive(ScrollView.virtual_size, size)
    widget._scroll_update(size)


def main_screen() -> Screen[None]:
    return LeanScreen() if ENABLED and LEAN_RENDERS else Screen()


class LeanCompositor(Compositor):
    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        for widget, (region, clip) in self.visible_widgets.items():
            visible = region.intersection(clip)
            # Only the rows of the update: the rest would be drawn and thrown away.
            band = visible.intersection(Region(visible.x, crop.y, visible.width, crop.height))
            if not (band.width and band.height and crop.overlaps(band)):
                continue
            x, y, width, height = band
            yield (
                region,
                band,
                widget.render_lines(Region(x - region.x, y - region.y, width, height)),
            )


class LeanScreen(Screen[None]):
    """The app's main screen (dialogs keep Textual's own)."""

    def __init__(self) -> None:
        super().__init__()
        self._compositor = LeanCompositor()
