"""Cover-letter checks that run while the user types: cheap, pure, and explained."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Literal

from cockpit.i18n import _, format_number
from cockpit.models import Job, Proposal, Settings
from cockpit.text import clean_line

from .fill import DEFAULT_TEMPLATES, PLACEHOLDER
from .text import (
    after_greeting,
    char_count,
    first_seen,
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


# Openings clients have read a thousand times: they say nothing about this job. Matched at
# the start of the letter (and after a greeting line), on casefolded, space-collapsed text.
_ADJECTIVE = (
    r"(?:very|highly|reliable|hard[\s-]?working|experienced|dedicated|skilled|talented"
    r"|professional|passionate|motivated|creative|detail[\s-]oriented|trustworthy|honest"
    r"|certified|qualified|top[\s-]rated)"
)
_STOCK_OPENING = re.compile(
    r"(?:hi|hello|hey|greetings)(?:\s+there)?[\s,!.:;-]*(?:i'm|i am|im|my name is|this is)\b"
    r"|my name is\b"
    r"|dear\s+(?:sir|madam|hiring\s+manager|hiring\s+team|client|employer|recruiter)\b"
    r"|to whom it may concern\b"
    rf"|(?:i'm|i am)\s+an?\s+(?:{_ADJECTIVE}[\s,]+(?:and\s+)?){{1,4}}"
    r"(?:freelancer|professional|worker|individual|person|expert|specialist)\b"
    r"|(?:i would|i'd)\s+love\s+to\s+(?:help|work|assist)\b"
    r"|i(?:'m|\s+am)\s+(?:very\s+|really\s+)?interested\s+in\s+(?:your|this)\s+"
    r"(?:job|project|post|offer)\b"
    r"|i\s+have\s+(?:read|gone\s+through|reviewed)\s+your\s+(?:job|project)\b"
)
_SPACE = re.compile(r"\s+")
_FRAME_CHARS = 1_000


def _loose(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u2019", "'").casefold()).strip()


# Default templates whose first sentence fits any job once filled ("You need {skills} for
# ..."); the others open on the kind of work (noise and clicks, a track's feel).
GENERIC_FRAMES = frozenset({"default-short"})


@cache
def _template_frames() -> tuple[re.Pattern[str], ...]:
    """Those templates' first sentences, their placeholders matching anything.

    A letter that still opens with one was filled but not written for the job.
    """
    frames: list[re.Pattern[str]] = []
    whole = Settings(preview_chars=10_000)
    for template in DEFAULT_TEMPLATES:
        if template.id not in GENERIC_FRAMES:
            continue
        sentence = _loose(opening(template.body, whole)).rstrip(".!?")
        parts = PLACEHOLDER.split(sentence)  # the pattern has one group: the name
        literal = [re.escape(p).replace("\\ ", r"\s+") for p in parts[::2]]
        frames.append(re.compile("(?:.+?)".join(literal)))
    return tuple(frames)


def job_terms(job: Job) -> list[str]:
    """What an opening should echo: the job's skills, then the title's significant words."""
    terms = [clean_line(s) for s in job.skills if clean_line(s)]
    return terms + title_keywords(job.title)


def _generic(text: str, job: Job, settings: Settings) -> list[LintWarning]:
    seen = first_seen(text, settings)
    terms = job_terms(job)
    if not seen or not terms:
        return []  # nothing written yet, or nothing known about the job to echo
    hint = ", ".join(terms[:3])
    starts = (_loose(seen), _loose(after_greeting(seen)))
    # A frame filled with a long title runs past the preview: look a little further.
    framed = _loose(after_greeting(text[:_FRAME_CHARS]))
    if any(frame.match(framed) for frame in _template_frames()):
        message = _("The opening is still the template's: write one for this job. Try: {hint}")
    elif any(_STOCK_OPENING.match(start) for start in starts):
        message = _("Generic opening: clients skip letters that start like this. Try: {hint}")
    elif not any(mentions(stems(seen), term) for term in terms):
        # The whole preview counts: a short hook before the pitch is fine.
        message = _("The opening does not mention the job: clients see it first. Try: {hint}")
    else:
        return []
    return [LintWarning("generic_opening", message.format(hint=hint))]


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
        *_generic(text, job, settings),
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
