"""Submitting a draft (Connects cost and boost) and offering a refund on cancellation."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from cockpit.i18n import _, ngettext
from cockpit.models import Settings
from cockpit.proposals.ops import SubmitInfo
from cockpit.ui.dialogs.base import Dialog
from cockpit.wallet import WalletError, connects_usd, fmt_usd, parse_amount

# submit(cost, boost, invitation, done): records everything, then done(None) or done(message).
SubmitFn = Callable[[int, int, bool, Callable[[str | None], None]], None]


def parse_connects(raw: str, *, what: str, required: bool) -> int:
    """A whole number of Connects, 0 allowed (free jobs, no boost); ``what`` is translated."""
    value = raw.strip()
    if not value:
        if required:
            raise WalletError(_("Enter the {what} (0 if it is free).").format(what=what))
        return 0
    if value.strip("0") == "":
        return 0
    try:
        amount = parse_amount(value, signed=True)
        if amount < 0:  # the Wallet's own advice (an adjustment) is not what a bid needs
            raise WalletError(
                _(
                    "Enter 0 or more, like 6: a bid takes Connects, it never adds them. "
                    "To add Connects, record a grant or purchase in the Wallet (3, then g or b)."
                )
            )
        return amount
    except WalletError as err:
        raise WalletError(f"{what[:1].upper()}{what[1:]}: {err}") from None


class SubmitDialog(Dialog[tuple[int, int] | None]):
    """Ask the job's Connects cost and an optional boost; record before confirming."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="proposal_submit.cancel"),
    ]
    DEFAULT_CSS = """
    SubmitDialog > VerticalScroll { width: 76; padding: 0 1; }
    SubmitDialog Label { margin-top: 1; }
    SubmitDialog #submit-error { color: $error; height: auto; }
    SubmitDialog #submit-error:blur { height: auto; }
    SubmitDialog Horizontal { height: auto; }
    SubmitDialog Button { margin-right: 2; }
    SubmitDialog #submit-lint { height: auto; color: $warning; }
    SubmitDialog .-hidden { display: none; }
    SubmitDialog Checkbox { margin-top: 1; }
    """

    def __init__(
        self,
        job_title: str,
        balance: int,
        settings: Settings,
        submit: SubmitFn,
        cost: int = 0,
        info: SubmitInfo | None = None,
    ) -> None:
        super().__init__()
        self.job_title = job_title
        self.balance = balance
        self.settings = settings
        self._submit = submit
        self.info = info or SubmitInfo()
        # The job's own cost first; a site without Connects costs nothing to bid on.
        known = self.info.cost if self.info.cost is not None else cost
        self._cost = 0 if self.info.connects == "no" else known
        self._placeholders_confirmed = not self.info.placeholders

    def _head(self) -> Text:
        head = Text()
        head.append(_("Submit proposal") + "\n", style="bold")
        head.append(self.job_title + "\n")
        if self.info.verdict:
            head.append(self.info.verdict + "\n")
        if self.info.connects == "no":
            head.append(_("This site has no Connects: submitting spends none."), style="dim")
            return head
        usd = fmt_usd(connects_usd(self.balance, self.settings))
        head.append(
            _("You have {count} Connects (about {usd}).").format(count=self.balance, usd=usd),
            style="dim",
        )
        if self._cost:
            bids = self.balance // self._cost
            head.append("\n")
            head.append(
                ngettext(
                    "At {cost} Connects a bid, you can afford {bids} bid like this one.",
                    "At {cost} Connects a bid, you can afford {bids} bids like this one.",
                    bids,
                ).format(cost=self._cost, bids=bids),
                style="dim",
            )
        return head

    def _warnings(self) -> Text:
        text = Text()
        for warning in self.info.warnings:
            text.append("! " + warning + "\n", style="bold")
        return text

    def compose(self) -> ComposeResult:
        free = self.info.connects == "no"
        with VerticalScroll():  # scrolls on a 24-line terminal instead of hiding Submit
            yield Static(self._head(), id="submit-head")
            yield Static(
                self._warnings(), id="submit-lint", classes="" if self.info.warnings else "-hidden"
            )
            yield Label(_("Connects this job costs"), classes="-hidden" if free else "")
            yield Input(
                str(self._cost) if self._cost or free else "",
                placeholder=_("e.g. {example}").format(example=3),
                id="submit-cost",
                classes="-hidden" if free else "",
            )
            yield Label(
                _("Boost bid in Connects (optional; not charged if outbid)"),
                classes="-hidden" if free else "",
            )
            yield Input(placeholder="0", id="submit-boost", classes="-hidden" if free else "")
            yield Checkbox(
                _("An answer to the client's invitation (may cost 0 Connects)"),
                id="submit-invitation",
                classes="-hidden" if free else "",
            )
            yield Static(id="submit-error")
            with Horizontal():
                yield Button(_("Submit and spend"), id="submit-ok", variant="primary")
                yield Button(_("Cancel"), id="submit-cancel")

    def on_mount(self) -> None:
        if self.info.connects == "no":
            self.query_one("#submit-ok", Button).focus()
        else:
            self.query_one("#submit-cost", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "submit-cost":
            self.query_one("#submit-boost", Input).focus()
        else:
            self._try_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "submit-ok":
            self._try_submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _show_error(self, message: str) -> None:
        self.query_one("#submit-error", Static).update(Text(message))

    def _try_submit(self) -> None:
        button = self.query_one("#submit-ok", Button)
        if button.disabled:
            return  # already recording
        try:
            cost = parse_connects(
                self.query_one("#submit-cost", Input).value,
                what=_("Connects cost"),
                required=True,
            )
            boost = parse_connects(
                self.query_one("#submit-boost", Input).value, what=_("boost"), required=False
            )
        except WalletError as err:
            self._show_error(str(err))
            return
        if not self._placeholders_confirmed:
            # A letter with "{skills}" in it was sent once; make sending one a choice.
            self._placeholders_confirmed = True
            self._show_error(
                _("Still a placeholder: {tokens}. Press Submit again to send it as it is.").format(
                    tokens=", ".join(self.info.placeholders)
                )
            )
            button.label = _("Send anyway")
            return
        invitation = self.query_one("#submit-invitation", Checkbox).value
        button.disabled = True
        self._show_error("")

        def done(error: str | None) -> None:
            if error is None:
                self.dismiss((cost, boost))
            else:
                button.disabled = False
                self._show_error(error)

        self._submit(cost, boost, invitation, done)
