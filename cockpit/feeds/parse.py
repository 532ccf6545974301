"""Feed bytes to Jobs. Runs in a process pool, so everything here is top-level and picklable.

feedparser only ever sees bytes (never a URL or path: that path has no timeout
and opens local files). HTML sanitizing and relative-URI rewriting are off:
descriptions become plain text here, which is cheaper and safer than cleaned HTML.
feedparser is not told the feed's address either: it would re-resolve its base
URI at every element (a third of its time on a plain feed), and extract.py
resolves the few links that are relative against the feed URL anyway.
Bodies are normalised and bounded first (prepare.py), and expat buffers text
(saxdriver.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.sax import SAXException, SAXParseException

import feedparser
import feedparser.api

from cockpit.feeds.extract import (
    FeedContext,
    context_for,
    extract_entry,
    job_from_jsonfeed_item,
)
from cockpit.feeds.prepare import (
    MAX_ELEMENTS,
    MAX_ENTRIES,
    MAX_TAGS,
    cap_entries,
    cap_tags,
    element_count,
    feedparser_headers,
    to_utf8,
)
from cockpit.i18n import N_, _, ngettext
from cockpit.models import Job, utcnow
from cockpit.text import clean_line

# Our expat driver (text buffering) instead of trying to import libxml2 on every parse.
feedparser.api.PREFERRED_XML_PARSERS[:] = ["cockpit.feeds.saxdriver"]

_SNIFF_BYTES = 512
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")
# Files that are never feeds: images, PDF, archives, compressed data.
_BINARY_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF",
)  # fmt: skip
# Bytes text never holds (C0 controls but tab, newlines, form feed and ESC).
_BINARY_BYTES = bytes([*range(0, 9), 11, *range(14, 27), *range(28, 32)])
BINARY = N_("not a feed: the server sent binary data (an image or a file), not text")
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
        return ParseResult(error=_("empty body"))
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    body, utf8 = to_utf8(body)
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    content_type = lowered.get("content-type", "").lower()
    if head.startswith((b"{", b"[")) or ("json" in content_type and not head.startswith(b"<")):
        result = _parse_json(body, url)
    elif head.startswith(_HTML_STARTS):
        return ParseResult(error=_("not a feed: looks like an HTML page"))
    elif _looks_binary(body[:_SNIFF_BYTES]):
        return ParseResult(error=_(BINARY))
    else:
        result = _parse_xml(body, feedparser_headers(lowered, utf8), url, "html" in content_type)
    fetched = utcnow()
    for job in result.jobs:
        job.fetched = fetched
        job.feed_ids = [feed_id]
    return result


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_BINARY_MAGIC):
        return True
    # Random bytes hit these ~10% of the time; a text feed with a stray control char, ~0%.
    odd = len(head) - len(head.translate(None, _BINARY_BYTES))
    return odd * 20 > len(head)


def _parse_xml(body: bytes, headers: dict[str, str], url: str, html_type: bool) -> ParseResult:
    body, found = cap_entries(body, MAX_ENTRIES)
    body, extra_tags = cap_tags(body, MAX_TAGS)
    if element_count(body) > MAX_ELEMENTS:
        return ParseResult(
            error=_("not read: over {count} XML elements in one feed").format(
                count=f"{MAX_ELEMENTS:,}"
            )
        )
    parsed = feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _BENIGN):
        problem = None
    version = parsed.get("version") or ""
    if not entries:
        if html_type and not version:
            return ParseResult(error=_("not a feed: looks like an HTML page"))
        if isinstance(problem, SAXException):
            return ParseResult(error=_("malformed XML: {reason}").format(reason=_reason(problem)))
        if not version:
            return ParseResult(error=_("not a feed: no RSS or Atom channel found"))
    feed = parsed.get("feed") or {}
    ctx = context_for(url, parsed.get("namespaces"))
    jobs, skipped = _collect(entries, ctx)
    warnings = []
    if found:
        warnings.append(
            _("the feed lists {found} entries; read the first {limit}").format(
                found=f"{found:,}", limit=f"{MAX_ENTRIES:,}"
            )
        )
    if extra_tags:
        warnings.append(
            _("skipped {count} categories (over {limit} in one entry)").format(
                count=f"{extra_tags:,}", limit=MAX_TAGS
            )
        )
    if problem is not None and entries:
        read = ngettext("{count} job", "{count} jobs", len(jobs)).format(count=len(jobs))
        warnings.append(
            _("feed is not well-formed ({reason}); read {read}").format(
                reason=_reason(problem), read=read
            )
        )
    if skipped:
        warnings.append(_("skipped {count} unreadable entries").format(count=skipped))
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
        return ParseResult(
            error=_("not a feed: invalid JSON ({reason})").format(reason=_reason(exc))
        )
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        return ParseResult(error=_("not a feed: JSON without jsonfeed version"))
    items = data.get("items")
    if not isinstance(items, list):
        return ParseResult(error=_("not a feed: JSON Feed without items"))
    found = len(items)
    items = items[:MAX_ENTRIES]
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
    warnings = []
    if found > MAX_ENTRIES:
        warnings.append(
            _("the feed lists {found} entries; read the first {limit}").format(
                found=f"{found:,}", limit=f"{MAX_ENTRIES:,}"
            )
        )
    if skipped:
        warnings.append(_("skipped {count} unreadable items").format(count=skipped))
    warning = "; ".join(warnings)
    return ParseResult(jobs=jobs, title=clean_line(str(data.get("title") or "")), warning=warning)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SAXParseException):  # "<unknown>:3:10: msg" means nothing to a user
        where = f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
        text = f"{where}: {clean_line(str(exc.getMessage()))}"
    else:
        text = clean_line(str(exc)) or type(exc).__name__
    return text[:200]
