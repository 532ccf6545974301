"""What wins: outcome stats overall, by category, by template and by opening."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from cockpit.i18n import N_, _
from cockpit.proposals import PLACEHOLDER_LABELS, StatRow, Stats
from cockpit.text import clean_line
from cockpit.ui.dialogs.base import Dialog

COLUMNS = (N_("Sent"), N_("Viewed"), N_("Interview"), N_("Hired"), N_("Win rate"))


def _pct(rate: float) -> Text:
    return Text(f"{rate:.0%}", justify="right")


def stat_table(title: str, rows: list[StatRow], names: dict[str, str] | None = None) -> Table:
    """One table; every cell is a Text, because labels are user text (never markup)."""
    table = Table(title=Text(title, style="bold"), title_justify="left", expand=True)
    table.add_column(Text(_("Group")), ratio=1, overflow="fold")
    for head in COLUMNS:
        table.add_column(Text(_(head)), justify="right", no_wrap=True)
    for row in rows:
        label = (names or {}).get(row.key, row.label)
        if label in PLACEHOLDER_LABELS and row.key not in (names or {}):
            label = _(label)
        table.add_row(
            Text(clean_line(label)[:80]),
            Text(str(row.sent), justify="right"),
            _pct(row.view_rate),
            _pct(row.interview_rate),
            Text(str(row.hired), justify="right"),
            _pct(row.win_rate),
        )
    return table


def stats_renderable(stats: Stats, template_names: dict[str, str]) -> Group | Text:
    if stats.overall.sent == 0:
        return Text(
            _("No proposals sent yet. Submit a draft with s; outcomes show here as you mark them.")
        )
    return Group(
        stat_table(_("Overall"), [stats.overall]),
        stat_table(_("By category"), stats.by_category),
        stat_table(_("By template"), stats.by_template, template_names),
        stat_table(_("By opening (first sentence)"), stats.by_opening),
    )


class ProposalStatsScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", _("Close"), id="proposal_stats.close"),
    ]
    DEFAULT_CSS = """
    ProposalStatsScreen > VerticalScroll {
        width: 110; height: 1fr; border: round $accent; padding: 0 1;
    }
    """

    def __init__(self, stats: Stats, template_names: dict[str, str]) -> None:
        super().__init__()
        self.stats = stats
        self.template_names = template_names

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(stats_renderable(self.stats, self.template_names), id="stats-body")
            yield Static(Text(_("Press escape to close."), style="dim"))
