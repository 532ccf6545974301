"""Feed HTML to readable plain text (never markup: the UI shows it as text).

One regex finds the tags; a small writer turns the text between them and the
block boundaries into lines, the way a browser lays them out: </div><div> is
one line break, </p><p> one blank line, <br> a line break, <li> a bullet.
This replaced an html.parser version that did the same with a Python call
per tag plus several regex passes per description: it cost about as much as
feedparser itself on a job feed; this costs a fraction (see docs/PERFORMANCE.md).
"""

from __future__ import annotations

import html
import re

from cockpit.text import clean

_LINE_BLOCKS = frozenset(
    {
        "div", "section", "article", "header", "footer", "aside", "main", "nav", "tr",
        "dt", "dd", "form", "fieldset", "figure", "figcaption", "address", "hr", "li",
    }
)  # fmt: skip
_PARA_BLOCKS = frozenset(
    {"p", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_RAW_TEXT = frozenset({"script", "style"})  # content is not markup: skip to the end tag
_DROPPED = frozenset({"template", "noscript", "head", "title"})
_CELLS = frozenset({"td", "th"})

# A tag, a comment, or a declaration / processing instruction. "<" followed by
# anything else is text ("a < b"), as in a browser. Possessive quantifiers: no
# backtracking on a hostile "<a '''''''...". A tag's name, its unquoted
# attribute text and a declaration never hold "<" (a quoted value may): else a
# "<a<a<a..." or "<!<!<!..." run with no ">" made every "<" scan to the end of
# the text, quadratic time (tests/feeds/test_linear_time.py).
_TAG = re.compile(
    r"<(?:(/?)([a-zA-Z][^\s/<>]*+)((?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+)>"
    r"|!--.*?(?:--!?>|\Z)|[!?][^<>]*+>)",
    re.DOTALL,
)
# (?<![ \t]): only from the start of a run of spaces, else every position of a
# long run not followed by a newline rescanned the rest of it.
_LINE_EDGES = re.compile(r"(?<![ \t])[ \t]*\n[ \t]*")
# A numeric reference this long is no character (at most 7 digits), and int()
# refuses over 4,300 digits: html.unescape raised ValueError on it.
_LONG_DECIMAL_REF = re.compile(r"&#[0-9]{8,};?")
_INNER_SPACES = re.compile(r"[ \t]{2,}")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# Left over after one decoding pass means the feed escaped twice (Upwork: &amp;amp;).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_MARKUP_HINT = re.compile(r"[<&]")


def _tidy(text: str) -> str:
    """Plain text: spaces around line ends dropped, runs of spaces and blank lines collapsed."""
    text = text.replace("\xa0", " ")
    if " \n" in text or "\n " in text or "\t" in text:
        text = _LINE_EDGES.sub("\n", text)
    if "  " in text or "\t" in text:
        text = _INNER_SPACES.sub(" ", text)
    if "\n\n\n" in text:
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def _decode(raw: str) -> str:
    """A text run between tags: character references decoded, controls stripped."""
    if "&" in raw:
        raw = html.unescape(_cap_refs(raw))
    return clean(raw)


def _cap_refs(text: str) -> str:
    if "&#" not in text:
        return text
    return _LONG_DECIMAL_REF.sub(_long_ref, text)


def _long_ref(match: re.Match[str]) -> str:
    digits = match.group().strip("&#;").lstrip("0") or "0"
    if len(digits) > 7:
        return "\ufffd"  # what html.unescape gives for any number past U+10FFFF
    return "&#" + digits + ";"


class _Writer:
    """Collects words and turns pending breaks into at most one blank line.

    Between two pieces of text: ``block`` is 1 after a line block boundary and 2
    after a paragraph one; ``before`` counts <br> seen before the first boundary
    and ``after`` those seen after it. A <br> that ends a block adds nothing;
    one inside an otherwise empty block makes a blank line.
    """

    __slots__ = ("after", "before", "block", "out", "space")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.before = self.after = self.block = 0
        self.space = False

    def br(self) -> None:
        if self.block:
            self.after += 1
        else:
            self.before += 1

    def boundary(self, para: bool) -> None:
        self.block = max(self.block, 2 if para else 1)

    def _gap(self) -> None:
        if self.out:
            if self.block:
                breaks = min(2, max(self.before, self.block) + self.after)
            else:
                breaks = min(2, self.before)
            if breaks:
                self.out.append("\n" * breaks)
            elif self.space:
                self.out.append(" ")
        self.before = self.after = self.block = 0
        self.space = False

    def text(self, raw: str) -> None:
        words = raw.split()
        if not words:
            self.space = self.space or bool(raw)
            return
        if raw[0].isspace():
            self.space = True
        self._gap()
        self.out.append(" ".join(words))
        self.space = raw[-1].isspace()

    def pre(self, raw: str) -> None:
        """Preformatted text keeps its line breaks; those at its edges count as <br>."""
        body = raw.replace("\xa0", " ")
        core = body.strip(" \t\n")
        lead = body[: len(body) - len(body.lstrip(" \t\n"))]
        trail = body[len(body.rstrip(" \t\n")) :] if core else ""
        for _ in range(lead.count("\n")):
            self.br()
        if lead and "\n" not in lead:
            self.space = True
        if not core:
            return
        self._gap()
        self.out.append(_tidy(core))
        for _ in range(trail.count("\n")):
            self.br()
        self.space = bool(trail) and "\n" not in trail


def _walk(markup: str) -> str:
    writer = _Writer()
    dropped = pre = 0
    pos = 0
    end = len(markup)
    lowered = ""  # markup.lower(), made once at the first <script> or <style>
    while pos < end:
        match = _TAG.search(markup, pos)
        stop = end if match is None else match.start()
        if stop > pos and not dropped:
            text = _decode(markup[pos:stop])
            if pre:
                writer.pre(text)
            else:
                writer.text(text)
        if match is None:
            break
        pos = match.end()
        name = match.group(2)
        if name is None:  # comment or declaration
            continue
        name = name.lower()
        closing, self_closing = bool(match.group(1)), match.group(3).endswith("/")
        if name in _RAW_TEXT:
            if not closing and not self_closing:
                lowered = lowered or markup.lower()
                close = lowered.find(f"</{name}", pos)
                pos = end if close < 0 else (markup.find(">", close) + 1 or end)
        elif name in _DROPPED:
            if not self_closing:
                dropped = max(0, dropped + (-1 if closing else 1))
        elif dropped:
            continue
        elif name == "br":
            if not closing:
                writer.br()
        elif name in _PARA_BLOCKS:
            writer.boundary(para=True)
            if name == "pre" and not self_closing:
                pre = max(0, pre + (-1 if closing else 1))
        elif name in _LINE_BLOCKS:
            writer.boundary(para=False)
            if name == "li" and not closing and not self_closing:
                writer.text("• ")
        elif name in _CELLS and not closing and not self_closing:
            writer.text(" ")
    return "".join(writer.out)


def html_to_text(markup: str) -> str:
    """Readable plain text: blocks and <br> become line breaks, <li> become bullets."""
    if not markup:
        return ""
    if _MARKUP_HINT.search(markup) is None:
        return _tidy(clean(markup))
    text = _walk(markup)
    if "&" in text and _ENTITY.search(text):
        text = _tidy(clean(html.unescape(_cap_refs(text))))
    return text
