"""A damaged store at start: the dialog says how old the backup is and what it holds, and the
restore brings the work back without moving the undamaged job shards aside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Button, Static

from cockpit.cli import main
from cockpit.models import Feed, Job, Proposal
from cockpit.paths import Paths
from cockpit.store import Store
from cockpit.ui.dialogs.store_problem import RestoreDialog
from tests.conftest import FROZEN_NOW, in_thread, ready


def work_and_backup(folder: Path) -> None:
    with Store.open(folder) as s:
        s.feeds.save(Feed(id="f1", url="https://weworkremotely.com/a.rss", name="WWR"))
        s.proposals.save(Proposal(id="p1", job_id="j1", text="Dear client"))
        s.jobs.upsert_many([Job(id="j1", title="Mix a podcast", fetched=FROZEN_NOW)])
    # close() took a backup, since something changed; now damage the precious file.
    precious = folder / "precious.json"
    precious.write_bytes(precious.read_bytes()[: len(precious.read_bytes()) // 2])


async def dialog_shown(pilot: Any) -> None:
    """Wait until the restore dialog is up and composed (a busy machine takes a while)."""
    for _ in range(400):
        screen = pilot.app.screen
        # Its widgets mount in turn: wait for the last one (the Quit button) too.
        if (
            isinstance(screen, RestoreDialog)
            and screen.query("#restore-message")
            and screen.query("#quit")
        ):
            return
        await pilot.pause(0.05)
    raise AssertionError("the restore dialog did not show")


async def test_restore_dialog_says_what_it_brings_back(
    paths: Paths, make_app: Callable[..., Any]
) -> None:
    work_and_backup(paths.data)
    shards = sorted(p.name for p in (paths.data / "jobs").iterdir())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await dialog_shown(pilot)
        message = str(app.screen.query_one("#restore-message", Static).content)
        assert "1 feed" in message and "1 proposal" in message and "1 job" in message
        assert "ago" in message or "just now" in message
        assert "precious" in message
        app.screen.query_one("#restore", Button).press()
        await ready(pilot)
        proposal = await in_thread(app.store.proposals.get, "p1")
        assert proposal is not None and proposal.text == "Dear client"
        assert await in_thread(app.store.jobs.count) == 1
    assert sorted(p.name for p in (paths.data / "jobs").iterdir()) == shards


async def test_damage_found_by_a_command_is_shown_at_the_next_start(
    paths: Paths, make_app: Callable[..., Any]
) -> None:
    work_and_backup(paths.data)
    assert main(["--data-dir", str(paths.data), "jobs"]) == 2  # the CLI finds it first
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await dialog_shown(pilot)
