"""Two messages said what they meant awkwardly (issue 17, Bahasa Indonesia):

- `o` on a job without a link said "Not opening 'no link': only http(s) links are opened.";
- a negative bid cost was told to "add an adjustment", which is no advice for a bid.
"""

from __future__ import annotations

from typing import Any

import pytest

from cockpit import i18n
from cockpit.ui.dialogs.proposal_submit import parse_connects
from cockpit.wallet import WalletError
from tests.conftest import ready, settle
from tests.ui.test_inbox_support import seed_jobs, show


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Connects cost: Enter 0 or more, like 6", "record a grant or purchase", "(3, "]),
        ("id", ["Isi 0 atau lebih, misalnya 6", "catat jatah gratis atau pembelian", "(3, "]),
    ],
)
def test_a_negative_bid_cost_says_what_to_do(lang: str, words: list[str]) -> None:
    i18n.set_language(lang)
    with pytest.raises(WalletError) as info:
        parse_connects("-6", what=i18n._("Connects cost"), required=True)
    message = str(info.value)
    assert all(word in message for word in words), message
    assert "adjustment" not in message and "penyesuaian" not in message
    assert parse_connects("6", what="cost", required=True) == 6


def test_the_wallet_names_the_key_instead_of_an_adjustment() -> None:
    from cockpit.wallet.rules import check_amount

    with pytest.raises(WalletError) as info:
        check_amount(-5)
    assert "positive number" in str(info.value)
    assert "press a in the Wallet (Adjust the balance)" in str(info.value)


async def test_open_on_a_job_without_a_link_says_so(make_app: Any) -> None:
    app = make_app(seed_jobs(1, link=""))
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot)
        await show(pilot)
        await pilot.press("o")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert "This job has no link." in said
        assert not any("Not opening" in text for text in said)
