"""The inbox model in memory: rows, views, filter, sort and triage with undo (pure).

Built once from store data, then every keystroke works on plain lists:

- rows are columns (parallel lists indexed by a row number), so 50,000 jobs
  cost a few lists, not 50,000 objects;
- the filter searches one lowercase string holding every job's title, skills
  and description, bounded per row with ``str.find(q, start, end)`` (C speed,
  no copies);
- a view is a list of row numbers in sort order, cached; a triage action
  patches the cached lists in place (remove, or insert by rank) instead of
  rebuilding them.

Display strings are made only for rows on screen (``display``), cleaned of
control characters: the UI draws them as plain text, never as markup.
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from cockpit.i18n import N_, _
from cockpit.jobsearch import Haystack, IncrementalSearch, UndoStack, no_pause
from cockpit.labels import budget_label
from cockpit.models import MARKETPLACES, TRIAGE_STATES, Budget, Feed, Job, Triage, TriageState
from cockpit.text import clean_line

SortMode = Literal["score", "newest", "budget"]
SORTS: tuple[SortMode, ...] = ("score", "newest", "budget")
# English msgids (N_): shown through cockpit.i18n._ in the chosen language.
SORT_LABELS: dict[str, str] = {
    "score": N_("by score"),
    "newest": N_("newest first"),
    "budget": N_("by budget"),
}
STATE_VIEWS: tuple[tuple[str, str], ...] = (
    ("new", N_("New")),
    ("shortlist", N_("Shortlist")),
    ("applied", N_("Applied")),
    ("dismissed", N_("Dismissed")),
    ("all", N_("All")),
)
FIRST_MATCHES = 60  # a screenful: the rest of a search comes in slices between keys
SEARCH_CHUNK = 500  # ~2-3 ms of scanning at 50k jobs
FIRST_SCAN = 2000  # rows a keystroke may scan before the screen updates

# Only to order budgets of different currencies; never shown, never stored.
_USD_RATE = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "AUD": 0.66,
    "CAD": 0.73,
    "NZD": 0.6,
    "SGD": 0.74,
    "INR": 0.012,
    "IDR": 0.000063,
}


class Scoring(Protocol):
    """What cockpit.feeds.rules.Scorer offers."""

    def score(self, job: Job) -> Any: ...

    def score_rows(
        self, docs: Sequence[Mapping[str, Any]], pieces: Sequence[tuple[str, Sequence[int]]]
    ) -> tuple[list[int], bytearray, list[tuple[str, ...]]]: ...


@dataclass(slots=True)
class RowScore:
    total: int = 0
    reasons: list[tuple[str, int]] = field(default_factory=list)
    dismiss: bool = False
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RowDisplay:
    """One row as the list shows it; every string is cleaned, single-line."""

    job_id: str
    title: str
    score: int
    budget: str
    skills: str
    country: str
    feed: str
    posted: datetime | None
    state: TriageState
    read: bool


@dataclass(frozen=True, slots=True)
class ViewInfo:
    key: str  # "new" | ... | "all" | "feed:<id>" | "tag:<name>"
    label: str
    count: int


def _budget_key(raw: Any) -> float:
    """Fixed budgets first (by amount), then hourly (by top rate), then none, then
    salaries (by top of range): a freelancer looks for gigs, a salary is a job."""
    if isinstance(raw, Budget):
        raw = raw.to_dict()
    if not raw:
        return 0.0
    amount = raw.get("max") if raw.get("max") is not None else raw.get("min")
    if amount is None:
        return 0.0
    usd = float(amount) * _USD_RATE.get(str(raw.get("currency", "")).upper(), 1.0)
    kind = raw.get("kind")
    if kind == "salary":
        return -1e7 + min(max(usd, 0.0), 9e6)  # below "no budget" (0.0)
    return 1e12 + usd if kind == "fixed" else 1e6 + min(usd, 1e5)


class JobIndex:
    """Rows for N jobs plus the current view, sort, filter and undo stack."""

    def __init__(
        self,
        jobs: Iterable[Mapping[str, Any] | Job],
        triage: Mapping[str, Triage],
        feeds: Sequence[Feed] = (),
        scorer: Scoring | None = None,
        pause: Callable[[], None] | None = None,
    ) -> None:
        """``jobs`` as the store keeps them (dicts; Jobs are converted). ``pause`` is
        called between chunks of work, so a worker building this can let the UI run.
        """
        pause = pause or no_pause
        self.feeds = {f.id: f for f in feeds}
        self.triage: dict[str, Triage] = dict(triage)
        self.scorer = scorer
        self.ids: list[str] = []
        self.row_of: dict[str, int] = {}
        # Columns of what the list shows, sorts and judges; not the stored documents.
        # The description is in the haystack, casefolded, which is all the filter, the
        # rules and the list's verdict need (the detail reads the whole job from the
        # store); it is kept as written only where a verdict reads its case.
        self.titles: list[str] = []
        self.links: list[str] = []
        self.skills: list[tuple[str, ...]] = []
        self.countries: list[str] = []
        self.sources: list[str] = []
        self.budgets: list[tuple[Any, ...] | None] = []
        self.signals: dict[int, dict[str, Any]] = {}
        self.bodies: dict[int, str] = {}
        self.posted = array("d")  # 8 bytes a job, not a float object
        self.feed_ids: list[tuple[str, ...]] = []
        # One casefolded text per row; "\0" keeps a query from spanning two jobs.
        self.hay = Haystack(pause=pause)
        ids, row_of = self.ids, self.row_of
        shared: dict[Any, Any] = {}  # one object per repeated value (skills, countries...)
        for job in jobs:
            d = job.to_dict() if isinstance(job, Job) else job
            job_id = d["id"]
            if job_id in row_of:
                continue
            row = row_of[job_id] = len(ids)
            ids.append(job_id)
            title, skills = d.get("title") or "", tuple(d.get("skills") or ())
            description = d.get("description") or ""
            self.titles.append(title)
            self.links.append(d.get("link") or "")
            self.skills.append(shared.setdefault(skills, skills))
            country, source = d.get("country") or "", d.get("source") or "generic"
            self.countries.append(shared.setdefault(country, country))
            self.sources.append(shared.setdefault(source, source))
            self.budgets.append(_compact_budget(d.get("budget"), shared))
            self.posted.append(_timestamp(d.get("posted")))
            fids = tuple(d.get("feed_ids") or ())
            self.feed_ids.append(shared.setdefault(fids, fids))
            signals = d.get("signals")
            if signals:
                self.signals[row] = signals
            if ("WA" in description or "Wa" in description) and (
                source in MARKETPLACES
                or (isinstance(signals, Mapping) and signals.get("platform") in MARKETPLACES)
            ):
                # The one verdict check that reads case ("WA 0812…"): keep it as written.
                self.bodies[row] = description
            # What the Scorer reads, and what the filter searches: one string per job.
            self.hay.add("\n".join((title, *skills, description)))
        del shared
        self.hay.close()
        pause()
        n = len(ids)
        if scorer is not None:
            self.score_total, dismissed, rule_tags = scorer.score_rows(
                _RowDocs(self), list(zip(self.hay.pieces, self.hay.starts, strict=True))
            )
        else:
            self.score_total, dismissed, rule_tags = [0] * n, bytearray(n), [()] * n
        pause()
        self.budget_key = array("d", (_budget_key(b and _budget_dict(b)) for b in self.budgets))
        # Every list of row numbers (orders, ranks, views) shares these int objects.
        self._numbers = list(range(n))
        self.state: list[TriageState] = ["dismissed" if x else "new" for x in dismissed]
        self.read: list[bool] = [False] * n
        self.tags: list[tuple[str, ...]] = list(rule_tags)
        tri = self.triage
        for job_id, t in tri.items():
            at = row_of.get(job_id)
            if at is not None:
                self.state[at], self.read[at] = t.state, t.read
                if t.tags:
                    self.tags[at] = tuple(dict.fromkeys((*rule_tags[at], *t.tags)))
        pause()
        self._reasons: dict[int, RowScore] = {}
        self._orders: dict[str, list[int]] = {}
        self._ranks: dict[str, list[int]] = {}
        self._views: dict[str, list[int]] = {}
        self.counts: dict[str, int] = {}
        self._count_all()
        self.history = UndoStack()  # what triage decisions replaced, for u
        self.view = "new"
        self.sort: SortMode = "score"
        self.query = ""
        self._scan = IncrementalSearch(self.hay)
        self._display: dict[int, RowDisplay] = {}
        self.visible: list[int] = self._view_rows(self.view)
        # Rows triaged out of the current view but left in place (marked) until the
        # view, sort or filter changes, or the list scrolls: removing a row at once
        # moves every row below it, and redrawing a screenful costs a frame.
        self.lingering: set[int] = set()

    # -- sizes, lookups -------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def doc(self, row: int) -> dict[str, Any]:
        """The row as a stored document holds it, of the columns kept: enough to score
        and judge. The description is the casefolded search text unless kept whole
        (``bodies``); the whole job is the store's (``Store.jobs.get``)."""
        budget = self.budgets[row]
        posted = self.posted[row]
        body = self.bodies.get(row)
        if body is None:
            body = self.hay.text(row)
        return {
            "id": self.ids[row],
            "title": self.titles[row],
            "link": self.links[row],
            "feed_ids": list(self.feed_ids[row]),
            "posted": datetime.fromtimestamp(posted, tz=UTC).isoformat() if posted else None,
            "description": body,
            "budget": _budget_dict(budget) if budget else None,
            "skills": list(self.skills[row]),
            "country": self.countries[row],
            "source": self.sources[row],
            "signals": self.signals.get(row),
        }

    def job(self, row: int) -> Job:
        """The row as a Job for scoring and verdicts (see ``doc``)."""
        return Job.from_dict(self.doc(row))

    def link(self, row: int) -> str:
        return self.links[row]

    def score(self, row: int) -> RowScore:
        """The row's score with every reason (worked out now, for the detail)."""
        shown = self._reasons.get(row)
        if shown is None:
            if self.scorer is None:
                shown = RowScore()
            else:
                s = self.scorer.score(self.job(row))
                shown = RowScore(s.total, list(s.reasons), bool(s.dismiss), list(s.tags))
            if len(self._reasons) > 256:
                self._reasons.clear()
            self._reasons[row] = shown
        return shown

    def position(self, job_id: str) -> int | None:
        self.finish_search()
        row = self.row_of.get(job_id)
        if row is None:
            return None
        try:
            return self.visible.index(row)
        except ValueError:
            return None

    def display(self, row: int) -> RowDisplay:
        shown = self._display.get(row)
        if shown is None or shown.state != self.state[row] or shown.read != self.read[row]:
            compact = self.budgets[row]
            budget = Budget.from_dict(_budget_dict(compact)) if compact else None
            feeds = self.feed_ids[row]
            feed = self._feed_name(feeds[0]) if feeds else "pasted"
            if len(feeds) > 1:
                feed += f" +{len(feeds) - 1}"
            posted = self.posted[row]
            shown = RowDisplay(
                job_id=self.ids[row],
                title=clean_line(self.titles[row]) or "(untitled)",
                score=self.score_total[row],
                budget=budget_label(budget),
                skills=clean_line(", ".join(self.skills[row])),
                country=clean_line(self.countries[row]),
                feed=feed,
                posted=datetime.fromtimestamp(posted, tz=UTC) if posted else None,
                state=self.state[row],
                read=self.read[row],
            )
            if len(self._display) > 4096:
                self._display.clear()
            self._display[row] = shown
        return shown

    def _feed_name(self, feed_id: str) -> str:
        feed = self.feeds.get(feed_id)
        if feed is None:
            return "removed feed"
        return clean_line(feed.label)

    # -- views -------------------------------------------------------------------
    def _member(self, key: str, row: int) -> bool:
        state = self.state[row]
        if key == "all":
            return True
        if key in TRIAGE_STATES:
            return state == key
        if state == "dismissed":  # feed and tag views hide what you threw away
            return False
        kind, _sep, name = key.partition(":")
        if kind == "feed":
            return name in self.feed_ids[row]
        return kind == "tag" and name in self.tags[row]

    def _keys_of(self, row: int) -> list[str]:
        keys = ["all", self.state[row]]
        if self.state[row] != "dismissed":
            keys.extend(f"feed:{f}" for f in self.feed_ids[row])
            keys.extend(f"tag:{t}" for t in self.tags[row])
        return keys

    def _count_all(self) -> None:
        counts: dict[str, int] = {key: 0 for key, _label in STATE_VIEWS}
        counts.update(Counter(self.state))
        counts["all"] = len(self.ids)
        counts.update({f"feed:{f}": 0 for f in self.feeds})
        kept = [i for i, st in enumerate(self.state) if st != "dismissed"]
        fids, tags = self.feed_ids, self.tags
        feed_counts = Counter(f for i in kept for f in fids[i])
        tag_counts = Counter(t for i in kept for t in tags[i])
        counts.update((f"feed:{k}", v) for k, v in feed_counts.items())
        counts.update((f"tag:{k}", v) for k, v in tag_counts.items())
        self.counts = counts

    def view_label(self, key: str) -> str:
        """A view's name: "New", a feed's name, a tag (cleaned: feed text is untrusted)."""
        for state, label in STATE_VIEWS:
            if key == state:
                return _(label)
        kind, _sep, name = key.partition(":")
        if kind == "feed":
            return self._feed_name(name)
        return clean_line(name) if kind == "tag" else key

    def views(self) -> list[ViewInfo]:
        """State views, then one per feed, then one per tag, each with its count."""
        keys = [key for key, _label in STATE_VIEWS]
        keys += [f"feed:{feed_id}" for feed_id in self.feeds]
        keys += sorted(k for k in self.counts if k.startswith("tag:"))
        return [ViewInfo(k, self.view_label(k), self.counts.get(k, 0)) for k in keys]

    def _order(self, mode: SortMode | None = None) -> list[int]:
        mode = mode or self.sort
        order = self._orders.get(mode)
        if order is None:
            numbers = self._numbers
            neg_posted = [-p for p in self.posted]
            neg_score = [-float(s) for s in self.score_total]
            # Two stable sorts on plain float keys beat one sort on tuples.
            if mode == "score":
                order = sorted(numbers, key=neg_posted.__getitem__)
                order.sort(key=neg_score.__getitem__)
            elif mode == "newest":
                order = sorted(numbers, key=neg_posted.__getitem__)
            else:
                neg_budget = [-b for b in self.budget_key]
                order = sorted(numbers, key=neg_score.__getitem__)
                order.sort(key=neg_budget.__getitem__)
            rank = [0] * len(numbers)
            for r, i in enumerate(order):
                rank[i] = numbers[r]
            self._ranks[mode] = rank
            self._orders[mode] = order
        return order

    def _view_rows(self, key: str) -> list[int]:
        rows = self._views.get(key)
        if rows is None:
            order, st = self._order(), self.state
            if key == "all":
                rows = list(order)
            elif key in TRIAGE_STATES:
                rows = [i for i in order if st[i] == key]
            else:
                kind, _sep, name = key.partition(":")
                source = self.feed_ids if kind == "feed" else self.tags
                mask = bytearray(len(self.ids))
                for i, values in enumerate(source):
                    if name in values and st[i] != "dismissed":
                        mask[i] = 1
                rows = [i for i in order if mask[i]]
            self._views[key] = rows
        return rows

    def warm(self) -> None:
        """Sort every way now (in a worker), so S later is instant."""
        for mode in SORTS:
            self._order(mode)

    def set_view(self, key: str) -> None:
        self.settle()
        self.view = key
        self._refilter()

    def set_sort(self, mode: SortMode) -> None:
        if mode != self.sort:
            self.settle()
            self.sort = mode
            self._views.clear()
            self._refilter()

    def cycle_sort(self) -> SortMode:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])
        return self.sort

    # -- filter ------------------------------------------------------------------
    def set_query(self, query: str, *, lazy: bool = False) -> None:
        """Filter the current view. ``lazy``: find only a screenful now and the rest
        through ``search_more`` (the UI calls it between key presses), so a keystroke
        never waits for 50,000 descriptions to be scanned.
        """
        q = query.strip().casefold()
        if q == self.query:
            return
        self.settle()
        narrower = bool(self.query) and self.query in q and not self._scan.active
        self.query = q
        self._scan.stop()
        if not q:
            self.visible = self._view_rows(self.view)
            return
        base = self.visible if narrower else self._view_rows(self.view)
        if not lazy:
            self.visible = self.hay.search(q, base)
            return
        self.visible = []
        self._scan.start(q, base)
        self.search_more(rows=SEARCH_CHUNK, want=FIRST_MATCHES, limit=FIRST_SCAN)

    @property
    def searching(self) -> bool:
        return self._scan.active

    def search_more(self, rows: int = SEARCH_CHUNK, want: int = 0, limit: int = 0) -> bool:
        """Scan ``rows`` more candidates, going on in such slices while fewer than
        ``want`` matches are found (but past at most ``limit`` rows); True when done."""
        return self._scan.more(self.visible, rows, want, limit)

    def finish_search(self) -> None:
        self.search_more(rows=len(self.ids) + 1)

    def _refilter(self) -> None:
        self._scan.stop()
        rows = self._view_rows(self.view)
        self.visible = self.hay.search(self.query, rows) if self.query else rows

    # -- triage --------------------------------------------------------------
    def _current(self, job_id: str) -> Triage:
        row = self.row_of[job_id]
        t = self.triage.get(job_id)
        if t is None:
            return Triage(job_id, self.state[row], self.read[row])
        return Triage(t.job_id, t.state, t.read, list(t.tags), t.updated)

    def apply(self, new: Triage) -> None:
        """A triage decided elsewhere (another pane, or while this index was built)."""
        if new.job_id in self.row_of:
            self._apply(new)

    def settle(self, position: int = 0) -> int:
        """Drop the rows left in place; returns where ``position`` (a place in
        ``visible``) lands: the same job, or the next one kept."""
        gone = self.lingering
        if not gone:
            return position
        self.lingering = set()
        before = sum(1 for r in self.visible[:position] if r not in gone)
        cached = self._views.get(self.view)
        if cached is not None and cached is not self.visible:
            cached[:] = [r for r in cached if r not in gone]
        self.visible[:] = [r for r in self.visible if r not in gone]
        return before

    def _apply(self, new: Triage, hint: int | None = None, linger: bool = False) -> None:
        """Make ``new`` the job's triage: counts and cached views patched in place.

        ``linger``: if the job leaves the current view, leave its row where it is
        (see ``lingering``).
        """
        self.finish_search()  # patches assume the whole filtered list
        row = self.row_of[new.job_id]
        before = set(self._keys_of(row))
        self.state[row], self.read[row] = new.state, new.read
        self.triage[new.job_id] = new
        after = set(self._keys_of(row))
        for key in before - after:
            self.counts[key] -= 1
        for key in after - before:
            self.counts[key] = self.counts.get(key, 0) + 1
        if before == after:
            return
        rank = self._ranks.get(self.sort)
        in_view = self._member(self.view, row)
        if row in self.lingering or (linger and self.view in before and not in_view):
            # Still drawn where it was: back in the view, or not yet swept away.
            if in_view:
                self.lingering.discard(row)
            else:
                self.lingering.add(row)
            for key, rows in self._views.items():
                if key != self.view:
                    self._patch(rows, row, key in before, key in after, rank)
            return
        for key, rows in self._views.items():
            key_hint = hint if key == self.view else None
            self._patch(rows, row, key in before, key in after, rank, key_hint)
        if self.visible is not self._views.get(self.view):  # a filtered copy
            matches = not self.query or self.hay.matches(self.query, row)
            self._patch(
                self.visible,
                row,
                row in self.visible if hint is None else True,
                self._member(self.view, row) and matches,
                rank,
                hint,
            )

    @staticmethod
    def _patch(
        rows: list[int],
        row: int,
        was: bool,
        now: bool,
        rank: list[int] | None,
        hint: int | None = None,
    ) -> None:
        if was and not now:
            if hint is not None and hint < len(rows) and rows[hint] == row:
                del rows[hint]
            elif row in rows:
                rows.remove(row)
        elif now and not was and rank is not None:
            bisect.insort(rows, row, key=rank.__getitem__)

    def set_state(
        self,
        job_id: str,
        state: TriageState,
        now: datetime,
        hint: int | None = None,
        *,
        linger: bool = False,
    ) -> Triage:
        old = self._current(job_id)
        new = Triage(job_id, state, old.read, list(old.tags), now)
        self._push(old)
        self._apply(new, hint, linger)
        return new

    def toggle_state(
        self,
        job_id: str,
        state: TriageState,
        now: datetime,
        hint: int | None = None,
        *,
        linger: bool = False,
    ) -> Triage:
        """``s`` on a shortlisted job (or ``x`` on a dismissed one) puts it back in New."""
        current = self.state[self.row_of[job_id]]
        new_state: TriageState = "new" if current == state else state
        return self.set_state(job_id, new_state, now, hint, linger=linger)

    def toggle_read(self, job_id: str, now: datetime) -> Triage:
        old = self._current(job_id)
        new = Triage(job_id, old.state, not old.read, list(old.tags), now)
        self._push(old)
        self._apply(new)
        return new

    def mark_read(self, job_id: str, now: datetime) -> Triage | None:
        """Opening a job reads it; not an undoable decision. None when nothing changed."""
        old = self._current(job_id)
        if old.read:
            return None
        new = Triage(job_id, old.state, True, list(old.tags), now)
        self._apply(new)
        return new

    def _push(self, old: Triage) -> None:
        self.history.push(old)

    def undo(self, now: datetime) -> Triage | None:
        """Put back the job's triage from before the last action; None if nothing to undo."""
        while (old := self.history.pop()) is not None:
            job_id = old.job_id
            if job_id in self.row_of:
                restored = Triage(job_id, old.state, old.read, list(old.tags), now)
                self._apply(restored)
                return restored
        return None


class _RowDocs(Sequence[Mapping[str, Any]]):
    """The rows as the Scorer reads stored documents, made one at a time from columns."""

    def __init__(self, index: JobIndex) -> None:
        self.of = index

    def __len__(self) -> int:
        return len(self.of.ids)

    def __getitem__(self, row: int) -> Mapping[str, Any]:  # type: ignore[override]
        index = self.of
        budget = index.budgets[row]
        return {
            "skills": index.skills[row],
            "country": index.countries[row],
            "budget": _budget_dict(budget) if budget else None,
            "signals": index.signals.get(row),
        }


def _compact_budget(raw: Any, shared: dict[Any, Any]) -> tuple[Any, ...] | None:
    """(kind, currency, min, max): a tenth of a budget dict's memory."""
    if not isinstance(raw, Mapping) or not raw:
        return None
    kind, currency = raw.get("kind"), raw.get("currency", "")
    return (
        shared.setdefault(kind, kind),
        shared.setdefault(currency, currency),
        raw.get("min"),
        raw.get("max"),
    )


def _budget_dict(compact: tuple[Any, ...]) -> dict[str, Any]:
    kind, currency, low, high = compact
    return {"kind": kind, "currency": currency, "min": low, "max": high}


def _timestamp(posted: Any) -> float:
    if posted and isinstance(posted, str):
        return datetime.fromisoformat(posted).timestamp()
    if isinstance(posted, datetime):
        return posted.timestamp()
    return 0.0
