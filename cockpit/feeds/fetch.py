"""Fetching feeds over HTTP (httpx, async) or from disk. No parsing here.

Polite by default: conditional GET with the validators exactly as the server
sent them, at most 2 connections per host, Retry-After honoured, a 10 MiB
cap on the *decoded* body, connect timeout 10 s and a 30 s deadline for the
whole exchange, at most 5 redirects, and User-Agent ``cockpit/<version>``.

``force`` (the user pressed ``R``) skips the minimum refresh interval but never
a ``retry_after_until``: the server (or our backoff after a 429/503) asked us
to wait, and ignoring that gets the user's address blocked. Only 429 and 503
set that wait (Retry-After, else exponential backoff with jitter on
``feed.failures``); other failures are paced by the minimum interval.

Upwork closed its RSS feeds in 2024 and forbids automated polling, so nothing
on upwork.com is ever requested, not even through a redirect.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import importlib.util
import ipaddress
import os
import random
import ssl
import sys
import threading
import weakref
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import httpx

from cockpit import __version__
from cockpit.feeds.body import (
    MAX_BODY,
    Decoder,
    MemoryBudget,
    TooLarge,
    file_error,
    local_path,
    read_file,
)
from cockpit.feeds.messages import english_time
from cockpit.i18n import N_, _, format_date
from cockpit.models import Feed, Job, utcnow
from cockpit.text import clean_line

# httpcore tries `import sniffio` every time it sets up a lock (several times per
# request). When sniffio is not installed, each failed import searches sys.path:
# a third of the time of a 304. A None entry makes that import fail at once.
if importlib.util.find_spec("sniffio") is None:
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

CONNECT_TIMEOUT = 10.0
TOTAL_TIMEOUT = 30.0
MAX_REDIRECTS = 5
PER_HOST = 2
MAX_PARALLEL = 16
USER_AGENT = f"cockpit/{__version__}"
# Longest wait we accept from a Retry-After, and the backoff curve without one.
MAX_RETRY_AFTER = timedelta(days=2)
# More digits than this is more than 2 days in any unit; int() of the whole
# string would be fine, but timedelta(seconds=10**20) overflows.
_RETRY_DIGITS = 9
BACKOFF_BASE = timedelta(minutes=15)
BACKOFF_CAP = timedelta(hours=12)

TOO_LARGE = N_("too large (over 10 MiB)")
UPWORK_REFUSED = N_(
    "not fetched: Upwork closed its RSS feeds in 2024 and forbids polling its site. "
    "Paste the job instead (press a in the inbox)."
)
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)

Outcome = Literal["ok", "not_modified", "unchanged", "skipped", "error"]


@dataclass(slots=True)
class FetchResult:
    feed_id: str
    outcome: Outcome
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: str = ""
    body_hash: str = ""
    error: str = ""  # English (stored); messages.shown() translates it where it is shown
    retry_after_until: datetime | None = None
    note: str = ""  # why a feed was skipped
    # A mail source reads its jobs at fetch time (no body to parse): its jobs, the
    # new list of Message-IDs read, and a warning naming messages it could not read.
    jobs: list[Job] | None = None
    seen: list[str] | None = None
    warning: str = ""


class _Refused(Exception):
    """A request to a host we never contact (raised from the request hook)."""


class _PrivateRedirect(Exception):
    """A redirect hop to a loopback/private address the feed did not start on."""

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


# Request extension with the (host, port) the feed itself names. httpx copies a
# request's extensions onto every redirect hop, so the hook can tell hops apart.
_ORIGIN = "cockpit.origin"
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


@functools.lru_cache(maxsize=1024)  # asked twice per request, for the same few hundred URLs
def is_upwork(url: str) -> bool:
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    return host == "upwork.com" or host.endswith(".upwork.com")


def _host_port(url: httpx.URL) -> tuple[str, int]:
    port = url.port or (443 if url.scheme == "https" else 80)
    return url.host.lower().rstrip("."), port


def _private_ip(text: str) -> bool:
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def _is_private_host(host: str) -> bool:
    """Loopback, private, link-local or otherwise non-public (by literal or by DNS)."""
    host = host.lower().rstrip(".")
    if host in _LOCAL_NAMES or host.endswith(".localhost") or _private_ip(host):
        return True
    try:  # only redirect hops get here, so one lookup per hop is cheap
        async with asyncio.timeout(CONNECT_TIMEOUT):
            infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except (OSError, TimeoutError, UnicodeError):
        return False  # unresolvable: the connection itself fails with a clear message
    return any(_private_ip(str(info[4][0])) for info in infos)


async def _guard_request(request: httpx.Request) -> None:
    # Runs for every request, including each redirect hop.
    if is_upwork(str(request.url)):
        raise _Refused(str(request.url))
    # Never let a feed redirect us onto this machine or the local network (SSRF):
    # a hop that stays on the feed's own host:port is fine (the user chose that
    # address, even a local one); a hop to any other loopback/private host:port
    # is refused, including another port on 127.0.0.1.
    origin = request.extensions.get(_ORIGIN)
    hop = origin is not None and _host_port(request.url) != origin
    if hop and await _is_private_host(request.url.host):
        raise _PrivateRedirect(request.url.host)


class _Gates:
    """Concurrency limits for one client: per host and overall."""

    def __init__(self, per_host: int, parallel: int, total_timeout: float) -> None:
        self.per_host = per_host
        self.total_timeout = total_timeout
        self.overall = asyncio.Semaphore(parallel)
        self.memory = MemoryBudget()  # bytes of bodies downloading at once, all feeds
        self._hosts: dict[str, asyncio.Semaphore] = {}

    def host(self, netloc: str) -> asyncio.Semaphore:
        gate = self._hosts.get(netloc)
        if gate is None:
            gate = self._hosts[netloc] = asyncio.Semaphore(self.per_host)
        return gate


_GATES: weakref.WeakKeyDictionary[httpx.AsyncClient, _Gates] = weakref.WeakKeyDictionary()


@functools.lru_cache(maxsize=4)
def _tls(trust_env: bool, cert_file: str, cert_dir: str) -> ssl.SSLContext:
    # Parsing the CA bundle takes ~0.1 s; a context is safe to share, so do it
    # once per process and settings rather than once per refresh.
    return httpx.create_ssl_context(trust_env=trust_env)


def tls_context(trust_env: bool = True) -> ssl.SSLContext:
    warming = _warming
    if warming is not None and warming is not threading.current_thread():
        warming.join()  # the same context, built already or nearly: never two at once
    env = os.environ
    return _tls(trust_env, env.get("SSL_CERT_FILE", ""), env.get("SSL_CERT_DIR", ""))


_warming: threading.Thread | None = None


def warm_tls() -> None:
    """Start building the default TLS context on a thread, for a caller that has other
    work to do first (``cockpit fetch`` opens the store meanwhile).

    OpenSSL parses the CA bundle, 30-60 ms, without holding the GIL, so the two
    overlap. ``make_client`` waits for it; an error is raised there, as before.
    """
    global _warming
    if _warming is None:
        _warming = threading.Thread(target=_warm, name="cockpit-tls", daemon=True)
        _warming.start()


def _warm() -> None:
    with contextlib.suppress(Exception):  # make_client builds it again and reports it
        tls_context()


def make_client(
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
    per_host: int = PER_HOST,
    max_parallel: int = MAX_PARALLEL,
    transport: httpx.AsyncBaseTransport | None = None,
    trust_env: bool = True,
) -> httpx.AsyncClient:
    """A client for ``fetch_feed``; timeouts are injectable so tests run in a second.

    ``trust_env`` keeps the user's HTTPS_PROXY / SSL_CERT_FILE settings working.
    """
    client = httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        timeout=httpx.Timeout(total_timeout, connect=connect_timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        limits=httpx.Limits(max_connections=max_parallel, max_keepalive_connections=8),
        event_hooks={"request": [_guard_request]},
        # None: httpx's stock transport; proxies from the environment get their own.
        transport=transport,
        http2=False,  # feeds are small; HTTP/2 would need the h2 package and buys nothing here
        trust_env=trust_env,
        verify=tls_context(trust_env),
    )
    _GATES[client] = _Gates(per_host, max_parallel, total_timeout)
    return client


def parse_retry_after(value: str | None, now: datetime) -> datetime | None:
    """Retry-After as seconds or an HTTP date, clamped to [now, now + 2 days]."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # isdigit alone takes "١٢" and "²"
        digits = value.lstrip("0") or "0"
        if len(digits) > _RETRY_DIGITS:
            return now + MAX_RETRY_AFTER
        wait = timedelta(seconds=int(digits))
    else:
        try:
            when = parsedate_to_datetime(value)
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            wait = when - now
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return now + min(max(wait, timedelta(0)), MAX_RETRY_AFTER)


def backoff_until(
    failures: int, now: datetime, rand: Callable[[], float] = random.random
) -> datetime:
    """Exponential backoff from the failures so far, with jitter (x1 to x1.5)."""
    delay = min(BACKOFF_BASE * (2 ** min(max(failures, 0), 10)), BACKOFF_CAP)
    return now + delay * (1 + 0.5 * rand())


def _hhmm(when: datetime, now: datetime | None = None, *, stored: bool = False) -> str:
    """14:05 UTC; with the date too when that is not today (a wait of up to 2 days).

    ``stored``: in English, for a message the store keeps (messages.shown translates it).
    """
    when = when.astimezone(UTC)
    time = when.strftime("%H:%M UTC")
    today = (now or utcnow()).astimezone(UTC).date()
    if when.date() == today:
        return time
    if stored:
        return english_time(when.date(), time)
    return _("{date} {time}").format(date=format_date(when), time=time)


def _skip_reason(feed: Feed, now: datetime, force: bool, local: bool) -> str:
    if feed.retry_after_until is not None and now < feed.retry_after_until:
        return _("server asked us to wait until {time}").format(
            time=_hhmm(feed.retry_after_until, now)
        )
    if force or local or feed.last_fetched is None:
        return ""
    interval = timedelta(minutes=max(feed.min_interval_minutes, 0))
    ready = feed.last_fetched + interval
    if now < ready:
        minutes = max(1, round((ready - now).total_seconds() / 60))
        return _("fetched recently; next fetch in {minutes} min").format(minutes=minutes)
    return ""


async def _read_body(
    response: httpx.Response, headers: dict[str, str], budget: MemoryBudget
) -> bytes:
    """The decoded body; its bytes count against ``budget`` while it downloads."""
    encoding = headers.get("content-encoding", "").strip().lower()
    decoder = Decoder(encoding)
    length = headers.get("content-length", "")
    if decoder.passthrough and length.isdigit() and int(length) > MAX_BODY:
        raise TooLarge
    chunks: list[bytes] = []
    token = budget.open()
    try:
        async for raw in response.aiter_raw():
            chunk = decoder.feed(raw)
            await budget.take(token, len(chunk))  # waits (socket unread) while others hold it
            chunks.append(chunk)
        body = b"".join(chunks)
    finally:
        budget.close(token)  # the join's copy is what the caller keeps; the chunks go now
    return body


def _status_text(code: int) -> str:
    # Our own phrase table: the server's reason phrase is untrusted text.
    try:
        return f"HTTP {code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"HTTP {code}"


def _connect_error(exc: BaseException) -> str:
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 10:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    text = " ".join(str(e) for e in chain).lower()
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in text:
        return N_("connection refused")
    if (
        "name or service not known" in text
        or "nodename nor servname" in text
        or ("getaddrinfo" in text)
    ):
        return N_("host not found")
    if "certificate" in text or "ssl" in text:
        return N_("TLS error (certificate not trusted?)")
    return N_("connection failed")


def _error(
    feed: Feed,
    message: str,
    headers: dict[str, str] | None = None,
    retry_after_until: datetime | None = None,
) -> FetchResult:
    # Messages may quote a server header or a path: never let a control reach a terminal.
    return FetchResult(
        feed.id,
        "error",
        headers=headers or {},
        error=clean_line(message),
        retry_after_until=retry_after_until,
    )


def _plain_address(url: str) -> bool:
    """A web address, a file:// URL or a path: never a mailbox or an API search (those
    start with maildir:, mbox: or freelancer:), so their modules, 25 ms of imports,
    stay unloaded in a `cockpit fetch` of plain feeds."""
    return ":" not in url or url[:8].lower().startswith(("http://", "https://", "file:"))


async def fetch_feed(
    client: httpx.AsyncClient, feed: Feed, *, force: bool = False, now: datetime | None = None
) -> FetchResult:
    """Fetch one feed. Never raises for network or file trouble: see ``error``."""
    now = now or utcnow()
    url = feed.url.strip()
    if not url:
        return _error(feed, N_("the feed has no address"))
    if is_upwork(url):
        return _error(feed, UPWORK_REFUSED)
    api = False
    if not _plain_address(url):
        from cockpit.feeds import freelancer
        from cockpit.mail.source import is_mail_source

        if is_mail_source(url):
            skip = _skip_reason(feed, now, force, local=True)
            if skip:
                return FetchResult(feed.id, "skipped", note=skip)
            return await _fetch_mail(feed, now)
        api = freelancer.is_freelancer(url)
        if api:  # the gates and the deadline below see the first page's address
            url = freelancer.page_url(freelancer.query_of(url), 0)
    try:
        path = None if api else local_path(url)
    except ValueError as exc:
        return _error(feed, str(exc))
    skip = _skip_reason(feed, now, force, local=path is not None)
    if skip:
        return FetchResult(feed.id, "skipped", note=skip)
    if path is not None:
        return await _fetch_file(feed, path)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return _error(feed, N_("unsupported address: use https://..., file://... or a file path"))
    gates = _GATES.get(client)
    if gates is None:
        gates = _GATES[client] = _Gates(PER_HOST, MAX_PARALLEL, TOTAL_TIMEOUT)
    # The deadline starts now, not once the gates open: ten feeds queued on a
    # host that never answers fail together after one deadline, not one after
    # another (the gate wait is part of "how long this feed took").
    try:
        async with asyncio.timeout(gates.total_timeout):
            # Host gate first, so feeds queued behind a busy host do not hold global slots.
            async with gates.host(parts.netloc.lower()), gates.overall:
                if api:
                    return await _get_pages(client, feed, now)
                return await _get(client, feed, url, now)
    except (TimeoutError, httpx.TimeoutException):
        return _error(feed, N_("timeout"))
    except httpx.TooManyRedirects:
        return _error(feed, N_("too many redirects"))
    except _Refused:
        return _error(feed, UPWORK_REFUSED)
    except _PrivateRedirect as exc:
        return _error(
            feed,
            N_("refused a redirect to a local or private address ({host})").format(
                host=clean_line(exc.host)[:80]
            ),
        )
    except TooLarge:
        return _error(feed, TOO_LARGE)
    except (httpx.UnsupportedProtocol, httpx.InvalidURL):
        # InvalidURL: a Location such as javascript:... that httpx cannot even build.
        return _error(feed, N_("redirected to an unsupported address"))
    except httpx.ConnectError as exc:
        return _error(feed, _connect_error(exc))
    except httpx.RemoteProtocolError as exc:
        if "location header" in str(exc).lower():
            return _error(feed, N_("redirected to an unsupported address"))
        return _error(feed, N_("network error ({kind})").format(kind=type(exc).__name__))
    except httpx.HTTPError as exc:
        return _error(feed, N_("network error ({kind})").format(kind=type(exc).__name__))
    except zlib.error:
        return _error(feed, N_("could not decompress the response"))
    except ValueError as exc:  # unsupported Content-Encoding
        return _error(feed, str(exc))


async def _get(client: httpx.AsyncClient, feed: Feed, url: str, now: datetime) -> FetchResult:
    request_headers = {"Accept-Encoding": "gzip, deflate"}
    if feed.etag:
        request_headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        request_headers["If-Modified-Since"] = feed.last_modified
    target = httpx.URL(url)  # parsed once: httpx copies a URL object instead of parsing again
    async with client.stream(
        "GET", target, headers=request_headers, extensions={_ORIGIN: _host_port(target)}
    ) as response:
        headers = {k.lower(): v for k, v in response.headers.items()}
        etag = headers.get("etag", "")
        last_modified = headers.get("last-modified", "")
        code = response.status_code
        if code == 304:
            async for _empty in response.aiter_raw():  # empty, but an unread response
                pass  # costs the connection (raw: no decoder to set up for nothing)
            return FetchResult(
                feed.id,
                "not_modified",
                headers=headers,
                etag=etag or feed.etag,
                last_modified=last_modified or feed.last_modified,
                body_hash=feed.body_hash,
            )
        if code in (429, 503):
            until = parse_retry_after(headers.get("retry-after"), now)
            if until is None:
                until = backoff_until(feed.failures, now)
            message = N_("{status}; retrying after {time}").format(
                status=_status_text(code), time=_hhmm(until, now, stored=True)
            )
            return _error(feed, message, headers=headers, retry_after_until=until)
        if not 200 <= code < 300:
            return _error(feed, _status_text(code), headers=headers)
        gates = _GATES.get(client)
        budget = gates.memory if gates is not None else MemoryBudget()
        body = await _read_body(response, headers, budget)
    body_hash = hashlib.sha256(body).hexdigest()
    # The body is decoded now; a stale encoding/length would mislead the parser.
    headers.pop("content-encoding", None)
    headers.pop("content-length", None)
    if feed.body_hash and body_hash == feed.body_hash:
        return FetchResult(feed.id, "unchanged", None, headers, etag, last_modified, body_hash)
    return FetchResult(feed.id, "ok", body, headers, etag, last_modified, body_hash)


async def _get_pages(client: httpx.AsyncClient, feed: Feed, now: datetime) -> FetchResult:
    """Freelancer.com's project search, page by page, joined into one JSON array.

    A page after the first that fails ends the paging: the pages read are kept.
    """
    from cockpit.feeds import freelancer

    query = freelancer.query_of(feed.url)
    bare = Feed(id=feed.id, url=feed.url)  # no validators: each page is a plain GET
    pages: list[bytes] = []
    offset: int | None = 0
    while offset is not None:
        result = await _get(client, bare, freelancer.page_url(query, offset), now)
        if result.outcome != "ok" or result.body is None:
            if not pages:
                return result
            break
        pages.append(result.body)
        offset = freelancer.next_offset(result.body, offset)
    body = b"[" + b",".join(pages) + b"]"
    body_hash = hashlib.sha256(body).hexdigest()
    if feed.body_hash and body_hash == feed.body_hash:
        return FetchResult(feed.id, "unchanged", body_hash=body_hash)
    return FetchResult(
        feed.id, "ok", body, {"content-type": "application/json"}, body_hash=body_hash
    )


async def _fetch_mail(feed: Feed, now: datetime) -> FetchResult:
    """A Maildir or an mbox: only messages not read before become jobs."""
    from cockpit.mail.source import mail_fingerprint, read_new

    fingerprint = await asyncio.to_thread(mail_fingerprint, feed.url)
    if fingerprint and feed.body_hash == fingerprint:
        return FetchResult(feed.id, "unchanged", body_hash=fingerprint)
    batch = await asyncio.to_thread(read_new, feed.url, feed.seen_messages, now)
    if batch.error:
        return _error(feed, batch.error)
    warning = ""
    if batch.skipped:
        # ", " not "; ": messages.shown() reads "; " as the joint between two warnings.
        names = ", ".join(f"{clean_line(s.name)[:60]}: {s.why}" for s in batch.skipped[:3])
        warning = N_("{count} messages could not be read ({names})").format(
            count=len(batch.skipped), names=names
        )
    return FetchResult(
        feed.id,
        "ok",
        body_hash=batch.fingerprint,  # "" after a passing read error: read again next time
        jobs=batch.jobs,
        seen=batch.seen,
        warning=warning,
    )


async def _fetch_file(feed: Feed, path: Path) -> FetchResult:
    try:
        body = await asyncio.to_thread(read_file, path)
    except TooLarge:
        return _error(feed, TOO_LARGE)
    except OSError as exc:
        return _error(feed, file_error(exc, path))
    body_hash = hashlib.sha256(body).hexdigest()
    if feed.body_hash and body_hash == feed.body_hash:
        return FetchResult(feed.id, "unchanged", body_hash=body_hash)
    return FetchResult(feed.id, "ok", body, {}, body_hash=body_hash)


async def fetch_all(
    feeds: Iterable[Feed],
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    client: httpx.AsyncClient | None = None,
    now: datetime | None = None,
    on_result: Callable[[int, FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Fetch every feed concurrently (within the gates); results in input order.

    ``on_result(index, result)`` runs as each feed finishes, so the caller can
    start on a body while the others are still downloading.
    """
    feeds = list(feeds)
    own = client is None
    active = client if client is not None else make_client()
    done = 0

    async def one(index: int, feed: Feed) -> FetchResult:
        nonlocal done
        try:
            result = await fetch_feed(active, feed, force=force, now=now)
        except Exception as exc:  # a bug must cost one feed, not the refresh
            result = _error(feed, N_("unexpected error ({kind})").format(kind=type(exc).__name__))
        done += 1
        if on_result is not None:
            on_result(index, result)
        if progress is not None:
            progress(done, len(feeds))
        return result

    try:
        return list(await asyncio.gather(*(one(i, f) for i, f in enumerate(feeds))))
    finally:
        if own:
            await active.aclose()
