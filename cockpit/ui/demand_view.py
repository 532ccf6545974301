"""The Portfolio's Demand tab: demand per skill and category, the gaps, and the jobs
behind the selected figure. It only draws; the pane's worker supplies the ``Analysis``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, LoadingIndicator, Static

from cockpit.i18n import N_, _, format_budget, format_date, format_number, ngettext
from cockpit.insights import DemandRow, Gap
from cockpit.insights.analysis import Analysis, Snapshot, drill_jobs
from cockpit.insights.common import MEDIAN_RULE, fmt_medians, fmt_trend, job_time
from cockpit.models import Budget, Job, Triage
from cockpit.text import clean_line
from cockpit.ui.widgets.keys import KeyTable

DRILL_LIMIT = 500  # newest jobs listed under one figure; the header says how many in all

KIND_LABELS = {"skill": N_("skill"), "category": N_("category")}
TRIAGE_LABELS = {
    "new": N_("new"),
    "shortlist": N_("shortlist"),
    "applied": N_("applied"),
    "dismissed": N_("dismissed"),
}


def budget_text(budget: Budget | None) -> str:
    """A job's budget in its own currency, the chosen language's way; "-" when unknown."""
    return clean_line(format_budget(budget)) or "-"


def demand_cells(row: DemandRow) -> tuple[Text, ...]:
    trend = fmt_trend(row.trend)
    style = "green" if row.trend is None or row.trend > 0 else "red" if row.trend < 0 else ""
    return (
        Text(_(KIND_LABELS.get(row.kind, row.kind)), style="dim"),
        Text(clean_line(row.name)),
        Text(str(row.count), justify="right"),
        Text(str(row.prev_count), justify="right"),
        Text(trend, style=style, justify="right"),
        Text(f"{row.engaged_share * 100:.0f}%", justify="right"),
        Text(fmt_medians(row.median_fixed, row.fixed_jobs)),
        Text(fmt_medians(row.median_hourly, row.hourly_jobs, per=N_("{amount}/hr"))),
    )


def gap_cells(gap: Gap) -> tuple[Text, ...]:
    return (
        Text(clean_line(gap.skill)),
        Text(f"{gap.score:.1f}", justify="right"),
        Text(str(gap.count), justify="right"),
        Text(fmt_trend(gap.trend), justify="right"),
    )


def drill_cells(job: Job, triage: Triage | None) -> tuple[Text, ...]:
    when = job_time(job)
    return (
        Text(format_date(when) if when else "-"),
        Text(clean_line(job.title) or _("(no title)")),
        Text(budget_text(job.budget)),
        Text(_(TRIAGE_LABELS.get(triage.state if triage else "new", "new")), style="dim"),
    )


class DemandView(Vertical):
    """Demand per skill and category, the gaps, and the jobs behind the selected figure."""

    # DEFAULT_CSS is scoped to its widget: each view states its own .busy rules.
    DEFAULT_CSS = """
    DemandView .busy { height: 1; display: none; }
    DemandView.-busy .busy { display: block; }
    DemandView #demand-head { height: auto; padding: 0 1; }
    DemandView #demand-split { height: 2fr; }
    DemandView #demand-table { width: 1fr; }
    DemandView #gaps-box { width: 48; padding-left: 1; }
    DemandView #gaps-table { height: 1fr; }
    DemandView #gap-reason { height: auto; color: $text-muted; }
    DemandView #drill-head { height: auto; padding: 0 1; margin-top: 1; text-style: bold; }
    DemandView #drill-table { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield LoadingIndicator(classes="busy")
        yield Static(Text(""), id="demand-head")
        with Horizontal(id="demand-split"):
            yield KeyTable(id="demand-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="gaps-box"):
                yield Label(_("Gaps: in demand, no done item (+ adds a todo)"))
                yield KeyTable(id="gaps-table", cursor_type="row", zebra_stripes=True)
                yield Static(Text(""), id="gap-reason")
        yield Static(
            Text(_("Press enter on a skill or gap to list the jobs behind it.")), id="drill-head"
        )
        yield KeyTable(id="drill-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#demand-table", DataTable).add_columns(
            _("Kind"),
            _("Name"),
            _("Jobs"),
            _("Before"),
            _("Trend"),
            _("Engaged"),
            _("Median fixed"),
            _("Median hourly"),
        )
        self.query_one("#gaps-table", DataTable).add_columns(
            _("Skill"), _("Score"), _("Jobs"), _("Trend")
        )
        self.query_one("#drill-table", DataTable).add_columns(
            _("Posted"), _("Title"), _("Budget"), _("State")
        )

    def show(self, analysis: Analysis) -> None:
        head = Text()
        head.append(_("Last {days} days").format(days=analysis.days), "bold")
        head.append(" (w: 7/30/90) · ")
        head.append(
            ngettext("{count} job", "{count} jobs", analysis.in_window).format(
                count=format_number(analysis.in_window)
            )
            + " · "
        )
        head.append(
            _("done items cover {share}% of skill demand").format(
                share=f"{analysis.coverage * 100:.0f}"
            )
        )
        if not analysis.rows:
            head.append(
                "\n" + _("No jobs in this window yet. Refresh your feeds in the Inbox (1, then r).")
            )
        else:  # how a "€30-250" job enters "Median fixed", said once beside the table
            head.append("\n" + _(MEDIAN_RULE), "dim")
        self.query_one("#demand-head", Static).update(head)
        table = self.query_one("#demand-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for i, row in enumerate(analysis.rows):
            table.add_row(*demand_cells(row), key=f"{row.kind}:{i}")
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        gaps_table = self.query_one("#gaps-table", DataTable)
        keep = gaps_table.cursor_row
        gaps_table.clear()
        for gap in analysis.gaps:
            gaps_table.add_row(*gap_cells(gap))
        if gaps_table.row_count:
            gaps_table.move_cursor(row=min(keep, gaps_table.row_count - 1))
        self.show_gap_reason(analysis)

    def show_gap_reason(self, analysis: Analysis) -> None:
        table = self.query_one("#gaps-table", DataTable)
        reason = ""
        if analysis.gaps and 0 <= table.cursor_row < len(analysis.gaps):
            reason = analysis.gaps[table.cursor_row].reason
        elif not analysis.gaps and analysis.rows:
            reason = _("No gaps: every skill in demand has a done checklist item.")
        self.query_one("#gap-reason", Static).update(Text(clean_line(reason)))

    def show_drill(self, title: str, snap: Snapshot, job_ids: list[str]) -> int:
        """List the jobs behind ``title`` (newest first); returns how many are listed."""
        jobs = drill_jobs(snap, job_ids)
        head = Text()
        head.append(
            ngettext("{count} job behind ", "{count} jobs behind ", len(jobs)).format(
                count=format_number(len(jobs))
            )
        )
        head.append(clean_line(title), "bold cyan")
        if len(jobs) > DRILL_LIMIT:
            head.append(" " + _("(newest {count} listed)").format(count=DRILL_LIMIT))
        head.append(" · " + _("enter opens one in the Inbox"), "dim")
        self.query_one("#drill-head", Static).update(head)
        table = self.query_one("#drill-table", DataTable)
        table.clear()
        for job in jobs[:DRILL_LIMIT]:
            table.add_row(*drill_cells(job, snap.triage.get(job.id)), key=job.id)
        return len(jobs)
