"""The cover-letter editor: text, live counter, client preview, lint, autosave, $EDITOR."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static, TextArea

from cockpit.i18n import _, format_budget, format_number
from cockpit.models import Job, Proposal, Settings
from cockpit.proposals import char_count, lint, preview, state_label
from cockpit.text import clean, clean_line

# Autosave fires this long after the first unsaved keystroke (not reset by later
# ones), so a kill loses at most this much typing even while typing non-stop.
AUTOSAVE_DELAY = 0.5


class DraftArea(TextArea):
    """A TextArea that cleans pasted text (pastes can carry escape sequences).

    Keys follow the editors people know: ctrl+z undo, ctrl+y or ctrl+shift+z redo
    (both from TextArea, plus ctrl+shift+z here), ctrl+a select all. TextArea binds
    ctrl+a to line start (emacs); `home` still does that.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "select_all", _("Select all"), show=False),
        Binding("ctrl+shift+z", "redo", _("Redo"), show=False),
    ]

    async def _on_paste(self, event: events.Paste) -> None:
        if self.read_only:
            return
        event.prevent_default()
        event.stop()
        text = clean(event.text.replace("\r\n", "\n").replace("\r", "\n"))
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)


def job_summary(job: Job | None, proposal: Proposal) -> Text:
    """Header lines about the job; every value from the feed is cleaned."""
    text = Text()
    if job is None:
        text.append(_("Job not in the store any more"), style="bold")
    else:
        text.append(clean_line(job.title) or _("(untitled job)"), style="bold")
        facts = [
            clean_line(format_budget(job.budget)),
            clean_line(job.category),
            clean_line(job.client_name or job.company),
            clean_line(job.country),
        ]
        line = " · ".join(f for f in facts if f)
        if line:
            text.append("\n" + line, style="dim")
        skills = ", ".join(s for s in (clean_line(s) for s in job.skills) if s)
        if skills:
            text.append("\n" + _("Skills: {skills}").format(skills=skills), style="dim")
    text.append("\n" + _("State: {state}").format(state=state_label(proposal.state)), style="cyan")
    if proposal.connects_cost or proposal.boost:
        cost = (
            _("{cost} Connects + {boost} boost") if proposal.boost else _("{cost} Connects")
        ).format(cost=proposal.connects_cost, boost=proposal.boost)
        text.append(f" · {cost}", style="cyan")
    return text


def job_details(job: Job | None) -> Text:
    if job is None:
        return Text(_("No details: the job was pruned or removed."))
    text = Text()
    if job.link:
        text.append(clean_line(job.link) + "\n", style="underline")
    text.append(clean(job.description).strip() or _("(no description)"))
    return text


class ProposalEditor(Vertical):
    """Shows one proposal; calls ``on_save(proposal_id, text)`` to persist typing."""

    DEFAULT_CSS = """
    ProposalEditor { width: 1fr; height: 1fr; padding: 0 1; }
    ProposalEditor #editor-job { height: auto; max-height: 5; }
    ProposalEditor #editor-details { height: 8; border: round $panel; display: none; }
    ProposalEditor.-details #editor-details { display: block; }
    ProposalEditor #editor-text { height: 1fr; min-height: 6; }
    ProposalEditor #editor-counter { height: 1; }
    ProposalEditor #editor-counter.-over { color: $error; text-style: bold; }
    ProposalEditor #editor-preview {
        height: auto; max-height: 9; border: round $panel; border-title-color: $text-muted;
    }
    ProposalEditor #editor-lint { height: auto; max-height: 6; }
    """

    def __init__(self, on_save: Callable[[str, str], None], id: str | None = None) -> None:
        super().__init__(id=id)
        self._on_save = on_save
        self.proposal: Proposal | None = None
        self.job: Job | None = None
        self.settings = Settings()
        self.recent: list[str] = []
        self._saved_text = ""
        self._timer: Timer | None = None
        # Kept as an attribute so the last flush still reaches the text while unmounting.
        self._area = DraftArea(id="editor-text", soft_wrap=True, show_line_numbers=False)

    def compose(self) -> ComposeResult:
        yield Static(id="editor-job")
        with VerticalScroll(id="editor-details"):
            yield Static(id="editor-details-text")
        yield self._area
        yield Static(id="editor-counter")
        preview_box = Static(id="editor-preview")
        preview_box.border_title = _("Client preview")
        yield preview_box
        yield Static(id="editor-lint")

    @property
    def area(self) -> DraftArea:
        return self._area

    @property
    def text(self) -> str:
        return self.area.text

    @property
    def dirty(self) -> bool:
        return self.proposal is not None and self.area.text != self._saved_text

    # -- loading ---------------------------------------------------------------
    def load(
        self, proposal: Proposal, job: Job | None, settings: Settings, recent: list[str]
    ) -> None:
        """Show ``proposal``; unsaved typing of the previous one is saved first."""
        same = self.proposal is not None and self.proposal.id == proposal.id
        if not same:
            self.flush()
        self.proposal, self.job, self.settings, self.recent = proposal, job, settings, recent
        self.query_one("#editor-job", Static).update(job_summary(job, proposal))
        self.query_one("#editor-details-text", Static).update(job_details(job))
        area = self.area
        area.read_only = proposal.state != "draft"
        if not same:
            self._saved_text = proposal.text
            area.load_text(clean(proposal.text))  # stored text may predate cleaning
            area.move_cursor(area.document.end)
        self.refresh_checks()

    def toggle_details(self) -> None:
        self.toggle_class("-details")

    # -- live feedback ---------------------------------------------------------
    def refresh_checks(self) -> None:
        text = self.area.text
        limit = self.settings.cover_letter_limit
        count = char_count(text)
        counter = self.query_one("#editor-counter", Static)
        counter.update(
            Text(
                _("{count} / {limit} characters").format(
                    count=format_number(count), limit=format_number(limit)
                )
            )
        )
        counter.set_class(count > limit, "-over")
        shown = preview(text, self.settings)
        self.query_one("#editor-preview", Static).update(Text(shown or _("(empty)")))
        box = self.query_one("#editor-preview", Static)
        box.border_title = _("Client preview: first {count} characters").format(
            count=self.settings.preview_chars
        )
        self.query_one("#editor-lint", Static).update(self._lint_text(text))

    def _lint_text(self, text: str) -> Text:
        if self.proposal is None:
            return Text()
        if self.proposal.state != "draft":
            return Text(
                _("Sent proposals are read-only: this is what the client got."), style="dim"
            )
        if self.job is None:
            return Text(_("Lint needs the job, which is no longer stored."), style="dim")
        warnings = lint(text, self.job, self.recent, self.settings)
        if not warnings:
            return Text("✓ " + _("No warnings"), style="green")
        out = Text()
        for i, warning in enumerate(warnings):
            out.append(("\n" if i else "") + "⚠ " + warning.message, style="yellow")
        return out

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.refresh_checks()
        if self.dirty and self._timer is None:
            self._timer = self.set_timer(AUTOSAVE_DELAY, self.flush)

    # -- saving ----------------------------------------------------------------
    def flush(self) -> None:
        """Save now if anything changed since the last save."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.proposal is None:
            return
        text = self.area.text
        if text == self._saved_text or self.proposal.state != "draft":
            return
        self._saved_text = text
        self.proposal.text = text
        self._on_save(self.proposal.id, text)

    def on_unmount(self) -> None:
        self.flush()  # quitting within the autosave delay keeps the last keystrokes

    def replace_text(self, text: str) -> None:
        """Swap the whole draft (template, $EDITOR) keeping undo; saves straight away."""
        area = self.area
        area.replace(text, (0, 0), area.document.end)
        self.flush()

    def insert_at_cursor(self, text: str) -> None:
        self.area.insert(clean(text))
        self.area.focus()


class ExternalEditorError(Exception):
    """Why $EDITOR could not be used; the message is shown as is."""


def editor_command(environ: dict[str, str] | os._Environ[str] | None = None) -> list[str]:
    env = os.environ if environ is None else environ
    raw = (env.get("EDITOR") or env.get("VISUAL") or "").strip()
    if not raw:
        raise ExternalEditorError(
            _("No external editor set. Set $EDITOR (for example `export EDITOR=nano`) and restart.")
        )
    try:
        cmd = shlex.split(raw)
    except ValueError as exc:
        raise ExternalEditorError(
            _("Cannot read $EDITOR ({value!r}): {error}.").format(value=raw, error=exc)
        ) from None
    if not cmd:
        raise ExternalEditorError(_("$EDITOR is blank; set it to your editor, e.g. nano."))
    return cmd


def edit_externally(app: App[object], text: str) -> str:
    """Hand ``text`` to $EDITOR in a temp file and return what it saved.

    The terminal is given to the editor with App.suspend(). A headless app (tests,
    no terminal to hand over) runs the editor directly; elsewhere an environment that
    cannot suspend gets a clear error rather than an editor fighting the UI.
    """
    cmd = editor_command()
    fd, name = tempfile.mkstemp(prefix="cockpit-proposal-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            code = _run_suspended(app, [*cmd, str(path)])
        except FileNotFoundError:
            raise ExternalEditorError(
                _("Could not start {program!r}: no such program. Check $EDITOR.").format(
                    program=cmd[0]
                )
            ) from None
        except OSError as exc:
            raise ExternalEditorError(
                _("Could not start {program!r}: {error}.").format(
                    program=cmd[0], error=exc.strerror
                )
            ) from None
        if code != 0:
            raise ExternalEditorError(
                _("{program} exited with code {code}; the draft was left as it was.").format(
                    program=cmd[0], code=code
                )
            )
        edited = path.read_text(encoding="utf-8", errors="replace")
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
    edited = clean(edited.replace("\r\n", "\n"))
    # Most editors end the file with a newline; do not count that as an edit.
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]
    return edited


def _run_suspended(app: App[object], cmd: list[str]) -> int:
    if app.is_headless:
        return subprocess.call(cmd, stdin=subprocess.DEVNULL)
    try:
        with app.suspend():
            return subprocess.call(cmd)
    except SuspendNotSupported:
        raise ExternalEditorError(
            _("This terminal cannot hand over control to $EDITOR; edit the draft here.")
        ) from None
