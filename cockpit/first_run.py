"""Store work behind the welcome's steps (no UI): run on the store writer."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from cockpit.feeds.opml import import_file
from cockpit.i18n import _
from cockpit.models import Profile
from cockpit.store import Store
from cockpit.wallet import make_grant


def import_opml(store: Store, path: Path) -> tuple[int, int, int]:
    """Add the OPML file's feeds; returns (added, already present, local files skipped).
    Raises ValueError, with a readable reason for an unreadable file too."""
    try:
        done = import_file(store.feeds, path)
    except OSError as exc:
        raise ValueError(
            _("Cannot read {path}: {error}.").format(path=path, error=exc.strerror)
        ) from exc
    return done.added, done.known, done.skipped_local


def setup_connects(store: Store, balance: int, plan: str, now: datetime) -> int:
    """Save the plan and record the current balance as a signup grant."""
    with store.precious_batch():  # the plan and its grant together, or neither
        settings = store.settings.update(
            {"plan": "plus" if plan == "plus" else "basic", "starting_balance": balance}
        )
        if balance > 0:
            entry = make_grant(store.ledger.all(), balance, now, settings, reason="signup")
            store.ledger.append(entry)
    return balance


def save_first_profile(store: Store, chosen: Profile) -> Profile:
    """Put the welcome's skills, country and rate (parsed as P parses them) into the stored
    profile, keeping the fields the welcome does not ask for."""
    base = store.profile.get()
    merged = replace(base, skills=chosen.skills, country=chosen.country, rate=chosen.rate)
    store.profile.save(merged)
    return merged
