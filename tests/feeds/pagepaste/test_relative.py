"""Printed times, made absolute against a fixed now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.feeds.pagepaste.relative import absolute, aware, day_first, relative

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "ago"),
    [
        ("3 hours ago", timedelta(hours=3)),
        ("12 minutes ago", timedelta(minutes=12)),
        ("an hour ago", timedelta(hours=1)),
        ("a minute ago", timedelta(minutes=1)),
        ("yesterday", timedelta(days=1)),
        ("last week", timedelta(days=7)),
        ("2 days ago", timedelta(days=2)),
        ("1 month ago", timedelta(days=30)),
        ("3 weeks ago", timedelta(days=21)),
        ("just now", timedelta(0)),
        ("2 hari yang lalu", timedelta(days=2)),
        ("kemarin", timedelta(days=1)),
        ("Yesterday.", timedelta(days=1)),
    ],
)
def test_relative(text: str, ago: timedelta) -> None:
    assert relative(text, NOW) == NOW - ago


@pytest.mark.parametrize("text", ["", "soon", "in 3 hours", "99999 years ago", "3 hours"])
def test_not_relative(text: str) -> None:
    assert relative(text, NOW) is None


def test_absolute_dates() -> None:
    assert absolute("Jun 4, 2018") == datetime(2018, 6, 4, tzinfo=UTC)
    assert absolute("June 2018") == datetime(2018, 6, 1, tzinfo=UTC)
    assert absolute("March 09, 2024 06:30 UTC") == datetime(2024, 3, 9, 6, 30, tzinfo=UTC)
    assert absolute("2024-03-09") == datetime(2024, 3, 9, tzinfo=UTC)
    assert absolute("no date") is None
    assert absolute("99/99/2024") is None


def test_day_first_zones() -> None:
    assert day_first("01/12/2026 14:22:05 WIB") == datetime(2026, 12, 1, 7, 22, 5, tzinfo=UTC)
    assert day_first("01/12/2026 14:22 WITA") == datetime(2026, 12, 1, 6, 22, tzinfo=UTC)
    assert day_first("01/12/2026") == datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


def test_aware() -> None:
    assert aware(datetime(2026, 1, 1)) == datetime(2026, 1, 1, tzinfo=UTC)
    assert aware(None).tzinfo is not None
