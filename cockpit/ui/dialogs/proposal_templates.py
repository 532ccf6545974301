"""Edit the template library: list, add, edit, delete; optionally use one in the draft.

``LibraryDialog`` also backs the snippet picker (proposal_snippets.py): both are named
bodies of text kept in the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from cockpit.i18n import N_, _
from cockpit.models import Snippet, Template, new_id
from cockpit.proposals import PLACEHOLDERS
from cockpit.text import clean, clean_line
from cockpit.ui.dialogs.base import Dialog
from cockpit.ui.dialogs.writes import ListWrites
from cockpit.ui.widgets.keys import KeyOptionList

Item = TypeVar("Item", Template, Snippet)


class LibraryDialog(Dialog[Item | None], Generic[Item]):
    """Named texts with an editor beside the list. Dismisses with the one to use, or None."""

    # Translated where shown: KIND fills sentences ("Give the {kind} a name.").
    KIND = N_("item")
    LIST_TITLE = N_("Items")
    USE_LABEL = N_("Use")
    MIN_ITEMS = 0
    HINT = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", _("Close"), id="proposal_library.close"),
    ]
    DEFAULT_CSS = """
    LibraryDialog > Vertical { width: 110; height: 34; padding: 0 1; }
    LibraryDialog #lib-main { height: 1fr; }
    LibraryDialog #lib-list { width: 32; height: 1fr; }
    LibraryDialog #lib-form { width: 1fr; height: 1fr; padding-left: 1; }
    LibraryDialog #lib-body { height: 1fr; }
    LibraryDialog #lib-message { height: auto; color: $warning; }
    LibraryDialog #lib-buttons { height: auto; }
    LibraryDialog Button { margin-right: 1; min-width: 10; }
    """

    def __init__(
        self,
        items: list[Item],
        writes: ListWrites,
        *,
        can_use: bool = True,
    ) -> None:
        super().__init__()
        self.writes = writes
        self.items: list[Item] = list(items)
        self.can_use = can_use
        self.current: Item | None = None
        self._pending_delete = ""

    # Subclasses name their model.
    def _make(self, name: str, body: str) -> Item:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_(self.LIST_TITLE), style="bold"))
            with Horizontal(id="lib-main"):
                yield KeyOptionList(id="lib-list")
                with Vertical(id="lib-form"):
                    yield Label(_("Name"))
                    yield Input(
                        id="lib-name", placeholder=_("Name of the {kind}").format(kind=self.kind)
                    )
                    yield TextArea(id="lib-body", soft_wrap=True)
                    if self.HINT:
                        yield Static(Text(self.hint, style="dim"))
            yield Static(id="lib-message")
            with Horizontal(id="lib-buttons"):
                if self.can_use:
                    yield Button(_(self.USE_LABEL), id="lib-use", variant="primary")
                yield Button(_("New"), id="lib-new")
                yield Button(_("Save"), id="lib-save", variant="success")
                yield Button(_("Delete"), id="lib-delete", variant="error")
                yield Button(_("Close"), id="lib-close")

    @property
    def kind(self) -> str:
        return _(self.KIND)

    @property
    def hint(self) -> str:
        return _(self.HINT)

    def on_mount(self) -> None:
        self._fill_list()
        if self.items:
            self._show(self.items[0])
            self.query_one("#lib-list", OptionList).focus()
        else:
            self._show(None)
            self.query_one("#lib-name", Input).focus()

    def _fill_list(self) -> None:
        options = self.query_one("#lib-list", OptionList)
        options.clear_options()
        options.add_options(
            Option(Text(clean_line(i.name) or _("(unnamed)")), id=i.id) for i in self.items
        )
        if self.current is not None:
            for index, item in enumerate(self.items):
                if item.id == self.current.id:
                    options.highlighted = index

    def _show(self, item: Item | None) -> None:
        self.current = item
        self._pending_delete = ""
        self.query_one("#lib-name", Input).value = item.name if item else ""
        self.query_one("#lib-body", TextArea).load_text(item.body if item else "")
        self._say(
            ""
            if item
            else _("A new {kind}: give it a name and a text, then Save.").format(kind=self.kind)
        )

    def _say(self, message: str) -> None:
        self.query_one("#lib-message", Static).update(Text(message))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        found = next((i for i in self.items if i.id == event.option.id), None)
        if found is not None and (self.current is None or found.id != self.current.id):
            self._show(found)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.can_use:
            self._use()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions: dict[str, Callable[[], None]] = {
            "lib-use": self._use,
            "lib-new": lambda: self._show(None),
            "lib-save": self._save,
            "lib-delete": self._delete,
            "lib-close": self.action_close,
        }
        actions.get(event.button.id or "", self.action_close)()

    def action_close(self) -> None:
        self.dismiss(None)

    def _form(self) -> tuple[str, str] | None:
        name = clean_line(self.query_one("#lib-name", Input).value)
        body = clean(self.query_one("#lib-body", TextArea).text).strip("\n")
        if not name:
            self._say(_("Give the {kind} a name.").format(kind=self.kind))
            return None
        if not body.strip():
            self._say(_("The {kind} has no text yet.").format(kind=self.kind))
            return None
        return name, body

    def _use(self) -> None:
        form = self._form()
        if form is None:
            return
        if self.current is None or (self.current.name, self.current.body) != form:
            self._say(
                _("Save the {kind} first, so what you use is what is kept.").format(kind=self.kind)
            )
            return
        self.dismiss(self.current)

    def _save(self) -> None:
        form = self._form()
        if form is None:
            return
        name, body = form
        if any(i.name.casefold() == name.casefold() and i is not self.current for i in self.items):
            self._say(
                _("Another {kind} is called {name!r}; pick a different name.").format(
                    kind=self.kind, name=name
                )
            )
            return
        item = self.current or self._make(name, body)
        item.name, item.body = name, body

        def saved(_result: None) -> None:
            if all(i.id != item.id for i in self.items):
                self.items.append(item)
            self.current = item
            self._fill_list()
            self._say(_("Saved {name!r}.").format(name=name))

        self.writes.save(item, saved)

    def _delete(self) -> None:
        item = self.current
        if item is None:
            self._say(_("Nothing to delete: pick one in the list."))
            return
        if len(self.items) <= self.MIN_ITEMS:
            self._say(
                _("Keep at least {count} {kind}: new drafts start from it.").format(
                    count=self.MIN_ITEMS, kind=self.kind
                )
            )
            return
        if self._pending_delete != item.id:
            self._pending_delete = item.id
            self._say(_("Press Delete again to delete {name!r}.").format(name=item.name))
            return

        def deleted(_result: bool) -> None:
            self.items = [i for i in self.items if i.id != item.id]
            self.current = None
            self._fill_list()
            self._show(self.items[0] if self.items else None)
            self._say(_("Deleted {name!r}.").format(name=item.name))

        self.writes.delete(item.id, deleted)


class TemplatesDialog(LibraryDialog[Template]):
    """Dismisses with the template to refill the open draft from, or None."""

    KIND = N_("template")
    LIST_TITLE = N_("Templates")
    USE_LABEL = N_("Use in draft")
    MIN_ITEMS = 1
    HINT = N_("Placeholders: {names}")

    @property
    def hint(self) -> str:
        return _(self.HINT).format(names=" ".join("{" + p + "}" for p in PLACEHOLDERS))

    def _make(self, name: str, body: str) -> Template:
        return Template(id=new_id(), name=name, body=body)
