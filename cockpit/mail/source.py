"""A Maildir or an mbox as a feed source: every refresh re-reads it and keeps only the
messages it has not seen before, by Message-ID (issue 19).

A source is written ``maildir:/abs/path`` or ``mbox:/abs/path``. The feed keeps the keys
of the messages already read (``Feed.seen_messages``); ``read_new`` reads only the header
block of a message whose key is there, so a Maildir of thousands of old alerts costs one
small read per file on the next refresh, and ``mail_fingerprint`` lets the refresh skip a
source that has not changed at all.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import BinaryIO

from cockpit.i18n import N_, _
from cockpit.mail.jobs import job_from_mail
from cockpit.mail.read import MAX_MESSAGE, Skipped, parse_message
from cockpit.models import Job
from cockpit.text import clean, clean_line

MAILDIR = "maildir:"
MBOX = "mbox:"
SEEN_CAP = 5000  # seen ids kept per source (newest)

HEAD_CAP = 256 * 1024  # a header block is kilobytes; past this the rest counts as body
MAX_KEY = 250  # a longer Message-ID is stored as its hash: the seen list stays small
_CHUNK = 1024 * 1024
_FROM = b"\nFrom "
_MESSAGE_ID = re.compile(rb"^message-id[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)
# Headers a mail program rewrites when a message is read or flagged (mbox): not part of
# a message's identity when it has no Message-ID.
_STATE_HEADERS = frozenset(
    {b"status", b"x-status", b"x-keywords", b"x-uid", b"content-length", b"lines"}
    | {b"x-mozilla-status", b"x-mozilla-status2", b"x-mozilla-keys"}
)

# Stored in English (Feed.status.message) and translated where shown; the ValueErrors of
# check_mail_source use the same msgids through _().
NOT_FOUND = N_("mail source not found: {path}")
NOT_MAILDIR = N_("{path} is not a Maildir: it needs both a cur/ and a new/ folder")
MBOX_IS_FOLDER = N_("{path} is a folder, not an mbox file (for a Maildir write maildir:PATH)")
NOT_MBOX = N_('{path} is not an mbox file: it does not start with "From "')
NOT_REGULAR = N_("{path} is not a regular file (a pipe or device is never read)")
PERMISSION = N_("permission denied: {path}")
CANNOT_READ = N_("cannot read {path}: {reason}")
NOT_SOURCE = N_("not a mail source: write maildir:PATH or mbox:PATH")
CHANGING = N_("the mbox file kept changing while it was read; it is read again next refresh")
UNEXPECTED = N_("unexpected error ({kind})")


@dataclass(slots=True)
class MailBatch:
    jobs: list[Job]  # from messages not seen before (cockpit.mail.jobs.job_from_mail)
    seen: list[str]  # the new seen list: old + this run's ids, newest last, capped at SEEN_CAP
    read: int  # messages parsed this time
    skipped: list[Skipped]  # unreadable ones, named (cockpit.mail.read.Skipped)
    error: str = ""  # English (N_) message when the source itself cannot be read
    fingerprint: str = ""


class _SourceError(Exception):
    """The source as a whole cannot be read: an N_ template and its fields."""

    def __init__(self, template: str, **fields: object) -> None:
        super().__init__(template)
        self.template = template
        self.fields = fields

    def english(self) -> str:
        """What the store keeps (messages.shown() translates it where it is shown)."""
        return self.template.format(**self.fields)

    def localised(self) -> str:
        return _(self.template).format(**self.fields)


class _NotRegular(OSError):
    """A FIFO, device or socket where a message or an mbox should be."""


# (message, at most this many bytes, header block only?) -> its bytes
_Reader = Callable[["_Message", int, bool], bytes]


# -- what a source is ---------------------------------------------------------------------


def is_mail_source(url: str) -> bool:
    low = url.strip().lower()
    return low.startswith((MAILDIR, MBOX))


def check_mail_source(raw: str) -> str | None:
    """The canonical ``maildir:/abs`` or ``mbox:/abs`` for what the user typed.

    None when it is not a mail source (an http URL, a feed file, a path that does not
    exist). ValueError with a translated line for a prefixed path that cannot be a source.
    Only stat() and, for an mbox, the first five bytes of a regular file: a FIFO is never
    opened.
    """
    text = raw.strip()
    low = text.lower()
    for prefix in (MAILDIR, MBOX):
        if low.startswith(prefix):
            return _check_prefixed(prefix, text[len(prefix) :].strip())
    if not text or clean(text) != text or "\n" in text or "\t" in text:
        return None  # the feed check refuses such text itself
    if "://" in text or ":" in text.split("/", 1)[0]:
        return None  # a URL or another scheme (freelancer:...), not a bare path
    try:
        path = Path(text).expanduser().resolve()
        mode = path.stat().st_mode
    except (OSError, RuntimeError, ValueError):
        return None
    if stat.S_ISDIR(mode):
        return MAILDIR + str(path) if _has_maildir_folders(path) else None
    if stat.S_ISREG(mode) and _starts_with_from(path):
        return MBOX + str(path)
    return None


def _check_prefixed(prefix: str, rest: str) -> str:
    if clean(rest) != rest or "\n" in rest or "\t" in rest:
        raise ValueError(_("the mail source path contains control characters"))
    if rest.startswith("///"):
        rest = rest[2:]  # maildir:///home/... written like a file:// URL
    if not rest:
        raise ValueError(_("the mail source has no path: write maildir:PATH or mbox:PATH"))
    try:
        path = Path(rest).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        raise ValueError(_(NOT_FOUND).format(path=rest)) from None
    try:
        _check_path(prefix, path)
    except _SourceError as err:
        raise ValueError(err.localised()) from None
    return prefix + str(path)


def _check_path(prefix: str, path: Path) -> None:
    """Raise _SourceError when ``path`` cannot be this kind of source (stat only)."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        raise _os_error(err, path) from None
    if prefix == MAILDIR:
        if not stat.S_ISDIR(mode) or not _has_maildir_folders(path):
            raise _SourceError(NOT_MAILDIR, path=path)
        return
    if stat.S_ISDIR(mode):
        raise _SourceError(MBOX_IS_FOLDER, path=path)
    if not stat.S_ISREG(mode):
        raise _SourceError(NOT_REGULAR, path=path)
    try:
        head = _read_head(path, 5)
    except OSError as err:
        raise _os_error(err, path) from None
    if head and head != b"From ":  # an empty file is an mbox with no message yet
        raise _SourceError(NOT_MBOX, path=path)


def _has_maildir_folders(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _starts_with_from(path: Path) -> bool:
    try:
        return _read_head(path, 5) == b"From "
    except OSError:
        return False


def _split(url: str) -> tuple[str, Path] | None:
    text = url.strip()
    low = text.lower()
    for prefix in (MAILDIR, MBOX):
        if low.startswith(prefix):
            rest = text[len(prefix) :].strip()
            return (prefix, Path(rest).expanduser()) if rest else None
    return None


# -- the cheap change check ---------------------------------------------------------------


def mail_fingerprint(url: str) -> str:
    """sha256 over (name, size, mtime) of new/ and cur/, or the mbox's (size, mtime); "" on
    any error. Equal fingerprints: nothing arrived, moved or changed since the last read."""
    try:
        split = _split(url)
        if split is None:
            return ""
        prefix, path = split
        digest = hashlib.sha256(prefix.encode())
        if prefix == MBOX:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                return ""
            digest.update(f"{st.st_size}\0{st.st_mtime_ns}".encode())
            return digest.hexdigest()
        rows: list[str] = []
        for sub in ("new", "cur"):
            with os.scandir(path / sub) as entries:
                for entry in entries:
                    try:
                        st = entry.stat()
                    except FileNotFoundError:  # moved or deleted while listed
                        continue
                    rows.append(f"{sub}/{entry.name}\0{st.st_size}\0{st.st_mtime_ns}")
        for row in sorted(rows):
            digest.update(row.encode("utf-8", "surrogateescape") + b"\n")
        return digest.hexdigest()
    except (OSError, ValueError):
        return ""


# -- reading the new messages -------------------------------------------------------------


@dataclass(slots=True)
class _Message:
    """One message of a source, read lazily: the header block first, the rest on demand."""

    name: str  # for Skipped: "new/1764…host" or "alerts.mbox #3"
    order: str  # Maildir: the file name without its ":2,S" flags (a move keeps it)
    path: Path | None = None  # Maildir file
    start: int = 0  # mbox: the byte after the "From " line
    stop: int = 0  # mbox: where the next message's "From " line starts


def read_new(url: str, seen: Sequence[str], now: datetime) -> MailBatch:
    """The jobs of the messages in ``url`` whose key is not in ``seen``. Never raises.

    A message's key is its Message-ID header (whitespace stripped, <> kept) or, without
    one, "sha256:" + the hash of its bytes (state headers such as Status: left out, so a
    mail program marking it read does not make it new). A key in ``seen`` costs one read
    of the header block; a message moving from new/ to cur/ keeps its Message-ID, so it
    is not new.

    Broken messages (empty, over 16 MB, not an e-mail, no job readable) are named in
    ``skipped`` once and their keys join ``seen``: reading them again gives the same
    answer, and a refresh must not report them for ever (``cockpit mail import`` can
    still read them). A message that failed on an OSError (permission, a disk error) is
    named but not added, and the batch has no fingerprint, so the next refresh reads the
    source again even when nothing else changed. A Maildir file that vanished
    between the listing and the read (moved to cur/, deleted) is passed over silently.

    Duplicate Message-IDs: the first message with a key is read, later ones are not.
    Only the newest SEEN_CAP messages are looked at (Maildir by file name, which starts
    with the delivery time; mbox by position), and when the list is over the cap the ids
    no longer in the source go first: a box bigger than the cap never re-reads its old
    messages in a loop. The fingerprint is taken before reading, so a message that
    arrives during the read changes it and is picked up next refresh.
    """
    try:
        return _read_new(url, seen, now)
    except Exception as err:  # the last guard of a refresh: store an error, never raise
        return MailBatch([], _capped(list(seen), set()), 0, [], UNEXPECTED.format(kind=_kind(err)))


def _kind(err: BaseException) -> str:
    return type(err).__name__


def _read_new(url: str, seen: Sequence[str], now: datetime) -> MailBatch:
    old = list(dict.fromkeys(s for s in seen if isinstance(s, str) and s))
    split = _split(url)
    if split is None:
        return MailBatch([], old[-SEEN_CAP:], 0, [], NOT_SOURCE)
    prefix, path = split
    fingerprint = mail_fingerprint(url)
    try:
        _check_path(prefix, path)
        read = _read_maildir if prefix == MAILDIR else _read_mbox
        batch, retry = read(path, old, now)
    except _SourceError as err:
        return MailBatch([], old[-SEEN_CAP:], 0, [], err.english())
    # No fingerprint when a message must be tried again: an unchanged source is still read.
    batch.fingerprint = "" if retry else fingerprint
    return batch


def _read_maildir(path: Path, old: list[str], now: datetime) -> tuple[MailBatch, bool]:
    found: dict[str, _Message] = {}
    for sub in ("new", "cur"):  # new/ first: a file moved while listing is kept as cur/
        try:
            with os.scandir(path / sub) as entries:
                # is_file() is a stat: a FIFO or a folder left in new/ is never opened.
                names = [e.name for e in entries if not e.name.startswith(".") and e.is_file()]
        except OSError as err:
            raise _os_error(err, path / sub) from None
        for name in names:
            order = name.split(":", 1)[0]
            found[order] = _Message(f"{sub}/{name}", order, path=path / sub / name)
    messages = sorted(found.values(), key=lambda m: m.order)
    return _read_messages(messages, old, now, _maildir_reader)


def _maildir_reader(message: _Message, limit: int, head_only: bool) -> bytes:
    assert message.path is not None
    fd = _open_regular(message.path)
    with os.fdopen(fd, "rb") as fh:
        if head_only:
            return _head_block(fh, limit)
        return fh.read(limit)


def _read_mbox(path: Path, old: list[str], now: datetime) -> tuple[MailBatch, bool]:
    for _attempt in range(2):
        try:
            before = path.stat()
            fd = _open_regular(path)
        except OSError as err:
            raise _os_error(err, path) from None
        with os.fdopen(fd, "rb") as fh:
            try:
                messages = _mbox_messages(fh, path.name, before.st_size)
            except OSError as err:
                raise _os_error(err, path) from None
            if messages is None:
                raise _SourceError(NOT_MBOX, path=path)
            result = _read_messages(messages, old, now, partial(_mbox_reader, fh))
        try:
            after = path.stat()
        except OSError as err:
            raise _os_error(err, path) from None
        if (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns):
            return result
        # A mail program rewrote or appended to the file while it was read: the offsets
        # may point into another message. Read again; if it keeps changing, next refresh.
    return MailBatch([], old[-SEEN_CAP:], 0, [], CHANGING), False


def _mbox_reader(fh: BinaryIO, message: _Message, limit: int, head_only: bool) -> bytes:
    fh.seek(message.start)
    size = min(limit, message.stop - message.start)
    if head_only:
        return _head_block(fh, size)
    return _strip_separator(fh.read(size), message.stop - message.start <= limit)


def _mbox_messages(fh: BinaryIO, name: str, size: int) -> list[_Message] | None:
    """Each message's span from one pass over the file; None when it is not an mbox."""
    starts: list[int] = []
    offset = 0
    tail = b""
    while offset < size:
        chunk = fh.read(min(_CHUNK, size - offset))
        if not chunk:
            break
        if offset == 0:
            if not chunk.startswith(b"From "[: len(chunk)]):
                return None
            starts.append(0)
        # Search the seam too: "\nFrom " may straddle two chunks.
        data = tail + chunk
        base = offset - len(tail)
        at = data.find(_FROM)
        while at >= 0:
            starts.append(base + at + 1)
            at = data.find(_FROM, at + 1)
        tail = data[-(len(_FROM) - 1) :]
        offset += len(chunk)
    starts = sorted(set(starts))
    messages: list[_Message] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else offset
        # The "From " line itself is not part of the message.
        fh.seek(start)
        line = fh.readline(min(4096, stop - start))
        messages.append(
            _Message(f"{name} #{n + 1}", f"{n:09d}", start=start + len(line), stop=stop)
        )
    return messages


def _strip_separator(data: bytes, whole: bool) -> bytes:
    """The blank line an mbox puts before the next "From " belongs to no message."""
    if whole:
        if data.endswith(b"\r\n\r\n"):
            return data[:-2]
        if data.endswith(b"\n\n"):
            return data[:-1]
    return data


def _read_messages(
    messages: list[_Message],
    old: list[str],
    now: datetime,
    reader: _Reader,
) -> tuple[MailBatch, bool]:
    """The batch, and whether a message must be tried again (an OSError on it)."""
    retry = False
    known = set(old)
    window = messages[-SEEN_CAP:]
    present: set[str] = set()
    fresh: list[str] = []
    jobs: list[Job] = []
    skipped: list[Skipped] = []
    read = 0
    for message in window:
        try:
            key, data = _key(message, reader)
            if key in known or key in present:
                present.add(key)
                continue
            if data is None:
                data = reader(message, MAX_MESSAGE + 1, False)
        except FileNotFoundError:
            continue  # moved or deleted since the listing: the next refresh finds it
        except OSError as err:  # transient: named, not marked seen, tried again
            skipped.append(Skipped(message.name, _reason(err)))
            retry = True
            continue
        present.add(key)
        fresh.append(key)
        read += 1
        item = parse_message(data, message.name)
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        job = job_from_mail(item, now)
        if job is None:
            skipped.append(Skipped(message.name, _("no job could be read")))
        else:
            jobs.append(job)
    return MailBatch(jobs, _capped(old + fresh, present), read, skipped), retry


def _key(message: _Message, reader: _Reader) -> tuple[str, bytes | None]:
    """The message's key, and its bytes when they had to be read to make it."""
    head = reader(message, HEAD_CAP, True)
    match = _MESSAGE_ID.search(head)
    if match is not None:
        value = clean_line(match.group(1).decode("utf-8", "replace"))
        if value.strip("<> "):  # "<>" names nothing: such messages would all be one
            if len(value) > MAX_KEY:
                return "sha256:" + hashlib.sha256(value.encode()).hexdigest(), None
            return value, None
    data = reader(message, MAX_MESSAGE + 1, False)
    return "sha256:" + _content_hash(data), data


def _content_hash(data: bytes) -> str:
    """sha256 of a message without the headers a mail program rewrites as it reads."""
    end = _header_end(data)
    head, body = (data, b"") if end < 0 else (data[:end], data[end:])
    digest = hashlib.sha256()
    for line in head.splitlines(keepends=True):
        name = line.split(b":", 1)[0].strip().lower() if b":" in line else b""
        if name not in _STATE_HEADERS:
            digest.update(line)
    digest.update(body)
    return digest.hexdigest()


def _capped(keys: list[str], present: set[str]) -> list[str]:
    """At most SEEN_CAP keys, newest last; ids no longer in the source are dropped first."""
    keys = list(dict.fromkeys(keys))
    excess = len(keys) - SEEN_CAP
    if excess <= 0:
        return keys
    drop: set[str] = set()
    for key in keys:
        if len(drop) >= excess:
            break
        if key not in present:
            drop.add(key)
    kept = [k for k in keys if k not in drop]
    return kept[-SEEN_CAP:]


# -- bytes ------------------------------------------------------------------------------


def _open_regular(path: Path) -> int:
    """A read descriptor on a regular file; _NotRegular for a FIFO, device or folder.

    O_NONBLOCK so that opening a FIFO never waits for a writer; fstat on the descriptor
    so a swap between a check and the open cannot slip one through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotRegular(N_("not a regular file"))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_head(path: Path, size: int) -> bytes:
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as fh:
        return fh.read(size)


def _head_block(fh: BinaryIO, limit: int) -> bytes:
    """The header block: bytes up to the first blank line, at most ``limit``."""
    data = b""
    while len(data) < limit:
        chunk = fh.read(min(16 * 1024, limit - len(data)))
        if not chunk:
            break
        data += chunk
        end = _header_end(data)
        if end >= 0:
            return data[:end]
    return data


def _header_end(data: bytes) -> int:
    """Where the blank line after the headers starts (-1 when there is none)."""
    if data.startswith((b"\n", b"\r\n")):
        return 0
    ends = [i + 1 for i in (data.find(b"\n\n"), data.find(b"\n\r\n")) if i >= 0]
    return min(ends) if ends else -1


def _reason(err: OSError) -> str:
    if isinstance(err, _NotRegular):
        return _("not a regular file")
    return err.strerror or str(err) or type(err).__name__


def _os_error(err: OSError, path: Path) -> _SourceError:
    """A source-level OSError as a _SourceError with the path."""
    if isinstance(err, FileNotFoundError):
        return _SourceError(NOT_FOUND, path=path)
    if isinstance(err, PermissionError):
        return _SourceError(PERMISSION, path=path)
    if isinstance(err, _NotRegular):
        return _SourceError(NOT_REGULAR, path=path)
    return _SourceError(CANNOT_READ, path=path, reason=err.strerror or type(err).__name__)
