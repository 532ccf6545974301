"""CSV export/import of the ledger: exact round trip and errors that name the line."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.models import LedgerEntry, Settings
from cockpit.text import clean, clean_line
from cockpit.wallet import (
    COLUMNS,
    WalletError,
    from_csv,
    make_boost,
    make_grant,
    make_purchase,
    make_reversal,
    make_spend,
    merge_import,
    replay,
    to_csv,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
S = Settings()
HEADER = ",".join(COLUMNS)

line_text = st.text(max_size=20).map(clean_line)
free_text = st.text(max_size=60).map(clean)  # newlines, tabs, quotes, commas and all
zones = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
entries = st.builds(
    LedgerEntry,
    id=st.text(min_size=1, max_size=12).map(clean_line).filter(bool),
    kind=st.sampled_from(["grant", "purchase", "spend", "boost", "refund", "adjustment"]),
    amount=st.integers(-(10**6), 10**6),
    at=st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=zones),
    reason=line_text,
    usd=st.none() | st.floats(0, 1e6, allow_nan=False, allow_infinity=False),
    job_id=line_text,
    proposal_id=line_text,
    charged=st.booleans(),
    reverses=line_text,
    note=free_text,
)


@given(st.lists(entries, max_size=15, unique_by=lambda e: e.id))
def test_round_trip_is_exact(ledger: list[LedgerEntry]) -> None:
    assert from_csv(to_csv(ledger)) == ledger


def test_round_trip_of_a_real_ledger_keeps_the_balance() -> None:
    led: list[LedgerEntry] = []
    led.append(make_grant(led, 40, NOW, S, reason="signup", note='He said "hi",\nthen left'))
    led.append(make_purchase(led, 10, NOW, S, usd=1.5))
    led.append(make_spend(led, 16, NOW, S, job_id="abc123", proposal_id="p1"))
    led.append(make_boost(led, 30, NOW, S, charged=False, job_id="abc123"))
    led.append(make_reversal(led, led[2].id, NOW, S))
    text = to_csv(led)
    assert text.splitlines()[0] == HEADER
    back = from_csv(text)
    assert back == led
    assert replay(back, NOW, S).balance == replay(led, NOW, S).balance == 50


def test_expiry_lines_are_not_exported() -> None:
    g = make_grant([], 5, NOW - timedelta(days=400), S, reason="signup")
    state = replay([g], NOW, S)
    assert state.expiries
    assert to_csv([g, *state.expiries]) == to_csv([g])


def row(**over: str) -> str:
    base = {
        "id": "a1",
        "kind": "grant",
        "amount": "5",
        "at": "2026-01-01T00:00:00+00:00",
        "reason": "signup",
        "usd": "",
        "job_id": "",
        "proposal_id": "",
        "charged": "true",
        "reverses": "",
        "note": "",
    }
    base.update(over)
    return ",".join(base[c] for c in COLUMNS)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (row(amount="five"), "amount 'five' is not a whole number"),
        (row(amount="2.5"), "not a whole number"),
        (row(kind="bonus"), "unknown kind 'bonus'"),
        (row(kind="expiry"), "expiry lines are worked out"),
        (row(at="yesterday"), "not an ISO-8601 time"),
        (row(at="2026-01-01T00:00:00"), "no time zone"),
        (row(usd="abc"), "usd 'abc' is not a number"),
        (row(usd="-1"), "0 or more"),
        (row(usd="nan"), "0 or more"),
        (row(charged="yes"), "charged must be true or false"),
        (row(id=""), "the id is empty"),
        ("a1,grant,5", "expected 11 fields, found 3"),
    ],
)
def test_bad_rows_name_their_line(bad: str, message: str) -> None:
    text = "\n".join([HEADER, row(id="ok1"), bad, row(id="ok2")]) + "\n"
    with pytest.raises(ValueError, match=r"^line 3: ") as err:
        from_csv(text)
    assert message in str(err.value)


def test_line_numbers_count_multiline_notes_and_blank_lines() -> None:
    text = "\n".join([HEADER, row(id="x", note='"two\nlines"'), "", row(id="y", amount="z")])
    with pytest.raises(ValueError, match=r"^line 5: amount 'z'"):
        from_csv(text)


def test_duplicate_ids_and_bad_headers() -> None:
    with pytest.raises(ValueError, match="line 3: the id a1 appears twice"):
        from_csv("\n".join([HEADER, row(), row()]))
    with pytest.raises(ValueError, match="line 1: expected the columns"):
        from_csv("id,kind,amount\n")
    with pytest.raises(ValueError, match="line 1: the file is empty"):
        from_csv("")
    assert from_csv(HEADER + "\n") == []
    assert from_csv("\ufeff" + HEADER + "\r\n" + row() + "\r\n")[0].id == "a1"


def test_import_strips_terminal_escapes_from_text() -> None:
    nasty = row(note="\x1b]52;c;ZXZpbA==\x07paid\u202e", job_id="j\x1b[31m1")
    (entry,) = from_csv(HEADER + "\n" + nasty + "\n")
    assert entry.note == "paid"
    assert entry.job_id == "j1"


def test_merge_import_appends_only_new_lines_and_checks_them_together() -> None:
    led: list[LedgerEntry] = []
    led.append(make_grant(led, 40, NOW, S, reason="signup"))
    led.append(make_spend(led, 16, NOW, S, job_id="j"))
    exported = from_csv(to_csv(led))
    assert merge_import(led, exported, NOW, S) == []  # importing twice changes nothing
    later = NOW + timedelta(seconds=1)
    other = [
        LedgerEntry(id="g2", kind="grant", amount=10, at=NOW, reason="reward"),
        LedgerEntry(id="s2", kind="spend", amount=30, at=later, job_id="k"),
        LedgerEntry(id="v2", kind="adjustment", amount=-10, at=later, reverses="g2", note="x"),
    ]
    # The imported reversal voids the imported grant, leaving 24 for the imported bid of 30.
    with pytest.raises(
        WalletError, match="The imported bid of 30 on 1 Jun 2026: This bid needs 30"
    ):
        merge_import(led, other, NOW + timedelta(seconds=2), S)
    fresh = merge_import(led, other[:2], NOW + timedelta(seconds=2), S)
    assert fresh == other[:2]
    assert replay([*led, *fresh], NOW + timedelta(seconds=2), S).balance == 4


def test_merge_import_refuses_clashing_ids_and_bad_lines() -> None:
    g = make_grant([], 40, NOW, S, reason="signup")
    clash = LedgerEntry(id=g.id, kind="grant", amount=41, at=NOW, reason="signup")
    with pytest.raises(WalletError, match="has the id of a different line"):
        merge_import([g], [clash], NOW, S)
    zero = LedgerEntry(id="z", kind="spend", amount=0, at=NOW)
    with pytest.raises(WalletError, match="The imported bid of 0 on 1 Jun 2026: Enter at least 1"):
        merge_import([g], [zero], NOW, S)
    # A past refund keeps its reason even if today's settings would not refund it.
    s = make_spend([g], 6, NOW, S, job_id="j")
    old = LedgerEntry(id="r", kind="refund", amount=6, at=NOW, job_id="j", reason="declined")
    assert merge_import([g, s], [old], NOW, S) == [old]


def test_cells_a_spreadsheet_would_run_are_escaped_and_come_back_exact() -> None:
    risky = ['=HYPERLINK("http://x")', "+1", "-2 refund", "@SUM(A1)", "'quoted", "''two"]
    ledger = [
        LedgerEntry(
            id=f"e{n}",
            kind="grant",
            amount=10,
            at=datetime(2026, 11, 1, tzinfo=UTC),
            reason=text,
            note=text,
        )
        for n, text in enumerate(risky)
    ]
    exported = to_csv(ledger)
    rows = list(csv.reader(io.StringIO(exported)))[1:]
    for row, text in zip(rows, risky, strict=True):
        reason, note = row[4], row[10]
        assert reason == note == "'" + text  # a spreadsheet shows it as text
    assert from_csv(exported) == ledger
    plain = to_csv([LedgerEntry(id="p", kind="grant", amount=1, at=ledger[0].at, note="ok")])
    assert ",ok\n" in plain  # ordinary text is written as it is


def test_a_field_over_the_csv_limit_is_a_clear_error_not_a_crash() -> None:
    header = ",".join(COLUMNS)
    huge = header + "\n" + "x," * 3 + '"' + "n" * 200_000 + '"\n'
    with pytest.raises(ValueError, match="not a readable CSV"):
        from_csv(huge)
