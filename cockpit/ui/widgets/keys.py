"""List keys shared by every table and option list: j/k/g/G move as in the Inbox."""

from __future__ import annotations

from functools import cache
from typing import ClassVar, Generic, TypeVar

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import DataTable, OptionList

from cockpit.i18n import _

# Action name -> the key KeyTable and KeyOptionList give it. A pane that binds one of
# these keys itself (Wallet's g records a grant) keeps it, in the footer too: the list
# steps aside for that key only.
LIST_KEYS: dict[str, str] = {
    "list_down": "j",
    "list_up": "k",
    "list_top": "g",
    "list_bottom": "G",
}


CellType = TypeVar("CellType")


def _binding(action: str, text: str, binding_id: str) -> Binding:
    return Binding(LIST_KEYS[action], action, text, id=binding_id, show=False)


def _claimed_above(widget: Widget, action: str) -> bool:
    """True when an ancestor (the pane, dialog or app) binds the action's key to its own use.

    Read from the classes' public BINDINGS (not Textual's private binding map).
    """
    key = LIST_KEYS[action]
    node: DOMNode | None = widget.parent
    while node is not None:
        if key in _keys_bound(type(node)):
            return True
        node = node.parent
    return False


@cache
def _keys_bound(cls: type) -> frozenset[str]:
    keys: set[str] = set()
    for klass in cls.__mro__:
        for binding in klass.__dict__.get("BINDINGS", ()):
            spec = binding.key if isinstance(binding, Binding) else binding[0]
            keys.update(k.strip() for k in str(spec).split(","))
    return frozenset(keys)


class KeyTable(DataTable[CellType], Generic[CellType]):
    """A DataTable that also moves with j/k (down/up) and g/G (first/last row)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _binding("list_down", _("Next row"), "list.next"),
        _binding("list_up", _("Previous row"), "list.previous"),
        _binding("list_top", _("First row"), "list.first"),
        _binding("list_bottom", _("Last row"), "list.last"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False (not None) hides the binding, so the footer shows the pane's key and the
        # key press goes on up the chain to the pane.
        if action in LIST_KEYS and _claimed_above(self, action):
            return False
        return super().check_action(action, parameters)

    def action_list_down(self) -> None:
        self.action_cursor_down()

    def action_list_up(self) -> None:
        self.action_cursor_up()

    def action_list_top(self) -> None:
        self.action_scroll_top()

    def action_list_bottom(self) -> None:
        self.action_scroll_bottom()


class KeyOptionList(OptionList):
    """An OptionList that also moves with j/k and g/G (for dialogs and the sidebar)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _binding("list_down", _("Next row"), "list.option_next"),
        _binding("list_up", _("Previous row"), "list.option_previous"),
        _binding("list_top", _("First row"), "list.option_first"),
        _binding("list_bottom", _("Last row"), "list.option_last"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIST_KEYS and _claimed_above(self, action):
            return False
        return super().check_action(action, parameters)

    def action_list_down(self) -> None:
        self.action_cursor_down()

    def action_list_up(self) -> None:
        self.action_cursor_up()

    def action_list_top(self) -> None:
        self.action_first()

    def action_list_bottom(self) -> None:
        self.action_last()
