"""Snapshot tests: every pane and key dialog on the demo data, and every pane empty.

The demo is seeded at FROZEN_NOW and the app's clock is frozen there too; the
terminal size, theme and language are fixed, the cursor does not blink and
toasts are cleared (see scripts/screenshots.py), so a snapshot only changes
when the UI does. After a deliberate UI change, look at the report, then:

    pytest tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot

from cockpit.paths import Paths
from cockpit.ui.app import CockpitApp
from scripts.screenshots import NOW, SHOTS, Shot, app_for, keys, prepare
from tests.conftest import FROZEN_NOW

Compare = Callable[..., bool]


def _press(*pressed: str) -> Callable[[Pilot[Any]], Any]:
    async def step(pilot: Pilot[Any]) -> None:
        await keys(pilot, *pressed)

    return step


# Demo states the screenshots do not show: the checklist (the Portfolio pane's first tab).
MORE_DEMO = (Shot("portfolio", "Portfolio: the checklist", _press("4")),)

# Each pane on an empty store, after the welcome was dismissed once (first_run=False).
EMPTY = (
    Shot("inbox", "", _press("1"), demo=False),
    Shot("proposals", "", _press("2"), demo=False),
    Shot("wallet", "", _press("3"), demo=False),
    Shot("portfolio", "", _press("4"), demo=False),
    Shot("portfolio-demand", "", _press("4", "g"), demo=False),
    Shot("insights", "", _press("4", "i"), demo=False),
)


# Every pane at 80x24: side panels folded, `\\` and enter bring them.
NARROW_SIZE = (80, 24)
NARROW = tuple(
    Shot(name, "", _press(*pressed), size=NARROW_SIZE)
    for name, pressed in (
        ("inbox", ("1",)),
        ("inbox-job", ("1", "j", "enter")),
        ("inbox-views", ("1", "v")),
        ("proposals", ("2",)),
        ("proposals-editor", ("2", "enter")),
        ("wallet", ("3",)),
        ("wallet-chart", ("3", "backslash")),
        ("portfolio", ("4",)),
        ("portfolio-demand", ("4", "g")),
        ("portfolio-gaps", ("4", "g", "backslash")),
        ("insights", ("4", "i")),
    )
)


@pytest.fixture
def build(paths: Paths) -> Iterator[Callable[[Shot], CockpitApp]]:
    """A frozen app for ``shot`` on the test's data folder; its lock is released after."""
    with contextlib.ExitStack() as stack:

        def make(shot: Shot) -> CockpitApp:
            return stack.enter_context(app_for(shot, paths.data, FROZEN_NOW))

        yield make


def _snap(snap_compare: Compare, app: CockpitApp, shot: Shot) -> bool:
    async def run_before(pilot: Pilot[Any]) -> None:
        await prepare(pilot, shot)

    return snap_compare(app, terminal_size=shot.size, run_before=run_before)


def test_the_screenshots_clock_is_the_tests_clock() -> None:
    assert NOW == FROZEN_NOW


def test_the_users_environment_does_not_reach_the_pictures(
    build: Callable[[Shot], CockpitApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build(EMPTY[0])
    assert not app.no_color
    assert app.theme == "textual-dark"
    assert app.sub_title == "~/.local/share/cockpit"  # not the temp folder
    assert app.now() == FROZEN_NOW
    assert os.environ["NO_COLOR"] == "1"  # only the app was shielded


@pytest.mark.parametrize("shot", SHOTS + MORE_DEMO, ids=lambda s: s.name)
def test_demo(snap_compare: Compare, build: Callable[[Shot], CockpitApp], shot: Shot) -> None:
    assert _snap(snap_compare, build(shot), shot)


@pytest.mark.parametrize("shot", EMPTY, ids=lambda s: s.name)
def test_empty(snap_compare: Compare, build: Callable[[Shot], CockpitApp], shot: Shot) -> None:
    assert _snap(snap_compare, build(shot), shot)


@pytest.mark.parametrize("shot", NARROW, ids=lambda s: s.name)
def test_narrow(snap_compare: Compare, build: Callable[[Shot], CockpitApp], shot: Shot) -> None:
    assert _snap(snap_compare, build(shot), shot)
