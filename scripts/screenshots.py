"""Drive the real app on the demo data and save one SVG per pane and key dialog.

    python scripts/screenshots.py [--out screenshots/] [--only inbox wallet] [--markdown]

Every shot starts from a fresh demo folder seeded at a frozen "now", with the
app's clock frozen at the same moment, a fixed terminal size and theme, no
cursor blink and no toasts, so the same code gives the same pictures on any
machine. Rerun it whenever the UI changes. tests/ui/test_snapshots.py reuses
SHOTS, so a shot here is also a snapshot test there.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if __package__ in (None, ""):  # run as `python scripts/screenshots.py` from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled, WorkerFailed

from cockpit import i18n
from cockpit.demo.seed import seed_demo
from cockpit.paths import Paths, resolve
from cockpit.store import Store, StoreLock

if TYPE_CHECKING:
    from cockpit.ui.app import CockpitApp

# The demo's "today" and the app's clock: same as tests/conftest.py FROZEN_NOW.
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
SIZE = (140, 42)
THEME = "textual-dark"
# The header shows the data folder; a temp path would differ on every run.
DATA_FOLDER_SHOWN = "~/.local/share/cockpit"
STORE_OPEN_TIMEOUT = 30.0  # seconds; generous for a busy CI machine
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "screenshots"

Step = Callable[[Pilot[Any]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Shot:
    name: str  # file stem: screenshots/<name>.svg
    caption: str  # alt text and the README's caption
    steps: Step  # from a ready app to the state to capture
    demo: bool = True  # seed the demo; False leaves the store empty
    first_run: bool = False
    size: tuple[int, int] = SIZE  # columns, lines


# -- waiting -------------------------------------------------------------------------


def _writes_done(store: Store) -> None:
    """Block until every write queued before now is durable."""
    store.submit(lambda: None).result()


async def settle(pilot: Pilot[Any]) -> None:
    """Let workers, store writes and short UI timers finish, then repaint."""
    app = pilot.app
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await app.workers.wait_for_complete()
        store = getattr(app, "store", None)
        if store is not None:
            await asyncio.to_thread(_writes_done, store)
        await pilot.pause(0.05)
    # The inbox redraws its detail and counts on short timers (<= 0.12 s).
    await pilot.pause(0.2)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def ready(pilot: Pilot[Any]) -> None:
    """Until the store is open and every pane has loaded."""
    deadline = time.monotonic() + STORE_OPEN_TIMEOUT
    while getattr(pilot.app, "store", None) is None:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the store did not open in {STORE_OPEN_TIMEOUT} s")
        await pilot.pause(0.02)
    await settle(pilot)


async def steady(pilot: Pilot[Any]) -> None:
    """Freeze what still moves: cursor blink, toasts; then settle once more."""
    app = pilot.app
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
    app.clear_notifications()
    await settle(pilot)


async def keys(pilot: Pilot[Any], *pressed: str) -> None:
    await pilot.press(*pressed)
    await settle(pilot)


# The inbox tells the other panes about triage 1.5 s after a burst of keys, and the
# editor autosaves 0.5 s after typing: wait them out so nothing moves after the shot.
DEBOUNCE = 1.7


# -- the states ------------------------------------------------------------------------


async def inbox_detail(pilot: Pilot[Any]) -> None:
    # The second-best job (it carries a tag), opened: the detail says why it scored.
    await keys(pilot, "j", "enter")
    await pilot.pause(DEBOUNCE)


async def inbox_filter(pilot: Pilot[Any]) -> None:
    await keys(pilot, "slash", *"podcast")


async def rules(pilot: Pilot[Any]) -> None:
    # Back from the name field to the list; down picks the first rule into the form.
    await keys(pilot, "e")
    await keys(pilot, "shift+tab", "down")


async def proposal_editor(pilot: Pilot[Any]) -> None:
    # f: drafts only; enter: open the first in the editor. Then make the slips lint
    # catches: a placeholder left in the greeting and an opening that could be for any job.
    await keys(pilot, "2", "f", "enter")
    await keys(pilot, "pageup", "pageup", "end", *["backspace"] * len("there,"), *"{client_name},")
    await keys(pilot, "down", "down", "home", *"I am a reliable freelancer. ")
    await pilot.pause(DEBOUNCE)


async def pipeline(pilot: Pilot[Any]) -> None:
    await keys(pilot, "2")


async def wallet(pilot: Pilot[Any]) -> None:
    await keys(pilot, "3")


async def portfolio_gaps(pilot: Pilot[Any]) -> None:
    await keys(pilot, "4", "g")


async def insights(pilot: Pilot[Any]) -> None:
    await keys(pilot, "4", "i")


async def paste_page(pilot: Pilot[Any]) -> None:
    # A whole copied Upwork page: the first ctrl+s reads it and shows every field.
    from cockpit.demo.page import PAGE

    await keys(pilot, "a")
    pilot.app.screen.query_one("#paste-text", TextArea).text = PAGE
    await keys(pilot, "ctrl+s")
    pilot.app.screen.query_one(VerticalScroll).scroll_end(animate=False, immediate=True)
    await settle(pilot)


async def submit_verdict(pilot: Pilot[Any]) -> None:
    # Saved, drafted, and submitted: the dialog starts from the page's 12 Connects.
    await paste_page(pilot)
    await keys(pilot, "ctrl+s")
    await keys(pilot, "p")
    await keys(pilot, "escape", "s")


async def help_screen(pilot: Pilot[Any]) -> None:
    await keys(pilot, "question_mark")


async def welcome(pilot: Pilot[Any]) -> None:
    await settle(pilot)  # an empty store opens with the welcome on its own


SHOTS: tuple[Shot, ...] = (
    Shot("inbox", "Inbox: views, the scored job list and the open job's detail", inbox_detail),
    Shot("inbox-filter", "Inbox: filtering as you type", inbox_filter),
    Shot("rules", "Rules that score, tag or dismiss jobs", rules),
    Shot("proposal-editor", "Proposal editor with the client preview and lint", proposal_editor),
    Shot("pipeline", "Proposals: the pipeline by state and follow-ups", pipeline),
    Shot("wallet", "Wallet: Connects balance, expiry forecast, lots and monthly chart", wallet),
    Shot("portfolio-gaps", "Portfolio: skill demand and gaps in your portfolio", portfolio_gaps),
    Shot("insights", "Insights: what my bids teach me, the funnel and this month", insights),
    Shot("paste", "Paste a whole job page: cost, activity and the client's record", paste_page),
    Shot(
        "submit",
        "Submit: the job's own Connects cost, its verdict and your balance",
        submit_verdict,
    ),
    Shot("help", "Every key, from the panes' own bindings", help_screen),
    Shot("welcome", "First run on an empty store", welcome, demo=False, first_run=True),
)


# -- running -------------------------------------------------------------------------


@contextlib.contextmanager
def app_for(shot: Shot, folder: Path, now: datetime = NOW) -> Iterator[CockpitApp]:
    """A CockpitApp on ``folder`` (seeded unless the shot wants it empty), clock at ``now``."""
    if shot.demo:
        seed_demo(folder, now=now)
    paths = resolve(folder)
    lock = StoreLock(paths.data).acquire()
    try:
        yield frozen_app(paths, lock, now, demo=shot.demo, first_run=shot.first_run)
    finally:
        lock.release()


def frozen_app(paths: Paths, lock: StoreLock, now: datetime, **kwargs: Any) -> CockpitApp:
    """A CockpitApp whose clock, theme, language and header never vary."""
    # Key descriptions are translated when the UI modules load: pin English first.
    i18n.set_language("en")
    from cockpit.ui.app import CockpitApp

    # A user's NO_COLOR (read when the App is built) would turn every picture grey.
    no_color = os.environ.pop("NO_COLOR", None)
    try:
        app = CockpitApp(paths, lock, clock=lambda: now, **kwargs)
    finally:
        if no_color is not None:
            os.environ["NO_COLOR"] = no_color
    app.theme = THEME  # not $TEXTUAL_THEME
    if not app.demo:
        app.sub_title = DATA_FOLDER_SHOWN
    return app


async def prepare(pilot: Pilot[Any], shot: Shot) -> None:
    """Everything between "app started" and "take the picture"."""
    await ready(pilot)
    await shot.steps(pilot)
    await steady(pilot)


async def capture(shot: Shot, out: Path, folder: Path) -> Path:
    with app_for(shot, folder) as app:
        async with app.run_test(size=shot.size) as pilot:
            await prepare(pilot, shot)
            # What App.save_screenshot writes, with runs of same-styled cells merged
            # (as the snapshot tests do): the same picture in fewer bytes.
            path = out / f"{shot.name}.svg"
            path.write_text(app.export_screenshot(simplify=True), encoding="utf-8")
            return path


def make_screenshots(out: Path = DEFAULT_OUT, only: tuple[str, ...] = ()) -> list[Path]:
    """Write ``<out>/<name>.svg`` for every shot (or those named in ``only``)."""
    unknown = set(only) - {shot.name for shot in SHOTS}
    if unknown:
        raise ValueError(f"no such shot: {', '.join(sorted(unknown))}")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for shot in SHOTS:
        if only and shot.name not in only:
            continue
        with tempfile.TemporaryDirectory(prefix="cockpit-shot-") as tmp:
            written.append(asyncio.run(capture(shot, out, Path(tmp) / "data")))
    return written


def markdown(folder: str = "screenshots") -> str:
    """The README section showing every shot."""
    parts = [
        "## Screenshots",
        "The demo data (`cockpit demo`), captured by `python scripts/screenshots.py`.",
    ]
    for shot in SHOTS:
        parts += [f"**{shot.caption}**", f"![{shot.caption}]({folder}/{shot.name}.svg)"]
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the SVGs")
    parser.add_argument("--only", nargs="*", default=[], help="shot names to redo")
    parser.add_argument("--markdown", action="store_true", help="print the README snippet")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown())
        return 0
    try:
        written = make_screenshots(args.out, tuple(args.only))
    except ValueError as err:
        parser.error(f"{err} (choose from {', '.join(s.name for s in SHOTS)})")
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
