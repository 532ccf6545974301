"""What every Connects form shares: the ledger it checks against and its layout.

A form builds its ledger line with the pure ``cockpit.wallet`` makers, which
refuse bad input with a ``WalletError``; the form shows that message and stays
open. Only a line that passed every check is handed back to the pane.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from cockpit.i18n import N_, _
from cockpit.models import Job, LedgerEntry, Proposal, Settings
from cockpit.text import clean_line
from cockpit.wallet import WalletError, WalletState, fmt_date, replay

T = TypeVar("T")


@dataclass(slots=True)
class LedgerContext:
    """A snapshot of the wallet that a form validates against."""

    entries: list[LedgerEntry]
    settings: Settings
    now: datetime
    state: WalletState | None = None
    jobs: dict[str, Job] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.state is None:
            self.state = replay(self.entries, self.now, self.settings)

    @property
    def balance(self) -> int:
        assert self.state is not None
        return self.state.balance

    def job_title(self, job_id: str) -> str:
        """A one-line, cleaned name for a job (feed text is untrusted)."""
        if not job_id:
            return ""
        job = self.jobs.get(job_id)
        title = clean_line(job.title) if job is not None else ""
        return title or _("job {id}").format(id=clean_line(job_id))


def parse_when(text: str, now: datetime) -> datetime | None:
    """A typed day (YYYY-MM-DD) as a time; blank or today means now."""
    raw = text.strip()
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise WalletError(
            _(
                "{text!r} is not a date; write it like 2026-11-27, or leave it blank for today."
            ).format(text=raw)
        ) from None
    today = now.astimezone(UTC).date()
    if day == today:
        return None
    if day > today:
        raise WalletError(
            _("{date} is in the future; record what already happened.").format(date=fmt_date(day))
        )
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def parse_usd(text: str) -> float | None:
    """Dollars paid; blank means the list price."""
    raw = text.strip().lstrip("$").replace(",", "")
    if not raw:
        return None
    try:
        usd = float(raw)
    except ValueError:
        raise WalletError(
            _("{text!r} is not a dollar amount; write it like 12.00.").format(text=text.strip())
        ) from None
    if not math.isfinite(usd) or usd <= 0:
        raise WalletError(
            _("The price paid must be more than $0 (leave it blank for the list price).")
        )
    return round(usd, 2)


def field_row(label: str, widget: Widget) -> Iterable[Widget]:
    """A label above its input; labels are our own words, never user text."""
    yield Label(label, classes="form-label")
    yield widget


class WalletForm(ModalScreen[T]):
    """Title, fields, an error line and Save/Cancel. Subclasses fill ``fields`` and ``build``."""

    FORM_TITLE: ClassVar[str] = ""
    AUTO_FOCUS = "#amount"
    SAVE_LABEL: ClassVar[str] = N_("Save")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="wallet_form.cancel"),
    ]
    DEFAULT_CSS = """
    WalletForm { align: center middle; }
    WalletForm > .form {
        width: 76; height: auto; max-height: 95%; border: thick $accent;
        background: $surface; padding: 0 2;
    }
    WalletForm .form-title { text-style: bold; margin-bottom: 1; }
    WalletForm .form-hint { color: $text-muted; }
    WalletForm .form-label { margin-top: 1; }
    WalletForm #form-error { color: $error; text-style: bold; margin-top: 1; height: auto; }
    WalletForm .form-buttons { height: auto; margin-top: 1; }
    WalletForm .form-buttons Button { margin-right: 2; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.error = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(Text(_(self.FORM_TITLE)), classes="form-title")
            yield from self.fields()
            yield Static(Text(""), id="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(_(self.SAVE_LABEL), id="form-save", variant="primary")
                yield Button(_("Cancel"), id="form-cancel")

    def fields(self) -> Iterable[Widget]:
        return ()

    def build(self) -> T:
        raise NotImplementedError

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def show_error(self, message: str) -> None:
        self.error = message
        self.query_one("#form-error", Static).update(Text(message))

    def submit(self) -> None:
        try:
            result = self.build()
        except WalletError as err:
            self.show_error(str(err))
            return
        self.dismiss(result)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)  # None means cancelled, for every form
