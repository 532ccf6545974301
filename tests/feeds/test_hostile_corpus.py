"""Hostile and odd feeds, end to end: a real HTTP server on 127.0.0.1 -> refresh() -> a real Store.

Every case must end as a clear per-feed error or a clean ingest: no crash, and
within 5 s and 200 MB. Each case runs in a forked child of hostile_runner.py,
which measures the child's wall time and its peak resident memory as the kernel
saw it (the whole process, interpreter included), so the limits are real;
``test_the_checks_catch_violations`` shows each check failing when it should.

Small inputs are committed in tests/fixtures/hostile/. The huge ones (a gzip
bomb, 100,000 entries, a 5 MB entry, an endless body) are generated at run
time into tmp_path, so the repository stays small.

Run with ``-s`` to see a table of the figures (docs/RELIABILITY.md quotes it).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from cockpit.feeds.extract import MAX_DESCRIPTION
from cockpit.feeds.prepare import MAX_ENTRIES
from cockpit.models import Job
from cockpit.store import Store
from cockpit.text import clean_line
from tests.feeds.localserver import LocalServer, send

LIMIT_SECONDS = 5.0
LIMIT_MB = 200.0
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "hostile"
SECRET = "cockpit-xxe-canary-5e1f0c"
RSS = {"Content-Type": "application/rss+xml"}
HOSTILE_TITLE = "[@click=app.quit]x[/] [b]bold[/b] red evil"
CAFE = "Señor café: edit my podcast"

Route = Callable[[BaseHTTPRequestHandler], None]
RESULTS: list[tuple[str, dict[str, Any]]] = []

# Anything a terminal could act on: C0 but \t \n, DEL, C1, bidi controls, line separators.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
_ONE_LINE = ("title", "guid", "category", "country", "company", "job_type", "client_name")


# -- the runner and the server ----------------------------------------------


class Runner:
    """The forking runner (hostile_runner.py) in a subprocess: one JSON line per case."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.feeds.hostile_runner"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, url: str, data_dir: Path, ballast_mb: int = 0) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = {"url": url, "data_dir": str(data_dir), "ballast_mb": ballast_mb}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], 120)
        assert ready, "the runner did not answer within 120 s"
        line = self.proc.stdout.readline()
        assert line, "the runner died"
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.close()
    if RESULTS:
        print("\n| case | outcome | message | wall s | peak MB |")
        print("|---|---|---|---|---|")
        for name, m in RESULTS:
            report = m["result"]["reports"][0] if m.get("result") else {}
            print(
                f"| {name} | {report.get('kind')} | {report.get('message', '')[:90]} "
                f"| {m['wall']:.2f} | {m['peak_mb']:.0f} |"
            )


@pytest.fixture(scope="module")
def site() -> Iterator[LocalServer]:
    srv = LocalServer()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def static(body: bytes, headers: dict[str, str]) -> Route:
    return lambda handler: send(handler, 200, body, headers)


def endless(handler: BaseHTTPRequestHandler) -> None:
    """A body that never ends (no length, no gzip); stops once the client hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.close_connection = True
    chunk = b"<item><title>again</title></item>" * 2000
    handler.wfile.write(b'<rss version="2.0"><channel><title>Forever</title>')
    for _ in range(4000):  # 260 MB at most, so the thread ends even if nobody hangs up
        handler.wfile.write(chunk)


# -- the checks (each one is shown failing in test_the_checks_catch_violations) --


def check_limits(m: dict[str, Any]) -> None:
    assert m["wall"] <= LIMIT_SECONDS, f"took {m['wall']:.2f} s (limit {LIMIT_SECONDS:.0f} s)"
    assert m["peak_mb"] <= LIMIT_MB, f"peak memory {m['peak_mb']:.0f} MB (limit {LIMIT_MB:.0f})"


def check_message(message: str) -> None:
    """A sentence for a person: one clean line, no parser internals."""
    assert message, "empty message"
    assert message == clean_line(message), f"not one clean line: {message!r}"
    assert len(message) <= 300, f"message of {len(message)} chars"
    for internal in ("Traceback", "<unknown>", " object at 0x", "Error(", "Exception"):
        assert internal not in message, f"{internal!r} in {message!r}"


def check_job(job: Job) -> None:
    for name in _ONE_LINE:
        value = getattr(job, name)
        assert not _CONTROL.search(value) and "\n" not in value, f"{name}: {value!r}"
    for skill in job.skills:
        assert not _CONTROL.search(skill), f"skill: {skill!r}"
    assert not _CONTROL.search(job.description), f"description: {job.description[:80]!r}"
    assert job.title.strip(), "empty title"
    assert job.link == "" or re.fullmatch(r"https?://[^\s]+", job.link), f"link: {job.link!r}"
    assert job.posted is None or 1970 <= job.posted.year <= 2100, f"posted: {job.posted}"


def check_no_secret(folder: Path, *texts: str) -> None:
    """The canary is in no file under ``folder`` and in none of ``texts``."""
    needle = SECRET.encode()
    for path in folder.rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), f"secret leaked into {path.name}"
    for text in texts:
        assert SECRET not in text, "secret leaked into a report"


# -- the cases ----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    route: Callable[[Path], Route]  # given tmp_path, for inputs made at run time
    kinds: tuple[str, ...]  # acceptable report kinds
    says: str = ""  # must appear in the message
    check: Callable[[Store, dict[str, Any], str], None] | None = None  # (store, report, base)


def fixture(name: str, headers: dict[str, str] | None = None) -> Callable[[Path], Route]:
    return lambda _: static((FIXTURES / name).read_bytes(), RSS if headers is None else headers)


def xxe(name: str) -> Callable[[Path], Route]:
    def make(tmp: Path) -> Route:
        secret = tmp / "secret.txt"
        secret.write_text(SECRET + "\n")
        text = (FIXTURES / name).read_text().replace("{secret_url}", secret.as_uri())
        return static(text.encode(), RSS)

    return make


def gzip_bomb(tmp: Path) -> Route:
    # Generated at run time: 64 MiB of zeros is ~65 KB gzipped.
    return static(
        gzip.compress(b"\0" * (64 << 20), compresslevel=9),
        {**RSS, "Content-Encoding": "gzip"},
    )


def many_entries(tmp: Path) -> Route:
    # Generated at run time into tmp_path: 100,000 entries, about 7 MB.
    path = tmp / "100k.rss"
    with path.open("w") as out:
        out.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Flood</title>\n')
        for i in range(100_000):
            out.write(f"<item><title>Job {i}</title><link>https://jobs.example/{i}</link></item>\n")
        out.write("</channel></rss>\n")
    return static(path.read_bytes(), RSS)


def huge_entry(tmp: Path) -> Route:
    # Generated at run time into tmp_path: one entry with a 5 MB escaped-HTML description,
    # the costliest shape for an XML parser (an entity every few characters).
    para = "<p>Edit my podcast episode, remove noise &amp; level the voices.</p>\n"
    html = para * ((5 << 20) // len(para))
    path = tmp / "huge.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>'
        "<item><title>One very long job</title><link>https://jobs.example/huge</link>"
        f"<description>{escape(html)}</description></item></channel></rss>"
    )
    return static(path.read_bytes(), RSS)


def category_flood(tmp: Path) -> Route:
    # Generated at run time: 50,000 distinct categories in one entry (1.4 MB). feedparser
    # compares each new category with all earlier ones: this took over a minute.
    cats = "".join(f"<category>skill {i}</category>" for i in range(50_000))
    body = (
        '<rss version="2.0"><channel><title>Tags</title><item><title>Tagged job</title>'
        f"<link>https://jobs.example/t</link>{cats}<guid>t1</guid></item></channel></rss>"
    )
    return static(body.encode(), RSS)


def element_flood(tmp: Path) -> Route:
    # Generated at run time: 300,000 empty unknown elements (1.2 MB); 12 s to parse.
    body = (
        '<rss version="2.0"><channel><title>Flood</title><item><title>x</title>'
        f"{'<x/>' * 300_000}</item></channel></rss>"
    )
    return static(body.encode(), RSS)


def check_tags(store: Store, report: dict[str, Any], base: str) -> None:
    (job,) = store.jobs.all()
    assert job.skills[:3] == ["skill 0", "skill 1", "skill 2"] and len(job.skills) == 50
    assert job.guid == "t1"  # what followed the categories is still read


def jobs_by_title(store: Store) -> dict[str, Job]:
    return {job.title: job for job in store.jobs.all()}


def expect_cafe(title: str) -> Callable[[Store, dict[str, Any], str], None]:
    def check(store: Store, report: dict[str, Any], base: str) -> None:
        assert list(jobs_by_title(store)) == [title]
        assert report["name"] == "Café jobs"

    return check


def check_bomb(store: Store, report: dict[str, Any], base: str) -> None:
    assert store.jobs.count() == 1
    size = sum(p.stat().st_size for p in store.folder.rglob("*") if p.is_file())
    assert size < 100_000, f"store grew to {size} bytes"
    assert "lollol" not in json.dumps([j.to_dict() for j in store.jobs.all()])


def check_flood(store: Store, report: dict[str, Any], base: str) -> None:
    assert store.jobs.count() == MAX_ENTRIES == report["new_count"]
    assert "Job 0" in jobs_by_title(store) and f"Job {MAX_ENTRIES}" not in jobs_by_title(store)


def check_huge(store: Store, report: dict[str, Any], base: str) -> None:
    (job,) = store.jobs.all()
    assert len(job.description) == MAX_DESCRIPTION and job.description.endswith("…")
    assert job.description.startswith("Edit my podcast episode, remove noise & level the voices.")


def check_dates(store: Store, report: dict[str, Any], base: str) -> None:
    jobs = jobs_by_title(store)
    for title in ("Year zero", "Year 9999", "No date"):
        assert jobs[title].posted is None, title
    if "Junk date" in jobs:
        assert jobs["Junk date"].posted is None
        assert jobs["Normal date"].posted == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def check_links(store: Store, report: dict[str, Any], base: str) -> None:
    links = {title: job.link for title, job in jobs_by_title(store).items()}
    if "Relative link" in links:  # RSS
        assert links == {
            "Relative link": f"{base}/jobs/l1",
            "Javascript link": "",
            "Obfuscated javascript": "",
            "Data link": "",
            "Vbscript link": "",
            "File link": "",
            "Plain https link": "https://jobs.example/l7",
        }
    else:  # Atom: relative to the feed's own folder
        assert links == {
            "Relative atom link": f"{base}/hostile/jobs/la1",
            "Javascript atom link": "",
        }


def check_titles(store: Store, report: dict[str, Any], base: str) -> None:
    (job,) = store.jobs.all()
    assert job.title == HOSTILE_TITLE  # brackets kept literally, every escape gone
    assert report["name"] == "Evil board"
    (feed,) = store.feeds.all()
    assert feed.name == "Evil board"
    everything = json.dumps([j.to_dict() for j in store.jobs.all()], ensure_ascii=False)
    for payload in ("pwned", "ZXZpbA==", "evil.example", "\u202e", "\x1b", "\x07"):
        assert payload not in everything, payload


CASES = [
    Case("malformed XML, entries then cut off", fixture("malformed_truncated.rss"), ("warning",),
         "not well-formed (line 4, column"),
    Case("malformed XML, nothing readable", fixture("malformed_mismatched.xml"), ("error",),
         "malformed XML: line 2, column 41: mismatched tag"),
    Case("declared utf-8, latin-1 bytes", fixture(
        "latin1_declared_utf8.rss", {"Content-Type": "application/rss+xml; charset=utf-8"}),
         ("ok",), check=expect_cafe(CAFE)),
    Case("declared windows-1252, utf-8 bytes", fixture(
        "utf8_declared_cp1252.rss", {"Content-Type": "text/xml; charset=windows-1252"}),
         ("ok",), check=expect_cafe(CAFE + ", budget €50 – fixed")),
    Case("no declaration, UTF-16 BOM", fixture("utf16_bom.rss"), ("ok",),
         check=expect_cafe(CAFE + " ☕")),
    Case("no declaration, UTF-16 without BOM", fixture("utf16le_no_bom.rss"), ("ok",),
         check=expect_cafe(CAFE + " ☕")),
    Case("utf-8, no declaration, no Content-Type", fixture("utf8_undeclared.rss", {}), ("ok",),
         check=expect_cafe(CAFE + ", budget €50 – fixed")),
    Case("unknown declared encoding", fixture("unknown_encoding.rss"), ("ok",),
         check=expect_cafe(CAFE)),
    Case("billion laughs", fixture("billion_laughs.rss"), ("ok", "warning"), check=check_bomb),
    Case("XXE general entity", xxe("xxe_general.rss.in"), ("ok", "warning", "error")),
    Case("XXE parameter entity", xxe("xxe_parameter.rss.in"), ("ok", "warning", "error")),
    Case("XXE external DTD", xxe("xxe_external_dtd.atom.in"), ("ok", "warning", "error")),
    Case("gzip bomb", gzip_bomb, ("error",), "too large (over 10 MiB)"),
    Case("endless body", lambda _: endless, ("error",), "too large (over 10 MiB)"),
    Case("100k entries", many_entries, ("warning",), "the feed lists 100,000 entries; read the "
         "first 1,000", check=check_flood),
    Case("5 MB single entry", huge_entry, ("ok",), check=check_huge),
    Case("50k categories in one entry", category_flood, ("warning",),
         "skipped 49,900 categories (over 100 in one entry)", check=check_tags),
    Case("300k empty elements", element_flood, ("error",),
         "not read: over 100,000 XML elements in one feed"),
    Case("empty body", lambda _: static(b"", RSS), ("error",), "empty body"),
    Case("HTML page", fixture("login_page.html", {"Content-Type": "text/html"}), ("error",),
         "not a feed: looks like an HTML page"),
    Case("JSON that is not a feed",
         fixture("not_a_feed.json", {"Content-Type": "application/json"}),
         ("error",), "not a feed: JSON"),
    Case("binary junk", fixture("junk.bin", {"Content-Type": "application/octet-stream"}),
         ("error",), "binary data"),
    Case("dates: year 0, 9999, junk, none (RSS)", fixture("dates.rss"), ("ok",), check=check_dates),
    Case("dates: year 0, 9999, none (Atom)", fixture("dates.atom"), ("ok",), check=check_dates),
    Case("relative and script links (RSS)", fixture("links.rss"), ("ok",), check=check_links),
    Case("relative and script links (Atom)", fixture("links.atom"), ("ok",), check=check_links),
    Case("markup and control chars in titles", fixture("hostile_titles.rss"), ("warning",),
         check=check_titles),
    Case("control chars as character references", fixture("hostile_titles_charrefs.rss"),
         ("warning",), check=check_titles),
    Case("control chars in a JSON Feed", fixture(
        "hostile_titles.json", {"Content-Type": "application/feed+json"}), ("ok",),
         check=check_titles),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_feed(case: Case, runner: Runner, site: LocalServer, tmp_path: Path) -> None:
    path = "/hostile/" + re.sub(r"\W+", "-", case.name)
    site.routes[path] = case.route(tmp_path)
    data = tmp_path / "data"

    m = runner.run(site.url(path), data)

    RESULTS.append((case.name, m))
    result = m["result"] or {}
    assert m["exit"] == 0 and "crash" not in result, result.get("crash", m)
    check_limits(m)
    (report,) = result["reports"]
    assert report["kind"] in case.kinds, report
    check_message(report["message"])
    check_message(report["name"])
    assert case.says in report["message"]
    with Store.open(data) as store:
        (feed,) = store.feeds.all()
        # The stored status holds the warning alone: the count is each fetch's own (issue 17).
        stored = re.sub(r" \(\d+ new\)$", "", report["message"])
        assert (feed.status.kind, feed.status.message) == (report["kind"], stored)
        jobs = store.jobs.all()
        for job in jobs:
            check_job(job)
        if report["kind"] == "error":
            assert jobs == []
        if case.check is not None:
            case.check(store, report, site.url(""))
    check_no_secret(tmp_path / "data", json.dumps(m))


# -- the checks themselves can fail --------------------------------------------


def test_the_checks_catch_violations(runner: Runner, site: LocalServer, tmp_path: Path) -> None:
    feed = (FIXTURES / "dates.rss").read_bytes()
    site.routes["/fine"] = static(feed, RSS)

    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(LIMIT_SECONDS + 0.5)  # well inside the 30 s fetch deadline
        send(handler, 200, feed, RSS)

    site.routes["/slow"] = slow

    fine = runner.run(site.url("/fine"), tmp_path / "fine")
    check_limits(fine)  # the control: the same feed, quickly, passes
    late = runner.run(site.url("/slow"), tmp_path / "slow")
    assert late["result"]["reports"][0]["kind"] == "ok"  # nothing wrong but the time
    with pytest.raises(AssertionError, match="took"):
        check_limits(late)
    fat = runner.run(site.url("/fine"), tmp_path / "fat", ballast_mb=int(LIMIT_MB) + 20)
    assert fat["result"]["ballast"] == (int(LIMIT_MB) + 20) << 20
    with pytest.raises(AssertionError, match="peak memory"):
        check_limits(fat)

    with pytest.raises(AssertionError):
        check_message("malformed XML: <unknown>:2:2: not well-formed")
    with pytest.raises(AssertionError):
        check_message("bad \x1b]0;title\x07")
    for bad in (
        Job(id="a", title="x \x1b]0;pwned\x07"),
        Job(id="b", title="bidi \u202e"),
        Job(id="c", title="ok", link="javascript:alert(1)"),
        Job(id="d", title="ok", description="\x1b[2J"),
        Job(id="e", title="ok", posted=datetime(1, 1, 1, tzinfo=UTC)),
    ):
        with pytest.raises(AssertionError):
            check_job(bad)
    check_job(Job(id="f", title="[b]fine[/b]", link="https://jobs.example/f"))

    with Store.open(tmp_path / "leaky") as store:
        store.jobs.upsert_many([Job(id="g", title="Leak", description=SECRET)])
    with pytest.raises(AssertionError, match="secret leaked into"):
        check_no_secret(tmp_path / "leaky")
    with pytest.raises(AssertionError, match="report"):
        check_no_secret(tmp_path / "fine", f"error: {SECRET}")
