"""Field readers every platform shares: budget, dates, skills, rating, payment, places.

A label handler takes the value printed with (or under, or above) its label; a
recogniser takes a whole line that names its own field ("31 jobs posted").
Both return True only when they read something, so an odd line stays in the
description. The first value of a field wins: later ones are left as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cockpit.feeds.fields import split_skills
from cockpit.feeds.money import budget, budget_kind
from cockpit.feeds.pagepaste.countries import city_country, country, location_rule, rule_for
from cockpit.feeds.pagepaste.draft import Draft
from cockpit.feeds.pagepaste.lines import first_int, first_number
from cockpit.feeds.pagepaste.relative import when
from cockpit.models import BudgetKind

Handler = Callable[[Draft, str], bool]
Recogniser = Callable[[Draft, str, str], bool]
Labels = dict[str, tuple[str, Handler]]

KIND_WORDS: dict[str, BudgetKind] = {
    "hourly": "hourly", "hourly rate": "hourly", "hourly range": "hourly",
    "fixed-price": "fixed", "fixed price": "fixed", "fixed": "fixed", "est. budget": "fixed",
    "fixed-price project": "fixed", "hourly project": "hourly",
}  # fmt: skip
_AMOUNT_WORDS = frozenset(
    {"usd", "eur", "gbp", "inr", "idr", "aud", "cad", "nzd", "sgd", "chf", "jpy", "php", "myr",
     "rp", "rs", "us", "a", "c", "s", "per", "hour", "hr", "hrs", "h", "hourly", "fixed", "price",
     "to", "k", "jam", "d"}
)  # fmt: skip
_WORD = re.compile(r"[a-z]+")
_RATING_OF = re.compile(r"(?P<r>\d{1,2}(?:[.,]\d{1,2})?)\s*(?:/|out of|dari)\s*(?P<s>5|10)\b")
PAYMENT = {
    "payment method verified": True, "payment verified": True,
    "payment method not verified": False, "payment not verified": False,
    "payment unverified": False, "payment method unverified": False,
    "pembayaran terverifikasi": True,
}  # fmt: skip


def is_amount_line(low: str) -> bool:
    """A line that is only an amount ("$15.00", "$250 - $750 USD", "Rp 1.500.000")."""
    if len(low) > 60 or not (
        low[0] in "$€£₹¥₱" or low[0].isdigit() or low[:2] in ("rp", "rs", "us", "id")
    ):
        return False
    return any(ch.isdigit() for ch in low) and all(w in _AMOUNT_WORDS for w in _WORD.findall(low))


def read_budget(d: Draft, text: str, kind: BudgetKind | None = None) -> bool:
    if d.has("budget"):
        return False
    said = budget_kind(text)
    chosen: BudgetKind = kind or (said if said != "fixed" else d.kind_hint or "fixed")
    found = budget(chosen, text)
    if found is None:
        return False
    d.budget = found
    return d.mark("budget")


def budget_label(kind: BudgetKind | None) -> Handler:
    def handle(d: Draft, value: str) -> bool:
        return read_budget(d, value, kind)

    return handle


def posted(d: Draft, value: str) -> bool:
    if d.has("posted"):
        return False
    d.posted = when(value, d.now)
    return d.posted is not None and d.mark("posted")


def skills(d: Draft, value: str) -> bool:
    """A comma list of skills; a sentence (long parts, a full stop) is not one."""
    if value.endswith((".", "!", "?")):
        return False
    names = split_skills(value)
    if not names or any(len(n) > 50 or len(n.split()) > 5 for n in names):
        return False
    d.add_skills(names)
    return True


def category(d: Draft, value: str) -> bool:
    if d.has("category") or len(value) > 80:
        return False
    d.category = value
    return d.mark("category")


def rating(d: Draft, value: str) -> bool:
    """ "8.5/10", "4.9 out of 5", or a bare "4.9" (out of 5)."""
    if d.has("rating"):
        return False
    low = value.lower()
    match = _RATING_OF.search(low)
    if match is not None:
        score, scale = float(match.group("r").replace(",", ".")), float(match.group("s"))
    else:
        number = first_number(low)
        if number is None or len(low) > 12:
            return False
        score, scale = number, 10.0 if number > 5 else 5.0
    if not 0 <= score <= scale:
        return False
    d.client.rating, d.client.rating_scale = score, scale
    return d.mark("rating")


def payment(d: Draft, key: str, low: str) -> bool:
    verified = PAYMENT.get(low.rstrip("."))
    if verified is None or d.has("payment"):
        return False
    d.client.payment_verified = verified
    return d.mark("payment")


def client_country(d: Draft, name: str, city: str = "") -> bool:
    if d.has("country"):
        return False
    d.client.country = name
    if city:
        d.client.city = city
    return d.mark("country")


def place(d: Draft, value: str) -> bool:
    """The client's place: "Jakarta, Indonesia" or a country name."""
    pair = city_country(value)
    if pair is not None:
        return client_country(d, pair[1], pair[0])
    name = country(value)
    return bool(name) and client_country(d, name)


def location(d: Draft, value: str) -> bool:
    """Who may apply (Upwork): "Worldwide" -> "", "U.S. only" -> "U.S."."""
    if d.has("location"):
        return False
    rule = location_rule(value.lower())
    if rule is None:
        rule = rule_for(value) or None
    if rule is None:
        return False
    d.signals.location_rule = rule
    return d.mark("location")


def location_line(d: Draft, key: str, low: str) -> bool:
    rule = location_rule(low)
    if rule is None or d.has("location"):
        return False
    d.signals.location_rule = rule
    return d.mark("location")


def count(attr: str, key: str, owner: str = "reading") -> Handler:
    """A handler that stores the first whole number of the value."""

    def handle(d: Draft, value: str) -> bool:
        number = first_int(value)
        if number is None or d.has(key) or len(value) > 40:
            return False
        target = d.reading if owner == "reading" else d.signals
        setattr(target, attr, number)
        return d.mark(key)

    return handle


def text_field(attr: str, key: str) -> Handler:
    """A handler that stores the value as printed on the signals."""

    def handle(d: Draft, value: str) -> bool:
        if d.has(key) or len(value) > 80:
            return False
        setattr(d.signals, attr, value)
        return d.mark(key)

    return handle


COMMON_LABELS: Labels = {
    "budget": ("budget", budget_label(None)),
    "est. budget": ("budget", budget_label("fixed")),
    "anggaran": ("budget", budget_label(None)),
    "hourly range": ("budget", budget_label("hourly")),
    "hourly rate": ("budget", budget_label("hourly")),
    "hourly": ("budget", budget_label("hourly")),
    "fixed-price": ("budget", budget_label("fixed")),
    "fixed price": ("budget", budget_label("fixed")),
    "posted": ("posted", posted),
    "posted on": ("posted", posted),
    "date posted": ("posted", posted),
    "skills": ("skills", skills),
    "keahlian": ("skills", skills),
    "tags": ("skills", skills),
    "category": ("category", category),
    "kategori": ("category", category),
    "country": ("country", place),
    "negara": ("country", place),
    "rating": ("rating", rating),
}
COMMON_CONTENT: list[tuple[str, Recogniser]] = [("payment", payment)]
