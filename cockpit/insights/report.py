"""Plain-language month summary and the Markdown report behind `cockpit report` (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from cockpit.i18n import N_, _, format_date, format_number
from cockpit.insights.bidding import funnel, stage_name
from cockpit.insights.common import (
    MEDIAN_RULE,
    as_utc,
    clean_line,
    done_skills,
    fmt_medians,
    fmt_trend,
    job_time,
)
from cockpit.insights.lessons import lessons, lessons_markdown
from cockpit.insights.market import DemandRow, demand
from cockpit.insights.portfolio import coverage, gaps
from cockpit.models import ChecklistItem, Job, LedgerEntry, Proposal, Settings, Triage

MIN_JOBS = 3  # fewer jobs than this in both months is noise, not a trend
MAX_MOVERS = 5


def _in_sentence(name: str) -> str:
    """ "Podcast Editing" -> "podcast editing", but "SEO" and "WordPress" keep their case."""
    return " ".join(w.lower() if w == w.capitalize() else w for w in name.split(" "))


def month_summary(
    jobs: Iterable[Job],
    checklist: Iterable[ChecklistItem],
    now: datetime,
    aliases: Mapping[str, str] | None = None,
) -> list[str]:
    """Sentences on the skills that moved most: the last 30 days against the 30 before.

    Only skills with at least MIN_JOBS jobs in one of the two months, and whose
    count changed, ranked by the size of the change (then name); at most
    MAX_MOVERS. A rising skill no DONE checklist item covers gets a nudge.
    """
    rows = [r for r in demand(jobs, {}, [], now, 30, aliases) if r.kind == "skill"]
    covered = done_skills(checklist, aliases)
    movers = [r for r in rows if max(r.count, r.prev_count) >= MIN_JOBS and r.count != r.prev_count]
    movers.sort(key=lambda r: (-abs(r.count - r.prev_count), r.name))
    out: list[str] = []
    for row in movers[:MAX_MOVERS]:
        if row.trend is None:
            text = _("{skill}: {count} jobs, none in the previous 30 days").format(
                skill=row.name, count=row.count
            )
        else:
            text = _("{skill} demand {trend}").format(skill=row.name, trend=fmt_trend(row.trend))
        if row.count > row.prev_count and row.name not in covered:
            text = _("{summary}; your portfolio has no {skill} sample").format(
                summary=text, skill=_in_sentence(row.name)
            )
        out.append(text + ".")
    return out


def _cell(text: str) -> str:
    return clean_line(text).replace("\\", "\\\\").replace("|", "\\|") or " "


DEMAND_COLUMNS = (
    N_("Jobs"), N_("Before"), N_("Trend"), N_("Median fixed"), N_("Median hourly"), N_("Engaged")
)  # fmt: skip


def _demand_table(rows: Sequence[DemandRow], label: str) -> list[str]:
    lines = [
        "| " + " | ".join([label, *map(_, DEMAND_COLUMNS)]) + " |",
        "|---|---:|---:|---:|---|---|---:|",
    ]
    lines.extend(
        f"| {_cell(r.name)} | {r.count} | {r.prev_count} | {fmt_trend(r.trend)} "
        f"| {_cell(fmt_medians(r.median_fixed, r.fixed_jobs))} "
        f"| {_cell(fmt_medians(r.median_hourly, r.hourly_jobs))} "
        f"| {r.engaged_share * 100:.0f}% |"
        for r in rows
    )
    return lines


def report_markdown(
    jobs: Sequence[Job],
    triage: Mapping[str, Triage],
    proposals: Sequence[Proposal],
    checklist: Sequence[ChecklistItem],
    ledger_entries: Sequence[LedgerEntry],
    settings: Settings,
    now: datetime,
    days: int = 30,
    aliases: Mapping[str, str] | None = None,
    top: int = 10,
) -> str:
    """Summary, top demand per skill and category, gaps, coverage and funnel as Markdown."""
    now = as_utc(now)
    rows = demand(jobs, triage, proposals, now, days, aliases)
    skills = [r for r in rows if r.kind == "skill" and r.count]
    categories = [r for r in rows if r.kind == "category" and r.count]
    start = now - timedelta(days=days)
    in_window = sum(1 for j in jobs if (t := job_time(j)) is not None and t >= start)

    lines = [
        "# " + _("Cockpit report, {date}").format(date=format_date(now)),
        "",
        _("Last {days} days against the {days} before: {count} jobs.").format(
            days=days, count=in_window
        ),
        "",
        "## " + _("This month"),
        "",
    ]
    summary = month_summary(jobs, checklist, now, aliases)
    lines.extend(f"- {_cell(s)}" for s in summary)
    if not summary:
        lines.append(
            "- "
            + _("Not enough data yet: no skill with {count}+ jobs changed.").format(count=MIN_JOBS)
        )
    lines += ["", "## " + _("Demand by skill"), ""]
    lines += _demand_table(skills[:top], _("Skill")) if skills else [_("No jobs in this window.")]
    if skills:
        lines += ["", _(MEDIAN_RULE)]
    if categories:
        lines += [
            "",
            "## " + _("Demand by category"),
            "",
            *_demand_table(categories[:top], _("Category")),
        ]

    lines += ["", "## " + _("Portfolio gaps"), ""]
    found = gaps(rows, checklist, aliases)[:top]
    if found:
        head = (_("Skill"), _("Score"), _("Jobs"), _("Trend"), _("Why"))
        lines += ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---|"]
        lines.extend(
            f"| {_cell(g.skill)} | {g.score:.1f} | {g.count} | {fmt_trend(g.trend)} "
            f"| {_cell(g.reason)} |"
            for g in found
        )
    else:
        lines.append(_("No gaps: every skill in demand has a done checklist item."))
    share = coverage(rows, checklist, aliases)
    lines += [
        "",
        _("Checklist coverage: {share}% of skill demand.").format(share=f"{share * 100:.0f}"),
        "",
    ]

    head = (_("Stage"), _("Count"), _("From previous"), "Connects", "USD")
    lines += [
        "## " + _("Funnel"),
        "",
        "| " + " | ".join(head) + " |",
        "|---|---:|---:|---:|---:|",
    ]
    for stage in funnel(jobs, triage, proposals, ledger_entries, settings):
        rate = "-" if stage.rate_from_prev is None else f"{stage.rate_from_prev * 100:.0f}%"
        lines.append(
            f"| {stage_name(stage.name)} | {stage.count} | {rate} | {stage.connects} "
            f"| {format_number(stage.usd, decimals=2)} |"
        )
    by_id = {j.id: j for j in jobs}
    lines += ["", *lessons_markdown(lessons(proposals, by_id, now))]
    return "\n".join(lines) + "\n"
