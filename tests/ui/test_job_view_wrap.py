"""JobView wraps the description lazily, as far as the user scrolls: what it draws must be
what wrapping the whole detail at once (``job_text``) draws, line for line.

The app here holds only a JobView whose content region is exactly the width under test
(the terminal is 4 cells wider: padding 2, scrollbar 1, border 1).
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.strip import Strip

from cockpit.jobindex import RowScore
from cockpit.models import Budget, Job
from cockpit.ui import job_view
from cockpit.ui.job_view import JobView, job_text
from tests.conftest import FROZEN_NOW

WIDTHS = (30, 50, 80)
HEIGHT = 20
FEEDS = ["Board"]
SCORE = RowScore(total=7, reasons=[("audio", 7)])
WORDS = (
    "we record two episodes every week and need the voices levelled the room noise removed "
    "and the music beds ducked under speech before publishing on monday files arrive as "
    "separate tracks from each host with a guest on zoom now and then please keep the natural "
    "sound and avoid heavy compression on the laughter"
).split()
CJK = "日本語のテキスト 한국어 문장 中文段落很长 ポッドキャスト編集"


class ViewApp(App[None]):
    CSS = "JobView { width: 1fr; }"

    def compose(self) -> ComposeResult:
        yield JobView()


def sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choices(WORDS, k=rnd.randint(6, 20))).capitalize() + "."


def paragraphs(size: int, seed: int = 5) -> str:
    """About ``size`` characters: paragraphs, runs of blank lines, bullets, tabs, CJK."""
    rnd = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        roll = rnd.random()
        if roll < 0.15:
            block = "- " + sentence(rnd)
        elif roll < 0.25:
            block = "\tIndented:\t" + sentence(rnd)
        elif roll < 0.35:
            block = " ".join(rnd.choices(CJK.split(), k=rnd.randint(3, 30)))
        elif roll < 0.4:
            block = "\n" * rnd.randint(1, 4)  # blank runs: three or more become one
        else:
            block = " ".join(sentence(rnd) for _ in range(rnd.randint(1, 8)))
        out.append(block)
        total += len(block) + 1
    return "\n".join(out)


def one_line(size: int, seed: int = 9) -> str:
    rnd = random.Random(seed)
    words: list[str] = []
    total = 0
    while total < size:
        words.append(rnd.choice(WORDS))
        total += len(words[-1]) + 1
    return " ".join(words)


def make_job(description: str) -> Job:
    return Job(
        id="j1",
        title="Podcast editor\tneeded for a long series of weekly episodes",
        link="https://example.com/jobs/1",
        feed_ids=["f1"],
        posted=FROZEN_NOW,
        description=description,
        budget=Budget("fixed", "USD", 300.0, 300.0),
        skills=["Audio Editing", "Mixing"],
        country="Indonesia",
    )


JOBS = {
    "short": "Edit two episodes.\n\nClean audio, please.",
    "30 KB": paragraphs(30_000),
    "blank lines, tabs, CJK": "Intro\n\n\n\n\tTabbed\tline\n\n"
    + (CJK + " ") * 12
    + "\n中文段落很长中文段落很长中文段落很长中文段落很长中文段落很长中文段落很长\n\n\nend",
}


def full_wrap(app: App[Any], job: Job, width: int) -> list[Strip]:
    """The whole detail wrapped at once. job_text ends in a newline, which rich draws as a
    last blank line: the view draws nothing after the description, so that line goes."""
    console = app.console
    options = console.options.update(width=width, height=None, highlight=False)
    text = job_text(job, SCORE, FEEDS, None, FROZEN_NOW)
    lines = [Strip(row) for row in console.render_lines(text, options, pad=False)]
    assert lines[-1].text == ""
    return lines[:-1]


def cells(strip: Strip, width: int) -> list[tuple[str, Style]]:
    """What a line shows, padded to the width as render_line pads it (so trailing
    spaces and unstyled vs Style() segments do not count as differences)."""
    padded = strip.adjust_cell_length(width)
    segments = [Segment(s.text, s.style or Style.null()) for s in padded]
    return [(s.text, s.style or Style.null()) for s in Segment.simplify(segments)]


def differences(lazy: list[Strip], full: list[Strip], width: int) -> list[str]:
    out = (
        [f"{len(lazy)} lines drawn, {len(full)} in the full wrap"] if len(lazy) != len(full) else []
    )
    for i, (a, b) in enumerate(zip(lazy, full, strict=False)):
        if cells(a, width) != cells(b, width):
            out.append(f"line {i}: {a.text!r} != {b.text!r}")
    return out


async def shown(pilot: Any, job: Job) -> JobView:
    view = pilot.app.query_one(JobView)
    view.show_job(job, SCORE, FEEDS, None, FROZEN_NOW)
    await pilot.pause()
    return view


async def scroll_to_end(pilot: Any, view: JobView) -> None:
    """Scroll to the bottom until the view stops moving: each time, drawing the new screen
    wraps what it shows, the height grows to the real count, and the next scroll goes
    further. (Not the End key: its animation costs a second a press.)"""
    last = -1.0
    for _ in range(50):
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        if view.scroll_y == last and view._next >= len(view._blocks):
            return
        last = view.scroll_y
    raise AssertionError("the end was never reached")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(JOBS))
async def test_lazy_wrap_equals_full_wrap(name: str, width: int) -> None:
    job = make_job(JOBS[name])
    app = ViewApp()
    async with app.run_test(size=(width + 4, HEIGHT)) as pilot:
        view = await shown(pilot, job)
        assert view.scrollable_content_region.width == width
        full = full_wrap(app, job, width)
        # First only a screenful is wrapped (plus the head): it is the start of the full wrap.
        first = list(view._lines)
        assert min(HEIGHT, len(full)) <= len(first)
        if name == "30 KB":
            assert len(first) < len(full) // 4  # lazy: far from all of it
        assert not differences(first, full[: len(first)], width)
        await scroll_to_end(pilot, view)
        assert not differences(view._lines, full, width)


@pytest.mark.parametrize("width", WIDTHS)
async def test_long_single_line_keeps_words_whole(width: int) -> None:
    """A 10 KB paragraph is wrapped WRAP_PIECE characters at a time, each piece ending
    between words: a line may end early at a piece's end, but no word is cut, nothing is
    lost, nothing moves."""
    paragraph = one_line(10_000)
    assert len(paragraph) > 4 * job_view.WRAP_PIECE
    job = make_job("Before.\n" + paragraph + "\nAfter.")
    app = ViewApp()
    async with app.run_test(size=(width + 4, HEIGHT)) as pilot:
        view = await shown(pilot, job)
        await scroll_to_end(pilot, view)
        full = full_wrap(app, job, width)
        head = full.index(next(s for s in full if s.text == "Before."))
        assert not differences(view._lines[: head + 1], full[: head + 1], width)
        body = [s.text for s in view._lines[head + 1 :]]
        assert body[-1] == "After."
        assert all(Strip([Segment(line)]).cell_length <= width for line in body)
        # Every word whole and in order: a cut word would show up as two tokens.
        assert " ".join(body[:-1]).split() == paragraph.split()
        # The full wrap is at most a few lines shorter (one per piece boundary).
        pieces = -(-len(paragraph) // (job_view.WRAP_PIECE // 2))
        assert len(full) <= len(view._lines) <= len(full) + pieces


async def test_scrolling_to_the_end_makes_the_height_exact() -> None:
    job = make_job(JOBS["30 KB"])
    app = ViewApp()
    async with app.run_test(size=(54, HEIGHT)) as pilot:
        view = await shown(pilot, job)
        full = full_wrap(app, job, 50)
        assert len(view._lines) < len(full)  # lazy: most of it is not wrapped yet
        assert view.virtual_size.height > HEIGHT  # an estimate from the length
        view.focus()
        await pilot.press("end")  # the key the user presses: it wraps as it goes
        await pilot.pause()
        assert view.scroll_y > 0 and len(view._lines) > HEIGHT
        await scroll_to_end(pilot, view)
        assert view._next == len(view._blocks)
        assert view.virtual_size.height == len(view._lines) == len(full)
        assert view.scroll_y == view.max_scroll_y == len(full) - view.size.height
        # The last row on screen is the description's last line.
        assert view.render_line(view.size.height - 1).text.rstrip() == full[-1].text.rstrip()


async def test_a_tiny_wrap_piece_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above is not blind: wrapping 10 characters at a time cuts words and
    breaks paragraphs into short lines, and it finds that."""
    monkeypatch.setattr(job_view, "WRAP_PIECE", 10)
    job = make_job(paragraphs(3_000))
    app = ViewApp()
    async with app.run_test(size=(54, HEIGHT)) as pilot:
        view = await shown(pilot, job)
        await scroll_to_end(pilot, view)
        assert differences(view._lines, full_wrap(app, job, 50), 50)
