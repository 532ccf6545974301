"""Fill a throwaway folder with sample feeds and seed data (no network)."""

from __future__ import annotations

from pathlib import Path

from cockpit.models import Profile
from cockpit.store import Store


def seed_demo(folder: Path) -> None:
    with Store.open(folder) as store:
        store.profile.save(Profile(name="Dewi", headline="Audio editor", skills=["Audio Editing"]))
