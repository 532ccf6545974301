"""Export the ledger to a CSV file and import one back.

The file work runs in a thread worker (never on the UI thread); any problem
(a folder that is not there, a bad line in the CSV) is shown in the dialog.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import work
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from cockpit.i18n import N_, _
from cockpit.models import LedgerEntry
from cockpit.ui.dialogs.wallet_base import WalletForm, field_row
from cockpit.wallet import from_csv, to_csv

R = TypeVar("R")

MAX_IMPORT_BYTES = 20 * 1024 * 1024  # a ledger of 100k lines is ~10 MB


def resolve_path(text: str, base: Path) -> Path:
    """``~`` expands; a bare name lands in ``base`` (the data folder)."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else base / path


def write_ledger(path: Path, entries: list[LedgerEntry], *, overwrite: bool) -> tuple[Path, int]:
    """Write the CSV next to its final name, then move it in place."""
    if path.is_dir():
        raise IsADirectoryError(
            _("{path} is a folder; add a file name like ledger.csv.").format(path=path)
        )
    if not path.parent.is_dir():
        raise FileNotFoundError(_("The folder {path} does not exist.").format(path=path.parent))
    if path.exists() and not overwrite:
        raise FileExistsError(
            _("{path} already exists; press Export again to replace it.").format(path=path)
        )
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(to_csv(entries), encoding="utf-8", newline="")
    os.replace(temp, path)
    return path, sum(1 for e in entries if e.kind != "expiry")


def read_ledger(path: Path) -> list[LedgerEntry]:
    if not path.is_file():
        raise FileNotFoundError(_("There is no file {path}.").format(path=path))
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ValueError(_("{path} is too large for a ledger export.").format(path=path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(
            _("{path} is not UTF-8 text; import accepts what export writes.").format(path=path)
        ) from None
    try:
        return from_csv(text)
    except ValueError as err:
        raise ValueError(f"{path.name}, {err}") from None


@dataclass(slots=True)
class Outcome(Generic[R]):
    result: R | None = None
    error: str = ""
    confirm: Path | None = None  # the path to replace if the user submits it again


class PathDialog(WalletForm[R | None]):
    """Ask for a path, run ``action(path, confirmed)`` in a worker, return its result."""

    HINT: ClassVar[str] = ""
    AUTO_FOCUS = "#path"

    def __init__(self, default: Path, base: Path, action: Callable[[Path, bool], R]) -> None:
        super().__init__()
        self.default = default
        self.base = base
        self.action = action
        self._confirmed: Path | None = None
        self.busy = False

    def fields(self) -> Iterable[Widget]:
        yield Static(Text(_(self.HINT)), classes="form-hint")
        yield from field_row(_("File"), Input(str(self.default), id="path"))

    def submit(self) -> None:
        if self.busy:
            return
        raw = self.value("#path")
        if not raw.strip():
            self.show_error(_("Type the path of a CSV file."))
            return
        path = resolve_path(raw, self.base)
        self.busy = True
        self.show_error("")
        self.query_one("#form-error", Static).update(
            Text(_("Working on {path}…").format(path=path))
        )
        self.do_file_work(path, self._confirmed == path)

    @work(thread=True, exit_on_error=False, group="wallet-file")
    def do_file_work(self, path: Path, confirmed: bool) -> Outcome[R]:
        try:
            return Outcome(result=self.action(path, confirmed))
        except FileExistsError as err:
            return Outcome(error=str(err), confirm=path)
        except (OSError, ValueError) as err:
            return Outcome(error=_say(err))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Dismiss only once the worker has finished: closing the screen while
        # its worker still runs would cancel it.
        if event.worker.group != "wallet-file" or event.state != WorkerState.SUCCESS:
            return
        outcome = event.worker.result
        assert isinstance(outcome, Outcome)
        self.busy = False
        if outcome.error:
            self._confirmed = outcome.confirm
            self.show_error(outcome.error)
        else:
            self.dismiss(outcome.result)


def _say(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror and err.filename:
        return f"{err.filename}: {err.strerror}."
    return str(err)


class ExportDialog(PathDialog[tuple[Path, int]]):
    FORM_TITLE = N_("Export the ledger to CSV")
    SAVE_LABEL = N_("Export")
    HINT = N_("Every stored line is written; import reads the same file back.")


class ImportDialog(PathDialog[list[LedgerEntry]]):
    FORM_TITLE = N_("Import a ledger CSV")
    SAVE_LABEL = N_("Import")
    HINT = N_("A file written by export. Lines already in the ledger (same id) are skipped.")
