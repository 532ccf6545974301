"""One refresh: fetch feeds, parse what changed, store new jobs, apply rules.

Used by the UI worker (in a thread) and by ``cockpit fetch``. It is sync and
runs its own event loop for the network part, so never call it on a thread
that already runs one.

Order of work, and why:
1. read feeds, rules, profile and settings;
2. fetch concurrently (fetch.py); 304s and same-hash bodies are not parsed;
3. parse changed bodies as they arrive, in worker processes once several have
   changed (parsing is CPU-bound Python and would otherwise hold the GIL for
   seconds), so parsing overlaps the downloads still running (parsepool.py);
4. mark reposts against recently stored jobs;
5. one write on the store's writer: all jobs in one batch, then triage for new
   jobs that rules dismiss or tag, then each feed's fetch state. Feeds are
   re-read there so an edit the user made meanwhile (a rename) is kept.
   A refresh that runs longer than SAVE_EVERY seconds (a slow host) also saves
   the feeds finished so far every SAVE_EVERY seconds, and a refresh stopped by
   Ctrl+C, SIGTERM or SIGHUP ends its parse workers and saves what finished
   before it stops (stopping.py): only the feeds still in progress are lost,
   and they keep their validators, so the next refresh fetches them again.

A feed that fails keeps its old jobs; its validators and hash only move when
a body was parsed successfully, so a parse error is retried in full next time.

CPython's cyclic garbage collector is held off for the length of a refresh
(``collector_paused``): a refresh creates some 100k long-lived containers
(jobs, their lists, their stored dicts) in a burst, which is exactly what sets
off full collections, and a full collection walks every tracked object in the
process while holding the GIL: 70-80 ms (more on a busy machine) during which
the UI thread cannot draw. Those objects hold no cycles (plain dataclasses,
dicts, lists), so the passes found nothing to free. Reference counting still
frees everything as usual; cycles made meanwhile wait for the next pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from cockpit.feeds.fetch import FetchResult, fetch_all
from cockpit.feeds.messages import shown
from cockpit.feeds.parsepool import ParsePool, parse_all, parse_one
from cockpit.feeds.stopping import end_workers, signals_held, stop_on_signals
from cockpit.i18n import N_, _
from cockpit.models import Feed, FeedStatus, Job, Triage, to_iso, utcnow
from cockpit.text import clean_line

if TYPE_CHECKING:
    from cockpit.feeds.parse import ParseResult
    from cockpit.store import Store

POOL_THRESHOLD = 4  # changed feeds before parsing moves to processes
SAVE_EVERY = 5.0  # seconds: a refresh longer than this saves finished feeds as it goes
REPOST_DAYS = 14
UPSERT_SLICE = 2048  # jobs per store upsert (the store's shard size): see _store_jobs

_LABELS = {
    "ok": "OK",
    "warning": "WARN",
    "error": "ERR",
    "not_modified": "SAME",
    "skipped": "SKIP",
}


@dataclass(slots=True)
class FeedReport:
    feed_id: str
    name: str
    kind: str  # ok | warning | error | not_modified | skipped
    new_count: int = 0
    message: str = ""
    new_ids: list[str] = field(default_factory=list)
    # New jobs scoring at least settings.notify_score (not dismissed, not reposts).
    notable_ids: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """Alias of ``kind`` (the FeedStatus kind, or "skipped")."""
        return self.kind

    def summary_line(self) -> str:
        label = _LABELS.get(self.kind, self.kind.upper())
        if self.kind in ("ok", "warning") and not self.message:
            detail = _("{count} new").format(count=self.new_count)
        else:
            detail = self.message
        # Names and messages quote feed titles, URLs and server headers: no ESC/C1
        # may reach the terminal through `cockpit fetch`.
        return f"{label:<4}  {clean_line(self.name)}  {clean_line(detail)}".rstrip()


def notable_ids(reports: list[FeedReport]) -> list[str]:
    return [job_id for report in reports for job_id in report.notable_ids]


_parse_all = parse_all  # the whole-batch form, for tests and tools


def _recent_jobs(
    docs: Iterable[dict[str, Any]], now: datetime, sources: set[str]
) -> dict[str, list[Job]]:
    """Stored jobs recent enough to be reposted, by source, only for ``sources``.

    A repost is only ever looked for among jobs of the same source (dedup's keys
    start with it), so jobs of other sources are not even made into objects.
    """
    cutoff = to_iso(now - timedelta(days=REPOST_DAYS + 1)) or ""
    recent: dict[str, list[Job]] = {source: [] for source in sources}
    for doc in docs:
        group = recent.get(doc.get("source", "generic"))
        # ISO-8601 UTC strings compare like the times they spell.
        if group is not None and (doc.get("posted") or doc.get("fetched") or "") >= cutoff:
            group.append(Job.from_dict(doc))
    return recent


def _mark_reposts(store: Store, batch: dict[str, Job], now: datetime) -> None:
    """Set ``repost_of`` on the batch's jobs the store does not hold yet."""
    from cockpit.feeds.dedup import find_reposts  # imported here: a run of 304s needs none

    fresh: dict[str, list[Job]] = {}
    for job in batch.values():
        if job.id not in store.jobs:
            fresh.setdefault(job.source, []).append(job)
    if not fresh:  # a changed feed whose jobs are all stored already: nothing to compare
        return
    # A shard at a time: only the recent jobs of these sources are kept.
    recent = _recent_jobs(store.jobs.iter_dicts(), now, set(fresh))
    # One source at a time: the same answer as all at once (a repost and its original
    # always share a source), and dedup's index, some 4 KB a job, only ever holds one
    # source's jobs: 8k new jobs at once added 30 MB to a refresh's peak memory.
    for source, jobs in fresh.items():
        for new_id, old_id in find_reposts(jobs, recent.pop(source), days=REPOST_DAYS).items():
            batch[new_id].repost_of = old_id


class _CollectorPause:
    """Counts refreshes in progress; the collector runs again when the last one ends."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holders = 0
        self.was_enabled = False

    @contextmanager
    def held(self) -> Iterator[None]:
        with self.lock:
            if self.holders == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.holders += 1
        try:
            yield
        finally:
            with self.lock:
                self.holders -= 1
                if self.holders == 0 and self.was_enabled:
                    gc.enable()


collector_paused = _CollectorPause().held


def refresh(
    store: Store,
    feed_ids: list[str] | None = None,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
    pool_threshold: int = POOL_THRESHOLD,
) -> list[FeedReport]:
    """Refresh the enabled feeds (or exactly ``feed_ids``); one report per feed."""
    # SIGTERM/SIGHUP unwind like Ctrl+C (workers ended, finished feeds saved);
    # on the UI's worker thread stop_on_signals does nothing.
    with collector_paused(), stop_on_signals():
        return _refresh(store, feed_ids, force, progress, now or utcnow(), pool_threshold)


def _refresh(
    store: Store,
    feed_ids: list[str] | None,
    force: bool,
    progress: Callable[[int, int], None] | None,
    now: datetime,
    pool_threshold: int,
) -> list[FeedReport]:
    feeds: list[Feed] = store.feeds.all()
    if feed_ids is None:
        feeds = [f for f in feeds if f.enabled]
    else:
        wanted = set(feed_ids)
        feeds = [f for f in feeds if f.id in wanted]
    if not feeds:
        return []
    pool = ParsePool(pool_threshold, len(feeds))
    arrived_results: dict[int, FetchResult] = {}
    reports: dict[int, FeedReport] = {}
    parsed_here: dict[int, ParseResult] = {}  # held bodies parsed early, for a save

    def save_finished(parsed: dict[int, ParseResult]) -> None:
        """Store every feed not saved yet whose outcome is final (no parse pending)."""
        kept = sorted(
            i
            for i, r in arrived_results.items()
            if i not in reports and (r.outcome != "ok" or i in parsed)
        )
        if kept:
            with signals_held():  # a SIGTERM waits for the write, then stops us
                part = _save(
                    store,
                    [feeds[i] for i in kept],
                    [arrived_results[i] for i in kept],
                    {feeds[i].id: parsed[i] for i in kept if i in parsed},
                    now,
                )
                reports.update(zip(kept, part, strict=True))

    def save_so_far() -> None:
        # Bodies below the pool threshold wait to be parsed at the end; parse
        # them now, since the refresh is waiting on the network anyway.
        for key in list(pool.held):
            parsed_here[key] = parse_one(pool.held.pop(key))
        with contextlib.suppress(Exception):  # the final save reports any error
            save_finished({**parsed_here, **_finished_parses(pool)})

    def arrived(index: int, result: FetchResult) -> None:
        arrived_results[index] = result
        if result.outcome == "ok" and result.jobs is not None:  # a mail source: read already
            from cockpit.feeds.parse import ParseResult

            for job in result.jobs:
                job.feed_ids = [feeds[index].id]
            parsed_here[index] = ParseResult(jobs=result.jobs, warning=result.warning)
        elif result.outcome == "ok":
            feed = feeds[index]
            pool.add(index, (result.body or b"", result.headers, feed.id, feed.url))
            result.body = None  # the pool holds it now; do not keep two copies

    async def fetch_saving() -> None:
        # A long refresh (a slow host) saves what is finished every SAVE_EVERY
        # seconds, so a kill or a crash later loses only the feeds in progress.
        task = asyncio.ensure_future(
            fetch_all(feeds, force=force, progress=progress, now=now, on_result=arrived)
        )
        try:
            while not task.done():
                await asyncio.wait({task}, timeout=SAVE_EVERY)
                if not task.done():
                    save_so_far()
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        task.result()

    try:
        asyncio.run(fetch_saving())
        by_index = {**parsed_here, **pool.results()}
    except BaseException:  # Ctrl+C, SIGTERM/SIGHUP (stopping.py), or a bug
        # End the workers now and keep what is finished: feeds whose answer needs
        # no parse (304, errors, skips) and bodies already parsed. The rest keep
        # their validators, so the next refresh fetches them again.
        done = {**parsed_here, **_finished_parses(pool)}
        end_workers(pool.pool)
        pool.pool = None
        with contextlib.suppress(Exception):  # the first error is the one to report
            save_finished(done)
        raise
    save_finished(by_index)
    return [reports[i] for i in range(len(feeds))]


def _finished_parses(pool: ParsePool) -> dict[int, ParseResult]:
    """Results the workers have already returned, without waiting for the others."""
    done: dict[int, ParseResult] = {}
    for key, (future, _work) in list(pool.sent.items()):
        if future.done() and not future.cancelled() and future.exception() is None:
            done[key] = future.result()
    return done


def _save(
    store: Store,
    feeds: list[Feed],
    results: list[FetchResult],
    parses: dict[str, ParseResult],
    now: datetime,
) -> list[FeedReport]:
    """Store the new jobs, triage and each feed's fetch state in one write."""
    # Jobs per feed, merged by id across feeds (the same post in two searches).
    batch: dict[str, Job] = {}
    for feed in feeds:
        parsed = parses.get(feed.id)
        for job in parsed.jobs if parsed else []:
            job.fetched = job.fetched or now
            if feed.id not in job.feed_ids:
                job.feed_ids.append(feed.id)
            seen = batch.get(job.id)
            if seen is None:
                batch[job.id] = job
            else:
                seen.feed_ids.extend(f for f in job.feed_ids if f not in seen.feed_ids)
    if batch:  # nothing new to compare, score or store after a run of 304s
        from cockpit.feeds.rules import compile_rules  # imported here: 304s need no rules

        _mark_reposts(store, batch, now)
        scorer = compile_rules(store.rules.all(), store.profile.get().skills)
        notify_at = store.settings.get().notify_score
    else:
        scorer, notify_at = None, 0

    def commit() -> list[FeedReport]:
        new_ids = _store_jobs(store, list(batch.values()))
        # Known jobs from a source that reads their activity (bids so far) gain the reading.
        seen_again = [j for i, j in batch.items() if i not in new_ids and j.signals is not None]
        if seen_again:
            store.jobs.add_readings(seen_again)
        triage: list[Triage] = []
        notable: set[str] = set()
        for job_id in new_ids:
            job = batch[job_id]
            assert scorer is not None  # new ids come from a non-empty batch
            score = scorer.score(job)
            if score.dismiss or score.tags:
                record = store.triage.get(job_id) or Triage(job_id=job_id)
                if score.dismiss and record.state == "new":
                    record.state = "dismissed"
                record.tags.extend(t for t in score.tags if t not in record.tags)
                record.updated = now
                triage.append(record)
            if not score.dismiss and not job.repost_of and score.total >= notify_at:
                notable.add(job_id)
        reports = []
        claimed: set[str] = set()  # a new job counts for the first feed that brought it
        changed: list[Feed] = []
        with store.precious_batch():  # one atomic flush for triage and all feeds
            if triage:
                store.triage.save_many(triage)
            for feed, result in zip(feeds, results, strict=True):
                parsed = parses.get(feed.id)
                mine: list[str] = []
                for job in parsed.jobs if parsed else []:
                    if job.id in new_ids and job.id not in claimed:
                        claimed.add(job.id)
                        mine.append(job.id)
                report = _update_feed(store, feed, result, parsed, mine, now, changed)
                report.notable_ids = [j for j in mine if j in notable]
                reports.append(report)
            store.feeds.save_many(changed)  # one table update for every feed
        return reports

    if not batch:
        # Nothing new: only the feeds' fetch state moves, which no backup needs to keep
        # (a restored store just fetches those feeds again), so no restore point is owed.
        return store.run_write_owing_nothing(commit)
    return store.run_write(commit)


def _store_jobs(store: Store, jobs: list[Job]) -> set[str]:
    """Upsert in slices of UPSERT_SLICE jobs; the ids that were new.

    The store checks and turns a whole batch into documents and serialises the
    shards it touched at once; 8k jobs in one go put 5-6 MB on a refresh's peak.
    Slices keep to the same writer call (the caller's run_write), and since new
    documents take the next doc ids, each slice rewrites only the shard or two it
    fills: the files written are nearly the same. A stop between slices leaves
    whole shards (each is written atomically) and the feeds' validators unmoved,
    so the next refresh fetches those feeds again and adds only what is missing.
    """
    new_ids: set[str] = set()
    refused: list[tuple[str, str]] = []
    for start in range(0, len(jobs), UPSERT_SLICE):
        new_ids.update(store.jobs.upsert_many(jobs[start : start + UPSERT_SLICE]))
        refused.extend(store.jobs.refused)
    if len(jobs) > UPSERT_SLICE:
        store.jobs.refused = refused  # the whole batch's, as one upsert would leave it
    return new_ids


def _update_feed(
    store: Store,
    feed: Feed,
    result: FetchResult,
    parsed: ParseResult | None,
    new_ids: list[str],
    now: datetime,
    changed: list[Feed],
) -> FeedReport:
    """Work out the feed's new fetch state; the caller saves ``changed`` in one go."""
    current: Feed | None = store.feeds.get(feed.id)
    name = (current or feed).name or feed.url
    if result.outcome == "skipped" or current is None:  # untouched, or deleted meanwhile
        return FeedReport(feed.id, name, "skipped", message=result.note or _("feed was removed"))
    current.last_fetched = now
    if result.outcome == "error" or (parsed is not None and parsed.error):
        # Stored in English, shown in whatever language reads it (messages.shown).
        message = clean_line(result.error or (parsed.error if parsed else "") or N_("failed"))
        current.failures += 1
        if result.retry_after_until is not None:
            current.retry_after_until = result.retry_after_until
        current.status = FeedStatus("error", message, 0, now)
        changed.append(current)
        return FeedReport(feed.id, name, "error", message=shown(message))
    current.failures = 0
    current.retry_after_until = None
    if result.seen is not None:  # a mail source: these messages are not read again
        current.seen_messages = result.seen
    if parsed is None or not parsed.partial:
        # A parse cut short by its time budget is read again next time, not marked as seen.
        current.etag = result.etag
        current.last_modified = result.last_modified
        current.body_hash = result.body_hash or current.body_hash
    if parsed is None:  # 304 or same body: nothing new, keep a standing warning visible
        kind = "warning" if current.status.kind == "warning" else "not_modified"
        standing = current.status.message if kind == "warning" else ""
        # The status holds the warning alone; the count is this fetch's, never the last one's.
        if standing:
            message = _("{warning} ({count} new)").format(warning=shown(standing), count=0)
        else:
            message = _("no changes")
        stored = standing or N_("no changes")
        current.status = FeedStatus(kind, stored, 0, now)  # type: ignore[arg-type]
        changed.append(current)
        return FeedReport(feed.id, name, kind, message=message)
    if not current.name and parsed.title:
        current.name = name = clean_line(parsed.title)[:120]
    count = len(new_ids)
    if parsed.warning:
        kind = "warning"
        message = _("{warning} ({count} new)").format(warning=shown(parsed.warning), count=count)
    else:
        kind, message = "ok", _("{count} new").format(count=count)
    # The count lives in new_count; a message with "(2 new)" baked in was repeated later.
    stored = parsed.warning if kind == "warning" else N_("{count} new").format(count=count)
    current.status = FeedStatus(kind, stored, count, now)  # type: ignore[arg-type]
    changed.append(current)
    return FeedReport(feed.id, name, kind, count, message, list(new_ids))
