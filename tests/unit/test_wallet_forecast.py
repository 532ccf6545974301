"""Forecast texts and the month-by-month series."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from cockpit.models import LedgerEntry, Settings
from cockpit.wallet import (
    fmt_date,
    forecast,
    make_boost,
    make_grant,
    make_purchase,
    make_refund,
    make_reversal,
    make_spend,
    monthly_series,
)

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)
NO_GRANT = Settings(monthly_grant_basic=0)
DAY = timedelta(days=1)


def spend_daily(entries: list[LedgerEntry], settings: Settings, days: int, each: int) -> None:
    """One bid of ``each`` Connects per day over the last ``days`` days."""
    for d in range(days, 0, -1):
        at = NOW - d * DAY + timedelta(hours=1)
        entries.append(make_spend(entries, each, NOW, settings, job_id=f"j{d}", at=at))


def test_fmt_date_is_day_month_year() -> None:
    assert fmt_date(date(2027, 1, 12)) == "12 Jan 2027"


def test_no_spending_in_the_last_30_days() -> None:
    g = make_grant([], 40, NOW, NO_GRANT, reason="signup", at=NOW - 60 * DAY)
    s = make_spend([g], 3, NOW, NO_GRANT, at=NOW - 31 * DAY)
    f = forecast([g, s], NOW, NO_GRANT)
    assert (f.run_out, f.text) == (None, "No spending in the last 30 days.")


def test_out_of_connects() -> None:
    g = make_grant([], 3, NOW, NO_GRANT, reason="signup", at=NOW - 2 * DAY)
    s = make_spend([g], 3, NOW, NO_GRANT, at=NOW - DAY)
    assert forecast([g, s], NOW, NO_GRANT).text == "You are out of Connects."
    assert forecast([], NOW, NO_GRANT).run_out == NOW.date()


def test_run_out_date_at_the_last_30_days_rate() -> None:
    entries = [make_grant([], 100, NOW, NO_GRANT, reason="signup", at=NOW - 40 * DAY)]
    spend_daily(entries, NO_GRANT, 30, 1)  # 1 a day; 70 left
    f = forecast(entries, NOW, NO_GRANT)
    expected = (NOW + 70 * DAY).date()
    assert f.run_out == expected
    assert f.text == f"At your last-30-days rate you run out on {fmt_date(expected)}."
    assert f.rate_per_day == 1.0


def test_refunds_lower_the_rate() -> None:
    entries = [make_grant([], 100, NOW, NO_GRANT, reason="signup", at=NOW - 40 * DAY)]
    spend_daily(entries, NO_GRANT, 30, 2)  # 60 spent, 40 left
    entries.append(
        make_refund(
            entries, 2, NOW, NO_GRANT, reason="post_removed_by_platform", job_id="j5", at=NOW - DAY
        )
    )
    f = forecast(entries, NOW, NO_GRANT)
    assert abs(f.rate_per_day - 58 / 30) < 1e-9


def test_expiring_lots_bring_the_run_out_date_forward() -> None:
    # 100 Connects issued 335 days ago expire in 30 days, long before the rate would use them.
    entries = [make_grant([], 100, NOW, NO_GRANT, reason="signup", at=NOW - 335 * DAY)]
    spend_daily(entries, NO_GRANT, 30, 1)
    f = forecast(entries, NOW, NO_GRANT)
    assert f.run_out == (NOW + 30 * DAY).date()


def test_monthly_grant_covers_a_small_rate() -> None:
    plus = Settings(plan="plus")
    entries = [make_grant([], 60, NOW, plus, reason="signup", at=NOW - 40 * DAY)]
    spend_daily(entries, plus, 30, 1)  # about 30 a month, the plan gives 100 on the 1st
    f = forecast(entries, NOW, plus)
    assert (f.run_out, f.text) == (None, "The monthly grant covers your rate.")


def test_running_dry_before_the_next_grant_still_counts_as_running_out() -> None:
    plus = Settings(plan="plus")
    entries = [make_grant([], 40, NOW, plus, reason="signup", at=NOW - 40 * DAY)]
    spend_daily(entries, plus, 30, 1)  # 10 left on 15 Nov, next grant on 1 Dec
    f = forecast(entries, NOW, plus)
    assert f.run_out == date(2026, 11, 25)


def test_basic_monthly_grant_pushes_the_date_out_but_does_not_cover() -> None:
    basic = Settings()
    entries = [make_grant([], 100, NOW, basic, reason="signup", at=NOW - 40 * DAY)]
    spend_daily(entries, basic, 30, 1)
    with_grant = forecast(entries, NOW, basic).run_out
    without = forecast(entries, NOW, NO_GRANT).run_out
    assert with_grant is not None and without is not None
    # 70 held last to 24 Jan; the grants of 1 Dec, 1 Jan and 1 Feb add 10 days each.
    assert without == date(2027, 1, 24)
    assert with_grant == date(2027, 2, 23)


def test_monthly_series_rows() -> None:
    s = Settings(lot_lifetime_days=60)
    sep = datetime(2026, 9, 3, tzinfo=UTC)
    # The grant expires on 2 Nov; the boost took 8 of the 24 left, so 16 expire.
    g = make_grant([], 40, NOW, s, reason="signup", at=sep)
    sp = make_spend([g], 16, NOW, s, job_id="a", at=sep + 5 * DAY)
    p = make_purchase([g, sp], 20, NOW, s, at=datetime(2026, 10, 20, tzinfo=UTC))
    b = make_boost([g, sp, p], 8, NOW, s, job_id="b", at=datetime(2026, 10, 21, tzinfo=UTC))
    lost = make_boost(
        [g, sp, p, b], 30, NOW, s, charged=False, at=datetime(2026, 10, 21, tzinfo=UTC)
    )
    r = make_refund(
        [g, sp, p, b, lost],
        8,
        NOW,
        s,
        reason="client_cancelled_before_hire",
        job_id="b",
        at=datetime(2026, 11, 2, tzinfo=UTC),
    )
    wrong = make_spend([g, sp, p, b, lost, r], 5, NOW, s, at=NOW - DAY)
    rev = make_reversal([g, sp, p, b, lost, r, wrong], wrong.id, NOW, s)
    rows = monthly_series([g, sp, p, b, lost, r, wrong, rev], NOW, months=4, settings=s)
    assert [row.month for row in rows] == ["2026-08", "2026-09", "2026-10", "2026-11"]
    as_tuples = [(r.spent, r.granted, r.bought, r.refunded, r.expired, r.adjusted) for r in rows]
    assert as_tuples == [
        (0, 0, 0, 0, 0, 0),
        (16, 40, 0, 0, 0, 0),
        (8, 0, 20, 0, 0, 0),
        (0, 0, 0, 8, 16, 0),  # the reversed bid of 5 counts nowhere
    ]


def test_monthly_series_crosses_the_year_and_defaults_to_six_months() -> None:
    rows = monthly_series([], datetime(2027, 2, 1, tzinfo=UTC))
    assert [row.month for row in rows] == [
        "2026-09",
        "2026-10",
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]
