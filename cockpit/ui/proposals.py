"""The Proposals pane: pipeline by state, follow-ups, and the cover-letter editor.

The pane keeps the keys, the filter and the pipeline verbs; ``lists`` (proposal_lists.py)
draws the two tables, ``ProposalToolsPane`` (proposal_tools.py) holds the data and the
text tools, and the store work is ``cockpit.proposals.ops``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, DataTable, Static

from cockpit.i18n import N_, _, format_date
from cockpit.models import Proposal, ProposalState, Settings
from cockpit.proposals import (
    STATES,
    TransitionError,
    check_transition,
    ops,
    state_label,
)
from cockpit.proposals.ops import SubmitInfo
from cockpit.ui.dialogs.confirm import ConfirmDialog
from cockpit.ui.dialogs.proposal_submit import SubmitDialog
from cockpit.ui.messages import DataKind
from cockpit.ui.proposal_editor import ProposalEditor
from cockpit.ui.proposal_lists import ProposalLists, row_key
from cockpit.ui.proposal_tools import ProposalToolsPane
from cockpit.ui.widgets.empty import EmptyState
from cockpit.ui.widgets.keys import KeyTable

SNOOZE_DAYS = 3

# key -> (state, help text); "s" opens the submit dialog instead of moving directly.
STATE_BINDINGS: tuple[tuple[str, ProposalState, str], ...] = (
    ("s", "submitted", N_("Submit (spend Connects)")),
    ("v", "viewed", N_("Mark viewed by the client")),
    ("i", "interview", N_("Mark interview")),
    ("h", "hired", N_("Mark hired")),
    ("d", "declined", N_("Mark declined")),
    ("n", "no_response", N_("Mark no response")),
    ("w", "withdrawn", N_("Mark withdrawn")),
    ("c", "job_cancelled", N_("Mark job cancelled (offers the refund)")),
)


class ProposalsPane(ProposalToolsPane):
    PANE_ID = "proposals"
    TITLE = _("Proposals")
    KEY = "2"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: these must also work while typing in the editor.
        Binding("ctrl+e", "external_edit", _("Edit in $EDITOR"), id="proposals.external_edit",
                priority=True),
        # Not ctrl+y (redo) nor ctrl+k (TextArea: delete to line end): no editor uses alt+c.
        Binding("alt+c", "copy", _("Copy text"), id="proposals.copy", priority=True),
        Binding("ctrl+t", "snippets", _("Snippets"), id="proposals.snippets", priority=True,
                tooltip=_("Insert a reusable paragraph at the cursor; add or edit snippets")),
        Binding("escape", "to_list", _("Back to the list"), id="proposals.to_list", show=False),
        Binding("e", "edit", _("Edit the selected proposal"), id="proposals.edit", show=False),
        *(
            # The footer names s shortly; help and the palette read the whole text.
            Binding(key, f"move('{state}')", _("Submit") if key == "s" else _(text),
                    id=f"proposals.{state}", show=key == "s", tooltip=_(text))
            for key, state, text in STATE_BINDINGS
        ),
        Binding("f", "filter", _("Filter"), id="proposals.filter",
                tooltip=_("Filter by state")),
        Binding("z", "snooze", _("Snooze follow-up {days} days").format(days=SNOOZE_DAYS),
                id="proposals.snooze", show=False),
        Binding("o", "job", _("Job details"), id="proposals.job", show=False),
        Binding("N", "new_draft", _("New second draft for this job"), id="proposals.new_draft",
                show=False),
        Binding("t", "templates", _("Templates"), id="proposals.templates", show=False,
                tooltip=_("List, add, edit and delete templates; refill the draft from one")),
        Binding("P", "profile", _("Profile"), id="proposals.profile", show=False,
                tooltip=_("Your name, headline, skills, rate and portfolio link")),
        Binding("b", "outbid", _("Record the boost as outbid"), id="proposals.outbid",
                show=False),
        Binding("x", "export", _("Export as Markdown"), id="proposals.export", show=False),
        Binding("a", "stats", _("Outcome stats"), id="proposals.stats", show=False,
                tooltip=_("Win rate overall, by category, by template and by opening")),
    ]  # fmt: skip

    DEFAULT_CSS = """
    ProposalsPane #proposals-body { height: 1fr; }
    ProposalsPane #proposals-side {
        width: 40%; min-width: 52; height: 1fr; border-right: vkey $panel;
    }
    ProposalsPane #proposals-counts { height: auto; padding: 0 1; }
    ProposalsPane #proposals-table { height: 1fr; }
    ProposalsPane #followups-title { height: 1; padding: 0 1; margin-top: 1; text-style: bold; }
    ProposalsPane #followups-table { height: 8; }
    ProposalsPane #proposals-right { width: 1fr; height: 1fr; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.filter: ProposalState | None = None
        self._want_open: str | None = None
        self._pending_job: str | None = None
        self.lists = ProposalLists(self)  # the pipeline and the follow-ups

    def compose(self) -> ComposeResult:
        with Horizontal(id="proposals-body"):
            with Vertical(id="proposals-side"):
                yield Static(id="proposals-counts")
                yield KeyTable(id="proposals-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="followups-title")
                yield KeyTable(id="followups-table", cursor_type="row")
            with ContentSwitcher(initial="proposals-empty", id="proposals-right"):
                yield EmptyState(
                    _("No proposal open."),
                    _("Pick a job in the Inbox (1) and press p to draft a proposal for it."),
                    _("Press t to edit templates, P for your profile, ctrl+t for snippets."),
                    id="proposals-empty",
                )
                yield ProposalEditor(self._autosave, id="proposal-editor")

    def on_mount(self) -> None:
        self.lists.render()

    def on_resize(self) -> None:
        self.call_after_refresh(self.lists.refit)

    def on_descendant_focus(self) -> None:
        # Narrow screens show the list or the editor, whichever has the focus.
        focused = self.screen.focused
        right = self.query_one("#proposals-right")
        self.set_class(focused is not None and right in focused.ancestors_with_self, "-editing")

    # -- widgets -----------------------------------------------------------------
    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#proposals-table", DataTable)

    @property
    def follow_table(self) -> DataTable[Text]:
        return self.query_one("#followups-table", DataTable)

    # -- loading -----------------------------------------------------------------
    def store_ready(self) -> None:
        self.reload()
        if self._pending_job is not None:
            job_id, self._pending_job = self._pending_job, None
            self.open_for_job(job_id)

    def data_changed(self, kind: DataKind) -> None:
        if kind in (DataKind.PROPOSALS, DataKind.JOBS, DataKind.SETTINGS, DataKind.CHECKLIST):
            self.reload()

    def pane_shown(self) -> None:
        if self.editor.proposal is not None and self.editor.area.has_focus:
            return
        self.table.focus()
        self._show_cursor_row()

    def _show_cursor_row(self) -> None:
        """With nothing open yet, show the proposal under the list cursor."""
        if self.editor.proposal is None:
            found = self._proposal(row_key(self.table))
            if found is not None:
                self._show(found)

    def _apply(self, data: ops.PaneData) -> None:
        super()._apply(data)
        self.lists.render()
        want, self._want_open = self._want_open, None
        current = self.editor.proposal
        target = want or (current.id if current else None)
        found = self._proposal(target) if target else None
        if found is not None:
            self._show(found)
            if want:
                self.lists.select_row(found.id)
                self.editor.area.focus()
        elif self.table.has_focus:
            self._show_cursor_row()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Follow the cursor only while the user is in the list; rebuilding the table
        # also moves the cursor, and that must not steal the editor.
        if not event.data_table.has_focus:
            return
        p = self._proposal(str(event.row_key.value))
        if p is not None and (self.editor.proposal is None or self.editor.proposal.id != p.id):
            self._show(p)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        p = self._proposal(str(event.row_key.value))
        if p is not None:
            self._show(p)
            self.editor.area.focus()

    def _selected(self) -> Proposal | None:
        """The proposal a key acts on: the focused list's row, else the one in the editor."""
        focused = self.screen.focused
        for table in (self.follow_table, self.table):
            if focused is table:
                return self._proposal(row_key(table))
        return self.editor.proposal

    # -- opening -----------------------------------------------------------------
    def open_for_job(self, job_id: str, force_new: bool = False) -> None:
        """Open the job's proposal (its draft first), or a new draft from the default template."""
        if self.cockpit.store is None:
            self._pending_job = job_id
            return
        self.store_do(
            ops.draft_for_job, self.store, job_id, self.cockpit.now(), force_new, then=self._opened
        )

    def _opened(self, result: Proposal | str) -> None:
        if isinstance(result, str):
            self.notify(result, severity="error", markup=False)
            return
        if self.filter is not None and self.filter != result.state:
            self.filter = None
        self._want_open = result.id
        self.reload()
        self.changed(DataKind.PROPOSALS)

    def _autosave(self, proposal_id: str, text: str) -> None:
        if self.cockpit.store is None:
            return
        self.store_do(ops.save_text, self.store, proposal_id, text, self.cockpit.now())

    # -- actions -------------------------------------------------------------------
    def action_edit(self) -> None:
        p = self._need_selected()
        if p is not None:
            self._show(p)
            self.add_class("-editing")  # narrow: the editor takes the list's place
            self.call_after_refresh(self.editor.area.focus)

    def action_to_list(self) -> None:
        self.editor.flush()
        self.table.focus()

    def action_new_draft(self) -> None:
        p = self._need_selected()
        if p is not None:
            self.open_for_job(p.job_id, force_new=True)

    def action_filter(self) -> None:
        order: list[ProposalState | None] = [None, *STATES]
        self.filter = order[(order.index(self.filter) + 1) % len(order)]
        self.lists.render()

    def action_move(self, to: ProposalState) -> None:
        p = self._need_selected()
        if p is None:
            return
        try:
            check_transition(p.state, to)
        except TransitionError as err:
            self.notify(str(err), title=_("Not changed"), severity="error", markup=False)
            return
        self.editor.flush()
        if to == "submitted":
            self._ask_submit(p)
            return
        self.store_do(
            ops.move, self.store, p.id, to, self.cockpit.now(), then=partial(self._moved, p)
        )

    def _moved(self, before: Proposal, result: tuple[Proposal, int] | str) -> None:
        if isinstance(result, str):
            self.notify(result, title=_("Not changed"), severity="error", markup=False)
            return
        moved, refundable = result
        self.notify(
            _("Marked {state}.").format(state=state_label(moved.state).lower()), markup=False
        )
        self._changed(DataKind.PROPOSALS)
        if refundable > 0:
            question = Text()
            question.append(_("The client cancelled before hiring?") + "\n\n", style="bold")
            question.append(
                _("Record a refund of {count} Connects spent on “{job}”.").format(
                    count=refundable, job=self._title(before)
                )
            )

            def answered(yes: bool | None) -> None:
                if yes:
                    self.store_do(
                        ops.refund,
                        self.store,
                        moved.id,
                        moved.job_id,
                        refundable,
                        self.cockpit.now(),
                        then=partial(self._refunded, refundable),
                    )

            self.app.push_screen(
                ConfirmDialog(question, _("Record refund"), _("No refund")), answered
            )

    def _refunded(self, amount: int, error: str | None) -> None:
        if error:
            self.notify(error, title=_("No refund"), severity="error", markup=False)
        else:
            self.notify(
                _("{count} Connects refunded to the wallet.").format(count=amount), markup=False
            )
            self._changed(DataKind.LEDGER)

    def _ask_submit(self, p: Proposal) -> None:
        self._load_balance(p)

    @work(thread=True, exit_on_error=False, group="proposals-balance")
    def _load_balance(self, p: Proposal) -> None:
        from cockpit.wallet import replay

        settings = self.store.settings.get()
        now = self.cockpit.now()
        balance = replay(self.store.ledger.all(), now, settings).balance
        info = ops.submit_info(self.store, p, now)
        self.deliver(self._push_submit, p, balance, settings, info)

    def _push_submit(self, p: Proposal, balance: int, settings: Settings, info: SubmitInfo) -> None:
        def record(
            cost: int, boost: int, invitation: bool, done: Callable[[str | None], None]
        ) -> None:
            now = self.cockpit.now()
            self.store_do(ops.submit, self.store, p.id, cost, boost, now, invitation, then=done)

        def closed(result: tuple[int, int] | None) -> None:
            if result is None:
                return
            cost, boost = result
            message = (
                _("Submitted: {cost} Connects + {boost} boost recorded.")
                if boost
                else _("Submitted: {cost} Connects recorded.")
                if cost
                else _("Submitted; no Connects spent.")
            )
            self.notify(message.format(cost=cost, boost=boost), markup=False)
            self._changed(DataKind.PROPOSALS, DataKind.LEDGER, DataKind.TRIAGE)

        dialog = SubmitDialog(self._title(p), balance, settings, record, p.connects_cost, info)
        self.app.push_screen(dialog, closed)

    def action_snooze(self) -> None:
        p = self._need_selected()
        if p is None:
            return
        if p.state not in ("submitted", "viewed"):
            self.notify(
                _("Only submitted or viewed proposals wait for a follow-up."),
                severity="warning",
                markup=False,
            )
            return
        until = self.cockpit.now() + timedelta(days=SNOOZE_DAYS)
        self.store_do(
            ops.snooze_until,
            self.store,
            p.id,
            until,
            then=lambda _result: self._snoozed(format_date(until)),
        )

    def _snoozed(self, when: str) -> None:
        self.notify(_("Snoozed until {date}.").format(date=when), markup=False)
        self._changed(DataKind.PROPOSALS)

    def action_outbid(self) -> None:
        p = self._need_selected()
        if p is not None:
            self.store_do(
                ops.mark_outbid, self.store, p.id, self.cockpit.now(), then=self._outbid_done
            )

    def _outbid_done(self, message: str) -> None:
        self.notify(message, markup=False)
        self._changed(DataKind.LEDGER)
