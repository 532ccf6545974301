"""The notices dialog (`A`): settings checked by settings_check, saved through the store,
a Test that runs on a worker, and the log's last lines shown as text, never markup."""

from __future__ import annotations

import shutil
from datetime import timedelta
from typing import Any

import pytest
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Select, Static

from cockpit import notices
from cockpit.notice_log import NoticeEntry, append_entries
from cockpit.paths import Paths
from cockpit.store import Store
from cockpit.ui.dialogs.notices import NoticesDialog
from tests.conftest import FROZEN_NOW, in_thread, ready, settle
from tests.ui.test_inbox_support import HOSTILE_TITLES


def seed_log(paths: Paths, count: int = 10) -> None:
    """``count`` entries, oldest first; hostile titles among them."""
    with Store.open(paths.data):
        pass  # the data folder exists, as the app will find it
    titles = [*(f"Job {n}" for n in range(count - len(HOSTILE_TITLES))), *HOSTILE_TITLES]
    entries = [
        NoticeEntry(
            FROZEN_NOW - timedelta(minutes=10 * (count - n)),
            f"j{n}",
            title,
            "failed" if n == count - 1 else "sent",
            "exit 1: [red]no[/red]" if n == count - 1 else "",
        )
        for n, title in enumerate(titles)
    ]
    append_entries(notices.log_path(paths), entries)


async def open_notices(pilot: Any) -> NoticesDialog:
    await pilot.press("3")  # from another pane: `A` is app-wide
    await pilot.press("A")
    await settle(pilot)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, NoticesDialog)
    return screen


def fill(dialog: NoticesDialog, **values: str) -> None:
    for name, value in values.items():
        dialog.query_one(f"#notify-{name.replace('_', '-')}", Input).value = value


def log_shown(dialog: NoticesDialog) -> str:
    return str(dialog.query_one("#notices-log", Static).content)


async def test_binding_and_palette(make_app: Any) -> None:
    from cockpit.ui.app import CockpitApp

    bindings = [b for b in CockpitApp.BINDINGS if isinstance(b, Binding) and b.id == "app.notices"]
    assert [(b.key, b.description) for b in bindings] == [("A", "Auto-refresh and notices")]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Auto-refresh and notices" in commands
        commands["Auto-refresh and notices"].callback()
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, NoticesDialog)


async def test_shows_the_last_six_log_lines_as_text(make_app: Any, paths: Paths) -> None:
    seed_log(paths, 10)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        dialog = await open_notices(pilot)
        shown = log_shown(dialog).splitlines()
        assert len(shown) == 6
        # Newest first: the failed one, with its detail, then the sent ones.
        assert shown[0].endswith("failed  red - exit 1: [red]no[/red]")
        text = "\n".join(shown)
        assert "[@click=app.quit]x[/]" in text and "[TODO] fix [/b] now" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "Job 4" in text and "Job 3" not in text  # the four oldest are not shown
        # All of it fits 80x24 with a full log: nothing to scroll to.
        form = dialog.query_one(VerticalScroll)
        assert form.outer_size.height <= 24 and form.max_scroll_y == 0
        assert app.is_running


async def test_save_checks_each_field_and_stores_the_changes(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        dialog = await open_notices(pilot)
        assert dialog.query_one("#notify-quiet", Input).value == "22:00-07:00"
        fill(dialog, per_hour="many")
        dialog.query_one("#form-save", Button).press()
        await settle(pilot)  # checked on a worker: settings_check looks on PATH
        await pilot.pause()
        assert app.screen is dialog
        assert "whole number" in dialog.error and "\n" not in dialog.error
        fill(dialog, per_hour="3", command="no-such-notifier-s4 --x")
        dialog.query_one("#form-save", Button).press()
        await settle(pilot)
        await pilot.pause()
        assert app.screen is dialog
        assert "no-such-notifier-s4" in dialog.error
        fill(dialog, per_hour="3", command="true --from cockpit", quiet="", timezone="+07:00")
        dialog.query_one("#notify-rule", Select).value = "bid"
        dialog.query_one("#form-save", Button).press()
        await settle(pilot)
        await pilot.pause()
        assert not isinstance(app.screen, NoticesDialog)
        settings = await in_thread(app.store.settings.get)
        assert settings.notify_command == "true --from cockpit"
        assert settings.notify_rule == "bid"
        assert settings.notify_per_hour == 3
        assert settings.notify_quiet == ""
        assert settings.timezone == "+07:00"
        assert "Notice settings saved. Auto-refresh is off." in [
            n.message for n in app._notifications
        ]

        # Opened again, it shows what was saved.
        dialog = await open_notices(pilot)
        assert dialog.query_one("#notify-command", Input).value == "true --from cockpit"
        assert dialog.query_one("#notify-rule", Select).value == "bid"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoticesDialog)


@pytest.mark.skipif(shutil.which("true") is None, reason="needs true(1)")
async def test_test_button_runs_the_command_on_a_worker(make_app: Any, paths: Paths) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        dialog = await open_notices(pilot)
        dialog.query_one("#notices-test", Button).press()
        await settle(pilot)
        await pilot.pause()
        assert "Type a command first" in dialog.error
        fill(dialog, command="true")
        dialog.query_one("#notices-test", Button).press()
        await settle(pilot)
        await pilot.pause()
        assert app.screen is dialog  # the test does not close the dialog or save
        assert "Test notice sent." in [n.message for n in app._notifications]
        assert "test" in log_shown(dialog).splitlines()[0]
        entries = await in_thread(notices.read_log, notices.log_path(paths), 8)
        assert [e.outcome for e in entries] == ["test"]
        settings = await in_thread(app.store.settings.get)
        assert settings.notify_command == ""  # tested, not saved

        fill(dialog, command="false")
        dialog.query_one("#notices-test", Button).press()
        await settle(pilot)
        await pilot.pause()
        failed = [n for n in app._notifications if n.message.startswith("The test notice failed")]
        assert failed and failed[0].severity == "error"
        assert "failed" in log_shown(dialog).splitlines()[0]
