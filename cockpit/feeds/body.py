"""Reading a feed body without ever holding more than the 10 MiB cap.

Two sources: an HTTP response body (possibly gzip/deflate encoded) and a local
file. Both stop as soon as the decoded size passes the cap.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

MAX_BODY = 10 * 1024 * 1024

__all__ = ["MAX_BODY", "Decoder", "TooLarge", "file_error", "local_path", "read_file"]


class TooLarge(Exception):
    """The decoded body passed MAX_BODY."""


def local_path(url: str) -> Path | None:
    """The file a feed address points at, or None for a network address."""
    if url.lower().startswith("file:"):
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ValueError("file:// addresses must point at this computer")
        return Path(url2pathname(parts.path))
    if "://" in url:
        return None
    return Path(url).expanduser()


def read_file(path: Path) -> bytes:
    with path.open("rb") as fh:
        data = fh.read(MAX_BODY + 1)
    if len(data) > MAX_BODY:
        raise TooLarge
    return data


def file_error(exc: OSError, path: Path) -> str:
    if isinstance(exc, FileNotFoundError):
        hint = "" if path.suffix else " (for a web feed, start the address with https://)"
        return f"file not found: {path}{hint}"
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder, not a feed file"
    if isinstance(exc, PermissionError):
        return f"permission denied: {path}"
    return f"cannot read {path}: {exc.strerror or type(exc).__name__}"


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
            raise ValueError(f"unsupported Content-Encoding: {encoding[:40]}")
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
