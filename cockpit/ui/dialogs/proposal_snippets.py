"""The snippet library: reusable paragraphs, inserted at the cursor from a picker."""

from __future__ import annotations

from cockpit.i18n import N_
from cockpit.models import Snippet, new_id
from cockpit.ui.dialogs.proposal_templates import LibraryDialog


class SnippetsDialog(LibraryDialog[Snippet]):
    """Dismisses with the snippet to insert, or None."""

    KIND = N_("snippet")
    LIST_TITLE = N_("Snippets")
    USE_LABEL = N_("Insert at cursor")
    # TRANSLATORS: {job_title} is a placeholder name; keep it as written.
    HINT = N_(
        "Enter on a name inserts it; placeholders such as {job_title} are filled for the job."
    )

    def _make(self, name: str, body: str) -> Snippet:
        return Snippet(id=new_id(), name=name, body=body)
