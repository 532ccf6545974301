"""The inbox keeps columns, not stored documents, and judges and scores as the whole job would."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.feeds.rules import compile_rules
from cockpit.jobindex import JobIndex
from cockpit.models import Budget, Job, JobSignals, Profile, Rule, Settings
from cockpit.verdict import Outcomes, judge

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
PHRASES = st.sampled_from(
    [
        "Mix my podcast",
        "contact me on WhatsApp",
        "WA 0812 3456 789",
        "Wa: +62 812 3456 7890",
        "via WA please",
        "wa 0812 3456 789",  # lower case: not the cased pattern
        "unpaid test task first",
        "email me at jo@example.com",
        "Straße MASTERING",
        "🎧 clean vocals",
        "Telegram: @jo_smith",
        "free sample needed",
    ]
)
SOURCES = st.sampled_from(["generic", "upwork", "freelancer", "wwr", "projects_co_id", "paste"])


@st.composite
def jobs(draw: st.DrawFn) -> list[Job]:
    out = []
    for n in range(draw(st.integers(1, 12))):
        platform = draw(st.sampled_from(["", "upwork", "freelancer"]))
        out.append(
            Job(
                id=f"j{n}",
                title=draw(PHRASES),
                description="\n".join(draw(st.lists(PHRASES, max_size=4))),
                skills=draw(st.lists(st.sampled_from(["Mixing", "Audio Editing"]), max_size=2)),
                source=draw(SOURCES),
                posted=NOW - timedelta(hours=n),
                budget=draw(st.sampled_from([None, Budget("fixed", "USD", 50, 50)])),
                signals=JobSignals(platform=platform) if platform else None,
            )
        )
    return out


RULES = [
    Rule(id="r1", name="podcast", include=["podcast"], points=15),
    Rule(id="r2", name="vocals", include=["vocals", "straße"], points=5),
    Rule(id="r3", name="no tests", include=["unpaid"], action="dismiss"),
]


@settings(max_examples=60, deadline=None)
@given(jobs())
def test_a_row_judges_and_scores_as_its_whole_job(batch: list[Job]) -> None:
    profile, prefs = Profile(skills=["Mixing"]), Settings()
    scorer = compile_rules(RULES, profile.skills, NOW)
    index = JobIndex([j.to_dict() for j in batch], {}, scorer=scorer)
    for job in batch:
        row = index.row_of[job.id]
        compact = index.job(row)
        whole = judge(job, profile, prefs, 40, Outcomes(), NOW)
        seen = judge(compact, profile, prefs, 40, Outcomes(), NOW)
        assert seen.kind == whole.kind
        assert [w.code for w in seen.warnings] == [w.code for w in whole.warnings]
        full = scorer.score(job)
        assert index.score(row).total == full.total == index.score_total[row]
        assert index.score(row).reasons == list(full.reasons)


def test_the_index_keeps_no_stored_document_or_description() -> None:
    docs = [
        Job(id=f"j{n}", title=f"Job {n}", description=f"Long words {n} " * 50).to_dict()
        for n in range(50)
    ]
    docs.append(
        Job(id="wa", title="Mix", description="Chat on WA 0812 3456 789", source="upwork").to_dict()
    )
    before = [sys.getrefcount(d) for d in docs]
    texts = [sys.getrefcount(d["description"]) for d in docs]
    index = JobIndex(docs, {})
    assert [sys.getrefcount(d) for d in docs] == before
    # Only the one description a verdict reads by its case is kept as written.
    kept = [sys.getrefcount(d["description"]) - t for d, t in zip(docs, texts, strict=True)]
    assert kept == [0] * 50 + [1]
    assert index.doc(3)["description"] == "job 3\n" + ("long words 3 " * 50).rstrip(" ") + " "
    assert index.doc(50)["description"] == "Chat on WA 0812 3456 789"
