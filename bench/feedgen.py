"""Realistic job feeds for benches, generated in-process from a seed.

Six shapes, the way real boards write them: We Work Remotely (escaped HTML,
region/category/type), Upwork's archived RSS (CDATA HTML with <b>Budget</b>:
lines, the body twice), Freelancer.com (plain text with a budget tail), a
``job:`` namespace board, Atom with escaped HTML content, and RSS 1.0 (RDF).
Each feed has 30-50 entries; about one entry in ten also appears in another
feed (the same post found by two searches).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

SKILLS = (
    "Audio Editing", "Podcast", "Mixing", "Mastering", "Voice Over", "Sound Design",
    "Music Production", "Adobe Audition", "Pro Tools", "Logic Pro", "Video Editing",
    "Subtitles", "Transcription", "Figma", "WordPress", "Python", "Copywriting",
)  # fmt: skip
VERBS = ("Edit", "Mix", "Master", "Clean up", "Produce", "Record", "Restore", "Score")
THINGS = (
    "weekly podcast episodes", "an indie rock EP", "a YouTube documentary", "audiobook chapters",
    "a game soundtrack", "interview recordings", "a radio advert", "wedding video audio",
)  # fmt: skip
COUNTRIES = ("United States", "Indonesia", "Germany", "India", "Brazil", "United Kingdom")
SENTENCES = (
    "We are looking for a reliable freelancer who can start this week.",
    "Please share two or three samples of similar work in your proposal.",
    "The files are recorded in a home studio and need noise reduction and levelling.",
    "Deliverables are WAV and MP3 files, loudness normalised to -16 LUFS.",
    "Long-term collaboration is possible if the first project goes well.",
    "Our team works in English; the timezone does not matter.",
    "Tell us which tools you use and how long a typical episode takes you.",
    "Budget is negotiable for the right person with a strong portfolio.",
)
CONTENT_TYPES = {
    "wwr": "application/rss+xml; charset=utf-8",
    "upwork": "application/rss+xml; charset=utf-8",
    "freelancer": "application/rss+xml",
    "jobns": "application/xml",
    "atom": "application/atom+xml",
    "rdf": "application/rdf+xml",
}
KINDS = tuple(CONTENT_TYPES)
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Post:
    guid: str
    title: str
    paragraphs: tuple[str, ...]
    skills: tuple[str, ...]
    country: str
    budget: int
    hourly: bool
    posted: datetime


@dataclass(frozen=True, slots=True)
class GeneratedFeed:
    path: str
    kind: str
    content_type: str
    body: bytes
    entries: int


def _post(rnd: random.Random, n: int) -> Post:
    return Post(
        guid=f"https://jobs.example/post/{n}",
        title=f"{rnd.choice(VERBS)} {rnd.choice(THINGS)} ({n})",
        paragraphs=tuple(
            " ".join(rnd.sample(SENTENCES, rnd.randint(2, 4))) for _ in range(rnd.randint(2, 6))
        ),
        skills=tuple(rnd.sample(SKILLS, rnd.randint(2, 5))),
        country=rnd.choice(COUNTRIES),
        budget=rnd.choice((15, 25, 40, 150, 300, 500, 1200)),
        hourly=rnd.random() < 0.4,
        posted=NOW - timedelta(minutes=rnd.randint(1, 14 * 24 * 60)),
    )


def _html(post: Post) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in post.paragraphs)
    items = "".join(f"<li>{s}</li>" for s in post.skills)
    return f"{paras}<p><strong>Skills:</strong></p><ul>{items}</ul>\n"


def _budget(post: Post) -> str:
    return f"${post.budget}.00-${post.budget * 2}.00" if post.hourly else f"${post.budget}"


def _wwr(post: Post) -> str:
    return (
        f"<item><title>{escape('Acme Audio: ' + post.title)}</title>"
        f"<region>{post.country}</region><category>{post.skills[0]}</category>"
        f"<type>{'Contract' if post.hourly else 'Full-Time'}</type>"
        f"<description>{escape(_html(post))}</description>"
        f"<pubDate>{format_datetime(post.posted)}</pubDate>"
        f"<guid>{post.guid}</guid><link>{post.guid}</link></item>\n"
    )


def _upwork(post: Post) -> str:
    kind = "Hourly Range" if post.hourly else "Budget"
    html = (
        _html(post).replace("\n", "<br />")
        + f"<br /><b>{kind}</b>: {_budget(post)}\n<br /><b>Posted On</b>: "
        f"{post.posted:%B %d, %Y %H:%M} UTC<br /><b>Category</b>: Audio Production<br />"
        f"<b>Skills</b>:{', '.join(post.skills)}     \n<br /><b>Country</b>: {post.country}\n"
        f'<br /><a href="{post.guid}?source=rss">click to apply</a>\n'
    )
    return (
        f"<item><title><![CDATA[{post.title} - Upwork]]></title><link>{post.guid}</link>"
        f"<description><![CDATA[{html}]]></description>"
        f"<content:encoded><![CDATA[{html}]]></content:encoded>"
        f"<pubDate>{format_datetime(post.posted)}</pubDate><guid>{post.guid}</guid></item>\n"
    )


def _freelancer(post: Post) -> str:
    text = " ".join(post.paragraphs)
    tail = f"(Budget: ${post.budget} - ${post.budget * 3} USD, Jobs: {', '.join(post.skills)})"
    return (
        f"<item><title>{escape(post.title)}</title><link>{post.guid}</link>"
        f"<description>{escape(text + ' ' + tail)}</description>"
        f"<pubDate>{format_datetime(post.posted)}</pubDate>"
        f'<guid isPermaLink="false">{post.guid}</guid></item>\n'
    )


def _jobns(post: Post) -> str:
    return (
        f"<item><title>{escape(post.title)}</title><link>{post.guid}</link>"
        f"<description>{escape(_html(post))}</description>"
        f"<pubDate>{format_datetime(post.posted)}</pubDate><guid>{post.guid}</guid>"
        f"<job:company>Acme Audio</job:company><job:location>{post.country}</job:location>"
        f"<job:salary>{_budget(post)}{' per hour' if post.hourly else ''}</job:salary>"
        f"<job:job_type>{'contract' if post.hourly else 'fixed'}</job:job_type>"
        f"<job:tags>{', '.join(post.skills)}</job:tags></item>\n"
    )


def _atom(post: Post) -> str:
    cats = "".join(f'<category term="{s}"/>' for s in post.skills)
    return (
        f"<entry><title>{escape(post.title)}</title><id>{post.guid}</id>"
        f'<link rel="alternate" href="{post.guid}"/>'
        f"<updated>{post.posted.isoformat()}</updated>{cats}"
        f'<content type="html">{escape(_html(post))}</content></entry>\n'
    )


def _rdf(post: Post) -> str:
    return (
        f'<item rdf:about="{post.guid}"><title>{escape(post.title)}</title>'
        f"<link>{post.guid}</link><description>{escape(_html(post))}</description>"
        f"<dc:date>{post.posted.isoformat()}</dc:date>"
        f"<dc:subject>{post.skills[0]}</dc:subject></item>\n"
    )


_ITEM = {
    "wwr": _wwr,
    "upwork": _upwork,
    "freelancer": _freelancer,
    "jobns": _jobns,
    "atom": _atom,
    "rdf": _rdf,
}


def _document(kind: str, index: int, items: str) -> str:
    title = f"{kind} board {index}"
    if kind == "atom":
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:feed:{index}</id>"
            f"<updated>{NOW.isoformat()}</updated>\n{items}</feed>\n"
        )
    if kind == "rdf":
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel rdf:about="https://jobs.example/{index}"><title>{title}</title>'
            f"<link>https://jobs.example/{index}</link><description>{title}</description>"
            f"</channel>\n{items}</rdf:RDF>\n"
        )
    extra = {
        "upwork": ' xmlns:content="http://purl.org/rss/1.0/modules/content/"',
        "jobns": ' xmlns:job="https://jobs.example/ns/job"',
    }.get(kind, "")
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"{extra}><channel>'
        f"<title>{title}</title><link>https://jobs.example/{index}</link>"
        f"<description>{title}</description>\n{items}</channel></rss>\n"
    )


def generate(count: int = 200, seed: int = 2026) -> list[GeneratedFeed]:
    rnd = random.Random(seed)
    posts: list[Post] = []
    feeds: list[GeneratedFeed] = []
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        chosen: list[Post] = []
        for _ in range(rnd.randint(30, 50)):
            if posts and rnd.random() < 0.1:
                chosen.append(rnd.choice(posts))  # the same post seen by two searches
            else:
                posts.append(_post(rnd, len(posts)))
                chosen.append(posts[-1])
        unique = list(dict.fromkeys(chosen))
        items = "".join(_ITEM[kind](post) for post in unique)
        body = _document(kind, index, items).encode("utf-8")
        ext = "atom" if kind == "atom" else "rss"
        feeds.append(
            GeneratedFeed(f"/feeds/{index}.{ext}", kind, CONTENT_TYPES[kind], body, len(unique))
        )
    return feeds
