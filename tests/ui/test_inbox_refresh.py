"""R refreshes feeds from a real local HTTP server; new good jobs are announced literally."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from textual.widgets import ProgressBar

from cockpit.models import Feed, Profile, Rule
from cockpit.store import Store
from tests.conftest import ready, settle
from tests.ui.test_inbox_support import inbox, list_titles

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Board</title>
<item><title>Podcast editor [@click=app.quit]now[/]</title><link>https://example.com/a</link>
<guid>a</guid><description>Edit our podcast weekly.</description></item>
<item><title>Logo for a bakery</title><link>https://example.com/b</link>
<guid>b</guid><description>A logo.</description></item>
</channel></rss>"""


GATE = threading.Event()


@pytest.fixture
def feed_url() -> Iterator[str]:
    GATE.set()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            GATE.wait(10)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(RSS)))
            self.end_headers()
            self.wfile.write(RSS)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/rss"
    GATE.set()
    server.shutdown()
    server.server_close()


async def until_refreshed(pilot: Any, pane: Any) -> None:
    """Wait for the refresh in progress to end and the inbox to settle."""
    for _ in range(100):
        await settle(pilot)
        if not pane.refreshing:
            break
        await pilot.pause(0.05)
    await settle(pilot)


async def test_refresh_all_loads_new_jobs_and_announces_good_ones(
    make_app: Any, feed_url: str
) -> None:
    def seed(store: Store) -> None:
        store.feeds.save(Feed(id="f1", url=feed_url, name="Local board"))
        store.rules.save(Rule(id="r1", name="Podcasts", include=["podcast"], points=30))
        store.profile.save(Profile(skills=[]))

    app = make_app(seed)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        assert pane.has_class("-empty")
        await pilot.press("R")
        for _ in range(100):
            await settle(pilot)
            if not pane.refreshing and pane.index is not None and len(pane.index) == 2:
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert not pane.has_class("-empty")
        assert list_titles(app) == ["Podcast editor [@click=app.quit]now[/]", "Logo for a bakery"]
        prompts = "\n".join(str(o.prompt) for o in pane.sidebar.options)
        assert "OK, 2 new" in prompts
        notes = list(app._notifications)
        assert any("Refreshed 1 feed: 2 new jobs" in n.message for n in notes)
        worth = [n for n in notes if "worth a bid" in n.title]
        assert len(worth) == 1 and not worth[0].markup
        assert "+30  Podcast editor [@click=app.quit]now[/]" in worth[0].message
        assert "bakery" not in worth[0].message  # 0 points: below notify_score
        assert app.is_running


async def test_progress_shows_while_a_slow_feed_loads_and_ui_stays_live(
    make_app: Any, feed_url: str
) -> None:
    app = make_app(lambda store: store.feeds.save(Feed(id="f1", url=feed_url, name="Slow")))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        GATE.clear()
        await pilot.press("r")
        await pilot.pause(0.2)
        bar = app.query_one("#inbox-progress", ProgressBar)  # inside the refresher
        assert pane.refreshing and pane.refresher.display and bar.display
        await pilot.press("r")  # a second refresh is refused politely, the UI answers
        assert any("Already refreshing" in n.message for n in app._notifications)
        GATE.set()
        await until_refreshed(pilot, pane)
        assert not pane.refresher.display  # the bar went with it
        assert pane.index is not None and len(pane.index) == 2


async def test_refresh_honours_the_minimum_interval_and_ctrl_r_overrides_it(
    make_app: Any, feed_url: str
) -> None:
    from datetime import timedelta

    from tests.conftest import FROZEN_NOW

    def seed(store: Store) -> None:
        # Fetched 5 minutes ago, 15 minutes apart: R must wait, ctrl+r must not.
        store.feeds.save(
            Feed(
                id="f1",
                url=feed_url,
                name="Local board",
                last_fetched=FROZEN_NOW - timedelta(minutes=5),
            )
        )

    app = make_app(seed)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        await pilot.press("R")
        await until_refreshed(pilot, pane)
        notes = [n.message for n in app._notifications]
        assert any("0 new jobs, 1 fetched too recently (ctrl+r" in m for m in notes)
        assert pane.index is not None and len(pane.index) == 0
        await pilot.press("ctrl+r")
        await until_refreshed(pilot, pane)
        assert pane.index is not None and len(pane.index) == 2


async def test_a_feed_added_without_a_name_takes_its_title(make_app: Any, feed_url: str) -> None:
    from cockpit.ui.dialogs.feed import FeedsDialog
    from tests.conftest import in_thread
    from tests.ui.test_inbox_dialogs import fill, press

    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        dialog = app.screen
        assert isinstance(dialog, FeedsDialog)
        fill(dialog, feed_url=feed_url)  # no name typed
        await press(pilot, "feed-add")
        await settle(pilot)
        assert "Added 127.0.0.1" in dialog.message  # the host until the title is known
        fill(dialog, feed_url=feed_url + "?second", feed_name="My board")
        await press(pilot, "feed-add")
        await settle(pilot)
        await press(pilot, "feeds-close")
        await settle(pilot)
        pane = inbox(app)
        await pilot.press("R")
        await until_refreshed(pilot, pane)
        names = sorted(f.name for f in await in_thread(app.store.feeds.all))
        assert names == ["Board", "My board"]  # the feed's own title; a typed name is kept
        prompts = "\n".join(str(o.prompt) for o in pane.sidebar.options)
        assert "Board" in prompts and "127.0.0.1" not in prompts


async def test_a_refresh_in_the_app_runs_the_notice_command_once_per_worthy_job(
    make_app: Any, feed_url: str, tmp_path: Any
) -> None:
    import json
    import sys
    from pathlib import Path

    from cockpit.models import Settings

    record = tmp_path / "notices.jsonl"
    script = Path(__file__).parent.parent / "fixtures" / "notify" / "record_notice.py"
    command = f"{sys.executable} {script} {record}"

    def seed(store: Store) -> None:
        store.feeds.save(Feed(id="f1", url=feed_url, name="Local board"))
        store.rules.save(Rule(id="r1", name="Podcasts", include=["podcast"], points=30))
        store.settings.save(Settings(notify_command=command, notify_rule="score", notify_quiet=""))

    app = make_app(seed)
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        await pilot.press("R")
        for _ in range(200):
            await settle(pilot)
            done = any("Notices: 1 sent" in n.message for n in app._notifications)
            if done and not pane.refreshing:
                break
            await pilot.pause(0.05)
        assert any("Notices: 1 sent" in n.message for n in app._notifications)
        lines = record.read_text().splitlines()
        assert len(lines) == 1  # the bakery scores 0: below notify_score
        sent = json.loads(lines[0])
        job = json.loads(sent["stdin"])
        assert job["title"] == "Podcast editor [@click=app.quit]now[/]"  # as it came, inert
        assert sent["env"]["COCKPIT_JOB_TITLE"] == job["title"]
        assert app.is_running
