"""Upwork job page: the job's terms, its activity, the Connects it costs, the client."""

from __future__ import annotations

import re

from cockpit.feeds.pagepaste.common import (
    Labels,
    Recogniser,
    count,
    location,
    location_line,
    text_field,
)
from cockpit.feeds.pagepaste.countries import country
from cockpit.feeds.pagepaste.draft import Draft
from cockpit.feeds.pagepaste.lines import money
from cockpit.feeds.pagepaste.relative import absolute, relative, when

EXPERIENCE = {
    "entry level": "entry", "entry": "entry", "entry-level": "entry",
    "intermediate": "intermediate", "expert": "expert",
}  # fmt: skip
PROJECT_TYPES = frozenset({"one-time project", "ongoing project", "complex project"})
INDUSTRIES = frozenset(
    s.lower()
    for s in (
        "Tech & IT", "Aerospace", "Agriculture & Forestry", "Art & Design", "Education",
        "Energy & Utilities", "Engineering & Architecture", "Fashion & Beauty",
        "Finance & Accounting", "Food & Beverage", "Government & Public Sector",
        "Health & Fitness", "HR & Business Services", "Legal", "Manufacturing & Construction",
        "Media & Entertainment", "Military & Defense", "Mining", "Real Estate",
        "Retail & Consumer Goods", "Sales & Marketing", "Science & Medicine",
        "Sports & Recreation", "Supply Chain & Logistics", "Transportation & Warehousing",
        "Travel & Hospitality", "Non-Profit", "Internet & Technology",
    )
)  # fmt: skip
_DURATION = re.compile(r"(?:less than|more than) \d{1,2} months?|\d{1,2} ?(?:to|-) ?\d{1,2} months")
_HOURS = re.compile(r"(?:less|more) than \d{1,3} hrs?/week|hours to be determined")
_RATING = re.compile(r"rating is (?P<r>\d(?:\.\d{1,2})?) out of 5\.?")
_REVIEWS = re.compile(r"(?:(?P<r>\d(?:\.\d{1,2})?) of )?(?P<n>\d[\d,]{0,9}) reviews?")
_JOBS = re.compile(r"(?P<n>\d[\d,]{0,9}) jobs? posted")
_HIRE_RATE = re.compile(r"(?P<p>\d{1,3})% hire rate(?:, (?P<o>\d[\d,]{0,9}) open jobs?)?")
_SPENT = re.compile(r"(?P<m>\$ ?\d[\d,.]{0,15}[km]?)\+? total spent")
_HIRES = re.compile(r"(?P<n>\d[\d,]{0,9}) hires?(?:, (?P<a>\d[\d,]{0,9}) active)?")
_AVG = re.compile(r"\$ ?(?P<m>\d[\d,]{0,9}(?:\.\d{1,2})?) ?/ ?hr avg hourly rate paid")
_HOURS_BILLED = re.compile(r"(?P<n>\d[\d,]{0,9}) hours?")
_SIZE = re.compile(r"(?:small|mid-sized|medium|large|enterprise) company(?: \([^)]{1,30}\))?")
_CITY_TIME = re.compile(r"(?P<city>[^\d]{0,60}?) ?(?P<t>\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?)", re.I)
_BID = re.compile(r"(?P<k>high|avg|average|low)\s*:?\s*\$\s?(?P<v>\d[\d,]{0,9}(?:\.\d{1,2})?)")
_CLIENT_KEYS = ("payment", "rating", "reviews", "jobs_posted", "hire_rate", "spent", "hires")


def experience(d: Draft, value: str) -> bool:
    level = EXPERIENCE.get(value.lower().rstrip("."))
    if level is None or d.has("experience"):
        return False
    d.signals.experience = level
    return d.mark("experience")


def proposals(d: Draft, value: str) -> bool:
    """The band as printed: "Less than 5" -> 0..5, "20 to 50", "50+" -> 50..None."""
    low = value.lower().strip().rstrip(".")
    if d.has("proposals") or len(low) > 24:
        return False
    r = d.reading
    numbers = [int(n) for n in re.findall(r"\d{1,5}", low)]
    if low.startswith("less than") and len(numbers) == 1:
        r.proposals_min, r.proposals_max = 0, numbers[0]
    elif low.endswith("+") and len(numbers) == 1:
        r.proposals_min, r.proposals_max = numbers[0], None
    elif len(numbers) == 2 and (" to " in low or "-" in low):
        r.proposals_min, r.proposals_max = numbers[0], numbers[1]
    elif len(numbers) == 1 and low.isdigit():
        r.proposals_min = r.proposals_max = numbers[0]
    else:
        return False
    r.proposals = value.strip()
    return d.mark("proposals")


def last_viewed(d: Draft, value: str) -> bool:
    seen = relative(value, d.now) or absolute(value)
    if seen is None or d.has("last_viewed"):
        return False
    d.reading.last_viewed = seen
    return d.mark("last_viewed")


def bid_range(d: Draft, value: str) -> bool:
    """ "High $75.00 | Avg $31.69 | Low $6.00" (Upwork Plus)."""
    if d.has("bid_range"):
        return False
    r = d.reading
    for match in _BID.finditer(value.lower()):
        amount = float(match.group("v").replace(",", ""))
        k = match.group("k")
        if k == "high":
            r.bid_high = amount
        elif k == "low":
            r.bid_low = amount
        else:
            r.bid_avg = amount
    if r.bid_high is None and r.bid_avg is None and r.bid_low is None:
        return False
    r.bid_currency = "USD"
    return d.mark("bid_range")


def member_since(d: Draft, value: str) -> bool:
    since = absolute(value)
    if since is None or d.has("member_since"):
        return False
    d.client.member_since = since
    return d.mark("member_since")


def industry(d: Draft, value: str) -> bool:
    if d.has("industry") or len(value) > 60:
        return False
    d.client.industry = value
    return d.mark("industry")


def company_size(d: Draft, value: str) -> bool:
    if d.has("company_size") or len(value) > 60:
        return False
    d.client.company_size = value
    return d.mark("company_size")


def _terms(d: Draft, key: str, low: str) -> bool:
    """Experience, duration, hours, project type: lines that are their own value."""
    if low in EXPERIENCE:
        return experience(d, key)
    if low in PROJECT_TYPES:
        return project_type(d, key)
    if _DURATION.fullmatch(low):
        return duration(d, key)
    if "week" in low or "determined" in low:
        return _HOURS.fullmatch(low) is not None and hours(d, key)
    return False


def _lead(d: Draft, key: str, low: str) -> bool:
    """Lines that start with their label: "Posted 3 hours ago", "Member since Jun 4, 2018"."""
    word, _, rest = low.partition(" ")
    if word in ("posted", "renewed", "opened", "published") and not d.has("posted"):
        d.posted = when(rest, d.now)
        return d.posted is not None and d.mark("posted")
    if low.startswith("member since"):
        return member_since(d, key[12:].strip(" :"))
    if low.startswith("bid range"):
        return bid_range(d, key[9:])
    m = _RATING.fullmatch(low)
    if m is not None:
        if d.has("rating"):
            return False
        d.client.rating, d.client.rating_scale = float(m.group("r")), 5.0
        return d.mark("rating")
    return False


def _client(d: Draft, key: str, low: str) -> bool:
    """About the client: counts printed before their label ("31 jobs posted")."""
    c = d.client
    if low in ("no reviews yet", "no feedback yet"):
        if d.has("reviews"):
            return False
        c.reviews = 0
        return d.mark("reviews")
    if "review" in low and (m := _REVIEWS.fullmatch(low)) is not None:
        if d.has("reviews"):
            return False
        c.reviews = int(m.group("n").replace(",", ""))
        if m.group("r") and not d.has("rating"):
            c.rating, c.rating_scale = float(m.group("r")), 5.0
            d.mark("rating")
        return d.mark("reviews")
    if "posted" in low and (m := _JOBS.fullmatch(low)) is not None and not d.has("jobs_posted"):
        c.jobs_posted = int(m.group("n").replace(",", ""))
        return d.mark("jobs_posted")
    if "hire rate" in low and (m := _HIRE_RATE.fullmatch(low)) is not None:
        if d.has("hire_rate"):
            return False
        c.hire_rate = int(m.group("p"))
        c.open_jobs = int(m.group("o").replace(",", "")) if m.group("o") else None
        return d.mark("hire_rate")
    if "total spent" in low and (m := _SPENT.fullmatch(low)) is not None:
        amount = money(m.group("m"))
        if amount is None or d.has("spent"):
            return False
        c.spent, c.spent_currency = amount
        return d.mark("spent")
    if "hire" in low and (m := _HIRES.fullmatch(low)) is not None and not d.has("hires"):
        c.hires = int(m.group("n").replace(",", ""))
        c.active_hires = int(m.group("a").replace(",", "")) if m.group("a") else None
        return d.mark("hires")
    if "avg hourly" in low and (m := _AVG.fullmatch(low)) is not None:
        if d.has("avg_rate"):
            return False
        c.avg_hourly_paid = float(m.group("m").replace(",", ""))
        return d.mark("avg_rate")
    if "hour" in low and (m := _HOURS_BILLED.fullmatch(low)) is not None:
        # A bare "610 hours" is only the client's when it sits among the client's figures.
        if d.has("hours_billed") or not any(d.has(k) for k in _CLIENT_KEYS):
            return False
        c.hours = int(m.group("n").replace(",", ""))
        return d.mark("hours_billed")
    if low in INDUSTRIES:
        return industry(d, key)
    if low == "individual client" or _SIZE.fullmatch(low):
        return company_size(d, key)
    return False


def _place(d: Draft, key: str, low: str) -> bool:
    """A bare country: the client's (in "About the client" or before a local time),
    else who may apply. A "City 3:42 PM" line right after it is the client's city."""
    if d.last == "country" and ":" in low and (m := _CITY_TIME.fullmatch(key)):
        d.client.city, d.client.local_time = m.group("city").strip(" ,"), m.group("t")
        d.last = "city"  # part of "country", not a key of its own
        return True
    name = country(key)
    if not name:
        return location_line(d, key, low)
    if d.section != "about" and not d.has("location"):
        return location(d, key)
    if d.has("country"):
        return False
    d.client.country = name
    return d.mark("country")


duration = text_field("duration", "duration")
hours = text_field("hours_per_week", "hours")
project_type = text_field("project_type", "project_type")

_connects = count("connects", "connects", "signals")
LABELS: Labels = {
    "proposals": ("proposals", proposals),
    "last viewed by client": ("last_viewed", last_viewed),
    "last viewed": ("last_viewed", last_viewed),
    "interviewing": ("interviewing", count("interviewing", "interviewing")),
    "invites sent": ("invites", count("invites_sent", "invites")),
    "unanswered invites": ("unanswered", count("unanswered_invites", "unanswered")),
    "send a proposal for": ("connects", _connects),
    "required connects to submit a proposal": ("connects", _connects),
    "connects to apply": ("connects", _connects),
    "available connects": ("available_connects",
                           count("available_connects", "available_connects", "signals")),
    "bid range": ("bid_range", bid_range),
    "experience level": ("experience", experience),
    "experience": ("experience", experience),
    "duration": ("duration", duration),
    "project length": ("duration", duration),
    "hours": ("hours", hours),
    "hours per week": ("hours", hours),
    "project type": ("project_type", project_type),
    "location": ("location", location),
    "industry": ("industry", industry),
    "company size": ("company_size", company_size),
    "member since": ("member_since", member_since),
}  # fmt: skip
CONTENT: list[tuple[str, Recogniser]] = [
    ("terms", _terms),
    ("lead", _lead),
    ("client", _client),
    ("place", _place),
]
