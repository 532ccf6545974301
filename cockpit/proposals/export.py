"""A proposal as a Markdown page, for keeping a copy outside the cockpit."""

from __future__ import annotations

from datetime import UTC

from cockpit.models import Job, Proposal, from_iso, to_iso
from cockpit.text import clean, clean_line

from .fill import budget_text, first_link
from .pipeline import STATE_LABELS


def _when(iso: str | None) -> str:
    try:
        at = from_iso(iso)
    except (TypeError, ValueError):
        return clean_line(str(iso))
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if at else "unknown time"


def _label(state: str) -> str:
    return STATE_LABELS.get(state, state)  # type: ignore[call-overload]


def to_markdown(p: Proposal, job: Job | None) -> str:
    title = clean_line(job.title) if job else ""
    lines = [f"# {title or f'Proposal {p.id}'}", ""]
    if job:
        link = first_link(job.link)
        if link:
            lines.append(f"- Link: <{link}>")
    lines.append(f"- State: {_label(p.state)}")
    budget = budget_text(job.budget) if job else ""
    if budget:
        lines.append(f"- Budget: {budget}")
    if p.connects_cost or p.boost:
        boost = f" + {p.boost} boost" if p.boost else ""
        lines.append(f"- Connects: {p.connects_cost}{boost}")
    if p.template_id:
        lines.append(f"- Template: {clean_line(p.template_id)}")
    if p.created:
        lines.append(f"- Created: {_when(to_iso(p.created))}")
    lines += ["", "## Cover letter", "", clean(p.text).strip() or "_(empty)_", ""]
    lines += ["## History", ""]
    if p.history:
        for entry in p.history:
            state = _label(entry.get("state", ""))
            lines.append(f"- {_when(entry.get('at'))}: {state}")
    else:
        lines.append("- No changes yet")
    return "\n".join(lines) + "\n"
