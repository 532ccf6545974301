"""Getting a fetched body ready for feedparser: one known encoding, bounded work.

Pure functions on bytes (no I/O), run before every XML parse.

Encoding. feedparser follows RFC 3023, which trusts the declared charset over
the bytes: UTF-8 bytes declared as windows-1252 (a common CMS mistake) come out
as "cafÃ©", and a response with headers but no Content-Type is read as
ISO-8859-1 whatever it holds. Valid UTF-8 with non-ASCII bytes is, in
practice, never meant as a single-byte charset, so such a body is declared
UTF-8 to feedparser; UTF-16/32 (by BOM, or by the XML-spec sniffing of the
first bytes) is transcoded to UTF-8 first, so everything after this step
works on ASCII-compatible bytes. Bodies that are not UTF-8 keep feedparser's
own fallback chain (declared charset, then UTF-8, then windows-1252).

Work. feedparser costs about a millisecond per entry, so a 100,000-entry feed
would take minutes and hundreds of MB. No job feed needs more than
``MAX_ENTRIES``; the entries after that are cut out at the byte level while
the document's head and tail stay, so the result is still well-formed.
Categories are worse: feedparser checks each new one against all the entry's
earlier ones, so 25,000 categories in one entry (700 KB) took 40 s. Past
``MAX_TAGS`` per entry, category elements are cut out the same way. Any
other flood is refused: past ``MAX_ELEMENTS`` elements (a real feed of 1,000
entries has ~30,000) feedparser would take seconds per 100,000.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Mapping

MAX_ENTRIES = 1000
MAX_TAGS = 100  # categories per entry (a board lists a handful)
MAX_ELEMENTS = 100_000

# Longest first: a UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# XML 1.0 appendix F: a document starts with "<", so its first bytes give
# away the code unit width and order even without a BOM.
_SNIFFED = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
)
_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")
_ENTRY_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
# Elements feedparser files under an entry's tags.
_TAG_START = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?(?:category|subject|keywords))[\s/>]")


def wide_codec(head: bytes) -> str:
    """The UTF-16/32 codec the first bytes announce, or ""."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    for start, codec in _SNIFFED:
        if head.startswith(start):
            return codec
    if len(head) >= 4 and head[0] == 0x3C and head[1] == 0 and head[3] == 0:
        return "utf-16-le"
    if len(head) >= 4 and head[0] == 0 and head[1] == 0x3C and head[2] == 0:
        return "utf-16-be"
    return ""


def to_utf8(body: bytes) -> tuple[bytes, bool]:
    """(body, is_utf8): UTF-16/32 transcoded to UTF-8; other bytes as they came."""
    codec = wide_codec(body[:4])
    if codec:
        text = body.decode(codec, errors="replace").lstrip("\ufeff")
        return text.encode("utf-8"), True
    if body.isascii():
        return body, False  # every ASCII-compatible charset reads it the same way
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return body, False
    return body, True


def feedparser_headers(headers: Mapping[str, str], utf8: bool) -> dict[str, str]:
    """Headers that make feedparser's charset choice match ``to_utf8``'s finding."""
    out = {k.lower(): v for k, v in headers.items()}
    out.pop("content-location", None)  # we resolve links ourselves; see parse.py
    if utf8:
        out["content-type"] = "application/xml; charset=utf-8"
    elif not out.get("content-type"):
        # XML's own default (declaration, else UTF-8) rather than ISO-8859-1.
        out["content-type"] = "application/xml"
    return out


def cap_entries(body: bytes, limit: int = MAX_ENTRIES) -> tuple[bytes, int]:
    """(body, entries found): at most ``limit`` entries kept; found is 0 when none were cut.

    Entries are <item> (RSS) or <entry> (Atom), with any namespace prefix. The
    bytes from the first extra entry to the end of the last entry go; the
    tail (``</channel></rss>``) stays.
    """
    if body.count(b"item") + body.count(b"entry") <= limit:  # C-speed upper bound
        return body, 0
    starts = _ENTRY_START.finditer(body)
    cut = -1
    for count, match in enumerate(starts, 1):
        if count > limit:
            cut = match.start()
            break
    if cut < 0:
        return body, 0
    found = limit + 1 + sum(1 for _ in starts)
    end = len(body)
    for match in _ENTRY_END.finditer(body, cut):
        end = match.end()
    return body[:cut] + body[end:], found


def cap_tags(body: bytes, limit: int = MAX_TAGS) -> tuple[bytes, int]:
    """(body, categories dropped): at most ``limit`` category elements per entry."""
    if body.count(b"category") + body.count(b"subject") + body.count(b"keywords") <= limit:
        return body, 0
    entries = [m.start() for m in _ENTRY_START.finditer(body)]
    seen: dict[int, int] = {}
    keep: list[bytes] = []
    pos = dropped = 0
    for match in _TAG_START.finditer(body):
        if match.start() < pos:
            continue  # inside an element already cut
        entry = bisect_right(entries, match.start())  # 0: channel level
        seen[entry] = seen.get(entry, 0) + 1
        if seen[entry] <= limit:
            continue
        close = body.find(b">", match.start())
        if close < 0:
            break
        if body[close - 1 : close] == b"/":
            end = close + 1
        else:
            closing = body.find(b"</" + match.group(1), close)
            end = body.find(b">", closing) + 1 if closing >= 0 else 0
            if end <= 0:
                break
        keep.append(body[pos : match.start()])
        pos = end
        dropped += 1
    if not dropped:
        return body, 0
    keep.append(body[pos:])
    return b"".join(keep), dropped


def element_count(body: bytes) -> int:
    """An upper bound on the elements expat will report: "<" outside CDATA sections."""
    total = body.count(b"<")
    if b"<![CDATA[" not in body:
        return total
    start = body.find(b"<![CDATA[")
    while start >= 0:
        end = body.find(b"]]>", start)
        if end < 0:
            end = len(body)
        total -= body.count(b"<", start + 1, end)  # the section's own "<" stays counted
        start = body.find(b"<![CDATA[", end)
    return total
