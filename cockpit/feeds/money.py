"""Reading budgets and rates out of feed text. Money keeps its currency.

``parse_amount_range`` finds the first amount that carries a currency (a symbol
or code right before or after it) and an optional second amount after a range
separator. Anything it cannot read with confidence gives None: a wrong budget
is worse than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cockpit.models import Budget, BudgetKind

# Codes we read; a bare "$" is USD unless a dollar code (AUD, CAD, ...) says otherwise.
CODES = frozenset(
    {"USD", "EUR", "GBP", "INR", "IDR", "AUD", "CAD", "NZD", "SGD", "CHF", "JPY", "PHP", "MYR"}
)
_DOLLARS = frozenset({"USD", "AUD", "CAD", "NZD", "SGD"})
_SYMBOLS = {
    "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "s$": "SGD",
    "nz$": "NZD", "€": "EUR", "£": "GBP", "₹": "INR", "rs": "INR", "rs.": "INR",
    "rp": "IDR", "rp.": "IDR", "¥": "JPY", "₱": "PHP", "rm": "MYR",
}  # fmt: skip
MAX_AMOUNT_TEXT = 2000
MAX_DIGITS = 24  # with separators: "1,000,000,000,000.00" is 20
# Currencies written with "." for thousands and "," for decimals.
_DOT_GROUPING = frozenset({"IDR", "EUR"})

_TOKENS = re.compile(
    r"""
    (?P<cur>
        (?<![A-Za-z])(?:US|AU|NZ|CA|A|C|S)?\$
      | [€£₹¥₱]
      | (?<![A-Za-z])(?:Rp|Rs|RM)\.?(?![A-Za-z])
      | (?<![A-Za-z])(?:USD|EUR|GBP|INR|IDR|AUD|CAD|NZD|SGD|CHF|JPY|PHP|MYR)(?![A-Za-z])
    )
  | (?P<num>(?P<digits>(?<![\d.,])\d(?:[\d.,]*\d)?)(?P<k>k(?![a-z]))?)
  | (?P<sep>(?<!\s)\s*(?:-|–|—|~|\bto\b|\bs/d\b|\bsampai\b)\s*)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Linear time on hostile text (tests/feeds/test_linear_time.py): a separator
# starts only where a run of spaces starts. Without (?<!\s) every position of a
# long run of spaces rescanned the rest of it (1 MB of spaces: hours). No match
# is lost: a search resumes where the last token ended, tokens never end inside
# a run of spaces, and a separator found inside a run also matches at its start.
_HOURLY = re.compile(
    r"/\s*(?:hr|hour|h)\b|\bper\s+hour\b|\ban\s+hour\b|\bhourly\b|\bper\s+jam\b|/\s*jam\b",
    re.IGNORECASE,
)


# Yearly pay: a salary, not a gig ("a year" does not match "3 years").
_YEARLY = re.compile(
    r"/\s*(?:yr|year|annum|tahun|thn)\b|\bper\s*(?:year|annum|tahun|thn)\b|\ba\s+year\b"
    r"|\bannual(?:ly)?\b|\byearly\b|\bp\.\s?a\b\.?|\bsetahun\b",
    re.IGNORECASE,
)
# Monthly pay: we store no period, so it is left as the board's amount (fixed).
_MONTHLY = re.compile(
    r"/\s*(?:mo|month|bulan|bln)\b|\bper\s*(?:month|bulan|bln)\b|\ba\s+month\b"
    r"|\bmonthly\b|\bsebulan\b",
    re.IGNORECASE,
)
# A bare amount in a salary field is yearly pay from this much on (10,000 in
# dollars, euros, pounds...). Where 10,000 is a small sum the floor is one a
# monthly wage rarely reaches. Only a threshold: amounts are never converted.
YEARLY_FLOOR = 10_000.0
_YEARLY_FLOORS = {"IDR": 100_000_000.0, "INR": 500_000.0, "JPY": 2_000_000.0, "PHP": 500_000.0}


def is_hourly_text(text: str) -> bool:
    """True when the text speaks of a rate per hour ("/hr", "per hour", "hourly")."""
    return _HOURLY.search(text) is not None


def is_yearly_text(text: str) -> bool:
    """True when the text speaks of pay per year ("/yr", "a year", "p.a.", "per tahun")."""
    return _YEARLY.search(text) is not None


def is_monthly_text(text: str) -> bool:
    """True when the text speaks of pay per month ("/mo", "per month", "per bulan")."""
    return _MONTHLY.search(text) is not None


def budget_kind(text: str) -> BudgetKind:
    """Hourly when the text says so, salary when it says yearly, else fixed."""
    if is_hourly_text(text):
        return "hourly"
    return "salary" if is_yearly_text(text) else "fixed"


def yearly_floor(currency: str) -> float:
    """From this amount on, a bare amount in a salary field is read as yearly pay."""
    return _YEARLY_FLOORS.get(currency.upper(), YEARLY_FLOOR)


def _currency(token: str) -> str:
    low = token.lower()
    if low == "$":
        return "$"
    if token.upper() in CODES:
        return token.upper()
    return _SYMBOLS.get(low, "")


def _resolve(found: list[str]) -> str | None:
    """One currency from what was written around the amounts, or None if they clash."""
    concrete = {c for c in found if c != "$"}
    if len(concrete) > 1:
        return None
    if concrete:
        code = concrete.pop()
        if "$" in found and code not in _DOLLARS:
            return None
        return code
    return "USD" if "$" in found else None


def parse_number(raw: str, currency: str) -> float | None:
    """Read "1,500", "1.500.000" (IDR), "30.00", "12,50" (EUR); None if the grouping is odd."""
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        group = "," if decimal == "." else "."
        whole, _, frac = raw.rpartition(decimal)
        if group in frac or not _grouped(whole, group):
            return None
        return float(whole.replace(group, "") + "." + frac)
    sep = "." if dots else "," if commas else ""
    if not sep:
        return float(raw)
    parts = raw.split(sep)
    if len(parts) > 2:  # only thousands groups repeat
        return float(raw.replace(sep, "")) if _grouped(raw, sep) else None
    tail = parts[1]
    if len(tail) == 3 and (sep == "," or currency in _DOT_GROUPING):
        return float(raw.replace(sep, "")) if _grouped(raw, sep) else None
    if len(tail) in (1, 2):
        return float(parts[0] + "." + tail)
    return None


def _grouped(raw: str, sep: str) -> bool:
    head, *groups = raw.split(sep)
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def parse_amount_range(text: str) -> tuple[str, float | None, float | None] | None:
    """(currency, min, max) of the first amount with a currency; max == min for one amount.

    Only the first MAX_AMOUNT_TEXT characters are read, cut at a space so no
    number is cut in two: a budget is stated up front, and a megabyte of "$"
    made a million tokens.
    """
    if not text:
        return None
    if len(text) > MAX_AMOUNT_TEXT:
        head, space, _ = text[:MAX_AMOUNT_TEXT].rpartition(" ")
        if not space:
            return None
        text = head
    tokens = list(_TOKENS.finditer(text))
    for start, tok in enumerate(tokens):
        if tok.lastgroup == "num":
            found = _read_range(text, tokens, start)
            if found is not None:
                return found
    return None


def _adjacent(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    gap = text[left.end() : right.start()]
    return not gap or gap.isspace()


def _read_range(
    text: str, tokens: list[re.Match[str]], start: int
) -> tuple[str, float | None, float | None] | None:
    currencies: list[str] = []
    nums: list[tuple[str, bool]] = []
    first = tokens[start]
    if (
        start > 0
        and tokens[start - 1].lastgroup == "cur"
        and _adjacent(text, tokens[start - 1], first)
    ):
        currencies.append(_currency(tokens[start - 1].group()))
    nums.append((first.group("digits"), bool(first.group("k"))))
    i, prev = start + 1, first
    # Shape: [cur] num [cur] [sep [cur] num [cur]]
    while i < len(tokens) and _adjacent(text, prev, tokens[i]):
        tok = tokens[i]
        kind = tok.lastgroup
        if kind == "cur":
            currencies.append(_currency(tok.group()))
        elif kind == "sep" and len(nums) == 1 and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if not _adjacent(text, tok, nxt) or nxt.lastgroup not in ("num", "cur"):
                break
        elif kind == "num" and len(nums) == 1 and tokens[i - 1].lastgroup in ("sep", "cur"):
            if tokens[i - 1].lastgroup == "cur" and tokens[i - 2].lastgroup != "sep":
                break
            nums.append((tok.group("digits"), bool(tok.group("k"))))
        else:
            break
        prev = tok
        i += 1
    currency = _resolve([c for c in currencies if c])
    if currency is None:
        return None
    values: list[float] = []
    for raw, thousands in nums:
        if len(raw) > MAX_DIGITS:  # no budget has this many digits: it is not an amount
            return None
        value = parse_number(raw, currency)
        if value is None:
            return None
        values.append(value * 1000 if thousands else value)
    low, high = values[0], values[-1]
    if high < low:
        low, high = high, low
    return currency, low, high


def budget(kind: BudgetKind, text: str) -> Budget | None:
    """A Budget of the given kind from text like "$30.00-$54.00", or None."""
    found = parse_amount_range(text)
    if found is None:
        return None
    currency, low, high = found
    return Budget(kind=kind, currency=currency, min=low, max=high)


def parse_money(text: str) -> Budget | None:
    """Budget from free text: hourly or salary when it says so ("/hr", "a year"), else fixed."""
    return budget(budget_kind(text), text)


def salary_budget(text: str) -> Budget | None:
    """A board's salary field ("job:salary", "Salary:"): yearly pay unless it says otherwise.

    Hourly wording makes an hourly rate; monthly wording stays a fixed amount
    (no period is stored); yearly wording, or a bare amount whose low end is at
    least the currency's yearly floor, makes a salary. A small bare amount
    ("$1,200 - $1,800") is more likely a project's price: fixed.
    """
    kind = budget_kind(text)
    found = budget(kind, text)
    if found is None or kind != "fixed" or is_monthly_text(text):
        return found
    low = found.min if found.min is not None else found.max
    if low is not None and low >= yearly_floor(found.currency):
        return replace(found, kind="salary")
    return found
