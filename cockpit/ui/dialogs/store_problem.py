"""What the user sees when the store cannot be opened."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from cockpit.i18n import _
from cockpit.models import utcnow
from cockpit.restore_text import age, contents
from cockpit.store import StoreCorrupt
from cockpit.store import restore as restoring
from cockpit.store.backups import newest_good, read_summary
from cockpit.ui.dialogs.base import Dialog


class RestoreDialog(Dialog[str]):
    """Offer the newest good backup after a corrupt file was moved aside."""

    DEFAULT_CLASSES = "-danger"
    DEFAULT_CSS = """
    RestoreDialog > Vertical { width: 80; }
    RestoreDialog Horizontal { height: auto; margin-top: 1; }
    RestoreDialog Button { margin-right: 2; }
    """

    def __init__(self, err: StoreCorrupt, folder: Path) -> None:
        super().__init__()
        self.err = err
        self.folder = folder
        self.backup = newest_good(folder)

    def compose(self) -> ComposeResult:
        lines = [str(self.err)]
        if self.err.moved_to:
            lines.append(_("The damaged file was kept as {path}.").format(path=self.err.moved_to))
        if self.backup:
            summary = read_summary(self.backup)
            lines.append(
                _("The newest good backup is {name}, from {age}.").format(
                    name=self.backup.name, age=age(summary.at, utcnow())
                )
            )
            lines.append(_("It holds: {contents}.").format(contents=contents(summary)))
            parts = restoring.damaged_parts(self.folder)
            if parts:
                lines.append(
                    _("Restoring replaces only the damaged parts: {parts}.").format(
                        parts=", ".join(parts)
                    )
                )
        else:
            lines.append(_("There is no good backup to restore."))
        with Vertical():
            yield Static(Text("\n".join(lines)), id="restore-message")
            with Horizontal():
                if self.backup:
                    yield Button(_("Restore backup"), id="restore", variant="primary")
                yield Button(_("Start empty"), id="empty")
                yield Button(_("Quit"), id="quit", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "restore" and self.backup is not None:
            try:
                restoring.restore(
                    self.folder, self.backup, tuple(restoring.damaged_parts(self.folder)) or None
                )
            except (OSError, ValueError) as exc:
                self.app.notify(
                    _("Restore failed: {error}").format(error=exc), severity="error", markup=False
                )
                return
        elif event.button.id == "empty":
            restoring.clear_damage(self.folder)  # the user chose: stop asking
        self.dismiss(event.button.id or "quit")


class StoreErrorScreen(Dialog[None]):
    """A store problem the user must fix outside the app (too new, read-only, ...)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "quit_app", _("Quit"), id="store_error.quit")
    ]
    DEFAULT_CLASSES = "-danger"
    DEFAULT_CSS = """
    StoreErrorScreen > Vertical { width: 80; }
    """

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.message), id="store-error")
            yield Static(Text(_("Press q to quit."), style="dim"))

    def action_quit_app(self) -> None:
        self.app.exit(2)
