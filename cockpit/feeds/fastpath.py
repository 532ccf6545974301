"""A faster reader for plain, well-formed RSS 2.0 and Atom 1.0 feeds (issue 18).

feedparser stays the parser of record. This builds with lxml the entry dicts
feedparser would hand extract.py (only the keys it reads), copying feedparser
6's rules for them: lower-cased names, its namespace prefixes, first non-empty
title wins, a permalink guid is the link, ``_add_tag``'s merging, its date
parser and its UTF-8 / windows-1252 repairs. Anything else (a DTD, RSS 1.0,
xml:base, nested markup, typed content, declarations below the root, an
element feedparser handles that is not copied here, an encoding in doubt, any
lxml error) makes ``read`` return None: feedparser reads the feed as before.
tests/feeds/test_fastpath.py compares both over many feeds, job by job.
No HTML, entity expansion, DTD or network for lxml. COCKPIT_FASTPATH=0: off.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin
from feedparser.util import FeedParserDict
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MATCH = {uri.lower(): prefix for uri, prefix in _FeedParserMixin.namespaces.items()}
# Declaring these makes feedparser call the feed RSS 0.90 / 1.0 whatever the root says.
_RSS1 = ("http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/")
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
# Declared encodings that read an ASCII or UTF-8 body the same way feedparser does.
_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "windows-1252"}
_LINK_REF = re.compile("&([A-Za-z0-9_]+);")
_HTML_TYPES = {"application/xhtml+xml", "text/html"}
_TEXT_TYPES = {"text/plain", "text/html"}

_TITLES = {"title", "dc_title", "media_title"}
_SUMMARIES = {"description": "text/html", "dc_description": "text/html", "summary": "text/plain"}
_CONTENTS = {"content_encoded": "text/html", "content": "text/plain"}
_GUIDS = {"guid", "id"}
_DATES = {
    "pubdate": "published", "published": "published", "issued": "published",
    "dcterms_issued": "published", "updated": "updated", "modified": "updated",
    "lastbuilddate": "updated", "dc_date": "updated", "dcterms_modified": "updated",
    "created": "created", "dcterms_created": "created",
}  # fmt: skip
_CATEGORIES = {"category", "keywords", "dc_subject", "media_category"}
# Elements feedparser has handlers for that never touch a key extract.py reads.
_HARMLESS = {
    "author", "managingeditor", "dc_creator", "dc_author", "itunes_author", "contributor",
    "enclosure", "source", "rights", "copyright", "dc_rights", "language", "dc_language",
    "generator", "webmaster", "dc_publisher", "expirationdate", "media_content",
    "media_thumbnail", "media_player", "subtitle", "tagline",
}  # fmt: skip
_PERSON = {"name", "email", "uri"}
_NESTED = {"author": _PERSON, "contributor": _PERSON}
_IMAGE = {"title", "link", "url", "width", "height", "description", "name"}
_CHANNEL_NESTED = _NESTED | {"image": _IMAGE, "textinput": _IMAGE}
# Keys extract.py (or FeedParserDict's aliases) reads: an unknown element by such a
# name would change the job, so it is only copied when it is plain text.
_JOB_FIELDS = ("tags", "company", "location", "salary", "job_type", "type")
_STANDARD = {
    "title", "link", "links", "id", "guid", "summary", "description", "content", "tags",
    "summary_detail", "published_parsed", "updated_parsed", "created_parsed", "category",
} | set(FeedParserDict.keymap)  # fmt: skip


class _Fallback(Exception):
    """Something here is not fully understood: feedparser reads the feed."""


def enabled() -> bool:
    return os.environ.get("COCKPIT_FASTPATH", "1") != "0"


def read(body: bytes, headers: Mapping[str, str]) -> FeedParserDict | None:
    """feedparser.parse's result, for the keys parse.py and extract.py read, or None.

    ``body`` and ``headers`` as parse.py gives them to feedparser (feedparser_headers).
    """
    if not enabled():
        return None
    try:
        return _Reader(body, headers).read()
    except Exception:  # any doubt, any lxml error: feedparser, silently
        return None


_looks_like_html = _FeedParserMixin.looks_like_html


def _may_be_read(key: str) -> bool:
    return key in ("region", "type") or any(key.endswith("_" + name) for name in _JOB_FIELDS)


class _Reader:
    def __init__(self, body: bytes, headers: Mapping[str, str]) -> None:
        self.body = body
        self.content_type = headers.get("content-type", "")
        # What parse.py's feedparser_headers says for a valid UTF-8 body with non-ASCII bytes.
        self.utf8 = self.content_type == "application/xml; charset=utf-8"
        self.namespacemap: dict[str | None, str] = {}
        self.in_use: dict[str, str] = {}
        self.unknown: dict[str, str] = {}  # unknown namespace URI -> prefix feedparser uses
        self.keys: dict[str, str] = {}
        self.atom = False

    def read(self) -> FeedParserDict:
        body = self.body
        if not self.utf8 and not body.isascii():
            raise _Fallback("encoding")
        declared = _DECLARED.match(body.lstrip(b"\xef\xbb\xbf")[:300])
        charset = self.content_type.partition("charset=")[2].split(";")[0].strip(" \"'")
        for name in (declared.group(1).decode() if declared else "", charset):
            if name and name.lower() not in _ENCODINGS:
                raise _Fallback("encoding " + name)  # feedparser might decode it otherwise
        # A parser per call: one lxml parser must not serve two threads at once.
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
            encoding="utf-8",  # the body is ASCII or valid UTF-8 (checked above)
        )  # fmt: skip
        root = etree.fromstring(body, parser)
        if root.getroottree().docinfo.doctype:
            raise _Fallback("DTD")
        self._namespaces(root)
        kind = self._key(root)
        if kind == "rss":
            version = "rss"
            self._attrs(root)
            children = [el for el in root if isinstance(el.tag, str)]
            if len(children) != 1 or self._key(children[0]) != "channel":
                raise _Fallback("not one channel")
            container = children[0]
        elif kind == "feed" and ATOM in self.in_use.values() and root.tag == f"{{{ATOM}}}feed":
            version, container = "atom10", root
        else:
            raise _Fallback("root")
        if any(uri.lower() in _RSS1 for uri in self.in_use.values()):
            raise _Fallback("RSS 1.0")
        self.atom = version == "atom10"
        self._attrs(container)
        feed, entries = self._container(container)
        if not entries:
            raise _Fallback("no entries")  # rare; feedparser's messages cover it
        return FeedParserDict(
            entries=entries, feed=feed, namespaces=dict(self.in_use), version=version, bozo=0
        )

    def _namespaces(self, root: Any) -> None:
        """feedparser's track_namespace, for declarations that all sit on the root."""
        nsmap = root.nsmap  # a root's nsmap holds its own declarations only
        if self.body.count(b"xmlns") != len(nsmap):
            raise _Fallback("namespace declared below the root")
        for prefix, uri in nsmap.items():
            lower = uri.lower()
            if "backend.userland.com/rss" in lower:
                uri = lower = "http://backend.userland.com/rss"
            name = _MATCH.get(lower, prefix or "")
            if self.in_use.get(name, uri) != uri:
                raise _Fallback("one name for two namespaces")  # which one wins is order
            if lower in _MATCH:
                self.namespacemap[prefix] = _MATCH[lower]
                self.in_use[_MATCH[lower]] = uri
            else:
                self.in_use[prefix or ""] = uri
        for uri in set(self.in_use.values()):
            names = [name for name, value in self.in_use.items() if name and value == uri]
            if len(names) > 1:
                raise _Fallback("two prefixes for one namespace")
            if names and uri.lower() not in _MATCH:
                self.unknown[uri] = names[0]
        jobs = [
            p for p, uri in self.in_use.items() if p and p != "job" and "job" in p + uri.lower()
        ]
        if len(jobs) > 1:
            raise _Fallback("several job namespaces")

    def _key(self, el: Any) -> str:
        """feedparser's name for an element: "title", "dc_date", "job_tags"..."""
        tag = el.tag
        key = self.keys.get(tag)
        if key is not None:
            return key
        uri, _, local = tag[1:].partition("}") if tag[0] == "{" else ("", "", tag)
        local = local.lower()
        lower = uri.lower()
        if "backend.userland.com/rss" in lower:
            lower = "http://backend.userland.com/rss"
        prefix = _MATCH.get(lower)
        if prefix is None:
            prefix = self.unknown.get(uri, "")
        if prefix:
            prefix = prefix.lower()
            prefix = self.namespacemap.get(prefix, prefix)
        key = f"{prefix}_{local}" if prefix else local
        self.keys[tag] = key
        return key

    def _attrs(self, el: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, value in el.attrib.items():
            if name[0] == "{":
                if name == _XML_LANG:
                    continue
                raise _Fallback("namespaced attribute")  # xml:base among them
            key = name.lower()
            if key in out or key == "base":
                raise _Fallback("attribute")
            out[key] = value.lower() if key in ("rel", "type") else value
        return out

    def _raw(self, el: Any, resolve: bool = False) -> str:
        if len(el):  # markup, a comment or an entity inside: feedparser's business
            raise _Fallback("nested")
        out = (el.text or "").strip()
        return _urljoin("", out) if resolve and out else out

    def _fix(self, text: str) -> str:
        """feedparser's repair of UTF-8 read as Latin-1, then of windows-1252 controls."""
        if not text.isascii():
            try:
                repaired = text.encode("iso-8859-1").decode("utf-8")
            except UnicodeError:
                repaired = text
            if repaired != text and not self.utf8:
                raise _Fallback("feedparser's encoding is not known here")
            text = repaired
        return text.translate(_cp1252)

    def _container(self, container: Any) -> tuple[FeedParserDict, list[FeedParserDict]]:
        feed = FeedParserDict()
        entries: list[FeedParserDict] = []
        blocked = False  # feedparser's title_depth: a later title at this depth is ignored
        for el in container:
            if not isinstance(el.tag, str):
                continue
            key = self._key(el)
            if key in ("item", "entry"):
                entries.append(self._entry(el))
                blocked = False
            elif key in ("title", "dc_title"):
                value = self._text_value(el, "text/plain")[1]
                if not blocked:
                    feed["title"] = value
                    blocked = bool(value)
            elif key in ("source", "media_title"):
                raise _Fallback("channel " + key)
            else:
                if len(el):
                    self._nested(el, key, _CHANNEL_NESTED)
                blocked = blocked and key not in ("image", "textinput")  # they reset title_depth
        return feed, entries

    def _nested(self, el: Any, key: str, allowed: Mapping[str, set[str]]) -> None:
        """Elements with children: only persons (and a channel's image) of plain parts."""
        parts = allowed.get(key)
        if parts is None:
            raise _Fallback("nested element " + key)
        for part in el:
            if isinstance(part.tag, str) and self._key(part) not in parts:
                raise _Fallback("part of " + key)
            self._raw(part)

    def _text_value(self, el: Any, default: str, guess: bool = False) -> tuple[str, str]:
        """(content type, value) of a text construct (title, summary, content)."""
        attrs = self._attrs(el)
        kind = _FeedParserMixin.map_content_type(attrs.get("type", default))
        if kind not in _TEXT_TYPES or "mode" in attrs or "src" in attrs:
            raise _Fallback("content type")
        raw = self._raw(el)
        # feedparser guesses HTML in RSS text; only a summary's or content's type is read
        if guess and kind == "text/plain" and not self.atom and _looks_like_html(raw):
            kind = "text/html"
        return kind, self._fix(raw)

    def _entry(self, item: Any) -> FeedParserDict:
        if self._attrs(item):
            raise _Fallback("item attributes")  # rdf:about, lastmod, href set fields
        entry = FeedParserDict()
        blocked = False
        seen = [0, 0]  # summaries, contents
        for el in item:
            if not isinstance(el.tag, str):
                continue
            key = self._key(el)
            if len(el):
                self._nested(el, key, _NESTED)
                continue
            if key in _TITLES:
                value = self._text_value(el, "text/plain")[1]
                if not blocked:  # media:title never blocks (feedparser restores title_depth)
                    entry["title"] = value
                    blocked = bool(value) and key != "media_title"
            elif key == "link":
                self._link(el, entry)
            elif key in _SUMMARIES or key in _CONTENTS:
                content = key in _CONTENTS
                seen[content] += 1
                if seen[content] > 1 or (key not in ("summary", "content") and self._attrs(el)):
                    raise _Fallback("several summaries or contents")  # feedparser swaps them
                default = _CONTENTS[key] if content else _SUMMARIES[key]
                kind, value = self._text_value(el, default, guess=True)
                if content:
                    entry.setdefault("content", []).append(FeedParserDict(type=kind, value=value))
                    entry.setdefault("summary", value)
                else:
                    entry["summary"] = value
                    entry["summary_detail"] = FeedParserDict(type=kind, value=value)
            elif key in _GUIDS:
                permalink = self._attrs(el).get("ispermalink", "true") == "true"
                value = self._fix(self._raw(el, resolve=permalink))
                entry["id"] = value
                if permalink:
                    entry.setdefault("link", value)
            elif key in _DATES:
                name = _DATES[key]
                entry[name] = value = self._fix(self._raw(el))
                entry[name + "_parsed"] = _parse_date(value)
            elif key in _CATEGORIES:
                self._category(el, key, entry)
            elif key in _HARMLESS:
                blocked = blocked and key != "source"  # feedparser resets title_depth there
                self._attrs(el)
            elif key in _STANDARD or any(
                hasattr(_FeedParserMixin, f"_{side}_{key}") for side in ("start", "end")
            ):
                raise _Fallback("element " + key)
            elif _may_be_read(key):
                if self._attrs(el):
                    raise _Fallback("attributes on " + key)
                entry[key] = self._fix(self._raw(el))
        return entry

    def _link(self, el: Any, entry: FeedParserDict) -> None:
        """feedparser's _start_link and the link case of pop()."""
        attrs = self._attrs(el)
        attrs.setdefault("rel", "alternate")
        attrs.setdefault("type", "application/atom+xml" if attrs["rel"] == "self" else "text/html")
        href = attrs.get("url", attrs.get("uri", attrs.get("href")))
        if href:
            attrs.pop("url", None)
            attrs.pop("uri", None)
            attrs["href"] = href
        if "href" in attrs:
            attrs["href"] = _urljoin("", attrs["href"])
        links = entry.setdefault("links", [])
        links.append(FeedParserDict(attrs))
        if "href" in attrs:
            kind = _FeedParserMixin.map_content_type(attrs["type"])
            if attrs["rel"] == "alternate" and kind in _HTML_TYPES:
                entry["link"] = attrs["href"]
            return
        value = self._fix(self._raw(el, resolve=True)).replace("&amp;", "&")
        value = _LINK_REF.sub(r"&\g<1>", value)
        entry["link"] = value
        if value:
            links[-1]["href"] = value

    def _category(self, el: Any, key: str, entry: FeedParserDict) -> None:
        """feedparser's _start_category / _end_category / _add_tag."""
        attrs = self._attrs(el)
        if key == "media_category":
            attrs.setdefault("scheme", "http://search.yahoo.com/mrss/category_schema")
        scheme = attrs.get("scheme", attrs.get("domain"))
        _add_tag(entry, attrs.get("term"), scheme, attrs.get("label"))
        value = self._fix(self._raw(el))
        if not value:
            return
        tags = entry["tags"]
        if tags and not tags[-1]["term"]:
            tags[-1]["term"] = value
        else:
            _add_tag(entry, value, None, None)


def _add_tag(entry: FeedParserDict, term: Any, scheme: Any, label: Any) -> None:
    tags = entry.setdefault("tags", [])
    if not term and not scheme and not label:
        return
    value = FeedParserDict(term=term, scheme=scheme, label=label)
    if value not in tags:
        tags.append(value)
