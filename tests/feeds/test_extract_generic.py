"""Generic RSS/Atom and JSON Feed 1.1."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.feeds.parse import parse_feed
from cockpit.models import Budget, Job

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"


@pytest.fixture(scope="module")
def atom() -> list[Job]:
    result = parse_feed(
        (FIXTURES / "generic.atom").read_bytes(),
        {"Content-Type": "application/atom+xml"},
        "gigs",
        "https://gigs.example/feed.atom",
    )
    assert result.error == ""
    assert result.title == "Studio Gigs Board"  # bidi override stripped
    return result.jobs


def test_atom_categories_become_skills(atom: list[Job]) -> None:
    foley = atom[0]
    assert foley.source == "generic"
    assert foley.skills == ["foley", "Sound Design"]  # label preferred, "Foley" deduped
    assert foley.link == "https://gigs.example/gigs/foley-artist"
    assert foley.posted == datetime(2024, 3, 7, 9, 30, tzinfo=UTC)
    assert foley.description == "Record foley for a 12 minute short.\n\nBudget: €500"
    assert foley.budget == Budget("fixed", "EUR", 500.0, 500.0)  # explicit Budget: line


def test_atom_hostile_entry_is_defused(atom: list[Job]) -> None:
    evil = atom[1]
    assert evil.link == ""  # javascript: never becomes a link
    assert "\u202e" not in evil.title and "\u202c" not in evil.title
    assert evil.title.startswith("Evil txt.exe job")


def test_atom_date_before_1970_is_none(atom: list[Job]) -> None:
    assert atom[2].posted is None


@pytest.fixture(scope="module")
def json_jobs() -> list[Job]:
    result = parse_feed(
        (FIXTURES / "jobs.json").read_bytes(),
        {"content-type": "application/feed+json"},
        "aj",
        "https://audiojobs.example/feed.json",
    )
    assert result.error == ""
    assert result.title == "Remote Audio Jobs"
    assert result.warning == "skipped 1 unreadable items"
    return result.jobs


def test_json_feed_items(json_jobs: list[Job]) -> None:
    first = json_jobs[0]
    assert first.source == "jsonfeed"
    assert first.title == "Dialogue editor for documentary"  # OSC 52 and OSC 0 removed
    assert first.guid == "aj-1"
    assert first.skills == ["Dialogue Editing", "iZotope RX"]
    assert first.description == "Clean up interviews.\n\n• iZotope RX\n• Pro Tools"
    assert first.posted == datetime(2024, 3, 8, 0, 15, tzinfo=UTC)
    assert first.feed_ids == ["aj"]


def test_json_feed_text_item_relative_link_and_rupiah(json_jobs: list[Job]) -> None:
    second = json_jobs[1]
    assert second.title == "Sound designer for a mobile game"
    assert second.link == "https://audiojobs.example/jobs/2"
    assert second.guid == "2"
    assert second.posted is None  # "not a date"
    assert second.budget == Budget("fixed", "IDR", 1_500_000.0, 3_000_000.0)


def test_json_feed_bad_link_dropped(json_jobs: list[Job]) -> None:
    assert json_jobs[2].title == "Bad link job" and json_jobs[2].link == ""
    assert len(json_jobs) == 3
