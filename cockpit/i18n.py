"""The one place that looks up user-facing strings and formats money and dates.

Catalogs are gettext ``.mo`` files under ``cockpit/locale`` (built with Babel from
the ``.po`` files beside them). A string missing from a catalog falls back to
English. Money keeps its own currency and is never converted.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from cockpit.models import Budget

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "cockpit"
LANGUAGES = ("en", "id")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def detect(env: Mapping[str, str] | None = None) -> str:
    """`LANGUAGE`/`LC_ALL`/`LC_MESSAGES`/`LANG` as gettext reads them, then English."""
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                return "en"
    return "en"


def set_language(lang: str | None) -> str:
    """Switch every later lookup; ``None`` or "" follows the environment."""
    global _translation, _language
    chosen = (lang or detect()).lower()
    if chosen not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _language = chosen
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[chosen], fallback=True
    )
    return chosen


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


# -- money and dates --------------------------------------------------------------------

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "IDR": "Rp", "AUD": "A$", "CAD": "C$"}
_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
}
# (thousands separator, decimal mark)
_SEPARATORS = {"en": (",", "."), "id": (".", ",")}


def format_number(value: float, lang: str | None = None, decimals: int | None = None) -> str:
    """Group thousands the locale's way; decimals only when the value has them."""
    thousands, mark = _SEPARATORS[lang or _language]
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{abs(value):,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", mark).replace("\0", thousands)
    return ("-" if value < 0 else "") + text


def format_money(amount: float, currency: str, lang: str | None = None) -> str:
    """`Rp1.500.000` in id, `Rp1,500,000` in en; unknown currencies keep their code."""
    code = currency.upper()
    number = format_number(amount, lang)
    symbol = SYMBOLS.get(code)
    if symbol is None:
        return f"{number} {code}"
    if code == "IDR":
        number = format_number(round(amount), lang, 0)
    return f"{symbol}{number}"


def format_budget(budget: Budget | None, lang: str | None = None) -> str:
    """`$500`, `$30–$54/hr`, `Rp1.500.000–Rp3.000.000`; empty when unknown."""
    if budget is None:
        return ""
    low, high = budget.min, budget.max
    if low is None and high is None:
        return ""
    parts = [format_money(v, budget.currency, lang) for v in (low, high) if v is not None]
    text = parts[0] if len(parts) == 1 or low == high else f"{parts[0]}–{parts[1]}"
    return text + ("/hr" if budget.kind == "hourly" else "")


def format_date(value: date | datetime | None, lang: str | None = None) -> str:
    """`27 Nov 2026`; Indonesian month names in id (`27 Agu 2026`)."""
    if value is None:
        return "—"
    months = _MONTHS[lang or _language]
    return f"{value.day} {months[value.month - 1]} {value.year}"
