"""Times as job pages print them: "3 hours ago", "yesterday", "Jun 4, 2018", "01/12/2026 14:22 WIB".

Relative times are made absolute against the ``now`` the caller gives, so a
test (and a paste read twice) gets the same answer. Everything returns None
rather than guess: a wrong time is worse than a missing one.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from cockpit.feeds.fields import in_range, parse_date

# A month and a year are taken as 30 and 365 days: pages round them anyway.
_UNITS = {
    "second": 1, "sec": 1, "detik": 1,
    "minute": 60, "min": 60, "menit": 60,
    "hour": 3600, "hr": 3600, "jam": 3600,
    "day": 86400, "hari": 86400,
    "week": 7 * 86400, "minggu": 7 * 86400,
    "month": 30 * 86400, "bulan": 30 * 86400,
    "year": 365 * 86400, "tahun": 365 * 86400,
}  # fmt: skip
_AGO = re.compile(
    r"\b(?P<n>an?|one|\d{1,4}|se)\s*(?P<unit>second|sec|minute|min|hour|hr|day|week|month|year"
    r"|detik|menit|jam|hari|minggu|bulan|tahun)s?\s+(?:ago|yang\s+lalu|lalu)\b",
    re.IGNORECASE,
)
_WORDS = {
    "just now": 0, "moments ago": 0, "a moment ago": 0, "baru saja": 0, "today": 0,
    "hari ini": 0, "yesterday": 86400, "kemarin": 86400, "last week": 7 * 86400,
    "minggu lalu": 7 * 86400, "last month": 30 * 86400, "bulan lalu": 30 * 86400,
    "last year": 365 * 86400, "tahun lalu": 365 * 86400,
}  # fmt: skip
# Indonesian zones: Projects.co.id prints WIB.
_ZONES = {"wib": 7, "wita": 8, "wit": 9, "utc": 0, "gmt": 0}
_DMY = re.compile(
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:[ T,]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?\s*(?P<z>[A-Za-z]{3,4})?"
)
_MONTH_YEAR = ("%b %Y", "%B %Y", "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %b, %Y")


def aware(now: datetime | None) -> datetime:
    """``now`` as an aware UTC datetime (naive is taken as UTC)."""
    if now is None:
        return datetime.now(UTC)
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def relative(value: str, now: datetime) -> datetime | None:
    """ "3 hours ago" / "an hour ago" / "yesterday" / "2 hari yang lalu" -> now minus that."""
    low = value[:120].strip().lower().rstrip(".")
    if low in _WORDS:
        return now - timedelta(seconds=_WORDS[low])
    match = _AGO.search(low)
    if match is None:
        return None
    raw = match.group("n")
    count = int(raw) if raw.isdigit() else 1
    seconds = count * _UNITS[match.group("unit")]
    try:
        return in_range(now - timedelta(seconds=seconds))
    except OverflowError:
        return None


def absolute(value: str) -> datetime | None:
    """A printed date: "Jun 4, 2018", "June 2018", "March 9, 2024 06:30 UTC", ISO, d/m/Y."""
    value = " ".join(value[:80].split()).rstrip(".")
    if not value or not any(ch.isdigit() for ch in value):
        return None
    if "/" in value or (value[:2].isdigit() and value[2:3] in ".-"):
        found = day_first(value)
        if found is not None:
            return found
    found = parse_date(value)
    if found is not None:
        return found
    for fmt in _MONTH_YEAR:
        try:
            return in_range(datetime.strptime(value, fmt).replace(tzinfo=UTC))
        except ValueError:
            continue
    return None


def day_first(value: str) -> datetime | None:
    """ "01/12/2026 14:22:05 WIB" (day first, Indonesian zone) -> UTC; no zone = WIB."""
    match = _DMY.match(value.strip()[:60])
    if match is None:
        return None
    zone = (match.group("z") or "wib").lower()
    offset = _ZONES.get(zone, 7)
    try:
        local = datetime(
            int(match.group("y")),
            int(match.group("m")),
            int(match.group("d")),
            int(match.group("H") or 0),
            int(match.group("M") or 0),
            int(match.group("S") or 0),
            tzinfo=timezone(timedelta(hours=offset)),
        )
    except ValueError:
        return None
    return in_range(local.astimezone(UTC))


def when(value: str, now: datetime) -> datetime | None:
    """Relative first ("2 days ago"), then an absolute date."""
    return relative(value, now) or absolute(value)
