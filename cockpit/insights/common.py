"""Small helpers shared by the insights modules (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from cockpit.i18n import N_, _, format_money, format_number, ngettext
from cockpit.models import ChecklistItem, Job, LedgerEntry, Proposal, Triage
from cockpit.skills import normalizer

DAY_SECONDS = 86_400.0

# Triage states that mean "I wanted this one".
ENGAGED_STATES = frozenset({"shortlist", "applied"})

# ESC/CSI/OSC sequences, C0/C1 controls (tab and newline included: names are one line),
# and the bidi overrides/isolates that can disguise text.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
    r"|[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def clean_line(text: str) -> str:
    """Untrusted text as one safe line: controls stripped, whitespace collapsed."""
    return " ".join(_CONTROL.sub(" ", text).split())


def as_utc(dt: datetime) -> datetime:
    """Naive datetimes are taken as UTC so they compare with aware ones."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def job_time(job: Job) -> datetime | None:
    """When a job appeared: its posted date, else when we fetched it."""
    when = job.posted or job.fetched
    return None if when is None else as_utc(when)


def engaged_job_ids(triage: Mapping[str, Triage], proposals: Iterable[Proposal]) -> set[str]:
    """Jobs I shortlisted, applied to, or wrote a proposal for."""
    ids = {job_id for job_id, t in triage.items() if t.state in ENGAGED_STATES}
    ids.update(p.job_id for p in proposals if p.job_id)
    return ids


def done_skills(
    checklist: Iterable[ChecklistItem], aliases: Mapping[str, str] | None = None
) -> set[str]:
    """Normalised skills covered by DONE checklist items.

    An item without skills covers the skill its title names (e.g. "Podcast editing").
    """
    norm = normalizer(aliases)
    covered: set[str] = set()
    for item in checklist:
        if item.status != "done":
            continue
        for skill in item.skills or [item.title]:
            canonical = norm(skill)
            if canonical:
                covered.add(canonical)
    return covered


def net_connects(entry: LedgerEntry) -> int:
    """Connects this entry took from the wallet for a bid (refunds give them back)."""
    if entry.kind == "spend":
        return entry.amount
    if entry.kind == "boost":
        return entry.amount if entry.charged else 0
    if entry.kind == "refund":
        return -entry.amount
    return 0


def effective_entries(entries: Iterable[LedgerEntry]) -> list[LedgerEntry]:
    """Entries minus those a later entry reverses (a corrected mistake never happened)."""
    entries = list(entries)
    reversed_ids = {e.reverses for e in entries if e.reverses}
    return [e for e in entries if e.id not in reversed_ids]


def fmt_money(amount: float, currency: str) -> str:
    """``$150`` / ``Rp1,500,000`` (``Rp1.500.000`` in id) / ``€12.50``: own currency, always."""
    return format_money(amount, currency)


# TRANSLATORS: said once near the medians (Demand tab, report).
MEDIAN_RULE = N_("Medians: a budget range counts as its midpoint.")


def fmt_medians(
    medians: Mapping[str, float], counts: Mapping[str, int], per: str = "{amount}"
) -> str:
    """``€140 (1 job); $150 (3 jobs)``: each currency's median beside the jobs behind it.

    ``per`` wraps the amount (``"{amount}/hr"``, a msgid); "-" when there is none.
    """
    parts = []
    for currency, value in medians.items():
        amount = _(per).format(amount=fmt_money(value, clean_line(currency)))
        n = counts.get(currency)
        if n is not None:
            # TRANSLATORS: a median with the number of jobs it is taken over: "€140 (1 job)".
            amount = ngettext("{amount} ({count} job)", "{amount} ({count} jobs)", n).format(
                amount=amount, count=format_number(n)
            )
        parts.append(amount)
    return "; ".join(parts) or "-"


def fmt_trend(trend: float | None) -> str:
    return _("new") if trend is None else f"{trend * 100:+.0f}%"
