"""Structured job fields per source family, from feedparser entries and pasted text.

Every string leaving this module is cleaned (text.clean / clean_line) and
every link passed text.safe_url; a link that is not http(s) becomes "".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from cockpit.feeds.fields import (
    from_struct,
    parse_iso,
    recognise,
    split_skills,
    unescape_title,
    unique,
)
from cockpit.feeds.html import html_to_text
from cockpit.feeds.money import budget, budget_kind, salary_budget
from cockpit.models import UNTITLED_JOB, Job, job_id_for, utcnow
from cockpit.skills import is_generic
from cockpit.text import clean, clean_line, safe_url

Entry = Mapping[str, Any]

_UPWORK_META = re.compile(
    r"<b>\s*(?:Budget|Hourly Range|Posted On|Category|Skills|Country|Location)\s*</b>\s*:",
    re.IGNORECASE,
)
# Every regex here sees untrusted text, so each must run in linear time: no
# quantified runs that can overlap, and no "from every start, scan to the end"
# (tests/feeds/test_linear_time.py feeds each 1 MB of its worst input).
# The link excludes "<" so a "<a<a<a..." run cannot make every start scan to the end.
_UPWORK_APPLY = re.compile(r"<a\b[^<>]*>\s*click to apply\s*</a>\s*$", re.IGNORECASE)
_COMMA_JOBS = re.compile(r",\s*jobs:", re.IGNORECASE)
_JOB_FIELDS = ("tags", "company", "location", "salary", "job_type", "type")
_URL_BREAKS = re.compile(r"[\t\n\r]")
UNTITLED = UNTITLED_JOB

# Bounds per job, so one hostile entry cannot flood the store or the UI. Raw
# markup is cut before it is converted (html.parser costs ~1 s per MB); the
# cut text ends in "…". Real boards stay far below: Upwork caps a job post at
# 5,000 characters.
MAX_TITLE = 300
MAX_DESCRIPTION = 64_000
MAX_MARKUP = 4 * MAX_DESCRIPTION
MAX_FIELD = 200
MAX_SKILLS = 50


@dataclass(frozen=True, slots=True)
class FeedContext:
    """What is known about the whole feed, worked out once per parse."""

    url: str = ""
    job_prefixes: tuple[str, ...] = ("job",)


def context_for(url: str, namespaces: Mapping[str, str] | None) -> FeedContext:
    """Namespaced keys are named after the prefix the feed declared (job:tags -> job_tags)."""
    prefixes = ["job"]
    for prefix, uri in (namespaces or {}).items():
        if prefix and prefix not in prefixes and "job" in (prefix + uri).lower():
            prefixes.append(prefix)
    return FeedContext(url=url, job_prefixes=tuple(prefixes))


def detect_family(entry: Entry, ctx: FeedContext) -> str:
    """Which extractor fits this entry: upwork | freelancer | jobns | wwr | generic."""
    raw = _raw_html(entry)
    host = _host(str(entry.get("link") or ""))
    if host.endswith("upwork.com") or ("</b>:" in raw and _UPWORK_META.search(raw)):
        return "upwork"
    if "freelancer." in host or ("Jobs:" in raw and _freelancer_tail(html_to_text(raw))):
        return "freelancer"
    if any(f"{prefix}_{name}" in entry for prefix in ctx.job_prefixes for name in _JOB_FIELDS):
        return "jobns"
    if "region" in entry or host.endswith("weworkremotely.com"):
        return "wwr"
    return "generic"


def _host(link: str) -> str:
    try:
        return (urlsplit(link).hostname or "").lower()
    except ValueError:
        return ""


def extract_entry(entry: Entry, ctx: FeedContext | None = None) -> Job | None:
    """A Job from one feedparser entry, or None when the entry carries nothing usable."""
    ctx = ctx or FeedContext()
    family = detect_family(entry, ctx)
    job = _EXTRACTORS[family](entry, ctx)
    if not (job.title or job.link or job.description):
        return None
    if not job.title:
        job.title = _first_line(job.description) or UNTITLED
    bound(job)
    job.id = job_id_for(job.guid, job.link, job.title)
    return job


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bound(job: Job) -> Job:
    """Cut every free-text field to its bound (see MAX_*), in place."""
    job.title = _cut(job.title, MAX_TITLE)
    job.description = _cut(job.description, MAX_DESCRIPTION)
    job.guid = _cut(job.guid, MAX_FIELD * 5)  # an id longer than this is junk, not a key
    for name in ("category", "country", "company", "job_type", "client_name"):
        setattr(job, name, _cut(getattr(job, name), MAX_FIELD))
    # Slice first: a hostile entry may carry far more tags than are kept.
    kept = real_skills(job.skills[: 2 * MAX_SKILLS])[:MAX_SKILLS]
    job.skills = [_cut(skill, MAX_FIELD) for skill in kept]
    return job


def real_skills(skills: list[str]) -> list[str]:
    """Feed categories and tags without the generic words ("Job", "Remote") that name no skill."""
    return [skill for skill in skills if not is_generic(skill)]


def _raw_html(entry: Entry) -> str:
    content = entry.get("content")
    if content:
        value = content[0].get("value")
        if value:
            return str(value)[:MAX_MARKUP]
    return str(entry.get("summary") or entry.get("description") or "")[:MAX_MARKUP]


def _is_plain(entry: Entry) -> bool:
    content = entry.get("content")
    detail = content[0] if content else entry.get("summary_detail") or {}
    return str(detail.get("type", "")) == "text/plain"


def _link(entry: Entry, ctx: FeedContext) -> str:
    link = str(entry.get("link") or "")
    if not link:
        for candidate in entry.get("links") or ():
            if candidate.get("href") and candidate.get("rel", "alternate") == "alternate":
                link = str(candidate["href"])
                break
    return absolute_link(link, ctx.url)


def absolute_link(link: str, base: str) -> str:
    """http(s) link or ""; a relative link is resolved against the feed url first."""
    # Browsers drop tabs and newlines in a URL: "java\tscript:" must be judged as "javascript:".
    link = clean_line(_URL_BREAKS.sub("", link))
    if not link:
        return ""
    try:
        if base and not urlsplit(link).scheme:
            link = urljoin(base, link)
    except ValueError:  # "http://[oops": not a link anyone can open
        return ""
    return safe_url(link) or ""


def _tags(entry: Entry) -> list[str]:
    terms = [str(tag.get("label") or tag.get("term") or "") for tag in entry.get("tags") or ()]
    return unique(terms)


def _base(entry: Entry, ctx: FeedContext, source: str, description_html: str | None) -> Job:
    raw = _raw_html(entry) if description_html is None else description_html
    description = clean(raw).strip() if _is_plain(entry) else html_to_text(raw)
    posted = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # Plain dict lookup: FeedParserDict maps a missing updated_* onto published_*
        # with a DeprecationWarning, and we already looked there.
        value = dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)
        if value is not None:
            posted = from_struct(value)
            break
    return Job(
        id="",
        title=unescape_title(str(entry.get("title") or "")[: 4 * MAX_TITLE]),
        link=_link(entry, ctx),
        guid=clean_line(str(entry.get("id") or entry.get("guid") or "")),
        posted=posted,
        description=description,
        source=source,
    )


def _upwork(entry: Entry, ctx: FeedContext) -> Job:
    raw = _raw_html(entry)
    meta = _UPWORK_META.search(raw)
    body, tail = (raw[: meta.start()], raw[meta.start() :]) if meta else (raw, "")
    job = _base(entry, ctx, "upwork", _UPWORK_APPLY.sub("", body))
    job.title = _strip_upwork_suffix(job.title)
    found = recognise(html_to_text(tail))
    job.budget = found.budget
    job.posted = job.posted or found.posted
    job.category, job.skills, job.country = found.category, found.skills, found.country
    return job


def _wwr(entry: Entry, ctx: FeedContext) -> Job:
    job = _base(entry, ctx, "wwr", None)
    company, sep, title = job.title.partition(": ")
    if sep and company and title:
        job.company, job.title = company.strip(), title.strip()
    job.country = clean_line(str(entry.get("region") or ""))
    job.job_type = clean_line(str(entry.get("type") or ""))
    tags = _tags(entry)
    job.category = tags[0] if tags else ""
    return job


def _freelancer(entry: Entry, ctx: FeedContext) -> Job:
    job = _base(entry, ctx, "freelancer", None)
    tail = _freelancer_tail(job.description)
    if tail:
        start, text, jobs = tail
        job.description = job.description[:start].rstrip()
        job.budget = budget(budget_kind(text), text)
        job.skills = split_skills(jobs)
    return job


def _freelancer_tail(text: str) -> tuple[int, str, str] | None:
    """Freelancer's "(Budget: $30 - $250 USD, Jobs: PHP, MySQL)" at the end of a description.

    (start of the "(", budget text, jobs text), or None. Read by hand, not with
    one regex: a lazy budget run followed by optional spaces took cubic time on
    a long run of spaces. The bracket holds no other bracket, so only the last
    "(" can open it.
    """
    end = len(text.rstrip())
    if not end or text[end - 1] != ")":
        return None
    start = text.rfind("(", 0, end - 1)
    if start < 0 or ")" in text[start + 1 : end - 1]:
        return None
    inner = text[start + 1 : end - 1]
    body = inner.lstrip()
    if body[:7].lower() != "budget:":
        return None
    body = body[7:]
    # The first ", Jobs:" ends the budget, as the lazy regex it replaces did.
    split = _COMMA_JOBS.search(body)
    if split is None:
        return None
    return start, body[: split.start()].strip(), body[split.end() :].lstrip()


def _strip_upwork_suffix(title: str) -> str:
    """Drop Upwork's " - Upwork" title suffix (spaces around the dash required, any case)."""
    head = title.rstrip()
    if head[-6:].lower() != "upwork":
        return title
    head = head[:-6]
    before = head.rstrip()
    if len(before) == len(head) or not before.endswith("-"):
        return title  # "Upwork" must follow a space
    rest = before[:-1]
    kept = rest.rstrip()
    if len(kept) == len(rest):
        return title  # and the dash must follow one
    return kept


def _jobns(entry: Entry, ctx: FeedContext) -> Job:
    def get(*names: str) -> str:
        for name in names:
            for prefix in ctx.job_prefixes:
                value = entry.get(f"{prefix}_{name}")
                if value:
                    return clean_line(str(value))
        return ""

    job = _base(entry, ctx, "jobns", None)
    job.skills = unique(split_skills(get("tags")) + _tags(entry))
    job.company = get("company")
    job.country = get("location")
    job.job_type = get("job_type", "type")
    salary = get("salary")
    if salary:
        job.budget = salary_budget(salary)
    return job


def _generic(entry: Entry, ctx: FeedContext) -> Job:
    job = _base(entry, ctx, "generic", None)
    _fill_from_lines(job)
    job.skills = unique(_tags(entry) + job.skills)
    return job


def _fill_from_lines(job: Job) -> None:
    """Explicit "Budget: ..." style lines in a description fill fields still empty."""
    if ":" not in job.description:
        return
    found = recognise(job.description)
    job.budget = job.budget or found.budget
    job.posted = job.posted or found.posted
    job.category = job.category or found.category
    job.country = job.country or found.country
    job.skills = job.skills or found.skills


_EXTRACTORS = {
    "upwork": _upwork,
    "wwr": _wwr,
    "freelancer": _freelancer,
    "jobns": _jobns,
    "generic": _generic,
}


def _first_line(text: str, limit: int = 120) -> str:
    for line in text.splitlines():
        line = clean_line(line)
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


def job_from_jsonfeed_item(item: Mapping[str, Any], base_url: str = "") -> Job | None:
    """One JSON Feed 1.x item; None when it has neither title, link nor content."""
    if item.get("content_html"):
        description = html_to_text(str(item["content_html"])[:MAX_MARKUP])
    else:
        text = str(item.get("content_text") or item.get("summary") or "")[:MAX_MARKUP]
        description = clean(text).strip()
    link = absolute_link(str(item.get("url") or item.get("external_url") or ""), base_url)
    title = unescape_title(str(item.get("title") or "")[: 4 * MAX_TITLE])
    if not (title or link or description):
        return None
    raw_tags = item.get("tags")
    tags = [str(tag) for tag in raw_tags] if isinstance(raw_tags, list) else []
    job = Job(
        id="",
        title=title or _first_line(description) or UNTITLED,
        link=link,
        guid=clean_line(str(item.get("id") or "")),
        posted=parse_iso(str(item.get("date_published") or item.get("date_modified") or "")),
        description=description,
        skills=unique(tags),
        source="jsonfeed",
    )
    _fill_from_lines(job)
    bound(job)
    job.id = job_id_for(job.guid, job.link, job.title)
    return job


def extract_from_text(text: str, url: str = "", title: str = "") -> Job:
    """Paste intake: a job page's text, read with the same "Key: value" recognisers."""
    body = clean(text).replace("\t", " ").strip()
    lines = body.splitlines()
    heading = clean_line(title)
    if not heading:
        heading = _first_line(body, limit=200)
        # The first line became the title; keep the rest as the description.
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines:
            lines.pop(0)
    description = "\n".join(line.rstrip() for line in lines).strip()
    found = recognise(body)
    link = absolute_link(url, "")
    guid = "" if link else "paste:" + hashlib.sha1(body.encode("utf-8", "replace")).hexdigest()
    return Job(
        id=job_id_for(guid, link, heading),
        title=heading or UNTITLED,
        link=link,
        guid=guid,
        posted=found.posted,
        fetched=utcnow(),
        description=description,
        budget=found.budget,
        category=found.category,
        skills=real_skills(found.skills),
        country=found.country,
        source="paste",
    )
