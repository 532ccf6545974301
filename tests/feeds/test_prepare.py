"""prepare.py (encoding, entry cap) and saxdriver.py (buffered expat) on their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import feedparser
import feedparser.api
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.feeds.parse import parse_feed
from cockpit.feeds.prepare import (
    cap_entries,
    cap_tags,
    element_count,
    feedparser_headers,
    to_utf8,
    wide_codec,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLES = sorted((FIXTURES / "feeds").glob("*.*")) + sorted((FIXTURES / "hostile").glob("*.*"))


def rss(n: int) -> bytes:
    items = "".join(f"<item><title>Job {i}</title><guid>g{i}</guid></item>\n" for i in range(n))
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><items>x</items>\n'
        f"{items}</channel></rss>\n"
    ).encode()


def atom(n: int) -> bytes:
    entries = "".join(
        f"<a:entry><a:title>Job {i}</a:title><a:id>{i}</a:id></a:entry>" for i in range(n)
    )
    head = '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>T</a:title>'
    return f"{head}{entries}</a:feed>".encode()


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 60), limit=st.integers(1, 40), make=st.sampled_from([rss, atom]))
def test_cap_entries_keeps_the_first_entries_and_a_well_formed_document(
    n: int, limit: int, make: object
) -> None:
    body = make(n)  # type: ignore[operator]
    capped, found = cap_entries(body, limit)
    parsed = feedparser.parse(capped)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == [f"Job {i}" for i in range(min(n, limit))]
    assert found == (n if n > limit else 0)
    assert (capped == body) == (n <= limit)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30),
    codec=st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-8"]),
)
def test_to_utf8_reads_any_unicode_form(text: str, codec: str) -> None:
    doc = f"<rss><channel><title>{text}</title></channel></rss>"
    body, utf8 = to_utf8(doc.encode(codec))
    assert body.decode("utf-8") == doc
    assert utf8 == (codec != "utf-8" or not doc.isascii())


def test_legacy_bytes_are_left_to_feedparser() -> None:
    latin = "<rss><title>café</title></rss>".encode("latin-1")
    assert to_utf8(latin) == (latin, False)
    assert wide_codec(b"<rss") == ""
    # A body that is not UTF-8 keeps its declared charset; a UTF-8 one is declared so.
    assert feedparser_headers({"Content-Type": "text/xml; charset=koi8-r"}, False) == {
        "content-type": "text/xml; charset=koi8-r"
    }
    assert feedparser_headers({"Content-Location": "http://x/"}, False) == {
        "content-type": "application/xml"
    }
    assert feedparser_headers({"content-type": "text/xml; charset=windows-1252"}, True) == {
        "content-type": "application/xml; charset=utf-8"
    }


@pytest.fixture
def stock_driver() -> Iterator[None]:
    ours = list(feedparser.api.PREFERRED_XML_PARSERS)
    feedparser.api.PREFERRED_XML_PARSERS[:] = ["drv_libxml2"]  # absent: stock expat reader
    yield
    feedparser.api.PREFERRED_XML_PARSERS[:] = ours


def _jobs(path: Path) -> tuple[list[dict[str, object]], str, str]:
    body = path.read_bytes().replace(b"{secret_url}", b"file:///nonexistent")
    result = parse_feed(body, {"content-type": "application/rss+xml"}, "f", "https://x.example/f")
    jobs = [{k: v for k, v in j.to_dict().items() if k != "fetched"} for j in result.jobs]
    return jobs, result.error, result.warning


def test_buffered_driver_is_in_use_and_reads_exactly_like_stock_expat(
    request: pytest.FixtureRequest,
) -> None:
    assert feedparser.api.PREFERRED_XML_PARSERS == ["cockpit.feeds.saxdriver"]
    ours = {path.name: _jobs(path) for path in SAMPLES}
    request.getfixturevalue("stock_driver")
    stock = {path.name: _jobs(path) for path in SAMPLES}
    assert sum(len(jobs) for jobs, _, _ in ours.values()) > 20
    assert ours == stock


@settings(max_examples=30, deadline=None)
@given(
    counts=st.lists(st.integers(0, 12), min_size=1, max_size=4),
    limit=st.integers(1, 6),
    selfclosing=st.booleans(),
)
def test_cap_tags_keeps_the_first_categories_of_each_entry(
    counts: list[int], limit: int, selfclosing: bool
) -> None:
    def cat(i: int) -> str:
        return f'<category term="c{i}"/>' if selfclosing else f"<category>c{i}</category>"

    items = "".join(
        f"<item><title>Job {n}</title>{''.join(cat(i) for i in range(k))}<guid>g{n}</guid></item>"
        for n, k in enumerate(counts)
    )
    body = f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    capped, dropped = cap_tags(body, limit)
    parsed = feedparser.parse(capped)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert dropped == sum(max(0, k - limit) for k in counts)
    for entry, k in zip(parsed.entries, counts, strict=True):
        assert [t.term for t in entry.get("tags", [])] == [f"c{i}" for i in range(min(k, limit))]
        assert entry.id.startswith("g")


def test_element_count_skips_cdata() -> None:
    assert element_count(b"<a><b/></a>") == 3
    html = b"<![CDATA[<p>one</p><p>two</p>]]>"
    assert element_count(b"<a>" + html + b"</a>") == 3  # <a>, the CDATA opener, </a>
    assert element_count(b"<a><![CDATA[<p><p>") == 2  # unterminated: to the end
