"""Projects.co.id project page: Rupiah budget, WIB date, deadline, bids, the owner."""

from __future__ import annotations

from cockpit.feeds.pagepaste.common import (
    Labels,
    Recogniser,
    budget_label,
    count,
    place,
    posted,
    text_field,
)
from cockpit.feeds.pagepaste.draft import Draft
from cockpit.feeds.pagepaste.relative import day_first


def published(d: Draft, value: str) -> bool:
    """ "01/12/2026 14:22:05 WIB": day first, Indonesian time, stored as UTC."""
    if d.has("posted"):
        return False
    d.posted = day_first(value)
    return (d.posted is not None and d.mark("posted")) or posted(d, value)


def bids(d: Draft, value: str) -> bool:
    return count("bids", "bids")(d, value)


def finish_days(d: Draft, value: str) -> bool:
    return count("finish_days", "finish_days", "signals")(d, value)


deadline = text_field("deadline", "deadline")
status = text_field("status", "status")

LABELS: Labels = {
    "published budget": ("budget", budget_label("fixed")),
    "budget dipublikasikan": ("budget", budget_label("fixed")),
    "published date": ("posted", published),
    "tanggal dipublikasikan": ("posted", published),
    "tanggal publikasi": ("posted", published),
    "select deadline": ("deadline", deadline),
    "pilih deadline": ("deadline", deadline),
    "deadline": ("deadline", deadline),
    "finish days": ("finish_days", finish_days),
    "lama pengerjaan": ("finish_days", finish_days),
    "project status": ("status", status),
    "status proyek": ("status", status),
    "status": ("status", status),
    "bid count": ("bids", bids),
    "jumlah bid": ("bids", bids),
    "jumlah penawaran": ("bids", bids),
    "location": ("country", place),
    "lokasi": ("country", place),
    "owner location": ("country", place),
}


def _owner_place(d: Draft, key: str, low: str) -> bool:
    """The owner's place on its own line: "Jakarta, Indonesia"."""
    return "," in low and place(d, key)


CONTENT: list[tuple[str, Recogniser]] = [("place", _owner_place)]
