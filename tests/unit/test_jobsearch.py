"""Search and undo, each on its own: a sliced search finds what a whole one does."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from cockpit.jobsearch import Haystack, IncrementalSearch, UndoStack
from cockpit.models import Triage

WORDS = st.sampled_from(["audio", "Podcast", "MIXING", "straße", "strasse", "voice", "ß", "x"])
ROWS = st.lists(st.lists(WORDS, max_size=5).map(" ".join), max_size=40)


@given(ROWS, WORDS, st.integers(1, 7))
def test_a_search_in_slices_finds_what_a_whole_one_does(
    rows: list[str], word: str, slice_: int
) -> None:
    hay = Haystack(list(rows))
    q = word.casefold()
    naive = [i for i, text in enumerate(rows) if q in text.casefold()]
    everything = list(range(len(rows)))
    assert hay.search(q, everything) == naive
    assert [i for i in everything if hay.matches(q, i)] == naive
    scan, out = IncrementalSearch(hay), []
    scan.start(q, everything)
    while not scan.more(out, rows=slice_):
        assert scan.active
    assert out == naive and not scan.active


def test_the_undo_stack_keeps_the_newest_up_to_its_depth() -> None:
    now = datetime(2026, 12, 3, tzinfo=UTC)
    stack = UndoStack(depth=3)
    for n in range(5):
        stack.push(Triage(f"j{n}", "new", False, [], now))
    assert len(stack) == 3
    popped = [t.job_id for t in iter(stack.pop, None)]
    assert popped == ["j4", "j3", "j2"] and stack.pop() is None


@given(ROWS, WORDS, st.integers(1, 7))
def test_pieces_of_a_few_rows_find_what_one_piece_does(
    rows: list[str], word: str, slice_: int
) -> None:
    # Pieces of 4 rows: every search, match and row text crosses piece boundaries.
    import cockpit.jobsearch as js

    saved = js.HAY_CHUNK, js.SHIFT, js.MASK
    js.HAY_CHUNK, js.SHIFT, js.MASK = 4, 2, 3
    try:
        hay = Haystack(list(rows))
        q = word.casefold()
        naive = [i for i, text in enumerate(rows) if q in text.casefold()]
        everything = list(range(len(rows)))
        assert len(hay.pieces) == (len(rows) + 3) // 4
        assert [hay.text(i) for i in everything] == [r.casefold() for r in rows]
        assert hay.search(q, everything) == naive  # one scan of everything
        some = everything[::5]  # few candidates: looked for row by row
        assert hay.search(q, some) == [i for i in naive if i % 5 == 0]
        scan, out = IncrementalSearch(hay), []
        scan.start(q, everything[::-1])
        while not scan.more(out, rows=slice_):
            pass
        assert out == naive[::-1]
    finally:
        js.HAY_CHUNK, js.SHIFT, js.MASK = saved


def test_an_emoji_widens_only_its_own_piece() -> None:
    rows = ["plain mixing job"] * 2048 + ["podcast 🎧 edit"] + ["plain"] * 10
    hay = Haystack(rows)
    assert [p.isascii() for p in hay.pieces] == [True, False]
    assert hay.search("🎧", list(range(len(rows)))) == [2048]
    assert hay.text(2048) == "podcast 🎧 edit" and hay.rows == len(rows)
