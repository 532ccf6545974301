"""The shell: panes switch with 1-4, help lists keys, the palette offers every verb."""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import ContentSwitcher

from cockpit.ui.app import PANES
from tests.conftest import ready


async def test_panes_switch_with_number_keys(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        switcher = app.query_one("#panes", ContentSwitcher)
        assert switcher.current == "inbox"
        for pane in reversed(PANES):
            await pilot.press(pane.KEY)
            assert switcher.current == pane.PANE_ID
            assert app.query_one(f"#{pane.PANE_ID}").display


async def test_help_lists_every_pane_key(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        from cockpit.ui.dialogs.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(str(s.content) for s in app.screen.query("Static"))
        for pane in PANES:
            assert f"{pane.TITLE} ({pane.KEY})" in shown
            for binding in pane.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    assert binding.description in shown
        assert "question_mark" not in shown and "?" in shown  # keys as a person reads them
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_offers_every_verb(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [cmd.title for cmd in app.get_system_commands(app.screen)]
        for pane in PANES:
            assert f"Go to {pane.TITLE}" in titles
            for binding in pane.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    assert f"{pane.TITLE}: {binding.description}" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Go to Wallet")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#panes", ContentSwitcher).current == "wallet"


async def test_empty_panes_say_what_to_do(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for pane in PANES:
            await pilot.press(pane.KEY)
            await pilot.pause()
            text = "\n".join(
                str(s.content) for s in app.query_one(f"#{pane.PANE_ID}").query("Static")
            )
            assert "press" in text.lower() or "run" in text.lower(), f"{pane.TITLE}: no next step"


async def test_a_failed_worker_is_reported(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)

        def explode() -> None:
            raise OSError("disk on fire [b]x[/b]")

        worker = app.run_worker(explode, name="Refresh", thread=True, exit_on_error=False)
        for _ in range(100):
            if worker.is_finished:
                break
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        messages = [n.message for n in app._notifications]
        assert any("Refresh failed: disk on fire [b]x[/b]" in m for m in messages)
        assert app.is_running, "a failed worker must not take the app down"


async def test_keymap_file_remaps_a_binding(make_app: Any, paths: Any) -> None:
    paths.config.mkdir(parents=True, exist_ok=True)
    (paths.config / "keymap.json").write_text('{"app.pane.wallet": "f9"}')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f9")
        assert app.query_one("#panes", ContentSwitcher).current == "wallet"


@pytest.mark.parametrize(
    "content",
    ["{not json", "[" * 100_000 + "]" * 100_000, '{"a": ' * 50_000 + "1" + "}" * 50_000, "[]"],
    ids=["not-json", "deep-list", "deep-object", "not-an-object"],
)
async def test_broken_keymap_file_is_reported_not_fatal(
    make_app: Any, paths: Any, content: str
) -> None:
    paths.config.mkdir(parents=True, exist_ok=True)
    (paths.config / "keymap.json").write_text(content)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert any("keymap.json" in n.message for n in app._notifications)
        await pilot.press("3")
        assert app.query_one("#panes", ContentSwitcher).current == "wallet"


async def test_the_first_frame_builds_the_inbox_and_the_rest_follow(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the Inbox is composed for the first frame; the other panes mount right after,
    hidden, and each loads once the store is open (whichever comes last)."""
    from cockpit.ui.app import PANE_INFO, CockpitApp
    from cockpit.ui.pane import Pane

    seen: list[list[str]] = []
    original = CockpitApp._after_first_frame

    def after_first_frame(self: CockpitApp) -> None:
        seen.append([p.id or "" for p in self.query(Pane)])
        original(self)

    monkeypatch.setattr(CockpitApp, "_after_first_frame", after_first_frame)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert seen == [["inbox"]]
        assert [p.id for p in app.query(Pane)] == [i.pane_id for i in PANE_INFO]
        assert [p.display for p in app.query(Pane)] == [True, False, False, False]
        assert all(p._store_seen for p in app.query(Pane))
        await pilot.press("4")
        assert app.query_one("#portfolio").display


@pytest.mark.parametrize("wait", [0.0, 0.02, 0.05, 0.1])
async def test_quitting_at_once_is_clean_while_panes_mount(make_app: Any, wait: float) -> None:
    import asyncio

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await asyncio.sleep(wait)
        await pilot.press("ctrl+q")
        await asyncio.sleep(0.2)
    assert app.return_code == 0
