"""What may be a feed: http(s) URLs and local files, never Upwork's pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

UPWORK_REFUSAL = (
    "Upwork closed its job RSS feeds in 2024 and its terms forbid tools that poll its pages, "
    "so Cockpit never fetches upwork.com. Paste the job instead: press a in the Inbox."
)


def is_upwork(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "upwork.com" or host.endswith(".upwork.com")


def check_feed_url(raw: str) -> str:
    """Return a normalised feed location or raise ValueError with the reason."""
    url = raw.strip()
    if not url:
        raise ValueError("the feed URL is empty")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.hostname:
            raise ValueError(f"{url!r} has no host name")
        if is_upwork(url):
            raise ValueError(UPWORK_REFUSAL)
        return url
    if scheme == "file":
        return url
    if scheme and len(scheme) > 1:  # one letter is a Windows drive
        raise ValueError(f"{scheme}: feeds are not supported; use http(s), file:// or a path")
    path = Path(url).expanduser()
    if not path.exists():
        raise ValueError(f"no such file: {path}")
    return str(path.resolve())
