"""parse_feed: bytes in, Jobs or a clear error out."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest

from cockpit.feeds import parse as parse_module
from cockpit.feeds.parse import ParseResult, parse_feed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feeds"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def rss(items: str, title: str = "T") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"{items}</channel></rss>"
    ).encode()


HTML_PAGE = "not a feed: looks like an HTML page"
NOT_JSONFEED = "not a feed: JSON without jsonfeed version"
HTML = {"content-type": "text/html; charset=utf-8"}
JSON = {"content-type": "application/json"}
XML = {"content-type": "application/xml"}


@pytest.mark.parametrize(
    ("body", "headers", "error"),
    [
        (b"", {}, "empty body"),
        (b"  \n\t ", {}, "empty body"),
        (fixture("page.html"), {"Content-Type": "text/html"}, HTML_PAGE),
        (b"<html><body>hi</body></html>", {}, HTML_PAGE),
        (b"<p>no doctype</p>", HTML, HTML_PAGE),
        (fixture("not_feed.json"), JSON, NOT_JSONFEED),
        (b"[1, 2]", {}, NOT_JSONFEED),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', {},
         "not a feed: JSON Feed without items"),
        (b"<?xml version='1.0'?><notafeed><x/></notafeed>", XML,
         "not a feed: no RSS or Atom channel found"),
    ],
)  # fmt: skip
def test_not_feeds_give_clear_errors(body: bytes, headers: dict[str, str], error: str) -> None:
    result = parse_feed(body, headers, "f")
    assert result.error == error
    assert result.jobs == []


def test_invalid_json_error() -> None:
    result = parse_feed(b'{"version": "https://jsonfeed.org/version/1.1",', {}, "f")
    assert result.error.startswith("not a feed: invalid JSON (")


def test_malformed_xml_without_entries() -> None:
    result = parse_feed(b"<?xml version='1.0'?><rss><channel><title>x</tit", {}, "f")
    assert result.error.startswith("malformed XML: ")
    assert result.jobs == []


def test_malformed_but_has_entries_gives_jobs_and_warning() -> None:
    result = parse_feed(fixture("malformed.rss"), {"content-type": "application/rss+xml"}, "f")
    assert result.error == ""
    assert result.warning.startswith("feed is not well-formed (")
    assert "read 2 jobs" in result.warning
    assert [job.title for job in result.jobs] == ["First job survives", "Second job survives too"]


def test_valid_empty_feed_is_not_an_error() -> None:
    result = parse_feed(rss("", title="Nothing yet"), {"content-type": "application/rss+xml"}, "f")
    assert result == ParseResult(jobs=[], title="Nothing yet", warning="", error="")


def test_fetched_and_feed_ids_set() -> None:
    before = datetime.now(UTC)
    result = parse_feed(fixture("wwr.rss"), {}, "feed-7")
    assert result.jobs
    for job in result.jobs:
        assert job.feed_ids == ["feed-7"]
        assert job.fetched is not None and before <= job.fetched <= before + timedelta(minutes=1)
        assert job.fetched.tzinfo is not None


def test_links_relative_resolved_unsafe_dropped() -> None:
    body = rss(
        "<item><title>rel</title><link>/jobs/1</link></item>"
        "<item><title>js</title><link>javascript:alert(1)</link></item>"
        "<item><title>data</title><link>data:text/html,hi</link></item>"
        "<item><title>ok</title><link>https://x.example/2</link></item>"
    )
    with_base = {j.title: j.link for j in parse_feed(body, {}, "f", "https://x.example/feed").jobs}
    assert with_base == {
        "rel": "https://x.example/jobs/1",
        "js": "",
        "data": "",
        "ok": "https://x.example/2",
    }
    without_base = {j.title: j.link for j in parse_feed(body, {}, "f").jobs}
    assert without_base["rel"] == ""


def test_dates_out_of_range_or_unparsable_are_none() -> None:
    body = rss(
        "<item><title>a</title><guid>a</guid>"
        "<pubDate>Sat, 01 Jan 2150 00:00:00 +0000</pubDate></item>"
        "<item><title>b</title><guid>b</guid><pubDate>yesterday-ish</pubDate></item>"
        "<item><title>c</title><guid>c</guid>"
        "<pubDate>Sat, 01 Jun 2024 10:00:00 +0200</pubDate></item>"
    )
    posted = {j.title: j.posted for j in parse_feed(body, {}, "f").jobs}
    assert posted["a"] is None
    assert posted["b"] is None
    assert posted["c"] == datetime(2024, 6, 1, 8, 0, tzinfo=UTC)


def test_escape_sequences_in_xml_text_are_stripped() -> None:
    # ESC itself is not a legal XML char, but C1 controls and bidi overrides are.
    body = rss(
        "<item><title>Pay \u202e0001$\u202c now\u0085!\u009b31m</title><guid>1</guid></item>"
    )
    (job,) = parse_feed(body, {}, "f").jobs
    assert job.title.startswith("Pay 0001$ now")  # no override: reads as it is stored
    assert not any(0x80 <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E for ch in job.title)


def test_duplicate_entries_in_one_feed_kept_once() -> None:
    item = "<item><title>Same</title><guid>g-1</guid></item>"
    result = parse_feed(rss(item * 3), {}, "f")
    assert len(result.jobs) == 1


def test_untitled_entry_gets_title_from_description() -> None:
    body = rss(
        "<item><description>First line here&lt;br&gt;second</description><guid>u</guid></item>"
    )
    (job,) = parse_feed(body, {}, "f").jobs
    assert job.title == "First line here"


def test_one_bad_entry_does_not_sink_the_feed(monkeypatch: pytest.MonkeyPatch) -> None:
    real = parse_module.extract_entry

    def flaky(entry: Any, ctx: Any) -> Any:
        if entry.get("title") == "boom":
            raise RuntimeError("odd entry")
        return real(entry, ctx)

    monkeypatch.setattr(parse_module, "extract_entry", flaky)
    body = rss("<item><title>boom</title></item><item><title>fine</title><guid>2</guid></item>")
    result = parse_feed(body, {}, "f")
    assert [j.title for j in result.jobs] == ["fine"]
    assert result.warning == "skipped 1 unreadable entries"


def test_feedparser_only_ever_gets_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    real = feedparser.parse

    def spy(source: Any, **kwargs: Any) -> Any:
        seen.append(source)
        return real(source, **kwargs)

    monkeypatch.setattr(parse_module.feedparser, "parse", spy)
    parse_feed(fixture("wwr.rss"), {}, "f", "https://weworkremotely.com/feed.rss")
    parse_feed(b"/etc/passwd", {}, "f", "file:///etc/passwd")
    assert seen and all(isinstance(s, bytes) for s in seen)


def test_ids_are_stable_across_parses() -> None:
    first = [j.id for j in parse_feed(fixture("upwork.rss"), {}, "a").jobs]
    second = [j.id for j in parse_feed(fixture("upwork.rss"), {}, "b").jobs]
    assert first == second and len(set(first)) == 3


def test_result_pickles_and_runs_in_a_process_pool() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        result = pool.submit(parse_feed, fixture("freelancer.rss"), {}, "fl", "").result(timeout=60)
    assert isinstance(result, ParseResult)
    assert [j.budget.currency if j.budget else None for j in result.jobs] == ["USD", "INR", "USD"]
    assert pickle.loads(pickle.dumps(result)) == result


def _big_upwork_feed(count: int) -> bytes:
    prose = "Long description sentence about audio editing work. " * 20
    item = (
        "<item><title><![CDATA[Podcast edit {n} - Upwork]]></title>"
        "<link>https://www.upwork.com/jobs/x_{n}?source=rss</link><description><![CDATA["
        f"{prose}<br /><br /><b>Hourly Range</b>: $30.00-$54.00\n<br /><b>Posted On</b>: "
        "July 19, 2024 04:41 UTC<br /><b>Category</b>: Audio<br /><b>Skills</b>:Audio Editing,"
        '     Mixing\n<br /><b>Country</b>: India\n<br /><a href="https://www.upwork.com/jobs/'
        'x_{n}">click to apply</a>]]></description>'
        "<pubDate>Fri, 19 Jul 2024 04:41:34 +0000</pubDate>"
        "<guid>https://www.upwork.com/jobs/x_{n}?source=rss</guid></item>"
    )
    return rss("".join(item.replace("{n}", str(n)) for n in range(count)))
