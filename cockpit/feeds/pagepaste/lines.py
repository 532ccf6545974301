"""The paste cut into lines, and the small readers every platform shares.

Regexes only ever see the first ``MATCH_CHARS`` characters of a line, and the
content recognisers only lines up to ``SHORT`` characters: a field line is
short, so a 1 MB description costs a split and a length test per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cockpit.text import clean

MATCH_CHARS = 300
SHORT = 160
LABEL_CHARS = 48  # a label before ":" is at most this long

# Browser chrome copied along with the page; dropped while looking for the title.
NAV = frozenset(
    {
        "skip to main content", "skip to content", "find work", "deliver work",
        "manage finances", "messages", "log in", "login", "sign up", "signup", "back",
        "jobs", "upwork", "menu", "search", "notifications", "help", "home", "talent",
        "reports", "hire freelancers", "find jobs", "my jobs", "saved jobs", "browse",
        "post a project", "post a job", "how it works", "why upwork", "enterprise",
        "freelancer", "projects", "dashboard", "inbox", "my projects", "browse projects",
        "go to top", "view job posting", "job details", "close", "x", "×", "←", "masuk",
        "daftar", "beranda", "cari proyek", "projects.co.id", "freelancer.com",
    }
)  # fmt: skip
# Buttons inside the page: recognised as noise wherever they are.
BUTTONS = frozenset(
    {
        "apply now", "save job", "flag as inappropriate", "submit a proposal",
        "bid on this project", "place bid", "place a bid", "share", "copy link",
        "buy connects", "saved", "unsave job", "report", "more", "less", "show more",
        "show less", "see more", "view more",
    }
)  # fmt: skip
_COUNT_TAIL = re.compile(r"\s*\(\d{1,6}\)$")
_INT = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,9}")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,12}(?:\.\d+)?")
_MONEY = re.compile(
    r"(?P<cur>\$|€|£|₹|rp\.?|usd|idr|inr|eur|gbp)?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,12}(?:\.\d+)?)\s?(?P<mult>[km](?![a-z]))?",
    re.IGNORECASE,
)
_CODES = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "rp": "IDR", "rp.": "IDR"}


@dataclass(slots=True)
class Lines:
    """Cleaned lines of the paste; ``used[i]`` marks lines read into a field."""

    text: list[str]
    used: list[bool] = field(default_factory=list)
    body: str = ""  # the cleaned paste the lines came from

    def __post_init__(self) -> None:
        if not self.used:
            self.used = [False] * len(self.text)

    def next_filled(self, i: int, reach: int = 3) -> int:
        """Index of the next non-empty, unused line within ``reach`` lines, or -1."""
        end = min(len(self.text), i + 1 + reach)
        for j in range(i + 1, end):
            if self.text[j] and not self.used[j]:
                return j
        return -1

    def prev_filled(self, i: int, reach: int = 2) -> int:
        for j in range(i - 1, max(-1, i - 1 - reach), -1):
            if self.text[j]:
                return -1 if self.used[j] else j
        return -1


def split(text: str) -> Lines:
    """The paste as cleaned, right-stripped lines (tabs become spaces)."""
    body = clean(text)
    if "\t" in body:
        body = body.replace("\t", " ")
    return Lines([line.strip() for line in body.splitlines()], body=body)


def skeleton(lines: Lines, limit: int = 80) -> str:
    """The short lines only, lowercased: where labels and headings are (not prose)."""
    return "\n".join(line for line in lines.text if len(line) <= limit).lower()


def key_of(line: str) -> str:
    """One line as the recognisers see it: spaces collapsed, at most MATCH_CHARS long."""
    return " ".join(line[:MATCH_CHARS].split())


def bare(low: str) -> str:
    """A lowercased heading without its colon, count "(3)" or curly apostrophe."""
    low = low.rstrip(":").strip().replace("’", "'")
    if low.endswith(")"):
        low = _COUNT_TAIL.sub("", low)
    return low


def first_int(value: str) -> int | None:
    match = _INT.search(value[:MATCH_CHARS])
    return int(match.group().replace(",", "")) if match else None


def first_number(value: str) -> float | None:
    match = _NUMBER.search(value[:MATCH_CHARS])
    return float(match.group().replace(",", "")) if match else None


def money(value: str) -> tuple[float, str] | None:
    """ "$4.2K" -> (4200.0, "USD"), "$1.2M", "Rp 500,000"; the first amount with a currency."""
    for match in _MONEY.finditer(value[:MATCH_CHARS]):
        cur = (match.group("cur") or "").lower()
        if not cur:
            continue
        amount = float(match.group("num").replace(",", ""))
        mult = (match.group("mult") or "").lower()
        amount *= 1000.0 if mult == "k" else 1_000_000.0 if mult == "m" else 1.0
        return amount, _CODES.get(cur, cur.upper())
    return None
