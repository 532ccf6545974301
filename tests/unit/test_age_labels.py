"""Ages read the same across the app (Inbox age column, Proposals "Moved"), in both languages.

Before, the Inbox said `5hr` for five days in Indonesian (`hr` for hari) and Proposals
said `0h` (its own "{days}d", translated `h`), next to `5j` for five hours.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from textual.widgets import DataTable

from cockpit import i18n
from cockpit.labels import age_label
from tests.conftest import FROZEN_NOW, ready
from tests.ui.test_proposals_support import PODCAST, seeder, sent

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
AGES = [
    timedelta(seconds=20),
    timedelta(minutes=7),
    timedelta(hours=5),
    timedelta(days=5),
    timedelta(days=15),
    timedelta(days=65),
    timedelta(days=400),
]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["now", "7m", "5h", "5d", "2w", "2mo", "1y"]),
        # jam, hari, minggu, bulan, tahun; m for menit
        ("id", ["baru", "7m", "5j", "5h", "2mg", "2bln", "1th"]),
    ],
)
def test_age_units(lang: str, expected: list[str]) -> None:
    i18n.set_language(lang)
    assert [age_label(NOW - age, NOW) for age in AGES] == expected


def test_no_unit_reads_as_another_in_indonesian() -> None:
    """ "5h" is five days in Indonesian: hours must not use the same letter."""
    i18n.set_language("id")
    labels = [age_label(NOW - age, NOW) for age in AGES[1:]]
    units = [label.lstrip("0123456789") for label in labels]
    assert len(set(units)) == len(units)
    assert all(len(label) <= 4 for label in labels)


async def test_proposals_moved_column_uses_the_same_age(make_app: Any) -> None:
    moved = sent("p1", PODCAST, days_ago=3)
    app = make_app(seeder(proposals=(moved,)))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#proposals-table", DataTable)
        cell = table.get_cell("p1", "moved")
        assert str(cell) == age_label(FROZEN_NOW - timedelta(days=3), FROZEN_NOW) == "3d"
