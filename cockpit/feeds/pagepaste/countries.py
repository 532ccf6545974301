"""Country names as job pages print them, and the "who may apply" rule.

A small list (the countries clients and freelancers most often name), not a
gazetteer: a line is only read as a country when it is one of these.
"""

from __future__ import annotations

import re

_NAMES = (
    "United States", "United Kingdom", "Canada", "Australia", "New Zealand", "Ireland",
    "Germany", "France", "Netherlands", "Belgium", "Luxembourg", "Switzerland", "Austria",
    "Italy", "Spain", "Portugal", "Sweden", "Norway", "Denmark", "Finland", "Iceland",
    "Poland", "Czech Republic", "Czechia", "Slovakia", "Hungary", "Romania", "Bulgaria",
    "Greece", "Croatia", "Serbia", "Slovenia", "Ukraine", "Lithuania", "Latvia", "Estonia",
    "Cyprus", "Malta", "Turkey", "Türkiye", "Israel", "United Arab Emirates", "Saudi Arabia",
    "Qatar", "Kuwait", "Bahrain", "Oman", "Jordan", "Lebanon", "Egypt", "Morocco", "Tunisia",
    "Nigeria", "Kenya", "Ghana", "South Africa", "Ethiopia", "Uganda", "Tanzania",
    "India", "Pakistan", "Bangladesh", "Sri Lanka", "Nepal", "Indonesia", "Malaysia",
    "Singapore", "Philippines", "Thailand", "Vietnam", "Cambodia", "Myanmar", "China",
    "Hong Kong", "Taiwan", "Japan", "South Korea", "Mexico", "Brazil", "Argentina", "Chile",
    "Colombia", "Peru", "Uruguay", "Venezuela", "Ecuador", "Costa Rica", "Panama",
    "Puerto Rico", "Dominican Republic", "Jamaica", "Russia", "Georgia", "Armenia",
    "Kazakhstan",
)  # fmt: skip
COUNTRIES: dict[str, str] = {name.lower(): name for name in _NAMES}
COUNTRIES.update(
    {
        "usa": "United States",
        "united states of america": "United States",
        "uk": "United Kingdom",
        "great britain": "United Kingdom",
        "uae": "United Arab Emirates",
        "korea": "South Korea",
        "viet nam": "Vietnam",
    }
)
# How a location rule prints a country ("U.S.", "U.K."): kept as printed.
_RULE_SHORT = {"u.s.": "U.S.", "u.s": "U.S.", "us": "U.S.", "u.k.": "U.K.", "u.k": "U.K."}
_ONLY = re.compile(
    r"^only (?:freelancers|talent) (?:located |based )?in (?:the )?(?P<where>[^\n]{1,60}?)"
    r" (?:may|can) apply\.?$"
)
_SUFFIX_ONLY = re.compile(r"^(?P<where>[a-z. ]{2,40}?)[ -]only\.?$")
WORLDWIDE = frozenset({"worldwide", "anywhere", "remote - worldwide", "seluruh dunia"})


def country(name: str) -> str:
    """The canonical name when ``name`` is a known country, else ""."""
    return COUNTRIES.get(name.strip().strip(".").lower(), "") if len(name) <= 40 else ""


def location_rule(low: str) -> str | None:
    """Who may apply, from a lowercased line: "" for worldwide, "U.S." etc., None if not a rule."""
    text = low.strip()
    if text in WORLDWIDE:
        return ""
    match = _ONLY.match(text) or _SUFFIX_ONLY.match(text)
    if match is None:
        return None
    where = match.group("where").strip()
    return _RULE_SHORT.get(where) or country(where) or _RULE_SHORT.get(where + ".") or None


def rule_for(name: str) -> str:
    """A location value as a rule: "U.S." stays, a country name is canonical."""
    low = name.strip().lower()
    return _RULE_SHORT.get(low) or country(low)


def city_country(value: str) -> tuple[str, str] | None:
    """ "Jakarta, Indonesia" -> ("Jakarta", "Indonesia"); None unless the tail is a country."""
    if len(value) > 60 or "," not in value:
        return None
    city, _, tail = value.rpartition(",")
    name = country(tail)
    city = city.strip()
    if not name or len(city.split()) > 4:
        return None
    return city, name
