"""Render the bundled feed templates into real feed files, dated relative to now.

Each board gets its own shape, close to what the board publishes, so the demo
goes through exactly the parsing a real feed would: Upwork's archived RSS
(double-escaped text in CDATA, meta lines in bold), We Work Remotely
(``Company: Title``, region/category/type), Freelancer.com (budget tail),
a ``job:`` namespaced RSS, an Atom board and a JSON Feed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from importlib.resources import files
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape, quoteattr

from cockpit.demo.catalog import FEEDS, JOBS_BY_FEED
from cockpit.demo.catalog_types import DemoFeed, DemoJob

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RenderedFeed:
    feed: DemoFeed
    path: Path
    body: bytes
    guids: dict[str, str]  # guid as written -> catalog key


def _template(name: str) -> Template:
    return Template(files("cockpit.demo").joinpath("templates", name).read_text("utf-8"))


def posted_at(job: DemoJob, now: datetime) -> datetime:
    return (now - timedelta(days=job.ago)).replace(microsecond=0)


def _slug(text: str, keep_case: bool = False) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return slug if keep_case else slug.lower()


def _number(key: str, base: int, span: int) -> int:
    """A stable, plausible-looking id number for a catalog key."""
    return base + int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % span


def _esc(text: str) -> str:
    return escape(text, {'"': "&quot;", "'": "&#039;"})


def _esc2(text: str) -> str:
    """Upwork escaped its text twice: a quote arrives as &amp;quot; inside CDATA."""
    return _esc(_esc(text))


def _rfc822(dt: datetime) -> str:
    return format_datetime(dt.astimezone(UTC))


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _paragraphs(body: str) -> list[list[str]]:
    return [para.split("\n") for para in body.split("\n\n")]


def _html(body: str) -> str:
    """Plain catalog text as simple HTML: <p> paragraphs, bullet lines as <ul>."""
    out: list[str] = []
    for lines in _paragraphs(body):
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_esc(line[2:])}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append(f"<p>{'<br />'.join(_esc(line) for line in lines)}</p>")
    return "".join(out)


def _cdata(text: str) -> str:
    if "]]>" in text:  # our own catalog; a mistake here should fail loudly
        raise ValueError("catalog text may not contain ']]>'")
    return text


# -- one item per board ------------------------------------------------------


def _upwork(job: DemoJob, now: datetime) -> tuple[dict[str, str], str]:
    posted = posted_at(job, now)
    code = hashlib.sha1(job.key.encode()).hexdigest()[:18]
    link = f"https://www.upwork.com/jobs/{_slug(job.title, True)}_%7E01{code}?source=rss"
    paragraphs = ("<br />\n".join(_esc2(line) for line in p) for p in _paragraphs(job.body))
    text = "<br /><br />\n".join(paragraphs)
    label = "Hourly Range" if job.hourly else "Budget"
    skills = ",     ".join(_esc2(s) for s in job.skills)
    when = f"{_MONTHS[posted.month - 1]} {posted:%d, %Y %H:%M} UTC"
    html = (
        f"{text}<br /><br /><b>{label}</b>: {_esc2(job.budget)}\n\n"
        f"<br /><b>Posted On</b>: {when}<br /><b>Category</b>: {_esc2(job.category)}"
        f"<br /><b>Skills</b>:{skills}    \n<br /><b>Country</b>: {_esc2(job.country)}\n"
        f'<br /><a href="{link}">click to apply</a>\n'
    )
    values = {"title": _cdata(_esc(job.title)), "link": escape(link), "html": _cdata(html)}
    return {**values, "pubdate": _rfc822(posted)}, link


def _wwr(job: DemoJob, now: datetime) -> tuple[dict[str, str], str]:
    posted = posted_at(job, now)
    link = f"https://weworkremotely.com/remote-jobs/{_slug(job.company)}-{_slug(job.title)}"
    site = f"https://{_slug(job.company).replace('-', '')}.example/"
    html = (
        f'<p>\n  <strong>URL:</strong> <a href="{site}">{site}</a>\n</p>'
        f"{_html(job.body).replace('<p>', '<div>').replace('</p>', '</div>')}"
    )
    values = {
        "title": escape(f"{job.company}: {job.title}"),
        "region": escape(job.country),
        "category": escape(job.category),
        "type": escape(job.job_type),
        "html": escape(html),
        "pubdate": _rfc822(posted),
        "expires": _rfc822(posted + timedelta(days=30)),
        "link": escape(link),
    }
    return values, link


def _freelancer(job: DemoJob, now: datetime) -> tuple[dict[str, str], str]:
    section = _slug(job.skills[0]) if job.skills else "projects"
    link = f"https://www.freelancer.com/projects/{section}/{_slug(job.title)}"
    guid = f"freelancer-{_number(job.key, 38_000_000, 900_000)}"
    text = " ".join(" ".join(lines) for lines in _paragraphs(job.body))
    tail = f"(Budget: {job.budget}, Jobs: {', '.join(job.skills)})"
    values = {
        "title": escape(job.title),
        "link": escape(link),
        "text": escape(f"{text} {tail}"),
        "pubdate": _rfc822(posted_at(job, now)),
        "guid": guid,
    }
    return values, guid


def _jobns(job: DemoJob, now: datetime) -> tuple[dict[str, str], str]:
    link = f"https://mediajobs.example/job/{_number(job.key, 1200, 8000)}-{_slug(job.title)}"
    values = {
        "title": escape(job.title),
        "link": escape(link),
        "html": _cdata(_html(job.body)),
        "pubdate": _rfc822(posted_at(job, now)),
        "company": escape(job.company),
        "location": escape(job.country),
        "type": escape(job.job_type),
        "salary": escape(job.budget),
        "tags": escape(", ".join(job.skills)),
    }
    return values, link


def _atom(job: DemoJob, now: datetime) -> tuple[dict[str, str], str]:
    guid = f"tag:proyeklepas.example,2024:{job.key}"
    number = _number(job.key, 40_000, 50_000)
    meta = f"Anggaran: {job.budget}<br />Kategori: {job.category}<br />Lokasi: {job.country}"
    categories = "\n".join(
        f"    <category term={quoteattr(_slug(s))} label={quoteattr(s)}/>" for s in job.skills
    )
    values = {
        "title": escape(job.title),
        "link": escape(f"https://proyeklepas.example/proyek/{number}-{_slug(job.title)}"),
        "guid": escape(guid),
        "posted": _iso(posted_at(job, now)),
        "categories": categories,
        "html": escape(_html(job.body) + f"<p>{meta}</p>"),
    }
    return values, guid


_ITEMS: dict[str, tuple[str, Callable[[DemoJob, datetime], tuple[dict[str, str], str]]]] = {
    "upwork": ("upwork_item.rss", _upwork),
    "wwr": ("wwr_item.rss", _wwr),
    "freelancer": ("freelancer_item.rss", _freelancer),
    "jobns": ("jobns_item.rss", _jobns),
    "atom": ("board_item.atom", _atom),
}
_CHANNELS = {
    "upwork": "upwork.rss",
    "wwr": "wwr.rss",
    "freelancer": "freelancer.rss",
    "jobns": "jobns.rss",
    "atom": "board.atom",
}


def _jsonfeed(feed: DemoFeed, jobs: Sequence[DemoJob], now: datetime) -> tuple[str, dict[str, str]]:
    items = []
    guids: dict[str, str] = {}
    for job in jobs:
        guids[job.key] = job.key
        items.append(
            {
                "id": job.key,
                "url": f"https://remoteaudiogigs.example/jobs/{_slug(job.title)}",
                "title": job.title,
                "content_html": _html(job.body) + f"<p>Budget: {_esc(job.budget)}</p>",
                "date_published": _iso(posted_at(job, now)),
                "tags": list(job.skills),
            }
        )
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": "https://remoteaudiogigs.example/",
        "feed_url": "https://remoteaudiogigs.example/feed.json",
        "items": items,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", {v: k for k, v in guids.items()}


def render_feed(
    feed: DemoFeed, jobs: Sequence[DemoJob], now: datetime
) -> tuple[str, dict[str, str]]:
    """The feed's text, newest job first, and its guid -> catalog key map."""
    ordered = sorted(jobs, key=lambda j: j.ago)
    if feed.format == "jsonfeed":
        return _jsonfeed(feed, ordered, now)
    item_name, make = _ITEMS[feed.format]
    item = _template(item_name)
    parts: list[str] = []
    guids: dict[str, str] = {}
    for job in ordered:
        values, guid = make(job, now)
        guids[guid] = job.key
        parts.append(item.substitute(values).rstrip("\n"))
    channel = _template(_CHANNELS[feed.format])
    built = _iso(now) if feed.format == "atom" else _rfc822(now)
    as_of = f"{_MONTHS[now.month - 1]} {now:%d, %Y %H:%M} UTC"
    text = channel.substitute(
        title=_esc(feed.title) if feed.format != "upwork" else feed.title,
        title_plain=feed.title,
        as_of=as_of,
        built=built,
        items="\n".join(parts),
    )
    return text, guids


def write_feeds(folder: Path, now: datetime) -> list[RenderedFeed]:
    """Write every bundled feed into ``folder`` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[RenderedFeed] = []
    for feed in FEEDS:
        text, guids = render_feed(feed, JOBS_BY_FEED[feed.key], now)
        body = text.encode("utf-8")
        path = folder / feed.file
        path.write_bytes(body)
        out.append(RenderedFeed(feed, path, body, guids))
    return out
