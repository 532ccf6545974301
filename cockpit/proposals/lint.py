"""Cover-letter checks that run while the user types: cheap, pure, and explained."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from cockpit.i18n import _, format_number
from cockpit.models import Job, Proposal, Settings
from cockpit.text import clean_line

from .fill import PLACEHOLDER
from .text import (
    char_count,
    mentions,
    normalize_opening,
    opening,
    stems,
    title_keywords,
)

LintCode = Literal["unfilled_placeholder", "over_limit", "generic_opening", "repeated_opening"]

# How many earlier proposals an opening must differ from.
RECENT_OPENINGS = 5


@dataclass(frozen=True, slots=True)
class LintWarning:
    code: LintCode
    message: str


def _unfilled(text: str) -> list[LintWarning]:
    seen: list[str] = []
    for match in PLACEHOLDER.finditer(text):
        if match.group(0) not in seen:
            seen.append(match.group(0))
    return [
        LintWarning("unfilled_placeholder", _("{token} is still a placeholder").format(token=token))
        for token in seen
    ]


def _over_limit(text: str, settings: Settings) -> list[LintWarning]:
    count, limit = char_count(text), settings.cover_letter_limit
    if count <= limit:
        return []
    message = _("{count} / {limit} characters: cut {over}").format(
        count=format_number(count), limit=format_number(limit), over=format_number(count - limit)
    )
    return [LintWarning("over_limit", message)]


def job_terms(job: Job) -> list[str]:
    """What an opening should echo: the job's skills, then the title's significant words."""
    terms = [clean_line(s) for s in job.skills if clean_line(s)]
    return terms + title_keywords(job.title)


def _generic(first: str, job: Job) -> list[LintWarning]:
    terms = job_terms(job)
    if not first or not terms:
        return []  # nothing written yet, or nothing known about the job to echo
    said = stems(first)
    if any(mentions(said, term) for term in terms):
        return []
    hint = ", ".join(terms[:3])
    message = _("The opening does not mention the job: clients see it first. Try: {hint}").format(
        hint=hint
    )
    return [LintWarning("generic_opening", message)]


def _repeated(first: str, recent_openings: list[str], settings: Settings) -> list[LintWarning]:
    mine = normalize_opening(first)
    if not mine:
        return []
    # The caller picks which proposals count (see recent_openings); compare with all given.
    for earlier in recent_openings:
        if normalize_opening(opening(earlier, settings)) == mine:
            message = _("Same opening as a recent proposal: write one for this job")
            return [LintWarning("repeated_opening", message)]
    return []


def lint(text: str, job: Job, recent_openings: list[str], settings: Settings) -> list[LintWarning]:
    """All warnings for a cover letter, in a stable order (placeholders first)."""
    first = opening(text, settings)
    return [
        *_unfilled(text),
        *_over_limit(text, settings),
        *_generic(first, job),
        *_repeated(first, recent_openings, settings),
    ]


_EPOCH = datetime.min.replace(tzinfo=UTC)


def recent_openings(
    proposals: list[Proposal],
    exclude_id: str,
    n: int = RECENT_OPENINGS,
    settings: Settings | None = None,
) -> list[str]:
    """Openings of the last ``n`` sent (non-draft) proposals, newest first by created time."""
    settings = settings or Settings()
    sent = [p for p in proposals if p.state != "draft" and p.id != exclude_id]
    sent.sort(key=lambda p: p.created or _EPOCH, reverse=True)
    return [opening(p.text, settings) for p in sent[: max(n, 0)]]
