"""Rule conditions on what a job page says: ``connects <= 8``, ``client_spent >= 1000``,
``payment_verified = yes``, ``experience = expert``, ``proposals < 20`` (pure).

One condition is ``field op value``; ops are ``<``, ``<=``, ``>``, ``>=``, ``=``,
``!=`` and ``has`` (text contains). A field the job does not show makes the
condition false, as an unknown currency does for a budget rule: nothing is guessed.
The proposals band is a range: ``proposals < 20`` holds when the whole band is at
most 20 ("10 to 15", "15 to 20"), ``proposals >= 50`` when it starts at 50 or more.

Conditions read the stored job dict (the form a 50k-job rebuild has at hand);
``values_of(job.to_dict())`` serves one Job as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cockpit.i18n import _
from cockpit.models import from_iso

Doc = Mapping[str, Any]
Getter = Callable[[Doc, datetime], Any]
OPS = ("<=", ">=", "!=", "<", ">", "=", "has")
_SHAPE = re.compile(r"^\s*([a-z_]{2,40})\s*(<=|>=|!=|=|<|>|\bhas\b)\s*(\S.{0,120}?)\s*$")
_YES = {"yes", "true", "1", "y", "ya"}
_NO = {"no", "false", "0", "n", "tidak"}


def _sig(doc: Doc) -> Mapping[str, Any]:
    return doc.get("signals") or {}


def _client(doc: Doc) -> Mapping[str, Any]:
    return _sig(doc).get("client") or {}


def _latest(doc: Doc) -> Mapping[str, Any]:
    readings = _sig(doc).get("readings") or []
    return readings[-1] if readings else {}


def _hours_since(value: Any, now: datetime) -> float | None:
    when = from_iso(value) if isinstance(value, str) else value
    return None if when is None else (now - when).total_seconds() / 3600


def _sig_field(name: str) -> Getter:
    return lambda doc, now: _sig(doc).get(name)


def _client_field(name: str) -> Getter:
    return lambda doc, now: _client(doc).get(name)


def _reading_field(name: str) -> Getter:
    return lambda doc, now: _latest(doc).get(name)


def _proposals(doc: Doc, now: datetime) -> tuple[int | None, int | None, str] | None:
    latest = _latest(doc)
    if not latest or (latest.get("proposals_min") is None and not latest.get("proposals")):
        return None
    return latest.get("proposals_min"), latest.get("proposals_max"), latest.get("proposals", "")


def _member_days(doc: Doc, now: datetime) -> float | None:
    hours = _hours_since(_client(doc).get("member_since"), now)
    return None if hours is None else hours / 24


# name -> (kind, getter). Kinds: number, text, yesno, band.
FIELDS: dict[str, tuple[str, Getter]] = {
    "connects": ("number", _sig_field("connects")),
    "available_connects": ("number", _sig_field("available_connects")),
    "proposals": ("band", _proposals),
    "interviewing": ("number", _reading_field("interviewing")),
    "invites_sent": ("number", _reading_field("invites_sent")),
    "unanswered_invites": ("number", _reading_field("unanswered_invites")),
    "bids": ("number", _reading_field("bids")),
    "bid_avg": ("number", _reading_field("bid_avg")),
    "last_viewed_hours": (
        "number",
        lambda d, now: _hours_since(_latest(d).get("last_viewed"), now),
    ),
    "posted_hours": ("number", lambda d, now: _hours_since(d.get("posted"), now)),
    "platform": ("text", _sig_field("platform")),
    "experience": ("text", _sig_field("experience")),
    "duration": ("text", _sig_field("duration")),
    "hours_per_week": ("text", _sig_field("hours_per_week")),
    "project_type": ("text", _sig_field("project_type")),
    "location_rule": ("text", _sig_field("location_rule")),
    "deadline": ("text", _sig_field("deadline")),
    "finish_days": ("number", _sig_field("finish_days")),
    "status": ("text", _sig_field("status")),
    "payment_verified": ("yesno", _client_field("payment_verified")),
    "client_rating": ("number", _client_field("rating")),
    "client_reviews": ("number", _client_field("reviews")),
    "client_jobs_posted": ("number", _client_field("jobs_posted")),
    "client_hire_rate": ("number", _client_field("hire_rate")),
    "client_open_jobs": ("number", _client_field("open_jobs")),
    "client_spent": ("number", _client_field("spent")),
    "client_hires": ("number", _client_field("hires")),
    "client_active_hires": ("number", _client_field("active_hires")),
    "client_avg_hourly": ("number", _client_field("avg_hourly_paid")),
    "client_hours": ("number", _client_field("hours")),
    "client_country": ("text", _client_field("country")),
    "client_city": ("text", _client_field("city")),
    "client_industry": ("text", _client_field("industry")),
    "client_company_size": ("text", _client_field("company_size")),
    "client_member_days": ("number", _member_days),
}


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    op: str
    value: str | float | bool
    text: str  # as the user wrote it, normalised

    def holds(self, doc: Doc, now: datetime) -> bool:
        kind, getter = FIELDS[self.field]
        try:
            found = getter(doc, now)
        except (TypeError, ValueError, AttributeError):
            return False  # a malformed stored value is "not shown", never an error
        if found is None or found == "":
            return False
        if kind == "band":
            return _band_holds(found, self.op, self.value)
        if kind == "yesno":
            return (bool(found) == self.value) == (self.op == "=")
        if kind == "number":
            if not isinstance(found, int | float) or isinstance(found, bool):
                return False
            assert isinstance(self.value, float)
            return _compare(float(found), self.op, self.value)
        text, wanted = str(found).casefold(), str(self.value).casefold()
        if self.op == "has":
            return wanted in text
        return (text == wanted) == (self.op == "=")


def _compare(a: float, op: str, b: float) -> bool:
    return {
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
        "=": a == b,
        "!=": a != b,
    }.get(op, False)


def _band_holds(band: tuple[int | None, int | None, str], op: str, value: Any) -> bool:
    low, high, printed = band
    if isinstance(value, str):  # "proposals = 20 to 50"
        same = printed.casefold() == value.casefold()
        return (
            same
            if op == "="
            else (not same if op == "!=" else value.casefold() in printed.casefold())
        )
    if op in ("<", "<="):
        return high is not None and high <= value
    if op in (">", ">="):
        return low is not None and low >= value
    return False


def parse_condition(raw: str) -> Condition:
    """One ``field op value``; ValueError with a message a user can act on."""
    m = _SHAPE.match(raw[:200])
    if not m:
        raise ValueError(
            _(
                "{text!r} is not a condition: write field, operator, value, like connects <= 8."
            ).format(text=raw.strip()[:60])
        )
    name, op, value = m.group(1), m.group(2), m.group(3).strip()
    if name not in FIELDS:
        raise ValueError(
            _("Unknown field {field!r}. Fields: {fields}.").format(
                field=name, fields=", ".join(FIELDS)
            )
        )
    kind = FIELDS[name][0]
    text = f"{name} {op} {value}"
    if kind == "yesno":
        word = value.casefold()
        if op not in ("=", "!=") or word not in _YES | _NO:
            raise ValueError(_("{field} takes = yes or = no.").format(field=name))
        return Condition(name, op, word in _YES, text)
    if kind in ("number", "band"):
        try:
            number = float(value.replace(",", "").lstrip("$"))
        except ValueError:
            if kind == "band" and op in ("=", "!=", "has"):
                return Condition(name, op, value, text)
            raise ValueError(
                _("{field} compares with a number, like 8.").format(field=name)
            ) from None
        if op == "has":
            raise ValueError(
                _("{field} is a number: use <, <=, >, >=, = or !=.").format(field=name)
            )
        return Condition(name, op, number, text)
    if op not in ("=", "!=", "has"):
        raise ValueError(_("{field} is text: use =, != or has.").format(field=name))
    return Condition(name, op, value, text)


def parse_conditions(lines: list[str]) -> list[Condition]:
    return [parse_condition(line) for line in lines if line.strip()]


def split_conditions(raw: str) -> list[str]:
    """The form's one line: conditions separated by ";"."""
    return [" ".join(part.split()) for part in raw.split(";") if part.strip()]
