"""The only package that imports tinydb."""

from cockpit.store.db import SCHEMA_VERSION, Store, StoreLock
from cockpit.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreReadOnly,
    StoreTooNew,
    StoreWriteError,
)

__all__ = [
    "SCHEMA_VERSION",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreLock",
    "StoreLocked",
    "StoreReadOnly",
    "StoreTooNew",
    "StoreWriteError",
]
