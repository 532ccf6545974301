"""The one place that looks up user-facing strings and formats money and dates.

Catalogs are gettext ``.mo`` files under ``cockpit/locale`` (built with Babel from
the ``.po`` files beside them by ``scripts/i18n.py``). A string missing from a
catalog falls back to English. Money keeps its own currency and is never converted.

The language is chosen once, before the UI is imported (key bindings and pane
titles are class attributes, translated when their module loads):
``--lang`` flag, then ``$COCKPIT_LANG``, then the saved setting, then
``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``, then English. The saved
setting lives in ``Settings.language`` and is mirrored to ``<config>/language``
so it can be read without opening the store; a change applies on the next start.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # models take 30 ms to import; `cockpit --version` needs none of them
    from cockpit.models import Budget

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "cockpit"
LANGUAGES = ("en", "id")
# What each language calls itself, for the language picker.
LANGUAGE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}
ENV_LANG = "COCKPIT_LANG"
SAVED_FILE = "language"

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


def normalize(lang: str | None) -> str:
    """``"id_ID.UTF-8"`` -> ``"id"``; "" when it names no language we have."""
    code = (lang or "").strip().split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else ""


def choose(
    flag: str | None = None,
    saved: str | None = None,
    env: Mapping[str, str] | None = None,
) -> str:
    """Flag, then ``$COCKPIT_LANG``, then the saved setting, then the locale, then English."""
    env = os.environ if env is None else env
    for candidate in (flag, env.get(ENV_LANG), saved):
        if code := normalize(candidate):
            return code
    return detect(env)


def read_saved(config_dir: Path) -> str:
    """The language saved from the app (``<config>/language``), or ""."""
    try:
        return normalize((config_dir / SAVED_FILE).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


def write_saved(config_dir: Path, lang: str) -> None:
    """Mirror ``Settings.language`` where the next start can read it; "" removes it."""
    path = config_dir / SAVED_FILE
    if not normalize(lang):
        path.unlink(missing_ok=True)
        return
    config_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(normalize(lang) + "\n", "utf-8")


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


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it yet (translated where shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For one English word with two meanings ("Shortlist" the key, "Shortlist" the view)."""
    return _translation.pgettext(context, message)


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
    """`$500`, `$30–$54/hr`, `€55.000–€70.000/yr`, `Rp1.500.000–Rp3.000.000`; empty when
    unknown."""
    if budget is None:
        return ""
    low, high = budget.min, budget.max
    if low is None and high is None:
        return ""
    parts = [format_money(v, budget.currency, lang) for v in (low, high) if v is not None]
    text = parts[0] if len(parts) == 1 or low == high else f"{parts[0]}–{parts[1]}"
    if budget.kind == "hourly":
        return _("{amount}/hr").format(amount=text)
    if budget.kind == "salary":
        # TRANSLATORS: a yearly salary, e.g. "€55,000–€70,000/yr".
        return _("{amount}/yr").format(amount=text)
    return text


def month_abbr(month: int, lang: str | None = None) -> str:
    """``1`` -> "Jan"; Indonesian names in id (``8`` -> "Agu")."""
    return _MONTHS[lang or _language][month - 1]


def format_date(value: date | datetime | None, lang: str | None = None) -> str:
    """`27 Nov 2026`; Indonesian month names in id (`27 Agu 2026`)."""
    if value is None:
        return "—"
    months = _MONTHS[lang or _language]
    return f"{value.day} {months[value.month - 1]} {value.year}"
