"""Keys pressed faster than the disk: each starts from the change before it."""

from __future__ import annotations

import threading
from typing import Any

from tests.conftest import in_thread, settle
from tests.ui.test_portfolio import MARKET, item, open_portfolio, seeding, stored_items


async def test_t_t_while_the_writer_is_busy_ends_where_two_presses_should(make_app: Any) -> None:
    start = item("c1", "Podcast sample", ["podcast editing"], 0)
    start.status, start.evidence = "doing", "https://dewi.example/podcast"
    app = make_app(seeding(MARKET, [start]))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_portfolio(pilot)
        hold = threading.Event()
        app.store.submit(hold.wait, 5)  # the writer is busy: both saves queue behind this
        await pilot.press("t", "t")  # doing -> done -> todo
        hold.set()
        await settle(pilot)
        assert (await in_thread(stored_items, app))[0].status == "todo"
