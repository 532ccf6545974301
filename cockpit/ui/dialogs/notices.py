"""Auto-refresh and notices (`A`): how often feeds refresh while the app is open, and the
command run for each new job worth a bid, when, how often, and a test.

The dialog never runs anything itself: Test posts ``TestRequested`` with the settings as
typed, the app sends the sample on a worker and hands the outcome back with ``test_done``.
The log entries are read before the dialog opens; their titles are feed text (hostile).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import ClassVar, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from cockpit.i18n import N_, _
from cockpit.models import Settings
from cockpit.settings_check import SettingsError, check_setting
from cockpit.text import clean_line
from cockpit.ui.dialogs.base import FormDialog
from cockpit.ui.messages import Delivers

LOG_LINES = 6  # the form and the log fit 80x24
RULES = (
    (N_("a high score"), "score"),
    (N_("a Bid verdict"), "bid"),
    (N_("a high score or a Bid verdict"), "score_or_bid"),
)
# The log's outcomes (cockpit.notice_log.OUTCOMES) in the user's words; others shown as stored.
OUTCOMES = {
    "sent": N_("sent"),
    "failed": N_("failed"),
    "quiet": N_("quiet hours"),
    "capped": N_("hourly cap"),
    "test": N_("test"),
}
# Field id -> Settings field, in the order shown.
FIELDS = (
    ("auto-refresh", "auto_refresh_minutes"),
    ("notify-command", "notify_command"),
    ("notify-rule", "notify_rule"),
    ("notify-score", "notify_score"),
    ("notify-quiet", "notify_quiet"),
    ("notify-per-hour", "notify_per_hour"),
    ("notify-timezone", "timezone"),
)


class NoticeLine(Protocol):
    """One line of the notices log (``cockpit.notices.NoticeEntry``)."""

    # Read-only: the domain's entries are frozen.
    @property
    def at(self) -> datetime: ...
    @property
    def job_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def detail(self) -> str: ...


def entry_text(entry: NoticeLine, tz: tzinfo | None = None) -> Text:
    """One log entry on one line: when, outcome, the job's title and the detail, all as text."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append(entry.at.astimezone(tz).strftime("%m-%d %H:%M") + "  ", style="dim")
    word = OUTCOMES.get(entry.outcome)
    failed = entry.outcome == "failed"
    line.append(
        _(word) if word else clean_line(entry.outcome), style="bold red" if failed else "bold"
    )
    title = clean_line(entry.title)
    if title:
        line.append("  " + title)
    detail = clean_line(entry.detail)
    if detail:
        line.append(" - " + detail, style="dim")
    return line


def log_text(entries: Sequence[NoticeLine], tz: tzinfo | None = None) -> Text:
    if not entries:
        return Text(_("No notice sent yet."), style="dim")
    shown = Text(no_wrap=True, overflow="ellipsis", end="")  # one line per entry, cut
    for n, entry in enumerate(entries[:LOG_LINES]):
        if n:
            shown.append("\n")
        shown.append_text(entry_text(entry, tz))
    return shown


class NoticesDialog(Delivers, FormDialog[Settings | None]):
    """The notice settings; Save closes with the changed settings (None: cancelled)."""

    class TestRequested(Message):
        """Send a sample notice with these settings (as typed, maybe not saved)."""

        def __init__(self, dialog: NoticesDialog, settings: Settings) -> None:
            super().__init__()
            self.dialog = dialog
            self.settings = settings

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="notices.cancel"),
        Binding("ctrl+t", "test", _("Send a test notice"), id="notices.test"),
    ]
    DEFAULT_CSS = """
    NoticesDialog > VerticalScroll { width: 80; padding: 0 1; }
    NoticesDialog > VerticalScroll { border-title-style: bold; }
    NoticesDialog .notices-help { color: $text-muted; }
    NoticesDialog .notices-fields { height: auto; margin-top: 1; }
    NoticesDialog .notices-row { height: 1; }
    NoticesDialog .notices-row Label { width: 22; }
    NoticesDialog .notices-row Input, NoticesDialog .notices-row Select { width: 1fr; }
    NoticesDialog #form-error { color: $error; text-style: bold; height: auto; display: none; }
    NoticesDialog #notices-status { height: auto; display: none; }
    NoticesDialog #form-error.-shown, NoticesDialog #notices-status.-shown { display: block; }
    NoticesDialog .form-buttons { height: 1; margin: 1 0; }
    NoticesDialog .form-buttons Button { margin-right: 2; }
    NoticesDialog #notices-log-title { text-style: bold underline; }
    NoticesDialog #notices-log { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(
        self, settings: Settings, entries: Sequence[NoticeLine] = (), tz: tzinfo | None = None
    ) -> None:
        """``tz`` shows the log's times on the user's clock (None: this computer's)."""
        super().__init__()
        self.settings = settings
        self.tz = tz
        self.entries: list[NoticeLine] = list(entries)[:LOG_LINES]
        self.error = ""
        self.checking = False  # fields being checked on a worker: Save/Test wait for it

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form") as form:
            # On the frame: every line counts at 80x24.
            form.border_title = _("Auto-refresh and notices")
            yield Static(
                Text(
                    _(
                        "The command runs directly, never through a shell; each job comes "
                        "as JSON on its standard input. See docs/NOTICES.md."
                    )
                ),
                classes="notices-help",
            )
            with Vertical(classes="notices-fields"):
                for label, widget in self.fields():
                    with Horizontal(classes="notices-row"):
                        yield Label(label)
                        yield widget
            yield Static(Text(""), id="form-error")
            yield Static(Text(""), id="notices-status")
            with Horizontal(classes="form-buttons"):
                yield Button(_("Save"), id="form-save", variant="primary", compact=True)
                yield Button(_("Test"), id="notices-test", compact=True)
                yield Button(_("Cancel"), id="form-cancel", compact=True)
            yield Static(Text(_("Last notices")), id="notices-log-title")
            yield Static(log_text(self.entries, self.tz), id="notices-log")

    def fields(self) -> Iterable[tuple[str, Widget]]:
        s = self.settings
        yield (
            _("Refresh every (min)"),
            Input(
                str(s.auto_refresh_minutes),
                placeholder=_("0 = off"),
                id="auto-refresh",
                compact=True,
            ),
        )
        yield (
            _("Command"),
            Input(
                s.notify_command,
                placeholder=_("e.g. {command}").format(command="notify-send Cockpit"),
                id="notify-command",
                compact=True,
            ),
        )
        rule = s.notify_rule if s.notify_rule in {v for _l, v in RULES} else "score_or_bid"
        yield (
            _("Notify on"),
            Select(
                [(Text(_(label)), value) for label, value in RULES],
                allow_blank=False,
                value=rule,
                id="notify-rule",
                compact=True,
            ),
        )
        yield (
            _("Score at least"),
            Input(str(s.notify_score), id="notify-score", compact=True),
        )
        yield (
            _("Quiet hours"),
            Input(
                s.notify_quiet,
                placeholder=_("e.g. 22:00-07:00; empty: none"),
                id="notify-quiet",
                compact=True,
            ),
        )
        yield (
            _("At most per hour"),
            Input(str(s.notify_per_hour), id="notify-per-hour", compact=True),
        )
        yield (
            _("Time zone"),
            Input(
                s.timezone,
                placeholder=_("Asia/Jakarta or +07:00; empty: this computer's"),
                id="notify-timezone",
                compact=True,
            ),
        )

    def on_mount(self) -> None:
        self.query_one("#auto-refresh", Input).focus()

    def typed(self, widget_id: str) -> str:
        widget = self.query_one(f"#{widget_id}")
        if isinstance(widget, Select):
            return str(widget.value)
        assert isinstance(widget, Input)
        return widget.value

    def typed_values(self) -> dict[str, str]:
        return {name: self.typed(widget_id) for widget_id, name in FIELDS}

    def build(self, typed: dict[str, str]) -> Settings:
        """The settings as typed; SettingsError (one line) names the first bad field.
        Checks look on disk (the command on PATH, the zone's file): call from a worker."""
        values = {name: check_setting(name, text) for name, text in typed.items()}
        return dataclasses.replace(self.settings, **values)

    def show_error(self, message: str) -> None:
        self.error = message
        super().show_error(message)
        # Shown only when it says something: the form fits 80x24 with the log below it.
        self.query_one(f"#{self.ERROR_ID}", Static).set_class(bool(message), "-shown")

    def show_status(self, text: Text) -> None:
        status = self.query_one("#notices-status", Static)
        status.update(text)
        status.set_class(bool(text.plain), "-shown")

    def submit(self) -> None:
        self._check("save")

    def _check(self, then: str) -> None:
        """Check the fields on a worker, then save or test (``then``) on this thread."""
        if self.checking:
            return
        self.checking = True
        typed = self.typed_values()
        self.run_worker(
            lambda: self._build_off_thread(typed, then),
            thread=True,
            exclusive=True,
            group="notices-check",
            exit_on_error=False,
        )

    def _build_off_thread(self, typed: dict[str, str], then: str) -> None:
        try:
            self.deliver(self._checked, self.build(typed), "", then)
        except SettingsError as err:
            self.deliver(self._checked, None, str(err), then)

    def _checked(self, settings: Settings | None, error: str, then: str) -> None:
        self.checking = False
        if settings is None:
            self.show_error(error)
        elif then == "save":
            self.dismiss(settings)
        else:
            self._send_test(settings)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "notices-test":
            event.stop()
            event.prevent_default()  # else FormDialog's handler runs too and cancels
            self.action_test()
            return
        super().on_button_pressed(event)

    def action_test(self) -> None:
        self._check("test")

    def _send_test(self, settings: Settings) -> None:
        if not settings.notify_command:
            self.show_error(_("Type a command first; then Test runs it once with a sample job."))
            return
        self.show_error("")
        self.show_status(Text(_("Sending a test notice…"), style="italic"))
        self.query_one("#notices-test", Button).disabled = True
        self.post_message(self.TestRequested(self, settings))

    def test_done(self, entry: NoticeLine) -> None:
        """The app's answer to ``TestRequested``: the outcome, and the log gains the line."""
        self.query_one("#notices-test", Button).disabled = False
        self.entries = [entry, *self.entries][:LOG_LINES]
        self.query_one("#notices-log", Static).update(log_text(self.entries, self.tz))
        if entry.outcome == "failed":
            self.show_status(
                Text(_("The test failed: {detail}").format(detail=clean_line(entry.detail)))
            )
        else:
            self.show_status(Text(_("Test notice sent.")))
