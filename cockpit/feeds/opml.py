"""OPML 2.0 import/export of feed lists (pure: bytes in, bytes out).

Folders (outlines without an ``xmlUrl`` that hold others) become tags on the
feeds inside them, as does the ``category`` attribute ("/Jobs/Audio,Remote"
gives jobs, audio, remote). Export writes tags back as ``category``.

Parsing uses expat directly and refuses any DOCTYPE: no internal entities
(billion laughs) and no external ones (XXE) can ever be declared, let alone
expanded or fetched.

:func:`import_file` is the one import the CLI and the welcome share: it reads the
file and adds the new feeds through the store's feed repository.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from cockpit.i18n import _, ngettext
from cockpit.models import Feed, new_id
from cockpit.text import clean_line, safe_url

MAX_OPML = 5 * 1024 * 1024
# Tags per feed and characters per tag: a crafted file gave one feed 100k tags.
MAX_TAGS = 50
MAX_TAG_LEN = 100
# Distinct local addresses remembered for the count: bounded like everything a file sets.
MAX_LOCAL = 100_000
_URL_KEYS = ("xmlurl", "url")
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(slots=True)
class FeedSpec:
    url: str
    name: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OpmlRead:
    """What an OPML file gave: the feeds to add, and how many local file feeds were skipped."""

    specs: list[FeedSpec]
    skipped_local: int = 0


class _Refuse(Exception):
    pass


# Local files: file:///home/me/feed.xml, /home/me/feed.xml, ~/f.xml, ./f.xml, C:\f.xml,
# \\host\share (but not //host/feed, a link without its scheme). They are skipped on
# purpose: an OPML file from elsewhere must not make the app read the user's files.
# Counted so the user is told, not left guessing.
_LOCAL = re.compile(r"file:|/(?!/\w)|[\\~]|\.\.?[/\\]|[a-z]:[/\\]", re.IGNORECASE)


def is_local_path(url: str) -> bool:
    """True for a file: URL or a file system path (never fetched)."""
    return bool(_LOCAL.match(clean_line(url).strip()))


def skipped_local_message(count: int) -> str:
    """What to tell the user about skipped local feeds; "" when there were none."""
    if count <= 0:
        return ""
    return ngettext(
        "Skipped {count} local file feed: an OPML file from elsewhere may not read your files.",
        "Skipped {count} local file feeds: an OPML file from elsewhere may not read your files.",
        count,
    ).format(count=count)


_CATEGORY_PART = re.compile(r"[^,/]+")


def _tags_from_category(value: str) -> list[str]:
    tags: list[str] = []
    # Split lazily: only as many parts as can still become tags are cleaned.
    for match in _CATEGORY_PART.finditer(value):
        tag = clean_line(match.group())[:MAX_TAG_LEN]
        if tag:
            tags.append(tag)
            if len(tags) >= MAX_TAGS:
                break
    return tags


def _add(tags: list[str], new: list[str]) -> None:
    """Append the new tags not yet present (case-insensitively), up to MAX_TAGS in all."""
    if len(tags) >= MAX_TAGS:
        return
    seen = {t.casefold() for t in tags}
    for tag in new:
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
            if len(tags) >= MAX_TAGS:
                return


class _Reader:
    """Builds FeedSpecs while expat streams start/end tags."""

    def __init__(self) -> None:
        self.root = ""
        self.depth = 0
        self.in_body = False
        # One entry per open <outline>: the folder tags in force inside it (at most
        # MAX_TAGS, shared with the parent when it adds none), so a feed deep in
        # folders costs O(MAX_TAGS), not O(depth).
        self.folders: list[list[str]] = []
        self.specs: dict[str, FeedSpec] = {}
        self.local: set[str] = set()  # local file addresses skipped, counted once each

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1:
            self.root = name
            return
        if name == "body" and self.depth == 2:
            self.in_body = True
            return
        if name != "outline" or not self.in_body:
            return
        lowered = {k.lower(): v for k, v in attrs.items()}
        label = clean_line(lowered.get("title") or lowered.get("text") or "")
        raw_url = next((lowered[k] for k in _URL_KEYS if lowered.get(k)), "")
        inherited = self.folders[-1] if self.folders else []
        if not raw_url:
            folder = label[:MAX_TAG_LEN]
            if folder and len(inherited) < MAX_TAGS:
                extended = list(inherited)
                _add(extended, [folder])
                self.folders.append(extended)
            else:
                self.folders.append(inherited)
            return
        self.folders.append(inherited)
        url = safe_url(raw_url.strip())
        if url is None:  # javascript:, data:, local files, relative junk: never a feed
            if is_local_path(raw_url) and len(self.local) < MAX_LOCAL:
                self.local.add(raw_url.strip())
            return
        tags: list[str] = list(inherited)
        _add(tags, _tags_from_category(lowered.get("category", "")))
        spec = self.specs.get(url)
        if spec is None:
            self.specs[url] = FeedSpec(url=url, name=label, tags=tags)
        else:  # the same feed in two folders: one feed, both tags
            _add(spec.tags, tags)

    def end(self, name: str) -> None:
        self.depth -= 1
        if name == "body" and self.depth == 1:
            self.in_body = False
        elif name == "outline" and self.in_body and self.folders:
            self.folders.pop()


def parse_opml(data: bytes) -> list[FeedSpec]:
    """Feeds listed in an OPML file. Raises ValueError with a readable reason."""
    return read_opml(data).specs


def read_opml(data: bytes) -> OpmlRead:
    """Like :func:`parse_opml`, and counts the local file feeds it skipped."""
    if len(data) > MAX_OPML:
        raise ValueError(_("OPML file is too large (over 5 MiB)"))
    if not data.strip():
        raise ValueError(_("OPML file is empty"))
    reader = _Reader()
    parser = expat.ParserCreate()

    def refuse_doctype(*_args: object) -> None:
        raise _Refuse(_("OPML with a DOCTYPE is not accepted (entity declarations are unsafe)"))

    def refuse_entity(*_args: object) -> None:
        raise _Refuse(_("OPML with entity declarations is not accepted"))

    def refuse_external(*_args: object) -> int:
        raise _Refuse(_("OPML with external entities is not accepted"))

    # Belt and braces: the DOCTYPE refusal alone already stops both.
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    try:
        parser.Parse(data, True)
    except _Refuse as exc:
        raise ValueError(str(exc)) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise ValueError(
            _("not valid XML: {reason} (line {line}, column {column})").format(
                reason=reason, line=exc.lineno, column=exc.offset
            )
        ) from None
    if reader.root != "opml":
        raise ValueError(
            _("not an OPML file: the document is <{root}>, not <opml>").format(
                root=reader.root[:40]
            )
        )
    return OpmlRead(list(reader.specs.values()), len(reader.local))


def new_feeds(specs: list[FeedSpec], existing: list[Feed]) -> list[Feed]:
    """Feeds to add for ``specs``, skipping addresses already present: one pass.

    Saving them with one ``save_many`` keeps an import of 10,000 feeds to one
    write; a ``save`` per feed rewrote the table each time (quadratic).
    """
    known = {f.url for f in existing}
    fresh: list[Feed] = []
    for spec in specs:
        if spec.url in known:
            continue
        known.add(spec.url)
        fresh.append(Feed(id=new_id(), url=spec.url, name=spec.name, tags=list(spec.tags)))
    return fresh


class FeedTable(Protocol):
    """What an import needs of the store's feeds (``store.feeds``)."""

    def all(self) -> list[Feed]: ...

    def save_many(self, items: Iterable[Feed]) -> None: ...


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """How an import went: feeds added, listed but already stored, local files skipped."""

    added: int
    known: int
    skipped_local: int


def import_file(feeds: FeedTable, path: Path) -> OpmlImport:
    """Add the feeds listed in the OPML file at ``path`` that are not stored yet.

    Raises OSError when the file cannot be read and ValueError (with a readable
    reason) when it is not an OPML file we accept. Runs on the store's writer.
    """
    if path.stat().st_size > MAX_OPML:  # before reading: a wrong path may be a huge file
        raise ValueError(_("OPML file is too large (over 5 MiB)"))
    read = read_opml(path.read_bytes())
    fresh = new_feeds(read.specs, feeds.all())
    feeds.save_many(fresh)  # one write for 10,000 feeds, not one each
    return OpmlImport(len(fresh), len(read.specs) - len(fresh), read.skipped_local)


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", clean_line(value))


def _category(tags: list[str]) -> str:
    # Commas and slashes separate categories, so they cannot live inside a tag.
    parts = [_xml_text(re.sub(r"[,/]", " ", t)) for t in tags]
    return ",".join(p for p in (" ".join(p.split()) for p in parts) if p)


def write_opml(feeds: list[Feed], title: str = "Cockpit feeds") -> bytes:
    """OPML 2.0 with one outline per feed; tags go in ``category``."""
    now = format_datetime(datetime.now(UTC), usegmt=True)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{escape(_xml_text(title))}</title>",
        f"    <dateCreated>{now}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for feed in feeds:
        name = _xml_text(feed.name or feed.url)
        attrs = [
            ("type", "rss"),
            ("text", name),
            ("title", name),
            ("xmlUrl", _xml_text(feed.url)),
        ]
        category = _category(feed.tags)
        if category:
            attrs.append(("category", category))
        rendered = " ".join(f"{key}={quoteattr(value)}" for key, value in attrs)
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")
