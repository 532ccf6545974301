"""Dewi's side of the demo: who she is, what she decided, what she bid (pure).

Dewi is an Indonesian audio editor two months into Upwork: 40 welcome
Connects, Basic plan, 15 bids sent, no win yet. Every record is built with the
same constructors the app uses (``transition`` for proposals, ``make_*`` for
the ledger), so the demo cannot hold a state the app would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from cockpit.models import (
    ChecklistItem,
    ChecklistStatus,
    Job,
    LedgerEntry,
    Profile,
    Proposal,
    ProposalState,
    Rule,
    Settings,
    Snippet,
    Template,
    to_iso,
)
from cockpit.proposals import DEFAULT_TEMPLATES, fill, transition
from cockpit.wallet import make_boost, make_grant, make_purchase, make_refund, make_spend

PORTFOLIO = "https://dewi-audio.example"
SIGNUP_DAYS_AGO = 62.0


def days_ago(now: datetime, days: float) -> datetime:
    return (now - timedelta(days=days)).replace(microsecond=0)


def profile() -> Profile:
    return Profile(
        name="Dewi",
        headline="Audio editor & podcast producer",
        skills=["Audio Editing", "Podcast Editing", "Audio Mixing", "Mastering", "Noise Reduction"],
        rate=15.0,
        portfolio_url=PORTFOLIO,
        country="Indonesia",
    )


def templates() -> list[Template]:
    return [replace(t) for t in DEFAULT_TEMPLATES]


def snippets() -> list[Snippet]:
    return [
        Snippet("demo-snip-turnaround", "Turnaround",
                "I usually return the first edited episode within 48 hours, and later "
                "episodes within 24 hours once I know your show."),
        Snippet("demo-snip-tools", "Tools",
                "I work in Adobe Audition and iZotope RX 10, on closed headphones and "
                "calibrated monitors, and deliver WAV and MP3 at the loudness you need."),
        Snippet("demo-snip-sample", "Short sample",
                "Happy to edit the first five minutes of one episode so you can hear my "
                "work before you decide."),
    ]  # fmt: skip


def rules() -> list[Rule]:
    return [
        Rule("demo-rule-podcast", "Podcast work first", include=["podcast"], points=15),
        Rule("demo-rule-unpaid", "Unpaid tests", include=["unpaid", "test task"], points=-20),
        Rule("demo-rule-crypto", "No crypto", include=["crypto"], action="dismiss"),
        Rule("demo-rule-urgent", "Urgent", include=["urgent", "asap"], action="tag", tag="urgent"),
    ]


def checklist(now: datetime) -> list[ChecklistItem]:
    def item(
        n: int,
        title: str,
        skills: list[str],
        status: ChecklistStatus,
        evidence: str,
        notes: str,
        created: float,
        done: float | None = None,
    ) -> ChecklistItem:
        return ChecklistItem(
            id=f"demo-check-{n}", title=title, skills=skills, status=status,
            evidence=evidence, notes=notes, order=n, created=days_ago(now, created),
            done_at=days_ago(now, done) if done is not None else None,
        )  # fmt: skip

    return [
        item(1, "Podcast before/after sample (noisy interview, cleaned)",
             ["Podcast Editing", "Noise Reduction", "Audio Editing"], "done",
             f"{PORTFOLIO}/samples/podcast-before-after", "Two minutes, both versions.", 70, 60),
        item(2, "Mix & master demo: 3 songs (pop, acoustic, lo-fi)",
             ["Audio Mixing", "Mastering"], "done",
             f"{PORTFOLIO}/samples/mix-master-reel", "", 68, 52),
        item(3, "Audiobook chapter at ACX spec",
             ["Audio Editing", "Mastering", "Audiobook Production"], "done",
             f"{PORTFOLIO}/samples/audiobook-acx", "Passes ACX check plugin.", 55, 40),
        item(4, "Voice-over clean-up reel (before/after)", ["Voice Over", "Noise Reduction"],
             "doing", "", "Asked a friend for raw VO takes.", 20),
        item(5, "Video podcast edit sample in Descript",
             ["Video Editing", "Descript", "Podcast Editing"], "todo", "",
             "More and more podcast posts want video too.", 9),
        item(6, "Game sound design reel (20 SFX)", ["Sound Design", "Sound Effects"], "todo",
             "", "", 6),
    ]  # fmt: skip


# -- triage -------------------------------------------------------------------

SHORTLIST = ("up-bilingual", "pl-podcast-mingguan", "fl-podcast-6", "mj-podcast-editor",
             "ag-german-english", "wwr-podcast-editor")  # fmt: skip
DISMISS = ("up-logo", "fl-react-landing", "wwr-backend-go", "wwr-support-lead", "up-wordpress")
READ = ("up-sermon", "up-game-sfx", "wwr-podcast-producer", "fl-zoom-noise",
        "pl-mixing-akustik", "up-descript", "ag-documentary", "up-test-task")  # fmt: skip


# -- proposals ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bid:
    n: int
    job: str  # catalog key
    template: str
    pitch: str  # replaces the template's generic second paragraph
    sent: float | None = None  # days ago; None keeps it a draft
    cost: int = 0
    boost: int = 0
    outbid: bool = False
    moves: tuple[tuple[ProposalState, float], ...] = ()
    text: str = ""  # a whole letter instead of a filled template


_ID_TEXT = (
    "Halo,\n\nSaya Dewi, editor audio dan podcast dari Yogyakarta. Saya bisa mengedit podcast "
    "mingguan Anda: memotong bagian yang tidak perlu, merapikan level suara, dan menambahkan "
    "intro.\n\nContoh sebelum/sesudah: " + PORTFOLIO + "/samples/podcast-before-after\n\n"
    "Boleh kirim satu file mentah? Lima menit pertama saya edit dulu supaya Anda bisa "
    "menilai hasilnya.\n\nSalam,\nDewi"
)

BIDS: tuple[Bid, ...] = (
    Bid(1, "up-weekly-interview", "default-podcast",
        "I edit interview podcasts every week: filler words and false starts out, both voices "
        "levelled, your intro and outro in place. A 50-minute episode takes me about a day.",
        58.9, 4, moves=(("no_response", 44.0),)),
    Bid(2, "up-indie-ep", "default-music",
        "Warm and modern is my favourite kind of mix: I would keep the intimacy of your vocals "
        "and give the EP the width of your references.",
        55.2, 6, moves=(("viewed", 54.1), ("declined", 50.3))),
    Bid(3, "up-audiobook-cleanup", "default-short",
        "I know the ACX checks well (RMS -23 to -18 dB, peaks under -3 dB, noise floor below "
        "-60 dB) and I run them on every chapter before delivery.",
        51.1, 3, moves=(("no_response", 37.0),)),
    Bid(4, "up-interview-noise", "default-podcast",
        "Wind and traffic on lavalier recordings are exactly what I clean up in iZotope RX. "
        "I would do one file first so you can compare.",
        47.5, 3, moves=(("job_cancelled", 45.6),)),
    Bid(5, "up-master-5", "default-music",
        "Loud but still dusty: I master lo-fi to about -11 LUFS and keep the crackle and tape "
        "warmth you chose.",
        44.2, 4, moves=(("declined", 41.0),)),
    Bid(6, "up-trailer", "default-short",
        "I would pick the three strongest moments of your first episodes and cut them tight "
        "over the music bed, ending on your voice tag.",
        40.1, 3, moves=(("withdrawn", 37.4),)),
    Bid(7, "up-yt-vo", "default-podcast",
        "Twice a week is no problem: cleaned narration back within 24 hours, de-noised, "
        "de-essed and levelled for your video editor.",
        36.2, 5, boost=4, moves=(("viewed", 35.8), ("declined", 33.0))),
    Bid(8, "up-launch", "default-podcast",
        "A launch is the best moment to set the sound of a show. I would build your intro and "
        "outro, edit the first five episodes and deliver at -16 LUFS.",
        31.3, 6, moves=(("no_response", 17.0),)),
    Bid(9, "up-choir", "default-music",
        "Choirs need air, not effects: I would keep the room, balance the sections and tuck "
        "the piano in, with no pitch correction at all.",
        27.2, 3, moves=(("declined", 24.5),)),
    Bid(10, "up-ongoing-editor", "default-podcast",
        "I can take both weekly episodes, edit, mix and upload them to Buzzsprout, well inside "
        "6-8 hours a week.",
        22.1, 4, boost=6, outbid=True, moves=(("viewed", 20.4),)),
    Bid(11, "up-restoration", "default-short",
        "Old cassettes need a gentle hand: I would take the hiss down and steady the wow & "
        "flutter so the voices stay natural, and never touch your original files.",
        18.3, 3),
    Bid(12, "up-three-eps", "default-podcast",
        "True crime lives on pacing. I would tighten the narration, place your archival clips "
        "and music cues, and keep every voice clear.",
        14.0, 4, moves=(("viewed", 13.2), ("interview", 10.1))),
    Bid(13, "up-elearning-vo", "default-short",
        "Cutting narration to script is careful work and I enjoy it: I will follow your take "
        "sheet and deliver mono files at -19 LUFS.",
        9.2, 3),
    Bid(14, "up-video-podcast", "default-podcast",
        "I edit the audio first and then switch cameras in Descript, so the video follows a "
        "clean conversation.",
        5.0, 4, moves=(("viewed", 3.2),)),
    Bid(15, "up-clips", "default-short",
        "I would pick moments that make sense without context, clean the audio and export "
        "vertical audiograms with captions.",
        2.1, 3),
    Bid(16, "up-bilingual", "default-podcast",
        "Indonesian is my first language and I edit English shows every day, so I can cut "
        "where the conversation really pauses, even when you switch languages mid-sentence."),
    Bid(17, "pl-podcast-mingguan", "", "", text=_ID_TEXT),
)  # fmt: skip


def letter(bid: Bid, job: Job, me: Profile, items: list[ChecklistItem]) -> str:
    if bid.text:
        return bid.text
    body = next(t.body for t in DEFAULT_TEMPLATES if t.id == bid.template)
    paragraphs = fill(body, job, me, items).text.split("\n\n")
    if len(paragraphs) > 2:  # greeting, generic pitch, ...: make the pitch this job's own
        paragraphs[1] = bid.pitch
    else:
        paragraphs.insert(1, bid.pitch)
    return "\n\n".join(paragraphs)


def proposal(
    bid: Bid, job: Job, me: Profile, items: list[ChecklistItem], now: datetime
) -> Proposal:
    """A proposal walked through the pipeline with ``transition``, one dated move at a time."""
    if bid.sent is not None:
        written = days_ago(now, bid.sent + 0.05)
    else:
        written = max(days_ago(now, 0.9), (job.posted or now) + timedelta(hours=1))
        written = min(written, now)
    p = Proposal(
        id=f"demo-prop-{bid.n:02d}",
        job_id=job.id,
        text=letter(bid, job, me, items),
        template_id=bid.template,
        history=[{"state": "draft", "at": to_iso(written) or ""}],
        created=written,
        updated=written,
    )
    if bid.sent is None:
        return p
    p = replace(transition(p, "submitted", days_ago(now, bid.sent)), connects_cost=bid.cost,
                boost=bid.boost)  # fmt: skip
    for state, ago in bid.moves:
        p = transition(p, state, days_ago(now, ago))
    return p


# -- Connects ledger ----------------------------------------------------------


def _month_starts(start: datetime, now: datetime, day: int) -> list[datetime]:
    """Basic-plan grant days strictly after signup and not after now."""
    out: list[datetime] = []
    year, month = start.year, start.month
    while True:
        grant = datetime(year, month, min(day, 28), 8, 0, tzinfo=UTC)
        if grant > now:
            return out
        if grant > start:
            out.append(grant)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def ledger(proposals: dict[int, Proposal], now: datetime, settings: Settings) -> list[LedgerEntry]:
    """Every Connects movement, oldest first, each checked against the ones before it."""
    signup = days_ago(now, SIGNUP_DAYS_AGO)
    # (when, tie-break order, kind, bid): a bid's spend comes before its boost.
    plan: list[tuple[datetime, int, str, Bid | None]] = [(signup, 0, "signup", None)]
    for when in _month_starts(signup, now, settings.monthly_grant_day):
        plan.append((when, 1, "monthly", None))
    plan.append((days_ago(now, 33.5), 2, "purchase", None))
    for bid in BIDS:
        if bid.sent is None:
            continue
        sent = days_ago(now, bid.sent)
        plan.append((sent, 3, "spend", bid))
        if bid.boost:
            plan.append((sent, 4, "boost", bid))
        if "job_cancelled" in (state for state, _ in bid.moves):
            plan.append((days_ago(now, 45.5), 5, "refund", bid))
    plan.sort(key=lambda step: (step[0], step[1]))

    entries: list[LedgerEntry] = []
    for at, _, kind, step_bid in plan:
        p = proposals[step_bid.n] if step_bid else None
        ref = {"job_id": p.job_id, "proposal_id": p.id} if p else {}
        if kind == "signup":
            entry = make_grant(
                entries,
                settings.starting_balance,
                now,
                settings,
                reason="signup",
                at=at,
                note="Welcome Connects for a new freelancer account",
            )
        elif kind == "monthly":
            entry = make_grant(entries, settings.monthly_grant_basic, now, settings, at=at)
        elif kind == "purchase":
            entry = make_purchase(
                entries, 20, now, settings, at=at, note="Bought 20 after running low"
            )
        elif kind == "spend" and step_bid:
            entry = make_spend(entries, step_bid.cost, now, settings, at=at, **ref)
        elif kind == "boost" and step_bid:
            entry = make_boost(
                entries,
                step_bid.boost,
                now,
                settings,
                at=at,
                charged=not step_bid.outbid,
                note="Outbid" if step_bid.outbid else "Boosted to the top slots",
                **ref,
            )
        elif kind == "refund" and step_bid:
            entry = make_refund(
                entries,
                step_bid.cost,
                now,
                settings,
                reason="client_cancelled_before_hire",
                at=at,
                note="Client closed the post without hiring",
                **ref,
            )
        else:  # pragma: no cover - the plan above only makes the kinds handled here
            raise AssertionError(kind)
        # make_* draws a random id; the demo keeps ids stable between runs.
        entries.append(replace(entry, id=f"demo-ledger-{len(entries) + 1:02d}"))
    return entries
