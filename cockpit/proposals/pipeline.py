"""The proposal pipeline: which state may follow which, and who needs a follow-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from cockpit.models import Proposal, ProposalState, Settings, from_iso, to_iso

STATES: tuple[ProposalState, ...] = (
    "draft",
    "submitted",
    "viewed",
    "interview",
    "hired",
    "declined",
    "no_response",
    "withdrawn",
    "job_cancelled",
)

_BY_NAME: dict[str, ProposalState] = {state: state for state in STATES}

# Endings the client (or the user) decided; nothing follows them.
TERMINAL: frozenset[ProposalState] = frozenset({"hired", "declined", "withdrawn", "job_cancelled"})

TRANSITIONS: dict[ProposalState, frozenset[ProposalState]] = {
    "draft": frozenset({"submitted"}),
    "submitted": frozenset(
        {"viewed", "interview", "hired", "declined", "no_response", "withdrawn", "job_cancelled"}
    ),
    "viewed": frozenset(
        {"interview", "hired", "declined", "no_response", "withdrawn", "job_cancelled"}
    ),
    "interview": frozenset({"hired", "declined", "no_response", "withdrawn", "job_cancelled"}),
    # Silence is not final: a late reply can still arrive, or the post can close.
    "no_response": frozenset(
        {"viewed", "interview", "hired", "declined", "withdrawn", "job_cancelled"}
    ),
    "hired": frozenset(),
    "declined": frozenset(),
    "withdrawn": frozenset(),
    "job_cancelled": frozenset(),
}

STATE_LABELS: dict[ProposalState, str] = {
    "draft": "Draft",
    "submitted": "Submitted",
    "viewed": "Viewed",
    "interview": "Interview",
    "hired": "Hired",
    "declined": "Declined",
    "no_response": "No response",
    "withdrawn": "Withdrawn",
    "job_cancelled": "Job cancelled",
}

# Suggested one-key bindings in the Proposals pane (key -> state it moves to).
STATE_KEYS: dict[str, ProposalState] = {
    "s": "submitted",
    "v": "viewed",
    "i": "interview",
    "h": "hired",
    "d": "declined",
    "n": "no_response",
    "w": "withdrawn",
    "c": "job_cancelled",
}

# How messages name a proposal by its state where "A <label> proposal" reads badly.
_SUBJECTS: dict[ProposalState, str] = {
    "draft": "A draft",
    "interview": "A proposal in interview",
    "no_response": "A proposal with no response",
    "job_cancelled": "A proposal for a cancelled job",
}


class TransitionError(ValueError):
    """A state change the pipeline does not allow; the message is fit to show the user."""


def _subject(state: ProposalState) -> str:
    return _SUBJECTS.get(state) or f"A {STATE_LABELS[state].lower()} proposal"


def check_transition(current: ProposalState, to: str) -> ProposalState:
    """Return ``to`` as a state if ``current -> to`` is allowed, else raise TransitionError."""
    target = _BY_NAME.get(to)
    if target is None:
        raise TransitionError(f"Unknown proposal state {to!r}.")
    if current not in TRANSITIONS:
        raise TransitionError(f"Unknown proposal state {current!r}.")
    if target in TRANSITIONS[current]:
        return target
    label = STATE_LABELS[target].lower()
    if target == current:
        raise TransitionError(f"This proposal is already {label}.")
    if current == "draft":
        raise TransitionError(f"A draft cannot be marked {label}: submit it first.")
    if current in TERMINAL:
        raise TransitionError(f"{_subject(current)} is final: it cannot be marked {label}.")
    if target == "draft":
        raise TransitionError(f"{_subject(current)} was already sent: it cannot go back to draft.")
    raise TransitionError(f"{_subject(current)} cannot be marked {label}.")


def transition(p: Proposal, to: ProposalState, now: datetime) -> Proposal:
    """A copy of ``p`` in state ``to`` with the move recorded in its history."""
    target = check_transition(p.state, to)
    history = [*p.history, {"state": target, "at": to_iso(now) or ""}]
    return replace(p, state=target, history=history, updated=now)


def last_moved(p: Proposal) -> datetime | None:
    """When the proposal entered its current state (last history entry, else updated/created)."""
    for entry in reversed(p.history):
        try:
            at = from_iso(entry.get("at"))
        except (TypeError, ValueError):
            continue  # a hand-edited history line should not break the pane
        if at is not None:
            return at
    return p.updated or p.created


def is_snoozed(p: Proposal, now: datetime) -> bool:
    return p.snoozed_until is not None and p.snoozed_until > now


def follow_ups(proposals: list[Proposal], now: datetime, settings: Settings) -> list[Proposal]:
    """Submitted or viewed proposals waiting ``follow_up_days`` or more, longest wait first."""
    due: list[tuple[datetime, Proposal]] = []
    for p in proposals:
        if p.state not in ("submitted", "viewed") or is_snoozed(p, now):
            continue
        since = last_moved(p)
        if since is not None and (now - since).total_seconds() >= settings.follow_up_days * 86400:
            due.append((since, p))
    due.sort(key=lambda pair: pair[0])
    return [p for _, p in due]


def snooze(p: Proposal, until: datetime) -> Proposal:
    """A copy of ``p`` left out of follow-ups until ``until``."""
    return replace(p, snoozed_until=until)
