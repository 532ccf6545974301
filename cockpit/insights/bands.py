"""Bands a bid is counted in, how far a proposal got, and a rate's interval (pure).

Shared by the verdict's chance estimate and "what my bids teach me", so both
count a bid in the same segment. A band has a stable key (stored, compared) and
a translated label (shown). ``None`` means the band is unknown for that bid.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Literal
from urllib.parse import urlsplit

from cockpit.i18n import N_, _
from cockpit.insights.common import as_utc
from cockpit.models import BidContext, Job, Proposal, Reading
from cockpit.skills import normalizer

SEGMENTS = ("proposals", "hours", "spend", "connects", "skills")

# Canonical proposals-band keys, as BidContext.proposals_band stores them, by lower bound.
PROPOSAL_BANDS: tuple[tuple[int, str], ...] = (
    (0, "0-5"),
    (5, "5-10"),
    (10, "10-15"),
    (15, "15-20"),
    (20, "20-50"),
    (50, "50+"),
)

# key -> label (marked for the catalog, translated where shown)
BAND_LABELS: dict[str, dict[str, str]] = {
    "proposals": {
        "0-5": N_("Less than 5 proposals"),
        "5-10": N_("5 to 10 proposals"),
        "10-15": N_("10 to 15 proposals"),
        "15-20": N_("15 to 20 proposals"),
        "20-50": N_("20 to 50 proposals"),
        "50+": N_("50+ proposals"),
    },
    "hours": {
        "<1": N_("< 1 h"),
        "1-6": N_("1-6 h"),
        "6-24": N_("6-24 h"),
        ">24": N_("> 1 day"),
    },
    "spend": {
        "0": N_("$0"),
        "<1k": N_("< $1K"),
        "1k-10k": N_("$1K-10K"),
        ">10k": N_("> $10K"),
    },
    "connects": {
        "0": N_("0"),
        "1-4": N_("1-4"),
        "5-8": N_("5-8"),
        "9-16": N_("9-16"),
        ">16": N_("> 16"),
    },
    "skills": {
        "few": N_("few of my skills"),
        "some": N_("some of my skills"),
        "most": N_("most of my skills"),
    },
}

# How a sentence names the bids in a band: "Your 9 bids {where} got no view."
BAND_PHRASES: dict[str, dict[str, str]] = {
    "proposals": {
        "0-5": N_("on jobs with fewer than 5 proposals"),
        "5-10": N_("on jobs with 5 to 10 proposals"),
        "10-15": N_("on jobs with 10 to 15 proposals"),
        "15-20": N_("on jobs with 15 to 20 proposals"),
        "20-50": N_("on jobs with 20 to 50 proposals"),
        "50+": N_("on jobs with 50+ proposals"),
    },
    "hours": {
        "<1": N_("sent within an hour of posting"),
        "1-6": N_("sent 1 to 6 hours after posting"),
        "6-24": N_("sent 6 to 24 hours after posting"),
        ">24": N_("sent more than a day after posting"),
    },
    "spend": {
        "0": N_("to clients who had spent nothing"),
        "<1k": N_("to clients who had spent under $1K"),
        "1k-10k": N_("to clients who had spent $1K to $10K"),
        ">10k": N_("to clients who had spent over $10K"),
    },
    "connects": {
        "0": N_("that cost no Connects"),
        "1-4": N_("that cost 1 to 4 Connects"),
        "5-8": N_("that cost 5 to 8 Connects"),
        "9-16": N_("that cost 9 to 16 Connects"),
        ">16": N_("that cost more than 16 Connects"),
    },
    "skills": {
        "few": N_("on jobs that asked for few of your skills"),
        "some": N_("on jobs that asked for some of your skills"),
        "most": N_("on jobs that asked for most of your skills"),
    },
}


def band_label(segment: str, key: str) -> str:
    label = BAND_LABELS.get(segment, {}).get(key)
    return _(label) if label else key


def band_phrase(segment: str, key: str) -> str:
    phrase = BAND_PHRASES.get(segment, {}).get(key)
    return _(phrase) if phrase else band_label(segment, key)


def band_order(segment: str) -> list[str]:
    return list(BAND_LABELS.get(segment, {}))


# -- the bands -------------------------------------------------------------------------


def proposals_band_for(count: int | None) -> str:
    """A proposals count (its lower bound) -> canonical key; "" when unknown."""
    if count is None or count < 0:
        return ""
    key = ""
    for low, name in PROPOSAL_BANDS:
        if count >= low:
            key = name
    return key


def proposals_band(reading: Reading | None) -> str:
    """The canonical proposals band of a reading ("" when it shows none).

    Upwork prints a band (its lower bound is ``proposals_min``); Freelancer.com and
    Projects.co.id print a bid count, banded the same way.
    """
    if reading is None:
        return ""
    if reading.proposals_min is not None:
        return proposals_band_for(reading.proposals_min)
    return proposals_band_for(reading.bids)


def hours_band(hours: float | None) -> str | None:
    if hours is None or math.isnan(hours):
        return None
    if hours < 1:
        return "<1"
    if hours < 6:
        return "1-6"
    if hours < 24:
        return "6-24"
    return ">24"


def spend_band(spent: float | None) -> str | None:
    if spent is None or math.isnan(spent):
        return None
    if spent <= 0:
        return "0"
    if spent < 1_000:
        return "<1k"
    if spent <= 10_000:
        return "1k-10k"
    return ">10k"


def connects_band(connects: int | None) -> str | None:
    if connects is None or connects < 0:
        return None
    if connects == 0:
        return "0"
    if connects <= 4:
        return "1-4"
    if connects <= 8:
        return "5-8"
    if connects <= 16:
        return "9-16"
    return ">16"


def skills_band(match: float | None) -> str | None:
    if match is None or math.isnan(match):
        return None
    if match < 1 / 3:
        return "few"
    if match < 2 / 3:
        return "some"
    return "most"


def segment_keys(ctx: BidContext | None) -> dict[str, str | None]:
    """The band key of each segment for one bid (None where the context has no value)."""
    if ctx is None:
        return dict.fromkeys(SEGMENTS)
    return {
        "proposals": ctx.proposals_band or None,
        "hours": hours_band(ctx.hours_since_posted),
        "spend": spend_band(ctx.client_spent),
        "connects": connects_band(ctx.connects),
        "skills": skills_band(ctx.skill_match),
    }


# -- a job as it looked at bid time ----------------------------------------------------


def reading_at(readings: list[Reading], at: datetime | None) -> Reading | None:
    """The last reading taken at or before ``at``; else the first one (closest we have)."""
    if not readings:
        return None
    if at is None:
        return readings[-1]
    at = as_utc(at)
    before = [r for r in readings if r.at is not None and as_utc(r.at) <= at]
    return before[-1] if before else readings[0]


def usd_spent(job: Job) -> float | None:
    """The client's spend when it is in dollars (the spend bands are dollar bands)."""
    if job.signals is None:
        return None
    client = job.signals.client
    if client.spent is None or client.spent_currency.upper() not in ("", "USD"):
        return None
    return client.spent


ConnectsRule = Literal["yes", "no", "unknown"]
NO_CONNECTS_SOURCES = frozenset({"wwr", "freelancer", "jobns", "jsonfeed"})


def connects_rule(job: Job) -> ConnectsRule:
    """Does bidding on this job cost Connects? Only Upwork charges them."""
    platform = job.signals.platform if job.signals else ""
    try:
        host = (urlsplit(job.link).hostname or "") if job.link else ""
    except ValueError:  # a malformed link from a feed
        host = ""
    if platform == "upwork" or job.source == "upwork" or host.endswith("upwork.com"):
        return "yes"
    if platform in ("projects_co_id", "freelancer") or job.source in NO_CONNECTS_SOURCES:
        return "no"
    if job.source == "generic" and job.feed_ids:
        return "no"  # a board's feed: boards with feeds do not sell Connects
    return "unknown"


def has_connects(job: Job) -> bool:
    """Only Upwork charges Connects."""
    return connects_rule(job) == "yes"


def skill_match(
    job_skills: Iterable[str], my_skills: Iterable[str], norm: Callable[[str], str] | None = None
) -> float | None:
    """Share of the job's skills I have (normalised, case-insensitive); None if it lists none."""
    norm = norm or normalizer()
    wanted = {norm(s).casefold() for s in job_skills} - {""}
    if not wanted:
        return None
    mine = {norm(s).casefold() for s in my_skills} - {""}
    return len(wanted & mine) / len(wanted)


def context_from_job(
    job: Job,
    at: datetime,
    my_skills: Iterable[str] | None = None,
    connects: int | None = None,
    verdict: str = "",
) -> BidContext:
    """A BidContext from what the job showed at ``at`` (its reading then, its client)."""
    signals = job.signals
    reading = reading_at(signals.readings, at) if signals else None
    hours = None
    if job.posted is not None:
        hours = max(0.0, (as_utc(at) - as_utc(job.posted)).total_seconds() / 3600)
    if connects is None and signals is not None and has_connects(job):
        connects = signals.connects
    return BidContext(
        at=at,
        proposals_band=proposals_band(reading),
        hours_since_posted=hours,
        client_spent=usd_spent(job),
        connects=connects,
        skill_match=None if my_skills is None else skill_match(job.skills, my_skills),
        verdict=verdict,
    )


# -- how far a proposal got ------------------------------------------------------------

# 0 draft, 1 sent, 2 viewed, 3 interview, 4 hired. A declined proposal that was
# viewed has "viewed" in its history, so the furthest state reached counts.
SENT, VIEWED, INTERVIEW, HIRED = 1, 2, 3, 4
_LEVEL = {
    "draft": 0,
    "submitted": SENT,
    "declined": SENT,
    "no_response": SENT,
    "withdrawn": SENT,
    "job_cancelled": SENT,
    "viewed": VIEWED,
    "interview": INTERVIEW,
    "hired": HIRED,
}


def reach(p: Proposal) -> int:
    """The furthest stage a proposal reached (its state or any state in its history)."""
    states = [p.state, *(h.get("state", "") for h in p.history)]
    return max(_LEVEL.get(s, 0) for s in states)


def sent_at(p: Proposal) -> datetime | None:
    """When it left draft: the first non-draft history entry, else created/updated."""
    for h in p.history:
        if h.get("state", "draft") != "draft" and h.get("at"):
            try:
                return as_utc(datetime.fromisoformat(h["at"]))
            except ValueError:
                continue
    when = p.created or p.updated
    return None if when is None else as_utc(when)


def spent_connects(p: Proposal) -> int:
    """Connects a sent proposal cost (boost included); the context's figure if none recorded."""
    cost = max(0, p.connects_cost) + max(0, p.boost)
    if cost == 0 and not p.invitation and p.context and p.context.connects:
        cost = max(0, p.context.connects)
    return cost


def counted_bids(
    proposals: Iterable[Proposal],
    jobs: Mapping[str, Job] | None = None,
    now: datetime | None = None,
    pending_days: float = 7,
) -> list[tuple[Proposal, BidContext | None, int]]:
    """Sent, uninvited proposals with their context and reach.

    Invitations are left out: the client came to you, so they say little about
    the jobs you bid on. With ``now``, a bid still merely "submitted" and sent
    less than ``pending_days`` ago is left out too: it has not had time to be viewed.
    """
    jobs = jobs or {}
    window = timedelta(days=pending_days)
    out: list[tuple[Proposal, BidContext | None, int]] = []
    for p in proposals:
        level = reach(p)
        if level < SENT or p.invitation:
            continue
        when = sent_at(p)
        pending = level == SENT and p.state == "submitted"
        if pending and now is not None and when is not None and as_utc(now) - when < window:
            continue
        ctx = p.context
        if ctx is None and p.job_id in jobs and when is not None:
            cost = spent_connects(p) if has_connects(jobs[p.job_id]) else None
            ctx = context_from_job(jobs[p.job_id], when, connects=cost)
        out.append((p, ctx, level))
    return out


# -- intervals -------------------------------------------------------------------------

Z95 = 1.959963984540054


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for hits/n; (0, 1) when there is nothing to go on."""
    if n <= 0:
        return 0.0, 1.0
    hits = min(max(hits, 0), n)
    p = hits / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    # Exact at the edges (rounding would leave 0 hits a low bound just above 0).
    low = 0.0 if hits == 0 else max(0.0, centre - half)
    high = 1.0 if hits == n else min(1.0, centre + half)
    return low, high
