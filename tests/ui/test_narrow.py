"""80x24: every pane usable. Side panels fold (\\ brings them), the footer's keys fit,
the pane strip says where you are, and the list keeps points, budget, age and title."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cockpit.ui.widgets.pane_strip import PaneStrip
from tests.conftest import ready, settle
from tests.ui.test_inbox_support import inbox, seed_jobs, show

ROOT = Path(__file__).resolve().parents[2]
PANE_NAMES = {"en": ["Inbox", "Proposals", "Wallet", "Portfolio"]}


@pytest.fixture(scope="module", params=["en", "id"])
def narrow(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("narrow") / "data"
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.narrow_runner", request.param, str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return request.param, json.loads(done.stdout)


def test_every_footer_key_fits_at_80_columns(narrow: Any) -> None:
    lang, shown = narrow
    cut = {
        state: [f"{key} {desc}" for key, desc, _x, right in seen["footer"]["keys"]
                if right > seen["footer"]["palette_x"]]
        for state, seen in shown.items()
    }  # fmt: skip
    assert all(not keys for keys in cut.values()), f"{lang}: keys cut off the footer: {cut}"
    # The most used key of each pane comes first.
    firsts = {state: seen["footer"]["keys"][0][0] for state, seen in shown.items()}
    assert firsts["inbox"] == "s" and firsts["wallet"] == "n" and firsts["portfolio"] == "n"


def test_the_strip_lights_the_open_pane_and_always_offers_help(narrow: Any) -> None:
    lang, shown = narrow
    for state, seen in shown.items():
        assert seen["strip_current"] == state.split("-")[0], state
        strip = seen["strip"]
        assert len(strip) <= seen["width"]
        assert strip.rstrip().endswith("quit" if lang == "en" else "keluar"), strip
        assert "? " in strip and " 1 " in strip and " 4 " in strip, strip
    if lang == "en":
        assert all(name in shown["inbox"]["strip"] for name in PANE_NAMES["en"])


def _shown(app: Any, selector: str) -> bool:
    widget = app.query_one(selector)
    return bool(widget.display and widget.region.width > 0)


async def test_inbox_folds_its_sidebar_and_detail(make_app: Any) -> None:
    app = make_app(seed_jobs(5))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await show(pilot)
        pane = inbox(app)
        assert app.screen.has_class("-narrow")
        assert not _shown(app, "#inbox-sidebar") and not _shown(app, "#inbox-detail")
        names = [name for name, _label, _width in pane.job_list._columns]
        assert {"score", "title", "budget", "age"} <= set(names), names
        assert app.query_one("#inbox-list").region.width == 80
        # enter: the job takes the list's place; escape: back.
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.05)
        assert _shown(app, "#inbox-detail") and not _shown(app, "#inbox-list")
        assert app.focused is pane.detail
        await pilot.press("escape")
        await pilot.pause(0.05)
        assert _shown(app, "#inbox-list") and not _shown(app, "#inbox-detail")
        # v: the views, to choose one; enter closes them again.
        await pilot.press("v")
        await pilot.pause(0.05)
        assert _shown(app, "#inbox-sidebar") and app.focused is pane.sidebar
        await pilot.press("j", "enter")
        await settle(pilot)
        assert not _shown(app, "#inbox-sidebar") and app.focused is pane.job_list
        assert pane.index is not None and pane.index.view == "shortlist"
        # ] and [ step through the views without the sidebar.
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert pane.index.view == "applied"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert pane.index.view == "new"
        # \ shows the views beside the list.
        await pilot.press("backslash")
        await pilot.pause(0.05)
        assert _shown(app, "#inbox-sidebar") and _shown(app, "#inbox-list")


async def test_wide_inbox_keeps_everything_and_backslash_makes_room(make_app: Any) -> None:
    app = make_app(seed_jobs(5))
    async with app.run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await show(pilot)
        assert _shown(app, "#inbox-sidebar") and _shown(app, "#inbox-detail")
        await pilot.press("backslash")
        await pilot.pause(0.05)
        assert not _shown(app, "#inbox-sidebar") and _shown(app, "#inbox-detail")


async def test_wallet_chart_folds_at_80_columns(make_app: Any, paths: Any) -> None:
    from cockpit.demo.seed import seed_demo
    from tests.conftest import FROZEN_NOW

    seed_demo(paths.data, FROZEN_NOW)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert _shown(app, "#wallet-history") and not _shown(app, "#wallet-right")
        assert app.query_one(PaneStrip).current == "wallet"
        await pilot.press("backslash")
        await pilot.pause(0.05)
        assert _shown(app, "#wallet-right") and not _shown(app, "#wallet-history")
        await pilot.press("4", "g")
        await settle(pilot)
        assert _shown(app, "#demand-table") and not _shown(app, "#gaps-box")
        await pilot.press("backslash")
        await pilot.pause(0.05)
        assert _shown(app, "#gaps-box") and not _shown(app, "#demand-table")


async def test_clicking_a_tab_opens_its_pane(make_app: Any) -> None:
    app = make_app(seed_jobs(2))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        strip = app.query_one(PaneStrip)
        start = strip.render().plain.index("3 ")
        await pilot.click(PaneStrip, offset=(start + 1, 0))
        await settle(pilot)
        assert app.query_one("#panes").current == "wallet" and strip.current == "wallet"


async def test_proposals_list_or_editor_at_80_and_shared_width_at_250(
    make_app: Any, paths: Any
) -> None:
    from cockpit.demo.seed import seed_demo
    from tests.conftest import FROZEN_NOW

    seed_demo(paths.data, FROZEN_NOW)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert _shown(app, "#proposals-table") and not _shown(app, "#proposals-right")
        job = app.query_one("#proposals-table").columns["job"]
        assert job.width >= 40, job.width  # the list has the whole width
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.05)
        assert _shown(app, "#proposal-editor") and not _shown(app, "#proposals-table")
        assert app.query_one("#proposal-editor").region.width >= 76
        await pilot.press("escape")
        await pilot.pause(0.05)
        assert _shown(app, "#proposals-table") and not _shown(app, "#proposals-right")
        await pilot.resize_terminal(250, 50)
        await settle(pilot)
        await pilot.pause(0.1)
        assert _shown(app, "#proposals-table") and _shown(app, "#proposals-right")
        job = app.query_one("#proposals-table").columns["job"]
        assert job.width >= 60, job.width  # was 26 whatever the width
