"""Field recognisers shared by feed extractors and paste intake.

Job boards print their metadata as "Key: value" lines (Upwork's archived RSS,
a pasted job page, Projects.co.id). ``recognise`` reads those lines from plain
text; everything it returns is already cleaned.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cockpit.feeds.money import budget, budget_kind, salary_budget
from cockpit.models import Budget, BudgetKind
from cockpit.text import clean_line

MIN_YEAR, MAX_YEAR = 1970, 2100

_FIELD_LINE = re.compile(
    r"""^[ \t•*-]*
    (?P<key>budget|anggaran|fixed[ -]price|hourly[ ]range|hourly[ ]rate|hourly|salary|gaji|
            posted[ ]on|category|kategori|skills|keahlian|country|location|lokasi)
    [ \t]*:[ \t]*(?P<value>[^\n]*)$""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
# Every pattern here sees untrusted text and must stay linear (see
# tests/feeds/test_linear_time.py): _FIELD_LINE is anchored at line starts and
# its runs cannot overlap. A copied Upwork job page prints the amount on one
# line and its kind on the next; that pair is read line by line (_page_budget),
# as a regex it took quadratic time on a long line of digits.
_PAGE_KINDS = {"hourly": "hourly", "fixed price": "fixed", "fixed-price": "fixed"}
_DIGIT = re.compile(r"\d")
# Split on the separators only; unique() strips the spaces around each item
# (a "\s*[,;\n]\s*" split rescanned a long run of spaces from every position).
_SKILL_SPLIT = re.compile(r"[,;\n]")
# No date a board prints is longer; a longer value is not parsed at all.
_MAX_DATE = 100
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_DATE_FORMATS = (
    "%B %d, %Y %H:%M %Z",
    "%B %d, %Y %H:%M",
    "%B %d, %Y",
    "%b %d, %Y %H:%M %Z",
    "%b %d, %Y",
    "%d %B %Y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)


@dataclass(slots=True)
class Fields:
    budget: Budget | None = None
    posted: datetime | None = None
    category: str = ""
    skills: list[str] = field(default_factory=list)
    country: str = ""


def recognise(text: str) -> Fields:
    """Fields from "Key: value" lines; the first line for each key wins."""
    found = Fields()
    seen: set[str] = set()
    for match in _FIELD_LINE.finditer(text):
        key = match.group("key").lower().replace("-", " ")
        value = clean_line(match.group("value"))
        if not value:
            continue
        kind: BudgetKind = "fixed"
        if key.startswith("hourly"):
            key, kind = "budget", "hourly"
        elif key in ("budget", "anggaran", "fixed price"):
            key, kind = "budget", budget_kind(value)
        elif key in ("salary", "gaji"):
            key, kind = "budget", "salary"
        if key in seen:
            continue
        if key == "budget":
            # A "Salary:" line reads like a job:salary field (yearly unless it says otherwise).
            found.budget = salary_budget(value) if kind == "salary" else budget(kind, value)
            if found.budget is None:
                continue
        elif key == "posted on":
            found.posted = parse_date(value)
        elif key in ("category", "kategori"):
            found.category = value
        elif key in ("skills", "keahlian"):
            found.skills = split_skills(value)
        elif key in ("country", "location", "lokasi"):
            key, found.country = "country", value
        seen.add(key)
    if found.budget is None and ("ourly" in text or "rice" in text):
        found.budget = _page_budget(text)
    return found


def _page_budget(text: str) -> Budget | None:
    """The first "<amount>" line followed by an "Hourly" / "Fixed-price" line that reads."""
    lines = text.split("\n")
    i = 1
    while i < len(lines):
        kind = _PAGE_KINDS.get(lines[i].strip(" \t").lower())
        amount = lines[i - 1].lstrip(" \t")
        if kind is None or ":" in amount or _DIGIT.search(amount) is None:
            i += 1
            continue
        found = budget("hourly" if kind == "hourly" else "fixed", amount)
        if found is not None:
            return found
        i += 2  # the kind line cannot start the next pair: it holds no digit
    return None


def split_skills(value: str) -> list[str]:
    """Comma separated skills with stray spaces; duplicates dropped, order kept."""
    return unique(_SKILL_SPLIT.split(value))


def unique(items: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        text = clean_line(item)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out


def parse_date(value: str) -> datetime | None:
    """Dates as boards print them ("July 19, 2024 04:41 UTC"), read as UTC."""
    value = clean_line(value)
    if len(value) > _MAX_DATE:
        return None
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return in_range(parsed.replace(tzinfo=UTC))
    return parse_iso(value)


def parse_iso(value: str) -> datetime | None:
    if len(value) > _MAX_DATE:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except (ValueError, TypeError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return in_range(parsed.astimezone(UTC))


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's *_parsed values are UTC struct_times."""
    if value is None:
        return None
    try:
        return in_range(datetime(*value[:6], tzinfo=UTC))
    except (ValueError, TypeError, OverflowError):
        return None


def in_range(dt: datetime) -> datetime | None:
    return dt if MIN_YEAR <= dt.year <= MAX_YEAR else None


def unescape_title(title: str) -> str:
    """Titles arrive decoded once; leftover entities mean the feed escaped twice (or more)."""
    for _ in range(3):
        if "&" not in title or _ENTITY.search(title) is None:
            break
        title = html.unescape(title)
    return clean_line(title)
