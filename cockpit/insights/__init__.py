"""Demand by skill and category, portfolio gaps, the bidding funnel (pure, no I/O).

Split by theme: ``market`` (demand rows), ``portfolio`` (gaps, coverage),
``bidding`` (funnel and chart series), ``report`` (month summary, Markdown report).

Each name loads its module on first use (PEP 562), so importing one name does not import
the whole package: the app's first frame needs a few of them, not all."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cockpit.insights.bidding import (
        STAGES,
        FunnelStage,
        connects_per_week,
        funnel,
        jobs_per_day,
    )
    from cockpit.insights.market import WINDOWS, DemandRow, demand
    from cockpit.insights.portfolio import Gap, budget_weight, coverage, gaps, trend_weight
    from cockpit.insights.report import month_summary, report_markdown

_MODULES: dict[str, str] = {
    "STAGES": "cockpit.insights.bidding",
    "FunnelStage": "cockpit.insights.bidding",
    "connects_per_week": "cockpit.insights.bidding",
    "funnel": "cockpit.insights.bidding",
    "jobs_per_day": "cockpit.insights.bidding",
    "WINDOWS": "cockpit.insights.market",
    "DemandRow": "cockpit.insights.market",
    "demand": "cockpit.insights.market",
    "Gap": "cockpit.insights.portfolio",
    "budget_weight": "cockpit.insights.portfolio",
    "coverage": "cockpit.insights.portfolio",
    "gaps": "cockpit.insights.portfolio",
    "trend_weight": "cockpit.insights.portfolio",
    "month_summary": "cockpit.insights.report",
    "report_markdown": "cockpit.insights.report",
}

__all__ = [
    "STAGES",
    "WINDOWS",
    "DemandRow",
    "FunnelStage",
    "Gap",
    "budget_weight",
    "connects_per_week",
    "coverage",
    "demand",
    "funnel",
    "gaps",
    "jobs_per_day",
    "month_summary",
    "report_markdown",
    "trend_weight",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value
