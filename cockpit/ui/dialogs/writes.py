"""What a dialog that edits a stored list (feeds, rules, templates, snippets) may ask of the
store, handed in by the pane that opens it. Dialogs never import the app nor touch the store:
form dialogs close with a value that the pane saves; list dialogs save each change as it is
made (through these), so a crash or a quit with the dialog open loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Then = Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class ListWrites:
    """``save(item, then)`` and ``delete(item_id, then)``: run on the store's writer; ``then``
    gets the result on the UI thread."""

    save: Callable[[Any, Then], None]
    delete: Callable[[str, Then], None]


def list_writes(run: Callable[..., None], repo: Callable[[], Any]) -> ListWrites:
    """``run`` is a pane's ``store_do``; ``repo`` names the repository (read when used)."""
    return ListWrites(
        save=lambda item, then: run(repo().save, item, then=then),
        delete=lambda item_id, then: run(repo().delete, item_id, then=then),
    )
