"""Compact money in the job list: short, never cut mid-number, never misleading."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from cockpit import i18n
from cockpit.feeds.money import CODES
from cockpit.labels import _gettext, budget_label, full_budget_label, longest_budget_labels
from cockpit.models import Budget, BudgetKind
from cockpit.ui.widgets.job_list import BUDGET_WIDTH, layout_columns


def units(lang: str) -> dict[str, float]:
    """Unit letters as the catalog has them (en: k M B T; id: rb jt M T once translated)."""
    tr = _gettext(lang)
    sizes = {"{n}k": 1e3, "{n}M": 1e6, "{n}B": 1e9, "{n}T": 1e12}
    return {"": 1.0} | {tr(msgid).format(n=""): size for msgid, size in sizes.items()}


# (thousands separator, decimal mark, units) as each language writes them.
STYLE = {"en": (",", ".", units("en")), "id": (".", ",", units("id"))}
SUFFIX = {"en": {"hourly": "/h", "salary": "/yr"}, "id": {"hourly": "/jam", "salary": "/thn"}}


def parse(label: str, budget: Budget, lang: str) -> list[float | None]:
    """The amounts a reader sees in ``label``; fails on any cut or malformed number."""
    sep, mark, units = STYLE[lang]
    suffix = SUFFIX[lang].get(budget.kind, "")
    assert label.endswith(suffix), label
    text = label[: len(label) - len(suffix)]
    code = budget.currency.strip().upper()
    symbol = i18n.SYMBOLS.get(code)
    if symbol:
        assert text.startswith(symbol), label
        text = text[len(symbol) :]
    elif code:
        shown = code if len(code) == 3 and code.isascii() and code.isalpha() else "¤"
        assert text.endswith(" " + shown), label
        text = text[: -len(shown) - 1]
    number = rf"(?:\d{{1,3}}(?:{re.escape(sep)}\d{{3}})*(?:{re.escape(mark)}\d{{1,2}})?|>999)"
    unit = "|".join(sorted((re.escape(u) for u in units if u), key=len, reverse=True))
    one = rf"({number})({unit})?"
    match = re.fullmatch(rf"{one}(?:-{one})?", text)
    assert match, f"malformed or cut: {label!r}"
    amounts: list[float | None] = []
    for n, u in (match.group(1, 2), match.group(3, 4)):
        if n is None:
            continue
        if n == ">999":
            amounts.append(None)  # past 999 trillion: bounded on purpose
            continue
        value = float(n.replace(sep, "").replace(mark, "."))
        amounts.append(value * units[u or ""])
    return amounts


def close(shown: float | None, amount: float, currency: str) -> bool:
    if shown is None:
        return amount >= 999.5e12
    if amount < 999.995:  # under 1,000: as it is (rupiah in whole numbers)
        return abs(shown - amount) <= (0.5 if currency.upper() == "IDR" else 0.005 + 1e-9)
    return abs(shown - amount) <= amount * 0.005 + 1e-6  # three significant digits


@pytest.mark.parametrize(
    ("budget", "en", "id_"),
    [
        (Budget("fixed", "INR", 1_500, 12_500), "₹1.5k-12.5k", "₹1,5rb-12,5rb"),
        (Budget("fixed", "IDR", 750_000, 1_500_000), "Rp750k-1.5M", "Rp750rb-1,5jt"),
        (Budget("salary", "USD", 135_000, 155_000), "$135k-155k/yr", "$135rb-155rb/thn"),
        (Budget("hourly", "USD", 15, 30), "$15-30/h", "$15-30/jam"),
        (Budget("hourly", "USD", 15.5, 22.75), "$15.50-22.75/h", "$15,50-22,75/jam"),
        (Budget("fixed", "USD", 500, 500), "$500", "$500"),
        (Budget("fixed", "USD", 1_200, 1_200), "$1.2k", "$1,2rb"),
        (Budget("fixed", "USD", 1_250, 1_250), "$1.25k", "$1,25rb"),
        (Budget("fixed", "USD", 999.999, 999.999), "$1k", "$1rb"),  # not "$1,000.00"
        (Budget("fixed", "EUR", 30, 250), "€30-250", "€30-250"),
        (Budget("fixed", "IDR", 2_500_000_000, 2_500_000_000), "Rp2.5B", "Rp2,5M"),
        (Budget("fixed", "USD", 3e12, 3e12), "$3T", "$3T"),
        (Budget("fixed", "USD", 1e20, 1e20), "$>999T", "$>999T"),
        (Budget("fixed", "USD", 1_251, 1_254), "$1.25k", "$1,25rb"),  # < 0.5 % apart
        (Budget("fixed", "chf", 950, 1_200), "950-1.2k CHF", "950-1,2rb CHF"),
        (Budget("fixed", "bitcoin", 5, 5), "5 ¤", "5 ¤"),
        (Budget("fixed", "", 5, 5), "5", "5"),
        (Budget("hourly", "USD", -5, 30), "$30/h", "$30/jam"),  # no price is below zero
        (Budget("fixed", "USD", float("nan"), float("inf")), "", ""),
    ],
)
def test_examples(budget: Budget, en: str, id_: str) -> None:
    assert budget_label(budget) == en
    assert budget_label(budget, "en") == en
    assert budget_label(budget, "id") == id_
    i18n.set_language("id")
    assert budget_label(budget) == id_


def test_units_in_the_indonesian_catalog() -> None:
    # rb = ribu, jt = juta, M = miliar, T = triliun: what the id catalog must hold.
    i18n.set_language("id")
    assert i18n._("{n}k") == "{n}rb"
    assert i18n._("{n}M") == "{n}jt"


def test_column_fits_the_longest_label_exactly() -> None:
    longest = max(cell_len(x) for lang in ("en", "id") for x in longest_budget_labels(lang))
    assert BUDGET_WIDTH == longest == 21  # "999,99-9,99rb CHF/jam"
    widths = {name: size for name, _label, size in layout_columns(200)}
    assert widths["budget"] == BUDGET_WIDTH
    widths = {name: size for name, _label, size in layout_columns(80)}
    assert widths["budget"] == BUDGET_WIDTH  # kept when the list is narrow


AMOUNT = st.one_of(
    st.floats(min_value=0, max_value=1e18, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=10**15).map(float),
    st.sampled_from([999.994, 999.995, 999.996, 9_995.0, 99_950.0, 999_500.0, 999_499.9]),
)
CURRENCY = st.sampled_from([*sorted(CODES | set(i18n.SYMBOLS)), "", "bitcoin", "€€", "usd"])
KIND: st.SearchStrategy[BudgetKind] = st.sampled_from(["fixed", "hourly", "salary"])


@settings(max_examples=400, deadline=None)
@given(KIND, CURRENCY, st.none() | AMOUNT, st.none() | AMOUNT, st.sampled_from(["en", "id"]))
def test_any_budget_fits_and_reads_true(
    kind: BudgetKind, currency: str, low: float | None, high: float | None, lang: str
) -> None:
    budget = Budget(kind, currency, low, high)
    label = budget_label(budget, lang)
    if budget.amount is None:
        assert label == ""
        return
    assert cell_len(label) <= BUDGET_WIDTH, label
    shown = parse(label, budget, lang)
    single = kind != "salary" and (low is None or high is None or low == high)
    wanted = [budget.amount] if single else [a for a in (low, high) if a is not None]
    if len(shown) == 1 and len(wanted) == 2:
        # Two ends shown as one only when they round alike (under 0.5 % apart).
        assert all(close(shown[0], a, currency) for a in wanted), label
    else:
        assert len(shown) == len(wanted), label
        assert all(close(s, a, currency) for s, a in zip(shown, wanted, strict=True)), label


def test_full_label_keeps_every_digit() -> None:
    assert (
        full_budget_label(Budget("fixed", "IDR", 1_500_000, 3_000_000)) == "Rp1,500,000-3,000,000"
    )
    assert full_budget_label(Budget("hourly", "USD", 15, 30)) == "$15-30/h"
    assert full_budget_label(Budget("salary", "EUR", 55_000, 70_000)) == "€55,000-70,000/yr"
    assert full_budget_label(None) == ""
    i18n.set_language("id")
    assert full_budget_label(Budget("fixed", "IDR", 1_500_000, 1_500_000)) == "Rp1.500.000"
