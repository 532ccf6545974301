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
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.sax import SAXException, SAXParseException

import feedparser
import feedparser.api

from cockpit.feeds import fastpath
from cockpit.feeds.extract import (
    context_for,
    extract_entry,
    job_from_jsonfeed_item,
)
from cockpit.feeds.messages import EN
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
from cockpit.i18n import N_
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


# Time budget of one parse, checked between entries (an entry itself cannot be
# interrupted, but every extractor is linear and an entry's markup is bounded,
# so one entry costs milliseconds). A normal entry takes well under 10 ms.
ENTRY_SECONDS = 2.0  # an entry slower than this is dropped: something in it is hostile
FEED_SECONDS = 20.0  # past this the entries not read yet are skipped


@dataclass(frozen=True, slots=True)
class TimeBudget:
    entry_seconds: float = ENTRY_SECONDS
    feed_seconds: float = FEED_SECONDS
    clock: Callable[[], float] = time.monotonic


@dataclass(slots=True)
class ParseResult:
    jobs: list[Job] = field(default_factory=list)
    title: str = ""
    # In English whatever the language (the store keeps them); messages.shown() translates.
    warning: str = ""
    error: str = ""
    # The feed's deadline cut entries off (a busy or stopped machine, not a bad
    # entry): the body is worth reading again, so its validators should not be kept.
    partial: bool = False


def parse_feed(
    body: bytes,
    headers: Mapping[str, str],
    feed_id: str,
    url: str = "",
    budget: TimeBudget | None = None,
) -> ParseResult:
    """Jobs from a fetched body. Errors come back in ``error``; nothing raises.

    Entries are read within ``budget`` (see TimeBudget); what it cuts off is
    skipped and named in ``warning``, the rest of the feed is kept.
    """
    budget = budget or TimeBudget(ENTRY_SECONDS, FEED_SECONDS)  # read now: tests patch them
    deadline = budget.clock() + budget.feed_seconds
    if not body or not body.strip():
        return ParseResult(error=N_("empty body"))
    if url.lower().startswith("freelancer:"):  # the projects API's pages, joined by fetch.py
        from cockpit.feeds.freelancer import parse_pages

        return parse_pages(body, feed_id, url)
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    body, utf8 = to_utf8(body)
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    content_type = lowered.get("content-type", "").lower()
    if head.startswith((b"{", b"[")) or ("json" in content_type and not head.startswith(b"<")):
        result = _parse_json(body, url, budget, deadline)
    elif head.startswith(_HTML_STARTS):
        return ParseResult(error=N_("not a feed: looks like an HTML page"))
    elif _looks_binary(body[:_SNIFF_BYTES]):
        return ParseResult(error=BINARY)
    else:
        headers_fp = feedparser_headers(lowered, utf8)
        result = _parse_xml(body, headers_fp, url, "html" in content_type, budget, deadline)
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


def _parse_xml(
    body: bytes,
    headers: dict[str, str],
    url: str,
    html_type: bool,
    budget: TimeBudget,
    deadline: float,
) -> ParseResult:
    body, found = cap_entries(body, MAX_ENTRIES)
    body, extra_tags = cap_tags(body, MAX_TAGS)
    if element_count(body) > MAX_ELEMENTS:
        return ParseResult(
            error=N_("not read: over {count} XML elements in one feed").format(
                count=f"{MAX_ELEMENTS:,}"
            )
        )
    # Plain well-formed RSS/Atom takes lxml's fast path; anything else, feedparser.
    parsed = fastpath.read(body, headers) or feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _BENIGN):
        problem = None
    version = parsed.get("version") or ""
    if not entries:
        if html_type and not version:
            return ParseResult(error=N_("not a feed: looks like an HTML page"))
        if isinstance(problem, SAXException):
            return ParseResult(error=N_("malformed XML: {reason}").format(reason=_reason(problem)))
        if not version:
            return ParseResult(error=N_("not a feed: no RSS or Atom channel found"))
    feed = parsed.get("feed") or {}
    ctx = context_for(url, parsed.get("namespaces"))
    jobs, skipped, slow, cut = _collect(
        entries, lambda entry: extract_entry(entry, ctx), budget, deadline
    )
    warnings = []
    if found:
        warnings.append(
            N_("the feed lists {found} entries; read the first {limit}").format(
                found=f"{found:,}", limit=f"{MAX_ENTRIES:,}"
            )
        )
    if extra_tags:
        warnings.append(
            N_("skipped {count} categories (over {limit} in one entry)").format(
                count=f"{extra_tags:,}", limit=MAX_TAGS
            )
        )
    if problem is not None and entries:
        read = EN.ngettext("{count} job", "{count} jobs", len(jobs)).format(count=len(jobs))
        warnings.append(
            N_("feed is not well-formed ({reason}); read {read}").format(
                reason=_reason(problem), read=read
            )
        )
    if skipped:
        warnings.append(N_("skipped {count} unreadable entries").format(count=skipped))
    warnings.extend(_too_slow(slow))
    return ParseResult(
        jobs=jobs,
        title=clean_line(str(feed.get("title") or "")),
        warning="; ".join(warnings),
        partial=cut > 0,
    )


def _collect(
    entries: list[Any],
    read: Callable[[Any], Job | None],
    budget: TimeBudget,
    deadline: float,
) -> tuple[list[Job], int, int, int]:
    """(jobs, entries that could not be read, entries skipped for time, of those how
    many were never read because the feed's deadline had passed).

    ``read`` returns None for an entry that carries nothing, and may raise.
    The clock is read between entries: an entry slower than the per-entry
    budget is dropped, and once the feed's deadline has passed the rest are
    skipped, so one hostile entry costs at most one entry's time.
    """
    jobs: list[Job] = []
    seen: set[str] = set()
    skipped = slow = 0
    clock = budget.clock
    for index, entry in enumerate(entries):
        started = clock()
        if started > deadline:
            cut = len(entries) - index
            return jobs, skipped, slow + cut, cut
        try:
            job = read(entry)
        except Exception:  # one odd entry must not cost the user the whole feed
            skipped += 1
            continue
        if clock() - started > budget.entry_seconds:
            slow += 1
            continue
        if job is not None and job.id not in seen:
            seen.add(job.id)
            jobs.append(job)
    return jobs, skipped, slow, 0


def _too_slow(count: int) -> list[str]:
    if not count:
        return []
    text = EN.ngettext(
        "skipped {count} entry that took too long to read",
        "skipped {count} entries that took too long to read",
        count,
    )
    return [text.format(count=count)]


def _json_item(item: Any, base: str) -> Job | None:
    job = job_from_jsonfeed_item(item, base) if isinstance(item, dict) else None
    if job is None:
        raise ValueError("no job in this item")  # counted as unreadable, as before
    return job


def _parse_json(body: bytes, url: str, budget: TimeBudget, deadline: float) -> ParseResult:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        return ParseResult(
            error=N_("not a feed: invalid JSON ({reason})").format(reason=_reason(exc))
        )
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        return ParseResult(error=N_("not a feed: JSON without jsonfeed version"))
    items = data.get("items")
    if not isinstance(items, list):
        return ParseResult(error=N_("not a feed: JSON Feed without items"))
    found = len(items)
    items = items[:MAX_ENTRIES]
    base = url or str(data.get("home_page_url") or "")
    jobs, skipped, slow, cut = _collect(
        items, lambda item: _json_item(item, base), budget, deadline
    )
    warnings = []
    if found > MAX_ENTRIES:
        warnings.append(
            N_("the feed lists {found} entries; read the first {limit}").format(
                found=f"{found:,}", limit=f"{MAX_ENTRIES:,}"
            )
        )
    if skipped:
        warnings.append(N_("skipped {count} unreadable items").format(count=skipped))
    warnings.extend(_too_slow(slow))
    warning = "; ".join(warnings)
    title = clean_line(str(data.get("title") or ""))
    return ParseResult(jobs=jobs, title=title, warning=warning, partial=cut > 0)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SAXParseException):  # "<unknown>:3:10: msg" means nothing to a user
        text = N_("line {line}, column {column}: {problem}").format(
            line=exc.getLineNumber(),
            column=exc.getColumnNumber(),
            problem=clean_line(str(exc.getMessage())),
        )
    else:
        text = clean_line(str(exc)) or type(exc).__name__
    return text[:200]
