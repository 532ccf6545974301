"""The proposal pipeline: which state may follow which, and who needs a follow-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from cockpit.i18n import N_, _
from cockpit.models import (
    PROPOSAL_STATES,
    Proposal,
    ProposalState,
    Settings,
    from_iso,
    to_iso,
)

STATES: tuple[ProposalState, ...] = PROPOSAL_STATES

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

# English msgids; show them with state_label(), which translates.
STATE_LABELS: dict[ProposalState, str] = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted"),
    "viewed": N_("Viewed"),
    "interview": N_("Interview"),
    "hired": N_("Hired"),
    "declined": N_("Declined"),
    "no_response": N_("No response"),
    "withdrawn": N_("Withdrawn"),
    "job_cancelled": N_("Job cancelled"),
}


def state_label(state: str) -> str:
    """The state as the user reads it, in the chosen language."""
    label = STATE_LABELS.get(state)  # type: ignore[call-overload]
    return _(label) if label else state


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
    "draft": N_("A draft"),
    "interview": N_("A proposal in interview"),
    "no_response": N_("A proposal with no response"),
    "job_cancelled": N_("A proposal for a cancelled job"),
}


class TransitionError(ValueError):
    """A state change the pipeline does not allow; the message is fit to show the user."""


def _subject(state: ProposalState) -> str:
    subject = _SUBJECTS.get(state)
    if subject:
        return _(subject)
    return _("A {state} proposal").format(state=state_label(state).lower())


def check_transition(current: ProposalState, to: str) -> ProposalState:
    """Return ``to`` as a state if ``current -> to`` is allowed, else raise TransitionError."""
    target = _BY_NAME.get(to)
    if target is None:
        raise TransitionError(_("Unknown proposal state {state!r}.").format(state=to))
    if current not in TRANSITIONS:
        raise TransitionError(_("Unknown proposal state {state!r}.").format(state=current))
    if target in TRANSITIONS[current]:
        return target
    label = state_label(target).lower()
    if target == current:
        raise TransitionError(_("This proposal is already {state}.").format(state=label))
    if current == "draft":
        raise TransitionError(
            _("A draft cannot be marked {state}: submit it first.").format(state=label)
        )
    if current in TERMINAL:
        raise TransitionError(
            _("{subject} is final: it cannot be marked {state}.").format(
                subject=_subject(current), state=label
            )
        )
    if target == "draft":
        raise TransitionError(
            _("{subject} was already sent: it cannot go back to draft.").format(
                subject=_subject(current)
            )
        )
    raise TransitionError(
        _("{subject} cannot be marked {state}.").format(subject=_subject(current), state=label)
    )


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
