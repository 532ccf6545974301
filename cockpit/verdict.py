"""Bid / Maybe / Skip for one job, with its reasons (pure, explainable, no AI).

Warnings are red flags read from the job page (client record, activity, text).
A warning with ``skip`` makes the verdict Skip on its own; the others are cautions.

Cost: only Upwork charges Connects. ``share`` is the part of the balance one bid
takes; a bid the balance cannot pay is a Skip, one over a quarter of it a Maybe.

Chance: the probability that a bid on THIS job is viewed, leads to an interview,
and to a hire, from your own sent bids (invitations and bids too recent to have
been viewed are left out, see ``bands.counted_bids``). Two levels of beta-binomial
shrinkage:

1. Your overall rate per stage is the posterior mean under a Beta prior from
   typical marketplace rates (view 0.30, interview 0.08, hire 0.03) with a
   strength of 10 bids: ``(10 * base + hits) / (10 + bids)``.
2. For each segment this job falls in (proposals band, hours since posting,
   client spend, Connects cost, skill match), the band's rate is shrunk toward
   your overall rate the same way: ``(10 * overall + band_hits) / (10 + band_bids)``.

The estimate is the average of those band posteriors weighted by how many of
your bids each band holds; with no bid in any of the job's bands it is your
overall rate, and with no bids at all the prior. Every stage uses the same
strength and weights and the hits are nested (a hire was an interview and a
view), so hire <= interview <= view holds, and no figure is ever 0 or 1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from cockpit.i18n import SYMBOLS, _, format_money, format_number, ngettext
from cockpit.insights.bands import (
    HIRED,
    INTERVIEW,
    VIEWED,
    band_label,
    context_from_job,
    counted_bids,
    has_connects,
    proposals_band,
    segment_keys,
    spent_connects,
)
from cockpit.insights.common import as_utc, clean_line
from cockpit.models import MARKETPLACES, BidContext, Client, Job, Profile, Proposal, Settings

VerdictKind = Literal["bid", "maybe", "skip"]


@dataclass(frozen=True, slots=True)
class Warning:
    code: str  # stable key: "unverified_no_spend", "crowded", "interviewing", "fresh_client",
    # "off_platform", "unpaid_test", "location", "many_bids"
    text: str  # translated, one line
    skip: bool = True  # this warning alone makes the verdict Skip


@dataclass(frozen=True, slots=True)
class Cost:
    connects: int | None  # None: this source has no Connects
    balance: int | None
    share: float | None  # of the balance
    usd: float | None  # at the list price
    bids_left: int | None  # such bids the balance still allows
    affordable: bool = True  # False: the balance cannot pay for this bid


@dataclass(frozen=True, slots=True)
class Chance:
    view: float
    interview: float
    hire: float
    bids: int  # your past bids this estimate leans on
    connects_per_interview: float | None  # for this job
    your_connects_per_interview: float | None  # your average
    your_interview: float = 0.0  # your overall interview rate (the prior with no bids)


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: VerdictKind
    reasons: list[str] = field(default_factory=list)  # translated lines, most important first
    warnings: list[Warning] = field(default_factory=list)
    cost: Cost | None = None
    chance: Chance | None = None


@dataclass(frozen=True, slots=True)
class Outcomes:
    """The user's own sent proposals with their bid contexts, for the chance estimate."""

    proposals: Sequence[Proposal] = ()
    # Jobs by id: a proposal without a recorded context is placed in bands from its job.
    jobs: Mapping[str, Job] = field(default_factory=dict)


# -- tunables --------------------------------------------------------------------------

PRIOR = {"view": 0.30, "interview": 0.08, "hire": 0.03}  # typical cold-bid rates
PRIOR_STRENGTH = 10.0  # the prior weighs as much as this many bids
CROWDED_AT = 50
# Freelancer.com / Projects.co.id count bids: from here on yours is easily lost in the
# list (a caution); from CROWDED_AT on, a Skip like Upwork's "50+ proposals".
MANY_BIDS_AT = 30
INTERVIEWING_AT = 3
VIEW_STALE = timedelta(hours=24)
FRESH_CLIENT_DAYS = 30
COSTLY_SHARE = 0.25
_STAGE_LEVEL = {"view": VIEWED, "interview": INTERVIEW, "hire": HIRED}


# -- red flags in the text -------------------------------------------------------------

_MESSENGER = r"(?:telegram|whats\s?app|skype|wechat|discord|signal\s+app)"
_NOT_A_PRODUCT = r"(?!\s*(?:bots?|api|channels?|groups?|mini|web\s*app|integration|clone|business))"
_OFF_PLATFORM = re.compile(
    "|".join(
        (
            # "contact me on Telegram", "send your portfolio via WhatsApp"
            r"\b(?:contact|message|reach|ping|add|text|dm|write|chat|talk|call|send|communicate"
            r"|connect|discuss|apply)(?:\s+(?:me|us|with\s+me|with\s+us|your\s+\w+))?"
            r"\s+(?:on|via|at|through|over|in|using|by|to)\s+(?:my\s+|our\s+)?"
            + _MESSENGER
            + r"\b"
            + _NOT_A_PRODUCT,
            # "Telegram: @handle", "WhatsApp +62 812 3456 789", "Skype ID: jo.smith"
            r"\b" + _MESSENGER + r"\s*(?:id|number|no\.?|handle|username|contact)?\s*[:\-]?\s*"
            r"(?:@[\w.]{3,32}|\+?\d[\d \-]{6,16}\d)",
            r"\b" + _MESSENGER + r"\s*(?:id|number|handle|username)\s*[:\-]?\s*\S",
            r"\b(?:my|our)\s+" + _MESSENGER + r"\s+(?:is|id|number|handle|username)\b",
            r"\b" + _MESSENGER + r"\s+(?:me|us)\b",
            r"\b(?:t\.me|wa\.me|telegram\.me|chat\.whatsapp\.com)/",
            # e-mail and phone
            r"\be-?mail\s+(?:me|us)\b",
            r"\bsend\s+(?:me|us)\s+(?:an?\s+)?e-?mail\b",
            r"\b(?:contact|reach|write\s+to)\s+(?:me|us)\s+(?:at|by|via|on)\b",
            r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}\b",
            r"\b(?:call|phone|ring)\s+me\b",
            r"\bphone\s*(?:number|no\.?)?\s*[:\-]\s*\+?\d",
            # Indonesian: "hubungi saya", "WA 0812…", "via WA", "japri"
            r"\bhubungi\s+(?:saya|kami|aku|via|lewat|ke|di|nomor|no\b|wa\b|\+?\d)",
            r"(?-i:\b(?:WA|Wa)\b)\s*[:\-]?\s*\+?\d",
            r"\b(?:via|ke|lewat|chat|nomor|no\.?|kontak)\s+(?-i:WA\b)",
            r"\bjapri\b",
        )
    ),
    re.IGNORECASE,
)
_UNPAID = re.compile(
    "|".join(
        (
            r"\bunpaid\s+(?:test|trial|sample|task|assignment|work)",
            r"\bfree\s+(?:test|sample|trial\s+(?:task|work|article|project))\b",
            r"\b(?:test|trial|sample)(?:\s+(?:task|project|job|work|article|assignment))?\s*[(\-–:,]?\s*"
            r"(?:unpaid|not\s+paid|no\s+pay(?:ment)?|without\s+pay(?:ment)?|for\s+free|free\s+of\s+charge)\b",
            r"\btrial\s+(?:period\s+)?without\s+pay",
            r"\b(?:tes|test|sampel|contoh|percobaan)\s+(?:\w+\s+)?"
            r"(?:gratis|tidak\s+dibayar|tanpa\s+(?:bayaran|dibayar|biaya))\b",
        )
    ),
    re.IGNORECASE,
)


def _quote(match: re.Match[str]) -> str:
    text = clean_line(match.group(0))
    return text if len(text) <= 40 else text[:39] + "…"


# Each phrase above holds one of these words. The big case-insensitive patterns try
# every alternative at every character (about 0.5 s per MB), so they only run on a
# window around each place a trigger word occurs, which a plain find does at C speed.
_OFF_TRIGGERS = (
    "telegram", "whats", "skype", "wechat", "discord", "signal", "t.me/", "wa.me/",
    "mail", "contact", "reach", "write", "call", "phone", "ring", "@", "hubungi", "japri",
)  # fmt: skip
_OFF_CASED = ("WA", "Wa")  # "WA 0812…" is matched case-sensitively
_UNPAID_TRIGGERS = ("unpaid", "paid", "pay", "free", "gratis", "dibayar", "bayaran", "biaya")
WINDOW = 160  # characters either side of a trigger: longer than any phrase matched
SCAN_BUDGET = 256 * 1024  # characters of windows at most; past it, the rest is not read


def _windows(text: str, lowered: str, triggers: tuple[str, ...], cased: tuple[str, ...]) -> str:
    spans: list[tuple[int, int]] = []
    for hay, words in ((lowered, triggers), (text, cased)):
        for word in words:
            at = hay.find(word)
            while at != -1:
                spans.append((max(0, at - WINDOW), at + len(word) + WINDOW))
                at = hay.find(word, at + len(word) + WINDOW)  # this window covers the next few
    spans.sort()
    parts: list[str] = []
    total = 0
    start, end = -1, -1
    for a, b in spans:
        if a > end:
            if end > start:
                parts.append(text[start:end])
                total += end - start
            if total >= SCAN_BUDGET:
                break
            start = a
        end = max(end, b)
    if end > start and total < SCAN_BUDGET:
        parts.append(text[start:end])
    return "\n".join(parts)


def off_platform(text: str) -> str | None:
    """The phrase asking to move off the platform, or None."""
    match = _OFF_PLATFORM.search(_windows(text, text.lower(), _OFF_TRIGGERS, _OFF_CASED))
    return _quote(match) if match else None


def unpaid_test(text: str) -> str | None:
    """The phrase asking for unpaid work, or None."""
    match = _UNPAID.search(_windows(text, text.lower(), _UNPAID_TRIGGERS, ()))
    return _quote(match) if match else None


# -- location --------------------------------------------------------------------------

_RULE_COUNTRY = {"u.s.": "United States", "u.k.": "United Kingdom"}
_RULE_SPLIT = re.compile(r"\s*(?:,|/|;|\bor\b|\band\b)\s*", re.IGNORECASE)


def _place(name: str) -> str:
    # Loaded when a rule names a place: the page reader's package is heavy to import.
    from cockpit.feeds.pagepaste.countries import country as canonical_country

    low = name.strip().lower()
    return _RULE_COUNTRY.get(low) or _RULE_COUNTRY.get(low + ".") or canonical_country(name)


def location_ok(rule: str, where: str) -> bool | None:
    """Whether someone in ``where`` may apply under ``rule``; None when the rule names
    no country we know (a region, say)."""
    places = [p for p in (_place(part) for part in _RULE_SPLIT.split(rule)) if p]
    if not places:
        return None
    mine = _place(where) or where.strip()
    return mine.casefold() in {p.casefold() for p in places}


# -- pieces ----------------------------------------------------------------------------


def _pct(p: float) -> str:
    value = p * 100
    if 0 < value < 1:
        return "<1%"
    return format_number(round(value)) + "%"


def _short_money(amount: float, currency: str) -> str:
    """$18K, $1.5K, $2M, $950."""
    code = (currency or "USD").upper()
    for size, suffix in ((1_000_000, "M"), (1_000, "K")):
        if amount >= size:
            value = amount / size
            number = format_number(value, decimals=0 if value >= 10 else 1)
            number = number.removesuffix(".0").removesuffix(",0")
            symbol = SYMBOLS.get(code)
            return f"{symbol}{number}{suffix}" if symbol else f"{number}{suffix} {code}"
    return format_money(round(amount), code)


def _client_has_history(c: Client) -> bool:
    return any(v is not None for v in (c.jobs_posted, c.hires, c.reviews, c.spent, c.member_since))


def _warnings(job: Job, profile: Profile, now: datetime) -> list[Warning]:
    out: list[Warning] = []
    signals = job.signals
    client = signals.client if signals else Client()
    latest = signals.latest if signals else None
    no_spend = not client.spent

    if client.payment_verified is False and no_spend:
        if client.spent is None and signals is not None and signals.platform == "freelancer":
            # Freelancer.com's API never tells the spend: say only what is known.
            text = _("Payment not verified")
        else:
            text = _("Payment not verified and the client has spent nothing")
        out.append(Warning("unverified_no_spend", text))

    if latest is not None and (latest.proposals_min or 0) >= CROWDED_AT:
        text = _("{band} already: yours would be one of very many").format(
            band=band_label("proposals", "50+")
        )
        out.append(Warning("crowded", text))

    if latest is not None and (latest.bids or 0) >= MANY_BIDS_AT:
        out.append(_many_bids(latest.bids or 0, latest.bid_avg, latest.bid_currency))

    if latest is not None and (latest.interviewing or 0) >= INTERVIEWING_AT:
        viewed = latest.last_viewed
        if viewed is None or as_utc(now) - as_utc(viewed) > VIEW_STALE:
            text = _(
                "Already interviewing {count} and the client has not looked at bids for a day"
            ).format(count=latest.interviewing)
            out.append(Warning("interviewing", text))

    fresh = (
        _client_has_history(client)
        and (client.jobs_posted or 0) <= 1
        and not client.hires
        and not client.reviews
        and no_spend
    )
    if fresh and client.member_since is not None:
        fresh = as_utc(now) - as_utc(client.member_since) <= timedelta(days=FRESH_CLIENT_DAYS)
    if fresh:
        text = _("New client with no history: no hires, reviews or spend yet")
        out.append(Warning("fresh_client", text, skip=client.payment_verified is False))

    platform = signals.platform if signals else ""
    if platform in MARKETPLACES or job.source in MARKETPLACES:
        text = f"{job.title}\n{job.description}"
        if what := off_platform(text):
            out.append(
                Warning(
                    "off_platform",
                    _('Asks to talk off the platform ("{what}"): against the terms').format(
                        what=what
                    ),
                )
            )
        if what := unpaid_test(text):
            out.append(
                Warning("unpaid_test", _('Asks for unpaid work ("{what}")').format(what=what))
            )

    rule = signals.location_rule.strip() if signals else ""
    if rule:
        if not profile.country.strip():
            text = _("Only {rule} may apply: set your country in the profile to check").format(
                rule=rule
            )
            out.append(Warning("location", text, skip=False))
        else:
            ok = location_ok(rule, profile.country)
            if ok is False:
                text = _("Only {rule} may apply, and you work from {country}").format(
                    rule=rule, country=profile.country.strip()
                )
                out.append(Warning("location", text))
            elif ok is None:
                text = _("Only {rule} may apply: check that includes {country}").format(
                    rule=rule, country=profile.country.strip()
                )
                out.append(Warning("location", text, skip=False))
    return out


def _many_bids(count: int, avg: float | None, currency: str) -> Warning:
    """ "42 bids already (average $180)": the competition a bid walks into."""
    skip = count >= CROWDED_AT
    if avg is None or avg < 0:
        return Warning("many_bids", _("{count} bids already").format(count=count), skip=skip)
    money = _short_money(avg, currency) if currency.strip() else format_number(round(avg))
    text = _("{count} bids already (average {avg})").format(count=count, avg=money)
    return Warning("many_bids", text, skip=skip)


def cost_of(job: Job, settings: Settings, balance: int | None) -> Cost:
    """What a bid on this job costs against the balance."""
    connects = job.signals.connects if job.signals and has_connects(job) else None
    if connects is None:
        return Cost(None, balance, None, None, None)
    connects = max(0, connects)
    usd = connects * settings.connect_price_usd
    if balance is None:
        return Cost(connects, None, None, usd, None)
    balance = max(0, balance)
    share = connects / balance if balance else None
    bids_left = balance // connects if connects else None
    return Cost(connects, balance, share, usd, bids_left, affordable=connects <= balance)


@dataclass(frozen=True, slots=True)
class _Tally:
    """Your bids counted once, for judging many jobs against the same outcomes."""

    bids: int
    hits: dict[str, int]  # stage -> bids that reached it
    bands: dict[tuple[str, str], tuple[int, dict[str, int]]]  # (segment, key) -> bids, hits
    connects: int  # spent on the counted bids
    interviews: int


def _tally(outcomes: Outcomes, now: datetime, pending_days: float) -> _Tally:
    bids = counted_bids(outcomes.proposals, outcomes.jobs, now, pending_days)
    levels: dict[tuple[str, str], list[int]] = {}
    for _p, ctx, level in bids:
        for segment, key in segment_keys(ctx).items():
            if key is not None:
                levels.setdefault((segment, key), []).append(level)

    def hits(of: list[int]) -> dict[str, int]:
        return {s: sum(1 for lv in of if lv >= need) for s, need in _STAGE_LEVEL.items()}

    return _Tally(
        bids=len(bids),
        hits=hits([level for _p, _c, level in bids]),
        bands={band: (len(of), hits(of)) for band, of in levels.items()},
        connects=sum(spent_connects(p) for p, _c, _lv in bids),
        interviews=sum(1 for _p, _c, lv in bids if lv >= INTERVIEW),
    )


# One entry: judging a list of jobs passes the same outcomes and time each call.
_last: list[tuple[Outcomes, datetime, float, _Tally]] = []


def _tally_cached(outcomes: Outcomes, now: datetime, pending_days: float) -> _Tally:
    if _last:
        seen, at, days, tally = _last[0]
        if seen is outcomes and at == now and days == pending_days:
            return tally
    tally = _tally(outcomes, now, pending_days)
    _last[:] = [(outcomes, now, pending_days, tally)]
    return tally


def chance_of(
    ctx: BidContext, connects: int | None, outcomes: Outcomes, settings: Settings, now: datetime
) -> Chance:
    """See the module docstring for the model."""
    tally = _tally_cached(outcomes, now, settings.follow_up_days)
    n = tally.bids
    overall = {
        s: (PRIOR_STRENGTH * PRIOR[s] + tally.hits[s]) / (PRIOR_STRENGTH + n) for s in _STAGE_LEVEL
    }
    weighted = dict.fromkeys(_STAGE_LEVEL, 0.0)
    weight = 0
    for segment, key in segment_keys(ctx).items():
        if key is None or (segment, key) not in tally.bands:
            continue
        size, hits = tally.bands[(segment, key)]
        for s in _STAGE_LEVEL:
            posterior = (PRIOR_STRENGTH * overall[s] + hits[s]) / (PRIOR_STRENGTH + size)
            weighted[s] += size * posterior
        weight += size
    est = {s: weighted[s] / weight for s in _STAGE_LEVEL} if weight else dict(overall)
    # Guard the order against rounding; the model already keeps it.
    view = est["view"]
    interview = min(est["interview"], view)
    hire = min(est["hire"], interview)

    per_interview = None if connects is None else connects / interview
    yours = None
    if n:
        yours = tally.connects / (tally.interviews + PRIOR_STRENGTH * PRIOR["interview"])
    return Chance(view, interview, hire, n, per_interview, yours, overall["interview"])


# -- the verdict -----------------------------------------------------------------------


def bid_context(job: Job, profile: Profile, now: datetime, verdict: str = "") -> BidContext:
    """What the job looks like now, to keep with the proposal sent now."""
    return context_from_job(job, now, my_skills=profile.skills, verdict=verdict)


def judge(
    job: Job,
    profile: Profile,
    settings: Settings,
    balance: int | None,
    outcomes: Outcomes,
    now: datetime,
) -> Verdict:
    warnings = _warnings(job, profile, now)
    cost = cost_of(job, settings, balance)
    ctx = bid_context(job, profile, now)
    chance = chance_of(ctx, cost.connects, outcomes, settings, now)

    reasons = [w.text for w in warnings if w.skip]
    if not cost.affordable:
        reasons.append(
            ngettext(
                "{count} Connect needed and you have {balance}",
                "{count} Connects needed and you have {balance}",
                cost.connects or 0,
            ).format(count=cost.connects, balance=cost.balance)
        )
    reasons += [w.text for w in warnings if not w.skip]
    costly = cost.share is not None and cost.share > COSTLY_SHARE
    if cost.connects is not None and cost.affordable:
        if cost.connects == 0:
            reasons.append(_("Free to bid: no Connects"))
        elif cost.share is not None:
            reasons.append(
                ngettext(
                    "{count} Connect: {share} of your {balance}",
                    "{count} Connects: {share} of your {balance}",
                    cost.connects,
                ).format(count=cost.connects, share=_pct(cost.share), balance=cost.balance)
            )
        else:
            reasons.append(
                ngettext(
                    "{count} Connect ({usd})", "{count} Connects ({usd})", cost.connects
                ).format(count=cost.connects, usd=format_money(cost.usd or 0.0, "USD"))
            )

    latest = job.signals.latest if job.signals else None
    band = proposals_band(latest)
    if band and not any(w.code == "crowded" for w in warnings):
        reasons.append(_("{band} already").format(band=band_label("proposals", band)))

    below = chance.interview < chance.your_interview - 1e-9
    if chance.bids:
        line = ngettext(
            "Interview chance about {chance} (your average {average}, from {count} bid)",
            "Interview chance about {chance} (your average {average}, from {count} bids)",
            chance.bids,
        ).format(
            chance=_pct(chance.interview), average=_pct(chance.your_interview), count=chance.bids
        )
    else:
        line = _("Interview chance about {chance} (a typical rate: no bids of yours yet)").format(
            chance=_pct(chance.interview)
        )
    reasons.append(line)

    client = job.signals.client if job.signals else Client()
    if client.spent:
        money = _short_money(client.spent, client.spent_currency)
        if client.hire_rate is not None:
            reasons.append(
                _("Client has spent {money} and hires {rate}%").format(
                    money=money, rate=client.hire_rate
                )
            )
        else:
            reasons.append(_("Client has spent {money}").format(money=money))

    # Where Connects are spent, "Bid" needs the page: a feed entry says nothing of the
    # competition or the client, so it can be no better than Maybe.
    unseen = has_connects(job) and (
        job.signals is None or (not job.signals.readings and client == Client())
    )
    if unseen:
        reasons.append(_("Paste the job page (a) to see its proposals and the client's record"))
    kind: VerdictKind
    if any(w.skip for w in warnings) or not cost.affordable:
        kind = "skip"
    elif not warnings and not below and not costly and not unseen:
        kind = "bid"
    else:
        kind = "maybe"
    return Verdict(kind, reasons, warnings, cost, chance)
