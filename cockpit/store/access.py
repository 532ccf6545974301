"""The narrow face of the store that repositories see.

A repository reads its table's documents, writes through TinyDB's public
``Table`` API on the store's single writer, and asks for a flush. It never sees
the Store's files, locks or storages: the Store implements this protocol, and
``db.py`` imports ``repos.py``, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

from tinydb.table import Table

R = TypeVar("R")
Docs = dict[str, dict[str, Any]]  # doc id (as text) -> document


class TableHost(Protocol):
    """Read a table, write a table, flush: what ``Store`` offers its repositories."""

    def reading(self) -> AbstractContextManager[None]:
        """Hold the store's lock for a consistent read."""
        ...

    def run_write(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Run a change on the single writer; returns once it is durable."""
        ...

    def read_table(self, table: Table) -> Docs:
        """The table's stored documents, not copied: the caller must not mutate them."""
        ...

    def scan_table(self, table: Table) -> Iterator[Docs]:
        """The table in parts (a job shard at a time), none of them kept."""
        ...

    def window(
        self, table: Table, doc_ids: Iterable[int | str], *, last: bool = False
    ) -> AbstractContextManager[None]:
        """Hold these documents (and where new ones go, when ``last``) for one operation."""
        ...

    def expect(self, table: Table, doc_ids: Iterable[int | str]) -> None:
        """The next write to ``table`` changes only these documents (or adds new ones)."""
        ...

    def touched(self, table: Table, doc_ids: Iterable[int | str]) -> None:
        """These documents were just added (their ids were not known before the write)."""
        ...

    def flush(self, table: Table) -> None:
        """Make the table's batched changes durable."""
        ...
