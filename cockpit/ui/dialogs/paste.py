"""Paste intake: a job from a site with no feed (Upwork, Projects.co.id), by its text.

Extract first, look at what was read (budget, skills, country), then save.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from cockpit.feeds.pagepaste import PasteResult
from cockpit.i18n import _
from cockpit.jobfacts import field_names, groups
from cockpit.models import Job, JobSignals
from cockpit.text import clean_line, safe_url
from cockpit.ui.dialogs.base import Dialog


def extract(text: str, url: str, title: str, now: datetime | None = None) -> PasteResult:
    """Read the page; ValueError with a readable reason on bad input. Never fetches."""
    from cockpit.feeds.pagepaste import read_page

    if not text.strip() and not title.strip():
        raise ValueError(_("Paste the job's text (or at least type its title) first."))
    if url.strip() and safe_url(url.strip()) is None:
        raise ValueError(_("The link must start with http:// or https:// (or leave it empty)."))
    return read_page(text, url=url.strip(), title=title, now=now)


def preview(result: PasteResult) -> Text:
    """Every field read, grouped (job, activity, client), and what was not found."""
    job = result.job
    text = Text()
    text.append(_("Will save:") + " ", style="bold")
    text.append(clean_line(job.title) or _("(untitled)"))
    text.append("\n")
    for group in groups(job):
        text.append(group.title + "\n", style="bold underline")
        width = max(len(label) for label, _value in group.rows) + 2
        for label, value in group.rows:
            text.append(f"  {label:<{width}}", style="dim")
            text.append(value + "\n")
    if job.link:
        text.append(_("Link") + "  ", style="dim")
        text.append(clean_line(job.link) + "\n")
    if result.missing:
        names = field_names(result.missing)
        text.append(_("Not found: {fields}").format(fields=names) + "\n", style="italic")
    if not result.found:
        text.append(
            _("Nothing recognisable: the job is saved under its title with the text kept.") + "\n",
            style="italic",
        )
    return text


class PasteDialog(Dialog[Job | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="paste.cancel"),
        Binding("ctrl+s", "save", _("Save job"), id="paste.save"),
    ]
    DEFAULT_CSS = """
    PasteDialog > VerticalScroll { width: 96; border: round $accent; padding: 0 1; }
    PasteDialog TextArea { height: 12; }
    PasteDialog #paste-message { color: $text-error; height: auto; }
    PasteDialog #paste-preview { height: auto; margin: 1 0; }
    PasteDialog Horizontal { height: auto; }
    PasteDialog #paste-connects-row { display: none; }
    PasteDialog #paste-connects-row.-shown { display: block; }
    PasteDialog #paste-connects-label { padding: 1 1 0 0; }
    PasteDialog #paste-connects { width: 24; }
    PasteDialog Button { margin-right: 1; }
    """

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self.now = now
        self.result: PasteResult | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(_("Paste a job"), style="bold"))
            yield Static(
                Text(
                    _(
                        "Copy the whole job page (Upwork, Projects.co.id, anywhere) and paste "
                        "it below. Budget (USD, IDR Rp, EUR, INR), skills and country are read "
                        "from it. ctrl+s reads it, ctrl+s again saves; escape cancels."
                    ),
                    style="dim",
                )
            )
            yield Input(
                placeholder=_("Link (optional), e.g. {example}").format(
                    example="https://www.upwork.com/jobs/~01abc"
                ),
                id="paste-url",
            )
            yield Input(placeholder=_("Title (optional: else the first line)"), id="paste-title")
            yield TextArea(id="paste-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="paste-message")
            yield Static("", id="paste-preview")
            with Horizontal(id="paste-connects-row"):
                yield Label(_("Connects to bid:"), id="paste-connects-label")
                yield Input(
                    placeholder=_("as the page says"),
                    id="paste-connects",
                    restrict=r"[0-9]*",
                    max_length=3,
                )
            with Horizontal():
                yield Button(_("Extract"), id="paste-extract", variant="primary")
                yield Button(_("Save job"), id="paste-save", variant="success", disabled=True)
                yield Button(_("Cancel"), id="paste-cancel")

    def on_mount(self) -> None:
        self.query_one("#paste-text", TextArea).focus()

    def _fields(self) -> tuple[str, str, str]:
        return (
            self.query_one("#paste-text", TextArea).text,
            self.query_one("#paste-url", Input).value,
            self.query_one("#paste-title", Input).value,
        )

    @on(Input.Changed, "#paste-url, #paste-title")
    @on(TextArea.Changed)
    def _edited(self) -> None:
        """An edit makes the preview stale: extract again before saving."""
        self.result = None
        self.query_one("#paste-save", Button).disabled = True

    @on(Button.Pressed, "#paste-extract")
    def action_extract(self) -> None:
        message = self.query_one("#paste-message", Static)
        try:
            self.result = extract(*self._fields(), now=self.now)
        except ValueError as err:
            self.result = None
            message.update(Text(str(err)))
            self.query_one("#paste-preview", Static).update("")
            return
        message.update("")
        self.query_one("#paste-preview", Static).update(preview(self.result))
        signals = self.result.job.signals
        # The cost can be corrected before saving (a page copied in part may lack it).
        connects = self.query_one("#paste-connects", Input)
        connects.value = str(signals.connects) if signals and signals.connects is not None else ""
        shown = bool(signals and (signals.platform == "upwork" or signals.connects is not None))
        self.query_one("#paste-connects-row").set_class(shown, "-shown")
        save = self.query_one("#paste-save", Button)
        save.disabled = False
        save.focus()

    @on(Button.Pressed, "#paste-save")
    def action_save(self) -> None:
        if self.result is None:  # show what will be saved first; a second press saves
            self.action_extract()
            return
        job = self.result.job
        typed = self.query_one("#paste-connects", Input).value.strip()
        if typed.isdigit():
            job.signals = job.signals or JobSignals()
            job.signals.connects = int(typed)
        self.dismiss(job)

    @on(Button.Pressed, "#paste-cancel")
    def action_cancel(self) -> None:
        """Cancel; with a page pasted, ask first (a stray Tab, Enter must not lose it)."""
        if not any(part.strip() for part in self._fields()):
            self.dismiss(None)
            return
        from cockpit.ui.dialogs.confirm import ConfirmDialog

        def chosen(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = Text(_("Discard the pasted page? Nothing has been saved yet."))
        self.app.push_screen(
            ConfirmDialog(question, yes=_("Discard"), no=_("Keep editing"), safe_no=True), chosen
        )
