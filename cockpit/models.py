"""Plain dataclasses shared by every layer. No Textual, no TinyDB.

Each model round-trips through ``to_dict``/``from_dict`` with JSON-safe values
(datetimes as ISO-8601 UTC strings), which is what the store persists.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal, Self, TypeVar, get_args

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat()


def from_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def job_id_for(guid: str | None, link: str | None, title: str = "") -> str:
    """Stable id: the same guid (or link) from any feed is one job."""
    key = (guid or link or title).strip()
    return hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:16]


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    """A model's field names, once per class: ``fields()`` walks the class every call, and
    reading 50,000 stored jobs called it 46,000 times (half a second)."""
    return frozenset(f.name for f in fields(cls))


class Model:
    """to_dict/from_dict for flat dataclasses; datetime fields listed in _dates."""

    __slots__ = ()
    _dates: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)  # type: ignore[call-overload]
        for name in self._dates:
            data[name] = to_iso(data[name])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        known = _field_names(cls)  # type: ignore[arg-type]  # a class is hashable
        kwargs = {k: v for k, v in data.items() if k in known}
        for name in cls._dates:
            if name in kwargs and isinstance(kwargs[name], str):
                kwargs[name] = from_iso(kwargs[name])
        return cls(**kwargs)


BudgetKind = Literal["fixed", "hourly", "salary"]


@dataclass(slots=True)
class Budget(Model):
    """Fixed: min == max == amount. Hourly: a min/max rate. Salary: yearly pay, min/max.

    The currency is never converted. "salary" is newer than the other two: a job
    stored before it keeps the kind it was stored with (a refetch keeps known jobs).
    """

    kind: BudgetKind
    currency: str
    min: float | None = None
    max: float | None = None

    @property
    def amount(self) -> float | None:
        return self.max if self.max is not None else self.min


@dataclass(slots=True)
class Reading(Model):
    """One look at a job's activity (a paste, an alert e-mail, an API fetch).

    A job keeps every reading, oldest first, so the detail can say "5 to 10
    proposals at 09:00, 20 to 50 at 15:00". Counts are None when not shown.
    """

    _dates: ClassVar[tuple[str, ...]] = ("at", "last_viewed")

    at: datetime | None = None
    proposals: str = ""  # the band as the page printed it: "Less than 5", "20 to 50", "50+"
    proposals_min: int | None = None
    proposals_max: int | None = None  # None when open-ended ("50+")
    last_viewed: datetime | None = None  # "Last viewed by client: 2 hours ago", made absolute
    interviewing: int | None = None
    invites_sent: int | None = None
    unanswered_invites: int | None = None
    bids: int | None = None  # Freelancer.com / Projects.co.id: bids so far
    bid_avg: float | None = None  # average bid, or Upwork Plus "Avg"
    bid_high: float | None = None
    bid_low: float | None = None
    bid_currency: str = ""


@dataclass(slots=True)
class Client(Model):
    """The client's record as a job page shows it. None/"" = not shown."""

    _dates: ClassVar[tuple[str, ...]] = ("member_since",)

    payment_verified: bool | None = None
    rating: float | None = None
    rating_scale: float = 5.0  # Projects.co.id rates out of 10
    reviews: int | None = None
    jobs_posted: int | None = None
    hire_rate: int | None = None  # percent
    open_jobs: int | None = None
    spent: float | None = None  # total spent, in spent_currency
    spent_currency: str = ""
    hires: int | None = None
    active_hires: int | None = None
    avg_hourly_paid: float | None = None
    hours: int | None = None
    country: str = ""
    city: str = ""
    local_time: str = ""
    industry: str = ""
    company_size: str = ""
    member_since: datetime | None = None


@dataclass(slots=True)
class JobSignals(Model):
    """What a job page says beyond the feed fields: its cost, competition and client.

    Filled by paste intake (and alert e-mails, APIs). ``readings`` keeps each
    reading of the activity, oldest first; the last one is the current state.
    """

    platform: str = ""  # upwork | projects_co_id | freelancer | "" (unknown)
    platform_id: str = ""  # Upwork's ~01… id, Freelancer.com's project id, a Projects.co.id slug
    connects: int | None = None  # "Send a proposal for: N Connects"
    available_connects: int | None = None
    experience: str = ""  # entry | intermediate | expert
    duration: str = ""  # as printed: "1 to 3 months"
    hours_per_week: str = ""  # as printed: "Less than 30 hrs/week"
    project_type: str = ""  # as printed: "One-time project"
    location_rule: str = ""  # "" = anywhere; else who may apply, as printed ("U.S.")
    deadline: str = ""  # Projects.co.id "Select Deadline"
    finish_days: int | None = None  # Projects.co.id "Finish Days"
    status: str = ""  # Projects.co.id "Project Status"
    client: Client = field(default_factory=Client)
    readings: list[Reading] = field(default_factory=list)

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None

    def to_dict(self) -> dict[str, Any]:
        data = Model.to_dict(self)
        data["client"] = self.client.to_dict()
        data["readings"] = [r.to_dict() for r in self.readings]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobSignals:
        rest = {k: v for k, v in data.items() if k not in ("client", "readings")}
        signals = Model.from_dict.__func__(cls, rest)  # type: ignore[attr-defined]
        signals.client = Client.from_dict(data.get("client") or {})
        signals.readings = [Reading.from_dict(r) for r in data.get("readings") or []]
        return signals


TriageState = Literal["new", "shortlist", "applied", "dismissed"]
TRIAGE_STATES: tuple[TriageState, ...] = ("new", "shortlist", "applied", "dismissed")


# Boards where talking off the platform breaks the terms (job boards expect e-mail).
MARKETPLACES = frozenset({"upwork", "freelancer", "projects_co_id"})


@dataclass(slots=True)
class Job(Model):
    """A job as extracted from a feed (re-fetchable data)."""

    _dates: ClassVar[tuple[str, ...]] = ("posted", "fetched")

    id: str
    title: str
    link: str = ""
    guid: str = ""
    feed_ids: list[str] = field(default_factory=list)
    posted: datetime | None = None
    fetched: datetime | None = None
    description: str = ""
    budget: Budget | None = None
    category: str = ""
    skills: list[str] = field(default_factory=list)
    country: str = ""
    company: str = ""
    job_type: str = ""
    client_name: str = ""
    source: str = "generic"  # upwork | wwr | freelancer | jobns | jsonfeed | generic | paste
    repost_of: str = ""
    signals: JobSignals | None = None  # from a pasted page, an alert e-mail or an API
    raw: str = ""  # the text as pasted, kept whole (schema 3)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "link": self.link,
            "guid": self.guid,
            "feed_ids": list(self.feed_ids),
            "posted": to_iso(self.posted),
            "fetched": to_iso(self.fetched),
            "description": self.description,
            "budget": self.budget.to_dict() if self.budget else None,
            "category": self.category,
            "skills": list(self.skills),
            "country": self.country,
            "company": self.company,
            "job_type": self.job_type,
            "client_name": self.client_name,
            "source": self.source,
            "repost_of": self.repost_of,
            "signals": self.signals.to_dict() if self.signals else None,
            "raw": self.raw,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Job:
        budget = data.get("budget")
        signals = data.get("signals")
        return cls(
            id=data["id"],
            title=data.get("title", ""),
            link=data.get("link", ""),
            guid=data.get("guid", ""),
            feed_ids=list(data.get("feed_ids") or []),
            posted=from_iso(data.get("posted")),
            fetched=from_iso(data.get("fetched")),
            description=data.get("description", ""),
            budget=Budget.from_dict(budget) if budget else None,
            category=data.get("category", ""),
            skills=list(data.get("skills") or []),
            country=data.get("country", ""),
            company=data.get("company", ""),
            job_type=data.get("job_type", ""),
            client_name=data.get("client_name", ""),
            source=data.get("source", "generic"),
            repost_of=data.get("repost_of", ""),
            signals=JobSignals.from_dict(signals) if signals else None,
            raw=data.get("raw", ""),
        )


@dataclass(slots=True)
class Triage(Model):
    """What the user decided about a job (precious)."""

    _dates: ClassVar[tuple[str, ...]] = ("updated",)

    job_id: str
    state: TriageState = "new"
    read: bool = False
    tags: list[str] = field(default_factory=list)
    updated: datetime | None = None


@dataclass(slots=True)
class FeedStatus(Model):
    _dates: ClassVar[tuple[str, ...]] = ("at",)

    kind: Literal["never", "ok", "not_modified", "warning", "error"] = "never"
    message: str = ""
    new_count: int = 0
    at: datetime | None = None


@dataclass
class Feed(Model):
    _dates: ClassVar[tuple[str, ...]] = ("last_fetched", "retry_after_until")

    id: str
    url: str
    name: str = ""
    tags: list[str] = field(default_factory=list)
    enabled: bool = True
    etag: str = ""
    last_modified: str = ""
    body_hash: str = ""
    last_fetched: datetime | None = None
    retry_after_until: datetime | None = None
    failures: int = 0
    min_interval_minutes: int = 15
    # A mail source (maildir:/mbox:): Message-IDs already read, newest last, capped.
    seen_messages: list[str] = field(default_factory=list)
    status: FeedStatus = field(default_factory=FeedStatus)

    @property
    def label(self) -> str:
        """The name the user gave or the feed's own title; until one is known, its host."""
        if self.name.strip():
            return self.name
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(self.url)
        except ValueError:
            return self.url
        return parts.hostname or parts.path.rsplit("/", 1)[-1] or self.url

    def to_dict(self) -> dict[str, Any]:
        data = Model.to_dict(self)
        data["status"] = self.status.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Feed:
        feed = Model.from_dict.__func__(cls, {k: v for k, v in data.items() if k != "status"})  # type: ignore[attr-defined]
        feed.status = FeedStatus.from_dict(data.get("status") or {})
        return feed


ProposalState = Literal[
    "draft",
    "submitted",
    "viewed",
    "interview",
    "hired",
    "declined",
    "no_response",
    "withdrawn",
    "job_cancelled",
]
# Pipeline order, from the Literal itself so the list lives in one place.
PROPOSAL_STATES: tuple[ProposalState, ...] = get_args(ProposalState)


@dataclass(slots=True)
class BidContext(Model):
    """What the job looked like when the proposal was sent: the segments that
    "what my bids teach me" and the verdict's chance estimate count by."""

    _dates: ClassVar[tuple[str, ...]] = ("at",)

    at: datetime | None = None
    proposals_band: str = ""  # canonical key: "0-5" | "5-10" | "10-15" | "15-20" | "20-50" | "50+"
    hours_since_posted: float | None = None
    client_spent: float | None = None  # USD (or the page's currency)
    connects: int | None = None
    skill_match: float | None = None  # share of the job's skills in the profile, 0..1
    verdict: str = ""  # bid | maybe | skip, as shown when it was sent


@dataclass(slots=True)
class Proposal(Model):
    _dates: ClassVar[tuple[str, ...]] = ("created", "updated", "snoozed_until")

    id: str
    job_id: str
    text: str = ""
    state: ProposalState = "draft"
    template_id: str = ""
    # [{"state": ..., "at": iso}] oldest first; kept as plain dicts for the store.
    history: list[dict[str, str]] = field(default_factory=list)
    connects_cost: int = 0
    boost: int = 0
    created: datetime | None = None
    updated: datetime | None = None
    snoozed_until: datetime | None = None
    invitation: bool = False  # an answer to the client's invitation (may cost 0)
    context: BidContext | None = None  # recorded at submit

    def to_dict(self) -> dict[str, Any]:
        data = Model.to_dict(self)
        data["context"] = self.context.to_dict() if self.context else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        rest = {k: v for k, v in data.items() if k != "context"}
        proposal = Model.from_dict.__func__(cls, rest)  # type: ignore[attr-defined]
        context = data.get("context")
        proposal.context = BidContext.from_dict(context) if context else None
        return proposal


LedgerKind = Literal["grant", "purchase", "spend", "boost", "refund", "expiry", "adjustment"]


@dataclass(slots=True)
class LedgerEntry(Model):
    """One append-only line of the Connects ledger.

    ``amount`` is always a positive count; the kind says which way it moves.
    For an adjustment, ``amount`` is signed.
    """

    _dates: ClassVar[tuple[str, ...]] = ("at",)

    id: str
    kind: LedgerKind
    amount: int
    at: datetime
    reason: str = ""  # grant: signup|monthly|reward|other; refund: why
    usd: float | None = None  # purchase price paid
    job_id: str = ""
    proposal_id: str = ""
    charged: bool = True  # boost: False when outbid
    reverses: str = ""  # id of the entry this one corrects
    note: str = ""


@dataclass(slots=True)
class Lot(Model):
    """Connects issued together, spent oldest first, expiring together."""

    _dates: ClassVar[tuple[str, ...]] = ("issued", "expires")

    entry_id: str
    issued: datetime
    expires: datetime
    amount: int
    remaining: int


ChecklistStatus = Literal["todo", "doing", "done"]


@dataclass(slots=True)
class ChecklistItem(Model):
    _dates: ClassVar[tuple[str, ...]] = ("created", "done_at")

    id: str
    title: str
    skills: list[str] = field(default_factory=list)
    status: ChecklistStatus = "todo"
    evidence: str = ""
    notes: str = ""
    order: int = 0
    created: datetime | None = None
    done_at: datetime | None = None


RuleAction = Literal["dismiss", "tag", "score"]


@dataclass(slots=True)
class Rule(Model):
    id: str
    name: str
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    min_fixed: float | None = None
    min_hourly: float | None = None
    allow_countries: list[str] = field(default_factory=list)
    block_countries: list[str] = field(default_factory=list)
    action: RuleAction = "score"
    tag: str = ""
    points: int = 10
    enabled: bool = True
    # What the job page says, one "field op value" each: "connects <= 8" (feeds/conditions.py)
    conditions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Template(Model):
    id: str
    name: str
    body: str = ""


@dataclass(slots=True)
class Snippet(Model):
    id: str
    name: str
    body: str = ""


@dataclass(slots=True)
class Profile(Model):
    name: str = ""
    headline: str = ""
    skills: list[str] = field(default_factory=list)
    rate: float | None = None
    portfolio_url: str = ""
    country: str = ""  # where you work from: location rules ("U.S. only") are checked against it


@dataclass(slots=True)
class Settings(Model):
    """User-tunable numbers. The platform's rules change; these are the defaults."""

    plan: Literal["basic", "plus"] = "basic"
    monthly_grant_basic: int = 10
    monthly_grant_plus: int = 100
    monthly_grant_day: int = 1
    connect_price_usd: float = 0.15
    starting_balance: int = 40
    lot_lifetime_days: int = 365
    refund_reasons: list[str] = field(
        default_factory=lambda: ["client_cancelled_before_hire", "post_removed_by_platform"]
    )
    cover_letter_limit: int = 5000
    preview_chars: int = 200
    follow_up_days: int = 7
    auto_refresh_minutes: int = 0  # 0 = off
    inbox_view: str = "new"  # the view and sort the Inbox opens with: the last ones used
    inbox_sort: str = "score"
    notify_score: int = 20
    language: str = ""  # "" follows LANG
    skill_aliases: dict[str, str] = field(default_factory=dict)  # user extensions
    default_bid_connects: int = 3
    # Notices (notices.py): a program run once per new job worth a bid, never through a shell.
    notify_command: str = ""  # "" = off; split into words like a shell would, then run directly
    notify_rule: str = "score_or_bid"  # score | bid | score_or_bid
    notify_quiet: str = "22:00-07:00"  # no notice in these local hours; "" = none
    notify_per_hour: int = 6  # at most this many notices in any hour
    timezone: str = ""  # IANA name ("Asia/Jakarta") or offset ("+07:00"); "" = this computer's


def changed_fields(before: Model, after: Model) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before`` (two copies of one model)."""
    old, new = before.to_dict(), after.to_dict()
    return {name: getattr(after, name) for name in new if old.get(name) != new[name]}


UNTITLED_JOB = "(untitled)"  # a job whose page or entry had no title


def _newer_wins(old: Model, new: Model) -> None:
    """Copy into ``old`` every field ``new`` knows (not None, not empty)."""
    for f in fields(new):  # type: ignore[arg-type]
        value = getattr(new, f.name)
        if value is not None and value != "" and value != []:
            setattr(old, f.name, value)


def merge_pasted(old: Job, new: Job) -> Job:
    """The same job pasted again: what the new page shows wins, nothing known is lost,
    and every reading of its activity is kept with its time (oldest first)."""
    merged = Job.from_dict(old.to_dict())
    fresh = Job.from_dict(new.to_dict())
    for name in ("title", "link", "guid", "description", "category", "country", "company"):
        value = getattr(fresh, name)
        if value and value != UNTITLED_JOB:
            setattr(merged, name, value)
    for name in ("posted", "budget", "raw"):
        if getattr(fresh, name):
            setattr(merged, name, getattr(fresh, name))
    if fresh.skills:
        merged.skills = fresh.skills
    merged.feed_ids = list(dict.fromkeys([*old.feed_ids, *new.feed_ids]))
    merged.fetched = fresh.fetched or merged.fetched
    if fresh.signals is None:
        return merged
    if merged.signals is None:
        merged.signals = fresh.signals
        return merged
    readings = [*merged.signals.readings, *fresh.signals.readings]
    client = merged.signals.client
    _newer_wins(client, fresh.signals.client)
    _newer_wins(merged.signals, fresh.signals)
    merged.signals.client = client
    merged.signals.readings = []
    for reading in sorted(readings, key=lambda r: r.at or datetime.min.replace(tzinfo=UTC)):
        last = merged.signals.readings[-1] if merged.signals.readings else None
        if last is None or _activity(last) != _activity(reading):
            merged.signals.readings.append(reading)  # the same page again adds no reading
    return merged


def add_reading(old: Job, fresh: Job) -> Job | None:
    """A known job seen again by a source that reads its activity (Freelancer.com's API):
    a copy with the fresh readings that say something new (more bids) and the client's
    newer record, or None when nothing changed. Nothing else of the stored job moves."""
    if fresh.signals is None or not fresh.signals.readings:
        return None
    merged = Job.from_dict(old.to_dict())
    if merged.signals is None:
        merged.signals = JobSignals.from_dict(fresh.signals.to_dict())
        return merged
    before = merged.signals.to_dict()
    _newer_wins(merged.signals.client, fresh.signals.client)
    for reading in fresh.signals.readings:
        last = merged.signals.latest
        if last is None or _activity(last) != _activity(reading):
            merged.signals.readings.append(reading)
    return merged if merged.signals.to_dict() != before else None


def _activity(reading: Reading) -> dict[str, Any]:
    """What a reading says, apart from when it was taken (a re-paste has a new time)."""
    data = reading.to_dict()
    data.pop("at", None)
    data.pop("last_viewed", None)  # "viewed 1 hour ago", made absolute at each paste
    return data
