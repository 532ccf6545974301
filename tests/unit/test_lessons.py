"""What my bids teach me: rows, intervals, the sentence rule, Markdown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.insights.lessons import MIN_BIDS, SILENT_BIDS, lessons, lessons_markdown
from cockpit.models import BidContext, Client, Job, JobSignals, Proposal, Reading

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
OLD = NOW - timedelta(days=30)


def bid(
    pid: str,
    *states: str,
    band: str = "",
    hours: float | None = None,
    spent: float | None = None,
    connects: int | None = None,
    ctx: bool = True,
    at: datetime = OLD,
    invitation: bool = False,
) -> Proposal:
    history = [{"state": s, "at": at.isoformat()} for s in ("submitted", *states)]
    context = BidContext(
        at=at, proposals_band=band, hours_since_posted=hours, client_spent=spent, connects=connects
    )
    return Proposal(
        id=pid,
        job_id="j-" + pid,
        state=history[-1]["state"],  # type: ignore[arg-type]
        history=history,
        context=context if ctx else None,
        created=at,
        invitation=invitation,
    )


def many(prefix: str, n: int, *states: str, **kw: object) -> list[Proposal]:
    return [bid(f"{prefix}{i}", *states, **kw) for i in range(n)]  # type: ignore[arg-type]


def row(result: object, segment: str, key: str):  # type: ignore[no-untyped-def]
    found = [r for r in result.rows if r.segment == segment and r.key == key]  # type: ignore[attr-defined]
    assert len(found) == 1
    return found[0]


def test_nothing_sent() -> None:
    result = lessons([Proposal(id="d", job_id="j")], {})
    assert result.bids == 0 and result.rows == [] and result.sentences == []
    lines = lessons_markdown(result)
    assert lines[0] == "## What my bids teach me"
    assert any("too few to learn from" in line for line in lines)
    assert not any(line.startswith("|") for line in lines)


def test_rows_and_intervals() -> None:
    proposals = [
        bid("a", "viewed", "declined", band="20-50", hours=0.5, spent=0, connects=4),
        bid("b", "viewed", "interview", "hired", band="20-50", hours=3, spent=5_000, connects=12),
        bid("c", "no_response", band="0-5", hours=30, connects=4),
        bid("inv", "viewed", band="0-5", invitation=True),  # invitations are not bids
        Proposal(id="draft", job_id="x"),
    ]
    result = lessons(proposals, {})
    assert result.bids == 3
    r = row(result, "proposals", "20-50")
    assert r.band == "20 to 50 proposals"
    assert (r.bids, r.viewed.hits, r.interview.hits, r.hired.hits) == (2, 2, 1, 1)
    for rate in (r.viewed, r.interview, r.hired):
        assert 0 <= rate.low <= rate.hits / rate.bids <= rate.high <= 1
    assert row(result, "proposals", "0-5").viewed.hits == 0
    assert [x.key for x in result.rows if x.segment == "proposals"] == ["0-5", "20-50"]
    assert [x.key for x in result.rows if x.segment == "hours"] == ["<1", "1-6", ">24"]
    assert [x.key for x in result.rows if x.segment == "spend"] == ["0", "1k-10k"]  # c unknown
    assert row(result, "connects", "1-4").bids == 2
    assert result.overall is not None and result.overall.viewed.hits == 2


def test_context_from_the_job_when_none_recorded() -> None:
    posted = OLD - timedelta(hours=3)
    j = Job(
        id="j-x",
        title="t",
        source="upwork",
        posted=posted,
        signals=JobSignals(
            platform="upwork",
            connects=8,
            client=Client(spent=50.0),
            readings=[
                Reading(at=posted, proposals_min=0),
                Reading(at=OLD - timedelta(hours=1), proposals_min=10),
                Reading(at=OLD + timedelta(hours=5), proposals_min=50),  # after the bid
            ],
        ),
    )
    p = bid("x", "viewed", ctx=False)
    p.connects_cost = 8
    result = lessons([p, bid("y", ctx=False)], {"j-x": j})  # y's job is gone: no bands
    assert result.bids == 2
    assert {(r.segment, r.key) for r in result.rows} == {
        ("proposals", "10-15"),
        ("hours", "1-6"),
        ("spend", "<1k"),
        ("connects", "5-8"),
    }


def test_recent_bids_wait_when_now_is_given() -> None:
    proposals = [bid("new", band="0-5", at=NOW - timedelta(days=1)), bid("old", band="0-5")]
    assert lessons(proposals, {}).bids == 2
    assert lessons(proposals, {}, now=NOW).bids == 1


def test_silent_band_is_said() -> None:
    proposals = many("c", SILENT_BIDS, "no_response", band="20-50")
    proposals += many("v", 5, "viewed", band="0-5")
    result = lessons(proposals, {})
    assert result.sentences[0] == "Your 5 bids on jobs with 20 to 50 proposals got no view."


def test_silent_band_needs_enough_bids() -> None:
    proposals = many("c", SILENT_BIDS - 1, "no_response", band="20-50")
    proposals += many("v", 5, "viewed", band="0-5")
    assert not any("got no view" in s for s in lessons(proposals, {}).sentences)


def test_silent_band_needs_views_elsewhere() -> None:
    # No bid was ever viewed: one band being silent teaches nothing.
    proposals = many("c", 9, "no_response", band="20-50") + many("d", 3, band="0-5")
    assert lessons(proposals, {}).sentences == []


def test_band_that_stands_out_is_said() -> None:
    proposals = many("fast", MIN_BIDS, "viewed", hours=0.5)
    proposals += many("slow", 17, "no_response", hours=30)
    proposals += [bid("slow-v", "viewed", hours=30)]
    result = lessons(proposals, {})
    assert (
        "3 of your 3 bids sent within an hour of posting were viewed (your average: 19%)."
        in result.sentences
    )


def test_band_that_stands_out_needs_enough_bids() -> None:
    proposals = many("fast", MIN_BIDS - 1, "viewed", hours=0.5)
    proposals += many("slow", 17, "no_response", hours=30)
    proposals += [bid("slow-v", "viewed", hours=30)]
    assert not any("within an hour" in s for s in lessons(proposals, {}).sentences)


def test_overlapping_interval_is_not_said() -> None:
    # 2 of 3 viewed against an average of 50%: the interval includes the average.
    proposals = [*many("a", 2, "viewed", hours=0.5), bid("a3", hours=0.5)]
    proposals += many("b", 3, "viewed", hours=30) + many("b2", 4, hours=30)
    assert lessons(proposals, {}).sentences == []


def test_small_difference_on_many_bids_is_not_said() -> None:
    # 156 of 200 (78%) against 70% overall: the interval excludes it, but by too little.
    proposals = many("a", 156, "viewed", connects=6) + many("a2", 44, connects=6)
    proposals += many("b", 264, "viewed", connects=2) + many("b2", 136, connects=2)
    result = lessons(proposals, {})
    r = row(result, "connects", "5-8")
    average = result.overall.viewed.hits / result.overall.bids  # type: ignore[union-attr]
    assert r.viewed.low > average  # outside the interval...
    assert result.sentences == []  # ...yet not worth a sentence


def test_interview_stage_can_stand_out() -> None:
    proposals = many("hot", 4, "viewed", "interview", spent=20_000)
    proposals += many("cold", 20, "viewed", spent=0)
    sentences = lessons(proposals, {}).sentences
    assert any("led to an interview" in s and "over $10K" in s for s in sentences)


def test_at_most_three_sentences() -> None:
    proposals: list[Proposal] = []
    for i, (band, hours, spent, connects) in enumerate(
        [("20-50", 30.0, 0.0, 20), ("50+", 10.0, 500.0, 12), ("15-20", 3.0, 5_000.0, 6)]
    ):
        proposals += many(f"s{i}-", 6, band=band, hours=hours, spent=spent, connects=connects)
    proposals += many("v", 10, "viewed", band="0-5", hours=0.5, spent=20_000, connects=2)
    result = lessons(proposals, {})
    assert len(result.sentences) == 3


def test_markdown() -> None:
    proposals = many("c", 5, "no_response", band="20-50", hours=30)
    proposals += many("v", 5, "viewed", band="0-5", hours=0.5)
    lines = lessons_markdown(lessons(proposals, {}))
    assert lines[0] == "## What my bids teach me"
    assert lines[2] == "10 sent bids: 50% viewed, 0% interview, 0% hired."
    assert "### By proposals already in" in lines
    assert "### By time since posting" in lines
    assert "### By Connects cost" not in lines  # no bid had a known cost
    assert "| Band | Bids | Viewed | Interview | Hired |" in lines
    table = [line for line in lines if line.startswith("| 20 to 50 proposals")]
    assert table == [
        "| 20 to 50 proposals | 5 | 0 · 0% (0%–43%) | 0 · 0% (0%–43%) | 0 · 0% (0%–43%) |"
    ]
    assert "- Your 5 bids on jobs with 20 to 50 proposals got no view." in lines


def test_markdown_when_nothing_stands_out() -> None:
    proposals = many("a", 2, "viewed", band="0-5") + many("b", 2, band="0-5")
    lines = lessons_markdown(lessons(proposals, {}))
    assert lines[-1].startswith("No band stands out")


@pytest.mark.parametrize("n", [1, 2])
def test_markdown_with_too_few_bids(n: int) -> None:
    lines = lessons_markdown(lessons(many("a", n, "viewed", band="0-5"), {}))
    assert len(lines) == 3
    assert lines[2].startswith(f"{n} sent bid")
