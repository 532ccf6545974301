"""The bid verdict: warnings, cost, chance, bid context, and the band helpers."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.insights.bands import (
    connects_band,
    counted_bids,
    hours_band,
    proposals_band,
    proposals_band_for,
    reach,
    skill_match,
    spend_band,
    wilson,
)
from cockpit.models import (
    BidContext,
    Client,
    Job,
    JobSignals,
    Profile,
    Proposal,
    Reading,
    Settings,
)
from cockpit.verdict import (
    PRIOR,
    Outcomes,
    bid_context,
    judge,
    location_ok,
    off_platform,
    unpaid_test,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
OLD = NOW - timedelta(days=30)
GOOD_CLIENT = {"payment_verified": True, "spent": 18_000.0, "hire_rate": 74, "jobs_posted": 20}


def job(
    title: str = "Edit a podcast",
    description: str = "Weekly episodes, 45 minutes each.",
    source: str = "upwork",
    client: dict[str, Any] | None = None,
    reading: dict[str, Any] | None = None,
    **signals: Any,
) -> Job:
    signals.setdefault("platform", "upwork" if source == "upwork" else "")
    signals.setdefault("connects", 4)
    return Job(
        id="j",
        title=title,
        description=description,
        source=source,
        posted=NOW - timedelta(hours=2),
        skills=["Podcast Editing", "Audio Mixing"],
        signals=JobSignals(
            client=Client(**(GOOD_CLIENT if client is None else client)),
            readings=[Reading(at=NOW, **(reading or {"proposals_min": 5, "proposals_max": 10}))],
            **signals,
        ),
    )


def codes(j: Job, profile: Profile | None = None, balance: int | None = 100) -> dict[str, bool]:
    v = judge(j, profile or Profile(), Settings(), balance, Outcomes(), NOW)
    return {w.code: w.skip for w in v.warnings}


def sent(
    pid: str,
    *states: str,
    ctx: BidContext | None = None,
    connects: int = 4,
    at: datetime = OLD,
    invitation: bool = False,
) -> Proposal:
    history = [{"state": s, "at": at.isoformat()} for s in ("submitted", *states)]
    return Proposal(
        id=pid,
        job_id="old-" + pid,
        state=history[-1]["state"],  # type: ignore[arg-type]
        history=history,
        connects_cost=connects,
        context=ctx,
        created=at,
        invitation=invitation,
    )


# -- warnings --------------------------------------------------------------------------


def test_a_clean_job_is_a_bid() -> None:
    v = judge(job(), Profile(), Settings(), 100, Outcomes(), NOW)
    assert v.kind == "bid"
    assert v.warnings == []
    assert v.reasons[0] == "4 Connects: 4% of your 100"
    assert "5 to 10 proposals already" in v.reasons
    assert "Client has spent $18K and hires 74%" in v.reasons


@pytest.mark.parametrize(
    ("client", "fires"),
    [
        ({"payment_verified": False}, True),
        ({"payment_verified": False, "spent": 0.0}, True),
        ({"payment_verified": False, "spent": 250.0}, False),
        ({"payment_verified": True}, False),
        ({}, False),  # not shown: nothing to say
    ],
)
def test_unverified_no_spend(client: dict[str, Any], fires: bool) -> None:
    found = codes(job(client=client))
    assert ("unverified_no_spend" in found) is fires
    if fires:
        assert found["unverified_no_spend"] is True
        assert judge(job(client=client), Profile(), Settings(), 100, Outcomes(), NOW).kind == "skip"


@pytest.mark.parametrize(("low", "fires"), [(50, True), (20, False), (None, False)])
def test_crowded(low: int | None, fires: bool) -> None:
    j = job(reading={"proposals_min": low, "proposals": "50+"})
    assert ("crowded" in codes(j)) is fires


def test_crowded_needs_a_reading() -> None:
    j = job()
    assert j.signals is not None
    j.signals.readings = []
    assert "crowded" not in codes(j)


@pytest.mark.parametrize(
    ("interviewing", "viewed_ago", "fires"),
    [
        (3, None, True),
        (3, timedelta(hours=30), True),
        (5, timedelta(hours=2), False),  # viewed lately: still looking
        (2, None, False),
        (None, None, False),
    ],
)
def test_interviewing(interviewing: int | None, viewed_ago: timedelta | None, fires: bool) -> None:
    viewed = None if viewed_ago is None else NOW - viewed_ago
    j = job(reading={"interviewing": interviewing, "last_viewed": viewed})
    assert ("interviewing" in codes(j)) is fires


@pytest.mark.parametrize(
    ("client", "fires", "skip"),
    [
        ({"payment_verified": True, "jobs_posted": 1}, True, False),
        ({"payment_verified": True, "jobs_posted": 0, "hires": 0, "reviews": 0}, True, False),
        ({"payment_verified": True, "member_since": NOW - timedelta(days=10)}, True, False),
        ({"payment_verified": False, "jobs_posted": 1}, True, True),
        ({"payment_verified": True, "member_since": NOW - timedelta(days=400)}, False, False),
        ({"payment_verified": True, "jobs_posted": 4}, False, False),
        ({"payment_verified": True, "jobs_posted": 1, "hires": 1}, False, False),
        ({"payment_verified": True, "jobs_posted": 1, "spent": 40.0}, False, False),
        ({"payment_verified": True}, False, False),  # no history shown at all
    ],
)
def test_fresh_client(client: dict[str, Any], fires: bool, skip: bool) -> None:
    found = codes(job(client=client))
    assert ("fresh_client" in found) is fires
    if fires:
        assert found["fresh_client"] is skip


def test_fresh_client_alone_is_a_maybe() -> None:
    j = job(client={"payment_verified": True, "jobs_posted": 1})
    v = judge(j, Profile(), Settings(), 100, Outcomes(), NOW)
    assert v.kind == "maybe"
    assert v.reasons[0].startswith("New client")


@pytest.mark.parametrize(
    "text",
    [
        "Contact me on Telegram for details",
        "Please send your portfolio via WhatsApp",
        "My Skype ID: jo.smith",
        "Telegram: @jo_smith",
        "WhatsApp +62 812 3456 7890",
        "whatsapp me when you are free",
        "Email me your samples",
        "Contact me at jo@example.com",
        "Reply to jo.smith+jobs@example.co.uk",
        "Call me tomorrow",
        "Message me at t.me/josmith",
        "Hubungi saya untuk detail",
        "Kirim contoh via WA",
        "WA 0812 3456 789",
        "Japri aja ya",
    ],
)
def test_off_platform_found(text: str) -> None:
    assert off_platform(text)
    found = codes(job(description=text))
    assert found.get("off_platform") is True


@pytest.mark.parametrize(
    "text",
    [
        "Build a Telegram bot that posts our episodes",
        "Integrate the WhatsApp Business API",
        "Email marketing campaign for a podcast",
        "Discord community moderator wanted",
        "Studio near Seattle, WA area",
        "We call this feature the inbox",
        "Tugas: menghubungi klien setiap minggu",
        "Experience with Skype recordings is a plus",
    ],
)
def test_off_platform_not_found(text: str) -> None:
    assert off_platform(text) is None
    assert "off_platform" not in codes(job(description=text))


def test_off_platform_is_only_checked_on_marketplaces() -> None:
    wwr = job(description="Apply by e-mail: jobs@studio.com", source="wwr", connects=None)
    assert "off_platform" not in codes(wwr)


def test_off_platform_search_is_linear() -> None:
    # Long runs that almost match must not backtrack for ever.
    text = "a" * 50_000 + " " + "1" * 50_000 + " whatsapp " * 2_000
    off_platform(text)
    unpaid_test(text)


@pytest.mark.parametrize(
    "text",
    [
        "First an unpaid test of 10 minutes",
        "We need a free sample edit first",
        "Test task (unpaid) before hiring",
        "Send a sample for free",
        "One week trial without pay",
        "A short trial, no payment",
        "Test task - no pay",
        "Ada tes gratis dulu",
        "Contoh editan tidak dibayar",
    ],
)
def test_unpaid_test_found(text: str) -> None:
    assert unpaid_test(text)
    assert codes(job(description=text)).get("unpaid_test") is True


@pytest.mark.parametrize(
    "text",
    [
        "A paid test task: $30",
        "Our app has a free trial",
        "Samples of your work are welcome",
        "Gluten-free recipes podcast",
    ],
)
def test_unpaid_test_not_found(text: str) -> None:
    assert unpaid_test(text) is None
    assert "unpaid_test" not in codes(job(description=text))


@pytest.mark.parametrize(
    ("rule", "country", "found"),
    [
        ("U.S.", "United States", None),
        ("U.S.", "USA", None),
        ("U.K.", "uk", None),
        ("United States", "united states", None),
        ("U.S.", "Indonesia", True),
        ("U.S.", "", False),  # a caution: set your country
        ("Europe", "Indonesia", False),  # a region we cannot check: a caution
        ("", "Indonesia", None),
    ],
)
def test_location(rule: str, country: str, found: bool | None) -> None:
    got = codes(job(location_rule=rule), Profile(country=country)).get("location")
    assert got is found


def test_location_text_says_what_to_do() -> None:
    v = judge(job(location_rule="U.S."), Profile(), Settings(), 100, Outcomes(), NOW)
    assert any("set your country" in r for r in v.reasons)
    assert v.kind == "maybe"


def test_location_ok_lists() -> None:
    assert location_ok("U.S., Canada", "Canada") is True
    assert location_ok("U.S. or U.K.", "Indonesia") is False
    assert location_ok("Mars", "Indonesia") is None


# -- cost ------------------------------------------------------------------------------


def test_cost_math() -> None:
    j = job(connects=12)
    v = judge(j, Profile(), Settings(connect_price_usd=0.15), 40, Outcomes(), NOW)
    assert v.cost is not None
    assert v.cost.connects == 12
    assert v.cost.share == pytest.approx(0.3)
    assert v.cost.usd == pytest.approx(1.8)
    assert v.cost.bids_left == 3
    assert v.kind == "maybe"  # over a quarter of the balance
    assert v.reasons[0] == "12 Connects: 30% of your 40"


def test_cost_over_balance_is_a_skip() -> None:
    v = judge(job(connects=12), Profile(), Settings(), 5, Outcomes(), NOW)
    assert v.kind == "skip"
    assert v.cost is not None and not v.cost.affordable
    assert v.cost.bids_left == 0
    assert v.reasons[0] == "12 Connects needed and you have 5"


def test_cost_with_zero_balance() -> None:
    v = judge(job(connects=4), Profile(), Settings(), 0, Outcomes(), NOW)
    assert v.cost is not None
    assert v.cost.share is None and v.cost.bids_left == 0
    assert v.kind == "skip"
    free = judge(job(connects=0), Profile(), Settings(), 0, Outcomes(), NOW)
    assert free.cost is not None and free.cost.affordable and free.cost.bids_left is None
    assert free.kind == "bid"


def test_cost_with_unknown_balance() -> None:
    v = judge(job(connects=12), Profile(), Settings(), None, Outcomes(), NOW)
    assert v.cost is not None
    assert (v.cost.share, v.cost.bids_left, v.cost.affordable) == (None, None, True)
    assert v.reasons[0] == "12 Connects ($1.80)"
    assert v.kind == "bid"


def test_no_connects_off_upwork() -> None:
    j = job(source="freelancer", platform="freelancer", connects=12)
    v = judge(j, Profile(), Settings(), 40, Outcomes(), NOW)
    assert v.cost is not None and v.cost.connects is None and v.cost.share is None
    assert v.chance is not None and v.chance.connects_per_interview is None
    bare = Job(id="b", title="t", source="upwork")
    v = judge(bare, Profile(), Settings(), 40, Outcomes(), NOW)
    assert v.cost is not None and v.cost.connects is None
    # A feed entry says nothing of the competition or the client: no better than Maybe.
    assert v.kind == "maybe"
    assert any("Paste the job page" in r for r in v.reasons)


# -- chance ----------------------------------------------------------------------------


def test_no_bids_gives_the_prior() -> None:
    v = judge(job(connects=4), Profile(), Settings(), 100, Outcomes(), NOW)
    c = v.chance
    assert c is not None
    assert (c.view, c.interview, c.hire) == pytest.approx(
        (PRIOR["view"], PRIOR["interview"], PRIOR["hire"])
    )
    assert c.bids == 0
    assert c.connects_per_interview == pytest.approx(4 / PRIOR["interview"])
    assert c.your_connects_per_interview is None


def test_fifteen_bids_and_no_win() -> None:
    ctx = BidContext(proposals_band="5-10", hours_since_posted=2, connects=4)
    bids = [sent(f"p{i}", "no_response", ctx=ctx) for i in range(15)]
    v = judge(job(), Profile(), Settings(), 100, Outcomes(bids), NOW)
    c = v.chance
    assert c is not None
    assert c.bids == 15
    for p, prior in ((c.view, PRIOR["view"]), (c.interview, PRIOR["interview"])):
        assert 0 < p < prior
        assert math.isfinite(p)
    assert 0 < c.hire <= c.interview <= c.view
    assert c.your_connects_per_interview == pytest.approx(60 / 0.8)
    assert c.connects_per_interview is not None and math.isfinite(c.connects_per_interview)


def test_segments_move_the_chance() -> None:
    crowded = BidContext(proposals_band="20-50")
    early = BidContext(proposals_band="0-5")
    bids = [sent(f"c{i}", "no_response", ctx=crowded) for i in range(10)]
    bids += [sent(f"e{i}", "viewed", "interview", ctx=early) for i in range(5)]
    bids += [sent(f"f{i}", "viewed", ctx=early) for i in range(5)]
    out = Outcomes(bids)
    low = judge(job(reading={"proposals_min": 20}), Profile(), Settings(), 100, out, NOW).chance
    high = judge(job(reading={"proposals_min": 0}), Profile(), Settings(), 100, out, NOW).chance
    assert low is not None and high is not None
    assert low.view < high.view
    assert low.interview < low.your_interview < high.interview


def test_below_average_chance_is_a_maybe() -> None:
    crowded = BidContext(proposals_band="20-50")
    early = BidContext(proposals_band="0-5")
    bids = [sent(f"c{i}", "no_response", ctx=crowded) for i in range(10)]
    bids += [sent(f"e{i}", "viewed", "interview", ctx=early) for i in range(5)]
    v = judge(job(reading={"proposals_min": 20}), Profile(), Settings(), 100, Outcomes(bids), NOW)
    assert v.warnings == []
    assert v.kind == "maybe"
    assert any(r.startswith("Interview chance about") for r in v.reasons)


def test_recent_and_invited_bids_are_not_counted() -> None:
    bids = [
        sent("new", at=NOW - timedelta(days=1)),  # not had time to be viewed
        sent("inv", "viewed", "interview", invitation=True),
        sent("viewed-new", "viewed", at=NOW - timedelta(days=1)),  # has an outcome: counts
        Proposal(id="d", job_id="x"),  # a draft
    ]
    v = judge(job(), Profile(), Settings(follow_up_days=7), 100, Outcomes(bids), NOW)
    assert v.chance is not None and v.chance.bids == 1


STAGES = ((), ("viewed",), ("viewed", "interview"), ("viewed", "interview", "hired"))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.sampled_from(["", "0-5", "5-10", "20-50", "50+"]),
            st.one_of(st.none(), st.floats(0, 100)),
            st.one_of(st.none(), st.integers(0, 30)),
            st.booleans(),
        ),
        max_size=40,
    ),
    st.integers(0, 60),
    st.one_of(st.none(), st.integers(0, 100)),
)
def test_chance_is_always_a_probability(
    rows: list[tuple[int, str, float | None, int | None, bool]],
    low: int,
    balance: int | None,
) -> None:
    bids = []
    for i, (stage, band, hours, connects, declined) in enumerate(rows):
        states = STAGES[stage] + (("declined",) if declined else ())
        ctx = BidContext(proposals_band=band, hours_since_posted=hours, connects=connects)
        bids.append(sent(str(i), *states, ctx=ctx, connects=connects or 0))
    v = judge(
        job(reading={"proposals_min": low}), Profile(), Settings(), balance, Outcomes(bids), NOW
    )
    c = v.chance
    assert c is not None
    for p in (c.view, c.interview, c.hire):
        assert 0 < p < 1 and math.isfinite(p)
    assert c.hire <= c.interview <= c.view
    for x in (c.connects_per_interview, c.your_connects_per_interview):
        assert x is None or (math.isfinite(x) and x >= 0)


# -- bid context and bands -------------------------------------------------------------


def test_bid_context_fields() -> None:
    j = job(connects=12, reading={"proposals_min": 20, "proposals_max": 50})
    ctx = bid_context(j, Profile(skills=["podcast editing", "Mastering"]), NOW, "bid")
    assert ctx.at == NOW
    assert ctx.proposals_band == "20-50"
    assert ctx.hours_since_posted == pytest.approx(2)
    assert ctx.client_spent == 18_000
    assert ctx.connects == 12
    assert ctx.skill_match == pytest.approx(0.5)
    assert ctx.verdict == "bid"


def test_bid_context_when_little_is_known() -> None:
    bare = Job(id="b", title="t", source="wwr")
    ctx = bid_context(bare, Profile(), NOW)
    assert (ctx.proposals_band, ctx.hours_since_posted, ctx.client_spent, ctx.connects) == (
        "",
        None,
        None,
        None,
    )
    assert ctx.skill_match is None
    rupiah = job(client={"spent": 5_000_000.0, "spent_currency": "IDR"})
    assert bid_context(rupiah, Profile(), NOW).client_spent is None  # a dollar band only


def test_bid_context_reads_a_bid_count() -> None:
    j = job(source="freelancer", platform="freelancer", reading={"bids": 23})
    assert bid_context(j, Profile(), NOW).proposals_band == "20-50"


@pytest.mark.parametrize(
    ("count", "key"),
    [
        (None, ""),
        (0, "0-5"),
        (4, "0-5"),
        (5, "5-10"),
        (14, "10-15"),
        (15, "15-20"),
        (49, "20-50"),
        (50, "50+"),
        (500, "50+"),
    ],
)
def test_proposals_band(count: int | None, key: str) -> None:
    assert proposals_band_for(count) == key
    assert proposals_band(Reading(proposals_min=count)) == key
    assert proposals_band(None) == ""


def test_other_bands() -> None:
    assert [hours_band(h) for h in (None, 0, 0.99, 1, 5.9, 6, 23.9, 24, 900)] == [
        None,
        "<1",
        "<1",
        "1-6",
        "1-6",
        "6-24",
        "6-24",
        ">24",
        ">24",
    ]
    assert [spend_band(s) for s in (None, 0, 1, 999, 1_000, 10_000, 10_001)] == [
        None,
        "0",
        "<1k",
        "<1k",
        "1k-10k",
        "1k-10k",
        ">10k",
    ]
    assert [connects_band(c) for c in (None, 0, 1, 4, 5, 8, 9, 16, 17)] == [
        None,
        "0",
        "1-4",
        "1-4",
        "5-8",
        "5-8",
        "9-16",
        "9-16",
        ">16",
    ]
    assert skill_match([], ["x"]) is None
    assert skill_match(["Python", "SQL"], ["python"]) == 0.5


def test_reach_uses_the_furthest_state() -> None:
    assert reach(Proposal(id="d", job_id="j")) == 0
    assert reach(sent("a", "viewed", "declined")) == 2
    assert reach(sent("b", "viewed", "interview", "hired")) == 4
    assert [p.id for p, _c, _l in counted_bids([sent("a"), Proposal(id="d", job_id="j")])] == ["a"]


def test_wilson() -> None:
    assert wilson(0, 0) == (0.0, 1.0)
    low, high = wilson(2, 3)
    assert low == pytest.approx(0.2077, abs=1e-3) and high == pytest.approx(0.9385, abs=1e-3)
    low, high = wilson(0, 15)
    assert low == 0.0 and 0 < high < 0.25
    low, high = wilson(15, 15)
    assert low > 0.75 and high == 1.0


def test_judging_many_jobs_reuses_the_tally_but_not_across_outcomes() -> None:
    ctx = BidContext(proposals_band="5-10")
    won = Outcomes([sent(f"w{i}", "viewed", "interview", ctx=ctx) for i in range(10)])
    lost = Outcomes([sent(f"l{i}", "no_response", ctx=ctx) for i in range(10)])
    first = judge(job(), Profile(), Settings(), 100, won, NOW).chance
    again = judge(job(), Profile(), Settings(), 100, won, NOW).chance
    other = judge(job(), Profile(), Settings(), 100, lost, NOW).chance
    assert first == again
    assert first is not None and other is not None and other.interview < first.interview


def test_red_flags_are_found_deep_in_a_long_description() -> None:
    from cockpit.verdict import off_platform, unpaid_test

    filler = "We record weekly episodes and need steady hands. " * 20_000  # about 1 MB
    assert off_platform(filler + "Please contact me on Telegram @mixboss for details.")
    assert unpaid_test(filler + "First a test task (unpaid) of one song.")
    assert off_platform("WA 0812 3456 7890 " + filler)
    assert off_platform(filler) is None and unpaid_test(filler) is None
    # A text made of trigger words still ends (windows merge; the scan has a budget).
    assert off_platform("@" * 1_000_000) is None
