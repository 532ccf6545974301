from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from cockpit.feeds.pagepaste import PasteResult, read_page

PAGES = Path(__file__).parent / "pages"
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def page(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


def read(name: str, url: str = "") -> PasteResult:
    return read_page(page(name), url=url, now=NOW)
