"""Reading messages: one .eml, an mbox, a Maildir (or a folder of .eml files).

Nothing here raises on a message: one that cannot be read becomes a ``Skipped``
with its name and why, and the rest go on.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from cockpit.feeds.html import html_to_text
from cockpit.i18n import _
from cockpit.text import clean, clean_line

MAX_MESSAGE = 16 * 1024 * 1024  # an alert is kilobytes; bigger is an attachment dump
MAX_MESSAGES = 20_000  # one import; a bigger mailbox is read in the next run
MAX_HTML = 2 * 1024 * 1024


@dataclass(slots=True)
class Mail:
    name: str  # where it came from: the file, or "box.mbox #3", for the report
    sender: str  # the From address, lower case
    subject: str
    message_id: str
    date: datetime | None
    text: str  # the body as plain text (the HTML part cleaned when there is no text part)
    html: str = ""  # the raw HTML part, bounded: links live in its hrefs


@dataclass(slots=True)
class Skipped:
    name: str
    why: str


def read_path(path: Path) -> Iterator[Mail | Skipped]:
    """Every message under ``path``, in order; never raises."""
    try:
        if path.is_dir():
            if (path / "cur").is_dir() or (path / "new").is_dir():
                yield from _maildir(path)
            else:
                yield from _folder(path)
            return
        with path.open("rb") as fh:
            head = fh.read(5)
        if head == b"From ":
            yield from _mbox(path)
        else:
            yield _file(path, path.name)
    except OSError as err:
        yield Skipped(path.name or str(path), err.strerror or str(err))


def _file(path: Path, name: str) -> Mail | Skipped:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_MESSAGE + 1)
    except OSError as err:
        return Skipped(name, err.strerror or str(err))
    return parse_message(data, name)


def _folder(path: Path) -> Iterator[Mail | Skipped]:
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".eml")
    if not files:
        yield Skipped(path.name, _("no .eml files and no Maildir (cur/, new/) in this folder"))
    for file in files[:MAX_MESSAGES]:
        yield _file(file, file.name)


def _maildir(path: Path) -> Iterator[Mail | Skipped]:
    # new/ and cur/ by hand rather than mailbox.Maildir: a stray file must only skip itself.
    files: list[Path] = []
    for sub in ("new", "cur"):
        folder = path / sub
        if folder.is_dir():
            files.extend(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    for file in sorted(files, key=lambda p: p.name)[:MAX_MESSAGES]:
        yield _file(file, f"{file.parent.name}/{file.name}")


def _mbox(path: Path) -> Iterator[Mail | Skipped]:
    box = mailbox.mbox(path, create=False)
    try:
        for n, key in enumerate(box.iterkeys(), start=1):
            if n > MAX_MESSAGES:
                break
            name = f"{path.name} #{n}"
            try:
                data = box.get_bytes(key)
            except Exception as err:  # a torn mbox: this message only
                yield Skipped(name, str(err) or type(err).__name__)
                continue
            yield parse_message(data[: MAX_MESSAGE + 1], name)
    finally:
        box.close()


def parse_message(data: bytes, name: str) -> Mail | Skipped:
    """One message's bytes; a ``Skipped`` when nothing useful can be read."""
    try:
        return _parse(data, name)
    except Exception as err:  # the email package on hostile input: skip, never stop
        return Skipped(name, _("unreadable message ({error})").format(error=type(err).__name__))


def _parse(data: bytes, name: str) -> Mail | Skipped:
    if len(data) > MAX_MESSAGE:
        return Skipped(name, _("over 16 MB; an alert e-mail is much smaller"))
    if not data.strip():
        return Skipped(name, _("empty file"))
    msg = BytesParser(policy=policy.default).parsebytes(data)
    subject = clean_line(_header(msg, "subject"))
    sender = parseaddr(_header(msg, "from"))[1].strip().lower()
    text, html = _body(msg)
    if not msg.keys() or not (subject or text.strip()):
        return Skipped(name, _("not an e-mail: no headers, or no subject and no text"))
    return Mail(
        name=name,
        sender=sender,
        subject=subject,
        message_id=clean_line(_header(msg, "message-id")).strip("<>")[:300],
        date=_date(_header(msg, "date")),
        text=text,
        html=html,
    )


def _header(msg: Message, key: str) -> str:
    try:
        value = msg.get(key)
        return "" if value is None else str(value)
    except Exception:  # a header the parser chokes on: its raw text is still worth having
        for k, v in msg.raw_items():
            if k.lower() == key:
                return str(v)
        return ""


def _date(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _body(msg: Message) -> tuple[str, str]:
    """(plain text, raw html): the text part first, else the HTML part cleaned."""
    plain = html = ""
    if isinstance(msg, EmailMessage):
        part = _safe_body(msg, ("plain",))
        if part is not None:
            plain = _decoded(part)
        hpart = _safe_body(msg, ("html",))
        if hpart is not None:
            html = _decoded(hpart)[:MAX_HTML]
    if not plain.strip() and html:
        plain = html_to_text(html)
    if not plain.strip() and not html and not msg.is_multipart():
        plain = _decoded(msg)  # a bare body with an odd content type
    return clean(plain).strip(), html


def _safe_body(msg: EmailMessage, kinds: tuple[str, ...]) -> Message | None:
    try:
        return msg.get_body(preferencelist=kinds)
    except Exception:
        return None


def _decoded(part: Message) -> str:
    """The part's text: its charset when known, else UTF-8 with replacements."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if not isinstance(payload, bytes):
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    try:
        return payload.decode(part.get_content_charset() or "utf-8", "replace")
    except Exception:  # an unknown charset name, or a codec that is not a text encoding
        return payload.decode("utf-8", "replace")
