"""Store work behind the welcome's steps; runs on the store writer, not the UI thread."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cockpit.feeds.opml import new_feeds, read_opml
from cockpit.i18n import _
from cockpit.models import Profile
from cockpit.store import Store
from cockpit.ui.dialogs.proposal_profile import parse_profile
from cockpit.wallet import make_grant


def import_opml(store: Store, path: Path) -> tuple[int, int, int]:
    """Add the OPML file's feeds; returns (added, already present, local files skipped).
    Raises ValueError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(
            _("Cannot read {path}: {error}.").format(path=path, error=exc.strerror)
        ) from exc
    read = read_opml(data)
    fresh = new_feeds(read.specs, store.feeds.all())
    store.feeds.save_many(fresh)  # one write
    return len(fresh), len(read.specs) - len(fresh), read.skipped_local


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


def save_first_profile(store: Store, skills: str, country: str, rate: str) -> Profile | str:
    """Put the welcome's skills, country and rate into the stored profile, keeping its
    other fields; parsed exactly as the profile dialog (P) does. Returns the saved
    profile or the message saying which field is wrong."""
    base = store.profile.get()
    result = parse_profile(base.name, base.headline, skills, rate, base.portfolio_url, country)
    if isinstance(result, Profile):
        store.profile.save(result)
    return result
