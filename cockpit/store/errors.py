"""Store errors carry a message a user can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class; ``str(err)`` is the message shown to the user."""


class StoreLocked(StoreError):
    def __init__(self, folder: Path, pid: int | None = None) -> None:
        who = f"Another Cockpit (pid {pid})" if pid else "Another Cockpit"
        super().__init__(
            f"{who} is already using {folder}. Close it first "
            "(or pass --data-dir to use a different folder)."
        )
        self.folder = folder
        self.pid = pid


class StoreReadOnly(StoreError):
    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"{folder} is open read-only here (another Cockpit holds it); nothing was saved."
        )


class StoreCorrupt(StoreError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Cannot read {path}: {reason}.")
        self.path = path
        self.reason = reason
        self.moved_to: Path | None = None


class StoreTooNew(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer Cockpit (schema {found}; this one knows up to "
            f"{supported}). Upgrade Cockpit to open it. The file was left untouched."
        )
        self.path = path


class StoreWriteError(StoreError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"Could not save {path}: {reason}. That change was not made (what you see is "
            "what is on disk); nothing on disk was damaged. Try again once that is fixed."
        )
        self.path = path
        self.reason = reason


class StoreConflict(StoreWriteError):
    """The file changed under us: another program (or Cockpit) wrote it."""

    def __init__(self, path: Path) -> None:
        StoreError.__init__(
            self,
            f"{path} was changed by another program since Cockpit read it (a second Cockpit?). "
            "Cockpit did not overwrite it and did not make your last change. Quit and start "
            "Cockpit again to see what is there.",
        )
        self.path = path
        self.reason = "changed by another program"
