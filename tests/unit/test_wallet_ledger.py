"""Hand-made cases for the Connects ledger: lots, FIFO, expiry, refunds, reversals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import cockpit.wallet as wallet
from cockpit.models import LedgerEntry, Settings
from cockpit.wallet import (
    WalletError,
    affordable_bids,
    check_entry,
    expiring_within,
    make_adjustment,
    make_boost,
    make_grant,
    make_purchase,
    make_refund,
    make_reversal,
    make_spend,
    parse_amount,
    refund_allowed,
    refund_label,
    replay,
    shortfall_cost,
)

T0 = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
S = Settings()
YEAR = timedelta(days=365)
US = timedelta(microseconds=1)


def line(kind: str, amount: int, at: datetime, **kw: Any) -> LedgerEntry:
    """A raw stored line, bypassing validation (as an import or old data might)."""
    data = {"id": f"{kind}-{at.isoformat()}-{amount}", "kind": kind, "amount": amount, "at": at}
    return LedgerEntry(**{**data, **kw})


def test_package_exposes_the_api() -> None:
    for name in wallet.__all__:
        assert hasattr(wallet, name), name


def test_signup_grant_makes_a_lot_expiring_a_year_later() -> None:
    g = make_grant([], 40, T0, S, reason="signup")
    state = replay([g], T0, S)
    assert state.balance == 40
    (lot,) = state.lots
    assert (lot.entry_id, lot.issued, lot.expires, lot.amount, lot.remaining) == (
        g.id,
        T0,
        T0 + YEAR,
        40,
        40,
    )


def test_expiry_lands_exactly_on_the_boundary() -> None:
    g = make_grant([], 40, T0, S, reason="signup")
    s = make_spend([g], 3, T0 + timedelta(days=1), S, job_id="j")
    before = replay([g, s], T0 + YEAR - US, S)
    at = replay([g, s], T0 + YEAR, S)
    assert before.balance == 37 and before.expiries == []
    assert at.balance == 0
    (exp,) = at.expiries
    assert (exp.kind, exp.amount, exp.at, exp.id) == ("expiry", 37, T0 + YEAR, f"expiry-{g.id}")
    assert at.consumed[exp.id] == [(g.id, 37)]
    assert at.lots[0].remaining == 0


def test_lifetime_comes_from_settings() -> None:
    short = Settings(lot_lifetime_days=30)
    g = make_grant([], 10, T0, short, reason="reward")
    assert replay([g], T0 + timedelta(days=30) - US, short).balance == 10
    assert replay([g], T0 + timedelta(days=30), short).balance == 0


def test_spend_at_the_expiry_instant_cannot_use_the_lot() -> None:
    g = make_grant([], 10, T0, S, reason="signup")
    with pytest.raises(WalletError, match="you have 0"):
        make_spend([g], 3, T0 + YEAR, S)
    assert make_spend([g], 3, T0 + YEAR, S, at=T0 + YEAR - US).amount == 3


def test_fifo_takes_the_oldest_lot_first() -> None:
    a = make_grant([], 5, T0, S, reason="signup")
    b = make_purchase([a], 10, T0 + timedelta(days=1), S)
    c = make_spend([a, b], 8, T0 + timedelta(days=2), S, job_id="j1")
    state = replay([a, b, c], T0 + timedelta(days=2), S)
    assert state.consumed[c.id] == [(a.id, 5), (b.id, 3)]
    assert [lot.remaining for lot in state.lots] == [0, 7]
    # The newer lot is what is left, so only it expires (a year after its own issue).
    late = replay([a, b, c], b.at + YEAR, S)
    assert [(e.id, e.amount) for e in late.expiries] == [(f"expiry-{b.id}", 7)]


def test_backdated_grant_is_spent_first_by_later_bids() -> None:
    a = make_grant([], 10, T0, S, reason="monthly")
    s1 = make_spend([a], 3, T0 + timedelta(days=5), S)
    old = make_grant(
        [a, s1], 40, T0 + timedelta(days=5), S, reason="signup", at=T0 - timedelta(days=20)
    )
    state = replay([a, s1, old], T0 + timedelta(days=5), S)
    assert state.consumed[s1.id] == [(old.id, 3)]
    assert state.balance == 47


def test_spend_larger_than_balance_is_refused_with_the_exact_message() -> None:
    g = make_grant([], 9, T0, S, reason="signup")
    with pytest.raises(WalletError) as err:
        make_spend([g], 16, T0, S, job_id="j")
    assert str(err.value) == (
        "This bid needs 16 Connects; you have 9. Buy 7 more (about $1.05) or pick a cheaper job."
    )


def test_boost_outbid_charges_nothing_and_charged_boost_spends() -> None:
    g = make_grant([], 20, T0, S, reason="signup")
    lost = make_boost([g], 50, T0, S, charged=False, job_id="j")  # more than the balance: fine
    won = make_boost([g, lost], 12, T0, S, job_id="k")
    state = replay([g, lost, won], T0, S)
    assert state.balance == 8
    assert lost.id not in state.consumed and lost in state.applied
    assert state.consumed[won.id] == [(g.id, 12)]
    with pytest.raises(WalletError, match="This boost needs 9 Connects; you have 8"):
        make_boost([g, lost, won], 9, T0, S)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (0, "at least 1 Connect"),
        (-3, "positive number"),
        (2.5, "whole numbers"),
        (True, "whole numbers"),
        (1_000_000, "typo"),
    ],
)
def test_amounts_must_be_positive_whole_numbers(amount: object, message: str) -> None:
    g = make_grant([], 40, T0, S, reason="signup")
    with pytest.raises(WalletError, match=message):
        make_spend([g], amount, T0, S)  # type: ignore[arg-type]
    with pytest.raises(WalletError, match=message):
        make_grant([g], amount, T0, S)  # type: ignore[arg-type]


def test_parse_amount_reads_what_users_type() -> None:
    assert parse_amount(" 16 ") == 16
    assert parse_amount("1,000") == 1000
    assert parse_amount("-5", signed=True) == -5
    for bad, message in [
        ("", "how many"),
        ("abc", "not a number"),
        ("2.5", "whole"),
        ("0", "at least 1"),
        ("-5", "positive"),
    ]:
        with pytest.raises(WalletError, match=message):
            parse_amount(bad)


def test_future_times_are_refused_but_a_minute_of_clock_skew_is_fine() -> None:
    assert make_grant([], 5, T0, S, reason="other", at=T0 + timedelta(seconds=59)).amount == 5
    with pytest.raises(WalletError, match="future"):
        make_grant([], 5, T0, S, reason="other", at=T0 + timedelta(minutes=2))


def test_naive_times_are_taken_as_utc() -> None:
    g = make_grant([], 5, T0, S, reason="other", at=datetime(2026, 1, 1, 8, 0))
    assert g.at == datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def test_grant_needs_a_known_reason() -> None:
    with pytest.raises(WalletError, match="signup, monthly, reward, other"):
        make_grant([], 5, T0, S, reason="gift")


def test_expiry_and_unknown_kinds_cannot_be_entered() -> None:
    with pytest.raises(WalletError, match="never entered"):
        check_entry([], line("expiry", 5, T0), T0, S)
    with pytest.raises(WalletError, match="Unknown kind"):
        check_entry([], line("bonus", 5, T0), T0, S)
    g = make_grant([], 5, T0, S, reason="other")
    with pytest.raises(WalletError, match="already has"):
        check_entry([g], line("grant", 5, T0, id=g.id, reason="other"), T0, S)


# --- refunds --------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["client_cancelled_before_hire", "post_removed_by_platform"])
def test_refund_allowed_reasons(reason: str) -> None:
    assert refund_allowed(reason, S)
    g = make_grant([], 40, T0, S, reason="signup")
    s = make_spend([g], 16, T0, S, job_id="j")
    r = make_refund([g, s], 16, T0 + timedelta(days=3), S, reason=reason, job_id="j")
    state = replay([g, s, r], T0 + timedelta(days=3), S)
    assert state.balance == 40
    # The refund is a new lot, expiring a year after the refund, not after the grant.
    assert state.lots[-1].expires == T0 + timedelta(days=3) + YEAR


@pytest.mark.parametrize(
    ("reason", "label"),
    [
        ("declined", "declined"),
        ("someone_else_hired", "hired someone else"),
        ("post_expired", "expired"),
        ("withdrawn", "withdrew"),
    ],
)
def test_refund_refused_reasons(reason: str, label: str) -> None:
    assert not refund_allowed(reason, S)
    assert label in refund_label(reason)
    g = make_grant([], 40, T0, S, reason="signup")
    s = make_spend([g], 6, T0, S, job_id="j")
    with pytest.raises(WalletError, match="No Connects come back") as err:
        make_refund([g, s], 6, T0, S, reason=reason, job_id="j")
    assert label in str(err.value)


def test_refund_reasons_follow_settings() -> None:
    lenient = Settings(refund_reasons=["declined"])
    assert refund_allowed("declined", lenient)
    assert not refund_allowed("client_cancelled_before_hire", lenient)
    assert refund_label("made_up_reason") == "Made up reason"


def test_refund_cannot_exceed_what_was_spent_on_the_job() -> None:
    why = "client_cancelled_before_hire"
    g = make_grant([], 40, T0, S, reason="signup")
    s = make_spend([g], 6, T0, S, job_id="j")
    b = make_boost([g, s], 4, T0, S, job_id="j")
    led = [g, s, b]
    with pytest.raises(WalletError, match="No Connects were spent on this job"):
        make_refund(led, 2, T0, S, reason=why, job_id="other")
    r1 = make_refund(led, 7, T0, S, reason=why, job_id="j")
    led.append(r1)
    with pytest.raises(WalletError) as err:
        make_refund(led, 4, T0, S, reason=why, job_id="j")
    assert str(err.value) == (
        "You spent 10 Connects on this job and 7 already came back; "
        "a refund can be at most 3, not 4."
    )
    led.append(make_refund(led, 3, T0, S, reason=why, job_id="j"))
    with pytest.raises(WalletError, match="All 10 Connects spent on this job already came back"):
        make_refund(led, 1, T0, S, reason=why, job_id="j")
    with pytest.raises(WalletError, match="pick the job"):
        make_refund(led, 1, T0, S, reason=why, job_id="")


def test_refund_before_the_spend_is_refused() -> None:
    g = make_grant([], 40, T0, S, reason="signup")
    s = make_spend([g], 6, T0 + timedelta(days=2), S, job_id="j")
    with pytest.raises(WalletError, match="No Connects were spent"):
        make_refund(
            [g, s],
            6,
            T0 + timedelta(days=2),
            S,
            reason="post_removed_by_platform",
            job_id="j",
            at=T0 + timedelta(days=1),
        )


# --- adjustments and reversals ----------------------------------------------------------------


def test_adjustments_open_or_consume_lots_and_need_a_note() -> None:
    g = make_grant([], 10, T0, S, reason="signup")
    up = make_adjustment([g], 5, T0, S, note="found 5 more on the site")
    down = make_adjustment([g, up], -12, T0, S, note="site shows 3")
    state = replay([g, up, down], T0, S)
    assert state.balance == 3
    assert state.consumed[down.id] == [(g.id, 10), (up.id, 2)]
    with pytest.raises(WalletError, match="note"):
        make_adjustment([g], 2, T0, S, note="  ")
    with pytest.raises(WalletError, match="removes 20 Connects; you have 3"):
        make_adjustment([g, up, down], -20, T0, S, note="oops")


def test_reversal_voids_the_line_and_keeps_history() -> None:
    g = make_grant([], 40, T0, S, reason="signup")
    s = make_spend([g], 16, T0, S, job_id="j")
    rev = make_reversal([g, s], s.id, T0 + timedelta(hours=1))
    assert (rev.kind, rev.amount, rev.reverses, rev.job_id) == ("adjustment", 16, s.id, "j")
    assert "bid of 16" in rev.note
    state = replay([g, s, rev], T0 + timedelta(hours=1), S)
    assert state.balance == 40
    assert state.voided == {s.id}
    assert s not in state.applied and rev not in state.applied
    with pytest.raises(WalletError, match="already reversed"):
        make_reversal([g, s, rev], s.id, T0 + timedelta(hours=2))
    with pytest.raises(WalletError, match="already a correction"):
        make_reversal([g, s, rev], rev.id, T0 + timedelta(hours=2))
    with pytest.raises(WalletError, match="not in the ledger"):
        make_reversal([g, s, rev], "nope", T0)


def test_reversing_a_grant_that_paid_for_later_bids_is_refused() -> None:
    g = make_grant([], 10, T0, S, reason="signup")
    s = make_spend([g], 8, T0 + timedelta(days=1), S, job_id="j")
    with pytest.raises(WalletError, match="Reversing that would break the bid of 8 on 11 Jan 2026"):
        make_reversal([g, s], g.id, T0 + timedelta(days=2))


def test_reversing_an_outbid_boost_is_a_zero_adjustment() -> None:
    g = make_grant([], 10, T0, S, reason="signup")
    b = make_boost([g], 30, T0, S, charged=False)
    rev = make_reversal([g, b], b.id, T0)
    assert rev.amount == 0
    assert replay([g, b, rev], T0, S).balance == 10


def test_backdated_spend_that_breaks_a_later_bid_is_refused() -> None:
    g = make_grant([], 10, T0, S, reason="signup")
    s = make_spend([g], 8, T0 + timedelta(days=2), S)
    with pytest.raises(WalletError, match="would break the bid of 8 on 12 Jan 2026"):
        make_spend([g, s], 5, T0 + timedelta(days=3), S, at=T0 + timedelta(days=1))


def test_replay_skips_bad_stored_lines_and_never_goes_negative() -> None:
    bad = [
        line("grant", 5, T0, id="g", reason="signup"),
        line("spend", 9, T0, id="s"),
        line("refund", 2, T0, id="r", job_id="x", reason="declined"),
        line("grant", 0, T0, id="z"),
    ]
    state = replay(bad, T0, S)
    assert state.balance == 5
    assert [p.entry_id for p in state.problems] == ["s", "r", "z"]
    # An old problem does not block new, valid lines.
    assert make_spend(bad, 5, T0, S).amount == 5


# --- small helpers ----------------------------------------------------------------------------


def test_shortfall_and_affordable_bids() -> None:
    assert shortfall_cost(16, 9, S) == (7, 1.05)
    assert shortfall_cost(3, 9, S) == (0, 0.0)
    assert shortfall_cost(10, -2, Settings(connect_price_usd=0.2)) == (10, 2.0)
    assert affordable_bids(40, 3) == 13
    assert affordable_bids(2, 3) == 0
    with pytest.raises(WalletError):
        affordable_bids(40, 0)


def test_expiring_within_counts_only_open_lots_inside_the_window() -> None:
    a = make_grant([], 10, T0, S, reason="signup")
    b = make_grant([a], 7, T0 + timedelta(days=100), S, reason="monthly")
    now = T0 + YEAR - timedelta(days=10)
    state = replay([a, b], now, S)
    assert expiring_within(state, now) == 10
    assert expiring_within(state, now, days=9) == 0
    assert expiring_within(state, now, days=10) == 10
    assert expiring_within(state, now, days=400) == 17
    assert wallet.next_expiry(state, now) == state.lots[0]


def test_replay_of_ten_thousand_mixed_lines_has_no_problems() -> None:
    entries: list[LedgerEntry] = []
    t = T0
    last_job = ""
    for i in range(10_000):
        t += timedelta(hours=7)
        if i % 10 == 0:
            entries.append(line("purchase", 40, t, id=f"p{i}", usd=6.0))
        elif i % 97 == 0:
            entries.append(
                line(
                    "refund",
                    3,
                    t,
                    id=f"r{i}",
                    job_id=last_job,
                    reason="client_cancelled_before_hire",
                )
            )
        elif i % 31 == 0:
            entries.append(line("boost", 5, t, id=f"b{i}", charged=i % 2 == 0, job_id=f"j{i}"))
        else:
            entries.append(line("spend", 3, t, id=f"s{i}", job_id=f"j{i}"))
            last_job = f"j{i}"
    state = replay(entries, t, S)
    assert state.problems == []
    assert state.balance == sum(lot.remaining for lot in state.open_lots())
