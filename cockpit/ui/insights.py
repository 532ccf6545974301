"""Demand, gaps and the funnel for the Portfolio pane: the analysis and its two views.

The analysis reads a snapshot of the store and runs the pure ``cockpit.insights``
functions on it in a thread worker (it is benchmarked at 50k jobs), so the UI
never waits. Every figure keeps the ids of the jobs behind it, which the Demand
view lists on enter ("drill down").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, LoadingIndicator, Sparkline, Static

from cockpit.i18n import N_, _, format_budget, format_date, format_number, ngettext
from cockpit.insights import (
    WINDOWS,
    DemandRow,
    FunnelStage,
    Gap,
    connects_per_week,
    coverage,
    demand,
    funnel,
    gaps,
    jobs_per_day,
    month_summary,
)
from cockpit.insights.bidding import stage_name
from cockpit.insights.common import MEDIAN_RULE, fmt_medians, fmt_trend, job_time
from cockpit.insights.lessons import (
    LESSON_SEGMENTS,
    MIN_BIDS,
    SEGMENT_TITLES,
    Lessons,
    Rate,
    lessons,
)
from cockpit.models import (
    Budget,
    ChecklistItem,
    Job,
    LedgerEntry,
    Profile,
    Proposal,
    Settings,
    Triage,
)
from cockpit.skills import normalize_all
from cockpit.store import Store
from cockpit.text import clean_line
from cockpit.ui.widgets.keys import KeyTable
from cockpit.wallet import fmt_usd

DRILL_LIMIT = 500  # newest jobs listed under one figure; the header says how many in all
TOP_SKILLS = 3
CHART_WEEKS = 12
_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(slots=True)
class Snapshot:
    """What the analysis reads, at generation (``jobs_gen``, ``data_gen``) of the pane.

    Jobs are re-read only when they changed; nothing is re-read when only the
    window changed.
    """

    jobs: list[Job]
    jobs_gen: int
    data_gen: int
    triage: dict[str, Triage]
    proposals: list[Proposal]
    ledger: list[LedgerEntry]
    checklist: list[ChecklistItem]
    settings: Settings
    profile: Profile
    by_id: dict[str, Job] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_id:
            self.by_id = {j.id: j for j in self.jobs}


def read_snapshot(
    store: Store, previous: Snapshot | None, jobs_gen: int, data_gen: int
) -> Snapshot:
    """Read what changed since ``previous``: nothing, everything but the jobs, or all."""
    if previous is not None and previous.jobs_gen == jobs_gen:
        if previous.data_gen == data_gen:
            return previous
        jobs, by_id = previous.jobs, previous.by_id
    else:
        jobs = store.jobs.all()
        by_id = {}
    return Snapshot(
        jobs=jobs,
        jobs_gen=jobs_gen,
        data_gen=data_gen,
        triage=store.triage.all_by_job(),
        proposals=store.proposals.all(),
        ledger=store.ledger.all(),
        checklist=store.checklist.all(),
        settings=store.settings.get(),
        profile=store.profile.get(),
        by_id=by_id,
    )


@dataclass(slots=True)
class Analysis:
    snapshot: Snapshot
    days: int
    in_window: int
    rows: list[DemandRow]
    gaps: list[Gap]
    coverage: float
    funnel: list[FunnelStage]
    top_skills: list[str]
    per_day: list[int]
    per_week: list[int]
    summary: list[str]
    lessons: Lessons = field(default_factory=Lessons)


def top_skills(snap: Snapshot, rows: list[DemandRow]) -> list[str]:
    """ "My" skills: the profile's, else those of done items, else the busiest in demand."""
    aliases = snap.settings.skill_aliases
    mine = normalize_all(snap.profile.skills, aliases)
    if not mine:
        done = [s for item in snap.checklist if item.status == "done" for s in item.skills]
        mine = normalize_all(done, aliases)
    if not mine:
        mine = [r.name for r in rows if r.kind == "skill" and r.count]
    return mine[:TOP_SKILLS]


def analyse(snap: Snapshot, days: int, now: datetime, previous: Analysis | None = None) -> Analysis:
    """Every figure the Demand and Insights tabs show (pure; runs in a worker).

    The funnel, Connects per week and the month summary do not depend on the
    window: when only the window changed they are taken from ``previous``.
    """
    aliases = snap.settings.skill_aliases
    rows = demand(snap.jobs, snap.triage, snap.proposals, now, days, aliases)
    start = now - timedelta(days=days)
    skills = top_skills(snap, rows)
    if previous is not None and previous.snapshot is snap:
        stages, per_week, summary = previous.funnel, previous.per_week, previous.summary
        taught = previous.lessons
    else:
        stages = funnel(snap.jobs, snap.triage, snap.proposals, snap.ledger, snap.settings)
        per_week = connects_per_week(snap.ledger, now, CHART_WEEKS)
        summary = month_summary(snap.jobs, snap.checklist, now, aliases)
        taught = lessons(snap.proposals, snap.by_id, now)
    return Analysis(
        snapshot=snap,
        days=days,
        in_window=sum(1 for j in snap.jobs if (t := job_time(j)) is not None and t >= start),
        rows=rows,
        gaps=gaps(rows, snap.checklist, aliases),
        coverage=coverage(rows, snap.checklist, aliases),
        funnel=stages,
        top_skills=skills,
        per_day=jobs_per_day(snap.jobs, skills, now, days, aliases),
        per_week=per_week,
        summary=summary,
        lessons=taught,
    )


def next_window(days: int) -> int:
    return WINDOWS[(WINDOWS.index(days) + 1) % len(WINDOWS)] if days in WINDOWS else WINDOWS[1]


# -- cells -------------------------------------------------------------------------


def budget_text(budget: Budget | None) -> str:
    """A job's budget in its own currency, the chosen language's way; "-" when unknown."""
    return clean_line(format_budget(budget)) or "-"


KIND_LABELS = {"skill": N_("skill"), "category": N_("category")}
TRIAGE_LABELS = {
    "new": N_("new"),
    "shortlist": N_("shortlist"),
    "applied": N_("applied"),
    "dismissed": N_("dismissed"),
}


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


def drill_jobs(snap: Snapshot, job_ids: list[str]) -> list[Job]:
    """The jobs behind a figure, newest first."""
    jobs = [j for jid in job_ids if (j := snap.by_id.get(jid)) is not None]
    jobs.sort(key=lambda j: job_time(j) or _NEVER, reverse=True)
    return jobs


def drill_cells(job: Job, triage: Triage | None) -> tuple[Text, ...]:
    when = job_time(job)
    return (
        Text(format_date(when) if when else "-"),
        Text(clean_line(job.title) or _("(no title)")),
        Text(budget_text(job.budget)),
        Text(_(TRIAGE_LABELS.get(triage.state if triage else "new", "new")), style="dim"),
    )


def funnel_text(stages: list[FunnelStage]) -> Text:
    text = Text()
    names = [stage_name(s.name) for s in stages]
    width = max(12, *(len(n) + 1 for n in names)) if names else 12
    # Looked up outside the f-string: the catalog's extraction does not see inside one.
    stage_head, count_head, from_prev = _("Stage"), _("Count"), _("From prev")
    head = f"{stage_head:<{width}}{count_head:>7}{from_prev:>11}{'Connects':>10}{'USD':>9}"
    text.append(head + "\n", "bold")
    top = max((s.count for s in stages), default=0) or 1
    for name, stage in zip(names, stages, strict=True):
        rate = "-" if stage.rate_from_prev is None else f"{stage.rate_from_prev * 100:.0f}%"
        text.append(f"{name:<{width}}{stage.count:>7}{rate:>11}{stage.connects:>10}")
        text.append(f"{format_number(stage.usd, decimals=2):>9}  ")
        text.append("█" * max(1 if stage.count else 0, round(20 * stage.count / top)), "cyan")
        text.append("\n")
    return text


def summary_text(lines: list[str]) -> Text:
    if not lines:
        return Text(
            _("Not enough data yet: no skill with 3 or more jobs changed against last month."),
            style="dim",
        )
    text = Text()
    for line in lines:
        text.append(f"• {clean_line(line)}\n")
    return text


def lessons_text(result: Lessons) -> Text:
    """What my bids teach me: the sentences, then each segment's bands with their rates."""
    if result.bids < MIN_BIDS or result.overall is None:
        return Text(
            ngettext(
                "{count} sent bid so far: too few to learn from. Send at least {need}, then mark "
                "each one viewed, interview or hired as it happens.",
                "{count} sent bids so far: too few to learn from. Send at least {need}, then mark "
                "each one viewed, interview or hired as it happens.",
                result.bids,
            ).format(count=result.bids, need=MIN_BIDS),
            style="dim",
        )
    text = Text()
    for sentence in result.sentences:
        text.append(f"• {clean_line(sentence)}\n", style="bold")
    if not result.sentences:
        text.append(
            _("No band stands out from your average yet: keep marking outcomes.") + "\n",
            style="dim",
        )
    head = (_("Bids"), _("Viewed"), _("Interview"), _("Hired"))
    for segment in LESSON_SEGMENTS:
        rows = [r for r in result.rows if r.segment == segment]
        if not rows:
            continue
        text.append("\n" + _(SEGMENT_TITLES[segment]) + "\n", style="underline")
        width = max(20, *(len(r.band) + 1 for r in rows))
        text.append(f"{'':<{width}}" + "".join(f"{h:>12}" for h in head) + "\n", style="dim")
        for r in rows:
            cells = [str(r.bids)] + [_share(rate) for rate in (r.viewed, r.interview, r.hired)]
            text.append(f"{clean_line(r.band):<{width}}" + "".join(f"{c:>12}" for c in cells))
            text.append("\n")
    return text


def _share(rate: Rate) -> str:
    return f"{rate.hits}/{rate.bids}" if rate.bids else "-"


# -- views ---------------------------------------------------------------------------


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


class InsightsView(VerticalScroll):
    """The funnel, two small charts and "this month vs last" in words."""

    DEFAULT_CSS = """
    InsightsView { padding: 0 1; }
    InsightsView .busy { height: 1; display: none; }
    InsightsView.-busy .busy { display: block; }
    InsightsView .insights-title { text-style: bold; margin-top: 1; }
    InsightsView Sparkline { height: 3; margin: 0 1; }
    InsightsView .chart-caption { color: $text-muted; padding: 0 1; }
    InsightsView #insights-funnel, InsightsView #insights-summary { height: auto; padding: 0 1; }
    InsightsView #insights-lessons { height: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield LoadingIndicator(classes="busy")
        yield Label(_("This month vs last"), classes="insights-title")
        yield Static(Text(""), id="insights-summary")
        yield Label(_("What my bids teach me"), classes="insights-title")
        yield Static(Text(""), id="insights-lessons")
        yield Label(_("Funnel: from jobs seen to hired"), classes="insights-title")
        yield Static(Text(""), id="insights-funnel")
        yield Label(_("Jobs per day in my top skills"), classes="insights-title")
        yield Sparkline([], id="insights-per-day")
        yield Static(Text(""), id="insights-per-day-caption", classes="chart-caption")
        yield Label(
            _("Connects spent per week (last {count})").format(count=CHART_WEEKS),
            classes="insights-title",
        )
        yield Sparkline([], id="insights-per-week")
        yield Static(Text(""), id="insights-per-week-caption", classes="chart-caption")

    def show(self, analysis: Analysis, settings: Settings) -> None:
        self.query_one("#insights-summary", Static).update(summary_text(analysis.summary))
        self.query_one("#insights-funnel", Static).update(funnel_text(analysis.funnel))
        self.query_one("#insights-lessons", Static).update(lessons_text(analysis.lessons))
        per_day = analysis.per_day
        self.query_one("#insights-per-day", Sparkline).data = per_day
        skills = ", ".join(clean_line(s) for s in analysis.top_skills) or _("all skills")
        busiest = max(per_day, default=0)
        self.query_one("#insights-per-day-caption", Static).update(
            Text(
                _(
                    "{skills}: {count} jobs in {days} days, busiest day {busiest}, today {today}"
                ).format(
                    skills=skills,
                    count=format_number(sum(per_day)),
                    days=analysis.days,
                    busiest=busiest,
                    today=per_day[-1] if per_day else 0,
                )
            )
        )
        per_week = analysis.per_week
        self.query_one("#insights-per-week", Sparkline).data = per_week
        total = sum(per_week)
        self.query_one("#insights-per-week-caption", Static).update(
            Text(
                _("{count} Connects ({usd}) in {weeks} weeks, this week {this_week}").format(
                    count=total,
                    usd=fmt_usd(total * settings.connect_price_usd),
                    weeks=len(per_week),
                    this_week=per_week[-1] if per_week else 0,
                )
            )
        )
