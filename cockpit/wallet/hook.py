"""The balance a backup's manifest records, worked out by the wallet for the store.

The store sits below the wallet, so it cannot replay a ledger itself; whoever
opens a store (the app, the CLI) hands it this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from cockpit.models import LedgerEntry, utcnow

if TYPE_CHECKING:
    from cockpit.store import Store


def wallet_balance(store: Store) -> Callable[[Sequence[LedgerEntry]], int | None]:
    def balance(entries: Sequence[LedgerEntry]) -> int | None:
        from cockpit.wallet import replay

        if not entries:
            return None
        return replay(list(entries), utcnow(), store.settings.get()).balance

    return balance
