"""Connects forms read plain numbers only, move on with Enter and ask about big ones (#17, 2)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from cockpit import i18n
from cockpit.ui.dialogs.wallet_base import parse_connects, parse_usd
from cockpit.ui.dialogs.wallet_forms import AdjustmentDialog, GrantDialog, PurchaseDialog
from cockpit.wallet import WalletError
from tests.ui.test_wallet import (
    fill,
    form_error,
    line,
    open_wallet,
    seeding,
    stored,
    submit,
)

LOT = "That is a lot: press Save again to record it"


async def open_form(pilot: Any, key: str) -> None:
    await open_wallet(pilot)
    await pilot.press(key)
    await pilot.pause()


async def save_again(pilot: Any) -> None:
    """A second press of Save, after the button's press effect (a press during it is ignored)."""
    await pilot.pause(0.3)
    await submit(pilot)


def focused_id(app: Any) -> str | None:
    return app.screen.focused.id if app.screen.focused is not None else None


async def test_enter_moves_to_the_next_field_and_saves_in_the_last(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_form(pilot, "b")
        assert focused_id(app) == "amount"
        await pilot.press("8", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PurchaseDialog)  # Enter in the first field does not save
        assert focused_id(app) == "usd"
        await pilot.press("enter")
        await pilot.pause()
        assert focused_id(app) == "when"
        await pilot.press("enter")
        await pilot.pause()
        assert focused_id(app) == "note"
        assert await stored(app) == []
        await pilot.press(*"promo", "enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, PurchaseDialog)
        entries = await stored(app)
        assert [(e.kind, e.amount, e.usd, e.note) for e in entries] == [
            ("purchase", 80, 12.0, "promo")
        ]


async def test_purchase_numbers_are_plain_digits(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_form(pilot, "b")
        for typed in ["1e3", "1_000", "١٢", "８０", "0x10"]:
            await fill(pilot, "#amount", typed)
            await submit(pilot)
            assert isinstance(app.screen, PurchaseDialog), typed
            assert f"{typed!r} is not a number of Connects" in form_error(app), typed
        await fill(pilot, "#amount", "80")
        for typed in ["1e3", "1_0", "١٢", "inf", "nan", "12.345", "1e-3"]:
            await fill(pilot, "#usd", typed)
            await submit(pilot)
            assert isinstance(app.screen, PurchaseDialog), typed
            assert f"{typed!r} is not a dollar amount" in form_error(app), (typed, form_error(app))
        assert await stored(app) == []
        await fill(pilot, "#usd", "1,234.5")  # thousands separators are fine, and ask first
        await submit(pilot)
        assert LOT in form_error(app)
        assert "80 Connects for $1,234.50" in form_error(app)


async def test_a_huge_number_is_echoed_as_typed(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_form(pilot, "b")
        await fill(pilot, "#amount", "9999999999999999999999")
        await submit(pilot)
        error = form_error(app)
        assert "9999999999999999999999 Connects looks like a typo" in error, error
        assert "10,000,000" not in error
        await fill(pilot, "#amount", "80")
        await fill(pilot, "#usd", "99999999999999999999")
        await submit(pilot)
        assert "'99999999999999999999' looks like a typo" in form_error(app)
        assert await stored(app) == []


async def test_a_large_purchase_asks_before_saving(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_form(pilot, "b")
        await fill(pilot, "#amount", "1000")
        await submit(pilot)
        assert isinstance(app.screen, PurchaseDialog)
        assert LOT in form_error(app)
        assert "1,000 Connects for $150.00" in form_error(app)
        assert await stored(app) == []
        # A changed number is asked about again, not saved on the old answer.
        await fill(pilot, "#amount", "300")
        await submit(pilot)
        assert isinstance(app.screen, PurchaseDialog)
        assert "300 Connects" in form_error(app)
        await save_again(pilot)
        assert not isinstance(app.screen, PurchaseDialog)
        assert [(e.amount, e.usd) for e in await stored(app)] == [(300, 45.0)]


async def test_a_usual_purchase_saves_at_once_but_a_dear_one_asks(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_form(pilot, "b")
        await fill(pilot, "#amount", "200")
        await fill(pilot, "#usd", "120")
        await submit(pilot)
        assert LOT in form_error(app)
        await fill(pilot, "#usd", "30")
        await submit(pilot)
        assert not isinstance(app.screen, PurchaseDialog)
        assert [(e.amount, e.usd) for e in await stored(app)] == [(200, 30.0)]


async def test_a_large_grant_and_adjustment_ask_first(make_app: Any) -> None:
    app = make_app(seeding(line("grant", 40, 3, reason="signup")))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_form(pilot, "g")
        await fill(pilot, "#amount", "500")
        await pilot.press("enter")  # to the date
        await pilot.press("enter")  # to the note
        await pilot.press("enter")  # the last field saves: here it asks first
        await pilot.pause()
        assert isinstance(app.screen, GrantDialog)
        assert LOT in form_error(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, GrantDialog)
        assert [e.amount for e in await stored(app)] == [40, 500]

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AdjustmentDialog)
        await fill(pilot, "#amount", "-300")
        await fill(pilot, "#note", "counted twice")
        await submit(pilot)
        assert LOT in form_error(app)
        await save_again(pilot)
        assert [e.amount for e in await stored(app)][-1] == -300


async def test_grant_prefill_saves_without_asking(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_form(pilot, "g")
        assert app.screen.query_one("#amount", Input).value == "40"
        await submit(pilot)
        assert not isinstance(app.screen, GrantDialog)
        assert [e.amount for e in await stored(app)] == [40]


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("en", "12.50", 12.5),
        ("en", "$1,234.50", 1234.5),
        ("en", "", None),
        ("id", "12.50", 12.5),
        ("id", "1.234,50", 1234.5),
        ("id", "12,5", 12.5),
    ],
)
def test_usd_follows_the_locale(lang: str, typed: str, expected: float | None) -> None:
    i18n.set_language(lang)
    assert parse_usd(typed) == expected


@pytest.mark.parametrize("typed", ["1e3", "1_0", "inf", "١٢", "12.345", "0,125", "1,5"])
def test_usd_refuses_what_float_would_read(typed: str) -> None:
    with pytest.raises(WalletError, match="is not a dollar amount"):
        parse_usd(typed)


def test_connects_take_the_locale_thousands_mark() -> None:
    i18n.set_language("id")
    assert parse_connects("1.000") == 1000
    assert parse_connects("1,000") == 1000
    with pytest.raises(WalletError):
        parse_connects("1e3")


@pytest.mark.parametrize("typed", ["1e3", "1_0", "٣", "inf", "nan", "0.1.5"])
def test_wallet_settings_take_plain_digits_only(typed: str) -> None:
    from cockpit.ui.dialogs.wallet_settings import parse_price, parse_whole
    from cockpit.wallet import WalletError

    with pytest.raises(WalletError):
        parse_whole(typed, "grant day", low=1, high=28)
    with pytest.raises(WalletError):
        parse_price(typed)
    assert parse_whole("15", "grant day", low=1, high=28) == 15
    assert parse_price("0.15") == 0.15
