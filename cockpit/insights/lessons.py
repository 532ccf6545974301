"""What my bids teach me: view, interview and hire rates by segment (pure).

STUB (lead): the verdict helper replaces this. The contract is below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cockpit.models import Job, Proposal


@dataclass(frozen=True, slots=True)
class Rate:
    hits: int
    bids: int
    low: float  # interval, 0..1
    high: float


@dataclass(frozen=True, slots=True)
class SegmentRow:
    segment: str  # "proposals" | "hours" | "spend" | "connects"
    band: str  # translated band label, e.g. "20 to 50 proposals"
    bids: int
    viewed: Rate
    interview: Rate
    hired: Rate


@dataclass(frozen=True, slots=True)
class Lessons:
    rows: list[SegmentRow] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # at most three, translated
    bids: int = 0


def lessons(proposals: Iterable[Proposal], jobs: Mapping[str, Job]) -> Lessons:
    return Lessons()


def lessons_markdown(result: Lessons) -> list[str]:
    """The same as Markdown lines for ``cockpit report``."""
    return []
