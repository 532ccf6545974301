"""Feed errors and warnings are stored in English and translated when shown.

A refresh may run in another language than the screen that shows its result
(``cockpit fetch`` from cron runs in English, the TUI in ``--lang id``), and
parse workers may run in either. So the fetch and parse code build their
messages from the English msgids (``N_``/``EN``) and the store keeps that text;
``shown()`` turns it into the current language by matching it against the
msgids below and translating the parts it recognises. No model field is
needed, and errors stored before this change (plain English) translate the
same way. Text it does not recognise (a server's words, a message stored in
another language) is shown as it is.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from cockpit.i18n import N_, _, format_date, format_number, ngettext

# English lookups for the fetch side: `EN.ngettext(...)` is extracted like `ngettext(...)`.
EN = gettext.NullTranslations()

JOINER = "; "  # between the warnings of one parse (parse.py joins them with it)

# Every message the fetch, parse and refresh code stores, by its English msgid.
TEMPLATES: tuple[str, ...] = (
    # parse.py
    N_("empty body"),
    N_("not a feed: looks like an HTML page"),
    N_("not a feed: the server sent binary data (an image or a file), not text"),
    N_("not read: over {count} XML elements in one feed"),
    N_("malformed XML: {reason}"),
    N_("not a feed: no RSS or Atom channel found"),
    N_("not a feed: invalid JSON ({reason})"),
    N_("not a feed: JSON without jsonfeed version"),
    N_("not a feed: JSON Feed without items"),
    N_("the feed lists {found} entries; read the first {limit}"),
    N_("skipped {count} categories (over {limit} in one entry)"),
    N_("feed is not well-formed ({reason}); read {read}"),
    N_("skipped {count} unreadable entries"),
    N_("skipped {count} unreadable items"),
    N_("line {line}, column {column}: {problem}"),
    # parsepool.py
    N_("could not parse ({kind})"),
    N_("could not parse (the worker stopped)"),
    # fetch.py
    N_("the feed has no address"),
    N_("unsupported address: use https://..., file://... or a file path"),
    N_("too large (over 10 MiB)"),
    N_(
        "not fetched: Upwork closed its RSS feeds in 2024 and forbids polling its site. "
        "Paste the job instead (press a in the inbox)."
    ),
    N_("timeout"),
    N_("too many redirects"),
    N_("refused a redirect to a local or private address ({host})"),
    N_("redirected to an unsupported address"),
    N_("network error ({kind})"),
    N_("could not decompress the response"),
    N_("{status}; retrying after {time}"),
    N_("connection refused"),
    N_("host not found"),
    N_("TLS error (certificate not trusted?)"),
    N_("connection failed"),
    N_("unexpected error ({kind})"),
    N_("{count} messages could not be read ({names})"),
    # mail/source.py
    N_("mail source not found: {path}"),
    N_("{path} is not a Maildir: it needs both a cur/ and a new/ folder"),
    N_("{path} is a folder, not an mbox file (for a Maildir write maildir:PATH)"),
    N_('{path} is not an mbox file: it does not start with "From "'),
    N_("{path} is not a regular file (a pipe or device is never read)"),
    N_("not a mail source: write maildir:PATH or mbox:PATH"),
    N_("the mbox file kept changing while it was read; it is read again next refresh"),
    # freelancer.py
    N_("Freelancer.com said: {message}"),
    N_("Freelancer.com answered with an error"),
    N_("not a Freelancer.com answer: invalid JSON ({reason})"),
    N_("not a Freelancer.com answer: no list of projects"),
    N_("could not read the Freelancer.com answer ({kind})"),
    # body.py
    N_("file:// addresses must point at this computer"),
    N_("unsupported Content-Encoding: {encoding}"),
    N_("file not found: {path}"),
    N_("file not found: {path} (for a web feed, start the address with https://)"),
    N_("{path} is a folder, not a feed file"),
    N_("{path} is a {kind}, not a regular file: only regular files are read"),
    N_("permission denied: {path}"),
    N_("cannot read {path}: {reason}"),
    N_("named pipe (FIFO)"),
    N_("device"),
    N_("socket"),
    N_("special file"),
    # refresh.py, and the demo's stored status
    N_("failed"),
    N_("{count} new"),
    N_("no changes"),
)

# (singular, plural) msgids whose {count} picks the form.
PLURALS: tuple[tuple[str, str], ...] = (
    ("{count} job", "{count} jobs"),
    (
        "skipped {count} entry that took too long to read",
        "skipped {count} entries that took too long to read",
    ),
)

# Fields that hold another message (translated in turn); the rest is data shown as is.
_NESTED = frozenset({"kind", "read", "reason", "problem"})
# Fields that are numbers as the code wrote them ("1,000"): they never swallow a "; ".
_NUMBERS = frozenset({"count", "found", "limit", "line", "column"})
_FIELD = re.compile(r"\{(\w+)\}")
# A text field never spans the "; " between two warnings.
_TEXT = r"(?:(?!; ).)+?"
# What fetch.py writes for a time that is not today: "4 Mar 2026 12:00 UTC".
_DATED = re.compile(r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d\d:\d\d UTC)")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})*")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class _Pattern:
    msgid: str
    plural: str  # "" unless the message has a plural form
    regex: re.Pattern[str]
    literal: int  # characters outside fields: longer templates are tried first


def _compile(msgid: str, plural: str = "") -> _Pattern:
    parts: list[str] = []
    end = 0
    for match in _FIELD.finditer(msgid):
        parts.append(re.escape(msgid[end : match.start()]))
        name = match.group(1)
        body = r"[\d,.]+" if name in _NUMBERS else _TEXT
        parts.append(f"(?P<{name}>{body})")
        end = match.end()
    parts.append(re.escape(msgid[end:]))
    literal = len(_FIELD.sub("", msgid))
    return _Pattern(msgid, plural, re.compile("".join(parts), re.DOTALL), literal)


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    found = [_compile(m) for m in TEMPLATES if _FIELD.search(m)]
    for singular, plural in PLURALS:
        found.append(_compile(singular, plural))
        found.append(_compile(plural, plural))
    return tuple(sorted(found, key=lambda p: -p.literal))


@lru_cache(maxsize=1)
def _plain() -> frozenset[str]:
    return frozenset(m for m in TEMPLATES if not _FIELD.search(m))


def shown(text: str) -> str:
    """A stored feed message in the current language (unknown text unchanged)."""
    if not text:
        return text
    whole = _one(text)
    if whole is not None:
        return whole
    if JOINER not in text:
        return text
    return JOINER.join(_joined(text.split(JOINER)))


def _joined(parts: list[str]) -> list[str]:
    """Warnings joined with "; ", where a warning may itself hold a "; " (longest first)."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            done = _one(JOINER.join(parts[i:j]))
            if done is not None:
                out.append(done)
                i = j
                break
        else:
            out.append(parts[i])
            i += 1
    return out


def _one(text: str) -> str | None:
    """One whole message translated, or None when it is not one of ours."""
    if text in _plain():
        return _(text)
    for pattern in _patterns():
        match = pattern.regex.fullmatch(text)
        if match is None:
            continue
        args = {name: _field(name, value) for name, value in match.groupdict().items()}
        try:
            if pattern.plural:
                singular = pattern.msgid if pattern.msgid != pattern.plural else _singular(pattern)
                count = _count(args.get("count", ""))
                return ngettext(singular, pattern.plural, count).format(**args)
            return _(pattern.msgid).format(**args)
        except (KeyError, IndexError, ValueError):  # a catalog typo must not hide the error
            return text
    return None


def _singular(pattern: _Pattern) -> str:
    return next(s for s, p in PLURALS if p == pattern.plural)


def _count(text: str) -> int:
    digits = text.replace(",", "").replace(".", "")
    return int(digits) if digits.isdigit() else 0


def _field(name: str, value: str) -> str:
    if name in _NESTED:
        return _one(value) or value
    if name == "time":
        return _time(value)
    if name in _NUMBERS and _GROUPED.fullmatch(value):
        return format_number(int(value.replace(",", "")))  # "1,200" reads "1.200" in id
    return value


def _time(value: str) -> str:
    """ "4 Mar 2026 12:00 UTC" with the month in the current language."""
    match = _DATED.fullmatch(value)
    if match is None or match.group(2) not in _MONTHS_EN:
        return value
    day, month, year, clock = match.groups()
    try:
        when = date(int(year), _MONTHS_EN.index(month) + 1, int(day))
    except ValueError:
        return value
    return _("{date} {time}").format(date=format_date(when), time=clock)


def english_time(day: date, clock: str) -> str:
    """The stored form of a time that is not today (``_time`` reads it back)."""
    return f"{format_date(day, 'en')} {clock}"
