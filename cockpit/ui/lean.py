"""A screen whose partial updates render only the widgets they touch.

Textual 8.2.8's compositor picks the widgets to render for a partial update by
their *clip* (the parent's visible area) and asks each for all its lines, so a
two-line change in the job list also drew the header, footer, sidebar and
detail in full: ~3 ms a frame on every key. Here a widget is asked only for
the rows of the update, and only when its visible part meets the update; the
rest never reached the screen anyway. Textual is pinned; the snapshot tests
and tests/ui/test_lean_screen.py check that frames come out the same.

This is the one module that touches Textual's private API: the compositor's
``_get_renders`` and a widget's ``_scroll_update``. ``ENABLED = False`` (or
``COCKPIT_LEAN=0``) turns both off and the app runs on public API only.
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

ENABLED = os.environ.get("COCKPIT_LEAN", "1") != "0"


def quiet_resize(widget: Widget, size: Size) -> None:
    """Set a widget's scrollable size without a screen-wide layout pass.

    Assigning ``virtual_size`` re-lays out the whole screen; when the caller knows
    the layout does not change (a fixed-size box, a list whose scrollbar stays),
    only the widget's own scroll range needs updating.
    """
    if not ENABLED:
        widget.virtual_size = size
        return
    widget.set_reactive(ScrollView.virtual_size, size)
    widget._scroll_update(size)


def main_screen() -> Screen[None]:
    return LeanScreen() if ENABLED else Screen()


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
