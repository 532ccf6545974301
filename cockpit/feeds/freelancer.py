"""Freelancer.com's public project search as a job source: ``freelancer:audio editing``.

The source reads ``GET /api/projects/0.1/projects/active/`` (the endpoint the
official ``freelancersdk`` calls for a project search), a page of ``PAGE_SIZE``
projects at a time, at most ``MAX_PAGES`` pages per refresh. Its answer is
``{"status": "success", "result": {"projects": [...], "users": {"<id>": {...}},
"total_count": N}}``; an error is ``{"status": "error", "message": ..., "error_code": ...}``.

Everything the API sends is untrusted: any field may be missing, null or of
another type, and text may carry escape sequences. Nothing here raises on
what the server sent; every string is cleaned and bounded like a feed entry.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from cockpit.feeds.extract import MAX_DESCRIPTION, MAX_FIELD, MAX_SKILLS, MAX_TITLE, bound
from cockpit.feeds.fields import in_range, unique
from cockpit.i18n import N_, _
from cockpit.models import (
    UNTITLED_JOB,
    Budget,
    Client,
    Job,
    JobSignals,
    Reading,
    job_id_for,
    utcnow,
)
from cockpit.text import clean, clean_line

if TYPE_CHECKING:  # parse.py imports this module: importing it back at load time would cycle
    from cockpit.feeds.parse import ParseResult

SCHEME = "freelancer:"
API_BASE = "https://www.freelancer.com/api/projects/0.1/projects/active/"
PAGE_SIZE = 50  # projects per request
MAX_PAGES = 4  # per refresh
ENV_API = "COCKPIT_FREELANCER_API"  # tests point the source at a local server
SITE = "https://www.freelancer.com/projects/"
MAX_QUERY = 200
# Far more than MAX_PAGES * PAGE_SIZE: a body holding more is not an honest answer.
MAX_PROJECTS = 1000
MAX_MESSAGE = 200
# An amount past this is junk, not a budget (a billion-rupiah project is 1e9).
MAX_AMOUNT = 1e12
MAX_BIDS = 1_000_000
_MAX_RAW_TEXT = 4 * MAX_DESCRIPTION  # cut before cleaning, as extract.py cuts markup

# "magento/Magento-Infinite-Scroll-Category-pages": one to three path segments, each
# starting with a letter or digit, so no "..", no scheme, no query can slip into the link.
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,150}){0,2}")
_CODE = re.compile(r"[A-Z]{3}")
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}

# What the API is asked for: the full text, skills, the project's and the owner's
# place, and the owner's status (payment verified).
_PROJECTIONS = (
    ("full_description", "true"),
    ("job_details", "true"),
    ("location_details", "true"),
    ("user_details", "true"),
    ("user_country_details", "true"),
    ("user_location_details", "true"),
    ("user_status", "true"),
    ("compact", "true"),
)

# Messages stored with a parse result, in English (messages.shown() translates them).
SAID = N_("Freelancer.com said: {message}")
ERROR_NO_MESSAGE = N_("Freelancer.com answered with an error")
BAD_JSON = N_("not a Freelancer.com answer: invalid JSON ({reason})")
NO_PROJECTS = N_("not a Freelancer.com answer: no list of projects")
UNEXPECTED = N_("could not read the Freelancer.com answer ({kind})")
SKIPPED = N_("skipped {count} unreadable items")  # the JSON Feed msgid: already translated
EMPTY = N_("empty body")
# For messages.TEMPLATES (the two last are there already).
MESSAGES: tuple[str, ...] = (SAID, ERROR_NO_MESSAGE, BAD_JSON, NO_PROJECTS, UNEXPECTED)


# -- the source address ------------------------------------------------------------------


def is_freelancer(url: str) -> bool:
    """A ``freelancer:`` search (any case of the scheme), not a freelancer.com web address."""
    return isinstance(url, str) and url.lstrip()[: len(SCHEME)].lower() == SCHEME


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


def check_source(raw: str) -> str:
    """``freelancer:"audio editing"`` -> ``freelancer:audio editing``, or ValueError with why."""
    text = raw.strip() if isinstance(raw, str) else ""
    if not is_freelancer(text):
        raise ValueError(_('a Freelancer.com search starts with freelancer: (freelancer:"logo")'))
    rest = text[len(SCHEME) :]
    # Refused without echoing it: a control character must not reach the terminal.
    if clean(rest) != rest or any(c in rest for c in "\t\n\r"):
        raise ValueError(_("the Freelancer.com search contains control characters"))
    query = " ".join(_unquote(rest).split())
    if not query:
        raise ValueError(
            _('the Freelancer.com search is empty: write the words after it (freelancer:"logo")')
        )
    if len(query) > MAX_QUERY:
        raise ValueError(
            _("the Freelancer.com search is too long (over {limit} characters)").format(
                limit=MAX_QUERY
            )
        )
    return SCHEME + query


def query_of(url: str) -> str:
    """The words searched for ("" when ``url`` is not a freelancer: source). Never raises."""
    if not is_freelancer(url):
        return ""
    return clean_line(_unquote(url.lstrip()[len(SCHEME) :]))[:MAX_QUERY]


def page_url(query: str, offset: int, *, base: str | None = None) -> str:
    """The API address of one page of the search."""
    base = base or os.environ.get(ENV_API) or API_BASE
    params = [("query", query), ("limit", str(PAGE_SIZE)), ("offset", str(max(0, int(offset))))]
    joiner = "&" if "?" in base else "?"
    return base + joiner + urlencode([*params, *_PROJECTIONS])


def next_offset(body: bytes, offset: int) -> int | None:
    """The offset of the page after this one, or None when this one was the last."""
    following = offset + PAGE_SIZE
    if following >= MAX_PAGES * PAGE_SIZE:
        return None
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError, TypeError):
        return None
    if not isinstance(data, dict) or _is_error(data):
        return None
    result = data.get("result")
    projects = result.get("projects") if isinstance(result, dict) else None
    if not isinstance(projects, list) or len(projects) < PAGE_SIZE:
        return None
    total = _int(result.get("total_count")) if isinstance(result, dict) else None
    if total is not None and following >= total:
        return None
    return following


# -- the answer --------------------------------------------------------------------------


def parse_pages(body: bytes, feed_id: str, url: str) -> ParseResult:
    """Jobs from one answer or a JSON array of answers (one per page). Never raises."""
    from cockpit.feeds.parse import ParseResult  # at call time: parse.py imports this module

    try:
        return _parse_pages(body, feed_id, url)
    except Exception as exc:  # a bug here must cost one refresh, not the app
        return ParseResult(error=UNEXPECTED.format(kind=type(exc).__name__))


def _parse_pages(body: bytes, feed_id: str, url: str) -> ParseResult:
    from cockpit.feeds.parse import ParseResult

    if not body or not body.strip():
        return ParseResult(error=EMPTY)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        reason = (clean_line(str(exc)) or type(exc).__name__)[:MAX_MESSAGE]
        return ParseResult(error=BAD_JSON.format(reason=reason))
    pages = data if isinstance(data, list) else [data]
    query = query_of(url)
    title = f"Freelancer.com: {query}" if query else "Freelancer.com"

    projects: list[Any] = []
    users: dict[str, Mapping[str, Any]] = {}
    errors: list[str] = []
    readable = 0
    for page in pages:
        if not isinstance(page, dict):
            continue
        if _is_error(page):
            errors.append(_error_text(page))
            continue
        result = page.get("result")
        found = result.get("projects") if isinstance(result, dict) else None
        if not isinstance(found, list) or not isinstance(result, dict):
            continue
        readable += 1
        projects.extend(found[: MAX_PROJECTS - len(projects)])
        users.update(_users(result.get("users")))
    if not readable:
        return ParseResult(title=title, error=errors[0] if errors else NO_PROJECTS)

    now = utcnow()
    jobs: list[Job] = []
    seen: set[str] = set()
    skipped = 0
    for project in projects:
        job = _job(project, users, now) if isinstance(project, dict) else None
        if job is None:
            skipped += 1
            continue
        if job.id in seen:  # the listing moved between two pages: one job
            continue
        seen.add(job.id)
        job.feed_ids = [feed_id]
        jobs.append(job)
    warnings = list(dict.fromkeys(errors))  # a later page failed: what was read is kept
    if skipped:
        warnings.append(SKIPPED.format(count=skipped))
    return ParseResult(jobs=jobs, title=title, warning="; ".join(warnings))


def _is_error(page: Mapping[str, Any]) -> bool:
    status = page.get("status")
    if isinstance(status, str):
        return status.strip().lower() == "error"
    return "result" not in page and ("error_code" in page or "message" in page)


def _error_text(page: Mapping[str, Any]) -> str:
    for key in ("message", "error_code"):
        value = page.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text = clean_line(str(value))[:MAX_MESSAGE]
            if text:
                return SAID.format(message=text)
    return ERROR_NO_MESSAGE


def _users(value: Any) -> dict[str, Mapping[str, Any]]:
    """``users`` keyed by id as a string; a list of user records is read too."""
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items() if isinstance(v, dict)}
    if isinstance(value, list):
        out: dict[str, Mapping[str, Any]] = {}
        for user in value:
            uid = _int(user.get("id")) if isinstance(user, dict) else None
            if uid is not None and isinstance(user, dict):
                out[str(uid)] = user
        return out
    return {}


# -- one project -------------------------------------------------------------------------


def _job(
    project: Mapping[str, Any], users: Mapping[str, Mapping[str, Any]], now: datetime
) -> Job | None:
    pid = _int(project.get("id"))
    if pid is None or pid <= 0:
        return None  # without its id a project cannot be told apart from the next one
    owner_id = _int(project.get("owner_id"))
    owner = users.get(str(owner_id), {}) if owner_id is not None else {}
    code = _currency(project.get("currency"))
    description = _text(project.get("description")) or _text(project.get("preview_description"))
    title = clean_line(_str(project.get("title"))[: 4 * MAX_TITLE])
    skills, category = _skills(project.get("jobs"))
    country = _country(project.get("location")) or _country(owner.get("location"))
    guid = f"freelancer:{pid}"  # what a pasted project page without its link is keyed by
    job = Job(
        id="",
        title=title or _first_line(description) or UNTITLED_JOB,
        link=_link(project.get("seo_url"), pid),
        guid=guid,
        posted=_time(project.get("time_submitted")) or _time(project.get("submitdate")),
        fetched=now,
        description=description,
        budget=_budget(project, code),
        category=category,
        skills=skills,
        country=country,
        source="freelancer",
        signals=_signals(project, owner, pid, code, now),
    )
    bound(job)
    job.id = job_id_for(guid, job.link, job.title)
    return job


def _signals(
    project: Mapping[str, Any], owner: Mapping[str, Any], pid: int, code: str, now: datetime
) -> JobSignals:
    signals = JobSignals(platform="freelancer", platform_id=str(pid))
    status = owner.get("status")
    verified = status.get("payment_verified") if isinstance(status, dict) else None
    signals.client = Client(
        payment_verified=verified if isinstance(verified, bool) else None,
        country=_country(owner.get("location"))[:MAX_FIELD],
    )
    stats = _dict(project.get("bid_stats"))
    bids = _int(stats.get("bid_count"))
    if bids is not None and 0 <= bids <= MAX_BIDS:
        avg = _amount(stats.get("bid_avg"))
        signals.readings = [
            Reading(at=now, bids=bids, bid_avg=avg, bid_currency=code if avg is not None else "")
        ]
    signals.hours_per_week = _hours(project.get("hourly_project_info"))
    return signals


def _budget(project: Mapping[str, Any], code: str) -> Budget | None:
    if not code:
        return None  # an amount in an unknown currency is worse than none
    raw = _dict(project.get("budget"))
    low, high = _amount(raw.get("minimum")), _amount(raw.get("maximum"))
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    kind = _str(project.get("type")).strip().lower()
    if kind not in ("fixed", "hourly"):
        kind = "hourly" if isinstance(project.get("hourly_project_info"), dict) else "fixed"
    return Budget(kind="hourly" if kind == "hourly" else "fixed", currency=code, min=low, max=high)


def _hours(info: Any) -> str:
    """``{"commitment": {"hours": 40, "interval": "week"}}`` -> "40 hrs/week"."""
    commitment = _dict(_dict(info).get("commitment"))
    hours = _number(commitment.get("hours"))
    interval = clean_line(_str(commitment.get("interval")))[:20].lower()
    if hours is None or hours <= 0 or interval not in ("day", "week", "month"):
        return ""
    count = str(int(hours)) if hours == int(hours) else f"{hours:g}"
    return f"{count} hrs/{interval}"


def _skills(value: Any) -> tuple[list[str], str]:
    """Skills from ``jobs[].name``; the category of the first one that names it."""
    if not isinstance(value, list):
        return [], ""
    names: list[str] = []
    category = ""
    for item in value[: 2 * MAX_SKILLS]:  # slice first: bound() keeps MAX_SKILLS
        if not isinstance(item, dict):
            continue
        names.append(_str(item.get("name"))[:MAX_FIELD])
        if not category:
            category = clean_line(_str(_dict(item.get("category")).get("name"))[: 4 * MAX_FIELD])
    return unique(names), category


def _country(location: Any) -> str:
    name = _dict(_dict(location).get("country")).get("name")
    return clean_line(_str(name)[: 4 * MAX_FIELD])


def _currency(value: Any) -> str:
    code = _str(_dict(value).get("code")).strip().upper()
    return code if _CODE.fullmatch(code) else ""


def _link(seo_url: Any, pid: int) -> str:
    slug = _str(seo_url).strip().strip("/")
    if slug and _SLUG.fullmatch(slug):
        return SITE + slug
    return f"{SITE}{pid}"


def _time(value: Any) -> datetime | None:
    seconds = _number(value)
    if seconds is None:
        return None
    try:
        return in_range(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):
        return None


def _text(value: Any) -> str:
    return clean(_str(value)[:_MAX_RAW_TEXT]).strip()


def _first_line(text: str, limit: int = 120) -> str:
    for line in text.splitlines():
        line = clean_line(line)
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


# -- tolerant readers: a wrong type reads as missing -------------------------------------


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _number(value: Any) -> float | None:
    """A finite, non-negative number (a JSON number or a numeric string)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and len(value) <= 30:
        try:
            value = float(value)
        except ValueError:
            return None
    if not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int with hundreds of digits
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _amount(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and number <= MAX_AMOUNT else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if abs(value) < 10**18 else None
    if isinstance(value, str):
        digits = value.strip()
        # isascii: "²".isdigit() is True, and int() refuses it
        ok = digits.isascii() and digits.isdigit() and len(digits) <= 18
        return int(digits) if ok else None
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return int(value) if abs(value) < 1e18 else None
    return None
