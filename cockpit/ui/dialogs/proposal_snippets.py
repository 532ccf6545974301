"""The snippet library: reusable paragraphs, inserted at the cursor from a picker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from cockpit.i18n import N_
from cockpit.models import Snippet, new_id
from cockpit.ui.dialogs.proposal_templates import LibraryDialog

if TYPE_CHECKING:
    from cockpit.ui.app import CockpitApp


class SnippetsDialog(LibraryDialog[Snippet]):
    """Dismisses with the snippet to insert, or None."""

    KIND = N_("snippet")
    LIST_TITLE = N_("Snippets")
    USE_LABEL = N_("Insert at cursor")
    # TRANSLATORS: {job_title} is a placeholder name; keep it as written.
    HINT = N_(
        "Enter on a name inserts it; placeholders such as {job_title} are filled for the job."
    )

    def _repo(self) -> Any:
        return cast("CockpitApp", self.app).store.snippets  # type: ignore[union-attr]

    def _make(self, name: str, body: str) -> Snippet:
        return Snippet(id=new_id(), name=name, body=body)
