"""Mail import in the app: the palette's "Import alert e-mails…", read on a worker, saved
on the writer, and the jobs are in the Inbox."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, Static

from cockpit.ui.dialogs.mail_import import MailImportDialog
from tests.conftest import in_thread, ready, settle
from tests.ui.test_inbox_support import list_titles

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mail"
HOSTILE = """From: Upwork <donotreply@upwork.com>
Subject: New job: [@click=app.quit]Free[/] money [b]now
Date: Thu, 03 Dec 2026 10:00:00 +0000
Message-ID: <alert-hostile@upwork.com>
Content-Type: text/plain; charset="utf-8"

A new job matches your saved search "audio".

[@click=app.quit]Free[/] money [b]now
Fixed-price - Budget: $50
"""


def build_mbox(folder: Path) -> Path:
    """Two alert fixtures and a hostile one, as one mbox file."""
    box = folder / "alerts.mbox"
    parts = [(FIXTURES / n).read_text("utf-8") for n in ("upwork_plain.eml", "upwork_html_qp.eml")]
    with box.open("w", encoding="utf-8") as fh:
        for text in [*parts, HOSTILE]:
            fh.write("From donotreply@upwork.com Thu Dec  3 09:15:00 2026\n")
            fh.write(text.rstrip("\n") + "\n\n")
    return box


def dialog_of(app: Any) -> MailImportDialog:
    screen = app.screen
    assert isinstance(screen, MailImportDialog)
    return screen


async def open_dialog(pilot: Any) -> MailImportDialog:
    # The palette's command runs this action (see test_palette_has_the_import_verb).
    pilot.app.action_mail_import()
    await pilot.pause()
    return dialog_of(pilot.app)


async def type_path(pilot: Any, text: str) -> None:
    field = pilot.app.screen.query_one("#mail-path", Input)
    field.focus()
    field.value = text
    await pilot.pause(0.3)  # the check line waits for typing to stop
    await settle(pilot)


def check_line(app: Any) -> str:
    return str(app.screen.query_one("#mail-check", Static).content)


async def stored_titles(app: Any) -> list[str]:
    return sorted(job.title for job in await in_thread(app.store.jobs.all))


async def test_palette_has_the_import_verb(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Import alert e-mails…" in commands
        commands["Import alert e-mails…"].callback()
        await pilot.pause()
        assert isinstance(app.screen, MailImportDialog)


async def test_import_an_mbox_puts_its_jobs_in_the_inbox(make_app: Any, tmp_path: Path) -> None:
    box = build_mbox(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert list_titles(app) == []
        await open_dialog(pilot)
        await type_path(pilot, str(box))
        assert check_line(app) == "An mbox file."
        await pilot.press("enter")  # the only field: Enter imports
        await settle(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, MailImportDialog)
        messages = [n.message for n in app._notifications]
        assert "read 3 messages: 3 jobs (3 new), 0 skipped" in messages
        titles = sorted(list_titles(app))
        assert "Podcast audio editor for a weekly show" in titles
        assert "Subtitle editor for Indonesian videos" in titles
        # Feed text is never markup: the hostile title is stored and listed as typed.
        assert any("[@click=app.quit]Free[/]" in t for t in titles)
        assert app.is_running

        # Read again: the same jobs, none new, nothing doubled.
        await open_dialog(pilot)
        await type_path(pilot, str(box))
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert "read 3 messages: 3 jobs (0 new), 0 skipped" in messages
        assert len(await stored_titles(app)) == 3


async def test_a_bad_path_is_said_in_the_dialog_and_nothing_is_written(
    make_app: Any, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        dialog = await open_dialog(pilot)
        dialog.query_one("#form-save", Button).press()
        await pilot.pause()
        assert "Type the path" in dialog.error
        missing = tmp_path / "nope" / "alerts.mbox"
        await type_path(pilot, str(missing))
        assert "does not exist" in check_line(app)
        dialog.query_one("#form-save", Button).press()
        await settle(pilot)
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.error == f"{missing} does not exist (or its folder does not)"
        assert not dialog.query_one("#form-save", Button).disabled
        assert await stored_titles(app) == []


async def test_mail_without_a_job_keeps_the_dialog_open(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        dialog = await open_dialog(pilot)
        await type_path(pilot, str(FIXTURES / "broken.eml"))
        assert check_line(app) == "One e-mail file (.eml)."
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.error.startswith("No job found: read 1 message: 0 jobs (0 new), 1 skipped")
        assert "broken.eml" in dialog.error
        assert await stored_titles(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MailImportDialog)


async def test_the_check_line_names_a_maildir(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await open_dialog(pilot)
        await type_path(pilot, str(FIXTURES / "maildir"))
        assert check_line(app) == "A Maildir folder."
        note = " ".join(str(s.content) for s in app.screen.query(".mail-note").results(Static))
        assert "maildir:PATH" in note
