"""What may be a feed: http(s) URLs, local files, a Freelancer.com project search
(``freelancer:QUERY``) and a mailbox (``maildir:PATH``, ``mbox:PATH``); never Upwork's pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from cockpit.i18n import N_, _
from cockpit.models import Feed
from cockpit.text import clean

UPWORK_REFUSAL = N_(
    "Upwork closed its job RSS feeds in 2024 and its terms forbid tools that poll its pages, "
    "so Cockpit never fetches upwork.com. Paste the job instead: press a in the Inbox."
)


DEFAULT_INTERVAL: int = Feed(id="", url="").min_interval_minutes
MAX_INTERVAL = 7 * 24 * 60  # a week


def check_interval(raw: str) -> int:
    """Minutes a feed waits between fetches, from what the user typed (empty: default)."""
    text = raw.strip()
    if not text:
        return DEFAULT_INTERVAL
    try:
        minutes = int(text)
    except ValueError:
        raise ValueError(_("the interval must be a whole number of minutes")) from None
    if not 0 <= minutes <= MAX_INTERVAL:
        raise ValueError(
            _("the interval must be between 0 and {most} minutes (a week)").format(
                most=MAX_INTERVAL
            )
        )
    return minutes


def is_upwork(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "upwork.com" or host.endswith(".upwork.com")


def check_feed_url(raw: str) -> str:
    """Return a normalised feed location or raise ValueError with the reason."""
    url = raw.strip()
    if not url:
        raise ValueError(_("the feed URL is empty"))
    # An address never holds control characters; one that does (ESC, C1, bidi
    # marks) is refused without echoing it, so it cannot reach the terminal.
    if clean(url) != url or "\n" in url or "\t" in url:
        raise ValueError(_("the feed address contains control characters"))
    # Imported here: the feed dialog imports this module when the app starts.
    from cockpit.feeds.freelancer import check_source, is_freelancer
    from cockpit.mail.source import check_mail_source

    if is_freelancer(url):
        return check_source(url)
    mail = check_mail_source(url)
    if mail is not None:
        return mail
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a bad IPv6 literal: "http://[::1"
        raise ValueError(_("the feed address is not a valid URL")) from None
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
    if not path.is_file():  # stat only: a FIFO is never opened here (that would hang)
        raise ValueError(
            _("{path} is not a regular file (a folder, pipe or device is never read)").format(
                path=path
            )
        )
    return str(path.resolve())
