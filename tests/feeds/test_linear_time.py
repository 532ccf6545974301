"""Issue #15 point 1: every recogniser that reads feed text runs in linear time.

Each extractor is fed about 1 MB of its worst input (long runs of digits,
spaces, commas, "$", repeated "Budget:" fragments, one line with no newline,
"<a<a<a..." markup...) and must finish well under the hostile corpus's 5 s. A
quadratic regex takes minutes to hours on these; a linear one, milliseconds.
A watchdog (SIGALRM) ends a runaway case a little after the limit, so a
regression fails the test instead of hanging the suite (the regex engine
checks for signals while it backtracks).

Then the parse time budget: an entry slower than its budget is dropped, and
past the feed's deadline the rest are skipped, with a warning that says so;
the rest of the refresh goes on.
"""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from cockpit.feeds import extract, html, parse
from cockpit.feeds.extract import extract_entry, extract_from_text
from cockpit.feeds.fields import parse_date, recognise, split_skills, unescape_title
from cockpit.feeds.html import html_to_text
from cockpit.feeds.money import budget_kind, parse_amount_range, salary_budget
from cockpit.feeds.parse import TimeBudget, parse_feed
from cockpit.feeds.refresh import refresh
from cockpit.models import Feed, Job
from cockpit.store import Store
from tests.feeds.localserver import LocalServer, send, server

__all__ = ["server"]

LIMIT = 5.0  # seconds, the hostile corpus's limit
MB = 1_000_000
EM = "\u2003"


def mb(piece: str, size: int = MB) -> str:
    """``piece`` repeated to about ``size`` characters."""
    return piece * (size // len(piece) + 1)


class Runaway(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Runaway


@pytest.fixture
def watchdog() -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(fn: Callable[[str], object], text: str) -> float:
    """Wall seconds of fn(text); a case still running at 2 x LIMIT fails as a runaway."""
    signal.setitimer(signal.ITIMER_REAL, 2 * LIMIT)
    started = time.perf_counter()
    try:
        fn(text)
    except Runaway:
        pytest.fail(f"still running after {2 * LIMIT:.0f} s: not linear")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - started


def cut(text: str) -> str:
    """The first 100 and the last characters of ``text``, MAX_MARKUP in all."""
    return text[:100] + text[-(extract.MAX_MARKUP - 100) :]


def entry(summary: str, **extra: Any) -> dict[str, Any]:
    return {"title": "A job", "link": "https://jobs.example/1", "summary": summary, **extra}


@dataclass(frozen=True)
class Case:
    """One worst input: ``before`` + ``piece`` repeated to the size + ``after``."""

    name: str
    fn: Callable[[str], object]
    piece: str
    before: str = ""
    after: str = ""

    def text(self, size: int = MB) -> str:
        return self.before + mb(self.piece, size) + self.after


# The inputs are what each pattern rescanned from every start; the functions
# are the public ways feed text reaches them. bench/regex_growth.py times the
# same cases from 50 KB to 1 MB.
WORST: list[Case] = [
    # extract: the Freelancer tail and the Upwork markup
    Case("freelancer tail spaces", extract._freelancer_tail, " ", "(Budget:", ")"),
    Case("freelancer tail fragments", extract._freelancer_tail, "Budget: ", "(", ")"),
    Case("freelancer tail commas", extract._freelancer_tail, ", Jobs", "(Budget: ", ")"),
    # An em space: runs of plain spaces are collapsed before the tail is read.
    # An entry's markup is cut to MAX_MARKUP first: keep both ends of the text.
    Case("freelancer entry", lambda t: extract_entry(entry(cut(t))), EM, "Jobs: (Budget:", ")"),
    Case("upwork suffix", extract._strip_upwork_suffix, " ", "a", "- x"),
    Case("upwork apply", lambda t: extract._UPWORK_APPLY.sub("", t), "<a"),
    Case("upwork meta", lambda t: extract._UPWORK_META.search(t), "<b> Budget </b> "),
    Case(
        "upwork entry",
        lambda t: extract_entry(entry(t, link="https://www.upwork.com/jobs/1")),
        "<b>Budget</b>:" + " " * 50 + "$1" + " " * 50,
    ),
    # fields: "Key: value" lines, the page budget pair, skills, dates
    Case("page budget digits", recognise, "1", "", "\nhourly x"),
    Case("page budget lines", recognise, "12 $ 3 4\nfixed price\n"),
    Case("page budget one line", recognise, "1 2 3 ", "Hourly "),
    Case("budget fragments", recognise, "Budget: "),
    Case("budget lines", recognise, "Budget: $" + " " * 30 + "\n"),
    Case("field line dashes", recognise, "- ", "", "\nbudget"),
    Case("skills spaces", split_skills, " ", "a", "b"),
    Case("skills commas", split_skills, " , ;"),
    Case(
        "paste",
        lambda t: extract_from_text(t),
        "Budget: 1" + " " * 40,
        "",
        "\nHourly",
    ),
    Case("date", parse_date, "July 19, 2024 "),
    Case("title entities", unescape_title, "&amp;amp;"),
    # money: amounts, separators, currencies, periods
    Case("amount spaces", parse_amount_range, " ", "$1", "x"),
    Case("amount digits", parse_amount_range, "1", "$"),
    Case("amount commas", parse_amount_range, ",", "$1"),
    Case("amount digit commas", parse_amount_range, "1,", "", "$"),
    Case("amount dollars", parse_amount_range, "$", "1"),
    Case("amount clash", parse_amount_range, "1 € $ "),
    Case("amount separators", parse_amount_range, "1 - "),
    Case("amount words", parse_amount_range, "1 to "),
    Case("hourly wording", budget_kind, "/ per an "),
    Case("salary", salary_budget, "$1 000 "),
    # html: tags, declarations, quotes, scripts, spaces, references
    Case("html open tags", html_to_text, "<a"),
    Case("html declarations", html_to_text, "<!"),
    Case("html mixed quotes", html_to_text, "<a '\""),
    Case("html unclosed quote", html_to_text, "<b ", "<a '"),
    Case("html comments", html_to_text, "<!--"),
    Case("html scripts", html_to_text, "<script></script>"),
    Case("html spaces", html_to_text, " ", "<pre>a", "b \nc</pre>"),
    Case("html paragraphs", html_to_text, "<p> \n "),
    Case("html entities", html_to_text, "&amp;amp;<"),
    Case("html long reference", html_to_text, "1", "<p>&#", ";"),
]


@pytest.mark.parametrize("case", WORST, ids=[case.name for case in WORST])
def test_worst_inputs_take_linear_time(watchdog: None, case: Case) -> None:
    text = case.text()
    assert len(text) >= MB
    assert timed(case.fn, text) < LIMIT, case.name


def test_long_decimal_reference_reads_as_replacement_character() -> None:
    # int() refuses over 4,300 digits: html.unescape raised ValueError on this.
    assert html_to_text("<p>x&#" + "1" * 5000 + ";y</p>") == "x\ufffdy"
    assert html_to_text("<p>&#0000000065;</p>") == "A"


def test_rewritten_recognisers_read_normal_text_as_before() -> None:
    """The hand-written readers give what the regexes they replace gave."""
    tail = extract._freelancer_tail("Need a site.\n(Budget: $30 - $250 USD ,  Jobs: PHP, MySQL )")
    assert tail == (13, "$30 - $250 USD", "PHP, MySQL ")
    assert extract._freelancer_tail("x (budget:$5, jobs:A)\n") == (2, "$5", "A")
    assert extract._freelancer_tail("x (Budget: $5, Jobs: (A))") is None
    assert extract._freelancer_tail("x (Budget: $5 Jobs: A)") is None
    assert extract._strip_upwork_suffix("Logo design  -  upwork ") == "Logo design"
    assert extract._strip_upwork_suffix("Logo - - Upwork") == "Logo -"
    assert extract._strip_upwork_suffix("Logo -Upwork") == "Logo -Upwork"
    assert extract._strip_upwork_suffix("Logo- Upwork") == "Logo- Upwork"
    found = recognise("Intro: x\n  $40.00\nHourly\n$1,200\n Fixed-price \n")
    assert found.budget is not None
    assert (found.budget.kind, found.budget.min) == ("hourly", 40.0)
    found = recognise("a: b\nno amount\nHourly\n$1,200\n Fixed-price \n")
    assert found.budget is not None
    assert (found.budget.kind, found.budget.min) == ("fixed", 1200.0)
    assert split_skills(" PHP ,MySQL;\n  php , Go ") == ["PHP", "MySQL", "Go"]
    assert parse_amount_range("$30 -  $54") == ("USD", 30.0, 54.0)
    assert parse_amount_range("Rp 1.000.000 sampai 2.000.000") == ("IDR", 1e6, 2e6)
    assert html._tidy("a  \n  b\n\n\n\nc \t d") == "a\nb\n\nc d"
    assert parse_amount_range("$" + "1" * 30) is None
    long_value = "$1,500 fixed " + "x" * 3000
    assert parse_amount_range(long_value) == ("USD", 1500.0, 1500.0)
    assert parse_amount_range("x " * 1000 + "$1,500") is None  # past the first 2,000 characters


# --- the parse time budget ---------------------------------------------------


class Clock:
    """A clock that moves ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>Job {i}</title><link>https://jobs.example/{i}</link>"
        f"<guid>g{i}</guid><description>words</description></item>"
        for i in range(count)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def jsonfeed(count: int) -> bytes:
    items = [{"id": f"g{i}", "title": f"Job {i}", "content_text": "words"} for i in range(count)]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()


@pytest.mark.parametrize("body", [rss(3), jsonfeed(3)], ids=["rss", "jsonfeed"])
def test_entries_over_their_budget_are_dropped_and_reported(body: bytes) -> None:
    # Each read of the clock moves 1 s: every entry seems to take 1 s.
    result = parse_feed(body, {}, "f", budget=TimeBudget(0.5, 100.0, Clock(1.0)))
    assert result.jobs == []
    assert result.warning == "skipped 3 entries that took too long to read"
    assert result.error == ""
    assert not result.partial  # a slow entry would be slow again: no need to read it again


@pytest.mark.parametrize("body", [rss(10), jsonfeed(10)], ids=["rss", "jsonfeed"])
def test_entries_past_the_feed_deadline_are_skipped_the_rest_kept(body: bytes) -> None:
    # The clock is read once for the deadline, then twice per entry: 4 entries fit in 8 s.
    result = parse_feed(body, {}, "f", budget=TimeBudget(5.0, 8.0, Clock(1.0)))
    assert [job.title for job in result.jobs] == ["Job 0", "Job 1", "Job 2", "Job 3"]
    assert result.warning == "skipped 6 entries that took too long to read"
    assert result.partial  # cut off by the clock: worth reading again next time


def test_one_slow_entry_is_named_in_singular() -> None:
    assert parse._too_slow(1) == ["skipped 1 entry that took too long to read"]
    assert parse._too_slow(0) == []


def test_a_normal_parse_is_within_the_default_budget() -> None:
    result = parse_feed(rss(50), {}, "f")
    assert len(result.jobs) == 50 and result.warning == "" and not result.partial


def test_hostile_entry_costs_milliseconds_end_to_end(watchdog: None) -> None:
    """The entry behind the issue: a 250 KB Freelancer-like tail took minutes to read."""
    hostile = "Jobs: (Budget:" + EM * 250_000 + ")"
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<item><title>Bad</title><description>{hostile}</description></item>"
        "<item><title>Good</title><description>(Budget: $5, Jobs: PHP)</description></item>"
        "</channel></rss>"
    ).encode()
    results: list[parse.ParseResult] = []
    seconds = timed(lambda _: results.append(parse_feed(body, {}, "f")), "")
    assert seconds < LIMIT
    good = next(job for job in results[0].jobs if job.title == "Good")
    assert good.skills == ["PHP"]


def test_a_slow_feed_is_reported_and_the_refresh_goes_on(
    tmp_path: Path, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One feed whose entries are too slow: warned and skipped; the other feed is stored."""
    real = extract_entry

    def slow_for_bad(item: Any, ctx: Any = None) -> Job | None:
        if "bad.example" in str(item.get("link")):
            time.sleep(0.3)
        return real(item, ctx)

    monkeypatch.setattr(parse, "extract_entry", slow_for_bad)
    monkeypatch.setattr(parse, "ENTRY_SECONDS", 0.2)  # a normal entry takes ~1 ms
    good = rss(2)
    bad = good.replace(b"jobs.example", b"bad.example")

    def serve(body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
        return lambda handler: send(handler, 200, body)

    server.routes["/good.rss"], server.routes["/bad.rss"] = serve(good), serve(bad)
    store = Store.open(tmp_path / "data")
    try:
        store.feeds.save(Feed(id="good", url=server.url("/good.rss")))
        store.feeds.save(Feed(id="bad", url=server.url("/bad.rss")))
        reports = {r.feed_id: r for r in refresh(store, pool_threshold=99)}
        assert reports["good"].kind == "ok" and reports["good"].new_count == 2
        assert reports["bad"].kind == "warning"
        assert "skipped 2 entries that took too long to read" in reports["bad"].message
        assert sorted(job.link for job in store.jobs.all()) == [
            "https://jobs.example/0",
            "https://jobs.example/1",
        ]
    finally:
        store.close()
