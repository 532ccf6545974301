"""An empty screen that says what to do next."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class EmptyState(Static):
    DEFAULT_CSS = """
    EmptyState { width: 1fr; height: auto; padding: 2 4; color: $text-muted; }
    """

    def __init__(self, headline: str, *hints: str, id: str | None = None) -> None:
        text = Text()
        text.append(headline + "\n\n", style="bold")
        for hint in hints:
            text.append(f"• {hint}\n")
        super().__init__(text, id=id)
