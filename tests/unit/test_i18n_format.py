"""Money and dates in both locales; language detection."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

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
    assert i18n.format_budget(Budget("salary", "USD", 50_000, 70_000), "en") == (
        "$50,000–$70,000/yr"
    )
    assert i18n.format_budget(Budget("fixed", "USD", None, None), "en") == ""
    assert i18n.format_budget(None) == ""


def test_hourly_budgets_read_per_hour_in_each_language() -> None:
    from cockpit.models import Budget

    hourly = Budget("hourly", "IDR", 50_000, 75_000)
    assert i18n.format_budget(hourly, "en") == "Rp50,000–Rp75,000/hr"
    i18n.set_language("id")
    assert i18n.format_budget(hourly) == "Rp50.000–Rp75.000/jam"
    assert i18n.format_budget(Budget("fixed", "USD", 1500, 1500)) == "$1.500"  # never converted


def test_month_names() -> None:
    assert [i18n.month_abbr(m, "id") for m in (5, 8, 10, 12)] == ["Mei", "Agu", "Okt", "Des"]
    assert [i18n.month_abbr(m, "en") for m in (5, 8, 10, 12)] == ["May", "Aug", "Oct", "Dec"]


def test_wallet_money_and_dates_follow_the_language() -> None:
    from cockpit.wallet import fmt_date, fmt_usd

    assert (fmt_usd(1234.5), fmt_date(date(2026, 8, 3))) == ("$1,234.50", "3 Aug 2026")
    i18n.set_language("id")
    assert (fmt_usd(1234.5), fmt_date(date(2026, 8, 3))) == ("$1.234,50", "3 Agu 2026")


@pytest.mark.parametrize(
    ("flag", "env", "saved", "expected"),
    [
        ("id", {"COCKPIT_LANG": "en", "LANG": "en_US.UTF-8"}, "en", "id"),  # the flag wins
        (None, {"COCKPIT_LANG": "id", "LANG": "en_US.UTF-8"}, "en", "id"),  # then COCKPIT_LANG
        (None, {"LANG": "en_US.UTF-8"}, "id", "id"),  # then the saved setting
        (None, {"LANG": "id_ID.UTF-8"}, "", "id"),  # then the locale
        (None, {"LANG": "id_ID.UTF-8"}, "en", "en"),
        (None, {"COCKPIT_LANG": "xx", "LANG": "fr_FR"}, "", "en"),  # nothing usable: English
        (None, {}, "", "en"),
    ],
)
def test_choose_language(flag: str | None, env: dict[str, str], saved: str, expected: str) -> None:
    assert i18n.choose(flag, saved, env) == expected


def test_saved_language_round_trips(tmp_path: Path) -> None:
    assert i18n.read_saved(tmp_path / "config") == ""
    i18n.write_saved(tmp_path / "config", "id")
    assert i18n.read_saved(tmp_path / "config") == "id"
    i18n.write_saved(tmp_path / "config", "")
    assert i18n.read_saved(tmp_path / "config") == ""
    (tmp_path / "config" / i18n.SAVED_FILE).write_text("klingon\n", "utf-8")
    assert i18n.read_saved(tmp_path / "config") == ""
