"""Edit the user's skill aliases: one ``spelling = Skill`` per line.

They extend (and override) the built-in table in ``cockpit.skills``, so
"mix n master = Mixing & Mastering" makes both spellings one skill in every
demand figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from cockpit.i18n import _
from cockpit.skills import BUILTIN_ALIASES, fold
from cockpit.text import clean_line
from cockpit.ui.dialogs.base import Dialog

MAX_ALIASES = 1000


class AliasError(ValueError):
    """A line the dialog refuses, with a message meant for the user."""


def parse_aliases(text: str) -> dict[str, str]:
    """``spelling = Skill`` lines -> {spelling: Skill}; blank lines and ``#`` comments skipped."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_line(raw)
        if not line or line.startswith("#"):
            continue
        spelling, sep, skill = (part.strip() for part in line.partition("="))
        if not sep:
            raise AliasError(
                _("Line {number}: write it as 'spelling = Skill' (no '=' found).").format(
                    number=number
                )
            )
        if not fold(spelling) or not fold(skill):
            raise AliasError(
                _("Line {number}: both sides need letters or digits.").format(number=number)
            )
        if fold(spelling) in seen:
            raise AliasError(
                _("Line {number}: {spelling!r} is already given above.").format(
                    number=number, spelling=spelling
                )
            )
        seen.add(fold(spelling))
        out[spelling] = skill
    if len(out) > MAX_ALIASES:
        raise AliasError(
            _("At most {limit} aliases, please ({count} given).").format(
                limit=MAX_ALIASES, count=len(out)
            )
        )
    return out


def format_aliases(aliases: Mapping[str, str]) -> str:
    return "\n".join(f"{k} = {v}" for k, v in sorted(aliases.items(), key=lambda kv: fold(kv[0])))


class AliasesDialog(Dialog[dict[str, str] | None]):
    AUTO_FOCUS = "#aliases-text"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="checklist_aliases.cancel"),
        Binding("ctrl+s", "save", _("Save"), id="checklist_aliases.save"),
    ]
    DEFAULT_CSS = """
    AliasesDialog > Vertical { width: 80; padding: 0 2; }
    AliasesDialog .form-title { text-style: bold; }
    AliasesDialog .form-hint { color: $text-muted; margin-bottom: 1; }
    AliasesDialog #aliases-text { height: 14; }
    AliasesDialog #form-error { color: $error; text-style: bold; margin-top: 1; height: auto; }
    AliasesDialog Horizontal { height: auto; margin-top: 1; }
    AliasesDialog Button { margin-right: 2; }
    """

    def __init__(self, aliases: Mapping[str, str]) -> None:
        super().__init__()
        self.aliases = dict(aliases)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Skill aliases")), classes="form-title")
            yield Static(
                Text(
                    _("One per line: spelling = Skill (e.g. 'mix n master = Mixing & Mastering').")
                    + "\n"
                    + _(
                        "They add to {count} built-in spellings and win over them. ctrl+s saves."
                    ).format(count=len(BUILTIN_ALIASES))
                ),
                classes="form-hint",
            )
            yield TextArea(format_aliases(self.aliases), id="aliases-text")
            yield Static(Text(""), id="form-error")
            with Horizontal():
                yield Button(_("Save"), id="form-save", variant="primary")
                yield Button(_("Cancel"), id="form-cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        try:
            aliases = parse_aliases(self.query_one("#aliases-text", TextArea).text)
        except AliasError as err:
            self.query_one("#form-error", Static).update(Text(str(err)))
            return
        self.dismiss(aliases)

    def action_cancel(self) -> None:
        self.dismiss(None)
