"""Every figure the Portfolio's Demand and Insights tabs show, from one snapshot (pure).

The Portfolio pane reads a ``Snapshot`` of the store in a thread worker and runs
``analyse`` on it there (it is benchmarked at 50k jobs), so the UI never waits.
Every figure keeps the ids of the jobs behind it, which the Demand view lists on
enter ("drill down").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cockpit.insights.bidding import FunnelStage, connects_per_week, funnel, jobs_per_day
from cockpit.insights.common import job_time
from cockpit.insights.lessons import Lessons, lessons
from cockpit.insights.market import WINDOWS, DemandRow, demand
from cockpit.insights.portfolio import Gap, coverage, gaps
from cockpit.insights.report import month_summary
from cockpit.models import ChecklistItem, Job, LedgerEntry, Profile, Proposal, Settings, Triage
from cockpit.skills import normalize_all

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


def drill_jobs(snap: Snapshot, job_ids: list[str]) -> list[Job]:
    """The jobs behind a figure, newest first."""
    jobs = [j for jid in job_ids if (j := snap.by_id.get(jid)) is not None]
    jobs.sort(key=lambda j: job_time(j) or _NEVER, reverse=True)
    return jobs
