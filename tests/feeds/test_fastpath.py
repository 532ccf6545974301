"""The lxml fast path gives the same jobs as feedparser (issue 18).

Every feed here is read twice, once with the fast path and once with
feedparser alone (COCKPIT_FASTPATH=0), and the results are compared field by
field: the generator's feeds, hand-written arrangements, feedparser's own test
feeds (tests/fixtures/feedparser_corpus), the shared samples when present,
and random RSS from hypothesis.
"""

from __future__ import annotations

import dataclasses
import os
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.feedgen import generate
from cockpit.feeds import fastpath
from cockpit.feeds.parse import ParseResult, TimeBudget, parse_feed
from cockpit.feeds.prepare import MAX_ENTRIES, feedparser_headers, to_utf8

CORPUS = Path(__file__).parent.parent / "fixtures" / "feedparser_corpus" / "feedparser_tests.tar.xz"
SAMPLES = Path("/work/shared/samples")
URL = "https://jobs.example/feeds/list"
RSS = "application/rss+xml"


@contextmanager
def _fast(on: bool) -> Iterator[None]:
    old = os.environ.get("COCKPIT_FASTPATH")
    os.environ["COCKPIT_FASTPATH"] = "1" if on else "0"
    try:
        yield
    finally:
        if old is None:
            del os.environ["COCKPIT_FASTPATH"]
        else:
            os.environ["COCKPIT_FASTPATH"] = old


def _summary(result: ParseResult) -> dict[str, Any]:
    jobs = [dataclasses.asdict(job) | {"fetched": None} for job in result.jobs]
    return {
        "title": result.title,
        "warning": result.warning,
        "error": result.error,
        "partial": result.partial,
        "jobs": jobs,
    }


def _used(body: bytes, content_type: str = RSS) -> bool:
    """Whether the fast path reads this body (rather than handing it to feedparser)."""
    body, utf8 = to_utf8(body)
    with _fast(True):
        return (
            fastpath.read(body, feedparser_headers({"content-type": content_type}, utf8))
            is not None
        )


def _mismatch(body: bytes, content_type: str = RSS, url: str = URL, **kw: Any) -> str:
    """ "" when both paths agree, else the first differing field."""
    headers = {"content-type": content_type} if content_type else {}
    with _fast(True):
        fast = _summary(parse_feed(body, headers, "f", url, **kw))
    with _fast(False):
        slow = _summary(parse_feed(body, headers, "f", url, **kw))
    if fast == slow:
        return ""
    for key in ("title", "warning", "error", "partial"):
        if fast[key] != slow[key]:
            return f"{key}: {fast[key]!r} != {slow[key]!r}"
    if len(fast["jobs"]) != len(slow["jobs"]):
        return f"{len(fast['jobs'])} jobs != {len(slow['jobs'])}"
    for index, (one, two) in enumerate(zip(fast["jobs"], slow["jobs"], strict=True)):
        for name in one:
            if one[name] != two[name]:
                return f"job {index} {name}: {one[name]!r} != {two[name]!r}"
    return "?"


def _same(body: bytes, content_type: str = RSS, url: str = URL, **kw: Any) -> None:
    assert _mismatch(body, content_type, url, **kw) == ""


# --- the generator's six shapes ----------------------------------------------


@pytest.mark.parametrize("seed", range(1, 9))
def test_generated_feeds_agree(seed: int) -> None:
    for feed in generate(12, seed=seed):
        _same(feed.body, feed.content_type)
        assert _used(feed.body, feed.content_type) == (feed.kind != "rdf")


# --- hand-written arrangements -----------------------------------------------

NS = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:media="http://search.yahoo.com/mrss/" xmlns:job="https://jobs.example/ns/job" '
    'xmlns:atom="http://www.w3.org/2005/Atom"'
)


def rss(items: str, channel: str = "<title>Board</title>", ns: str = NS) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" {ns}><channel>{channel}'
        f"{items}</channel></rss>"
    ).encode()


def atom(entries: str, head: str = "<title>Atom board</title>") -> bytes:
    return f'<feed xmlns="http://www.w3.org/2005/Atom">{head}{entries}</feed>'.encode()


ITEMS = {
    "plain": "<item><title>Podcast editor</title><link>https://jobs.example/1</link>"
    "<description>Edit episodes. Budget: $200</description>"
    "<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><guid>https://jobs.example/1</guid></item>",
    "cdata": "<item><title><![CDATA[Mix & master]]></title><link>https://jobs.example/2</link>"
    "<description><![CDATA[<p>Hello <b>there</b></p><b>Budget</b>: $500<br/>"
    "<b>Skills</b>: Mixing, Mastering]]></description></item>",
    "escaped": "<item><title>A &amp;amp; B &lt;i&gt;x&lt;/i&gt;</title>"
    "<link>https://jobs.example/3?a=1&amp;b=2</link>"
    "<description>&lt;p&gt;Para&lt;/p&gt;&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;/ul&gt;</description>"
    "</item>",
    "entities": "<item><title>caf&#233; &#x2014; &#150; &quot;q&quot; &apos;a&apos;</title>"
    "<description>&#60;b&#62;bold&#60;/b&#62; &#128; &#x9d;</description></item>",
    "mojibake": "<item><title>cafÃ© Ã¼ber</title><description>naÃ¯ve</description></item>",
    "charref_mojibake": "<item><title>caf&#195;&#169;</title><description>na&#xC3;&#xAF;ve"
    "</description></item>",
    "namespaces": "<item><title>NS</title><dc:creator>Ann</dc:creator>"
    "<dc:date>2026-03-01T08:00:00Z</dc:date><dc:subject>Audio</dc:subject>"
    "<content:encoded><![CDATA[<p>Full text</p>]]></content:encoded>"
    "<description>short</description>"
    '<media:content url="https://cdn.example/a.mp3" type="audio/mpeg"/>'
    '<media:thumbnail url="https://cdn.example/a.jpg"/>'
    '<media:category scheme="x">Sound</media:category><media:title>Media title</media:title>'
    '<atom:link href="https://jobs.example/alt" rel="alternate"/></item>',
    "content_first": "<item><title>C</title><content:encoded>&lt;p&gt;Body&lt;/p&gt;"
    "</content:encoded><description>Desc</description></item>",
    "jobns": "<item><title>Sound designer</title><link>https://jobs.example/7</link>"
    "<job:company>Acme</job:company><job:location>Remote</job:location>"
    "<job:salary>$60,000 - $80,000</job:salary><job:tags>Audio, Pro Tools</job:tags>"
    "<job:type>Full-time</job:type><category>Audio</category></item>",
    "wwr": "<item><title>Acme: Video editor</title><region>Anywhere</region><type>Contract</type>"
    '<category domain="https://x">Design</category><category>Design</category>'
    "<link>https://weworkremotely.com/jobs/1</link><description>x</description></item>",
    "categories": '<item><title>Cats</title><category domain="d1"/><category>Python</category>'
    '<category domain="d2">Remote</category><category>Python</category>'
    "<category>  Figma </category><category></category></item>",
    "enclosure": '<item><title>Enc</title><enclosure url="https://cdn.example/a.mp3" '
    'length="1" type="audio/mpeg"/><comments>https://jobs.example/c</comments></item>',
    "relative": "<item><title>Rel</title><link>/jobs/9</link><guid>/jobs/9</guid></item>"
    "<item><title>Rel2</title><link>jobs/10#x</link></item>",
    "guid_link": '<item><title>G</title><guid isPermaLink="true">https://jobs.example/g</guid>'
    "</item>"
    '<item><title>G2</title><guid isPermaLink="false">abc-123</guid></item>'
    '<item><title>G3</title><guid isPermaLink="True">https://jobs.example/g3</guid></item>'
    "<item><title>G4</title><guid>https://jobs.example/g4</guid>"
    "<link>https://jobs.example/l4</link></item>",
    "dates": "<item><title>D1</title><pubDate>2026-03-01</pubDate></item>"
    "<item><title>D2</title><pubDate>Tue, 3 Mar 2026 25:99:00 +0700</pubDate></item>"
    "<item><title>D3</title><pubDate>yesterday</pubDate><dc:date>2026-02-01T10:00+07:00</dc:date>"
    "</item><item><title>D4</title><pubDate>Sun, 01 Mar 1800 00:00:00 GMT</pubDate></item>"
    "<item><title>D5</title><pubDate></pubDate></item>"
    "<item><title>D6</title><pubDate>2026-03-04T10:00:00.123+05:30</pubDate></item>",
    "missing": "<item><description>Only a description line\nsecond</description></item>"
    "<item><link>https://jobs.example/only-link</link></item><item></item>"
    "<item><title></title><guid>x</guid></item>",
    "duplicates": "<item><title>First</title><title>Second</title>"
    "<link>https://jobs.example/a</link><link>https://jobs.example/b</link>"
    "<guid>1</guid><guid>2</guid></item>"
    "<item><title>Same</title><link>https://jobs.example/s</link></item>"
    "<item><title>Same</title><link>https://jobs.example/s</link></item>"
    "<item><title></title><title>Late</title></item>",
    "upwork": "<item><title>Edit audio - Upwork</title><link>https://www.upwork.com/jobs/~1</link>"
    "<description><![CDATA[Clean audio<br /><b>Hourly Range</b>: $20.00-$40.00"
    "<br /><b>Posted On</b>: March 1, 2026 10:00 UTC<br /><b>Category</b>: Audio"
    "<br /><b>Skills</b>:Mixing, Audio Editing<br /><b>Country</b>: India"
    '<br /><a href="https://www.upwork.com/jobs/~1">click to apply</a>]]></description></item>',
    "freelancer": "<item><title>Logo</title><link>https://www.freelancer.com/projects/1</link>"
    "<description>Make a logo (Budget: $30 - $250 USD, Jobs: Graphic Design, Logo)</description>"
    "</item>",
    "whitespace": "<item>\n  <title>\n   Spaced \n  </title>\n <!-- a comment -->\n"
    "  <link>\n https://jobs.example/w \n</link>\n  <description>\n\n</description>\n</item>",
    "unknown": "<item><title>U</title><foo>bar</foo><foo:bar xmlns:foo='x'/>"
    "<slash:comments xmlns:slash='http://purl.org/rss/1.0/modules/slash/'>3</slash:comments>"
    "</item>",
    "image_channel": "<item><title>T</title></item>",
    "link_amp": "<item><title>L</title><link>https://jobs.example/x?a=1&amp;amp;b=2&amp;c;</link>"
    "</item>",
}
CHANNELS = {
    "image_channel": "<image><title>Logo</title><url>https://jobs.example/l.png</url>"
    "<link>https://jobs.example</link></image><title>After image</title>",
}


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_arrangements_agree(name: str) -> None:
    body = rss(ITEMS[name], CHANNELS.get(name, "<title>Board</title>"))
    _same(body)
    _same(body, content_type="")
    _same(body, content_type="text/xml")
    _same(body, url="")


@pytest.mark.parametrize(
    "name", ["plain", "cdata", "escaped", "namespaces", "jobns", "wwr", "dates", "duplicates"]
)
def test_common_arrangements_take_the_fast_path(name: str) -> None:
    assert _used(rss(ITEMS[name]))


ATOMS = {
    "plain": "<entry><title>A</title><link href='https://jobs.example/a'/><id>urn:a</id>"
    "<updated>2026-03-01T00:00:00Z</updated><summary>Plain text &lt;b&gt;</summary></entry>",
    "html": "<entry><title type='html'>A &amp;amp; B</title>"
    "<link rel='alternate' type='text/html' href='https://jobs.example/h'/>"
    "<published>2026-03-02T00:00:00+02:00</published>"
    "<content type='html'>&lt;p&gt;Body&lt;/p&gt;</content>"
    "<summary type='text'>Sum</summary><category term='Audio' label='Sound'/>"
    "<category term='Figma'/><author><name>Ann</name><email>a@x</email></author></entry>",
    "id_link": "<entry><id>https://jobs.example/id</id><title>I</title></entry>"
    "<entry><title>J</title><link rel='related' href='https://x.example/r'/>"
    "<link type='application/json' href='https://x.example/j'/></entry>"
    "<entry><title>K</title><link href='/rel/k'/><link rel='self' href='https://x/s'/></entry>",
    "content_first": "<entry><title>C</title><content>text body</content>"
    "<summary type='html'>&lt;i&gt;s&lt;/i&gt;</summary></entry>",
}


@pytest.mark.parametrize("name", sorted(ATOMS))
def test_atom_arrangements_agree(name: str) -> None:
    body = atom(ATOMS[name])
    _same(body, "application/atom+xml")
    assert _used(body, "application/atom+xml")


FALLBACKS = {
    "doctype": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY j "Job">]><rss version="2.0">'
    b"<channel><item><title>&j;</title></item></channel></rss>",
    "html_entity": rss("<item><title>caf&eacute;</title></item>"),
    "xml_base": atom(
        "<entry xml:base='https://b.example/'><title>B</title><link href='x'/></entry>"
    ),
    "xhtml": atom(
        "<entry><title>X</title><content type='xhtml'>"
        "<div xmlns='http://www.w3.org/1999/xhtml'><p>hi</p></div></content></entry>"
    ),
    "rdf": generate(6)[5].body,
    "nested_ns": rss("<item xmlns:x='https://x/'><title>N</title><x:y>1</x:y></item>"),
    "latin1": rss("<item><title>caf\xe9</title></item>").replace(b"utf-8", b"iso-8859-1")
    .replace("\xe9".encode(), b"\xe9"),
    "two_descriptions": rss("<item><title>T</title><description>a</description>"
                            "<description>b</description></item>"),
    "prefix_clash": rss(
        "<item><title>T</title><dc:date>2026-03-01</dc:date></item>",
        ns='xmlns:dc="https://other.example/dc" xmlns:d="http://purl.org/dc/elements/1.1/"',
    ),
    "itunes_summary": rss(
        "<item><title>T</title><itunes:summary>s</itunes:summary></item>",
        ns='xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
    ),
    "broken": b"<rss><channel><item><title>x</item></channel></rss>",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(FALLBACKS))
def test_fallbacks_agree(name: str) -> None:
    body = FALLBACKS[name]
    assert not _used(body)
    _same(body)


@pytest.mark.parametrize(
    "content_type",
    ["text/xml; charset=utf-16", "text/xml; charset=utf-8", "text/xml; charset=koi8-r"],
)
def test_charset_in_headers_agrees(content_type: str) -> None:
    _same(rss(ITEMS["plain"] + ITEMS["charref_mojibake"]), content_type)


def test_utf16_body_agrees() -> None:
    body = rss(ITEMS["entities"] + ITEMS["mojibake"]).replace(b"utf-8", b"utf-16")
    _same(body.decode().encode("utf-16"))


# --- the parse budget rules --------------------------------------------------


def test_entry_cap_warns_the_same() -> None:
    items = "".join(
        f"<item><title>Job {n}</title><link>https://jobs.example/{n}</link></item>"
        for n in range(MAX_ENTRIES + 5)
    )
    body = rss(items)
    assert _used(body)
    _same(body)


def test_time_budget_cuts_the_same() -> None:
    ticks = iter(range(10**6))

    def budget() -> TimeBudget:
        nonlocal ticks
        ticks = iter(range(10**6))
        return TimeBudget(entry_seconds=0.5, feed_seconds=6, clock=lambda: next(ticks))

    body = rss("".join(f"<item><title>T{n}</title></item>" for n in range(10)))
    with _fast(True):
        fast = _summary(parse_feed(body, {}, "f", URL, budget=budget()))
    with _fast(False):
        slow = _summary(parse_feed(body, {}, "f", URL, budget=budget()))
    assert fast == slow
    assert fast["partial"] and fast["warning"]


# --- feedparser's own test feeds ----------------------------------------------


def _corpus() -> list[tuple[str, bytes]]:
    with tarfile.open(CORPUS) as archive:
        return [
            (member.name, archive.extractfile(member).read())  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.isfile() and member.name.endswith(".xml")
        ]


def test_feedparser_corpus_agrees() -> None:
    feeds = _corpus()
    assert len(feeds) > 1000
    bad = [f"{name}: {why}" for name, body in feeds if (why := _mismatch(body, content_type=""))]
    assert bad == []
    assert sum(_used(body, "") for _, body in feeds) > 300  # the fast path is really exercised


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="no shared samples here")
def test_shared_samples_agree() -> None:
    for path in sorted(SAMPLES.iterdir()):
        if path.is_file():
            assert _mismatch(path.read_bytes()) == "", path.name


# --- random RSS --------------------------------------------------------------

_TEXT = st.text(
    st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n\t&<>\"'\x85\x9d"
    ),
    max_size=40,
)
_WORDS = st.sampled_from(
    ["Python", "Remote", "Budget: $50", "<b>Skills</b>: Figma", "&amp;", "é", "Ã©", " ", ""]
)


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def _items(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(
            st.sampled_from(
                ["title", "link", "description", "guid", "pubDate", "category", "dc:creator",
                 "content:encoded", "job:tags", "job:company", "region", "type", "comments"]
            )
        )  # fmt: skip
        text = draw(st.one_of(_TEXT, _WORDS))
        if kind == "link":
            text = draw(st.sampled_from(["https://jobs.example/", "/rel/", "jobs/", ""])) + text
        if kind == "pubDate":
            text = draw(st.sampled_from(["Mon, 02 Mar 2026 10:00:00 GMT", "2026-03-01", text]))
        body = f"<![CDATA[{text}]]>" if "]]>" not in text and draw(st.booleans()) else _x(text)
        attrs = ' isPermaLink="false"' if kind == "guid" and draw(st.booleans()) else ""
        parts.append(f"<{kind}{attrs}>{body}</{kind}>")
    return "<item>" + "".join(parts) + "</item>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_items(), min_size=1, max_size=5), _TEXT)
def test_random_rss_agrees(items: list[str], title: str) -> None:
    _same(rss("".join(items), f"<title>{_x(title)}</title>"))


@st.composite
def _entries(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(
            st.sampled_from(["title", "link", "id", "updated", "published", "summary", "content",
                             "category", "author"])
        )  # fmt: skip
        text = _x(draw(st.one_of(_TEXT, _WORDS)))
        kind_attr = draw(st.sampled_from(["", " type='html'", " type='text'"]))
        if kind == "link":
            rel = draw(st.sampled_from(["", " rel='alternate'", " rel='related'", " rel='self'"]))
            href = draw(st.sampled_from(["https://jobs.example/a", "/rel/b", "c?x=1&amp;y=2"]))
            parts.append(f"<link{rel} href='{href}'/>")
        elif kind == "category":
            parts.append(f"<category term='{text}' label='{_x(draw(_WORDS))}'/>")
        elif kind == "author":
            parts.append(f"<author><name>{text}</name></author>")
        elif kind in ("updated", "published"):
            date = draw(st.sampled_from(["2026-03-01T10:00:00Z", "2026-03-01", "junk", ""]))
            parts.append(f"<{kind}>{date}</{kind}>")
        elif kind in ("title", "summary", "content"):
            parts.append(f"<{kind}{kind_attr}>{text}</{kind}>")
        else:
            parts.append(f"<{kind}>{text}</{kind}>")
    return "<entry>" + "".join(parts) + "</entry>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_entries(), min_size=1, max_size=5))
def test_random_atom_agrees(entries: list[str]) -> None:
    _same(atom("".join(entries)), "application/atom+xml")
