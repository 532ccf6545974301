"""Demand by skill and category, portfolio gaps, the bidding funnel (pure, no I/O).

Split by theme: ``market`` (demand rows), ``portfolio`` (gaps, coverage),
``bidding`` (funnel and chart series), ``report`` (month summary, Markdown report).
"""

from cockpit.insights.bidding import STAGES, FunnelStage, connects_per_week, funnel, jobs_per_day
from cockpit.insights.market import WINDOWS, DemandRow, demand
from cockpit.insights.portfolio import Gap, budget_weight, coverage, gaps, trend_weight
from cockpit.insights.report import month_summary, report_markdown

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
