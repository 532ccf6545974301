"""Sanitizing untrusted text (feeds, pastes) before any layer shows or stores it.

A job title can carry terminal escape sequences (OSC 52 writes the clipboard,
OSC 0/2 sets the window title) or bidi overrides that make text read
differently from what it is. Everything here is dependency-free and compiled
once, because the UI calls it on every row it draws.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Escape sequences. String-type ones (OSC, DCS, SOS, PM, APC) run until BEL or
# ST; an unterminated one is cut at the next ESC or the end, which is what a
# terminal would swallow anyway. 8-bit C1 introducers are only dropped as
# single chars below: mis-decoded text has them, and without the introducer
# the rest is inert.
_ESCAPES = re.compile(
    r"""
    \x1b                                   # one literal prefix lets re skip ahead fast
    (?:
        [\]PX^_] [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)?   # OSC / DCS / SOS / PM / APC
      | \[ [0-?]* [ -/]* [@-~]?                         # CSI
      | [ -/]* [0-~]?                                  # other ESC sequences, or a lone ESC
    )
    """,
    re.VERBOSE,
)

# C0 except \t and \n (\r is handled first), DEL, C1, bidi marks/overrides/isolates,
# and the Unicode line/paragraph separators some terminals treat as newlines.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_CONTROL_RE = re.compile(f"[{_CONTROLS}]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")
_URL_DROP = re.compile(r"[\t\n]")
_SAFE_SCHEMES = frozenset({"http", "https"})


def clean(s: str) -> str:
    """Strip escape sequences and control/bidi characters; keep \\n and \\t."""
    if s.isprintable() or _CONTROL_RE.search(s) is None:  # isprintable: C-speed fast path
        return s
    if "\r" in s or "\u2028" in s or "\u2029" in s:
        s = _NEWLINES.sub("\n", s)
    if "\x1b" in s:
        s = _ESCAPES.sub("", s)
        if s.isprintable():
            return s
    return _CONTROL_RE.sub("", s)


def clean_line(s: str) -> str:
    """``clean`` for one-line fields: all whitespace runs become one space, ends stripped.

    str.split() with no separator splits on every Unicode space and is far
    faster than a regex substitution.
    """
    return " ".join(clean(s).split())


def safe_url(url: str) -> str | None:
    """The url if it is an absolute http(s) link with a host, else None.

    Browsers drop tabs and newlines inside a URL, so ``java\\nscript:`` is
    ``javascript:``: drop them (and every other control) before judging.
    """
    if not url:
        return None
    cleaned = _URL_DROP.sub("", clean(url)).strip().replace(" ", "%20")
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return cleaned
