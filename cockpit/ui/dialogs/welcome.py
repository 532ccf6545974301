"""First run: explain the panes, ask what scoring needs, and offer the first steps."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from cockpit.feeds.suggestions import AUDIO_FEEDS
from cockpit.i18n import N_, _
from cockpit.models import Profile
from cockpit.ui.dialogs.base import Dialog, FormDialog
from cockpit.ui.dialogs.proposal_profile import parse_profile
from cockpit.wallet import WalletError, parse_amount

WELCOME = N_("""Cockpit keeps your freelance job hunt in one keyboard-driven place:

  1 Inbox       jobs from feeds (and jobs you paste), triaged fast
  2 Proposals   drafts with templates and lint, and what happened to each bid
  3 Wallet      your Connects: what you have, what expires, what each bid bought
  4 Portfolio   what clients ask for, and what to add to your portfolio next

Upwork closed its RSS feeds in 2024: paste Upwork jobs with a in the Inbox.
Everything stays on this computer. Press ? any time for every key.""")


# Feeds that suit an audio editor: (what, URL, how to use it). The Freelancer.com
# shape is the one the demo's Freelancer feed carries (demo/templates/freelancer.rss);
# We Work Remotely has no audio category, so its all-jobs feed goes with a rule.
def audio_feed_lines() -> Text:
    """The audio-editor feed suggestions as shown in the welcome."""
    text = Text()
    text.append(_("Feeds for an audio editor (add one with f):") + "\n", style="bold")
    for what, url, how in AUDIO_FEEDS:
        text.append(f"  {_(what)}\n")
        text.append(f"    {url}\n", style="cyan")
        if how:
            text.append(f"    {_(how)}\n", style="dim")
    text.append("  " + _("or press d: the demo's feeds are audio and podcast jobs"), style="dim")
    return text


class WelcomeScreen(Dialog[str]):
    """Dismisses with the chosen step: demo, feed, opml, connects or close.

    The profile step (p) is done here, on top of the welcome, which then stays
    open for the next step.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "profile", _("Your skills, country and rate"), id="welcome.profile"),
        Binding("d", "choose('demo')", _("Explore demo data"), id="welcome.demo"),
        Binding("f", "choose('feed')", _("Add a feed"), id="welcome.feed"),
        Binding("o", "choose('opml')", _("Import OPML"), id="welcome.opml"),
        Binding("c", "choose('connects')", _("Set up Connects"), id="welcome.connects"),
        Binding("escape", "choose('close')", _("Close"), id="welcome.close"),
    ]
    DEFAULT_CSS = """
    WelcomeScreen > VerticalScroll { width: 84; }
    WelcomeScreen #welcome-steps, WelcomeScreen #welcome-feeds { margin-top: 1; }
    WelcomeScreen #welcome-profile { color: $success; display: none; }
    WelcomeScreen #welcome-profile.-saved { display: block; }
    """

    def compose(self) -> ComposeResult:
        steps = Text()
        for key, what in (
            ("p", _("your skills, country and hourly rate: jobs are scored against them")),
            ("d", _("explore the demo (a separate throwaway store; yours stays untouched)")),
            ("f", _("add a job feed (examples inside)")),
            ("o", _("import feeds from an OPML file")),
            ("c", _("set your Connects starting balance and plan")),
            ("escape", _("close; this welcome goes away once you have a feed or Connects")),
        ):
            steps.append(f"  {key:<8}", style="bold cyan")
            steps.append(f"{what}\n")
        with VerticalScroll():
            yield Static(Text(_("Welcome to Cockpit"), style="bold"))
            yield Static(Text(_(WELCOME)))
            yield Static(steps, id="welcome-steps")
            yield Static("", id="welcome-profile")
            yield Static(audio_feed_lines(), id="welcome-feeds")

    def action_choose(self, step: str) -> None:
        self.dismiss(step)

    class ProfileWanted(Message):
        """`p`: the app opens the profile step on top and saves what it returns."""

        def __init__(self, welcome: WelcomeScreen) -> None:
            super().__init__()
            self.welcome = welcome

    def action_profile(self) -> None:
        self.post_message(self.ProfileWanted(self))

    def profile_saved(self, profile: Profile) -> None:
        done = _("✓ Profile saved: {count} skills. Change it any time with P in Proposals.")
        status = self.query_one("#welcome-profile", Static)
        status.update(Text(done.format(count=len(profile.skills))))
        status.add_class("-saved")


class FirstProfileDialog(FormDialog[Profile | None]):
    """Skills, country and hourly rate: what scoring and verdicts need. Can be skipped.

    Parsed as P parses them; closes with ``profile`` (the stored one) carrying the new
    three fields, which the app saves.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", _("Skip"), id="first_profile.skip")
    ]
    DEFAULT_CSS = """
    FirstProfileDialog > VerticalScroll { width: 76; padding: 0 1; }
    FirstProfileDialog #first-profile-error { color: $error; height: auto; }
    FirstProfileDialog Horizontal { height: auto; margin-top: 1; }
    FirstProfileDialog Button { margin-right: 2; }
    """
    FIELDS = ("skills", "country", "rate")
    SAVE_ID = "first-profile-save"
    ERROR_ID = "first-profile-error"

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(
                Text(_("What you do: jobs are scored against your skills (enter: next field)"))
            )
            yield Label(_("Skills, comma separated"))
            yield Input(id="first-profile-skills", placeholder="Audio Editing, Mixing, Podcast")
            yield Label(_("Country you work from (jobs only for other countries are flagged)"))
            yield Input(id="first-profile-country", placeholder="Indonesia")
            yield Label(_("Hourly rate in USD (optional)"))
            yield Input(id="first-profile-rate", placeholder="25")
            yield Static(id="first-profile-error")
            with Horizontal():
                yield Button(_("Save"), id="first-profile-save", variant="primary")
                yield Button(_("Skip"), id="first-profile-skip")

    def on_mount(self) -> None:
        self.query_one("#first-profile-skills", Input).focus()
        self._prefill(self.profile)  # shown again from the palette: start from what is saved

    def _prefill(self, profile: Profile) -> None:
        values = {
            "skills": ", ".join(profile.skills),
            "country": profile.country,
            "rate": "" if profile.rate is None else f"{profile.rate:g}",
        }
        for name, value in values.items():
            field = self.query_one(f"#first-profile-{name}", Input)
            if not field.value:  # never overwrite what was typed meanwhile
                field.value = value

    def action_skip(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        skills, country, rate = (
            self.query_one(f"#first-profile-{name}", Input).value for name in self.FIELDS
        )
        base = self.profile
        result = parse_profile(base.name, base.headline, skills, rate, base.portfolio_url, country)
        if isinstance(result, str):
            self.show_error(result)
            return
        self.dismiss(result)


class OpmlPathDialog(FormDialog[Path | None]):
    """Ask for an OPML file; the caller imports it on a worker."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="opml.cancel")
    ]
    DEFAULT_CSS = """
    OpmlPathDialog > Vertical { width: 76; }
    OpmlPathDialog #opml-error { color: $error; }
    """
    SAVE_ID = "opml-import"
    ERROR_ID = "opml-error"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Import feeds from an OPML file (most feed readers can export one)"))
            yield Input(placeholder="~/Downloads/feeds.opml", id="opml-path")
            yield Static("", id="opml-error")
            with Horizontal():
                yield Button(_("Import"), id="opml-import", variant="primary")
                yield Button(_("Cancel"), id="opml-cancel")

    def submit(self) -> None:
        raw = self.query_one("#opml-path", Input).value.strip()
        if not raw:
            self.show_error(_("Type the path of an .opml file."))
            return
        path = Path(raw).expanduser()
        if not path.is_file():
            self.show_error(_("No such file: {path}").format(path=path))
            return
        self.dismiss(path)


class ConnectsSetupDialog(FormDialog[tuple[int, str] | None]):
    """Starting balance and plan; returns (balance, plan)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", _("Cancel"), id="connects_setup.cancel")
    ]
    DEFAULT_CSS = """
    ConnectsSetupDialog > Vertical { width: 70; }
    ConnectsSetupDialog #connects-error { color: $error; }
    """
    SAVE_ID = "connects-save"
    ERROR_ID = "connects-error"

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

    def submit(self) -> None:
        raw = self.query_one("#connects-balance", Input).value
        try:
            balance = 0 if raw.strip() == "0" else parse_amount(raw)
        except WalletError as exc:
            self.show_error(str(exc))
            return
        plan = self.query_one("#connects-plan", Select).value
        self.dismiss((balance, str(plan)))
