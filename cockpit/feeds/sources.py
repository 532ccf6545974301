"""What may be a feed: http(s) URLs and local files, never Upwork's pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from cockpit.i18n import N_, _

UPWORK_REFUSAL = N_(
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
        raise ValueError(_("the feed URL is empty"))
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.hostname:
            raise ValueError(_("{url!r} has no host name").format(url=url))
        if is_upwork(url):
            raise ValueError(_(UPWORK_REFUSAL))
        return url
    if scheme == "file":
        return url
    if scheme and len(scheme) > 1:  # one letter is a Windows drive
        raise ValueError(
            _("{scheme}: feeds are not supported; use http(s), file:// or a path").format(
                scheme=scheme
            )
        )
    path = Path(url).expanduser()
    if not path.exists():
        raise ValueError(_("no such file: {path}").format(path=path))
    return str(path.resolve())
