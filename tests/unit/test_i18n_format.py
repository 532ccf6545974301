"""Money and dates in both locales; language detection."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit import i18n


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "expected"),
    [
        (1_500_000, "IDR", "id", "Rp1.500.000"),
        (1_500_000, "IDR", "en", "Rp1,500,000"),
        (1500, "USD", "en", "$1,500"),
        (1500, "USD", "id", "$1.500"),
        (30.5, "USD", "en", "$30.50"),
        (30.5, "USD", "id", "$30,50"),
        (600, "INR", "en", "₹600"),
        (500, "EUR", "id", "€500"),
        (200, "CHF", "en", "200 CHF"),
    ],
)
def test_money(amount: float, currency: str, lang: str, expected: str) -> None:
    assert i18n.format_money(amount, currency, lang) == expected


def test_dates() -> None:
    assert i18n.format_date(date(2026, 11, 27), "id") == "27 Nov 2026"
    assert i18n.format_date(datetime(2026, 8, 3, tzinfo=UTC), "id") == "3 Agu 2026"
    assert i18n.format_date(date(2026, 8, 3), "en") == "3 Aug 2026"
    assert i18n.format_date(None, "en") == "—"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "id:en", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_ALL": "C"}, "en"),
        ({}, "en"),
    ],
)
def test_detect(env: dict[str, str], expected: str) -> None:
    assert i18n.detect(env) == expected


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("xx")


@given(st.integers(min_value=0, max_value=10**12))
def test_grouping_round_trips(n: int) -> None:
    for lang, sep in (("en", ","), ("id", ".")):
        assert int(i18n.format_number(n, lang).replace(sep, "")) == n


def test_budgets() -> None:
    from cockpit.models import Budget

    assert i18n.format_budget(Budget("fixed", "IDR", 1_500_000, 3_000_000), "id") == (
        "Rp1.500.000–Rp3.000.000"
    )
    assert i18n.format_budget(Budget("hourly", "USD", 30, 54), "en") == "$30–$54/hr"
    assert i18n.format_budget(Budget("fixed", "USD", 500, 500), "en") == "$500"
    assert i18n.format_budget(Budget("fixed", "USD", None, None), "en") == ""
    assert i18n.format_budget(None) == ""
