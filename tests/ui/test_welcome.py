"""First run: the welcome appears on an empty store, its steps work, then it stays away."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cockpit.models import Feed
from cockpit.store import Store
from cockpit.ui.dialogs.welcome import WelcomeScreen
from cockpit.ui.first_run_steps import DEMO_REQUESTED
from tests.conftest import in_thread, ready, settle

OPML = b"""<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="Audio"><outline type="rss" text="WWR design"
 xmlUrl="https://weworkremotely.com/categories/remote-design-jobs.rss"/></outline>
</body></opml>"""


async def test_welcome_shows_on_an_empty_store_and_sets_up_connects(make_app: Any) -> None:
    app = make_app(first_run=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)
        assert isinstance(app.screen, WelcomeScreen)
        text = "\n".join(str(s.content) for s in app.screen.query("Static"))
        for pane in ("Inbox", "Proposals", "Wallet", "Portfolio"):
            assert pane in text
        await pilot.press("c")
        await pilot.pause()
        balance = app.screen.query_one("#connects-balance")
        for bad in ("-5", "lots"):
            balance.value = bad
            await pilot.press("enter")
            await pilot.pause()
            error = str(app.screen.query_one("#connects-error").content)
            assert error, f"{bad!r} was accepted"
        assert "not a number" in error
        balance.value = "40"
        await pilot.press("enter")
        await settle(pilot)
        ledger = await in_thread(app.store.ledger.all)
        assert [(e.kind, e.amount, e.reason) for e in ledger] == [("grant", 40, "signup")]


async def test_welcome_imports_opml(make_app: Any, tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(OPML)
    app = make_app(first_run=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*str(tmp_path / "missing.opml"), "enter")
        await pilot.pause()
        assert "No such file" in str(app.screen.query_one("#opml-error").content)
        app.screen.query_one("#opml-path").value = str(opml)
        await pilot.press("enter")
        await settle(pilot)
        feeds = await in_thread(app.store.feeds.all)
        assert [(f.name, f.tags) for f in feeds] == [("WWR design", ["Audio"])]


async def test_welcome_demo_key_asks_cli_for_demo(make_app: Any) -> None:
    app = make_app(first_run=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)
        await pilot.press("d")
        await pilot.pause()
    assert app.return_code == DEMO_REQUESTED or app.return_value == DEMO_REQUESTED


async def test_no_welcome_once_there_is_a_feed(make_app: Any) -> None:
    def seed(store: Store) -> None:
        store.feeds.save(Feed(id="f1", url="https://example.com/rss"))

    app = make_app(seed, first_run=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)
        assert not isinstance(app.screen, WelcomeScreen)
