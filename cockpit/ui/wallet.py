"""The Wallet pane: Connects balance, lots, history, months and what the Connects bought.

The ledger is append-only. Every form checks its line against a snapshot in
the dialog; the writer checks it again against the stored ledger before it
appends, and the pane only says "recorded" once that write is durable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Select, Static

from cockpit.i18n import N_, _, ngettext
from cockpit.models import LedgerEntry, Settings, changed_fields
from cockpit.store import Store
from cockpit.ui.dialogs.wallet_base import LedgerContext
from cockpit.ui.dialogs.wallet_files import ExportDialog, ImportDialog, read_ledger, write_ledger
from cockpit.ui.dialogs.wallet_forms import (
    AdjustmentDialog,
    GrantDialog,
    PurchaseDialog,
    SpendDialog,
)
from cockpit.ui.dialogs.wallet_refund import RefundDialog, ReverseDialog, refundable_jobs
from cockpit.ui.dialogs.wallet_settings import WalletSettingsDialog
from cockpit.ui.messages import DataKind
from cockpit.ui.pane import Pane
from cockpit.ui.wallet_view import (
    FILTERS,
    analytics_text,
    chart_series,
    headline_text,
    history_rows,
    lot_rows,
)
from cockpit.ui.widgets.charts import MonthlyChart
from cockpit.ui.widgets.empty import EmptyState
from cockpit.ui.widgets.keys import KeyTable
from cockpit.wallet import (
    Analytics,
    Forecast,
    MonthRow,
    check_entry,
    describe,
    forecast,
    merge_import,
    monthly_series,
    spend_analytics,
)

HISTORY_COLUMNS = (N_("Date"), N_("Kind"), N_("Connects"), N_("Balance"), N_("Details"), N_("Note"))
LOT_COLUMNS = (N_("Issued"), N_("From"), N_("Left"), N_("Expires"))
CHART_MONTHS = 6


@dataclass(slots=True)
class WalletData:
    ctx: LedgerContext
    forecast: Forecast
    months: list[MonthRow]
    analytics: Analytics


def load_wallet(store: Store, now: datetime) -> WalletData:
    """Everything the pane shows, computed off the UI thread."""
    entries = store.ledger.all()
    settings = store.settings.get()
    proposals = store.proposals.all()
    job_ids = {e.job_id for e in entries if e.job_id} | {p.job_id for p in proposals if p.job_id}
    jobs = {job_id: job for job_id in job_ids if (job := store.jobs.get(job_id)) is not None}
    ctx = LedgerContext(entries, settings, now, jobs=jobs, proposals=proposals)
    return WalletData(
        ctx=ctx,
        forecast=forecast(entries, now, settings),
        months=monthly_series(entries, now, CHART_MONTHS, settings),
        analytics=spend_analytics(entries, proposals, jobs, settings),
    )


class WalletPane(Pane):
    PANE_ID = "wallet"
    TITLE = _("Wallet")
    KEY = "3"
    BINDINGS: ClassVar[list[BindingType]] = [
        # The footer shows the shown keys in this order (fits 80 columns); `?` lists all.
        Binding(
            "n", "spend", _("Bid or boost"), id="wallet.spend", tooltip=_("Record a bid or boost")
        ),
        Binding("g", "grant", _("Grant"), id="wallet.grant", tooltip=_("Record a grant")),
        Binding(
            "b", "purchase", _("Purchase"), id="wallet.purchase", tooltip=_("Record a purchase")
        ),
        Binding("f", "refund", _("Refund"), id="wallet.refund", tooltip=_("Record a refund")),
        Binding("v", "reverse", _("Reverse the selected line"), id="wallet.reverse", show=False),
        Binding("a", "adjust", _("Adjust the balance"), id="wallet.adjust", show=False),
        Binding("t", "filter", _("Filter history by kind"), id="wallet.filter", show=False),
        Binding("e", "export", _("Export the ledger to CSV"), id="wallet.export", show=False),
        Binding("i", "import_csv", _("Import a ledger CSV"), id="wallet.import", show=False),
        Binding("s", "settings", _("Connects settings"), id="wallet.settings", show=False),
    ]
    DEFAULT_CSS = """
    WalletPane { padding: 0 1; }
    WalletPane #wallet-headline { height: auto; padding: 0 1; border: round $accent; }
    WalletPane #wallet-main { height: 1fr; }
    WalletPane #wallet-left { width: 1fr; }
    WalletPane #wallet-right { width: 62; padding-left: 1; }
    WalletPane .wallet-title { text-style: bold; margin-top: 1; }
    WalletPane #wallet-lots { height: auto; max-height: 9; }
    WalletPane #wallet-history-bar { height: auto; }
    WalletPane #wallet-history-bar Label { padding: 1 1 0 0; }
    WalletPane #wallet-filter { width: 28; }
    WalletPane #wallet-history { height: 1fr; }
    WalletPane #wallet-analytics { height: auto; }
    """
    can_focus = True  # so the keys work while the wallet is still empty

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: WalletData | None = None
        self.kind_filter = "all"
        self._select_next: str | None = None  # a line just recorded gets the cursor

    def compose(self) -> ComposeResult:
        yield EmptyState(
            _("No Connects recorded yet."),
            _("Press g to record your signup grant (a new Upwork account gets 40 Connects)."),
            _("Press b to record a purchase, or i to import a ledger CSV."),
            id="wallet-empty",
        )
        with Vertical(id="wallet-body"):
            yield Static(Text(""), id="wallet-headline")
            with Horizontal(id="wallet-main"):
                with Vertical(id="wallet-left"):
                    yield Label(_("Lots (spent oldest first)"), classes="wallet-title")
                    yield KeyTable(id="wallet-lots", cursor_type="none", zebra_stripes=True)
                    with Horizontal(id="wallet-history-bar"):
                        yield Label(_("History"), classes="wallet-title")
                        yield Select(
                            [(Text(_(label)), kind) for kind, label in FILTERS],
                            allow_blank=False,
                            value="all",
                            id="wallet-filter",
                        )
                    yield KeyTable(id="wallet-history", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="wallet-right"):
                    yield Label(_("Connects per month"), classes="wallet-title")
                    yield MonthlyChart(id="wallet-chart")
                    yield Label(_("What the Connects bought"), classes="wallet-title")
                    yield Static(Text(""), id="wallet-analytics")

    def on_mount(self) -> None:
        self.query_one("#wallet-body").display = False
        self.query_one("#wallet-lots", DataTable).add_columns(*map(_, LOT_COLUMNS))
        self.query_one("#wallet-history", DataTable).add_columns(*map(_, HISTORY_COLUMNS))

    # -- loading ---------------------------------------------------------------
    def store_ready(self) -> None:
        self.load()

    def data_changed(self, kind: DataKind) -> None:
        if kind in (DataKind.LEDGER, DataKind.PROPOSALS, DataKind.SETTINGS, DataKind.JOBS):
            self.load()

    def pane_shown(self) -> None:
        history = self.query_one("#wallet-history", DataTable)
        (history if self.query_one("#wallet-body").display else self).focus()

    def load(self) -> None:
        # Dropped on arrival when stale rather than cancelled (cancelling breaks waiters).
        self._load(self.new_ticket())

    @work(thread=True, exit_on_error=False, group="wallet-load")
    def _load(self, generation: int) -> None:
        data = load_wallet(self.store, self.cockpit.now())
        self.deliver(self._apply, data, generation)

    def _apply(self, data: WalletData, generation: int) -> None:
        if not self.is_newest(generation):
            return
        self.data = data
        has_lines = bool(data.ctx.entries)
        self.query_one("#wallet-empty").display = not has_lines
        body = self.query_one("#wallet-body")
        was_shown = body.display
        body.display = has_lines
        if not has_lines:
            return
        self.query_one("#wallet-headline", Static).update(headline_text(data.ctx, data.forecast))
        lots = self.query_one("#wallet-lots", DataTable)
        lots.clear()
        for row in lot_rows(data.ctx):
            lots.add_row(*row)
        self._fill_history()
        labels, series = chart_series(data.months)
        self.query_one("#wallet-chart", MonthlyChart).show(labels, series)
        self.query_one("#wallet-analytics", Static).update(
            analytics_text(data.analytics, data.ctx.settings)
        )
        if not was_shown and self.has_focus:
            self.query_one("#wallet-history", DataTable).focus()

    def _fill_history(self) -> None:
        if self.data is None:
            return
        table = self.query_one("#wallet-history", DataTable)
        selected = self._select_next or self.selected_id()
        self._select_next = None
        table.clear()
        for key, cells in history_rows(self.data.ctx, self.kind_filter):
            table.add_row(*cells, key=key)
        if selected is not None:
            for index, row_key in enumerate(table.rows):
                if row_key.value == selected:
                    table.move_cursor(row=index)
                    break

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "wallet-filter" and isinstance(event.value, str):
            self.kind_filter = event.value
            self._fill_history()

    def selected_id(self) -> str | None:
        table = self.query_one("#wallet-history", DataTable)
        if not table.row_count:
            return None
        row = min(table.cursor_row, table.row_count - 1)
        return table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value

    # -- recording -------------------------------------------------------------
    def context(self) -> LedgerContext | None:
        """A fresh snapshot for a form, or None (with a message) before the first load."""
        if self.data is None or self.cockpit.store is None:
            self.notify(_("The wallet is still loading; try again in a moment."), markup=False)
            return None
        ctx = self.data.ctx
        return LedgerContext(
            ctx.entries, ctx.settings, self.cockpit.now(), jobs=ctx.jobs, proposals=ctx.proposals
        )

    def _open(self, dialog: ModalScreen[LedgerEntry | None]) -> None:
        self.app.push_screen(dialog, self._record)

    def _record(self, entry: LedgerEntry | None) -> None:
        if entry is None:
            return
        self.store_do(self._append_checked, entry, self.cockpit.now(), then=self._recorded)

    def _append_checked(self, entry: LedgerEntry, now: datetime) -> LedgerEntry:
        """On the writer: check against what is stored now, then append."""
        check_entry(self.store.ledger.all(), entry, now, self.store.settings.get())
        self.store.ledger.append(entry)
        return entry

    def _recorded(self, entry: LedgerEntry) -> None:
        self._select_next = entry.id
        what = (
            _("Reversed the line.")
            if entry.reverses
            else _("Recorded the {line}.").format(line=describe(entry))
        )
        self.notify(what, title=_("Wallet"), markup=False)
        self._changed(DataKind.LEDGER)

    def _changed(self, kind: DataKind) -> None:
        self.changed(kind)
        self.load()

    def action_grant(self) -> None:
        if (ctx := self.context()) is not None:
            self._open(GrantDialog(ctx))

    def action_purchase(self) -> None:
        if (ctx := self.context()) is not None:
            self._open(PurchaseDialog(ctx))

    def action_spend(self) -> None:
        if (ctx := self.context()) is not None:
            self._open(SpendDialog(ctx))

    def action_adjust(self) -> None:
        if (ctx := self.context()) is not None:
            self._open(AdjustmentDialog(ctx))

    def action_refund(self) -> None:
        if (ctx := self.context()) is None:
            return
        if not refundable_jobs(ctx):
            self.notify(
                _("Nothing to refund: no Connects were spent on a job yet."),
                severity="warning",
                markup=False,
            )
            return
        self._open(RefundDialog(ctx))

    def action_reverse(self) -> None:
        if (ctx := self.context()) is None:
            return
        entry_id = self.selected_id()
        target = next((e for e in ctx.entries if e.id == entry_id), None)
        if target is None:
            message = (
                _("Expiry lines are worked out from the lots; they cannot be reversed.")
                if entry_id and entry_id.startswith("expiry-")
                else _("Select a line in the history first.")
            )
            self.notify(message, severity="warning", markup=False)
            return
        self._open(ReverseDialog(ctx, target))

    def action_filter(self) -> None:
        kinds = [kind for kind, _label in FILTERS]
        self.query_one("#wallet-filter", Select).value = kinds[
            (kinds.index(self.kind_filter) + 1) % len(kinds)
        ]

    # -- files and settings ------------------------------------------------------
    def _default_csv(self) -> Path:
        return self.cockpit.paths.data / f"ledger-{self.cockpit.now():%Y%m%d}.csv"

    def action_export(self) -> None:
        if self.context() is None:
            return
        store = self.store

        def export(path: Path, overwrite: bool) -> tuple[Path, int]:
            return write_ledger(path, store.ledger.all(), overwrite=overwrite)

        def done(result: tuple[Path, int] | None) -> None:
            if result is not None:
                path, count = result
                self.notify(
                    ngettext(
                        "Exported {count} ledger line to {path}.",
                        "Exported {count} ledger lines to {path}.",
                        count,
                    ).format(count=count, path=path),
                    markup=False,
                )

        dialog = ExportDialog(self._default_csv(), self.cockpit.paths.data, export)
        self.app.push_screen(dialog, done)

    def action_import_csv(self) -> None:
        if self.context() is None:
            return
        dialog = ImportDialog(
            self._default_csv(), self.cockpit.paths.data, lambda path, _: read_ledger(path)
        )
        self.app.push_screen(dialog, self._import)

    def _import(self, entries: list[LedgerEntry] | None) -> None:
        if entries is None:
            return
        self.store_do(self._append_new, entries, then=self._imported)

    def _append_new(self, entries: list[LedgerEntry]) -> tuple[int, int]:
        """On the writer: the import is checked as a whole (merge_import), lines already
        stored are skipped so re-import is safe, and the rest lands in one flush."""
        store = self.store
        fresh = merge_import(store.ledger.all(), entries, self.cockpit.now(), store.settings.get())
        store.ledger.append_many(fresh)
        return len(fresh), len(entries) - len(fresh)

    def _imported(self, counts: tuple[int, int]) -> None:
        added, skipped = counts
        imported = ngettext(
            "Imported {count} ledger line", "Imported {count} ledger lines", added
        ).format(count=added)
        message = (
            _("{imported}; {count} were already in the ledger.").format(
                imported=imported, count=skipped
            )
            if skipped
            else imported + "."
        )
        self.notify(message, title=_("Wallet"), markup=False)
        self._changed(DataKind.LEDGER)

    def action_settings(self) -> None:
        if self.data is None or self.cockpit.store is None:
            self.notify(_("The wallet is still loading; try again in a moment."), markup=False)
            return
        self.app.push_screen(WalletSettingsDialog(self.data.ctx.settings), self._save_settings)

    def _save_settings(self, settings: Settings | None) -> None:
        if settings is None:
            return

        def saved(_result: Settings) -> None:
            self.notify(_("Connects settings saved."), title=_("Wallet"), markup=False)
            self._changed(DataKind.SETTINGS)

        # Only what the dialog changed: another pane may have saved newer settings.
        changes = changed_fields(self.data.ctx.settings, settings) if self.data else {}
        self.store_do(self.store.settings.update, changes, then=saved)
