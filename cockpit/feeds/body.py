"""Reading a feed body without ever holding more than the 10 MiB cap.

Two sources: an HTTP response body (possibly gzip/deflate encoded) and a local
file. Both stop as soon as the decoded size passes the cap.
"""

from __future__ import annotations

import asyncio
import os
import stat
import zlib
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from cockpit.i18n import N_

MAX_BODY = 10 * 1024 * 1024
# Bytes of bodies being downloaded at once, across all feeds of one client:
# 16 parallel downloads of 10 MiB each would otherwise hold 160 MiB.
MAX_IN_FLIGHT = 48 * 1024 * 1024

__all__ = [
    "MAX_BODY",
    "MAX_IN_FLIGHT",
    "Decoder",
    "MemoryBudget",
    "NotAFile",
    "TooLarge",
    "file_error",
    "local_path",
    "read_file",
]


class TooLarge(Exception):
    """The decoded body passed MAX_BODY."""


def local_path(url: str) -> Path | None:
    """The file a feed address points at, or None for a network address."""
    if url.lower().startswith("file:"):
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ValueError(N_("file:// addresses must point at this computer"))
        return Path(url2pathname(parts.path))
    if "://" in url:
        return None
    return Path(url).expanduser()


class NotAFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: never read as a feed."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(what)
        self.path = path
        self.what = what


_FOLDER = "folder"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _FOLDER
    if stat.S_ISFIFO(mode):
        return N_("named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("device")
    if stat.S_ISSOCK(mode):
        return N_("socket")
    return N_("special file")


def read_file(path: Path) -> bytes:
    """A regular file's bytes (at most the cap); anything else raises NotAFile.

    O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
    for ever. fstat on the opened descriptor, so a swap between a check and the
    open cannot slip a FIFO through.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(path, _kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1  # the file object owns it now
            data = fh.read(MAX_BODY + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_BODY:
        raise TooLarge
    return data


def file_error(exc: OSError, path: Path) -> str:
    # In English: the store keeps it and messages.shown() translates it when shown.
    if isinstance(exc, FileNotFoundError):
        if path.suffix:
            return N_("file not found: {path}").format(path=path)
        return N_(
            "file not found: {path} (for a web feed, start the address with https://)"
        ).format(path=path)
    if isinstance(exc, NotAFile):
        if exc.what == _FOLDER:
            return N_("{path} is a folder, not a feed file").format(path=path)
        return N_("{path} is a {kind}, not a regular file: only regular files are read").format(
            path=path, kind=exc.what
        )
    if isinstance(exc, IsADirectoryError):
        return N_("{path} is a folder, not a feed file").format(path=path)
    if isinstance(exc, PermissionError):
        return N_("permission denied: {path}").format(path=path)
    return N_("cannot read {path}: {reason}").format(
        path=path, reason=exc.strerror or type(exc).__name__
    )


class Decoder:
    """Content-Encoding decoding that never inflates past the cap.

    httpx's own decoders inflate a whole network chunk at once, so a gzip bomb
    could balloon in memory before we could count it. zlib's ``max_length``
    stops at the cap instead.
    """

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.size = 0
        self._z: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
        elif encoding not in ("", "identity"):
            raise ValueError(
                N_("unsupported Content-Encoding: {encoding}").format(encoding=encoding[:40])
            )
        self._started = False

    @property
    def passthrough(self) -> bool:
        return self._z is None

    def feed(self, data: bytes) -> bytes:
        out = data if self._z is None else self._inflate(data)
        self.size += len(out)
        if self.size > MAX_BODY:
            raise TooLarge
        return out

    def _inflate(self, data: bytes) -> bytes:
        assert self._z is not None
        room = MAX_BODY - self.size
        try:
            out = self._z.decompress(data, room + 1)
        except zlib.error:
            if self.encoding != "deflate" or self._started:
                raise
            # Some servers send raw deflate without the zlib header.
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._z.decompress(data, room + 1)
        self._started = True
        # Concatenated gzip members: start over on what is left.
        while self._z.eof and self._z.unused_data and len(out) <= room:
            rest = self._z.unused_data
            self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)
            out += self._z.decompress(rest, room + 1 - len(out))
        return out


class MemoryBudget:
    """A total for the bodies being downloaded at once; a download over it waits.

    Waiting stops reading from the socket, so the server is slowed by TCP flow
    control instead of our memory growing. The oldest download still running
    never waits (so downloads that each hold part of the budget cannot wait for
    one another for ever); the total therefore stays under ``limit`` plus one
    body.
    """

    def __init__(self, limit: int = MAX_IN_FLIGHT) -> None:
        self.limit = limit
        self.used = 0
        self.peak = 0
        self._held: dict[int, int] = {}  # per download, oldest first (dicts keep order)
        self._next = 0
        self._freed: asyncio.Event | None = None

    def open(self) -> int:
        """Start counting one download; pass the token to ``take`` and ``close``."""
        token = self._next
        self._next += 1
        self._held[token] = 0
        return token

    async def take(self, token: int, size: int) -> None:
        while self.used + size > self.limit and next(iter(self._held)) != token:
            if self._freed is None:
                self._freed = asyncio.Event()
            await self._freed.wait()
        self._held[token] += size
        self.used += size
        self.peak = max(self.peak, self.used)

    def close(self, token: int) -> None:
        """The download ended (body handed on, or failed): its bytes no longer count."""
        self.used -= self._held.pop(token, 0)
        if self._freed is not None:
            self._freed.set()  # every waiter re-checks; those that fit go on
            self._freed = None
