"""Reading a whole copied job page (Upwork, Projects.co.id, Freelancer.com) into a Job.

STUB (lead): the parser helper replaces this with the real reader. The contract:
``read_page`` never raises, keeps every line it does not understand in the
description, stores the raw text on ``job.raw``, and says which fields it found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cockpit.models import Job, JobSignals


@dataclass(slots=True)
class PasteResult:
    job: Job
    found: list[str] = field(default_factory=list)  # field keys read, e.g. "budget", "connects"
    missing: list[str] = field(default_factory=list)  # keys expected for this platform, not read


def read_page(
    text: str, url: str = "", title: str = "", now: datetime | None = None
) -> PasteResult:
    from cockpit.feeds.extract import extract_from_text

    job = extract_from_text(text, url=url, title=title)
    job.raw = text
    job.signals = JobSignals()
    return PasteResult(job)
