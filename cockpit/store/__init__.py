"""The only package that imports tinydb."""

from cockpit.store.db import SCHEMA_VERSION, Store, StoreLock
from cockpit.store.errors import (
    StoreCorrupt,
    StoreError,
    StoreLocked,
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
    "StoreTooNew",
    "StoreWriteError",
]
