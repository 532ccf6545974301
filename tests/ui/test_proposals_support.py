"""Seed data and small readers shared by the Proposals pane tests (no tests here)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cockpit.models import Budget, Job, LedgerEntry, Profile, Proposal, Settings, to_iso
from cockpit.store import Store
from tests.conftest import FROZEN_NOW, settle

PODCAST = Job(
    id="job-podcast",
    title="Podcast editing for a weekly show",
    link="https://www.upwork.com/jobs/~01",
    description="Remove noise, ums and long pauses from 45 minute episodes.",
    budget=Budget("fixed", "USD", 150, 150),
    category="Audio Production",
    skills=["Audio Editing", "Podcast Editing"],
    client_name="Sarah",
    country="US",
)
SONGS = Job(
    id="job-songs",
    title="Mix and master three songs",
    budget=Budget("hourly", "USD", 20, 40),
    category="Music",
    skills=["Mixing", "Mastering"],
)


def grant(amount: int, days_ago: int = 20) -> LedgerEntry:
    at = FROZEN_NOW - timedelta(days=days_ago)
    return LedgerEntry(id=f"grant-{amount}", kind="grant", amount=amount, at=at, reason="signup")


def sent(pid: str, job: Job, days_ago: int, state: str = "submitted", cost: int = 0) -> Proposal:
    """A proposal that left draft ``days_ago`` days before FROZEN_NOW."""
    at = FROZEN_NOW - timedelta(days=days_ago)
    return Proposal(
        id=pid,
        job_id=job.id,
        text=f"Hi there,\n\nI can help with {job.title.lower()} this week.",
        state=state,  # type: ignore[arg-type]
        history=[
            {"state": "draft", "at": to_iso(at - timedelta(hours=1)) or ""},
            {"state": "submitted", "at": to_iso(at) or ""},
        ],
        connects_cost=cost,
        created=at - timedelta(hours=1),
        updated=at,
    )


def seeder(*, connects: int = 40, proposals: tuple[Proposal, ...] = (), **settings: Any) -> Any:
    def seed(store: Store) -> None:
        store.jobs.upsert_many([PODCAST, SONGS])
        store.profile.save(
            Profile(
                name="Dewi",
                skills=["Audio Editing", "Mixing"],
                portfolio_url="https://dewi.example/work",
            )
        )
        if connects:
            store.ledger.append(grant(connects))
        for p in proposals:
            store.proposals.save(p)
        if settings:
            store.settings.save(Settings(**settings))

    return seed


def messages(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def open_draft(pilot: Any, job_id: str = PODCAST.id) -> Any:
    """start_proposal as the inbox's p does; returns the pane once the draft shows."""
    pilot.app.start_proposal(job_id)
    await settle(pilot)
    pane = pilot.app.pane("proposals")
    assert pane.editor.proposal is not None, "no draft opened"
    return pane


async def press_button(pilot: Any, selector: str) -> None:
    """Press a dialog button as a click would (Pilot clicks in a row hit its active guard)."""
    from textual.widgets import Button

    button = pilot.app.screen.query_one(selector, Button)
    assert button.display and not button.disabled, f"{selector} cannot be pressed"
    button.press()
    await pilot.pause()
