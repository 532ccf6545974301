"""Add or edit a portfolio checklist item, and confirm deleting one.

``build_item`` holds every rule (pure, tested on its own); the form only shows
its message and stays open when it refuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import ClassVar, get_args

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from cockpit.i18n import N_, _, format_date
from cockpit.models import ChecklistItem, ChecklistStatus, new_id
from cockpit.skills import normalize_all
from cockpit.text import clean, clean_line, safe_url
from cockpit.ui.dialogs.base import Dialog, FormDialog

STATUSES: tuple[ChecklistStatus, ...] = get_args(ChecklistStatus)
STATUS_NAMES: dict[str, str] = {"todo": N_("todo"), "doing": N_("doing"), "done": N_("done")}
TITLE_MAX = 200


class ChecklistError(ValueError):
    """Input the form refuses, with a message meant for the user."""


def split_skills(text: str, aliases: Mapping[str, str] | None = None) -> list[str]:
    """ "mixing, Podcast editing; vo" -> normalised, de-duplicated skills."""
    return normalize_all(text.replace(";", ",").split(","), aliases)


def check_evidence(text: str) -> str:
    """A portfolio link (http/https only) or the path of a sample file that exists."""
    raw = clean_line(text)
    if not raw:
        return ""
    if raw.lower().startswith("www."):
        raw = f"https://{raw}"
    if "://" in raw or raw.lower().startswith(("http:", "https:")):
        url = safe_url(raw)
        if url is None:
            raise ChecklistError(
                _("{text!r} is not an http(s) link; only web links can be opened.").format(text=raw)
            )
        return url
    path = Path(raw).expanduser()
    if not path.exists():
        raise ChecklistError(
            _(
                "There is no file at {path}; give the path of a sample that exists, or a web link."
            ).format(path=raw)
        )
    return str(path)


def build_item(
    *,
    title: str,
    skills: str,
    status: str,
    evidence: str,
    notes: str,
    now: datetime,
    old: ChecklistItem | None = None,
    aliases: Mapping[str, str] | None = None,
    order: int = 0,
) -> ChecklistItem:
    """A checked item: a title, one or more normalised skills, a known status."""
    name = clean_line(title)
    if not name:
        raise ChecklistError(_("Give the item a title, e.g. 'Podcast edit before/after sample'."))
    if len(name) > TITLE_MAX:
        raise ChecklistError(
            _("Keep the title under {limit} characters (it has {count}).").format(
                limit=TITLE_MAX, count=len(name)
            )
        )
    found = split_skills(skills, aliases)
    if not found:
        raise ChecklistError(_("Name at least one skill this item shows, separated by commas."))
    if status not in STATUSES:
        raise ChecklistError(_("Pick a status: {statuses}.").format(statuses=", ".join(STATUSES)))
    state: ChecklistStatus = status
    link = check_evidence(evidence)
    if old is None:
        old = ChecklistItem(id=new_id(), title=name, created=now, order=order)
    done_at = (old.done_at or now) if state == "done" else None
    return replace(
        old,
        title=name,
        skills=found,
        status=state,
        evidence=link,
        notes=clean(notes).strip(),
        done_at=done_at,
    )


class ChecklistItemDialog(Dialog[ChecklistItem | None]):
    """The form for a new item (``item=None``) or an existing one."""

    AUTO_FOCUS = "#item-title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="checklist_item.cancel"),
        Binding("ctrl+s", "save", _("Save"), id="checklist_item.save"),
    ]
    DEFAULT_CSS = """
    ChecklistItemDialog > VerticalScroll { width: 80; padding: 0 2; }
    ChecklistItemDialog .form-title { text-style: bold; margin-bottom: 1; }
    ChecklistItemDialog .form-label { margin-top: 1; }
    ChecklistItemDialog .form-hint { color: $text-muted; }
    ChecklistItemDialog #item-notes { height: 5; }
    ChecklistItemDialog #item-status { width: 24; }
    ChecklistItemDialog #form-error {
        color: $error; text-style: bold; margin-top: 1; height: auto;
    }
    ChecklistItemDialog Horizontal { height: auto; margin-top: 1; }
    ChecklistItemDialog Button { margin-right: 2; }
    """

    def __init__(
        self,
        item: ChecklistItem | None,
        now: datetime,
        aliases: Mapping[str, str] | None = None,
        order: int = 0,
    ) -> None:
        super().__init__()
        self.item = item
        self.now = now
        self.aliases = dict(aliases or {})
        self.order = order

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll():
            heading = _("Edit checklist item") if item else _("New checklist item")
            yield Static(Text(heading), classes="form-title")
            yield Label(_("Title"), classes="form-label")
            yield Input(item.title if item else "", id="item-title")
            yield Label(_("Skills (comma separated)"), classes="form-label")
            yield Input(", ".join(item.skills) if item else "", id="item-skills")
            yield Static(Text(""), id="item-skills-preview", classes="form-hint")
            yield Label(_("Status"), classes="form-label")
            yield Select(
                [(Text(_(STATUS_NAMES[s])), s) for s in STATUSES],
                value=item.status if item else "todo",
                allow_blank=False,
                id="item-status",
            )
            yield Label(_("Evidence: portfolio link or sample file path"), classes="form-label")
            yield Input(item.evidence if item else "", id="item-evidence")
            yield Label(_("Notes"), classes="form-label")
            yield TextArea(item.notes if item else "", id="item-notes")
            if item is not None:
                created = _("Created {date}").format(
                    date=format_date(item.created) if item.created else "-"
                )
                if item.done_at:
                    created += ", " + _("done {date}").format(date=format_date(item.done_at))
                yield Static(Text(created), classes="form-hint")
            yield Static(Text(""), id="form-error")
            with Horizontal():
                yield Button(_("Save"), id="form-save", variant="primary")
                yield Button(_("Cancel"), id="form-cancel")

    def on_mount(self) -> None:
        self._preview(self.query_one("#item-skills", Input).value)

    def _preview(self, text: str) -> None:
        found = split_skills(text, self.aliases)
        shown = Text(_("Saved as: {skills}").format(skills=", ".join(found))) if found else Text("")
        self.query_one("#item-skills-preview", Static).update(shown)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "item-skills":
            self._preview(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        status = self.query_one("#item-status", Select).value
        try:
            item = build_item(
                title=self.query_one("#item-title", Input).value,
                skills=self.query_one("#item-skills", Input).value,
                status=status if isinstance(status, str) else "",
                evidence=self.query_one("#item-evidence", Input).value,
                notes=self.query_one("#item-notes", TextArea).text,
                now=self.now,
                old=self.item,
                aliases=self.aliases,
                order=self.order,
            )
        except ChecklistError as err:
            self.query_one("#form-error", Static).update(Text(str(err)))
            return
        self.dismiss(item)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EvidenceDialog(FormDialog[str | None]):
    """Marking an item done: where a client can see it (a link or a sample file; optional).

    Dismisses with the checked link ("" when left empty), or None to keep the old status.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="checklist_done.cancel"),
    ]
    DEFAULT_CSS = """
    EvidenceDialog > Vertical { width: 76; padding: 0 1; }
    EvidenceDialog #evidence-error { color: $error; height: auto; }
    EvidenceDialog Horizontal { height: auto; }
    EvidenceDialog Button { margin-right: 2; }
    """
    SAVE_ID = "evidence-save"
    ERROR_ID = "evidence-error"

    def __init__(self, item: ChecklistItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        head = Text(_("Done: "), style="bold")
        head.append(clean_line(self.item.title))
        with Vertical():
            yield Static(head)
            yield Label(_("Where can a client see it? A link or a sample file (optional)"))
            yield Input(self.item.evidence, placeholder="https://…", id="evidence-link")
            yield Static(id="evidence-error")
            with Horizontal():
                yield Button(_("Mark done"), id="evidence-save", variant="primary")
                yield Button(_("Cancel"), id="evidence-cancel")

    def on_mount(self) -> None:
        self.query_one("#evidence-link", Input).focus()

    def submit(self) -> None:
        try:
            link = check_evidence(self.query_one("#evidence-link", Input).value)
        except ChecklistError as err:
            self.show_error(str(err))
            return
        self.dismiss(link)
