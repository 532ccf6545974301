"""Properties of the ledger over random histories with the clock moving.

Every operation goes through the public constructors, exactly as the UI would,
so a refused line is never stored. Invariants are checked against a replay
after each step; FIFO and the expiry boundary are checked against replays of
prefixes, which is independent of how replay walks the lots.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.models import LedgerEntry, Settings
from cockpit.wallet import (
    REFUND_LABELS,
    WalletError,
    WalletState,
    effect,
    make_adjustment,
    make_boost,
    make_grant,
    make_purchase,
    make_refund,
    make_reversal,
    make_spend,
    replay,
)

T0 = datetime(2025, 3, 1, tzinfo=UTC)
S = Settings(lot_lifetime_days=60)  # short, so random histories cross many expiries
LIFE = timedelta(days=S.lot_lifetime_days)
US = timedelta(microseconds=1)
JOBS = ("j1", "j2", "j3")

advance = st.tuples(
    st.just("advance"),
    st.one_of(
        st.sampled_from([US, timedelta(seconds=1), timedelta(days=1), LIFE - US, LIFE]),
        st.integers(0, 90 * 86_400).map(lambda s: timedelta(seconds=s)),
    ),
)
back = st.one_of(
    st.just(timedelta(0)), st.integers(0, 70 * 86_400).map(lambda s: timedelta(seconds=s))
)
amount = st.integers(-2, 40)
op = st.one_of(
    advance,
    st.tuples(st.just("grant"), amount, back),
    st.tuples(st.just("purchase"), amount, back),
    st.tuples(st.just("spend"), amount, back, st.sampled_from(JOBS)),
    st.tuples(st.just("boost"), amount, back, st.sampled_from(JOBS), st.booleans()),
    st.tuples(
        st.just("refund"),
        amount,
        back,
        st.sampled_from(JOBS),
        st.sampled_from(sorted(REFUND_LABELS)),
    ),
    st.tuples(st.just("adjust"), amount, back),
    st.tuples(st.just("reverse"), st.integers(0, 60)),
    st.tuples(st.just("drain")),  # spend exactly what the oldest open lot holds
)


def apply(op: tuple[Any, ...], entries: list[LedgerEntry], now: datetime) -> LedgerEntry:
    kind = op[0]
    if kind == "reverse":
        target = entries[op[1] % len(entries)].id if entries else "none"
        return make_reversal(entries, target, now, S)
    if kind == "drain":
        lots = replay(entries, now, S).open_lots()
        return make_spend(entries, lots[0].remaining if lots else 1, now, S, job_id="j1")
    n, at = op[1], now - op[2]
    if kind == "grant":
        return make_grant(entries, n, now, S, reason="monthly", at=at)
    if kind == "purchase":
        return make_purchase(entries, n, now, S, at=at)
    if kind == "spend":
        return make_spend(entries, n, now, S, job_id=op[3], at=at)
    if kind == "boost":
        return make_boost(entries, n, now, S, job_id=op[3], charged=op[4], at=at)
    if kind == "refund":
        return make_refund(entries, n, now, S, job_id=op[3], reason=op[4], at=at)
    return make_adjustment(entries, n, now, S, note="random", at=at)


def check_invariants(entries: list[LedgerEntry], state: WalletState, now: datetime) -> None:
    assert state.problems == []
    assert state.balance >= 0
    open_lots = [lot for lot in state.lots if lot.expires > now]
    assert state.balance == sum(lot.remaining for lot in open_lots)
    assert all(lot.remaining == 0 for lot in state.lots if lot.expires <= now)
    assert all(0 <= lot.remaining <= lot.amount for lot in state.lots)
    # Conservation: every Connect in a lot is still there, was spent, or expired.
    taken: dict[str, int] = {}
    for parts in state.consumed.values():
        for lot_id, n in parts:
            assert n > 0
            taken[lot_id] = taken.get(lot_id, 0) + n
    for lot in state.lots:
        assert lot.amount == lot.remaining + taken.get(lot.entry_id, 0)
    assert state.balance == sum(effect(e) for e in state.applied) - sum(
        e.amount for e in state.expiries
    )
    assert all(e.at <= now for e in state.expiries)


def check_fifo(state: WalletState) -> None:
    """A line never takes from a lot while an older unexpired lot still has Connects."""
    order = {lot.entry_id: i for i, lot in enumerate(state.lots)}
    for i, entry in enumerate(state.applied):
        parts = state.consumed.get(entry.id)
        if not parts:
            continue
        idx = [order[lot_id] for lot_id, _ in parts]
        assert idx == sorted(idx) and len(set(idx)) == len(idx)
        then = replay(state.applied[: i + 1], entry.at, S)
        assert then.problems == []
        for lot in then.lots[: idx[-1]]:
            if lot.expires > entry.at:
                assert lot.remaining == 0, (entry, lot)
        for lot_id, _ in parts:
            assert then.lots[order[lot_id]].expires > entry.at  # never from an expired lot


def check_expiry_boundary(state: WalletState) -> None:
    """At expires - 1 µs the lot still counts; at expires it is gone, as one expiry line."""
    for lot in state.lots:
        before_t, at_t = lot.expires - US, lot.expires
        prefix = [e for e in state.applied if e.at <= before_t]
        before = replay(prefix, before_t, S)
        after = replay(prefix, at_t, S)
        same_instant = [x for x in before.lots if x.expires == at_t]
        held = sum(x.remaining for x in same_instant)
        assert before.balance - after.balance == held
        mine = next(x for x in before.lots if x.entry_id == lot.entry_id)
        lines = [e for e in after.expiries if e.id == f"expiry-{lot.entry_id}"]
        assert not [e for e in before.expiries if e.id == f"expiry-{lot.entry_id}"]
        if mine.remaining:
            assert [(e.at, e.amount) for e in lines] == [(at_t, mine.remaining)]
        else:
            assert lines == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op, min_size=3, max_size=40))
def test_random_histories_keep_every_invariant(ops: list[tuple[Any, ...]]) -> None:
    entries: list[LedgerEntry] = []
    now = T0
    for o in ops:
        if o[0] == "advance":
            now += o[1]
        else:
            before = replay(entries, now, S)
            try:
                entry = apply(o, entries, now)
            except WalletError:
                # Refused lines are never applied; a refused plain bid really was unaffordable
                # or not a positive count.
                if o[0] in ("spend", "boost") and o[2] == timedelta(0) and o[1] > 0:
                    charged = o[0] == "spend" or o[4]
                    assert charged and o[1] > before.balance
            else:
                if o[0] in ("spend", "boost") and o[2] == timedelta(0):
                    charged = o[0] == "spend" or o[4]
                    assert not charged or o[1] <= before.balance
                    after = replay([*entries, entry], now, S)
                    assert after.balance == before.balance - (o[1] if charged else 0)
                entries.append(entry)
        check_invariants(entries, replay(entries, now, S), now)
    final = replay(entries, now, S)
    check_fifo(final)
    check_expiry_boundary(final)
    # Far in the future every lot has expired and nothing is left.
    assert replay(entries, now + LIFE + timedelta(days=90), S).balance == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=20), st.integers(1, 60))
def test_a_spend_is_refused_exactly_when_it_exceeds_the_balance(
    grants: list[int], cost: int
) -> None:
    entries: list[LedgerEntry] = []
    now = T0
    for n in grants:
        entries.append(make_grant(entries, n, now, S, reason="reward"))
        now += timedelta(days=7)  # some grants expire along the way
    balance = replay(entries, now, S).balance
    try:
        spend = make_spend(entries, cost, now, S)
    except WalletError as err:
        assert cost > balance
        assert f"needs {cost} Connects; you have {balance}." in str(err)
    else:
        assert cost <= balance
        assert replay([*entries, spend], now, S).balance == balance - cost
