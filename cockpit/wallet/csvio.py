"""Ledger export and import as CSV text (the caller reads and writes files).

Only stored lines are written: expiry lines are worked out on replay. Import
accepts exactly what export writes, so ``from_csv(to_csv(x)) == x``.

Text cells that a spreadsheet would run as a formula (starting with = + - @, a
tab or a carriage return) are written with a leading apostrophe, as OWASP
advises; so is text that starts with an apostrophe, and import takes exactly one
off again. A note can hold a job title from a feed, so this is not theoretical.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import datetime

from cockpit.models import LedgerEntry, to_iso
from cockpit.text import clean, clean_line
from cockpit.wallet.ledger import KINDS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def _text_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _text_value(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


COLUMNS = (
    "id", "kind", "amount", "at", "reason", "usd",
    "job_id", "proposal_id", "charged", "reverses", "note",
)  # fmt: skip


def to_csv(entries: list[LedgerEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        if e.kind == "expiry":
            continue
        text = _text_cell
        writer.writerow([
            text(e.id), e.kind, e.amount, to_iso(e.at), text(e.reason),
            "" if e.usd is None else repr(e.usd),
            text(e.job_id), text(e.proposal_id), "true" if e.charged else "false",
            text(e.reverses), text(e.note),
        ])  # fmt: skip
    return out.getvalue()


def from_csv(text: str) -> list[LedgerEntry]:
    """Parse exported text; a bad row raises ValueError naming its line."""
    try:
        return _read(text)
    except csv.Error as exc:  # a field over the csv module's 128 KB limit, a stray NUL...
        raise ValueError(f"the file is not a readable CSV ({exc}).") from None


def _read(text: str) -> list[LedgerEntry]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise ValueError("line 1: the file is empty; expected a ledger CSV header.")
    header = [h.strip().lstrip("\ufeff") for h in header]
    if tuple(header) != COLUMNS:
        raise ValueError(f"line 1: expected the columns {','.join(COLUMNS)}.")
    entries: list[LedgerEntry] = []
    seen: set[str] = set()
    line = reader.line_num + 1
    for row in reader:
        if not any(cell.strip() for cell in row):
            line = reader.line_num + 1
            continue
        try:
            entry = _parse_row(row)
        except ValueError as exc:
            raise ValueError(f"line {line}: {exc}") from None
        if entry.id in seen:
            raise ValueError(f"line {line}: the id {entry.id} appears twice.")
        seen.add(entry.id)
        entries.append(entry)
        line = reader.line_num + 1
    return entries


def _parse_row(row: list[str]) -> LedgerEntry:
    if len(row) != len(COLUMNS):
        raise ValueError(f"expected {len(COLUMNS)} fields, found {len(row)}.")
    cell = dict(zip(COLUMNS, row, strict=True))
    for name in ("id", "reason", "job_id", "proposal_id", "reverses", "note"):
        cell[name] = _text_value(cell[name])
    entry_id = clean_line(cell["id"])
    if not entry_id:
        raise ValueError("the id is empty.")
    kind = cell["kind"].strip()
    if kind == "expiry":
        raise ValueError("expiry lines are worked out from the lots; remove this row.")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}.")
    try:
        amount = int(cell["amount"].strip())
    except ValueError:
        raise ValueError(f"amount {cell['amount']!r} is not a whole number.") from None
    try:
        at = datetime.fromisoformat(cell["at"].strip())
    except ValueError:
        raise ValueError(f"time {cell['at']!r} is not an ISO-8601 time.") from None
    if at.tzinfo is None:
        raise ValueError(f"time {cell['at']!r} has no time zone (write it in UTC, +00:00).")
    usd: float | None = None
    if cell["usd"].strip():
        try:
            usd = float(cell["usd"])
        except ValueError:
            raise ValueError(f"usd {cell['usd']!r} is not a number.") from None
        if not math.isfinite(usd) or usd < 0:
            raise ValueError(f"usd {cell['usd']!r} must be 0 or more.")
    charged = cell["charged"].strip().lower()
    if charged not in ("true", "false"):
        raise ValueError(f"charged must be true or false, not {cell['charged']!r}.")
    return LedgerEntry(
        id=entry_id,
        kind=kind,  # type: ignore[arg-type]  # checked against KINDS above
        amount=amount,
        at=at,
        reason=clean_line(cell["reason"]),
        usd=usd,
        job_id=clean_line(cell["job_id"]),
        proposal_id=clean_line(cell["proposal_id"]),
        charged=charged == "true",
        reverses=clean_line(cell["reverses"]),
        note=clean(cell["note"]),
    )
