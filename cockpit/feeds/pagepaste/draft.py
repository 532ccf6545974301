"""What has been read so far from one paste: the fields, in the order found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cockpit.feeds.fields import unique
from cockpit.models import Budget, BudgetKind, Client, JobSignals, Reading

# Keys that live on the activity Reading: a Reading is only added when one was read.
READING_KEYS = frozenset(
    {"proposals", "last_viewed", "interviewing", "invites", "unanswered", "bid_range",
     "bids", "bid_avg"}
)  # fmt: skip
MAX_SKILLS = 50


@dataclass(slots=True)
class Draft:
    platform: str
    now: datetime
    signals: JobSignals = field(default_factory=JobSignals)
    reading: Reading = field(default_factory=Reading)
    found: list[str] = field(default_factory=list)
    budget: Budget | None = None
    kind_hint: BudgetKind | None = None  # a lone "Hourly"/"Fixed-price" label
    posted: datetime | None = None
    category: str = ""
    skills: list[str] = field(default_factory=list)
    section: str = ""  # "", activity, about, history
    last: str = ""  # key of the field the last used line gave

    @property
    def client(self) -> Client:
        return self.signals.client

    def has(self, key: str) -> bool:
        return key in self.found

    def mark(self, key: str) -> bool:
        """Record ``key`` as read (first wins); always True so handlers can return it."""
        if key not in self.found:
            self.found.append(key)
        self.last = key
        return True

    def add_skills(self, names: list[str]) -> None:
        if len(names) == 1 and names[0] in self.skills:
            self.last = "skills"
            return
        self.skills = unique(self.skills + names)[:MAX_SKILLS]
        if self.skills:
            self.mark("skills")

    def has_reading(self) -> bool:
        return any(key in READING_KEYS for key in self.found)
