"""Drive the demo at 80x24 in one language and print, as JSON, what each state shows:
the footer keys with their columns, the pane strip's text and which regions are on screen.

    python -m tests.ui.narrow_runner id /tmp/folder > narrow.json

A fresh process, as for ``i18n_runner``: bindings translate when cockpit.ui is imported.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

# (state name, keys pressed from the Inbox to reach it)
STATES = (
    ("inbox", ()),
    ("inbox-job", ("enter",)),
    ("proposals", ("2",)),
    ("proposals-editor", ("2", "enter")),
    ("wallet", ("3",)),
    ("portfolio", ("4",)),
    ("portfolio-demand", ("4", "g")),
    ("portfolio-insights", ("4", "i")),
)


def footer(app: Any) -> dict[str, Any]:
    from textual.widgets._footer import FooterKey

    keys = [k for k in app.screen.query(FooterKey) if "-command-palette" not in k.classes]
    palette = [k for k in app.screen.query(FooterKey) if "-command-palette" in k.classes]
    return {
        "keys": [[k.key_display, k.description, k.region.x, k.region.right] for k in keys],
        "palette_x": palette[0].region.x if palette else app.size.width,
    }


async def collect(folder: Path, size: tuple[int, int]) -> dict[str, Any]:
    from cockpit.paths import resolve
    from cockpit.store import StoreLock
    from cockpit.ui.app import CockpitApp
    from cockpit.ui.widgets.pane_strip import PaneStrip
    from tests.conftest import FROZEN_NOW, ready, settle

    shown: dict[str, Any] = {}
    for name, pressed in STATES:
        paths = resolve(folder)
        lock = StoreLock(paths.data).acquire()
        app = CockpitApp(paths, lock, clock=lambda: FROZEN_NOW, first_run=False)
        try:
            async with app.run_test(size=size) as pilot:
                await ready(pilot)
                await settle(pilot)
                for key in pressed:
                    await pilot.press(key)
                    await settle(pilot)
                    await pilot.pause(0.1)
                strip = app.query_one(PaneStrip)
                shown[name] = {
                    "footer": footer(app),
                    "strip": strip.render().plain,
                    "strip_current": strip.current,
                    "width": app.size.width,
                }
        finally:
            lock.release()
    return shown


def main(argv: list[str]) -> int:
    lang, folder = argv[0], Path(argv[1])
    width, height = (int(n) for n in (argv[2] if len(argv) > 2 else "80x24").split("x"))
    from cockpit import i18n

    i18n.set_language(lang)  # before cockpit.ui is imported
    from cockpit.demo.seed import seed_demo
    from tests.conftest import FROZEN_NOW

    seed_demo(folder, FROZEN_NOW)
    print(json.dumps(asyncio.run(collect(folder, (width, height))), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
