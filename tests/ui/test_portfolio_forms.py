"""The rules behind the checklist and alias forms, and the loading state of the pane."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.insights.analysis import next_window
from cockpit.models import ChecklistItem
from cockpit.skills import fold
from cockpit.ui import portfolio
from cockpit.ui.demand_view import DemandView
from cockpit.ui.dialogs.checklist_aliases import AliasError, format_aliases, parse_aliases
from cockpit.ui.dialogs.checklist_item import ChecklistError, build_item, check_evidence
from tests.conftest import FROZEN_NOW, ready, settle
from tests.ui.test_portfolio import MARKET, item, rows, seeding

NOW = FROZEN_NOW


def build(**kw: Any) -> ChecklistItem:
    fields: dict[str, Any] = {
        "title": "Reel",
        "skills": "vo",
        "status": "todo",
        "evidence": "",
        "notes": "",
    }
    fields.update(kw)
    return build_item(now=NOW, **fields)


def test_build_item_refuses_what_it_must() -> None:
    with pytest.raises(ChecklistError, match="title"):
        build(title=" \t\x1b[31m ")
    with pytest.raises(ChecklistError, match="200"):
        build(title="x" * 201)
    with pytest.raises(ChecklistError, match="skill"):
        build(skills=" , ;; ")
    with pytest.raises(ChecklistError, match="status"):
        build(status="finished")


def test_build_item_cleans_and_dates() -> None:
    new = build(
        title="\x1b]0;pwned\x07Voice\u202e reel", skills="vo; Voice-Over, sfx", notes="a\x07b"
    )
    assert (new.title, new.skills, new.notes) == (
        "Voice reel",
        ["Voice Over", "Sound Effects"],
        "ab",
    )
    assert new.created == NOW and new.done_at is None and new.id
    done = build_item(
        title="Voice reel", skills="vo", status="done", evidence="", notes="", now=NOW, old=new
    )
    assert (done.id, done.created, done.done_at) == (new.id, NOW, NOW)
    later = NOW + timedelta(days=3)
    kept = build_item(
        title="Renamed", skills="vo", status="done", evidence="", notes="", now=later, old=done
    )
    assert kept.done_at == NOW, "editing a done item must keep the day it was done"
    back = build_item(
        title="Renamed", skills="vo", status="doing", evidence="", notes="", now=later, old=kept
    )
    assert back.done_at is None


def test_evidence_is_a_web_link_or_an_existing_file(tmp_path: Path) -> None:
    sample = tmp_path / "before-after.wav"
    sample.write_bytes(b"RIFF")
    assert check_evidence(f"  {sample} ") == str(sample)
    assert check_evidence("https://me.example/reel") == "https://me.example/reel"
    assert check_evidence("www.me.example") == "https://www.me.example"
    assert check_evidence("") == ""
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ftp://x.example/a", "http://"):
        with pytest.raises(ChecklistError):
            check_evidence(bad)
    with pytest.raises(ChecklistError, match="no file"):
        check_evidence(str(tmp_path / "missing.wav"))


def test_parse_aliases_messages_name_the_line() -> None:
    assert parse_aliases("# mine\n\npod cut = Podcast Editing\n") == {"pod cut": "Podcast Editing"}
    with pytest.raises(AliasError, match=r"Line 2: .*'='"):
        parse_aliases("a = b\nno equals here")
    with pytest.raises(AliasError, match="Line 1: both sides"):
        parse_aliases(" = Skill")
    with pytest.raises(AliasError, match=r"Line 2: .*already"):
        parse_aliases("Pod Cut = A\npod-cut = B")


_words = st.text(alphabet="abcdefghij XYZ-", min_size=1, max_size=12).filter(
    lambda s: bool(fold(s)) and s == s.strip() and "  " not in s
)


@given(st.dictionaries(_words, _words, max_size=8))
def test_aliases_round_trip_through_the_text(aliases: dict[str, str]) -> None:
    # Keys that fold alike are one alias; the form refuses them, so keep one.
    unique: dict[str, str] = {}
    for key, value in aliases.items():
        if fold(key) not in {fold(k) for k in unique}:
            unique[key] = value
    assert parse_aliases(format_aliases(unique)) == unique


def test_window_cycles_7_30_90() -> None:
    assert [next_window(d) for d in (7, 30, 90, 12)] == [30, 90, 7, 30]


async def test_checklist_shows_while_the_analysis_is_still_running(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = portfolio.analyse

    def slow(*args: Any) -> Any:
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(portfolio, "analyse", slow)
    app = make_app(seeding(MARKET, [item("c1", "Podcast sample", ["podcast editing"], 0)]))
    async with app.run_test(size=(140, 45)) as pilot:
        for _ in range(200):
            if app.store is not None and app.query_one("#checklist-table").row_count:
                break
            await pilot.pause(0.02)
        await pilot.press("4", "g")
        await pilot.pause()
        view = app.query_one(DemandView)
        assert view.has_class("-busy") and view.query_one(".busy").display
        assert rows(app, "#checklist-table")[0][2] == "Podcast sample"
        release.set()
        await ready(pilot)
        await settle(pilot)
        assert not view.has_class("-busy")
        assert rows(app, "#demand-table")[0][1] == "Podcast Editing"
