"""Budgets and rates keep their currency; unreadable amounts give None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.feeds.money import (
    budget,
    budget_kind,
    is_hourly_text,
    is_monthly_text,
    is_yearly_text,
    parse_amount_range,
    parse_money,
    parse_number,
    salary_budget,
    yearly_floor,
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
    value = float(f"{whole}.{cents:02d}")  # not whole + cents / 100: 1 + 0.89 != 1.89
    assert parse_amount_range(text) == ("USD", value, value)


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


@pytest.mark.parametrize(
    "text",
    [
        "$50,000 per year", "$50k/yr", "€40k / year", "$50,000-70,000 a year", "annual",
        "paid annually", "yearly salary", "€45,000 p.a.", "45.000 EUR p. a.", "£30k per annum",
        "Rp 100.000.000 per tahun", "Rp 100 jt/tahun", "Rp 90.000.000 pertahun", "/thn",
    ],
)  # fmt: skip
def test_yearly_wording(text: str) -> None:
    assert is_yearly_text(text)
    assert not is_hourly_text(text)


@pytest.mark.parametrize(
    "text",
    ["$500", "3+ years of editing", "$30/hr", "per month", "paid in a yearlong project",
     "map.app", "Rp 1.500.000"],
)  # fmt: skip
def test_not_yearly_wording(text: str) -> None:
    assert not is_yearly_text(text)


@pytest.mark.parametrize(
    "text", ["$3,000 per month", "$3k/mo", "Rp 8.000.000 per bulan", "Rp 8jt/bulan", "monthly"]
)
def test_monthly_wording(text: str) -> None:
    assert is_monthly_text(text)
    assert not is_yearly_text(text)


def test_budget_kind_from_wording() -> None:
    assert budget_kind("$30 - $40 per hour") == "hourly"
    assert budget_kind("$60,000 a year") == "salary"
    assert budget_kind("$60,000") == "fixed"  # a bare amount is a price outside a salary field
    assert budget_kind("$30/hr, about $60,000 a year") == "hourly"  # hourly wins
    assert parse_money("$60,000 - $80,000 per year") == Budget("salary", "USD", 60_000, 80_000)


def test_yearly_floor_is_per_currency_without_converting() -> None:
    assert yearly_floor("USD") == yearly_floor("eur") == 10_000
    assert yearly_floor("IDR") > 10_000_000  # Rp 10.000 is pocket money
    found = salary_budget("Rp 150.000.000")
    assert found == Budget("salary", "IDR", 150_000_000, 150_000_000)
    assert salary_budget("Rp 15.000.000") == Budget("fixed", "IDR", 15_000_000, 15_000_000)
    # The low end decides: a range reaching 10,000 from below is not clearly a year's pay.
    assert salary_budget("$5,000 - $15,000") == Budget("fixed", "USD", 5_000, 15_000)


_WORDING = st.sampled_from(["", " a year", " per month", " / hour", " p.a.", " per tahun", " USD"])


@given(st.integers(1, 10_000_000), st.integers(0, 1_000_000), _WORDING)
def test_salary_field_keeps_the_amounts_and_hourly_wins(low: int, extra: int, tail: str) -> None:
    text = f"${low:,} - ${low + extra:,}{tail}"
    found = salary_budget(text)
    plain = budget("fixed", text)
    assert found is not None and plain is not None
    assert (found.currency, found.min, found.max) == (plain.currency, plain.min, plain.max)
    if is_hourly_text(text):
        assert found.kind == "hourly"
    elif is_monthly_text(text):
        assert found.kind == "fixed"
    else:
        assert (found.kind == "salary") == (is_yearly_text(text) or low >= 10_000)
