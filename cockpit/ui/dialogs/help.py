"""The `?` screen: every key of every pane, built from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from cockpit.i18n import _
from cockpit.ui.dialogs.base import Dialog

if TYPE_CHECKING:
    from cockpit.ui.pane import Pane


def _rows(bindings: Iterable[BindingType]) -> Iterable[tuple[str, str, str, str]]:
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            yield (
                binding.key_display or key_names(binding.key),
                binding.description,
                binding.tooltip,  # the footer's short words, said in full
                binding.id or "",
            )


KEY_NAMES = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "comma": ","}


def key_names(keys: str) -> str:
    """ "escape,q,question_mark" as a person reads it: "escape, q, ?"."""
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def key_table(title: str, bindings: Iterable[BindingType]) -> Text:
    text = Text()
    text.append(f"{title}\n", style="bold")
    for key, description, tooltip, binding_id in _rows(bindings):
        text.append(f"  {key:<14}", style="bold cyan")
        text.append(description)
        if tooltip:
            text.append(f" ({tooltip})")
        if binding_id:  # what to name in config/keymap.json to remap the key
            text.append(f"  {binding_id}", style="dim")
        text.append("\n")
    return text


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", _("Close"), id="help.close"),
    ]
    DEFAULT_CSS = """
    HelpScreen > VerticalScroll { width: 96; height: 1fr; border: round $accent; padding: 0 1; }
    """

    def __init__(self, app_bindings: Iterable[BindingType], panes: Iterable[type[Pane]]) -> None:
        super().__init__()
        self._app_bindings = list(app_bindings)
        self._panes = list(panes)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(key_table(_("Everywhere"), self._app_bindings), id="help-global")
            palette = Text(f"  {'ctrl+p':<14}", style="bold cyan")
            palette.append(_("Command palette: every verb by name") + "\n")
            yield Static(palette)
            for pane in self._panes:
                yield Static(key_table(f"{pane.TITLE} ({pane.KEY})", pane.BINDINGS))
            yield Static(
                Text(
                    _(
                        "Remap a key in config/keymap.json by its id, e.g. {example}. "
                        "Press escape to close."
                    ).format(example='{"inbox.shortlist": "f"}'),
                    style="dim",
                )
            )
