"""The cover-letter editor: drafts from templates, autosave, counter, preview, lint, $EDITOR."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import SuspendNotSupported
from textual.widgets import ContentSwitcher, Static

from cockpit.proposals import DEFAULT_TEMPLATES
from cockpit.store import Store
from cockpit.ui import proposal_editor
from cockpit.ui.proposal_editor import (
    AUTOSAVE_DELAY,
    ExternalEditorError,
    edit_externally,
    editor_command,
)
from tests.conftest import in_thread, ready, settle
from tests.ui.test_proposals_support import PODCAST, SONGS, messages, open_draft, seeder

SIZE = (140, 45)


def shown(pane: Any, widget_id: str) -> str:
    return str(pane.query_one(f"#{widget_id}", Static).content)


async def test_p_on_a_job_creates_a_filled_draft_once(make_app: Any) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        assert app.query_one("#panes", ContentSwitcher).current == "proposals"
        text = pane.editor.text
        # Filled from the first default template: client, title, matching skill, name, link.
        assert text.startswith("Hi Sarah,")
        assert '"Podcast editing for a weekly show"' in text
        assert "Audio Editing" in text and "Dewi" in text
        assert "https://dewi.example/work" in text and "{" not in text
        assert pane.editor.area.has_focus

        stored = await in_thread(app.store.proposals.all)
        assert [(p.job_id, p.state, p.text) for p in stored] == [(PODCAST.id, "draft", text)]
        assert stored[0].template_id == DEFAULT_TEMPLATES[0].id
        templates = await in_thread(app.store.templates.all)
        assert [t.id for t in templates] == [t.id for t in DEFAULT_TEMPLATES]

        # p again opens the same draft; N makes a second one on purpose.
        await open_draft(pilot)
        assert len(await in_thread(app.store.proposals.all)) == 1
        await pilot.press("escape", "N")
        await settle(pilot)
        drafts = await in_thread(app.store.proposals.all)
        assert len(drafts) == 2 and {p.job_id for p in drafts} == {PODCAST.id}
        assert pane.editor.proposal.id != stored[0].id


async def test_p_key_in_the_inbox_opens_a_draft_in_the_proposals_pane(make_app: Any) -> None:
    def seed(store: Any) -> None:
        seeder()(store)
        store.jobs.delete_many([SONGS.id])  # one job, so the inbox cursor is on it

    app = make_app(seed)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.query_one("#panes", ContentSwitcher).current == "inbox"
        await pilot.press("p")
        await settle(pilot)
        assert app.query_one("#panes", ContentSwitcher).current == "proposals"
        pane = app.pane("proposals")
        assert pane.editor.proposal is not None and pane.editor.proposal.job_id == PODCAST.id
        assert pane.editor.text.startswith("Hi Sarah,") and pane.editor.area.has_focus
        stored = await in_thread(app.store.proposals.all)
        assert [p.job_id for p in stored] == [PODCAST.id]


async def test_typing_autosaves_within_a_second_and_survives_restart(make_app: Any) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        pid = pane.editor.proposal.id
        await pilot.press(*" See you soon")
        # No flush, no settle: only the autosave timer may write this.
        await pilot.pause(AUTOSAVE_DELAY + 0.5)
        saved = await in_thread(app.store.proposals.get, pid)
        assert saved.text.endswith("Dewi See you soon")
    app.lock.release()

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        assert pane.editor.proposal.id == pid
        assert pane.editor.text.endswith("Dewi See you soon")


async def test_quitting_before_the_autosave_fires_keeps_the_typing(
    make_app: Any, paths: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(proposal_editor, "AUTOSAVE_DELAY", 60.0)  # only the quit can save
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        pid = pane.editor.proposal.id
        await pilot.press(*" Bye")
        assert (await in_thread(app.store.proposals.get, pid)).text.endswith("Dewi")
        await pilot.press("ctrl+q")
    app.lock.release()
    with Store.open(paths.data) as store:
        saved = store.proposals.get(pid)
        assert saved is not None and saved.text.endswith("Dewi Bye")


async def test_counter_preview_and_lint_follow_the_text(make_app: Any) -> None:
    app = make_app(seeder(cover_letter_limit=400))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        editor = pane.editor
        start = len(editor.text)
        assert shown(editor, "editor-counter") == f"{start} / 400 characters"
        assert shown(editor, "editor-preview") == editor.text[:200]
        assert "The opening is still the template's" in shown(editor, "editor-lint")

        await pilot.press(*" Thanks")
        assert shown(editor, "editor-counter") == f"{start + 7} / 400 characters"
        assert not editor.query_one("#editor-counter").has_class("-over")

        editor.area.load_text("Hello {budget_range}\n" + "x" * 420)
        await pilot.pause()
        count = len(editor.text)
        assert shown(editor, "editor-counter") == f"{count} / 400 characters"
        assert editor.query_one("#editor-counter").has_class("-over")
        assert shown(editor, "editor-preview") == editor.text[:200]
        assert len(shown(editor, "editor-preview")) == 200
        lint = shown(editor, "editor-lint")
        assert "{budget_range} is still a placeholder" in lint
        assert "441 / 400 characters: cut 41" in lint
        assert "opening does not mention the job" in lint


async def test_pasted_escape_sequences_are_stripped(make_app: Any) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        area = pane.editor.area
        area.load_text("")
        area.post_message(events.Paste("\x1b]52;c;ZXZpbA==\x07Hello\u202e there\x1b[31m!\r\nBye"))
        await pilot.pause()
        assert area.text == "Hello there!\nBye"


async def test_copy_puts_the_text_on_the_clipboard(make_app: Any) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        await pilot.press("alt+c")
        assert app.clipboard == pane.editor.text
        assert any("Copied" in m for m in messages(app))


def write_editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake_editor.py"
    script.write_text("import sys\n" + body, encoding="utf-8")
    return f"{sys.executable} {script}"


async def test_ctrl_e_runs_editor_and_reloads_the_draft(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv(
        "EDITOR",
        write_editor(
            tmp_path,
            "with open(sys.argv[1], 'a', encoding='utf-8') as f:\n"
            "    f.write('\\nP.S. Added in my editor\\n')\n",
        ),
    )
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        before = pane.editor.text
        await pilot.press("ctrl+e")
        await settle(pilot)
        # The editor's trailing newline is not kept as an edit.
        assert pane.editor.text == before + "\nP.S. Added in my editor"
        saved = await in_thread(app.store.proposals.get, pane.editor.proposal.id)
        assert saved.text == pane.editor.text
        assert not list(tmp_path.glob("cockpit-proposal-*")), "temp file left behind"


async def test_ctrl_e_explains_a_failing_or_missing_editor(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv(
        "EDITOR", write_editor(tmp_path, "open(sys.argv[1], 'w').write('wiped')\nsys.exit(3)\n")
    )
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        pane = await open_draft(pilot)
        before = pane.editor.text
        await pilot.press("ctrl+e")
        assert pane.editor.text == before
        assert any("exited with code 3" in m for m in messages(app))

        monkeypatch.delenv("EDITOR")
        await pilot.press("ctrl+e")
        assert any("export EDITOR=nano" in m for m in messages(app))

        monkeypatch.setenv("EDITOR", "no-such-editor-here --wait")
        await pilot.press("ctrl+e")
        assert any("'no-such-editor-here': no such program" in m for m in messages(app))
        assert pane.editor.text == before


def test_editor_command_parses_arguments() -> None:
    assert editor_command({"EDITOR": "code --wait"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": "vim", "EDITOR": ""}) == ["vim"]
    with pytest.raises(ExternalEditorError, match="No external editor"):
        editor_command({})
    with pytest.raises(ExternalEditorError, match="Cannot read"):
        editor_command({"EDITOR": "vim 'unclosed"})


def test_a_terminal_that_cannot_suspend_gets_a_clear_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class NoSuspend:
        is_headless = False

        def suspend(self) -> Any:
            raise SuspendNotSupported("web")

    monkeypatch.setenv("EDITOR", "true")
    with pytest.raises(ExternalEditorError, match="cannot hand over control"):
        edit_externally(NoSuspend(), "text")  # type: ignore[arg-type]
