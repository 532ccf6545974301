"""Fill a throwaway folder with sample feeds and Dewi's data, fully offline.

The feeds are rendered into ``<folder>/feeds`` with dates relative to ``now``
and added as local-file feeds, so pressing r in the app re-reads them without
the network. They go through the real parser, and the rules are applied to
the new jobs the way a refresh would, so the demo shows what the app really
makes of such feeds. Everything but the dates is deterministic.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cockpit.demo import story
from cockpit.demo.render import RenderedFeed, write_feeds
from cockpit.feeds.parse import parse_feed
from cockpit.feeds.rules import compile_rules
from cockpit.models import Feed, FeedStatus, Job, Rule, Settings, Triage, TriageState, utcnow
from cockpit.store import Store

FEED_DIR = "feeds"
FEED_ID_PREFIX = "demo-"


def seed_demo(folder: Path, now: datetime | None = None) -> None:
    """Seed ``folder`` (a new or empty data folder) with the demo; ``now`` anchors all dates."""
    now = (now or utcnow()).replace(microsecond=0)
    if now.tzinfo is None:  # a frozen clock from a script: take it as UTC
        now = now.replace(tzinfo=UTC)
    rendered = write_feeds(Path(folder) / FEED_DIR, now)
    feeds, jobs, keys = _parse(rendered, now)
    with Store.open(Path(folder)) as store:
        new_ids = set(store.jobs.upsert_many(jobs))
        by_key = {key: job for key, job in zip(keys, jobs, strict=True)}
        settings = store.settings.get()
        with store.precious_batch():  # one atomic flush for all of Dewi's data
            _seed_precious(store, feeds, by_key, new_ids, settings, now)


def _parse(rendered: list[RenderedFeed], now: datetime) -> tuple[list[Feed], list[Job], list[str]]:
    """Feeds with their fetch status, their jobs, and each job's catalog key."""
    feeds: list[Feed] = []
    jobs: list[Job] = []
    keys: list[str] = []
    for item in rendered:
        feed_id = FEED_ID_PREFIX + item.feed.key
        url = str(item.path.resolve())
        result = parse_feed(item.body, {}, feed_id, url)
        if result.error or len(result.jobs) != len(item.guids):  # a bundled feed must parse
            raise RuntimeError(f"demo feed {item.feed.file} did not parse: {result.error}")
        for job in result.jobs:
            job.fetched = now
            jobs.append(job)
            keys.append(item.guids[job.guid])
        feeds.append(
            Feed(
                id=feed_id,
                url=url,
                name=result.title or item.feed.title,
                tags=["demo"],
                body_hash=hashlib.sha256(item.body).hexdigest(),
                last_fetched=now,
                status=FeedStatus("ok", f"{len(result.jobs)} new", len(result.jobs), now),
            )
        )
    return feeds, jobs, keys


def _seed_precious(
    store: Store,
    feeds: list[Feed],
    jobs: dict[str, Job],
    new_ids: set[str],
    settings: Settings,
    now: datetime,
) -> None:
    me = story.profile()
    store.profile.save(me)
    for feed in feeds:
        store.feeds.save(feed)
    for template in story.templates():
        store.templates.save(template)
    for snippet in story.snippets():
        store.snippets.save(snippet)
    rules = story.rules()
    for rule in rules:
        store.rules.save(rule)
    items = story.checklist(now)
    for item in items:
        store.checklist.save(item)

    proposals = {bid.n: story.proposal(bid, jobs[bid.job], me, items, now) for bid in story.BIDS}
    for p in proposals.values():
        store.proposals.save(p)
    for entry in story.ledger(proposals, now, settings):
        store.ledger.append(entry)
    store.triage.save_many(_triage(jobs, new_ids, rules, me.skills, now))


def _triage(
    jobs: dict[str, Job],
    new_ids: set[str],
    rules: list[Rule],
    skills: list[str],
    now: datetime,
) -> list[Triage]:
    """Rules first (as a refresh would apply them), then Dewi's own decisions."""
    records: dict[str, Triage] = {}
    scorer = compile_rules(rules, skills)

    def seen(job: Job, hours: float = 2.0) -> datetime:
        return min(now, (job.posted or now) + timedelta(hours=hours))

    for job in jobs.values():
        if job.id not in new_ids:
            continue
        score = scorer.score(job)
        if score.dismiss or score.tags:
            state: TriageState = "dismissed" if score.dismiss else "new"
            records[job.id] = Triage(job.id, state, False, list(score.tags), seen(job, 0.2))

    def decide(key: str, state: TriageState, read: bool, hours: float) -> None:
        job = jobs[key]
        old = records.get(job.id) or Triage(job.id)
        records[job.id] = replace(old, state=state, read=read, updated=seen(job, hours))

    for key in story.READ:
        decide(key, "new", True, 5)
    for key in story.DISMISS:
        decide(key, "dismissed", True, 3)
    for key in story.SHORTLIST:
        decide(key, "shortlist", True, 4)
    for bid in story.BIDS:
        if bid.sent is not None:
            decide(bid.job, "applied", True, 3)
            record = records[jobs[bid.job].id]
            records[record.job_id] = replace(record, updated=story.days_ago(now, bid.sent))
    return list(records.values())
