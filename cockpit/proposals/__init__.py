"""Pure proposal logic: templates and placeholders, lint, pipeline, follow-ups, stats, export.

No Textual, no TinyDB, no I/O: the UI and the store call in with plain models.
"""

from cockpit.text import clean, clean_line

from .export import to_markdown
from .fill import (
    CLIENT_FALLBACK,
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    FillResult,
    budget_text,
    fill,
    first_link,
    join_naturally,
    matching_skills,
    money,
    portfolio_link,
)
from .lint import LintCode, LintWarning, job_terms, lint, recent_openings
from .pipeline import (
    STATE_KEYS,
    STATE_LABELS,
    STATES,
    TERMINAL,
    TRANSITIONS,
    TransitionError,
    check_transition,
    follow_ups,
    is_snoozed,
    last_moved,
    snooze,
    state_label,
    transition,
)
from .stats import PLACEHOLDER_LABELS, StatRow, Stats, outcome_stats
from .text import char_count, normalize_opening, opening, preview

__all__ = [
    "CLIENT_FALLBACK",
    "DEFAULT_TEMPLATES",
    "PLACEHOLDERS",
    "PLACEHOLDER_LABELS",
    "STATES",
    "STATE_KEYS",
    "STATE_LABELS",
    "TERMINAL",
    "TRANSITIONS",
    "FillResult",
    "LintCode",
    "LintWarning",
    "StatRow",
    "Stats",
    "TransitionError",
    "budget_text",
    "char_count",
    "check_transition",
    "clean",
    "clean_line",
    "fill",
    "first_link",
    "follow_ups",
    "is_snoozed",
    "job_terms",
    "join_naturally",
    "last_moved",
    "lint",
    "matching_skills",
    "money",
    "normalize_opening",
    "opening",
    "outcome_stats",
    "portfolio_link",
    "preview",
    "recent_openings",
    "snooze",
    "state_label",
    "to_markdown",
    "transition",
]
