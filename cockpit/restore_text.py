"""Words for backups and restores, shared by `cockpit restore` and the restore dialog."""

from __future__ import annotations

from datetime import datetime

from cockpit.i18n import _, format_date, ngettext
from cockpit.store.backups import Summary

# (kind, singular, plural) in the order a person cares about them.
_KINDS = (
    ("proposals", "{n} proposal", "{n} proposals"),
    ("ledger", "{n} ledger entry", "{n} ledger entries"),
    ("feeds", "{n} feed", "{n} feeds"),
    ("checklist", "{n} checklist item", "{n} checklist items"),
    ("rules", "{n} rule", "{n} rules"),
    ("templates", "{n} template", "{n} templates"),
    ("triage", "{n} triage decision", "{n} triage decisions"),
    ("jobs", "{n} job", "{n} jobs"),
)


def _count(kind: str, n: int) -> str:
    for name, one, many in _KINDS:
        if name == kind:
            return ngettext(one, many, n).format(n=n)
    return f"{n} {kind}"


# Marked for the catalog (ngettext above is called with variables).
_MARKED = (
    ngettext("{n} proposal", "{n} proposals", 1),
    ngettext("{n} ledger entry", "{n} ledger entries", 1),
    ngettext("{n} feed", "{n} feeds", 1),
    ngettext("{n} checklist item", "{n} checklist items", 1),
    ngettext("{n} rule", "{n} rules", 1),
    ngettext("{n} template", "{n} templates", 1),
    ngettext("{n} triage decision", "{n} triage decisions", 1),
    ngettext("{n} job", "{n} jobs", 1),
)


def contents(summary: Summary) -> str:
    """ "4 proposals, 9 ledger entries (balance 25), 3 feeds, 120 jobs" or "nothing yet"."""
    parts = []
    for kind, _one, _many in _KINDS:
        n = summary.counts.get(kind, 0)
        if not n:
            continue
        text = _count(kind, n)
        if kind == "ledger" and summary.balance is not None:
            text += " " + _("(balance {count})").format(count=summary.balance)
        parts.append(text)
    return ", ".join(parts) if parts else _("nothing yet (taken before any work)")


def lost(losses: dict[str, int]) -> str:
    """What the current store has that a backup lacks, or "" when nothing."""
    return ", ".join(_count(kind, losses[kind]) for kind, _o, _m in _KINDS if losses.get(kind))


def age(at: datetime | None, now: datetime) -> str:
    if at is None:
        return _("unknown age")
    seconds = max(0, int((now - at).total_seconds()))
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return ngettext("{n} minute ago", "{n} minutes ago", seconds // 60).format(n=seconds // 60)
    if seconds < 86400:
        return ngettext("{n} hour ago", "{n} hours ago", seconds // 3600).format(n=seconds // 3600)
    days = seconds // 86400
    if days < 14:
        return ngettext("{n} day ago", "{n} days ago", days).format(n=days)
    return format_date(at)


def label(name: str) -> str:
    return {
        "daily": _("daily"),
        "recent": _("recent"),
        "replaced": _("kept aside by a restore"),
    }.get(name, _("before a migration") if name.startswith("before-migration") else name)
