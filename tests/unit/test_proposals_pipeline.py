"""The whole transition table, refused moves, follow-ups and snoozing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest

from cockpit.models import Proposal, ProposalState, Settings
from cockpit.proposals import (
    STATE_KEYS,
    STATE_LABELS,
    STATES,
    TERMINAL,
    TRANSITIONS,
    TransitionError,
    follow_ups,
    snooze,
    transition,
)

NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)

# The table written out independently of the code, so a change to either shows up here.
ALLOWED: set[tuple[str, str]] = {
    ("draft", "submitted"),
    *(
        ("submitted", s)
        for s in (
            "viewed",
            "interview",
            "hired",
            "declined",
            "no_response",
            "withdrawn",
            "job_cancelled",
        )
    ),
    *(
        ("viewed", s)
        for s in ("interview", "hired", "declined", "no_response", "withdrawn", "job_cancelled")
    ),
    *(("interview", s) for s in ("hired", "declined", "no_response", "withdrawn", "job_cancelled")),
    *(
        ("no_response", s)
        for s in ("viewed", "interview", "hired", "declined", "withdrawn", "job_cancelled")
    ),
}


def proposal(state: ProposalState = "draft", **kw: object) -> Proposal:
    return Proposal(id="p1", job_id="j1", text="Hi", state=state, **kw)  # type: ignore[arg-type]


def test_every_state_has_a_label_and_a_row() -> None:
    assert set(TRANSITIONS) == set(STATES) == set(STATE_LABELS)
    assert set(STATE_KEYS.values()) <= set(STATES)
    assert "draft" not in STATE_KEYS.values()
    assert {"hired", "declined", "withdrawn", "job_cancelled"} == TERMINAL
    assert all(not TRANSITIONS[s] for s in TERMINAL)


@pytest.mark.parametrize(("start", "to"), sorted(product(STATES, STATES)))
def test_transition_table(start: ProposalState, to: ProposalState) -> None:
    p = proposal(start, history=[{"state": start, "at": "2025-06-01T00:00:00+00:00"}])
    if (start, to) in ALLOWED:
        moved = transition(p, to, NOW)
        assert moved.state == to
        assert moved.updated == NOW
        assert moved.history[-1] == {"state": to, "at": "2025-06-10T12:00:00+00:00"}
        assert len(moved.history) == 2
        assert p.state == start and len(p.history) == 1  # the original is untouched
    else:
        with pytest.raises(TransitionError) as err:
            transition(p, to, NOW)
        message = str(err.value)
        assert message.endswith(".")
        assert STATE_LABELS[to].lower() in message


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        ("draft", "hired", "A draft cannot be marked hired: submit it first."),
        ("submitted", "submitted", "This proposal is already submitted."),
        ("hired", "declined", "A hired proposal is final: it cannot be marked declined."),
        (
            "job_cancelled",
            "viewed",
            "A proposal for a cancelled job is final: it cannot be marked viewed.",
        ),
        ("viewed", "draft", "A viewed proposal was already sent: it cannot go back to draft."),
        ("interview", "viewed", "A proposal in interview cannot be marked viewed."),
        ("viewed", "submitted", "A viewed proposal cannot be marked submitted."),
    ],
)
def test_refusals_say_why(start: ProposalState, to: ProposalState, message: str) -> None:
    with pytest.raises(TransitionError, match="^" + message.replace(".", r"\.") + "$"):
        transition(proposal(start), to, NOW)


def test_transition_error_is_a_value_error_and_unknown_states_are_refused() -> None:
    assert issubclass(TransitionError, ValueError)
    with pytest.raises(TransitionError, match="Unknown proposal state 'won'"):
        transition(proposal("submitted"), "won", NOW)  # type: ignore[arg-type]


def test_a_full_journey_keeps_its_history() -> None:
    p = proposal()
    for i, state in enumerate(["submitted", "viewed", "no_response", "interview", "hired"]):
        p = transition(p, state, NOW + timedelta(days=i))  # type: ignore[arg-type]
    assert [h["state"] for h in p.history] == [
        "submitted",
        "viewed",
        "no_response",
        "interview",
        "hired",
    ]
    assert p.history[0]["at"] == "2025-06-10T12:00:00+00:00"


# -- follow-ups -------------------------------------------------------------------------------


def waiting(pid: str, state: ProposalState, days: float, **kw: object) -> Proposal:
    at = (NOW - timedelta(days=days)).isoformat()
    return Proposal(id=pid, job_id="j", state=state, history=[{"state": state, "at": at}], **kw)  # type: ignore[arg-type]


def ids(proposals: list[Proposal]) -> list[str]:
    return [p.id for p in proposals]


def test_follow_ups_due_after_follow_up_days_oldest_first() -> None:
    proposals = [
        waiting("fresh", "submitted", 6.9),
        waiting("due", "submitted", 7),
        waiting("older", "viewed", 12),
        waiting("interview", "interview", 30),
        waiting("hired", "hired", 30),
        waiting("silent", "no_response", 30),
        Proposal(id="draft", job_id="j", state="draft", created=NOW - timedelta(days=40)),
    ]
    assert ids(follow_ups(proposals, NOW, Settings())) == ["older", "due"]
    assert ids(follow_ups(proposals, NOW, Settings(follow_up_days=3))) == ["older", "due", "fresh"]


def test_follow_up_clock_restarts_on_each_transition() -> None:
    p = transition(waiting("p", "submitted", 10), "viewed", NOW - timedelta(days=2))
    assert follow_ups([p], NOW, Settings()) == []
    assert ids(follow_ups([p], NOW + timedelta(days=5), Settings())) == ["p"]


def test_follow_up_without_history_uses_updated_then_created() -> None:
    by_updated = Proposal(id="u", job_id="j", state="submitted", updated=NOW - timedelta(days=8))
    by_created = Proposal(id="c", job_id="j", state="submitted", created=NOW - timedelta(days=9))
    unknown = Proposal(id="x", job_id="j", state="submitted")
    assert ids(follow_ups([by_updated, by_created, unknown], NOW, Settings())) == ["c", "u"]


def test_snooze_hides_until_the_moment_passes() -> None:
    p = waiting("p", "submitted", 10)
    snoozed = snooze(p, NOW + timedelta(days=2))
    assert p.snoozed_until is None  # a copy
    assert follow_ups([snoozed], NOW, Settings()) == []
    assert follow_ups([snoozed], NOW + timedelta(days=2), Settings()) == [snoozed]
    assert follow_ups([snooze(p, NOW - timedelta(seconds=1))], NOW, Settings()) != []
