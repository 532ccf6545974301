"""Import alert e-mails: a path (.eml, mbox or Maildir) read on a worker, then handed back.

The dialog reads the mail but writes nothing: it closes with the ``MailImport`` it read,
and the app saves it on the store's writer (``cockpit.mail.intake.save_mail_jobs``). A bad
path, or mail without a job, keeps the dialog open with the reason on its check line.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Static

from cockpit.i18n import _
from cockpit.mail.intake import IntakeResult, MailPathError, check_path, read_mail, summary
from cockpit.mail.jobs import MailImport
from cockpit.text import clean_line
from cockpit.ui.dialogs.base import FormDialog
from cockpit.ui.messages import Delivers

CHECK_DELAY = 0.2  # seconds after the last key before the path is looked at


def typed_path(text: str) -> Path:
    """The typed path with ~ expanded; MailPathError when there is none to read."""
    raw = text.strip()
    if not raw:
        raise MailPathError(_("Type the path of a .eml file, an mbox file or a Maildir folder."))
    if "\0" in raw:
        raise MailPathError(_("That is not a path."))
    try:
        return Path(raw).expanduser()
    except RuntimeError:  # "~someone" with no such user
        raise MailPathError(
            _("{path} does not exist (or its folder does not)").format(path=raw)
        ) from None


class MailImportDialog(Delivers, FormDialog[MailImport | None]):
    """Closes with what was read (at least one job), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="mail_import.cancel"),
    ]
    DEFAULT_CSS = """
    MailImportDialog > VerticalScroll { width: 76; padding: 0 1; }
    MailImportDialog .form-title { text-style: bold; margin-bottom: 1; }
    MailImportDialog #mail-check { color: $text-muted; height: auto; }
    MailImportDialog #mail-check.-bad { color: $error; text-style: bold; }
    MailImportDialog #form-error { color: $error; text-style: bold; height: auto; display: none; }
    MailImportDialog #form-error.-shown { display: block; }
    MailImportDialog .mail-note { color: $text-muted; margin-top: 1; }
    MailImportDialog .form-buttons { height: auto; margin-top: 1; }
    MailImportDialog .form-buttons Button { margin-right: 2; }
    """

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.now = now
        self.error = ""
        self.busy = False
        self._check_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(Text(_("Import alert e-mails")), classes="form-title")
            yield Label(_("A .eml file, an mbox file or a Maildir folder"))
            yield Input(placeholder=_("~/Mail/alerts or alerts.mbox"), id="mail-path")
            yield Static(Text(""), id="mail-check")
            yield Static(Text(""), id="form-error")
            yield Static(
                Text(
                    _(
                        "A Maildir can also be added as a feed (maildir:PATH): "
                        "then every refresh reads its new mail."
                    )
                ),
                classes="mail-note",
            )
            with Horizontal(classes="form-buttons"):
                yield Button(_("Import"), id="form-save", variant="primary")
                yield Button(_("Cancel"), id="form-cancel")

    def on_mount(self) -> None:
        self.query_one("#mail-path", Input).focus()

    def show_error(self, message: str) -> None:
        self.error = message
        super().show_error(message)
        self.query_one(f"#{self.ERROR_ID}", Static).set_class(bool(message), "-shown")

    # -- the check line: what the typed path is, looked at on a worker -------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_error("")
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self._start_check)

    def _start_check(self) -> None:
        text = self.query_one("#mail-path", Input).value
        if not text.strip():
            self._checked(text, True, "")
            return
        self.run_worker(
            lambda: self._check(text),
            thread=True,
            exclusive=True,
            group="mail-check",
            exit_on_error=False,
        )

    def _check(self, text: str) -> None:
        try:
            ok, line = check_path(typed_path(text))
        except MailPathError as err:
            ok, line = False, str(err)
        self.deliver(self._checked, text, ok, line)

    def _checked(self, text: str, ok: bool, line: str) -> None:
        if text != self.query_one("#mail-path", Input).value:
            return  # typed on since: a newer check is coming
        check = self.query_one("#mail-check", Static)
        check.set_class(not ok, "-bad")
        check.update(Text(clean_line(line)))

    # -- import ----------------------------------------------------------------
    def submit(self) -> None:
        if self.busy:
            return
        text = self.query_one("#mail-path", Input).value
        try:
            path = typed_path(text)
        except MailPathError as err:
            self.show_error(str(err))
            return
        self.busy = True
        self.query_one("#form-save", Button).disabled = True
        self.show_error("")
        self.query_one("#mail-check", Static).update(Text(_("Reading…"), style="italic"))
        self.run_worker(
            lambda: self._read(path),
            thread=True,
            exclusive=True,
            group="mail-import",
            exit_on_error=False,
        )

    def _read(self, path: Path) -> None:
        try:
            result = read_mail(path, self.now)
        except (MailPathError, OSError) as err:
            self.deliver(self._failed, str(err))
            return
        self.deliver(self._read_done, result)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.query_one("#form-save", Button).disabled = False
        self.query_one("#mail-check", Static).update(Text(""))
        self.show_error(clean_line(message))

    def _read_done(self, result: MailImport) -> None:
        if not result.jobs:
            # Nothing to save: say why here rather than close on "0 jobs".
            line = summary(result.read, IntakeResult(skipped=list(result.skipped)))
            reasons = "; ".join(
                f"{clean_line(s.name)}: {clean_line(s.why)}" for s in result.skipped[:3]
            )
            self._failed(
                _("No job found: {summary}").format(summary=line)
                + (f" ({reasons})" if reasons else "")
            )
            return
        self.dismiss(result)
