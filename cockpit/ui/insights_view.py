"""The Portfolio's Insights tab: the funnel, two small charts, "this month vs last" and
what my bids teach me, in words. It only draws; the pane's worker supplies the ``Analysis``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, LoadingIndicator, Sparkline, Static

from cockpit.i18n import _, format_number, ngettext
from cockpit.insights import FunnelStage
from cockpit.insights.analysis import CHART_WEEKS, Analysis
from cockpit.insights.bidding import stage_name
from cockpit.insights.lessons import LESSON_SEGMENTS, MIN_BIDS, SEGMENT_TITLES, Lessons, Rate
from cockpit.models import Settings
from cockpit.text import clean_line
from cockpit.wallet import fmt_usd


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
