"""What my bids teach me: view, interview and hire rates by segment (pure).

Each sent bid (invitations left out, see ``bands.counted_bids``) is counted in
one band of each segment, from the context recorded when it was sent, else from
its job as it looked then; a bid whose band is unknown is left out of that
segment only. Every rate carries a 95% Wilson interval.

The sentence rule, so that nothing is claimed from too few bids:

* **No view**: a band with at least ``SILENT_BIDS`` (5) bids and not one view is
  said ("Your 9 bids on jobs with 20 to 50 proposals got no view."), but only
  when your bids elsewhere do get views (else the band teaches nothing).
* **Stands out**: a band with at least ``MIN_BIDS`` (3) bids whose interval
  lies wholly above or below your overall rate for a stage (viewed, interview,
  hired) is said ("2 of your 3 bids sent within an hour of posting were viewed
  (your average: 10%).") when it also differs from that rate enough to
  matter: by ``MIN_GAP`` (10 points) or a factor of ``MIN_RATIO`` (1.5) either
  way. With many bids a tiny difference has a narrow interval; across some
  fifty band-and-stage pairs one would stand out by chance.

One sentence per band at most (the earliest stage that qualifies); "no view"
first, then the bands furthest from your average; three at most.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from cockpit.i18n import N_, _, format_number, ngettext
from cockpit.insights.bands import (
    HIRED,
    INTERVIEW,
    VIEWED,
    band_label,
    band_order,
    band_phrase,
    counted_bids,
    segment_keys,
    wilson,
)
from cockpit.models import Job, Proposal


@dataclass(frozen=True, slots=True)
class Rate:
    hits: int
    bids: int
    low: float  # interval, 0..1
    high: float

    @property
    def share(self) -> float | None:
        return self.hits / self.bids if self.bids else None


@dataclass(frozen=True, slots=True)
class SegmentRow:
    segment: str  # "proposals" | "hours" | "spend" | "connects"
    band: str  # translated band label, e.g. "20 to 50 proposals"
    bids: int
    viewed: Rate
    interview: Rate
    hired: Rate
    key: str = ""  # the band's stable key, e.g. "20-50"


@dataclass(frozen=True, slots=True)
class Lessons:
    rows: list[SegmentRow] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # at most three, translated
    bids: int = 0
    overall: SegmentRow | None = None  # every counted bid (segment "all")


LESSON_SEGMENTS = ("proposals", "hours", "spend", "connects")
SEGMENT_TITLES = {
    "proposals": N_("By proposals already in"),
    "hours": N_("By time since posting"),
    "spend": N_("By what the client had spent"),
    "connects": N_("By Connects cost"),
}
MIN_BIDS = 3  # a band needs this many bids to stand out
SILENT_BIDS = 5  # and this many without a view to be called silent
MAX_SENTENCES = 3
MIN_GAP = 0.10  # a band must differ from the average by 10 points
MIN_RATIO = 1.5  # or by half as much again (hire rates are small)
_STAGES = (("viewed", VIEWED), ("interview", INTERVIEW), ("hired", HIRED))


def _rate(levels: list[int], level: int) -> Rate:
    hits = sum(1 for lv in levels if lv >= level)
    low, high = wilson(hits, len(levels))
    return Rate(hits, len(levels), low, high)


def _row(segment: str, key: str, label: str, levels: list[int]) -> SegmentRow:
    viewed, interview, hired = (_rate(levels, level) for _s, level in _STAGES)
    return SegmentRow(segment, label, len(levels), viewed, interview, hired, key)


def _pct(p: float) -> str:
    return format_number(round(p * 100)) + "%"


def _silent(row: SegmentRow, phrase: str) -> str:
    return ngettext(
        "Your {count} bid {where} got no view.",
        "Your {count} bids {where} got no view.",
        row.bids,
    ).format(count=row.bids, where=phrase)


def _stands_out(stage: str, rate: Rate, phrase: str, average: float) -> str:
    if stage == "viewed":
        text = ngettext(
            "{hits} of your {count} bid {where} was viewed (your average: {average}).",
            "{hits} of your {count} bids {where} were viewed (your average: {average}).",
            rate.bids,
        )
    elif stage == "interview":
        text = ngettext(
            "{hits} of your {count} bid {where} led to an interview (your average: {average}).",
            "{hits} of your {count} bids {where} led to an interview (your average: {average}).",
            rate.bids,
        )
    else:
        text = ngettext(
            "{hits} of your {count} bid {where} led to a hire (your average: {average}).",
            "{hits} of your {count} bids {where} led to a hire (your average: {average}).",
            rate.bids,
        )
    return text.format(hits=rate.hits, count=rate.bids, where=phrase, average=_pct(average))


def _big(share: float, average: float) -> bool:
    """A difference worth a sentence: 10 points, or half as much again (for small rates)."""
    if abs(share - average) >= MIN_GAP:
        return True
    return average > 0 and (share >= average * MIN_RATIO or share * MIN_RATIO <= average)


def _sentences(rows: list[SegmentRow], overall: SegmentRow) -> list[str]:
    silent: list[tuple[int, str]] = []
    standing: list[tuple[float, str]] = []
    for row in rows:
        phrase = band_phrase(row.segment, row.key)
        if row.bids >= SILENT_BIDS and row.viewed.hits == 0 and overall.viewed.hits > 0:
            silent.append((row.bids, _silent(row, phrase)))
            continue
        if row.bids < MIN_BIDS:
            continue
        for stage, _level in _STAGES:
            rate: Rate = getattr(row, stage)
            ref: Rate = getattr(overall, stage)
            average = ref.hits / ref.bids
            share = rate.hits / rate.bids
            outside = rate.low > average + 1e-9 or rate.high < average - 1e-9
            if outside and _big(share, average):
                standing.append((abs(share - average), _stands_out(stage, rate, phrase, average)))
                break
    silent.sort(key=lambda t: -t[0])
    standing.sort(key=lambda t: -t[0])
    return [text for _n, text in silent + standing][:MAX_SENTENCES]


def lessons(
    proposals: Iterable[Proposal],
    jobs: Mapping[str, Job],
    now: datetime | None = None,
    pending_days: float = 7,
) -> Lessons:
    """Rows per segment and band, and the sentences they support.

    With ``now``, bids still "submitted" and sent less than ``pending_days`` ago
    are left out: they have not had time to be viewed.
    """
    bids = counted_bids(proposals, jobs, now, pending_days)
    if not bids:
        return Lessons()
    by_band: dict[tuple[str, str], list[int]] = {}
    for _p, ctx, level in bids:
        keys = segment_keys(ctx)
        for segment in LESSON_SEGMENTS:
            key = keys[segment]
            if key is not None:
                by_band.setdefault((segment, key), []).append(level)
    rows = [
        _row(segment, key, band_label(segment, key), by_band[(segment, key)])
        for segment in LESSON_SEGMENTS
        for key in band_order(segment)
        if (segment, key) in by_band
    ]
    overall = _row("all", "all", _("All bids"), [level for _p, _c, level in bids])
    return Lessons(rows, _sentences(rows, overall), len(bids), overall)


def _cell(rate: Rate) -> str:
    if not rate.bids:
        return "—"
    return f"{rate.hits} · {_pct(rate.hits / rate.bids)} ({_pct(rate.low)}–{_pct(rate.high)})"


def lessons_markdown(result: Lessons) -> list[str]:
    """The same as Markdown lines for ``cockpit report``."""
    lines = ["## " + _("What my bids teach me"), ""]
    if result.bids < MIN_BIDS or result.overall is None:
        lines.append(
            ngettext(
                "{count} sent bid so far: too few to learn from. Send at least {need}, then mark "
                "each one viewed, interview or hired as it happens.",
                "{count} sent bids so far: too few to learn from. Send at least {need}, then mark "
                "each one viewed, interview or hired as it happens.",
                result.bids,
            ).format(count=result.bids, need=MIN_BIDS)
        )
        return lines
    o = result.overall
    lines.append(
        ngettext(
            "{count} sent bid: {viewed} viewed, {interview} interview, {hired} hired.",
            "{count} sent bids: {viewed} viewed, {interview} interview, {hired} hired.",
            result.bids,
        ).format(
            count=result.bids,
            viewed=_pct(o.viewed.hits / o.bids),
            interview=_pct(o.interview.hits / o.bids),
            hired=_pct(o.hired.hits / o.bids),
        )
    )
    head = (_("Band"), _("Bids"), _("Viewed"), _("Interview"), _("Hired"))
    for segment in LESSON_SEGMENTS:
        rows = [r for r in result.rows if r.segment == segment]
        if not rows:
            continue
        lines += ["", "### " + _(SEGMENT_TITLES[segment]), ""]
        lines += ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---:|"]
        lines.extend(
            f"| {r.band} | {r.bids} | {_cell(r.viewed)} | {_cell(r.interview)} | {_cell(r.hired)} |"
            for r in rows
        )
    lines.append("")
    if result.sentences:
        lines.extend(f"- {s}" for s in result.sentences)
    else:
        lines.append(_("No band stands out from your average yet: keep marking outcomes."))
    return lines
