"""The Inbox's text search and triage undo, each its own small thing (pure).

``Haystack`` holds every job's title, skills and description casefolded, in pieces of
2048 rows, searched per row with ``str.find(q, start, end)`` (C speed, no copies).
``IncrementalSearch`` scans it in slices between key presses, so a keystroke never waits
for 50,000 descriptions. ``UndoStack`` remembers triage decisions to put back.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from cockpit.models import Triage

UNDO_DEPTH = 100
HAY_CHUNK = 2048  # rows per piece of the haystack (a power of two: row >> SHIFT)
SHIFT = HAY_CHUNK.bit_length() - 1
MASK = HAY_CHUNK - 1


def no_pause() -> None:
    pass


class Haystack:
    """Rows casefolded and joined by "\\0" (a query never spans two jobs), in pieces of
    ``HAY_CHUNK`` rows, with where each row starts in its piece (plus the piece's end).

    Pieces, not one string: each is built and kept on its own, so building never holds
    two copies of every description, and one emoji only widens its own piece (a ``str``
    is as wide as its widest character).
    """

    def __init__(self, parts: Iterable[str] = (), pause: Callable[[], None] = no_pause) -> None:
        self.pieces: list[str] = []
        self.starts: list[list[int]] = []
        self.rows = 0
        self._pause = pause
        self._block: list[str] = []
        for part in parts:
            self.add(part)
        self.close()

    def add(self, part: str) -> None:
        """One more row (its title, skills and description, not yet folded)."""
        self._block.append(part)
        if len(self._block) == HAY_CHUNK:
            self._fold()

    def close(self) -> None:
        """No more rows: fold what is left."""
        if self._block:
            self._fold()

    def _fold(self) -> None:
        block, self._block = self._block, []
        folded = "\0".join(block).casefold()
        if len(folded) != sum(map(len, block)) + len(block) - 1:
            # casefold changed a length (ß -> ss, a few scripts): fold row by row
            block = [p.casefold() for p in block]
            folded = "\0".join(block)
        starts = [0] * (len(block) + 1)
        offset = 0
        for k, p in enumerate(block):
            starts[k] = offset
            offset += len(p) + 1
        starts[-1] = offset
        self.pieces.append(folded + "\0")
        self.starts.append(starts)
        self.rows += len(block)
        self._pause()

    def text(self, row: int) -> str:
        """The row's casefolded text."""
        starts = self.starts[row >> SHIFT]
        k = row & MASK
        return self.pieces[row >> SHIFT][starts[k] : starts[k + 1] - 1]

    def matches(self, q: str, row: int) -> bool:
        starts = self.starts[row >> SHIFT]
        k = row & MASK
        return self.pieces[row >> SHIFT].find(q, starts[k], starts[k + 1]) != -1

    def search(self, q: str, rows: list[int]) -> list[int]:
        """``rows`` (in their order) whose text holds ``q``."""
        if len(rows) * 4 < self.rows:  # few candidates: look inside each one
            return [i for i in rows if self.matches(q, i)]
        hit = bytearray(self.rows)  # many: one scan of everything, then keep order
        for n, (piece, starts) in enumerate(zip(self.pieces, self.starts, strict=True)):
            first = n << SHIFT
            pos = piece.find(q)
            while pos != -1:
                row = bisect.bisect_right(starts, pos) - 1
                hit[first + row] = 1
                pos = piece.find(q, starts[row + 1])
        return [i for i in rows if hit[i]]


class IncrementalSearch:
    """One query over ``base`` rows, scanned a slice at a time into ``out``."""

    def __init__(self, hay: Haystack) -> None:
        self.hay = hay
        self._pending: tuple[str, list[int], int] | None = None

    @property
    def active(self) -> bool:
        return self._pending is not None

    def start(self, q: str, base: list[int]) -> None:
        self._pending = (q, base, 0)

    def stop(self) -> None:
        self._pending = None

    def more(self, out: list[int], rows: int, want: int = 0, limit: int = 0) -> bool:
        """Scan ``rows`` more candidates into ``out``, going on in such slices while fewer
        than ``want`` matches are found (but past at most ``limit`` rows); True when done."""
        if self._pending is None:
            return True
        q, base, pos = self._pending
        pieces, starts = self.hay.pieces, self.hay.starts
        stop = pos + limit if limit else len(base)
        while True:
            end = min(len(base), pos + rows)
            out.extend(
                i
                for i in base[pos:end]
                if pieces[i >> SHIFT].find(
                    q, (st := starts[i >> SHIFT])[i & MASK], st[(i & MASK) + 1]
                )
                != -1
            )
            pos = end
            if pos >= len(base) or len(out) >= want or pos >= stop:
                break
        self._pending = None if pos >= len(base) else (q, base, pos)
        return self._pending is None


class UndoStack:
    """The triage each decision replaced, newest last; the oldest fall off past ``depth``."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.depth = depth
        self._items: list[Triage] = []

    def __len__(self) -> int:
        return len(self._items)

    def push(self, old: Triage) -> None:
        self._items.append(old)
        del self._items[: -self.depth]

    def pop(self) -> Triage | None:
        return self._items.pop() if self._items else None
