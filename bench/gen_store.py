"""Generate a store of N realistic jobs (default 50,000) for the benches.

python -m bench.gen_store /tmp/cockpit-50k [--jobs 50000]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cockpit.models import Budget, Feed, FeedStatus, Job, Triage
from cockpit.store import Store

SKILLS = [
    "Audio Editing",
    "Podcast Editing",
    "Audio Mixing",
    "Mastering",
    "Sound Design",
    "Voice Over",
    "Music Production",
    "Video Editing",
    "Transcription",
    "Logo Design",
    "WordPress",
    "Python",
    "JavaScript",
    "React",
    "Laravel",
    "PHP",
    "SEO",
    "Copywriting",
    "Translation",
    "Data Entry",
    "Graphic Design",
    "UI/UX",
    "Figma",
    "Shopify",
]
CATEGORIES = ["Audio & Music", "Video", "Design", "Web Development", "Writing", "Admin Support"]
COUNTRIES = ["United States", "Indonesia", "India", "United Kingdom", "Germany", "Australia", ""]
WORDS = [
    *"client needs an experienced editor to clean up noisy recordings remove breaths".split(),
    *"and clicks balance levels add intro music deliver mp3 and wav files weekly".split(),
    *"episodes long term collaboration please share samples of previous work".split(),
]
_rng = random.Random(1)
PARAGRAPHS = [" ".join(_rng.choices(WORDS, k=_rng.randint(30, 90))) for _ in range(300)]
SOURCES = ["upwork", "wwr", "freelancer", "jobns", "generic"]


def make_job(rng: random.Random, n: int, feeds: list[str], now: datetime) -> Job:
    skills = rng.sample(SKILLS, rng.randint(1, 5))
    roll = rng.random()
    budget: Budget | None
    if roll < 0.45:
        amount = float(rng.choice([15, 30, 50, 100, 250, 500, 1500]))
        budget = Budget("fixed", "USD", amount, amount)
    elif roll < 0.75:
        low = float(rng.choice([10, 15, 20, 30]))
        budget = Budget("hourly", "USD", low, low + rng.choice([5, 10, 25]))
    elif roll < 0.85:
        amount = float(rng.choice([600, 1500, 5000]))
        budget = Budget("fixed", "INR", amount, amount * 2)
    elif roll < 0.92:
        amount = float(rng.choice([500_000, 1_500_000, 3_000_000]))
        budget = Budget("fixed", "IDR", amount, amount)
    else:
        budget = None
    paragraphs = rng.sample(PARAGRAPHS, rng.randint(2, 5))
    what = rng.choice(["podcast", "YouTube channel", "album", "course", "app"])
    title = f"{skills[0]} for {what} #{n}"
    return Job(
        id=f"bench{n:06d}",
        title=title,
        link=f"https://example.com/jobs/{n}",
        guid=f"https://example.com/jobs/{n}",
        feed_ids=[rng.choice(feeds)],
        posted=now - timedelta(minutes=rng.randint(0, 90 * 24 * 60)),
        fetched=now,
        description="\n\n".join(paragraphs),
        budget=budget,
        category=rng.choice(CATEGORIES),
        skills=skills,
        country=rng.choice(COUNTRIES),
        source=rng.choice(SOURCES),
    )


def generate(folder: Path, jobs: int = 50_000, seed: int = 7) -> Path:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with Store.open(folder) as store:
        feed_ids = []
        for n in range(12):
            feed = Feed(
                id=f"feed{n}",
                url=f"https://example.com/feed{n}.rss",
                name=f"Board {n}",
                tags=[rng.choice(["audio", "design", "dev"])],
                status=FeedStatus(kind="ok", new_count=rng.randint(0, 30), at=now),
            )
            store.feeds.save(feed)
            feed_ids.append(feed.id)
        batch = [make_job(rng, n, feed_ids, now) for n in range(jobs)]
        store.jobs.upsert_many(batch)
        decided = rng.sample(batch, k=jobs // 20)
        store.triage.save_many(
            Triage(
                job_id=j.id,
                state=rng.choice(["shortlist", "dismissed", "applied"]),
                read=True,
                updated=now,
            )
            for j in decided
        )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=50_000)
    args = parser.parse_args()
    generate(args.folder, args.jobs)
    size = sum(p.stat().st_size for p in (args.folder / "jobs").glob("*.json"))
    print(f"{args.jobs} jobs in {args.folder} (job shards {size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
