"""Reading a whole copied job page (Upwork, Projects.co.id, Freelancer.com) into a Job.

``read_page`` never raises, keeps every line it does not understand in the
description, stores the raw text on ``job.raw``, and says which fields it found
and which the platform's page usually shows but this paste did not.

Why lines and not one big regex: a pasted page comes in every arrangement
(label and value on one line, on two lines, value first, an amount split over
four lines), and a 1 MB paste must stay linear: regexes only ever see one
short line (see ``lines``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from cockpit.feeds.extract import UNTITLED, absolute_link, bound
from cockpit.feeds.pagepaste.draft import Draft
from cockpit.feeds.pagepaste.lines import (
    BUTTONS,
    MATCH_CHARS,
    NAV,
    Lines,
    key_of,
    skeleton,
    split,
)
from cockpit.feeds.pagepaste.reader import Walker
from cockpit.feeds.pagepaste.relative import aware
from cockpit.models import Job, JobSignals, job_id_for
from cockpit.text import clean, clean_line

__all__ = ["PasteResult", "detect_platform", "read_page"]

# What each platform's page normally shows: the dialog lists the ones not read.
EXPECTED: dict[str, tuple[str, ...]] = {
    "upwork": (
        "title", "posted", "budget", "experience", "skills", "proposals", "connects",
        "payment", "reviews", "country", "jobs_posted", "spent", "member_since",
    ),
    "projects_co_id": (
        "title", "budget", "posted", "deadline", "finish_days", "status", "bids", "skills",
    ),
    "freelancer": ("title", "budget", "bids", "bid_avg", "skills", "country", "payment"),
    "": ("title", "budget", "skills"),
}  # fmt: skip
_UPWORK_ID = re.compile(r"~0[12][0-9a-z]{8,40}", re.IGNORECASE)
_MAX_DESCRIPTION = 64_000
# (platform, marker, weight): words each page prints; the best score wins.
_MARKERS = (
    ("projects_co_id", "projects.co.id", 4), ("projects_co_id", "published budget", 4),
    ("projects_co_id", "finish days", 2), ("projects_co_id", "bid count", 2),
    ("projects_co_id", "select deadline", 2),
    ("upwork", "upwork", 2), ("upwork", "connects", 3), ("upwork", "activity on this job", 2),
    ("upwork", "proposals:", 1), ("upwork", "total spent", 2), ("upwork", "hire rate", 1),
    ("upwork", "payment method", 1), ("upwork", "hrs/week", 1), ("upwork", "fixed-price", 1),
    ("freelancer", "freelancer.com", 4), ("freelancer", "skills required", 3),
    ("freelancer", "bids", 1), ("freelancer", "freelancers are bidding", 3),
)  # fmt: skip


@dataclass(slots=True)
class PasteResult:
    job: Job
    found: list[str] = field(default_factory=list)  # field keys read, e.g. "budget", "connects"
    missing: list[str] = field(default_factory=list)  # keys expected for this platform, not read


def detect_platform(text: str, url: str = "") -> str:
    """upwork | projects_co_id | freelancer | "" from the url's host, else words in the text."""
    host = _host(url)
    if host.endswith("upwork.com"):
        return "upwork"
    if host.endswith("projects.co.id"):
        return "projects_co_id"
    if "freelancer." in host:
        return "freelancer"
    return _by_markers(text.lower())


def _by_markers(low: str) -> str:
    scores: dict[str, int] = {}
    for platform, marker, weight in _MARKERS:
        if marker in low:
            scores[platform] = scores.get(platform, 0) + weight
    if not scores:
        return ""
    return max(scores, key=lambda p: scores[p])


def read_page(
    text: str, url: str = "", title: str = "", now: datetime | None = None
) -> PasteResult:
    """A Job from a pasted page; never raises (an unreadable paste is a bare Job)."""
    try:
        return _read(text, url, title, now)
    except Exception:
        return _fallback(text, url, title, now)


def _read(text: str, url: str, title: str, now: datetime | None) -> PasteResult:
    text = text if isinstance(text, str) else str(text)
    url = url if isinstance(url, str) else ""
    title = title if isinstance(title, str) else ""
    at = aware(now)
    lines = split(text)
    platform = detect_platform("", url) or _by_markers(skeleton(lines))
    heading = clean_line(title)[:300]
    first = _skip_nav(lines)
    if not heading and first >= 0:
        heading = key_of(lines.text[first])
        lines.used[first] = True
    draft = Draft(platform=platform, now=at)
    Walker(lines, draft).run()
    if heading:
        draft.found.insert(0, "title")

    signals = draft.signals
    signals.platform = platform
    link = absolute_link(url, "") if url else ""
    signals.platform_id = _platform_id(platform, text, link, signals.platform_id)
    if platform == "upwork" and not link and signals.platform_id:
        link = "https://www.upwork.com/jobs/" + signals.platform_id
    if draft.has_reading():
        draft.reading.at = at
        signals.readings = [draft.reading]
    body = lines.body.strip()
    guid = "" if link else "paste:" + hashlib.sha1(body.encode("utf-8", "replace")).hexdigest()
    if not link and platform == "freelancer" and signals.platform_id:
        guid = "freelancer:" + signals.platform_id  # the same project pasted again: one job
    job = Job(
        id="",
        title=heading or UNTITLED,
        link=link,
        guid=guid,
        posted=draft.posted,
        fetched=at,
        description=_description(lines),
        budget=draft.budget,
        category=draft.category,
        skills=draft.skills,
        country=signals.client.country,
        source="paste",
        signals=signals,
    )
    bound(job)
    job.id = job_id_for(guid, link, job.title)
    job.raw = text
    found = list(draft.found)
    missing = [key for key in EXPECTED.get(platform, ()) if key not in found]
    return PasteResult(job, found, missing)


def _skip_nav(lines: Lines) -> int:
    """Mark the browser chrome above the title as used; the title's index, or -1."""
    for i, line in enumerate(lines.text):
        if not line:
            continue
        low = key_of(line).lower()
        if low in NAV or low in BUTTONS:
            lines.used[i] = True
            continue
        return i
    return -1


def _description(lines: Lines) -> str:
    out: list[str] = []
    size, gap = 0, False
    for line, used in zip(lines.text, lines.used, strict=True):
        if used:
            continue
        if not line:
            gap = bool(out)
            continue
        if gap:
            out.append("")
            gap = False
        out.append(line)
        size += len(line) + 1
        if size > _MAX_DESCRIPTION:
            break  # bound() cuts it here anyway; the whole text stays on job.raw
    return "\n".join(out)


def _platform_id(platform: str, text: str, link: str, known: str) -> str:
    if known:
        return known
    if platform == "upwork":
        match = _UPWORK_ID.search(link) or _UPWORK_ID.search(text)
        return match.group().lower() if match else ""
    if platform == "projects_co_id" and link:
        path = [p for p in urlsplit(link).path.split("/") if p]
        return path[-1][:MATCH_CHARS] if path else ""
    return ""


def _host(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def _fallback(text: object, url: object, title: object, now: datetime | None) -> PasteResult:
    """The last resort: the first line as the title, the rest as description."""
    raw = text if isinstance(text, str) else ""
    try:
        body = clean(raw).strip()
        head = clean_line(str(title or "")) or clean_line(body.split("\n", 1)[0])[:300]
    except Exception:
        body, head = "", ""
    head = head or UNTITLED
    job = Job(
        id=job_id_for(None, None, "paste:" + head),
        title=head,
        description=body[:_MAX_DESCRIPTION],
        source="paste",
        signals=JobSignals(),
        raw=raw,
    )
    return PasteResult(job, ["title"] if head != UNTITLED else [], [])
