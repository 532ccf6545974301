"""Seeds and readers shared by the inbox UI tests (no tests here)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cockpit.models import Budget, Feed, FeedStatus, Job
from cockpit.store import Store
from cockpit.ui.inbox import InboxPane
from cockpit.ui.job_view import JobView
from cockpit.ui.widgets.job_list import JobList
from tests.conftest import FROZEN_NOW, settle

HOSTILE_TITLES = (
    "[@click=app.quit]x[/]",
    "[TODO] fix [/b] now",
    "\x1b]52;c;ZXZpbA==\x07clipboard",
    "\x1b[31mred",
)


def jobs(n: int = 3, **extra: Any) -> list[Job]:
    out = []
    for i in range(n):
        fields: dict[str, Any] = {
            "id": f"j{i}",
            "title": f"Job number {i}",
            "link": f"https://example.com/jobs/{i}",
            "feed_ids": ["f1"],
            "posted": FROZEN_NOW - timedelta(hours=i + 1),
            "description": f"Description of job {i}.\n\nSecond paragraph.",
            "budget": Budget("fixed", "USD", 100.0 * (i + 1), 100.0 * (i + 1)),
            "skills": ["Audio Editing"] if i % 2 == 0 else ["Logo Design"],
            "country": "Indonesia",
        }
        fields.update(extra)
        out.append(Job(**fields))
    return out


def seed_jobs(n: int = 3, **extra: Any):  # type: ignore[no-untyped-def]
    def fill(store: Store) -> None:
        store.feeds.save(
            Feed(
                id="f1",
                url="https://example.com/rss",
                name="Board",
                status=FeedStatus(kind="ok", new_count=n, at=FROZEN_NOW),
            )
        )
        store.jobs.upsert_many(jobs(n, **extra))

    return fill


def inbox(app: Any) -> InboxPane:
    return app.query_one(InboxPane)


def list_lines(app: Any) -> list[str]:
    job_list = app.query_one(JobList)
    return [job_list.render_line(y).text for y in range(job_list.size.height)]


def list_titles(app: Any) -> list[str]:
    pane = inbox(app)
    assert pane.index is not None
    return [pane.index.display(r).title for r in pane.index.visible]


def current_title(app: Any) -> str:
    pane = inbox(app)
    row = pane.job_list.current_row
    assert pane.index is not None and row is not None
    return pane.index.display(row).title


def detail(app: Any) -> str:
    return app.query_one(JobView).shown_text


async def show(pilot: Any) -> None:
    """Let the detail's short debounce fire, and its read of the whole job finish."""
    await pilot.pause(0.08)
    await settle(pilot)
