"""Who is writing: name, headline, skills, rate and portfolio link for placeholders."""

from __future__ import annotations

import math
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from cockpit.i18n import _
from cockpit.models import Profile
from cockpit.text import clean_line, safe_url
from cockpit.ui.dialogs.base import Dialog


def parse_profile(
    name: str, headline: str, skills: str, rate: str, url: str, country: str = ""
) -> Profile | str:
    """The profile, or a message saying which field is wrong."""
    rate_value: float | None = None
    if rate.strip():
        try:
            rate_value = float(rate.strip().lstrip("$").replace(",", ""))
        except ValueError:
            return _("The rate is a number of dollars per hour, like 25, not {text!r}.").format(
                text=rate.strip()
            )
        if not math.isfinite(rate_value) or rate_value < 0:
            return _("The rate is a number of dollars per hour of 0 or more.")
    link = url.strip()
    if link and safe_url(link) is None:
        return _("The portfolio link must start with http:// or https://.")
    parts = [clean_line(s) for s in skills.split(",")]
    return Profile(
        name=clean_line(name),
        headline=clean_line(headline),
        skills=list(dict.fromkeys(s for s in parts if s)),
        rate=rate_value,
        portfolio_url=safe_url(link) or "",
        country=clean_line(country),
    )


class ProfileDialog(Dialog[Profile | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="proposal_profile.cancel"),
    ]
    DEFAULT_CSS = """
    ProfileDialog > VerticalScroll { width: 76; padding: 0 1; }
    ProfileDialog #profile-error { color: $error; height: auto; }
    ProfileDialog Horizontal { height: auto; margin-top: 1; }
    ProfileDialog Button { margin-right: 2; }
    """

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        p = self.profile
        with VerticalScroll():  # scrolls on a 24-line terminal instead of hiding Save
            # TRANSLATORS: keep the {placeholders} as written: they are template names.
            yield Static(Text(_("Your profile (fills {my_name}, {skills}, {portfolio_link})")))
            yield Label(_("Name"))
            yield Input(p.name, id="profile-name", placeholder="Dewi Lestari")
            yield Label(_("Headline"))
            yield Input(p.headline, id="profile-headline", placeholder=_("Audio editor"))
            yield Label(_("Skills, comma separated"))
            yield Input(
                ", ".join(p.skills), id="profile-skills", placeholder="Audio Editing, Mixing"
            )
            yield Label(_("Hourly rate in USD (optional)"))
            yield Input("" if p.rate is None else f"{p.rate:g}", id="profile-rate")
            yield Label(_("Portfolio link"))
            yield Input(p.portfolio_url, id="profile-url", placeholder="https://...")
            yield Label(_("Country you work from (jobs only for other countries are flagged)"))
            yield Input(p.country, id="profile-country", placeholder="Indonesia")
            yield Static(id="profile-error")
            with Horizontal():
                yield Button(_("Save"), id="profile-save", variant="primary")
                yield Button(_("Cancel"), id="profile-cancel")

    def on_mount(self) -> None:
        self.query_one("#profile-name", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "profile-save":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        values = [
            self.query_one(f"#profile-{name}", Input).value
            for name in ("name", "headline", "skills", "rate", "url", "country")
        ]
        result = parse_profile(*values)
        if isinstance(result, str):
            self.query_one("#profile-error", Static).update(Text(result))
            return
        self.dismiss(result)  # the pane saves it
