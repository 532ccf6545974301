"""Short labels for the job list: compact money that never cuts a digit, and ages.

``budget_label`` is the list's (``Rp750rb-1,5jt``); ``full_budget_label`` keeps every digit
for the detail and the paste preview; ``age_label`` is "3h", "2w" everywhere.
"""

from __future__ import annotations

import gettext
import math
from collections.abc import Callable
from datetime import datetime
from functools import cache

from cockpit.i18n import DOMAIN, LOCALE_DIR, N_, SYMBOLS, _, format_number
from cockpit.models import Budget, BudgetKind


def _number(amount: float, currency: str, lang: str | None = None) -> str:
    """Grouped the chosen language's way (Rp1.500.000 in id); rupiah have no cents."""
    if currency.upper() == "IDR":
        return format_number(round(amount), lang, decimals=0)
    return format_number(amount, lang)


def money(amount: float, currency: str) -> str:
    symbol = SYMBOLS.get(currency.upper())
    number = _number(amount, currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"


# TRANSLATORS: compact money in the job list, e.g. "$1.5k", "Rp750k-1.5M", "$2.5B", "$1T".
# In Indonesian: rb (ribu), jt (juta), M (miliar), T (triliun).
_UNITS = (
    (1e3, N_("{n}k")),
    (1e6, N_("{n}M")),
    (1e9, N_("{n}B")),
    (1e12, N_("{n}T")),
)
_PLAIN = "{n}"
_BEYOND = ">999"  # past 999 trillion (only a broken feed): a bounded label, never a cut one
_SIGNIFICANT = 3  # 1,250 -> 1.25k, 12,500 -> 12.5k: rounding moves an amount by < 0.5 %


@cache
def _gettext(lang: str) -> Callable[[str], str]:
    """One language's lookup without switching the app's (to measure every language)."""
    return gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True
    ).gettext


def _mantissa(value: float) -> tuple[float, int]:
    """``value`` (under 1,000) to three significant digits, and the decimals it needs."""
    decimals = max(0, _SIGNIFICANT - len(str(int(value))))
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return float(text), len(text.partition(".")[2])


def _compact(amount: float, currency: str, lang: str | None) -> tuple[str, str]:
    """(number, unit msgid): 500 -> ("500", "{n}"), 1500 -> ("1.5", "{n}k"); "1,5" in id.

    Under 1,000 an amount stays as it is (cents too); above, three significant digits.
    """
    whole = currency.upper() == "IDR"
    exact = round(amount) if whole else round(amount, 2)
    if exact < 1000:
        return _number(exact, currency, lang), _PLAIN
    for size, unit in _UNITS:
        value, decimals = _mantissa(amount / size)
        if value < 1000:  # 999,990 is "1M", not "1000k"
            return format_number(value, lang, decimals=decimals), unit
    return _BEYOND, _UNITS[-1][1]


def _amounts_text(
    low: float | None, high: float | None, currency: str, lang: str | None, tr: Callable[[str], str]
) -> str:
    """``55k-70k``, ``750k-1.5M``, ``15-30``, ``62.5k``: each end keeps its unit, so
    ``1.5k-12.5k`` never reads as 1.5 to 12,500."""
    amounts = [a for a in (low, high) if a is not None]
    parts = [tr(unit).format(n=n) for n, unit in (_compact(a, currency, lang) for a in amounts)]
    if len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]  # 1,251-1,254: ends that differ by < 0.5 % read as one amount
    return "-".join(parts)


def _price(amount: float | None) -> float | None:
    """None for what no price is (NaN, infinity, below zero): the label stays bounded."""
    return amount if amount is not None and math.isfinite(amount) and amount >= 0 else None


def _with_currency(text: str, currency: str) -> str:
    """``$500``, ``Rp750k``, ``500 CHF``; a code that is not three letters shows as ``¤``."""
    code = currency.strip().upper()
    symbol = SYMBOLS.get(code)
    if symbol:
        return f"{symbol}{text}"
    if not code:
        return text
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        code = "¤"  # an imported job's free text: the detail pane shows it whole
    return f"{text} {code}"


def budget_label(budget: Budget | None, lang: str | None = None) -> str:
    """``$500``, ``Rp750k-1.5M``, ``$15-30/h``, ``€55k-70k/yr``: compact, never converted.

    Short enough for the job list's budget column without cutting a digit group (the
    detail pane shows the full amount). ``lang`` defaults to the app's language.
    """
    if budget is None:
        return ""
    low, high = _price(budget.min), _price(budget.max)
    if low is None and high is None:
        return ""
    tr = _ if lang is None else _gettext(lang)
    if budget.kind != "salary" and (low is None or high is None or low == high):
        low, high = None, high if high is not None else low  # a single figure
    label = _with_currency(_amounts_text(low, high, budget.currency, lang, tr), budget.currency)
    if budget.kind == "salary":
        # TRANSLATORS: a compact yearly salary in the job list, e.g. "€55k-70k/yr".
        return tr(N_("{amount}/yr")).format(amount=label)
    # TRANSLATORS: a compact hourly rate in the job list, e.g. "$15-30/h".
    return tr(N_("{amount}/h")).format(amount=label) if budget.kind == "hourly" else label


def full_budget_label(budget: Budget | None) -> str:
    """``Rp1,500,000-3,000,000``, ``$15-30/h``, ``€55,000-70,000/yr``: every digit, for
    the detail pane and the paste preview (the list shows ``budget_label``)."""
    if budget is None:
        return ""
    low, high = _price(budget.min), _price(budget.max)
    if low is not None and high is not None and low != high:
        text = f"{_number(low, budget.currency)}-{_number(high, budget.currency)}"
    elif low is not None or high is not None:
        text = _number(high if high is not None else low or 0.0, budget.currency)
    else:
        return ""
    label = _with_currency(text, budget.currency)
    if budget.kind == "salary":
        return _("{amount}/yr").format(amount=label)
    return _("{amount}/h").format(amount=label) if budget.kind == "hourly" else label


def longest_budget_labels(lang: str | None = None) -> list[str]:
    """The longest labels ``budget_label`` can make, to size the list's budget column.

    A label is currency + one or two numbers + unit + kind suffix; each number is at its
    longest with cents under 1,000 or three significant digits before a unit, so these
    amounts, paired every way, in each currency shape, reach the longest (a property
    test checks random budgets against them).
    """
    # "999.99", then "9.99k" and "99.9k" (as wide as "999k" or wider) in every unit, then ">999T"
    amounts = [999.99, *(m * size for size, _unit in _UNITS for m in (9.99, 99.9)), 1e18]
    pairs = [(a, b) for a in amounts for b in amounts if a < b] + [(a, a) for a in amounts]
    # Rupiah (no cents), the longest symbol with cents, and a code after the number.
    widest_symbol = max(SYMBOLS, key=lambda code: (code != "IDR", len(SYMBOLS[code])))
    currencies = ("IDR", widest_symbol, "CHF")
    kinds: tuple[BudgetKind, ...] = ("fixed", "hourly", "salary")
    return [
        budget_label(Budget(kind, currency, low, high), lang)
        for kind in kinds
        for currency in currencies
        for low, high in pairs
    ]


def age_label(posted: datetime | None, now: datetime) -> str:
    if posted is None:
        return ""
    seconds = max(0, int((now - posted).total_seconds()))
    for unit, size in _AGE_UNITS:
        if seconds >= size:
            return _(unit).format(n=seconds // size)
    return _("now")


# How long ago, in a few characters: "3h", "2w", "1mo" (the Inbox and Proposals both).
_AGE_UNITS = (
    (N_("{n}y"), 365 * 86400),
    (N_("{n}mo"), 30 * 86400),
    (N_("{n}w"), 7 * 86400),
    (N_("{n}d"), 86400),
    (N_("{n}h"), 3600),
    (N_("{n}m"), 60),
)
