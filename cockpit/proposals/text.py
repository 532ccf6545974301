"""Text helpers shared by filling and linting: counting, openings, keywords.

Sanitizing lives in ``cockpit.text``: one sanitizer for the whole app.
"""

from __future__ import annotations

import re

from cockpit.models import Settings
from cockpit.text import clean

_SPACES = re.compile(r"\s+")


def char_count(text: str) -> int:
    """Characters as the platform counts them: code points, with CRLF counted as one."""
    return len(text.replace("\r\n", "\n"))


def preview(text: str, settings: Settings) -> str:
    """Exactly what the client sees in the list: the first ``preview_chars`` characters."""
    return text[: max(settings.preview_chars, 0)]


# A greeting on its own first line ("Hi Sarah,") is not the pitch, so the opening skips it.
_GREETING_LINE = re.compile(
    r"^(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening|day))\b"
    r"[^\n.!?]{0,40}[,!.:]?$",
    re.IGNORECASE,
)
# The same greeting inline ("Hi Sarah, I can ...") is dropped when comparing openings.
_GREETING_CLAUSE = re.compile(
    r"^(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening|day))\b"
    r"(?:\s+[^\s,.!?:]+){0,3}\s*[,!.:]\s*",  # up to three words of name, then punctuation
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def after_greeting(text: str) -> str:
    """The letter without a greeting on its own first line ("Hi Sarah,"), stripped."""
    body = text.replace("\r\n", "\n").strip()
    first, sep, rest = body.partition("\n")
    if sep and rest.strip() and _GREETING_LINE.match(first.strip()):
        return rest.strip()
    return body


def first_seen(text: str, settings: Settings) -> str:
    """What the client reads before opening the letter: its first ``preview_chars`` characters.

    Judging only the first sentence missed a pitch after a short hook ("Kopi! I will mix
    your podcast..."), which the client sees all the same.
    """
    return text.replace("\r\n", "\n").strip()[: max(settings.preview_chars, 0)]


def opening(text: str, settings: Settings) -> str:
    """The pitch a client reads first: the first sentence after any greeting line.

    Capped at ``settings.preview_chars`` characters, since that is all the preview shows.
    """
    body = after_greeting(text)
    end = _SENTENCE_END.search(body)
    sentence = body[: end.end()] if end else body
    return sentence.strip()[: max(settings.preview_chars, 0)].strip()


def normalize_opening(text: str) -> str:
    """Compare openings loosely: no greeting clause, case, punctuation or spacing."""
    s = _GREETING_CLAUSE.sub("", clean(text).strip())
    s = re.sub(r"[^\w\s]", " ", s.casefold())
    return _SPACES.sub(" ", s).strip()


# Title words that say nothing about the work itself.
_STOPWORDS = frozenset(
    """
    about after also been being both company could does doing done each else even ever
    expert experienced freelancer from have help hire hiring into just long looking more
    most much must need needed needs only other over person please professional project
    quick required seeking short some someone such than that their them then there these
    they this those urgent urgently very want wanted will with work would your
    """.split()
)
_SUFFIXES = ("ings", "ing", "ers", "er", "ors", "or", "ed", "es", "s")
_WORD = re.compile(r"\w+")


def stem(word: str) -> str:
    """A tiny suffix stripper so 'editing', 'editor' and 'edits' meet at 'edit'."""
    w = word.casefold()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text)}


def title_keywords(title: str) -> list[str]:
    """Significant words of a job title: 4+ letters, not filler, not numbers."""
    out: list[str] = []
    for word in _WORD.findall(clean(title)):
        w = word.casefold()
        if len(w) >= 4 and not w.isdigit() and w not in _STOPWORDS and w not in out:
            out.append(w)
    return out


def mentions(text_stems: set[str], phrase: str) -> bool:
    """True when every word of ``phrase`` (a skill or keyword) appears in the text."""
    words = stems(phrase)
    return bool(words) and words <= text_stems
