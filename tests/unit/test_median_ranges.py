"""Defect 7: a range enters a median as its midpoint, and every median shows its count."""

from __future__ import annotations

from datetime import timedelta

from cockpit.insights import report_markdown
from cockpit.insights.market import DemandRow, demand
from cockpit.insights.portfolio import gaps
from cockpit.models import Budget, Job, Settings
from cockpit.ui.demand_view import demand_cells
from tests.unit.test_insights_demand import NOW


def jobs_with(*budgets: Budget | None) -> list[Job]:
    return [
        Job(id=f"j{i}", title="Mix", posted=NOW - timedelta(days=1), skills=["mixing"], budget=b)
        for i, b in enumerate(budgets)
    ]


def mixing(jobs: list[Job]) -> DemandRow:
    (row,) = [r for r in demand(jobs, {}, [], NOW, 30) if r.kind == "skill"]
    return row


def test_a_lone_fixed_range_counts_as_its_midpoint() -> None:
    row = mixing(jobs_with(Budget("fixed", "EUR", 30, 250)))
    assert row.median_fixed == {"EUR": 140.0}  # not 250, the top of the range
    assert row.fixed_jobs == {"EUR": 1}


def test_ranges_and_single_amounts_mix_by_midpoint() -> None:
    row = mixing(
        jobs_with(
            Budget("fixed", "USD", 100, 100),
            Budget("fixed", "USD", 200, 400),  # 300
            Budget("fixed", "USD", None, 500),  # only a top: as it is
            Budget("fixed", "usd", 50, None),  # only a bottom: as it is
            Budget("hourly", "USD", 10, 30),  # 20
            Budget("salary", "USD", 50_000, 70_000),  # never a gig price
            None,
        )
    )
    assert row.count == 7
    assert row.median_fixed == {"USD": 200.0}  # 50, 100, 300, 500
    assert row.fixed_jobs == {"USD": 4}
    assert row.median_hourly == {"USD": 20.0}
    assert row.hourly_jobs == {"USD": 1}


def test_demand_cells_show_the_count_beside_each_median() -> None:
    row = mixing(
        jobs_with(
            Budget("fixed", "EUR", 30, 250),
            Budget("fixed", "USD", 100, 100),
            Budget("fixed", "USD", 300, 300),
            Budget("hourly", "USD", 15, 30),
        )
    )
    cells = [c.plain for c in demand_cells(row)]
    assert cells[-2] == "€140 (1 job); $200 (2 jobs)"
    assert cells[-1] == "$22.50/hr (1 job)"
    assert "median fixed €140 (1 job)" in gaps([row], [])[0].reason


def test_report_says_how_ranges_count() -> None:
    jobs = jobs_with(Budget("fixed", "EUR", 30, 250))
    text = report_markdown(jobs, {}, [], [], [], Settings(), NOW)
    assert "| Audio Mixing | 1 | 0 | new | €140 (1 job) | - | 0% |" in text
    assert "Medians: a budget range counts as its midpoint." in text
