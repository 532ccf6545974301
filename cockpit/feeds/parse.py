"""Feed bytes to Jobs. Runs in a process pool, so everything here is top-level and picklable.

feedparser only ever sees bytes (never a URL or path: that path has no timeout
and opens local files). HTML sanitizing and relative-URI rewriting are off:
descriptions become plain text here, which is cheaper and safer than cleaned HTML.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.sax import SAXException

import feedparser

from cockpit.feeds.extract import (
    FeedContext,
    context_for,
    extract_entry,
    job_from_jsonfeed_item,
)
from cockpit.models import Job, utcnow
from cockpit.text import clean_line

_SNIFF_BYTES = 512
_HTML_STARTS = (b"<!doctype html", b"<html")
# feedparser flags these but reads the feed fine; they are not the user's problem.
_BENIGN = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)


@dataclass(slots=True)
class ParseResult:
    jobs: list[Job] = field(default_factory=list)
    title: str = ""
    warning: str = ""
    error: str = ""


def parse_feed(body: bytes, headers: Mapping[str, str], feed_id: str, url: str = "") -> ParseResult:
    """Jobs from a fetched body. Errors come back in ``error``; nothing raises."""
    if not body or not body.strip():
        return ParseResult(error="empty body")
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    content_type = lowered.get("content-type", "").lower()
    if head.startswith((b"{", b"[")) or ("json" in content_type and not head.startswith(b"<")):
        result = _parse_json(body, url)
    elif head.startswith(_HTML_STARTS):
        return ParseResult(error="not a feed: looks like an HTML page")
    else:
        result = _parse_xml(body, lowered, url, "html" in content_type)
    fetched = utcnow()
    for job in result.jobs:
        job.fetched = fetched
        job.feed_ids = [feed_id]
    return result


def _parse_xml(body: bytes, headers: dict[str, str], url: str, html_type: bool) -> ParseResult:
    if url and "content-location" not in headers:
        headers = {**headers, "content-location": url}
    parsed = feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _BENIGN):
        problem = None
    version = parsed.get("version") or ""
    if not entries:
        if isinstance(problem, SAXException):
            return ParseResult(error=f"malformed XML: {_reason(problem)}")
        if not version:
            if html_type:
                return ParseResult(error="not a feed: looks like an HTML page")
            return ParseResult(error="not a feed: no RSS or Atom channel found")
    feed = parsed.get("feed") or {}
    ctx = context_for(url, parsed.get("namespaces"))
    jobs, skipped = _collect(entries, ctx)
    warnings = []
    if problem is not None and entries:
        warnings.append(f"feed is not well-formed ({_reason(problem)}); read {len(jobs)} jobs")
    if skipped:
        warnings.append(f"skipped {skipped} unreadable entries")
    return ParseResult(
        jobs=jobs, title=clean_line(str(feed.get("title") or "")), warning="; ".join(warnings)
    )


def _collect(entries: list[Any], ctx: FeedContext) -> tuple[list[Job], int]:
    jobs: list[Job] = []
    seen: set[str] = set()
    skipped = 0
    for entry in entries:
        try:
            job = extract_entry(entry, ctx)
        except Exception:  # one odd entry must not cost the user the whole feed
            skipped += 1
            continue
        if job is not None and job.id not in seen:
            seen.add(job.id)
            jobs.append(job)
    return jobs, skipped


def _parse_json(body: bytes, url: str) -> ParseResult:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        return ParseResult(error=f"not a feed: invalid JSON ({_reason(exc)})")
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        return ParseResult(error="not a feed: JSON without jsonfeed version")
    items = data.get("items")
    if not isinstance(items, list):
        return ParseResult(error="not a feed: JSON Feed without items")
    base = url or str(data.get("home_page_url") or "")
    jobs: list[Job] = []
    seen: set[str] = set()
    skipped = 0
    for item in items:
        try:
            job = job_from_jsonfeed_item(item, base) if isinstance(item, dict) else None
        except Exception:  # same policy as XML entries
            job = None
        if job is None:
            skipped += 1
        elif job.id not in seen:
            seen.add(job.id)
            jobs.append(job)
    warning = f"skipped {skipped} unreadable items" if skipped else ""
    return ParseResult(jobs=jobs, title=clean_line(str(data.get("title") or "")), warning=warning)


def _reason(exc: BaseException) -> str:
    text = clean_line(str(exc)) or type(exc).__name__
    return text[:200]
