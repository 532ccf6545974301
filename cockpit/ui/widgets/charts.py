"""A small grouped bar chart of numbers per month (or any short labels).

Built on textual-plotext so it follows the app theme. A one-line legend with
the totals sits under the plot, so the numbers are readable without the bars
(and testable without parsing braille).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from cockpit.text import clean_line

Series = tuple[str, Sequence[float]]

# Distinct in dark and light themes; plotext takes names or (r, g, b).
PALETTE: tuple[str, ...] = ("red", "green", "blue", "yellow", "magenta", "cyan")


class MonthlyChart(Vertical):
    """Bars for each label, one colour per series; ``show`` replaces the data."""

    DEFAULT_CSS = """
    MonthlyChart { height: 16; }
    MonthlyChart > PlotextPlot { height: 1fr; }
    MonthlyChart > .chart-legend { height: auto; color: $text-muted; }
    """

    def __init__(self, title: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.labels: list[str] = []
        self.series: list[Series] = []

    def compose(self) -> ComposeResult:
        yield PlotextPlot()
        yield Static(Text(""), classes="chart-legend")

    @property
    def legend(self) -> Static:
        return self.query_one(".chart-legend", Static)

    def show(self, labels: Sequence[str], series: Sequence[Series]) -> None:
        """Plot ``series`` as grouped bars over ``labels`` (every series as long as labels)."""
        for name, values in series:
            if len(values) != len(labels):
                raise ValueError(
                    f"series {name!r} has {len(values)} values for {len(labels)} labels"
                )
        # plotext output is parsed as ANSI: never let a label carry escape codes.
        self.labels = [clean_line(label) for label in labels]
        self.series = [(clean_line(name), list(values)) for name, values in series]
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if self.title:
            plt.title(self.title)
        if self.labels and self.series:
            # The bundled stub says label=/one colour; plotext itself takes labels=/a list.
            cast(Any, plt).multiple_bar(
                self.labels,
                [list(values) for _, values in self.series],
                labels=[name for name, _ in self.series],
                color=[PALETTE[i % len(PALETTE)] for i in range(len(self.series))],
            )
        plot.refresh()
        self.legend.update(self.legend_text())

    def legend_text(self) -> Text:
        text = Text()
        if not self.labels:
            return text
        span = self.labels[0] if len(self.labels) == 1 else f"{self.labels[0]}–{self.labels[-1]}"
        text.append(f"{span}: ")
        for i, (name, values) in enumerate(self.series):
            if i:
                text.append(" · ")
            total = sum(values)
            shown = f"{total:g}" if isinstance(total, float) else str(total)
            text.append(f"{name} {shown}", style=PALETTE[i % len(PALETTE)])
        return text
