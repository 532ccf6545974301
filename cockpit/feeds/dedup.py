"""Spotting reposts: a client deleting a job and posting it again under a new id.

Jobs are indexed by a few normalized keys (exact title, title word set,
opening of the description), so each new job meets only the handful of old
jobs that share a key, never all 50k. Candidates are then confirmed with a
cheap word-overlap check on title and description.
"""

from __future__ import annotations

import string
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from cockpit.models import Job

# translate + split is several times faster than a regex findall over 50k jobs.
_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation + "–—•…“”‘’«»·", " "))
_DESCRIPTION_WORDS = 40  # opening words that make the description key
_TITLE_SIMILAR = 0.8  # word-set Jaccard for "very similar" titles
_DESCRIPTION_SIMILAR = 0.8
_MAX_CANDIDATES = 50  # per key: a flood of "Logo design" posts must not go quadratic
# Families whose reposts show up across different searches of the same site.
_SITE_WIDE = frozenset({"upwork", "freelancer", "wwr"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _words(text: str) -> list[str]:
    return text.casefold().translate(_PUNCTUATION).split()


def _title_words(job: Job) -> list[str]:
    words = _words(job.title)
    return words[:-1] if len(words) > 1 and words[-1] == "upwork" else words


def _when(job: Job) -> datetime | None:
    when = job.posted or job.fetched
    if when is not None and when.tzinfo is None:  # stored data is UTC; be lenient anyway
        when = when.replace(tzinfo=UTC)
    return when


def _keys(job: Job) -> list[tuple[str, ...]]:
    title = _title_words(job)
    keys: list[tuple[str, ...]] = []
    if title:
        keys.append(("t", job.source, *title))
        keys.append(("s", job.source, *sorted(set(title))))
    opening = _words(job.description[: _DESCRIPTION_WORDS * 20])[:_DESCRIPTION_WORDS]
    if len(opening) >= 8:  # a very short description says too little to match on
        keys.append(("d", job.source, *opening))
    return keys


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _same_place(new: Job, old: Job) -> bool:
    if new.source != old.source:
        return False
    return new.source in _SITE_WIDE or bool(set(new.feed_ids) & set(old.feed_ids))


class _Index:
    def __init__(self) -> None:
        self.by_key: dict[tuple[str, ...], list[Job]] = defaultdict(list)
        self.word_sets: dict[str, tuple[set[str], set[str]]] = {}
        self._keys: dict[str, list[tuple[str, ...]]] = {}

    def keys(self, job: Job) -> list[tuple[str, ...]]:
        """_keys(job), worked out once: a new job is looked up and then added."""
        cached = self._keys.get(job.id)
        if cached is None:
            cached = self._keys[job.id] = _keys(job)
        return cached

    def add(self, job: Job) -> None:
        for key in self.keys(job):
            self.by_key[key].append(job)

    def sets(self, job: Job) -> tuple[set[str], set[str]]:
        cached = self.word_sets.get(job.id)
        if cached is None:
            cached = (set(_title_words(job)), set(_words(job.description)))
            self.word_sets[job.id] = cached
        return cached

    def similar(self, new: Job, old: Job) -> bool:
        new_title, new_text = self.sets(new)
        old_title, old_text = self.sets(old)
        return (
            _jaccard(new_title, old_title) >= _TITLE_SIMILAR
            and _jaccard(new_text, old_text) >= _DESCRIPTION_SIMILAR
        )


def find_reposts(new_jobs: list[Job], recent_jobs: list[Job], days: int = 14) -> dict[str, str]:
    """Map new job id -> id of the earlier near-identical job it reposts.

    Earlier means posted before it and at most ``days`` before; a repost of a
    repost maps to the original. New jobs are also compared with each other.
    """
    window = timedelta(days=days)
    index = _Index()
    known_ids = {job.id for job in recent_jobs}
    original = {job.id: job.repost_of or job.id for job in recent_jobs}
    dated = sorted(((_when(j), j) for j in recent_jobs if _when(j)), key=_first)
    for _, job in dated:
        index.add(job)  # oldest first, so each key's list tail holds the latest
    fresh = sorted(
        ((when, j) for j in new_jobs if j.id not in known_ids and (when := _when(j))),
        key=_first,
    )
    found: dict[str, str] = {}
    for when, job in fresh:
        best: tuple[datetime, Job] | None = None
        for key in index.keys(job):
            for old in index.by_key.get(key, [])[-_MAX_CANDIDATES:]:
                old_when = _when(old)
                if (
                    old_when is None
                    or old.id == job.id
                    or not when - window <= old_when < when
                    or (best is not None and best[0] <= old_when)
                    or not _same_place(job, old)
                    or not index.similar(job, old)
                ):
                    continue
                best = (old_when, old)
        if best is not None:
            found[job.id] = original.get(best[1].id, best[1].id)
            original[job.id] = found[job.id]
        index.add(job)
    return found


def _first(pair: tuple[datetime | None, Job]) -> datetime:
    return pair[0] or _EPOCH
