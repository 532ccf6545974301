"""The Portfolio's Checklist tab: its rows, head and detail lines, and the verbs (new, edit,
delete, next status, reorder), each saved on the writer in one flush.

Owned by PortfolioPane as ``pane.checklist``: the pane keeps the keys and delegates here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable, Static

from cockpit.i18n import N_, _, format_date
from cockpit.models import ChecklistItem, ChecklistStatus
from cockpit.skills import normalize_all
from cockpit.text import clean, clean_line
from cockpit.ui.dialogs.checklist_item import STATUSES, ChecklistItemDialog, EvidenceDialog
from cockpit.ui.dialogs.confirm import ConfirmDialog
from cockpit.ui.messages import DataKind

if TYPE_CHECKING:
    from cockpit.ui.portfolio import PortfolioPane

STATUS_MARK: dict[str, tuple[str, str]] = {
    "todo": ("[ ] ", "yellow"),
    "doing": ("[~] ", "cyan"),
    "done": ("[x] ", "green"),
}
STATUS_LABELS: dict[str, str] = {"todo": N_("todo"), "doing": N_("doing"), "done": N_("done")}


def status_label(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return _(label) if label else status


def sorted_items(items: list[ChecklistItem]) -> list[ChecklistItem]:
    return sorted(items, key=lambda i: (i.order, i.created.isoformat() if i.created else "", i.id))


def checklist_cells(
    index: int, item: ChecklistItem, aliases: Mapping[str, str] | None = None
) -> tuple[Text, ...]:
    """One checklist row; skills shown as the analysis counts them."""
    box, style = STATUS_MARK.get(item.status, ("", ""))
    mark = box + status_label(item.status)
    evidence = clean_line(item.evidence)
    title = clean_line(item.title)
    return (
        Text(str(index + 1), justify="right"),
        Text(mark, style=style),
        Text(title if len(title) <= 50 else title[:49] + "…"),
        Text(", ".join(normalize_all(item.skills, aliases))),
        Text(evidence if len(evidence) <= 36 else evidence[:35] + "…"),
        Text(format_date(item.done_at) if item.done_at else "-"),
    )


class PortfolioChecklist:
    def __init__(self, pane: PortfolioPane) -> None:
        self.pane = pane
        self.items: list[ChecklistItem] = []
        self._select_next: str | None = None

    @property
    def table(self) -> DataTable[Text]:
        return self.pane.query_one("#checklist-table", DataTable)

    # -- drawing -------------------------------------------------------------------
    def show(self, items: list[ChecklistItem]) -> None:
        self.items = sorted_items(items)
        self.fill()

    def fill_head(self) -> None:
        counts = {s: sum(1 for i in self.items if i.status == s) for s in STATUSES}
        head = Text(" · ".join(f"{n} {status_label(s)}" for s, n in counts.items()))
        analysis = self.pane.analysis
        if analysis is not None:
            head.append(
                " · "
                + _("done items cover {share}% of the last {days} days' skill demand").format(
                    share=f"{analysis.coverage * 100:.0f}", days=analysis.days
                )
            )
        self.pane.query_one("#checklist-head", Static).update(head)

    def fill(self) -> None:
        table = self.table
        selected = self._select_next or self.selected_item_id()
        self._select_next = None
        table.clear()
        aliases = self.pane.settings.skill_aliases
        for index, item in enumerate(self.items):
            table.add_row(*checklist_cells(index, item, aliases), key=item.id)
        empty = not self.items
        self.pane.query_one("#portfolio-empty").display = empty
        was_hidden = not table.display
        table.display = not empty
        for index, item in enumerate(self.items):
            if item.id == selected:
                table.move_cursor(row=index)
        if was_hidden and not empty and self.pane.has_focus:
            table.focus()
        self.fill_head()
        self.show_detail()

    def selected_item_id(self) -> str | None:
        item = self.selected_item()
        return item.id if item else None

    def selected_item(self) -> ChecklistItem | None:
        table = self.table
        if not self.items or not table.row_count:
            return None
        return self.items[min(max(table.cursor_row, 0), len(self.items) - 1)]

    def show_detail(self) -> None:
        item = self.selected_item()
        text = Text()
        if item is not None:
            created = format_date(item.created) if item.created else "-"
            text.append(_("Created {date}").format(date=created))
            if item.evidence:
                text.append(" · " + _("evidence:") + " ")
                text.append(clean_line(item.evidence), "underline")
            if item.notes:
                text.append("\n" + clean(item.notes))
        self.pane.query_one("#checklist-detail", Static).update(text)

    # -- saving --------------------------------------------------------------------
    def save(self, items: list[ChecklistItem], message: str = "", select: str = "") -> None:
        pane = self.pane
        # Kept at once, not when the write lands: a key pressed again right away (t, t)
        # must start from this change, not from the item as it was.
        known = {i.id: i for i in self.items} | {i.id: i for i in items}
        self.items = sorted_items(list(known.values()))

        def saved(_result: None) -> None:
            if message:
                pane.notify(message, title=_("Portfolio"), markup=False)
            self._select_next = select or None
            self.fill()
            pane.changed(DataKind.CHECKLIST)
            pane.reload()

        pane.store_do(self._save_many, items, then=saved)

    def _save_many(self, items: list[ChecklistItem]) -> None:
        """On the writer: one atomic flush for the lot."""
        store = self.pane.store
        with store.precious_batch():
            for item in items:
                store.checklist.save(item)

    def next_order(self) -> int:
        return max((i.order for i in self.items), default=-1) + 1

    # -- verbs ---------------------------------------------------------------------
    def _need_item(self) -> ChecklistItem | None:
        if self.pane.active_tab != "checklist":
            self.pane.action_show_tab("checklist")
        item = self.selected_item()
        if item is None:
            self.pane.notify(_("The checklist is empty: press n to add an item."), markup=False)
        return item

    def new_item(self) -> None:
        pane = self.pane
        if pane.cockpit.store is None:
            return
        pane.action_show_tab("checklist")
        dialog = ChecklistItemDialog(
            None, pane.cockpit.now(), pane.settings.skill_aliases, self.next_order()
        )
        pane.app.push_screen(dialog, self._edited)

    def edit_item(self) -> None:
        if (item := self._need_item()) is not None:
            pane = self.pane
            dialog = ChecklistItemDialog(item, pane.cockpit.now(), pane.settings.skill_aliases)
            pane.app.push_screen(dialog, self._edited)

    def _edited(self, item: ChecklistItem | None) -> None:
        if item is not None:
            self.save(
                [item], _("Saved “{title}”.").format(title=clean_line(item.title)), select=item.id
            )

    def delete_item(self) -> None:
        if (item := self._need_item()) is None:
            return
        pane = self.pane

        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def deleted(_result: bool) -> None:
                self.items = [i for i in self.items if i.id != item.id]
                pane.notify(
                    _("Deleted “{title}”.").format(title=clean_line(item.title)), markup=False
                )
                self.fill()
                pane.changed(DataKind.CHECKLIST)
                pane.reload()

            pane.store_do(pane.store.checklist.delete, item.id, then=deleted)

        # The title is user text: appended as plain Text, styled, between the halves.
        template = _("Delete the checklist item {title}? This cannot be undone. (y/n)")
        before, _sep, after = template.partition("{title}")
        question = Text(before)
        question.append(clean_line(item.title), "bold")
        question.append(after)
        dialog = ConfirmDialog(question, _("Delete"), _("Keep"), safe_no=True, danger=True)
        pane.app.push_screen(dialog, answered)

    def cycle_status(self, step: int = 1) -> None:
        if (item := self._need_item()) is None:
            return
        status: ChecklistStatus = STATUSES[(STATUSES.index(item.status) + step) % len(STATUSES)]
        done_at = (item.done_at or self.pane.cockpit.now()) if status == "done" else None
        if status == "done" and not item.evidence:
            # Done items carry the link a client can see (it may stay empty): ask for it.
            def chosen(link: str | None) -> None:
                if link is not None:
                    done = replace(item, status="done", done_at=done_at, evidence=link)
                    self.save([done], select=item.id)

            self.pane.app.push_screen(EvidenceDialog(item), chosen)
            return
        self.save([replace(item, status=status, done_at=done_at)], select=item.id)

    def move(self, step: int) -> None:
        if (item := self._need_item()) is None:
            return
        index = self.items.index(item)
        target = index + step
        if not 0 <= target < len(self.items):
            return
        ordered = list(self.items)
        ordered[index], ordered[target] = ordered[target], ordered[index]
        # Renumber all: older items may share an order number.
        changed = [replace(it, order=n) for n, it in enumerate(ordered) if it.order != n]
        self.save(changed, select=item.id)
