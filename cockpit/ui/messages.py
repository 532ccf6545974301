"""How panes talk: a typed app-wide "this data changed" signal, and requests as messages.

Messages go up (a pane posts ``OpenJob``; the app routes it), method calls go down (the app
tells the Inbox which job to show). No pane reaches into another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from textual.message import Message


class DataKind(StrEnum):
    """What a change touched, so each pane reloads only what it shows."""

    JOBS = "jobs"
    TRIAGE = "triage"
    FEEDS = "feeds"
    PROPOSALS = "proposals"
    LEDGER = "ledger"
    CHECKLIST = "checklist"
    SETTINGS = "settings"
    RULES = "rules"
    PROFILE = "profile"  # skills score jobs, the country judges them


@dataclass(frozen=True, slots=True)
class DataChange:
    """Published on ``CockpitApp.data_signal``; ``source`` (a pane id) already knows."""

    kind: DataKind
    source: str | None = None


class OpenJob(Message):
    """Show this job in the Inbox: its view, the cursor on it, its detail."""

    def __init__(self, job_id: str) -> None:
        super().__init__()
        self.job_id = job_id


class StartProposal(Message):
    """Open the Proposals pane on a draft for this job (the Inbox's `p`)."""

    def __init__(self, job_id: str) -> None:
        super().__init__()
        self.job_id = job_id


class Deliver(Message, bubble=False):
    """A worker's result for the UI thread. Posted, never awaited: a worker (or the store's
    writer) that waited on the UI thread could deadlock with a quit that waits on it."""

    def __init__(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.callback = callback
        self.args = args
        self.kwargs = kwargs


class Delivers:
    """For panes and dialogs: ``deliver(fn, *args)`` from any thread runs ``fn`` on the UI
    thread, in order with the node's other messages."""

    def deliver(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.post_message(Deliver(callback, *args, **kwargs))  # type: ignore[attr-defined]

    def on_deliver(self, message: Deliver) -> None:
        message.callback(*message.args, **message.kwargs)
