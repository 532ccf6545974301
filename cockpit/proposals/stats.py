"""What wins: funnel counts and rates overall, by category, template and opening.

The funnel is cumulative: a hired proposal also counts as having reached interview and
viewed, because a client who hired must have read it. A proposal reached a stage when its
current state or any state in its history is that stage or a later one. Drafts never count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cockpit.i18n import N_
from cockpit.models import Job, Proposal, Settings
from cockpit.text import clean_line

from .text import normalize_opening, opening

# Labels of rows without a name; the UI translates them where it shows them.
NO_CATEGORY = N_("(no category)")
NO_TEMPLATE = N_("(no template)")
NO_OPENING = N_("(empty)")
ALL_PROPOSALS = N_("All proposals")
PLACEHOLDER_LABELS = frozenset({NO_CATEGORY, NO_TEMPLATE, NO_OPENING, ALL_PROPOSALS})

_REACHED_VIEWED = frozenset({"viewed", "interview", "hired"})
_REACHED_INTERVIEW = frozenset({"interview", "hired"})


@dataclass(slots=True)
class StatRow:
    key: str
    label: str
    sent: int = 0
    viewed: int = 0
    interview: int = 0
    hired: int = 0

    @staticmethod
    def _rate(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def view_rate(self) -> float:
        return self._rate(self.viewed, self.sent)

    @property
    def interview_rate(self) -> float:
        return self._rate(self.interview, self.sent)

    @property
    def win_rate(self) -> float:
        return self._rate(self.hired, self.sent)

    def add(self, p: Proposal) -> None:
        seen = {p.state, *(entry.get("state", "") for entry in p.history)}
        self.sent += 1
        self.viewed += bool(seen & _REACHED_VIEWED)
        self.interview += bool(seen & _REACHED_INTERVIEW)
        self.hired += "hired" in seen


@dataclass(slots=True)
class Stats:
    overall: StatRow
    by_category: list[StatRow] = field(default_factory=list)
    by_template: list[StatRow] = field(default_factory=list)
    by_opening: list[StatRow] = field(default_factory=list)


def _grouped(
    sent: list[Proposal], key_label: Callable[[Proposal], tuple[str, str]]
) -> list[StatRow]:
    rows: dict[str, StatRow] = {}
    for p in sent:
        key, label = key_label(p)
        rows.setdefault(key, StatRow(key, label)).add(p)
    # Most-used first; ties broken by key so the table does not jump around.
    return sorted(rows.values(), key=lambda r: (-r.sent, -r.hired, r.key))


def outcome_stats(
    proposals: list[Proposal], jobs: dict[str, Job], settings: Settings | None = None
) -> Stats:
    settings = settings or Settings()
    sent = [p for p in proposals if p.state != "draft"]
    overall = StatRow("all", ALL_PROPOSALS)
    for p in sent:
        overall.add(p)

    def category(p: Proposal) -> tuple[str, str]:
        job = jobs.get(p.job_id)
        name = clean_line(job.category) if job else ""
        return (name.casefold(), name) if name else (NO_CATEGORY, NO_CATEGORY)

    def template(p: Proposal) -> tuple[str, str]:
        return (p.template_id, p.template_id) if p.template_id else (NO_TEMPLATE, NO_TEMPLATE)

    def first_sentence(p: Proposal) -> tuple[str, str]:
        text = opening(p.text, settings)
        key = normalize_opening(text)
        return (key, clean_line(text)) if key else (NO_OPENING, NO_OPENING)

    return Stats(
        overall=overall,
        by_category=_grouped(sent, category),
        by_template=_grouped(sent, template),
        by_opening=_grouped(sent, first_sentence),
    )
