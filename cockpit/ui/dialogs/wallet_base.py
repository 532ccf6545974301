"""What every Connects form shares: the ledger it checks against and its layout.

A form builds its ledger line with the pure ``cockpit.wallet`` makers, which
refuse bad input with a ``WalletError``; the form shows that message and stays
open. Only a line that passed every check is handed back to the pane.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from cockpit.i18n import N_, _, format_number
from cockpit.models import Job, LedgerEntry, Proposal, Settings
from cockpit.settings_check import plain_amount
from cockpit.text import clean_line
from cockpit.ui.dialogs.base import FormDialog
from cockpit.wallet import WalletError, WalletState, fmt_date, parse_amount, replay
from cockpit.wallet.rules import MAX_AMOUNT

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


# Money is typed as ASCII digits with the locale's separators. float() would
# also read "1e3", "1_000", "inf" and non-ASCII digits: numbers nobody typed on purpose.
# A whole number as parse_amount accepts it: sign, digits with optional grouping, ".0".
_WHOLE = r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0+)?"
# A price above this is a typo however the user bought (100,000 Connects cost $15,000).
MAX_USD = Decimal(100_000)


def echo(text: str) -> str:
    """What the user typed, on one line, as they typed it (long text is cut visibly)."""
    raw = clean_line(text.strip())
    return raw if len(raw) <= 40 else raw[:39] + "…"


def parse_money(text: str, *, places: int = 2) -> Decimal | None:
    """A typed amount of money (blank is None), exact; refuses anything but plain digits.

    "12.50" is read the same in every language; "1,234.50" in English and
    "1.234,50" in Indonesian follow the locale's separators.
    """
    raw = text.strip()
    sign = ""
    if raw[:1] in ("+", "-"):
        sign, raw = raw[0], raw[1:].strip()
    raw = raw.removeprefix("$").strip()
    if not raw:
        if sign:
            raise _not_money(text)
        return None
    plain = plain_amount(raw, places)  # the locale's marks; never "1e3" or "inf"
    if plain is None:
        raise _not_money(text)
    return Decimal(sign + plain)


def _not_money(text: str) -> WalletError:
    return WalletError(
        _("{text!r} is not a dollar amount; write it like 12.00.").format(text=echo(text))
    )


def parse_usd(text: str) -> float | None:
    """Dollars paid; blank means the list price."""
    usd = parse_money(text)
    if usd is None:
        return None
    if usd <= 0:
        raise WalletError(
            _("The price paid must be more than $0 (leave it blank for the list price).")
        )
    if usd > MAX_USD:
        raise WalletError(
            _("{text!r} looks like a typo for a price; check the number.").format(text=echo(text))
        )
    return float(usd)


def parse_connects(text: str, *, signed: bool = False) -> int:
    """``parse_amount``, with the locale's thousands mark and a too-big number echoed as typed."""
    raw = text.strip()
    sep = format_number(1000)[1:2]
    if sep == "." and re.fullmatch(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+", raw, re.ASCII):
        # "1.000" is a thousand in Indonesian, not 1.0.
        raw = raw.replace(".", ",")
    try:
        return parse_amount(raw, signed=signed)
    except WalletError:
        whole = re.fullmatch(_WHOLE, raw, re.ASCII)
        too_big = (
            whole is not None
            and len(raw) <= 40
            and int(whole.group(2).replace(",", "")) > MAX_AMOUNT
            and (signed or whole.group(1) != "-")
        )
        if not too_big:
            raise
        # The ledger's message formats the number through a float, which
        # rounds 9999999999999999999999 up: say it the way it was typed.
        raise WalletError(
            _("{count} Connects looks like a typo; check the number.").format(count=echo(text))
        ) from None


def field_row(label: str, widget: Widget) -> Iterable[Widget]:
    """A label above its input; labels are our own words, never user text."""
    yield Label(label, classes="form-label")
    yield widget


class WalletForm(FormDialog[T]):
    """Title, fields, an error line and Save/Cancel. Subclasses fill ``fields`` and ``build``."""

    FORM_TITLE: ClassVar[str] = ""
    AUTO_FOCUS = "#amount"
    SAVE_LABEL: ClassVar[str] = N_("Save")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="wallet_form.cancel"),
    ]
    DEFAULT_CSS = """
    WalletForm > .form { width: 76; padding: 0 2; }
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
        # The field values the user was warned about; Save with the same values records.
        self._warned: tuple[str, ...] | None = None

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

    def caution(self, result: T) -> str:
        """Why a valid ``result`` is unusual enough to ask again; empty when it is not."""
        return ""

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def show_error(self, message: str) -> None:
        self.error = message
        super().show_error(message)

    def _typed(self) -> tuple[str, ...]:
        inputs = tuple(field.value for field in self.query(Input))
        return inputs + tuple(str(pick.value) for pick in self.query(Select))

    def submit(self) -> None:
        try:
            result = self.build()
        except WalletError as err:
            self._warned = None
            self.show_error(str(err))
            return
        warning = self.caution(result)
        typed = self._typed()
        if warning and typed != self._warned:
            # A typo such as 1000 for 100 costs real money: a second Save confirms.
            self._warned = typed
            self.show_error(warning)
            return
        self.dismiss(result)
