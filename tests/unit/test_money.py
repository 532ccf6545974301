"""Budgets and rates keep their currency; unreadable amounts give None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.feeds.money import (
    budget,
    is_hourly_text,
    parse_amount_range,
    parse_money,
    parse_number,
)
from cockpit.models import Budget


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$1,500", ("USD", 1500.0, 1500.0)),
        ("$30.00-$54.00", ("USD", 30.0, 54.0)),
        ("€500", ("EUR", 500.0, 500.0)),
        ("₹600 - ₹1500 INR", ("INR", 600.0, 1500.0)),
        ("$10 - $30 USD", ("USD", 10.0, 30.0)),
        ("Rp 1.500.000", ("IDR", 1_500_000.0, 1_500_000.0)),
        ("Rp1.500.000", ("IDR", 1_500_000.0, 1_500_000.0)),
        ("IDR 2.000.000 - 5.000.000", ("IDR", 2_000_000.0, 5_000_000.0)),
        ("Rp 1.500.000 - Rp 3.000.000", ("IDR", 1_500_000.0, 3_000_000.0)),
        ("Rp 1.500.000,50", ("IDR", 1_500_000.5, 1_500_000.5)),
        ("USD 50", ("USD", 50.0, 50.0)),
        ("1,500 EUR", ("EUR", 1500.0, 1500.0)),
        ("£75", ("GBP", 75.0, 75.0)),
        ("$50 AUD", ("AUD", 50.0, 50.0)),
        ("A$300", ("AUD", 300.0, 300.0)),
        ("CAD 1,200.50", ("CAD", 1200.5, 1200.5)),
        ("€12,50", ("EUR", 12.5, 12.5)),
        ("$50k-$70k per year", ("USD", 50_000.0, 70_000.0)),
        ("$20 to $40", ("USD", 20.0, 40.0)),
        ("Rp 500.000 s/d Rp 750.000", ("IDR", 500_000.0, 750_000.0)),
        ("$54 - $30", ("USD", 30.0, 54.0)),
        ("usd 15", ("USD", 15.0, 15.0)),
        ("Posted 2024-03-01, budget: $25/hr", ("USD", 25.0, 25.0)),
        ("$20 $30", ("USD", 20.0, 20.0)),
    ],
)
def test_parse_amount_range(text: str, expected: tuple[str, float, float]) -> None:
    assert parse_amount_range(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "500",  # no currency: not guessed
        "Budget is flexible",
        "₹50 USD",  # clashing currencies
        "€20 GBP",
        "$1.500",  # a dollar with a dot and three digits: 1.5 or 1500? unknown
        "$1,50,0",  # broken grouping
        "Rp 15.00.000",
        "$",
    ],
)
def test_unreadable_amounts_are_none(text: str) -> None:
    assert parse_amount_range(text) is None
    assert parse_money(text) is None


@pytest.mark.parametrize(
    ("raw", "currency", "expected"),
    [
        ("1,500", "USD", 1500.0),
        ("1,500.25", "USD", 1500.25),
        ("1.500", "IDR", 1500.0),
        ("1.500", "EUR", 1500.0),
        ("1.500", "USD", None),
        ("1.5", "USD", 1.5),
        ("1.500,75", "EUR", 1500.75),
        ("12,5", "EUR", 12.5),
        ("1,2345", "USD", None),
        ("1234,567", "USD", None),
    ],
)
def test_parse_number(raw: str, currency: str, expected: float | None) -> None:
    assert parse_number(raw, currency) == expected


@pytest.mark.parametrize(
    ("text", "hourly"),
    [
        ("$15/hr", True),
        ("$15 / hour", True),
        ("$8 - $15 USD per hour", True),
        ("Hourly: $20", True),
        ("Rp 50.000/jam", True),
        ("$500", False),
        ("$50 for a three-hour session", False),
    ],
)
def test_is_hourly_text(text: str, hourly: bool) -> None:
    assert is_hourly_text(text) is hourly


def test_parse_money_kinds() -> None:
    assert parse_money("$25/hr") == Budget("hourly", "USD", 25.0, 25.0)
    assert parse_money("$500") == Budget("fixed", "USD", 500.0, 500.0)
    assert budget("hourly", "$30.00-$54.00") == Budget("hourly", "USD", 30.0, 54.0)
    assert budget("fixed", "nothing here") is None


def _group(whole: int, sep: str) -> str:
    return f"{whole:,}".replace(",", sep)


@given(st.integers(min_value=0, max_value=10**10), st.integers(min_value=0, max_value=99))
def test_usd_round_trip(whole: int, cents: int) -> None:
    text = f"${_group(whole, ',')}.{cents:02d}"
    assert parse_amount_range(text) == ("USD", whole + cents / 100, whole + cents / 100)


@given(st.integers(min_value=0, max_value=10**12))
def test_rupiah_round_trip(whole: int) -> None:
    text = f"Rp {_group(whole, '.')}"
    assert parse_amount_range(text) == ("IDR", float(whole), float(whole))


@given(
    st.sampled_from(["USD", "EUR", "GBP", "INR", "IDR", "AUD", "CAD"]),
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=1, max_value=10**7),
    st.booleans(),
)
def test_code_range_round_trip(code: str, low: int, high: int, code_first: bool) -> None:
    sep = "." if code == "IDR" else ","
    amounts = f"{_group(low, sep)} - {_group(high, sep)}"
    text = f"{code} {amounts}" if code_first else f"{amounts} {code}"
    assert parse_amount_range(text) == (code, float(min(low, high)), float(max(low, high)))


@given(st.text())
def test_never_raises(text: str) -> None:
    found = parse_amount_range(text)
    if found is not None:
        currency, low, high = found
        assert currency and low is not None and high is not None and low <= high
