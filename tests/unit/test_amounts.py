"""parse_amount takes what people type as a number of Connects, and nothing else (issue 15)."""

from __future__ import annotations

import pytest

from cockpit.wallet import WalletError
from cockpit.wallet.rules import parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16", 16),
        (" 16 ", 16),
        ("+3", 3),
        ("1,000", 1000),
        ("12,345", 12345),
        ("3.0", 3),
        ("3.00", 3),
        ("007", 7),
    ],
)
def test_plain_numbers(text: str, value: int) -> None:
    assert parse_amount(text) == value


def test_signed() -> None:
    assert parse_amount("-5", signed=True) == -5
    assert parse_amount("-1,000", signed=True) == -1000


@pytest.mark.parametrize(
    "text",
    [
        "1_0",  # int() takes Python's digit separators
        "1__0",
        "_10",
        "\u0661\u0660",  # Arabic-Indic 10
        "\u06f1\u06f0",  # Extended Arabic-Indic (Persian) 10
        "\uff11\uff10",  # full-width 10
        "\u0967\u0966",  # Devanagari 10
        "\u00b2",  # superscript two
        "1e3",
        "inf",
        "nan",
        "0x10",
        "1 000",
        "1,00",  # a decimal comma, or a typo: never 100
        "10,0000",
        ",100",
        "1.5e1",
        "9" * 5000,  # no int() of a huge string
    ],
)
def test_odd_digits_and_forms_are_refused(text: str) -> None:
    with pytest.raises(WalletError, match="not a number"):
        parse_amount(text, signed=True)


def test_the_refusal_echoes_no_control_characters() -> None:
    with pytest.raises(WalletError) as err:
        parse_amount("1\x1b[2J0")
    assert "\x1b" not in str(err.value)


def test_fractions_zero_and_typos_keep_their_messages() -> None:
    with pytest.raises(WalletError, match="whole"):
        parse_amount("2.5")
    with pytest.raises(WalletError, match="at least 1"):
        parse_amount("0")
    with pytest.raises(WalletError, match="positive"):
        parse_amount("-5")
    with pytest.raises(WalletError, match="typo"):
        parse_amount("1,000,000")
    with pytest.raises(WalletError, match="how many"):
        parse_amount("   ")
