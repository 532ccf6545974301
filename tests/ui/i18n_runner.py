"""Drive the app in one language and print what each pane shows, as JSON.

    python -m tests.ui.i18n_runner id /tmp/folder > shown.json

Key bindings and pane titles are class attributes, translated when
``cockpit.ui`` is imported, so a language can only be tested in a fresh process
that sets it first; the pytest process stays in English. This script seeds the
demo into the folder, runs the app under Pilot with the frozen test clock,
shows every pane in turn and reports the Footer keys and every piece of text
its widgets render (labels, tables, tabs, buttons), plus the help screen, one
dialog and one notification.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any


def widget_texts(root: Any) -> list[str]:
    """What the widgets under ``root`` render, as plain strings."""
    from rich.text import Text
    from textual.widgets import Button, DataTable, Input, OptionList, Static, Tab

    out: list[str] = []
    for widget in root.query("*"):
        if not shown_on_screen(widget, root):
            continue
        if isinstance(widget, Static):
            out.append(str(widget.content))
        elif isinstance(widget, DataTable):
            out.extend(str(column.label) for column in widget.columns.values())
            for row in range(min(widget.row_count, 30)):
                out.extend(str(cell) for cell in widget.get_row_at(row))
        elif isinstance(widget, Tab | Button):
            out.append(str(widget.label))
        elif isinstance(widget, Input):
            out.append(widget.placeholder)
        elif isinstance(widget, OptionList):
            prompts = (widget.get_option_at_index(i).prompt for i in range(widget.option_count))
            out.extend(str(prompt) for prompt in prompts)
        # Line-API widgets of the inbox: the detail, the status line, the list's header.
        if isinstance(getattr(widget, "shown_text", None), str):
            out.append(widget.shown_text)
        if isinstance(getattr(widget, "text", None), Text):
            out.append(str(widget.text))
        for column in getattr(widget, "_columns", None) or ():
            out.append(str(column[1]))
        title = getattr(widget, "border_title", None)
        if title:
            out.append(str(title))
    return [text for text in out if text.strip()]


def shown_on_screen(widget: Any, root: Any) -> bool:
    """Not hidden by ``display: none`` on itself or on anything between it and ``root``."""
    node = widget
    while node is not None and node is not root:
        if not node.display:
            return False
        node = node.parent
    return True


def footer_keys(app: Any) -> list[str]:
    from textual.widgets._footer import FooterKey

    return [key.description for key in app.query(FooterKey) if key.description]


async def collect(lang: str, folder: Path) -> dict[str, Any]:
    from cockpit.paths import resolve
    from cockpit.store import StoreLock
    from cockpit.ui.app import PANES, CockpitApp
    from cockpit.ui.widgets.pane_strip import PaneStrip
    from tests.conftest import FROZEN_NOW, ready, settle

    paths = resolve(folder)
    lock = StoreLock(paths.data).acquire()
    app = CockpitApp(paths, lock, clock=lambda: FROZEN_NOW, first_run=False)
    shown: dict[str, Any] = {"language": lang, "panes": {}}
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            await ready(pilot)
            for pane_cls in PANES:
                await pilot.press(pane_cls.KEY)
                await settle(pilot)
                await pilot.pause(0.1)
                pane = app.pane(pane_cls.PANE_ID)
                shown["panes"][pane_cls.PANE_ID] = {
                    "title": pane_cls.TITLE,
                    "strip": app.query_one(PaneStrip).render().plain,
                    "footer": footer_keys(app),
                    "text": widget_texts(pane),
                }
            # A notification: the Portfolio's window key says what it did.
            await pilot.press("w")
            await settle(pilot)
            shown["notifications"] = [str(n.message) for n in app._notifications]
            await pilot.press("question_mark")
            await pilot.pause(0.1)
            shown["help"] = widget_texts(app.screen)
            await pilot.press("escape")
            await pilot.press("3", "g")  # the wallet's grant form
            await pilot.pause(0.2)
            shown["dialog"] = widget_texts(app.screen)
            await pilot.press("escape")
    finally:
        lock.release()
    return shown


def main(argv: list[str]) -> int:
    lang, folder = argv[0], Path(argv[1])
    from cockpit import i18n

    i18n.set_language(lang)  # before cockpit.ui is imported: bindings translate on import
    assert "cockpit.ui.app" not in sys.modules

    from cockpit.demo.seed import seed_demo
    from tests.conftest import FROZEN_NOW

    seed_demo(folder, FROZEN_NOW)
    print(json.dumps(asyncio.run(collect(lang, folder)), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
