"""First run: explain the panes and offer the four first steps."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from cockpit.i18n import N_, _
from cockpit.wallet import WalletError, parse_amount

WELCOME = N_("""Cockpit keeps your freelance job hunt in one keyboard-driven place:

  1 Inbox       jobs from feeds (and jobs you paste), triaged fast
  2 Proposals   drafts with templates and lint, and what happened to each bid
  3 Wallet      your Connects: what you have, what expires, what each bid bought
  4 Portfolio   what clients ask for, and what to add to your portfolio next

Upwork closed its RSS feeds in 2024: paste Upwork jobs with a in the Inbox.
Everything stays on this computer. Press ? any time for every key.""")


class WelcomeScreen(ModalScreen[str]):
    """Dismisses with the chosen step: demo, feed, opml, connects or close."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "choose('demo')", _("Explore demo data"), id="welcome.demo"),
        Binding("f", "choose('feed')", _("Add a feed"), id="welcome.feed"),
        Binding("o", "choose('opml')", _("Import OPML"), id="welcome.opml"),
        Binding("c", "choose('connects')", _("Set up Connects"), id="welcome.connects"),
        Binding("escape", "choose('close')", _("Close"), id="welcome.close"),
    ]
    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; }
    WelcomeScreen > Vertical {
        width: 84; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    WelcomeScreen #welcome-steps { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        steps = Text()
        for key, what in (
            ("d", _("explore the demo (a separate throwaway store; yours stays untouched)")),
            ("f", _("add a job feed (examples inside)")),
            ("o", _("import feeds from an OPML file")),
            ("c", _("set your Connects starting balance and plan")),
            ("escape", _("close; this welcome goes away once you have a feed or Connects")),
        ):
            steps.append(f"  {key:<8}", style="bold cyan")
            steps.append(f"{what}\n")
        with Vertical():
            yield Static(Text(_("Welcome to Cockpit"), style="bold"))
            yield Static(Text(_(WELCOME)))
            yield Static(steps, id="welcome-steps")

    def action_choose(self, step: str) -> None:
        self.dismiss(step)


class OpmlPathDialog(ModalScreen[Path | None]):
    """Ask for an OPML file; the caller imports it on a worker."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="opml.cancel")
    ]
    DEFAULT_CSS = """
    OpmlPathDialog { align: center middle; }
    OpmlPathDialog > Vertical {
        width: 76; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    OpmlPathDialog #opml-error { color: $error; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Import feeds from an OPML file (most feed readers can export one)"))
            yield Input(placeholder="~/Downloads/feeds.opml", id="opml-path")
            yield Static("", id="opml-error")
            with Horizontal():
                yield Button(_("Import"), id="opml-import", variant="primary")
                yield Button(_("Cancel"), id="opml-cancel")

    def _error(self, message: str) -> None:
        self.query_one("#opml-error", Static).update(Text(message))

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "opml-import":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        raw = self.query_one("#opml-path", Input).value.strip()
        if not raw:
            self._error(_("Type the path of an .opml file."))
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            self._error(_("No such file: {path}").format(path=path))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConnectsSetupDialog(ModalScreen[tuple[int, str] | None]):
    """Starting balance and plan; returns (balance, plan)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="connects_setup.cancel")
    ]
    DEFAULT_CSS = """
    ConnectsSetupDialog { align: center middle; }
    ConnectsSetupDialog > Vertical {
        width: 70; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    ConnectsSetupDialog #connects-error { color: $error; }
    """

    def __init__(self, starting_balance: int = 40) -> None:
        super().__init__()
        self.starting_balance = starting_balance

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("How many Connects do you have now? (a new Upwork account gets 40)"))
            yield Input(str(self.starting_balance), id="connects-balance")
            yield Label(_("Your plan"))
            yield Select(
                [(_("Basic (10 Connects a month)"), "basic"), (_("Plus (100 a month)"), "plus")],
                value="basic",
                allow_blank=False,
                id="connects-plan",
            )
            yield Static("", id="connects-error")
            with Horizontal():
                yield Button(_("Save"), id="connects-save", variant="primary")
                yield Button(_("Cancel"), id="connects-cancel")

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "connects-save":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        raw = self.query_one("#connects-balance", Input).value
        try:
            balance = 0 if raw.strip() == "0" else parse_amount(raw)
        except WalletError as exc:
            self.query_one("#connects-error", Static).update(Text(str(exc)))
            return
        plan = self.query_one("#connects-plan", Select).value
        self.dismiss((balance, str(plan)))

    def action_cancel(self) -> None:
        self.dismiss(None)
