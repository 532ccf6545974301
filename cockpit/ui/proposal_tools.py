"""The Proposals pane's base: data, selection, and the text tools (copy, $EDITOR,
templates, snippets, profile, stats, export). The pipeline lives in proposals.py.
"""

from __future__ import annotations

from textual import work
from textual.widgets import ContentSwitcher

from cockpit.i18n import _, format_number
from cockpit.models import Job, Profile, Proposal, Snippet, Template
from cockpit.proposals import fill, ops, outcome_stats, recent_openings
from cockpit.text import clean_line
from cockpit.ui.dialogs.proposal_profile import ProfileDialog
from cockpit.ui.dialogs.proposal_snippets import SnippetsDialog
from cockpit.ui.dialogs.proposal_stats import ProposalStatsScreen
from cockpit.ui.dialogs.proposal_templates import TemplatesDialog
from cockpit.ui.dialogs.writes import list_writes
from cockpit.ui.messages import DataKind
from cockpit.ui.pane import Pane
from cockpit.ui.proposal_editor import ExternalEditorError, ProposalEditor, edit_externally

EXPORT_FOLDER = "exports"


class ProposalToolsPane(Pane):
    """Everything that acts on the open proposal's text, shared by the pane."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ops.PaneData | None = None

    def _apply(self, data: ops.PaneData) -> None:
        """Show freshly loaded data (the pane draws its lists here)."""
        self.data = data

    def _selected(self) -> Proposal | None:
        """The proposal a key acts on; the pane refines this with its lists."""
        return self.editor.proposal

    def _show(self, p: Proposal) -> None:
        assert self.data is not None
        recent = recent_openings(self.data.proposals, p.id, settings=self.data.settings)
        self.query_one("#proposals-right", ContentSwitcher).current = "proposal-editor"
        self.editor.load(p, self._job(p), self.data.settings, recent)

    @property
    def editor(self) -> ProposalEditor:
        return self.query_one("#proposal-editor", ProposalEditor)

    @work(thread=True, exit_on_error=False, group="proposals-load")
    def reload(self) -> None:
        data = ops.load(self.store)
        self.deliver(self._apply, data)

    def _proposal(self, proposal_id: str | None) -> Proposal | None:
        if self.data is None or proposal_id is None:
            return None
        return next((p for p in self.data.proposals if p.id == proposal_id), None)

    def _job(self, p: Proposal) -> Job | None:
        return self.data.jobs.get(p.job_id) if self.data else None

    def _title(self, p: Proposal) -> str:
        job = self._job(p)
        return clean_line(job.title) if job else _("(job {id} gone)").format(id=p.job_id[:8])

    def _need_selected(self) -> Proposal | None:
        p = self._selected()
        if p is None:
            self.notify(
                _("Pick a proposal first (or press p on a job in the Inbox)."),
                severity="warning",
                markup=False,
            )
        return p

    def _changed(self, *kinds: DataKind) -> None:
        self.reload()
        self.changed(*kinds)

    def action_job(self) -> None:
        p = self._need_selected()
        if p is not None:
            self._show(p)
            self.editor.toggle_details()

    # -- text tools ----------------------------------------------------------------
    def _draft_open(self) -> Proposal | None:
        p = self.editor.proposal
        if p is None:
            self.notify(
                _("Open a draft first: press p on a job in the Inbox."),
                severity="warning",
                markup=False,
            )
            return None
        if p.state != "draft":
            self.notify(
                _("This proposal was sent; only drafts can be changed."),
                severity="warning",
                markup=False,
            )
            return None
        return p

    def action_copy(self) -> None:
        if self.editor.proposal is None:
            self.notify(
                _("Nothing to copy: no proposal is open."), severity="warning", markup=False
            )
            return
        text = self.editor.text
        self.app.copy_to_clipboard(text)
        self.notify(
            _("Copied {count} characters to the clipboard.").format(count=format_number(len(text))),
            markup=False,
        )

    def action_external_edit(self) -> None:
        if self._draft_open() is None:
            return
        self.editor.flush()
        before = self.editor.text
        try:
            after = edit_externally(self.app, before)
        except ExternalEditorError as err:
            self.notify(str(err), title="$EDITOR", severity="error", timeout=10, markup=False)
            return
        if after == before:
            self.notify(_("No changes from the editor."), markup=False)
            return
        self.editor.replace_text(after)
        self.notify(_("Reloaded the draft from your editor."), markup=False)

    def action_templates(self) -> None:
        if self.data is None:
            return
        can_use = self.editor.proposal is not None and self.editor.proposal.state == "draft"
        self.app.push_screen(
            TemplatesDialog(
                self.data.templates,
                list_writes(self.store_do, lambda: self.store.templates),
                can_use=can_use,
            ),
            self._template_chosen,
        )

    def _template_chosen(self, template: Template | None) -> None:
        self.reload()  # the library may have changed
        p = self._draft_open() if template is not None else None
        if template is None or p is None or self.data is None:
            return
        job = self._job(p)
        if job is None:
            self.notify(_("The job is gone; nothing to fill the template from."), markup=False)
            return
        text = fill(template.body, job, self.data.profile, self.data.checklist).text
        self.editor.replace_text(text)
        self.store_do(ops.set_template, self.store, p.id, template.id, text, self.cockpit.now())
        self.notify(
            _("Draft refilled from “{name}”.").format(name=clean_line(template.name)), markup=False
        )

    def action_snippets(self) -> None:
        if self.data is None:
            return
        p = self.editor.proposal
        can_use = p is not None and p.state == "draft"
        self.app.push_screen(
            SnippetsDialog(
                self.data.snippets,
                list_writes(self.store_do, lambda: self.store.snippets),
                can_use=can_use,
            ),
            self._snippet_chosen,
        )

    def _snippet_chosen(self, snippet: Snippet | None) -> None:
        self.reload()
        p = self._draft_open() if snippet is not None else None
        if snippet is None or p is None or self.data is None:
            return
        job = self._job(p)
        body = snippet.body
        if job is not None:
            body = fill(body, job, self.data.profile, self.data.checklist).text
        self.editor.insert_at_cursor(body)

    def action_profile(self) -> None:
        if self.data is None:
            return

        self.app.push_screen(ProfileDialog(self.data.profile), self._save_profile)

    def _save_profile(self, profile: Profile | None) -> None:
        if profile is None:
            return

        def saved(_result: None) -> None:
            self.notify(_("Profile saved."), markup=False)
            self._changed(DataKind.PROFILE)  # rescores the Inbox; verdicts check the country

        self.store_do(self.store.profile.save, profile, then=saved)

    def action_stats(self) -> None:
        if self.data is None:
            return
        stats = outcome_stats(self.data.proposals, self.data.jobs, self.data.settings)
        names = {t.id: t.name for t in self.data.templates}
        self.app.push_screen(ProposalStatsScreen(stats, names))

    def action_export(self) -> None:
        p = self._need_selected()
        if p is not None:
            self.editor.flush()
            self._export(p.id)

    @work(thread=True, exit_on_error=False, group="proposals-export")
    def _export(self, proposal_id: str) -> None:
        self.store.run_write(lambda: None)  # the last autosave is on disk first
        try:
            path = ops.export(self.store, proposal_id, self.cockpit.paths.data / EXPORT_FOLDER)
        except OSError as exc:
            self.deliver(
                self.notify,
                _("Export failed: {error}").format(error=exc),
                severity="error",
                markup=False,
            )
            return
        self.deliver(
            self.notify,
            _("Exported to {path}").format(path=path),
            title="Markdown",
            timeout=10,
            markup=False,
        )
