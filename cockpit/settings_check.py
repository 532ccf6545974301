"""Typed text for one ``Settings`` field, checked as the settings dialogs check it.

No Textual: the command line (`cockpit config set`) and the settings dialogs share it.
Every message is one line in the user's language.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from cockpit.i18n import LANGUAGES, N_, _, format_number
from cockpit.models import Settings

# The values the Inbox itself saves (cockpit.jobindex STATE_VIEWS and SORTS); listed here
# so this module stays light enough for every CLI start.
INBOX_VIEWS = ("new", "shortlist", "applied", "dismissed", "all")
INBOX_SORTS = ("score", "newest", "budget")
PLANS = ("basic", "plus")
NOTIFY_RULES = ("score", "bid", "score_or_bid")  # as cockpit.notices.NOTIFY_RULES
MAX_AUTO_MINUTES = 24 * 60  # as the Inbox settings dialog
MAX_TEXT = 1000  # a new text setting without its own check: one line, not a file
# Structured settings: a one-line command cannot spell them safely; the app has editors.
APP_ONLY = frozenset({"refund_reasons", "skill_aliases"})
APP_ONLY_MESSAGE = N_("{key} holds several values; change it in the app, not with `config set`.")

_DOT_DECIMAL = r"[0-9]+(?:\.[0-9]{{1,{places}}})?"
_GROUPED = r"(?:[1-9][0-9]{{0,2}}(?:{sep}[0-9]{{3}})+|[0-9]+)(?:{mark}[0-9]{{1,{places}}})?"
_MONEY_MAX_CHARS = 24


class SettingsError(ValueError):
    """A value the setting cannot take; the message is ready for the user."""


class UnknownSetting(SettingsError):
    """No ``Settings`` field has this name."""


class AppOnlySetting(SettingsError):
    """A list or mapping: changed in the app, not from one line of text."""


def parse_whole(text: str, what: str, *, low: int, high: int) -> int:
    """A whole number in [low, high]; ``what`` is already in the user's language."""
    raw = text.strip()
    if not raw:
        raise SettingsError(_("Enter the {what}.").format(what=what))
    # Plain ASCII digits only: int() would take "1_0", "٣" or " 1 " without a word.
    digits = raw[1:] if raw[:1] in "+-" else raw
    if not (digits.isascii() and digits.isdigit()):
        raise SettingsError(
            _("The {what} must be a whole number, not {text!r}.").format(what=what, text=raw)
        )
    value = int(raw)
    if value < low or value > high:
        raise SettingsError(
            _("The {what} must be between {low} and {high}; {value} is not.").format(
                what=what, low=low, high=high, value=value
            )
        )
    return value


def plain_amount(raw: str, places: int) -> str | None:
    """Digits with the locale's marks ("1,234.5" or "1.234,5") as "1234.5"; None if not."""
    if len(raw) > _MONEY_MAX_CHARS:
        return None
    if re.fullmatch(_DOT_DECIMAL.format(places=places), raw, re.ASCII):
        return raw
    sample = format_number(1000.5, decimals=1)
    sep, mark = sample[1], sample[-2]
    grouped = _GROUPED.format(sep=re.escape(sep), mark=re.escape(mark), places=places)
    if re.fullmatch(grouped, raw, re.ASCII):
        return raw.replace(sep, "").replace(mark, ".")
    return None


def parse_price(text: str) -> float:
    """The price of one Connect in dollars, as the Connects settings dialog reads it."""
    raw = text.strip().lstrip("$").strip()
    sign = raw[:1] if raw[:1] in "+-" else ""
    body = raw[len(sign) :].removeprefix("$").strip()
    # Plain digits: float() would take "1e3" or "inf".
    plain = plain_amount(body, places=4) if body else None
    if plain is None:
        raise SettingsError(
            _("The price per Connect must be a dollar amount, not {text!r}.").format(text=raw)
        )
    price = float(sign + plain)
    if not math.isfinite(price) or price <= 0:
        raise SettingsError(_("The price per Connect must be more than $0."))
    if price > 100:
        raise SettingsError(
            _("{price} per Connect looks like a typo; it is usually $0.15.").format(
                price="$" + format_number(price, decimals=2)
            )
        )
    return price


def parse_choice(text: str, what: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (case and spaces forgiven); ``what`` is in the user's language."""
    value = text.strip().lower()
    if value not in choices:
        raise SettingsError(
            _("The {what} must be one of {choices}, not {text!r}.").format(
                what=what, choices=", ".join(c or '""' for c in choices), text=text.strip()
            )
        )
    return value


def parse_language(text: str) -> str:
    """ "en", "id", or "" (follow the environment's LANG)."""
    value = text.strip().lower()
    return parse_choice(value, _("language"), ("", *LANGUAGES))


def _notice(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """A notices parser (cockpit.notices, imported late: most commands never need it) whose
    ValueError becomes a SettingsError with the same line."""

    def check(text: str) -> Any:
        try:
            return parse(text)
        except SettingsError:
            raise
        except ValueError as err:
            raise SettingsError(str(err)) from err

    return check


def parse_notify_command(text: str) -> str:
    """The program to run for a notice: it must be found now; "" turns notices off."""
    from cockpit.notices import check_command

    if not text.strip():
        return ""
    check_command(text)
    return text.strip()


def parse_notify_quiet(text: str) -> str:
    """Quiet hours as "22:00-07:00" (saved in that spelling), or "" for none."""
    from cockpit.notices import parse_quiet, quiet_text

    return quiet_text(parse_quiet(text))


def parse_timezone(text: str) -> str:
    """An IANA zone name or an offset, as typed; "" is this computer's zone."""
    from cockpit.notices import zone

    zone(text)
    return text.strip()


def _whole(what: str, low: int, high: int) -> Callable[[str], int]:
    return lambda text: parse_whole(text, _(what), low=low, high=high)


def _choice(what: str, choices: tuple[str, ...]) -> Callable[[str], str]:
    return lambda text: parse_choice(text, _(what), choices)


# One parser per field; the bounds are the dialogs' where a dialog edits the field.
CHECKS: Mapping[str, Callable[[str], Any]] = {
    "plan": _choice(N_("plan"), PLANS),
    "monthly_grant_basic": _whole(N_("monthly grant"), 0, 10_000),
    "monthly_grant_plus": _whole(N_("monthly grant"), 0, 10_000),
    "monthly_grant_day": _whole(N_("grant day"), 1, 31),
    "connect_price_usd": parse_price,
    "starting_balance": _whole(N_("starting balance"), 1, 10_000),
    "lot_lifetime_days": _whole(N_("lot lifetime"), 1, 3650),
    "cover_letter_limit": _whole(N_("cover letter limit"), 1, 100_000),
    "preview_chars": _whole(N_("preview length"), 0, 10_000),
    "follow_up_days": _whole(N_("follow-up wait in days"), 1, 365),
    "auto_refresh_minutes": _whole(N_("refresh interval"), 0, MAX_AUTO_MINUTES),
    "inbox_view": _choice(N_("Inbox view"), INBOX_VIEWS),
    "inbox_sort": _choice(N_("Inbox sort"), INBOX_SORTS),
    "notify_score": _whole(N_("score for a notice"), -1000, 1000),
    "language": parse_language,
    "default_bid_connects": _whole(N_("Connects per bid"), 1, 1000),
    "notify_command": _notice(parse_notify_command),
    "notify_rule": _choice(N_("notice rule"), NOTIFY_RULES),
    "notify_quiet": _notice(parse_notify_quiet),
    "notify_per_hour": _whole(N_("number of notices per hour"), 1, 60),
    "timezone": _notice(parse_timezone),
}


def setting_names() -> list[str]:
    """Every field of ``Settings``, in the model's order."""
    return [f.name for f in dataclasses.fields(Settings)]


def _fallback(name: str, text: str) -> Any:
    """A field added to ``Settings`` after this table: checked by its default's type."""
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        value = text.strip().lower()
        if value in ("true", "yes", "on", "1"):
            return True
        if value in ("false", "no", "off", "0"):
            return False
        raise SettingsError(
            _("The {what} must be true or false, not {text!r}.").format(what=name, text=text)
        )
    if isinstance(default, int):
        return parse_whole(text, name, low=-1_000_000_000, high=1_000_000_000)
    if isinstance(default, str):
        if len(text) > MAX_TEXT or any(ch in text for ch in "\r\n\0"):
            raise SettingsError(
                _("The {what} must be one line of at most {count} characters.").format(
                    what=name, count=MAX_TEXT
                )
            )
        return text.strip()
    # Floats, lists, mappings: no safe generic spelling.
    raise AppOnlySetting(_(APP_ONLY_MESSAGE).format(key=name))


def check_setting(key: str, text: str) -> Any:
    """The value ``text`` gives the field ``key``, or SettingsError with one clear line."""
    if key not in setting_names():
        raise UnknownSetting(_("There is no setting {key!r}.").format(key=key))
    if key in APP_ONLY:
        raise AppOnlySetting(_(APP_ONLY_MESSAGE).format(key=key))
    check = CHECKS.get(key)
    return check(text) if check is not None else _fallback(key, text)
