"""Wallet pane: CSV export/import through the UI, and the Connects settings dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select

from cockpit.paths import resolve
from cockpit.store import StoreLock
from cockpit.ui.dialogs.wallet_files import ExportDialog, ImportDialog
from cockpit.ui.dialogs.wallet_settings import WalletSettingsDialog
from cockpit.wallet import COLUMNS
from tests.conftest import FROZEN_NOW, in_thread, settle
from tests.ui.test_wallet import (
    fill,
    form_error,
    headline,
    line,
    notices,
    open_wallet,
    seeding,
    stored,
    submit,
    table_rows,
)


async def _submit_file(pilot: Any) -> None:
    """Submit a path form and wait for its file worker to answer."""
    await submit(pilot)
    for _ in range(100):
        if not getattr(pilot.app.screen, "busy", False):
            break
        await pilot.pause(0.02)
    await settle(pilot)


def _ledger() -> list[Any]:
    spend = line("spend", 16, 5, id="s1", job_id="job1", note='bid, with "quotes"\nand a newline')
    return [
        line("grant", 40, 30, id="g1", reason="signup"),
        line("purchase", 80, 20, id="p1", usd=11.5),
        spend,
        line("refund", 16, 4, id="r1", job_id="job1", reason="client_cancelled_before_hire"),
        line("spend", 3, 2, id="s2"),
        line("adjustment", 3, 1, id="a1", reverses="s2", note="Reverses the bid"),
        line("boost", 8, 1, id="b1", charged=False),
    ]


async def test_export_then_import_round_trip_into_a_fresh_store(
    make_app: Any, tmp_path: Path
) -> None:
    original = _ledger()
    target = tmp_path / "out" / "my-ledger.csv"
    target.parent.mkdir()
    app = make_app(seeding(*original))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        before = headline(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        default = app.screen.query_one("#path", Input).value
        assert default == str(app.paths.data / f"ledger-{FROZEN_NOW:%Y%m%d}.csv")
        await fill(pilot, "#path", str(target))
        await _submit_file(pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert f"Exported 7 ledger lines to {target}" in notices(app)
    assert target.read_text("utf-8").splitlines()[0] == ",".join(COLUMNS)

    # A second app on an empty folder imports what the first exported.
    fresh = resolve(tmp_path / "fresh")
    fresh.data.mkdir(parents=True)
    from cockpit.ui.app import CockpitApp

    lock = StoreLock(fresh.data).acquire()
    try:
        app2 = CockpitApp(fresh, lock, clock=lambda: FROZEN_NOW, first_run=False)
        async with app2.run_test(size=(140, 45)) as pilot:
            await open_wallet(pilot)
            assert app2.query_one("#wallet-empty").display
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app2.screen, ImportDialog)
            await fill(pilot, "#path", str(target))
            await _submit_file(pilot)
            assert not isinstance(app2.screen, ImportDialog)
            assert "Imported 7 ledger lines." in notices(app2)
            imported = await stored(app2)
            assert [e.to_dict() for e in imported] == [e.to_dict() for e in original]
            assert headline(app2) == before
            # Importing the same file again adds nothing.
            await pilot.press("i")
            await pilot.pause()
            await fill(pilot, "#path", str(target))
            await _submit_file(pilot)
            assert "Imported 0 ledger lines; 7 were already in the ledger." in notices(app2)
            assert len(await stored(app2)) == 7
    finally:
        lock.release()


async def test_export_asks_before_replacing_and_refuses_a_missing_folder(
    make_app: Any, tmp_path: Path
) -> None:
    target = tmp_path / "ledger.csv"
    target.write_text("keep me", "utf-8")
    app = make_app(seeding(line("grant", 40, 3, reason="signup")))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "#path", str(tmp_path / "nope" / "ledger.csv"))
        await _submit_file(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "does not exist" in form_error(app)
        await fill(pilot, "#path", str(target))
        await _submit_file(pilot)
        assert "already exists; press Export again" in form_error(app)
        assert target.read_text("utf-8") == "keep me"
        await _submit_file(pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert target.read_text("utf-8").startswith("id,kind,amount")


async def test_import_names_the_bad_line(make_app: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    good_row = "g1,grant,40,2026-11-01T00:00:00+00:00,signup,,,,true,,"
    bad.write_text(
        ",".join(COLUMNS)
        + "\n"
        + good_row
        + "\n"
        + "g2,grant,lots,2026-11-02T00:00:00+00:00,,,,,true,,\n",
        "utf-8",
    )
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("i")
        await pilot.pause()
        await fill(pilot, "#path", str(bad))
        await _submit_file(pilot)
        assert isinstance(app.screen, ImportDialog)
        assert "bad.csv, line 3: amount 'lots' is not a whole number" in form_error(app)
        await fill(pilot, "#path", str(tmp_path / "missing.csv"))
        await _submit_file(pilot)
        assert "There is no file" in form_error(app)
        await pilot.press("escape")
        await settle(pilot)
        assert await stored(app) == []


async def test_settings_dialog_refuses_bad_numbers_and_saves(make_app: Any) -> None:
    app = make_app(seeding(line("grant", 40, 20, reason="signup"), line("spend", 20, 2)))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        assert "you run out on" in headline(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, WalletSettingsDialog)
        for selector, typed, expected in [
            ("#price", "0", "more than $0"),
            ("#price", "cheap", "must be a dollar amount"),
            ("#day", "-1", "between 1 and 31"),
            ("#day", "1.5", "whole number"),
            ("#lifetime", "0", "between 1 and 3650"),
            ("#start", "-40", "between 1 and 10000"),
        ]:
            original = app.screen.query_one(selector, Input).value
            await fill(pilot, selector, typed)
            await submit(pilot)
            assert isinstance(app.screen, WalletSettingsDialog), typed
            assert expected in form_error(app), (selector, typed, form_error(app))
            await fill(pilot, selector, original)
        app.screen.query_one("#plan", Select).value = "plus"
        await pilot.pause()
        assert app.screen.query_one("#grant", Input).value == "100"
        await fill(pilot, "#price", "0.2")
        await submit(pilot)
        assert not isinstance(app.screen, WalletSettingsDialog)
        settings = await in_thread(app.store.settings.get)
        assert (settings.plan, settings.connect_price_usd, settings.monthly_grant_plus) == (
            "plus", 0.2, 100,
        )  # fmt: skip
        assert "(about $4.00)" in headline(app)  # 20 Connects at the new price
        assert "The monthly grant covers your rate." in headline(app)
        assert table_rows(app, "#wallet-lots")


def test_import_refuses_an_inconsistent_reversal() -> None:
    """A reversal must undo its line exactly; the import is checked as a whole."""
    from cockpit.models import Settings
    from cockpit.wallet import WalletError, merge_import

    bad = [e for e in _ledger() if e.id != "a1"]
    bad.append(line("adjustment", -3, 1, id="a1", reverses="s2", note="wrong sign"))
    with pytest.raises(WalletError, match="opposite amount"):
        merge_import([], bad, FROZEN_NOW, Settings())
