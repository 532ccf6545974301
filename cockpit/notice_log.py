"""The log of notices sent for new jobs: one JSON object per line, newest last.

The app and a `cockpit fetch` from cron may append at the same moment, so each
line is one ``os.write`` on an O_APPEND descriptor (the kernel keeps such writes
whole). Reading never raises: a torn or hand-edited line is skipped.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from cockpit.i18n import _, ngettext
from cockpit.models import from_iso, to_iso
from cockpit.paths import Paths
from cockpit.text import clean_line

LOG_NAME = "notices.log"
MAX_LOG_BYTES = 1024 * 1024  # over this, the older half goes
MAX_TITLE = 200
MAX_DETAIL = 200
OUTCOMES = ("sent", "failed", "quiet", "capped", "test")


@dataclass(slots=True)
class NoticeEntry:
    """One line of the log."""

    at: datetime  # UTC
    job_id: str
    title: str
    outcome: str  # "sent" | "failed" | "quiet" | "capped" | "test"
    detail: str = ""  # English, e.g. "exit 1: <stderr first line>"

    def to_json(self) -> bytes:
        record = {
            "at": to_iso(self.at),
            "job_id": self.job_id,
            "title": self.title,
            "outcome": self.outcome,
            "detail": self.detail,
        }
        return orjson.dumps(record) + b"\n"


@dataclass(slots=True)
class NoticeSummary:
    sent: int = 0
    failed: int = 0
    quiet: int = 0
    capped: int = 0
    entries: list[NoticeEntry] = field(default_factory=list)  # this run's

    def line(self) -> str:
        """One translated line for the CLI and the app; "" when nothing happened."""
        parts = []
        if self.sent:
            parts.append(
                ngettext("{count} sent", "{count} sent", self.sent).format(count=self.sent)
            )
        if self.failed:
            text = ngettext("{count} failed", "{count} failed", self.failed)
            parts.append(text.format(count=self.failed))
        if self.quiet:
            text = ngettext(
                "{count} held back in quiet hours", "{count} held back in quiet hours", self.quiet
            )
            parts.append(text.format(count=self.quiet))
        if self.capped:
            text = ngettext(
                "{count} over the hourly limit", "{count} over the hourly limit", self.capped
            )
            parts.append(text.format(count=self.capped))
        return _("Notices: {parts}").format(parts=", ".join(parts)) if parts else ""

    def add(self, entry: NoticeEntry) -> None:
        self.entries.append(entry)
        if entry.outcome in ("sent", "failed", "quiet", "capped"):
            setattr(self, entry.outcome, getattr(self, entry.outcome) + 1)


def short(text: str, limit: int) -> str:
    """One clean line of at most ``limit`` characters (an ellipsis marks a cut)."""
    line = clean_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def log_path(paths: Paths) -> Path:
    return log_in(paths.data)


def log_in(folder: Path) -> Path:
    """The log in a data folder (the app has its store's folder, not a Paths)."""
    return folder / LOG_NAME


def _entry(data: Any) -> NoticeEntry | None:
    if not isinstance(data, dict):
        return None
    stamp, job_id, title, outcome, detail = (
        data.get(k) for k in ("at", "job_id", "title", "outcome", "detail")
    )
    if not (isinstance(stamp, str) and isinstance(job_id, str) and isinstance(title, str)):
        return None
    if outcome not in OUTCOMES:
        return None
    try:
        at = from_iso(stamp)
        at = at.astimezone(UTC) if at else None
    except (ValueError, OverflowError):
        return None
    if at is None:
        return None
    return NoticeEntry(
        at=at,
        job_id=short(job_id, 64),
        title=short(title, MAX_TITLE),
        outcome=str(outcome),
        detail=short(detail if isinstance(detail, str) else "", MAX_DETAIL),
    )


def _lines(path: Path) -> list[bytes]:
    try:
        with path.open("rb") as fh:
            # A log kept bounded is about MAX_LOG_BYTES; a bigger file is read from its tail.
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - 2 * MAX_LOG_BYTES))
            data = fh.read()
    except (OSError, ValueError):
        return []
    return data.split(b"\n")


def read_all(path: Path) -> list[NoticeEntry]:
    """Every readable entry, oldest first; never raises."""
    entries = []
    for line in _lines(path):
        if not line.strip():
            continue
        try:
            entry = _entry(orjson.loads(line))
        except orjson.JSONDecodeError:
            continue
        if entry is not None:
            entries.append(entry)
    return entries


def read_log(path: Path, limit: int = 50) -> list[NoticeEntry]:
    """The newest ``limit`` entries, newest first; never raises, skips bad lines."""
    if limit <= 0:
        return []
    return read_all(path)[::-1][:limit]


def append_entries(path: Path, entries: list[NoticeEntry]) -> str:
    """Append each entry as one write; "" when written, else the error (never raises)."""
    if not entries:
        return ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as err:
        return err.strerror or str(err)
    try:
        for entry in entries:
            os.write(fd, entry.to_json())
    except OSError as err:
        return err.strerror or str(err)
    finally:
        os.close(fd)
    trim_log(path)
    return ""


def trim_log(path: Path, limit: int | None = None) -> None:
    """Over ``limit`` bytes, keep the newest half (whole lines) via a temp file + replace.

    A line another process appends between the read and the replace is lost; the log is
    a record for the user, not a queue, so that is accepted.
    """
    limit = MAX_LOG_BYTES if limit is None else limit
    try:
        if path.stat().st_size <= limit:
            return
        data = path.read_bytes()
    except OSError:
        return
    tail = data[len(data) - limit // 2 :]
    cut = tail.find(b"\n")
    tail = tail[cut + 1 :] if cut >= 0 else b""
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".notices-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(tail)
        os.replace(tmp, path)
        tmp = ""
    except OSError:
        pass
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
