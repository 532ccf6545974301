"""The Inbox's text search and triage undo, each its own small thing (pure).

``Haystack`` holds every job's title, skills and description in one casefolded string,
searched per row with ``str.find(q, start, end)`` (C speed, no copies).
``IncrementalSearch`` scans it in slices between key presses, so a keystroke never waits
for 50,000 descriptions. ``UndoStack`` remembers triage decisions to put back.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from cockpit.models import Triage

UNDO_DEPTH = 100
HAY_CHUNK = 2000  # rows folded per C call while building


def no_pause() -> None:
    pass


class Haystack:
    """Rows joined by "\\0" (a query never spans two jobs), and where each row starts."""

    def __init__(self, parts: list[str], pause: Callable[[], None] = no_pause) -> None:
        self.text, self.starts = _haystack(parts, pause)
        self.rows = len(parts)

    def matches(self, q: str, row: int) -> bool:
        return self.text.find(q, self.starts[row], self.starts[row + 1]) != -1

    def search(self, q: str, rows: list[int]) -> list[int]:
        """``rows`` (in their order) whose text holds ``q``."""
        starts, find = self.starts, self.text.find
        if len(rows) * 4 < self.rows:  # few candidates: look inside each one
            return [i for i in rows if find(q, starts[i], starts[i + 1]) != -1]
        hit = bytearray(self.rows)  # many: one scan of everything, then keep order
        pos = find(q)
        while pos != -1:
            row = bisect.bisect_right(starts, pos) - 1
            hit[row] = 1
            pos = find(q, starts[row + 1])
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
        starts, find = self.hay.starts, self.hay.text.find
        stop = pos + limit if limit else len(base)
        while True:
            end = min(len(base), pos + rows)
            out.extend(i for i in base[pos:end] if find(q, starts[i], starts[i + 1]) != -1)
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


def _haystack(parts: list[str], pause: Callable[[], None] = no_pause) -> tuple[str, list[int]]:
    """Casefolded rows joined by "\\0", and where each row starts (plus the end).

    Folded in chunks (each a short C call that holds the GIL) with ``pause`` between.
    """
    chunks: list[str] = []
    for first in range(0, len(parts), HAY_CHUNK):
        block = parts[first : first + HAY_CHUNK]
        folded = "\0".join(block).casefold()
        if len(folded) != sum(map(len, block)) + len(block) - 1:
            # casefold changed a length (ß -> ss, a few scripts): fold row by row
            block = [p.casefold() for p in block]
            parts[first : first + HAY_CHUNK] = block
            folded = "\0".join(block)
        chunks.append(folded)
        pause()
    hay = "\0".join(chunks) + "\0"
    starts = [0] * (len(parts) + 1)
    offset = 0
    for k, p in enumerate(parts):
        starts[k] = offset
        offset += len(p) + 1
    starts[-1] = offset
    return hay, starts
