"""The main screen's lean partial updates put the same cells on screen as Textual's own."""

from __future__ import annotations

import random
from functools import partial
from itertools import pairwise
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.geometry import Region

from cockpit.demo.seed import seed_demo
from cockpit.ui.lean import LeanCompositor
from tests.conftest import FROZEN_NOW, ready, settle

SIZE = (140, 45)


def frame_cells(comp: Compositor, regions: list[Region]) -> list[tuple[int, int, str]]:
    """What a partial update of ``regions`` writes: (y, cut, text) for every cut it shows."""
    spans = list(comp._regions_to_spans(regions))
    crop = Region.from_union(regions).intersection(comp.size.region)
    chops = comp._render_chops(crop, {y for y, _, _ in spans}.__contains__)
    cells = []
    for y, x1, x2 in spans:
        cuts = comp.cuts[y]
        for cut, end in pairwise(cuts):
            if cut < x2 and end > x1:
                strip = chops[y][cut]
                assert strip is not None, (y, cut)
                cells.append((y, cut, "".join(f"{s.text}{s.style}" for s in strip)))
    return cells


def both(comp: LeanCompositor, regions: list[Region]) -> tuple[list[Any], list[Any]]:
    lean = frame_cells(comp, regions)
    comp._get_renders = partial(Compositor._get_renders, comp)  # type: ignore[method-assign]
    try:
        plain = frame_cells(comp, regions)
    finally:
        del comp._get_renders
    return lean, plain


async def test_partial_updates_match_textuals_own(make_app: Any, paths: Any) -> None:
    seed_demo(paths.data, FROZEN_NOW)
    app = make_app()
    chosen = random.Random(7)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        comp = app.screen._compositor
        assert isinstance(comp, LeanCompositor)
        for keys in ((), ("x", "j"), ("slash", "m", "i", "x")):
            await pilot.press(*keys)
            await settle(pilot)
            cases = [
                [Region(28, 3, 72, 2)],  # two list lines
                [Region(28, 1, 72, 1), Region(28, 3, 72, 2)],
                [Region(0, 0, 140, 1), Region(0, 44, 140, 1)],  # header and footer
                [Region(0, 0, *SIZE)],
                [Region(100, 2, 40, 10), Region(3, 30, 2, 2)],
            ]
            for _ in range(20):
                x, y = chosen.randrange(SIZE[0]), chosen.randrange(SIZE[1])
                w, h = chosen.randint(1, SIZE[0] - x), chosen.randint(1, SIZE[1] - y)
                cases.append([Region(x, y, w, h)])
            for regions in cases:
                lean, plain = both(comp, regions)
                assert lean == plain, regions
                assert lean  # a case that compares nothing proves nothing


@pytest.mark.parametrize("switch", ["ENABLED", "LEAN_RENDERS", "QUIET_RESIZE"])
async def test_the_switch_off_gives_the_same_screen(
    make_app: Any, paths: Any, monkeypatch: Any, switch: str
) -> None:
    """Each override's switch (and ENABLED, all of them) off: what the app shows must not change."""
    from cockpit.ui import lean

    seed_demo(paths.data, FROZEN_NOW)
    shown: dict[bool, tuple[str, Any]] = {}  # the job list's lines and scroll size
    for enabled in (True, False):
        monkeypatch.setattr(lean, switch, enabled)
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            lean_screen = isinstance(app.screen._compositor, LeanCompositor)
            assert lean_screen is (enabled or switch == "QUIET_RESIZE")
            await pilot.press("j", "j", "slash", "p", "o", "d")  # fewer rows: a resize
            await settle(pilot)
            job_list = app.query_one("#inbox-list")
            lines = [job_list.render_line(y).text for y in range(job_list.size.height)]
            shown[enabled] = ("\n".join(lines), job_list.virtual_size)
    assert "Podcast" in shown[True][0]
    assert shown[True] == shown[False]
