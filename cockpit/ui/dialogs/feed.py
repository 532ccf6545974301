"""Manage feeds: add (with real board examples), rename, tag, enable/disable, remove, OPML import.

Each change is written at once through the store writer; the dialog returns
True when something changed so the inbox reloads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cockpit.feeds.sources import DEFAULT_INTERVAL, check_interval
from cockpit.feeds.suggestions import AUDIO_FEEDS
from cockpit.i18n import _, ngettext
from cockpit.models import Feed, new_id
from cockpit.text import clean_line
from cockpit.ui.dialogs.base import Dialog
from cockpit.ui.dialogs.writes import ListWrites
from cockpit.ui.messages import Delivers
from cockpit.ui.widgets.keys import KeyOptionList
from cockpit.ui.widgets.sidebar import feed_status

if TYPE_CHECKING:
    from cockpit.feeds.opml import FeedSpec

EXAMPLES = tuple(url for _what, url, _how in AUDIO_FEEDS)
MAX_OPML_BYTES = 5 * 1024 * 1024


def split_tags(raw: str) -> list[str]:
    return list(dict.fromkeys(t for t in (clean_line(p) for p in raw.split(",")) if t))


def check_new_url(raw: str, feeds: list[Feed], editing: str | None = None) -> str:
    """The normalised URL, or ValueError saying what is wrong with it."""
    from cockpit.feeds.sources import check_feed_url

    url = check_feed_url(raw)
    for feed in feeds:
        if feed.url == url and feed.id != editing:
            raise ValueError(
                _("You already have this feed: {name}.").format(name=clean_line(feed.label))
            )
    return url


def _label(feed: Feed) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(clean_line(feed.label) or _("(unnamed)"), style="bold" if feed.enabled else "dim")
    if feed.tags:
        text.append("  #" + " #".join(clean_line(t) for t in feed.tags), style="cyan")
    status, style = feed_status(feed)
    text.append(f"  {status}", style=style)
    text.append("\n  " + clean_line(feed.url), style="dim")
    return text


class FeedsDialog(Delivers, Dialog[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", _("Close"), id="feeds.close"),
    ]
    DEFAULT_CSS = """
    FeedsDialog > VerticalScroll { width: 100; border: round $accent; padding: 0 1; }
    FeedsDialog OptionList { height: auto; max-height: 12; margin-bottom: 1; }
    FeedsDialog Horizontal { height: auto; }
    FeedsDialog Horizontal Input { width: 1fr; }
    FeedsDialog Horizontal #feed-interval { width: 11; }  /* 4 digits and the cursor, unscrolled */
    FeedsDialog .feed-every-label { padding: 1 1 0 1; color: $text-muted; }
    FeedsDialog Button { margin-right: 1; }
    FeedsDialog #feeds-message { height: auto; margin: 1 0; }
    """

    def __init__(self, feeds: list[Feed], writes: ListWrites) -> None:
        super().__init__()
        self.writes = writes
        self.feeds = list(feeds)
        self.selected: str | None = None
        self.changed = False
        self._confirm_remove: str | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(_("Feeds"), style="bold"))
            yield KeyOptionList(id="feeds-list")
            yield Static(
                Text(
                    _("Add a job board's RSS/Atom feed. Examples:")
                    + "\n  "
                    + "\n  ".join(EXAMPLES),
                    style="dim",
                )
            )
            yield Input(
                placeholder=_("Feed URL, file, freelancer:QUERY or maildir:PATH"), id="feed-url"
            )
            yield Input(placeholder=_("Name (optional)"), id="feed-name")
            with Horizontal():
                yield Input(
                    placeholder=_("Tags, comma separated"),
                    id="feed-tags",
                )
                yield Label(_("Fetch at most every"), classes="feed-every-label")
                yield Input(str(DEFAULT_INTERVAL), type="integer", max_length=4, id="feed-interval")
                yield Label(_("min"), classes="feed-every-label")
            with Horizontal():
                yield Button(_("Add"), id="feed-add", variant="primary")
                yield Button(_("Save changes"), id="feed-save")
                yield Button(_("Enable/Disable"), id="feed-toggle")
                yield Button(_("Remove"), id="feed-remove", variant="error")
                yield Button(_("New"), id="feed-new")
            with Horizontal():
                yield Input(
                    placeholder=_("OPML file to import, e.g. {example}").format(
                        example="~/feeds.opml"
                    ),
                    id="feed-opml",
                )
                yield Button(_("Import OPML"), id="feed-import")
            yield Static("", id="feeds-message")
            yield Button(_("Close"), id="feeds-close")

    def on_mount(self) -> None:
        self._show_list()
        self.query_one("#feed-url", Input).focus()

    # -- list ----------------------------------------------------------------
    def _show_list(self) -> None:
        options = self.query_one("#feeds-list", OptionList)
        options.clear_options()
        if not self.feeds:
            options.add_option(
                Option(Text(_("No feeds yet: add one below."), style="dim"), disabled=True)
            )
        for feed in self.feeds:
            options.add_option(Option(_label(feed), id=feed.id))

    def _feed(self, feed_id: str | None) -> Feed | None:
        return next((f for f in self.feeds if f.id == feed_id), None)

    @on(OptionList.OptionHighlighted, "#feeds-list")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        feed = self._feed(event.option.id)
        if feed is None:
            return
        self.selected = feed.id
        self.query_one("#feed-url", Input).value = feed.url
        self.query_one("#feed-name", Input).value = feed.name
        self.query_one("#feed-tags", Input).value = ", ".join(feed.tags)
        self.query_one("#feed-interval", Input).value = str(feed.min_interval_minutes)

    def say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#feeds-message", Static).update(
            Text(message, style="bold red" if error else "green")
        )

    @property
    def message(self) -> str:
        return str(self.query_one("#feeds-message", Static).content)

    def _write(self, feed: Feed, note: str) -> None:
        def saved(_result: None) -> None:
            self.changed = True
            self.say(note)

        self.writes.save(feed, saved)
        self._show_list()

    # -- actions ----------------------------------------------------------------
    @on(Button.Pressed, "#feed-new")
    def new_feed(self) -> None:
        self.selected = None
        for name in ("#feed-url", "#feed-name", "#feed-tags"):
            self.query_one(name, Input).value = ""
        self.query_one("#feed-interval", Input).value = str(DEFAULT_INTERVAL)
        self.query_one("#feed-url", Input).focus()

    @on(Input.Submitted, "#feed-url")
    @on(Button.Pressed, "#feed-add")
    def add_feed(self) -> None:
        raw = self.query_one("#feed-url", Input).value
        try:
            url = check_new_url(raw, self.feeds)
            minutes = check_interval(self.query_one("#feed-interval", Input).value)
        except ValueError as err:
            self.say(_("Not added: {reason}").format(reason=err), error=True)
            return
        # No name typed: the feed's own title is used once it is fetched (the host until then).
        name = clean_line(self.query_one("#feed-name", Input).value)
        feed = Feed(
            id=new_id(),
            url=url,
            name=name,
            tags=split_tags(self.query_one("#feed-tags", Input).value),
            min_interval_minutes=minutes,
        )
        self.feeds.append(feed)
        self._write(
            feed, _("Added {name}. Press r in the inbox to fetch it.").format(name=feed.label)
        )
        self.new_feed()  # an empty form for the next one: typing never runs into the last URL

    @on(Button.Pressed, "#feed-save")
    def save_feed(self) -> None:
        feed = self._feed(self.selected)
        if feed is None:
            self.say(_("Pick a feed in the list first (or use Add for a new one)."), error=True)
            return
        try:
            url = check_new_url(
                self.query_one("#feed-url", Input).value, self.feeds, editing=feed.id
            )
            minutes = check_interval(self.query_one("#feed-interval", Input).value)
        except ValueError as err:
            self.say(_("Not saved: {reason}").format(reason=err), error=True)
            return
        if url != feed.url:  # a new address starts fresh: old cache headers would lie
            feed.url, feed.etag, feed.last_modified, feed.body_hash = url, "", "", ""
        feed.name = clean_line(self.query_one("#feed-name", Input).value)
        feed.tags = split_tags(self.query_one("#feed-tags", Input).value)
        feed.min_interval_minutes = minutes
        self._write(feed, _("Saved {name}.").format(name=clean_line(feed.label)))

    @on(Button.Pressed, "#feed-toggle")
    def toggle_feed(self) -> None:
        feed = self._feed(self.selected)
        if feed is None:
            self.say(_("Pick a feed in the list first."), error=True)
            return
        feed.enabled = not feed.enabled
        message = (
            _("{name} is enabled.") if feed.enabled else _("{name} is disabled: refresh skips it.")
        )
        self._write(feed, message.format(name=clean_line(feed.label)))

    def _imported_one(self, _result: object) -> None:
        self.changed = True

    @on(Button.Pressed, "#feed-remove")
    def remove_feed(self) -> None:
        feed = self._feed(self.selected)
        if feed is None:
            self.say(_("Pick a feed in the list first."), error=True)
            return
        if self._confirm_remove != feed.id:
            self._confirm_remove = feed.id
            self.say(
                _("Press Remove again to delete {name}. Its jobs stay in the inbox.").format(
                    name=clean_line(feed.label)
                ),
                error=True,
            )
            return
        self._confirm_remove = None
        self.feeds.remove(feed)
        self.selected = None

        def removed(_result: bool) -> None:
            self.changed = True
            self.say(_("Removed {name}.").format(name=clean_line(feed.name)))

        self.writes.delete(feed.id, removed)
        self._show_list()

    @on(Input.Submitted, "#feed-opml")
    @on(Button.Pressed, "#feed-import")
    def import_opml(self) -> None:
        raw = self.query_one("#feed-opml", Input).value.strip()
        if not raw:
            self.say(_("Type the path of an OPML file first."), error=True)
            return
        self.say(_("Importing…"))
        self._import(Path(raw).expanduser())

    @work(thread=True, exit_on_error=False, group="feeds-opml")
    def _import(self, path: Path) -> None:
        from cockpit.feeds.opml import read_opml

        try:
            if path.stat().st_size > MAX_OPML_BYTES:
                raise ValueError(_("the file is over 5 MiB; is it really an OPML file?"))
            read = read_opml(path.read_bytes())
        except OSError as err:
            message = _("Cannot read {path}: {error}.").format(path=path, error=err.strerror)
            self.deliver(self.say, message, error=True)
            return
        except ValueError as err:
            message = _("Not imported: {reason}").format(reason=err)
            self.deliver(self.say, message, error=True)
            return
        self.deliver(self._add_specs, read.specs, read.skipped_local)

    def _add_specs(self, specs: list[FeedSpec], skipped_local: int = 0) -> None:
        added: list[Feed] = []
        skipped: list[str] = []
        for spec in specs:
            try:
                url = check_new_url(spec.url, self.feeds)
            except ValueError as err:
                skipped.append(f"{clean_line(spec.url)[:60]}: {err}")
                continue
            feed = Feed(
                id=new_id(),
                url=url,
                name=clean_line(spec.name),
                tags=split_tags(",".join(spec.tags)),
            )
            self.feeds.append(feed)
            added.append(feed)
        for feed in added:
            self.writes.save(feed, self._imported_one)
        note = ngettext("Imported {count} feed", "Imported {count} feeds", len(added)).format(
            count=len(added)
        )
        note += "."
        if skipped:
            note += " " + _("Skipped {count}: {reasons}").format(
                count=len(skipped), reasons="; ".join(skipped[:3])
            )
        self.changed = self.changed or bool(added)
        if skipped_local:
            from cockpit.feeds.opml import skipped_local_message

            note += " " + skipped_local_message(skipped_local)
        self.say(note, error=not added)
        self._show_list()

    @on(Button.Pressed, "#feeds-close")
    def action_close(self) -> None:
        self.dismiss(self.changed)
