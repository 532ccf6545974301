"""The base every pane builds on: store access that never blocks the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.containers import Vertical

from cockpit.ui.messages import DataChange, DataKind, Delivers

if TYPE_CHECKING:
    from cockpit.store import Store
    from cockpit.ui.app import CockpitApp

R = TypeVar("R")


class Pane(Delivers, Vertical, can_focus=True):
    """One of the four panes. Subclasses set PANE_ID/TITLE/KEY and BINDINGS."""

    PANE_ID: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    KEY: ClassVar[str] = ""

    DEFAULT_CSS = """
    Pane { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tickets: dict[str, int] = {}
        self._store_seen = False  # store_ready ran (the app opens its store once)

    @property
    def cockpit(self) -> CockpitApp:
        return cast("CockpitApp", self.app)

    @property
    def store(self) -> Store:
        """Only touch this inside a thread worker or through ``store_do``."""
        store = self.cockpit.store
        assert store is not None, "store is not open yet"
        return store

    def store_do(
        self,
        fn: Callable[..., R],
        *args: Any,
        then: Callable[[R], None] | None = None,
    ) -> None:
        """Run ``fn(*args)`` on the store's writer; ``then(result)`` on the UI thread."""
        self.cockpit.store_do(fn, *args, then=then)

    def on_mount(self) -> None:
        self.cockpit.data_signal.subscribe(self, self._data_signalled)
        if self.cockpit.store is not None:  # mounted after the store opened
            self.ready_for_store()

    def ready_for_store(self) -> None:
        """``store_ready`` once, whichever comes last: this pane's mount or the store."""
        if not self._store_seen:
            self._store_seen = True
            self.store_ready()

    def _data_signalled(self, change: DataChange) -> None:
        if change.source != self.PANE_ID:
            self.data_changed(change.kind)

    def changed(self, *kinds: DataKind) -> None:
        """Tell the other panes this pane changed data of ``kinds``."""
        for kind in kinds:
            self.cockpit.data_changed(kind, source=self.PANE_ID)

    # One way every pane drops a stale background result: each load takes a ticket, and
    # a result is applied only if its ticket is still the newest of its kind (a thread
    # worker cannot be stopped mid-read, so an older one may finish after a newer one).
    def new_ticket(self, kind: str = "load") -> int:
        self._tickets[kind] = self._tickets.get(kind, 0) + 1
        return self._tickets[kind]

    def is_newest(self, ticket: int, kind: str = "load") -> bool:
        return self._tickets.get(kind) == ticket

    def store_ready(self) -> None:
        """Called once the store is open. Load data in a worker here."""

    def data_changed(self, kind: DataKind) -> None:
        """Another pane (or the app) changed data of ``kind``."""

    def palette_commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        """Extra palette entries built from data (title, help, callback); clean user text."""
        return []

    def toggle_side(self) -> None:
        """`\\`: flip the side panel (the views, the chart) from its default for this width."""
        self.toggle_class("-side")

    def pane_shown(self) -> None:
        """The pane became visible: put focus where typing is expected."""
        # Focus must move into this pane even before it has loaded, or the Footer
        # keeps showing the previous pane's keys.
        first = next((w for w in self.query("*") if w.focusable), None)
        (first or self).focus()
