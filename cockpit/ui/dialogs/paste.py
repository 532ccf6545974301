"""Paste intake: a job from a site with no feed (Upwork, Projects.co.id), by its text.

Extract first, look at what was read (budget, skills, country), then save.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from cockpit.i18n import _
from cockpit.jobindex import budget_label
from cockpit.models import Job
from cockpit.text import clean_line, safe_url


def extract(text: str, url: str, title: str) -> Job:
    """The feeds helper's extractor; ValueError with a readable reason on bad input."""
    from cockpit.feeds.extract import extract_from_text

    if not text.strip() and not title.strip():
        raise ValueError(_("Paste the job's text (or at least type its title) first."))
    if url.strip() and safe_url(url.strip()) is None:
        raise ValueError(_("The link must start with http:// or https:// (or leave it empty)."))
    return extract_from_text(text, url=url.strip(), title=title)


def preview(job: Job) -> Text:
    text = Text()
    text.append(_("Will save:") + " ", style="bold")
    text.append(clean_line(job.title) or _("(untitled)"))
    text.append("\n")
    not_found = _("not found")
    budget = budget_label(job.budget) or not_found  # an hourly one already ends in "/h"
    if job.budget is not None and job.budget.kind == "fixed" and budget != not_found:
        budget += " " + _("fixed")
    rows = (
        (_("Budget"), budget),
        (_("Skills"), ", ".join(job.skills) or _("none found")),
        (_("Country"), job.country or not_found),
        (_("Category"), job.category or not_found),
        (_("Link"), job.link or _("none")),
    )
    width = max(9, *(len(label) + 1 for label, _value in rows))
    for label, value in rows:
        text.append(f"{label:<{width}}", style="dim")
        text.append(clean_line(value) + "\n")
    return text


class PasteDialog(ModalScreen[Job | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="paste.cancel"),
        Binding("ctrl+s", "save", _("Save job"), id="paste.save"),
    ]
    DEFAULT_CSS = """
    PasteDialog { align: center middle; }
    PasteDialog > VerticalScroll {
        width: 96; max-width: 96%; height: auto; max-height: 95%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    PasteDialog TextArea { height: 12; }
    PasteDialog #paste-message { color: $text-error; height: auto; }
    PasteDialog #paste-preview { height: auto; margin: 1 0; }
    PasteDialog Horizontal { height: auto; }
    PasteDialog Button { margin-right: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.job: Job | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(_("Paste a job"), style="bold"))
            yield Static(
                Text(
                    _(
                        "Copy the whole job page (Upwork, Projects.co.id, anywhere) and paste "
                        "it below. Budget (USD, IDR Rp, EUR, INR), skills and country are read "
                        "from it."
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

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _edited(self) -> None:
        """An edit makes the preview stale: extract again before saving."""
        self.job = None
        self.query_one("#paste-save", Button).disabled = True

    @on(Button.Pressed, "#paste-extract")
    def action_extract(self) -> None:
        message = self.query_one("#paste-message", Static)
        try:
            self.job = extract(*self._fields())
        except ValueError as err:
            self.job = None
            message.update(Text(str(err)))
            self.query_one("#paste-preview", Static).update("")
            return
        message.update("")
        self.query_one("#paste-preview", Static).update(preview(self.job))
        save = self.query_one("#paste-save", Button)
        save.disabled = False
        save.focus()

    @on(Button.Pressed, "#paste-save")
    def action_save(self) -> None:
        if self.job is None:  # show what will be saved first; a second press saves
            self.action_extract()
            return
        self.dismiss(self.job)

    @on(Button.Pressed, "#paste-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
