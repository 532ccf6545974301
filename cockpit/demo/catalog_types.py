"""The two small records the demo catalog is written in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FeedFormat = Literal["upwork", "wwr", "freelancer", "jobns", "atom", "jsonfeed"]


@dataclass(frozen=True, slots=True)
class DemoFeed:
    key: str  # also the feed id, prefixed "demo-"
    file: str  # file name under <demo folder>/feeds/
    title: str
    format: FeedFormat


@dataclass(frozen=True, slots=True)
class DemoJob:
    key: str  # stable: it makes the guid, so the job id never changes
    title: str
    ago: float  # days before the seeding time
    body: str  # plain text; "\n\n" between paragraphs, "- " starts a bullet
    budget: str = ""  # as the board prints it ("$150", "₹600 - ₹1500 INR", "Rp 750.000")
    hourly: bool = False  # Upwork only: "Hourly Range" instead of "Budget"
    category: str = ""
    skills: tuple[str, ...] = ()
    country: str = ""  # or region / location, as the board calls it
    company: str = ""
    job_type: str = ""


def job(
    key: str,
    title: str,
    ago: float,
    body: str,
    budget: str = "",
    *,
    hourly: bool = False,
    category: str = "",
    skills: tuple[str, ...] = (),
    country: str = "",
    company: str = "",
    job_type: str = "",
) -> DemoJob:
    """Positional key, title, age, body, budget keep the catalog tables readable."""
    return DemoJob(
        key, title, ago, body, budget, hourly, category, skills, country, company, job_type
    )
