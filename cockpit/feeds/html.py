"""Feed HTML to readable plain text (never markup: the UI shows it as text)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from cockpit.text import clean

# Block boundaries are written as markers and merged afterwards, the way a
# browser merges them: </div><div> is one line break, </p><p> one blank line.
_LINE, _PARA = "\x00B", "\x00P"
_LINE_BLOCKS = frozenset(
    {
        "div", "section", "article", "header", "footer", "aside", "main", "nav", "tr",
        "dt", "dd", "form", "fieldset", "figure", "figcaption", "address", "hr", "li",
    }
)  # fmt: skip
_PARA_BLOCKS = frozenset(
    {"p", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_DROPPED = frozenset({"script", "style", "template", "noscript", "head", "title"})
_CELLS = frozenset({"td", "th"})

_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_BREAK_RUN = re.compile(r"[ \t\n]*(?:\x00[BP][ \t\n]*)+")
_LINE_EDGES = re.compile(r"[ \t]*\n[ \t]*")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_INNER_SPACES = re.compile(r"[ \t]{2,}")
# Left over after one decoding pass means the feed escaped twice (Upwork: &amp;amp;).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_MARKUP_HINT = re.compile(r"[<&]")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropped = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropped += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append(_LINE + "• ")
        elif tag in _PARA_BLOCKS:
            self.parts.append(_PARA)
            if tag == "pre":
                self._pre += 1
        elif tag in _LINE_BLOCKS:
            self.parts.append(_LINE)
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <hr/>, <p/>: never opens a dropped or <pre> section.
        if tag == "br":
            self.parts.append("\n")
        elif tag in _PARA_BLOCKS:
            self.parts.append(_PARA)
        elif tag in _LINE_BLOCKS:
            self.parts.append(_LINE)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropped = max(0, self._dropped - 1)
        elif tag in _PARA_BLOCKS:
            self.parts.append(_PARA)
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
        elif tag in _LINE_BLOCKS:
            self.parts.append(_LINE)

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        data = data.replace("\x00", "")
        self.parts.append(data if self._pre else _SPACES.sub(" ", data))


def _merge_breaks(match: re.Match[str]) -> str:
    run = match.group()
    first = run.index("\x00")
    # A <br> ending a block adds nothing; one inside an empty block is a blank line.
    before, after = run[:first].count("\n"), run[first:].count("\n")
    block = 2 if _PARA in run else 1
    return "\n" * min(2, max(before, block) + after)


def _tidy(text: str) -> str:
    if "\x00" in text:
        text = _BREAK_RUN.sub(_merge_breaks, text)
    text = text.replace("\xa0", " ")
    text = _LINE_EDGES.sub("\n", text)
    text = _INNER_SPACES.sub(" ", text)
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def html_to_text(markup: str) -> str:
    """Readable plain text: blocks and <br> become line breaks, <li> become bullets."""
    if not markup:
        return ""
    if _MARKUP_HINT.search(markup) is None:
        return _tidy(clean(markup))
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except Exception:  # html.parser is lenient, but never let one entry sink a feed
        return _tidy(clean(html.unescape(re.sub(r"<[^>]*>", " ", markup))))
    text = _tidy("".join(collector.parts))
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return _tidy(clean(text))
