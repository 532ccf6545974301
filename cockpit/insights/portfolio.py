"""Portfolio gaps and checklist coverage, read off the demand rows (pure)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from cockpit.i18n import _, ngettext
from cockpit.insights.common import done_skills, fmt_medians, fmt_trend
from cockpit.insights.market import DemandRow
from cockpit.models import ChecklistItem


@dataclass(slots=True)
class Gap:
    skill: str
    score: float
    count: int
    trend: float | None
    median_fixed: dict[str, float]
    reason: str


def _reference_medians(rows: Sequence[DemandRow]) -> dict[tuple[str, str], float]:
    """Per (kind, currency): the median of the skills' medians, the market's middle."""
    pools: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        for currency, value in row.median_fixed.items():
            pools.setdefault(("fixed", currency), []).append(value)
        for currency, value in row.median_hourly.items():
            pools.setdefault(("hourly", currency), []).append(value)
    return {k: float(median(v)) for k, v in pools.items()}


def budget_weight(row: DemandRow, reference: Mapping[tuple[str, str], float]) -> float:
    """sqrt of the geometric mean of (skill median / market median), clamped to [0.5, 2]."""
    logs = [
        math.log(value / reference[(kind, currency)])
        for kind, medians in (("fixed", row.median_fixed), ("hourly", row.median_hourly))
        for currency, value in medians.items()
        if reference.get((kind, currency), 0) > 0 and value > 0
    ]
    if not logs:
        return 1.0
    return min(2.0, max(0.5, math.exp(sum(logs) / len(logs) / 2)))


def trend_weight(trend: float | None) -> float:
    """1 + trend clamped to [-0.5, +1]; an unknown trend (new skill) is neutral."""
    return 1.0 if trend is None else 1.0 + min(1.0, max(-0.5, trend))


def gaps(
    rows: Sequence[DemandRow],
    checklist: Iterable[ChecklistItem],
    aliases: Mapping[str, str] | None = None,
) -> list[Gap]:
    """Skills in demand (count > 0) that no DONE checklist item covers, biggest first.

    ``score = count * budget_weight * trend_weight`` where

    - ``budget_weight`` = sqrt(geometric mean over the skill's (kind, currency)
      medians of ``median / reference``), clamped to [0.5, 2]; ``reference`` is
      the median of all in-demand skills' medians in that kind and currency, so
      currencies are never converted or mixed. 1.0 without budgets.
    - ``trend_weight`` = 1 + trend clamped to [-0.5, +1]; 1.0 when the trend is
      unknown (no jobs in the previous window).

    Ties are broken by skill name, so the order is deterministic.
    """
    covered = done_skills(checklist, aliases)
    demanded = [r for r in rows if r.kind == "skill" and r.count > 0]
    reference = _reference_medians(demanded)
    out: list[Gap] = []
    for row in demanded:
        if row.name in covered:
            continue
        score = round(row.count * budget_weight(row, reference) * trend_weight(row.trend), 6)
        out.append(
            Gap(
                skill=row.name,
                score=score,
                count=row.count,
                trend=row.trend,
                median_fixed=dict(row.median_fixed),
                reason=_gap_reason(row),
            )
        )
    out.sort(key=lambda g: (-g.score, g.skill))
    return out


def _gap_reason(row: DemandRow) -> str:
    parts = [ngettext("{count} job", "{count} jobs", row.count).format(count=row.count)]
    if row.trend is not None:
        parts.append(_("demand {trend}").format(trend=fmt_trend(row.trend)))
    parts.extend(
        _("median fixed {amount}").format(amount=fmt_medians({c: v}, row.fixed_jobs))
        for c, v in row.median_fixed.items()
    )
    return _("{facts}; no done checklist item covers it").format(facts=", ".join(parts))


def coverage(
    rows: Sequence[DemandRow],
    checklist: Iterable[ChecklistItem],
    aliases: Mapping[str, str] | None = None,
) -> float:
    """Share of the window's job-skill occurrences whose skill a DONE item covers (0..1)."""
    covered = done_skills(checklist, aliases)
    total = hit = 0
    for row in rows:
        if row.kind == "skill":
            total += row.count
            if row.name in covered:
                hit += row.count
    return hit / total if total else 0.0
