"""No English msgid on an Indonesian screen: each pane, Portfolio tab and help, 120x40 and 80x24.

Bindings are translated when ``cockpit.ui`` is imported and this pytest process
imported it in English, so the app runs in a fresh process (this file run as a
module, see ``main``) that sets ``--lang id`` first, seeds the demo, drives the
app with Pilot and prints every screen line as JSON. What is read is the
screen itself (Textual's SVG screenshot, turned back into lines of cells), so
anything a widget draws counts, whatever kind of widget it is.

The test then takes every msgid of the Indonesian catalog whose translation
differs from it, cuts it at its ``{fields}``, and asserts no piece of two words
or more is on screen. A hit is a string shown without ``_()`` or one left
untranslated in the catalog.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIZES = ((120, 40), (80, 24))
CELL = 12.2  # width of one cell in Textual's SVG (font size 20 x 0.61)
_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]*line-(\d+)\)">([^<]*)</text>'
)
_FIELD = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")

# English that is meant to be on an Indonesian screen: the demo's own data (its job
# posts are in English). A msgid piece -> the data it is part of on that line.
ALLOWED: dict[str, str] = {
    "Audio editor": "Audio editor - unpaid",  # a demo job's title
}


# -- the screen, as lines ---------------------------------------------------------------
def screen_lines(svg: str) -> list[str]:
    """The screen's rows of text, from Textual's SVG screenshot."""
    rows: dict[int, dict[int, str]] = {}
    for x, line, text in _TEXT.findall(svg):
        row = rows.setdefault(int(line), {})
        column = round(float(x) / CELL)
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            row[column + offset] = char
    out = []
    for index in sorted(rows):
        cells = rows[index]
        out.append("".join(cells.get(i, " ") for i in range(max(cells) + 1)).rstrip())
    return out


async def _capture(app: Any, pilot: Any, where: str, shown: dict[str, list[str]]) -> None:
    await pilot.pause(0.05)
    shown[where] = screen_lines(app.export_screenshot())


async def collect(folder: Path, size: tuple[int, int]) -> dict[str, list[str]]:
    from textual.widgets import TabbedContent, TabPane

    from cockpit.paths import resolve
    from cockpit.store import StoreLock
    from cockpit.ui.app import PANES, CockpitApp
    from tests.conftest import FROZEN_NOW, ready, settle

    paths = resolve(folder)
    lock = StoreLock(paths.data).acquire()
    app = CockpitApp(paths, lock, clock=lambda: FROZEN_NOW, first_run=False)
    shown: dict[str, list[str]] = {}
    try:
        async with app.run_test(size=size) as pilot:
            await ready(pilot)
            for pane_cls in PANES:
                await pilot.press(pane_cls.KEY)
                await settle(pilot)
                await _capture(app, pilot, pane_cls.PANE_ID, shown)
            tabs = app.pane("portfolio").query_one(TabbedContent)
            for tab in tabs.query(TabPane):
                tabs.active = str(tab.id)
                await settle(pilot)
                await _capture(app, pilot, f"portfolio/{tab.id}", shown)
            await pilot.press("question_mark")
            await settle(pilot)
            for page in range(4):  # the help is longer than a screen: page through it
                await _capture(app, pilot, f"help/{page}", shown)
                await pilot.press("pagedown")
            await pilot.press("escape")
    finally:
        lock.release()
    return shown


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    from cockpit import i18n

    i18n.set_language("id")  # before cockpit.ui is imported: bindings translate on import
    assert "cockpit.ui.app" not in sys.modules

    from cockpit.demo.seed import seed_demo
    from tests.conftest import FROZEN_NOW

    seed_demo(folder, FROZEN_NOW)
    found = {f"{w}x{h}": asyncio.run(collect(folder, (w, h))) for w, h in SIZES}
    print(json.dumps(found, ensure_ascii=False))
    return 0


# -- what must not show -----------------------------------------------------------------
def english_pieces() -> dict[str, str]:
    """Piece of a msgid (two words or more) -> its msgid, for msgids that read
    differently in Indonesian, and for msgids not translated yet (they show in English)."""
    from babel.messages.pofile import read_po

    from cockpit.i18n import DOMAIN, LOCALE_DIR

    with (LOCALE_DIR / "id" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as fh:
        catalog = read_po(fh, locale="id")
    pieces: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        raw = message.string
        string = raw if isinstance(raw, str) else (raw[0] if raw else "")
        if string == ids[0] and not message.fuzzy:
            continue  # the same in both languages ("Connects", "Feed", a format)
        for msgid in ids:  # a plural's English forms both
            for piece in _FIELD.split(msgid):
                piece = piece.strip(" :;,.·—-()[]\"'\n")
                if len(_WORD.findall(piece)) >= 2:
                    pieces.setdefault(piece, ids[0])
    return pieces


def _spaced(text: str) -> str:
    return " ".join(text.split())


def leftovers(shown: dict[str, dict[str, list[str]]]) -> list[str]:
    """'where: piece (msgid) | the line' for every English piece on screen."""
    pieces = english_pieces()
    patterns = {
        piece: re.compile(rf"(?<![A-Za-z]){re.escape(_spaced(piece))}(?![A-Za-z])")
        for piece in pieces
    }
    found: list[str] = []
    for size, screens in shown.items():
        for where, lines in screens.items():
            for line in map(_spaced, lines):
                for piece, pattern in patterns.items():
                    if pattern.search(line) and ALLOWED.get(piece, "\0") not in line:
                        found.append(f"{size} {where}: {piece!r} ({pieces[piece]!r}) | {line}")
    return found


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("lang-id") / "data"
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.test_lang_id_english", str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    yield json.loads(done.stdout)


def test_every_screen_was_read(shown: dict[str, Any]) -> None:
    for size in ("120x40", "80x24"):
        screens = shown[size]
        assert {"inbox", "proposals", "wallet", "portfolio", "help/0"} <= set(screens)
        assert any(where.startswith("portfolio/") for where in screens)
        width, height = map(int, size.split("x"))
        assert all(len(lines) == height for lines in screens.values()), size
        assert all(len(line) <= width for lines in screens.values() for line in lines)
        # Indonesian is on screen at all (the runner really ran in id).
        assert "Kotak masuk" in "\n".join(screens["inbox"])


def test_no_english_msgid_on_an_indonesian_screen(shown: dict[str, Any]) -> None:
    found = leftovers(shown)
    assert found == [], "English on the Indonesian screens:\n" + "\n".join(found)


def test_the_check_finds_english_when_it_is_there() -> None:
    """The matcher itself: an English msgid piece on a line is reported, Indonesian is not."""
    pieces = english_pieces()
    assert "Not opening" in pieces and "only http(s) links are opened" in pieces
    screens = {
        "1x1": {
            "inbox": ["│ Not opening 'x': only http(s) links are opened. │"],
            "wallet": ["Tidak membuka 'x': hanya tautan http(s) yang dibuka."],
        }
    }
    found = leftovers(screens)
    assert len(found) == 2 and all(" inbox: " in line for line in found)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
