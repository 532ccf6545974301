"""One gate for every record that enters the store: feeds, pastes and imports.

``check_job`` turns a dict (an import, a stored document) or a ``Job`` (a feed
entry, a pasted page) into a ``Job`` whose every field has the type the rest of
the program assumes. Obvious mistakes are coerced (a number as a title becomes
text, ``None`` in a skills list is dropped, an over-long text is cut); anything
else is refused with ``JobRefused`` naming the field and what is wrong, so an
import can report it and a feed can skip it. Nothing else is ever raised: a
hostile record must not be able to crash the caller (or, once stored, every
later reader).

``check_record`` does the same type checks, without coercion, for the other
kinds an import carries (feeds, triage, proposals ...).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import MISSING, fields
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar, get_origin

from cockpit import models
from cockpit.i18n import _
from cockpit.models import Budget, Client, Job, JobSignals, Model, Reading
from cockpit.text import clean_line

M = TypeVar("M", bound=Model)

MIN_YEAR, MAX_YEAR = 1990, 2100
# Bounds on what one job may hold; longer text is cut, longer lists are shortened.
MAX_TITLE = 500
MAX_DESCRIPTION = 200_000
MAX_RAW = 2_000_000  # the pasted page, kept whole up to here
MAX_LINK = 4_096
MAX_SHORT = 500  # category, country, company, currency, signal fields ...
MAX_ID = 200  # ids are never cut: two ids cut alike would merge two jobs
MAX_SKILLS, MAX_SKILL = 100, 100
MAX_FEED_IDS = 1_000
MAX_READINGS = 1_000  # the newest are kept
MAX_TEXT = 1_000_000  # any text field of the other kinds (proposal text, template body)
MAX_NUMBER = 1e15  # past this a count or amount is nonsense
MAX_DATE_TEXT = 64  # an ISO date is ~32 characters; longer text is not parsed

BadDates = Literal["refuse", "drop"]

_BUDGET_KINDS = ("fixed", "hourly", "salary")
_JOB_TEXT = {
    "title": MAX_TITLE,
    "link": MAX_LINK,
    "guid": MAX_LINK,
    "description": MAX_DESCRIPTION,
    "category": MAX_SHORT,
    "country": MAX_SHORT,
    "company": MAX_SHORT,
    "job_type": MAX_SHORT,
    "client_name": MAX_SHORT,
    "source": MAX_SHORT,
    "repost_of": MAX_ID,
    "raw": MAX_RAW,
}

# A text field that is missing takes the model's default ("generic" for source).
_JOB_DEFAULTS = {f.name: f.default for f in fields(Job) if isinstance(f.default, str)}


class JobRefused(ValueError):
    """A record that cannot be stored; ``reason`` says which field and why (translated)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_job(data: Mapping[str, Any] | Job, *, bad_dates: BadDates = "refuse") -> Job:
    """A well-typed, bounded copy of ``data``, or ``JobRefused``.

    ``bad_dates="drop"`` forgets a date that is unreadable or outside
    1990..2100 instead of refusing the job: a feed with a broken clock still
    brings its jobs in.
    """
    try:
        return _check_job(data, bad_dates)
    except JobRefused:
        raise
    except Exception as exc:  # the promise: nothing but JobRefused escapes
        raise JobRefused(
            _("it cannot be read: {error}").format(error=_short(f"{type(exc).__name__}: {exc}"))
        ) from exc


def check_record(model: type[M], doc: Any) -> M:
    """A record of another kind (feed, triage, proposal ...), type-checked field by field.

    Plain fields must have their declared type (text, number, true/false,
    list of text, date in range); nested records are left to the model's own
    ``from_dict`` and must survive the way back to a dict. Raises only
    ``JobRefused``.
    """
    try:
        if not isinstance(doc, Mapping):
            raise JobRefused(_wrong("record", doc, _("an object")))
        for f in fields(model):  # type: ignore[arg-type]
            if f.name in doc:
                _check_plain(f.name, str(f.type), doc[f.name], has_default=_has_default(f))
        item = model.from_dict(dict(doc))
        item.to_dict()  # dates and nested records must survive the way back
        return item
    except JobRefused:
        raise
    except Exception as exc:  # same promise as check_job
        raise JobRefused(
            _("it cannot be read: {error}").format(error=_short(f"{type(exc).__name__}: {exc}"))
        ) from exc


# -- jobs --------------------------------------------------------------------------------


def _check_job(data: Mapping[str, Any] | Job, bad_dates: BadDates) -> Job:
    if not isinstance(data, Job | Mapping):
        raise JobRefused(_wrong("job", data, _("an object")))
    get = _getter(data)
    job_id = _text("id", get("id"), MAX_ID, cut=False)
    if not job_id:
        raise JobRefused(_("it has no {field}").format(field="id"))
    texts = {}
    for name, limit in _JOB_TEXT.items():
        value = get(name)
        texts[name] = _JOB_DEFAULTS.get(name, "") if value is None else _text(name, value, limit)
    return Job(
        id=job_id,
        feed_ids=_text_list("feed_ids", get("feed_ids"), MAX_FEED_IDS, MAX_ID, unique=True),
        posted=_date("posted", get("posted"), bad_dates),
        fetched=_date("fetched", get("fetched"), bad_dates),
        budget=_budget(get("budget")),
        skills=_text_list("skills", get("skills"), MAX_SKILLS, MAX_SKILL),
        signals=_signals(get("signals"), bad_dates),
        **texts,
    )


def _getter(data: Any) -> Any:
    if isinstance(data, Mapping):
        return data.get
    return lambda name: getattr(data, name, None)


def _budget(value: Any) -> Budget | None:
    if value is None or value == "" or (isinstance(value, Mapping) and not value):
        return None
    if not isinstance(value, Budget | Mapping):
        raise JobRefused(_wrong("budget", value, _("an object")))
    get = _getter(value)
    kind = get("kind")
    if kind not in _BUDGET_KINDS:
        raise JobRefused(
            _("{field} is {value}, not one of: {choices}").format(
                field="budget.kind", value=_show(kind), choices=", ".join(_BUDGET_KINDS)
            )
        )
    low = _amount("budget.min", get("min"))
    high = _amount("budget.max", get("max"))
    return Budget(
        kind=kind, currency=_text("budget.currency", get("currency"), MAX_SHORT), min=low, max=high
    )


def _amount(name: str, value: Any) -> float | None:
    number = _number(name, value, whole=False)
    if number is not None and number < 0:
        raise JobRefused(_not_amount(name, value))
    return number


def _signals(value: Any, bad_dates: BadDates) -> JobSignals | None:
    if value is None or value == "" or (isinstance(value, Mapping) and not value):
        return None
    if not isinstance(value, JobSignals | Mapping):
        raise JobRefused(_wrong("signals", value, _("an object")))
    signals: JobSignals = _flat(
        JobSignals, value, "signals", bad_dates, skip=("client", "readings")
    )
    get = _getter(value)
    client = get("client")
    if client is None or client == "":
        client = {}
    if not isinstance(client, Client | Mapping):
        raise JobRefused(_wrong("signals.client", client, _("an object")))
    signals.client = _flat(Client, client, "signals.client", bad_dates)
    readings = get("readings")
    if readings is None or readings == "":
        readings = []
    if not isinstance(readings, list | tuple):
        raise JobRefused(_wrong("signals.readings", readings, _("a list")))
    checked = []
    for n, reading in enumerate(readings[-MAX_READINGS:], 1):
        where = f"signals.readings #{n}"
        if not isinstance(reading, Reading | Mapping):
            raise JobRefused(_wrong(where, reading, _("an object")))
        checked.append(_flat(Reading, reading, where, bad_dates))
    signals.readings = checked
    return signals


def _flat(
    model: type[M], value: Any, where: str, bad_dates: BadDates, skip: tuple[str, ...] = ()
) -> M:
    """A nested record of plain fields (text, numbers, true/false, dates), coerced."""
    get = _getter(value)
    item = model()
    for field_name, kind in _plain_fields(model):
        if field_name in skip:
            continue
        raw = get(field_name)
        if raw is None:
            continue  # not given: the model's default (every nested field has one)
        name = f"{where}.{field_name}"
        if kind == "str":
            setattr(item, field_name, _text(name, raw, MAX_SHORT))
        elif kind == "date":
            setattr(item, field_name, _date(name, raw, bad_dates))
        elif kind == "bool":
            setattr(item, field_name, _bool(name, raw))
        elif kind in ("int", "float"):
            setattr(item, field_name, _number(name, raw, whole=kind == "int"))
    return item


_PLAIN: dict[type, tuple[tuple[str, str], ...]] = {}


def _plain_fields(model: type[Model]) -> tuple[tuple[str, str], ...]:
    """(name, check) for each field of a nested model; worked out once per model."""
    known = _PLAIN.get(model)
    if known is None:
        out = []
        for f in fields(model):  # type: ignore[arg-type]
            if not _has_default(f):
                raise TypeError(f"{model.__name__}.{f.name} needs a default to be checked here")
            out.append((f.name, _kind_of(str(f.type))))
        known = _PLAIN[model] = tuple(out)
    return known


# -- plain values ------------------------------------------------------------------------


def _text(name: str, value: Any, limit: int, *, cut: bool = True) -> str:
    if type(value) is str and len(value) <= limit and value.isascii():
        return value  # the common case, at C speed: no surrogates, nothing to cut
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise JobRefused(_wrong(name, value, _("text")))
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        if not cut:
            raise JobRefused(
                _("{field} is too long ({count} characters; at most {limit})").format(
                    field=name, count=len(text), limit=limit
                )
            )
        text = text[:limit]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the store's JSON writer refuses them
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def _text_list(name: str, value: Any, most: int, limit: int, *, unique: bool = False) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise JobRefused(_wrong(name, value, _("a list")))
    out: list[str] = []
    seen: set[str] = set()
    for n, item in enumerate(value, 1):
        if item is None:
            continue
        text = _text(f"{name} #{n}", item, limit)
        if unique:
            if text in seen:
                continue
            seen.add(text)
        out.append(text)
        if len(out) >= most:
            break
    return out


def _number(name: str, value: Any, *, whole: bool) -> Any:
    if value is None:
        return None
    number: float | int
    if isinstance(value, bool):
        raise JobRefused(_wrong(name, value, _("a number")))
    if isinstance(value, int):
        if abs(value) > MAX_NUMBER:  # before isfinite, which overflows on a huge int
            raise JobRefused(_not_amount(name, value))
        number = value
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        number = _parse_number(name, value)
    else:
        raise JobRefused(_wrong(name, value, _("a number")))
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise JobRefused(_not_amount(name, value))
    if whole and isinstance(number, float):
        if not number.is_integer():
            raise JobRefused(_wrong(name, value, _("a whole number")))
        number = int(number)
    return number


def _parse_number(name: str, value: str) -> float | int:
    """Plain ASCII decimals only: float() would also take "1_0", "nan" and Arabic digits."""
    text = value.strip()
    if not text or len(text) > 40 or any(c not in "0123456789.-+eE" for c in text):
        raise JobRefused(_not_amount(name, value))
    try:
        return int(text) if text.lstrip("+-").isdigit() else float(text)
    except ValueError:
        raise JobRefused(_not_amount(name, value)) from None


def _bool(name: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise JobRefused(_wrong(name, value, _("true or false")))


def _date(name: str, value: Any, bad_dates: BadDates) -> datetime | None:
    try:
        return _parse_date(name, value)
    except JobRefused:
        if bad_dates == "drop":
            return None
        raise


def _parse_date(name: str, value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if len(value) > MAX_DATE_TEXT:
            raise JobRefused(_not_date(name, value))
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise JobRefused(_not_date(name, value)) from None
    if not isinstance(value, datetime):
        raise JobRefused(_wrong(name, value, _("a date")))
    out_of_range = JobRefused(
        _("{field} is outside the years {low} to {high}: {value}").format(
            field=name, low=MIN_YEAR, high=MAX_YEAR, value=_show(value.isoformat())
        )
    )
    # Check the year first: converting year 1 at +14:00 to UTC overflows.
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise out_of_range
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        value = value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise out_of_range from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise out_of_range
    return value


def _check_plain(name: str, annotation: str, value: Any, *, has_default: bool) -> None:
    """Type checks for a field of another kind; nested records are left to from_dict."""
    if value is None and ("None" in annotation or has_default):
        return
    kind = _kind_of(annotation)
    if kind == "str":
        if not isinstance(value, str):
            raise JobRefused(_wrong(name, value, _("text")))
        if len(value) > MAX_TEXT:
            raise JobRefused(
                _("{field} is too long ({count} characters; at most {limit})").format(
                    field=name, count=len(value), limit=MAX_TEXT
                )
            )
    elif kind == "date":
        _parse_date(name, value)
    elif kind == "bool":
        if not isinstance(value, bool):
            raise JobRefused(_wrong(name, value, _("true or false")))
    elif kind in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise JobRefused(_wrong(name, value, _("a number")))
        _number(name, value, whole=kind == "int")
    elif kind == "list[str]":
        if not isinstance(value, list):
            raise JobRefused(_wrong(name, value, _("a list")))
        for n, item in enumerate(value, 1):
            if not isinstance(item, str):
                raise JobRefused(_wrong(f"{name} #{n}", item, _("text")))
    elif kind == "list":
        if not isinstance(value, list):
            raise JobRefused(_wrong(name, value, _("a list")))
    elif kind == "dict" and not isinstance(value, Mapping):
        raise JobRefused(_wrong(name, value, _("an object")))


def _kind_of(annotation: str) -> str:
    """The check a field's annotation asks for (annotations are strings here)."""
    base = annotation.replace(" | None", "").strip()
    if base in ("str", "int", "float", "bool"):
        return base
    if base == "datetime":
        return "date"
    if base == "list[str]":
        return "list[str]"
    if base.startswith("list["):
        return "list"
    if base.startswith("dict["):
        return "dict"
    if base.startswith("Literal[") or get_origin(getattr(models, base, None)) is Literal:
        return "str"  # a Literal: its text is checked, not its value (old stores hold others)
    return "nested"


def _has_default(f: Any) -> bool:
    return f.default is not MISSING or f.default_factory is not MISSING


# -- messages ----------------------------------------------------------------------------


def _kind_name(value: Any) -> str:
    if isinstance(value, str):
        return _("text")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, list | tuple):
        return _("a list")
    if isinstance(value, Mapping):
        return _("an object")
    if value is None:
        return _("empty")
    return _("something else")


def _wrong(name: str, value: Any, expected: str) -> str:
    return _("{field} is {kind}, not {expected}").format(
        field=name, kind=_kind_name(value), expected=expected
    )


def _not_date(name: str, value: Any) -> str:
    return _("{field} is not a date: {value}").format(field=name, value=_show(value))


def _not_amount(name: str, value: Any) -> str:
    return _("{field} is not a usable number: {value}").format(field=name, value=_show(value))


def _show(value: Any) -> str:
    """A value for a one-line message: printable, and short even when the value is not."""
    if isinstance(value, str):
        return _short(repr(value[:60]))
    if isinstance(value, int) and value.bit_length() > 64:
        return _("a very long number")  # repr() of a huge int is slow, then refused
    return _short(repr(value) if isinstance(value, int | float | bool) else _kind_name(value))


def _short(text: str) -> str:
    text = clean_line(text[:200])
    return text if len(text) <= 60 else text[:59] + "…"
