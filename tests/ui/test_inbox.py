"""Inbox keys: move, triage with undo, read, filter, sort, open link, proposal."""

from __future__ import annotations

from typing import Any

from cockpit.ui.widgets.filter_box import FilterInput
from cockpit.ui.widgets.job_list import JobList
from tests.conftest import in_thread, ready, settle
from tests.ui.test_inbox_support import (
    current_title,
    detail,
    inbox,
    list_lines,
    list_titles,
    seed_jobs,
    show,
)


async def test_list_shows_jobs_and_detail_follows_cursor(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        assert isinstance(app.focused, JobList)
        lines = "\n".join(list_lines(app))
        assert "Job number 0" in lines and "Job number 2" in lines and "$300" in lines
        await show(pilot)
        assert "Job number 0" in detail(app)
        await pilot.press("j")
        await show(pilot)
        assert current_title(app) == "Job number 1"
        assert "Job number 1" in detail(app) and "Second paragraph." in detail(app)
        await pilot.press("G")
        assert current_title(app) == "Job number 2"
        await pilot.press("k")
        assert current_title(app) == "Job number 1"
        await pilot.press("g")
        assert current_title(app) == "Job number 0"


async def test_shortlist_dismiss_and_undo_reach_the_store(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        store = app.store
        index = inbox(app).index
        assert index is not None
        await pilot.press("s")
        await settle(pilot)
        # The shortlisted job stays where it was, marked, and the cursor moves on.
        assert list_titles(app) == ["Job number 0", "Job number 1", "Job number 2"]
        assert current_title(app) == "Job number 1"
        assert list_lines(app)[1].startswith("★") and index.lingering == {0}
        assert (await in_thread(store.triage.get, "j0")).state == "shortlist"
        await pilot.press("x")
        await settle(pilot)
        assert current_title(app) == "Job number 2"
        assert list_lines(app)[2].startswith("✗")
        assert (await in_thread(store.triage.get, "j1")).state == "dismissed"
        status = str(inbox(app).query_one("#inbox-status").text)
        assert "1 of 1" in status  # the two triaged jobs still drawn are not counted
        counts = index.counts
        assert counts["shortlist"] == 1 and counts["dismissed"] == 1 and counts["new"] == 1
        await pilot.press("u")
        await settle(pilot)
        assert current_title(app) == "Job number 1"  # the cursor follows the undone job
        assert list_lines(app)[2].startswith(" ") and index.lingering == {0}
        assert (await in_thread(store.triage.get, "j1")).state == "new"
        await pilot.press("u")
        await settle(pilot)
        assert (await in_thread(store.triage.get, "j0")).state == "new"
        assert current_title(app) == "Job number 0" and not index.lingering
        await pilot.press("u")
        assert any("Nothing to undo" in n.message for n in app._notifications)


async def test_triaged_jobs_leave_the_view_when_it_changes(make_app: Any) -> None:
    app = make_app(seed_jobs(4))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("x", "s")
        await settle(pilot)
        assert current_title(app) == "Job number 2"
        assert len(list_titles(app)) == 4
        await pilot.press("S")  # a new sort (newest first) sweeps them
        assert list_titles(app) == ["Job number 2", "Job number 3"]
        assert "1 of 2" in str(inbox(app).query_one("#inbox-status").text)


async def test_scrolling_sweeps_triaged_jobs(make_app: Any) -> None:
    app = make_app(seed_jobs(60))
    async with app.run_test(size=(140, 24)) as pilot:
        await ready(pilot)
        job_list = inbox(app).job_list
        first = current_title(app)
        await pilot.press("x")
        await settle(pilot)
        assert first in list_titles(app)  # kept in place while the screen holds still
        shown = job_list.scrollable_content_region.height - 1  # rows on screen
        below = list_titles(app)[shown]  # the first job under the screen's edge
        for _ in range(shown - 1):  # the last j would scroll the list
            await pilot.press("j")
        assert first not in list_titles(app)
        assert len(list_titles(app)) == 59
        assert current_title(app) == below  # no row was skipped
        assert job_list.cursor == shown - 1 and round(job_list.scroll_y) == 0


async def test_filter_keys_scroll_the_box_and_keep_the_cursor_at_the_end(make_app: Any) -> None:
    """The box is Textual's own Input now (public API; it lays out on a change, which
    bench/inbox_bench.py measures: type-to-filter p95 stays under 50 ms at 50k jobs)."""
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"logo design and a very long filter that scrolls the box")
        await pilot.pause()
        box = inbox(app).query_one("#inbox-filter", FilterInput)
        assert box.value.endswith("scrolls the box")
        assert box.scroll_x > 0  # the text is longer than the box: it scrolls
        assert box.cursor_position == len(box.value)
        await pilot.press(*"x" * 3, "backspace")
        assert box.value.endswith("xx") and box.cursor_position == len(box.value)


async def test_a_slow_filter_says_it_is_searching(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        index = pane.index
        assert index is not None
        index.search_more = lambda *a, **k: False  # type: ignore[method-assign]
        index.set_query("zzz", lazy=True)
        index._pending = ("zzz", list(index.visible), 0)
        pane._show_status()
        assert "Searching" in pane.job_list.empty_message
        assert "searching" in str(pane.query_one("#inbox-status").text)


async def test_read_toggle_and_enter_marks_read(make_app: Any) -> None:
    app = make_app(seed_jobs(2))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        store = app.store
        await pilot.press("m")
        await settle(pilot)
        assert (await in_thread(store.triage.get, "j0")).read is True
        await pilot.press("m")
        await settle(pilot)
        assert (await in_thread(store.triage.get, "j0")).read is False
        await pilot.press("j", "enter")
        await settle(pilot)
        assert (await in_thread(store.triage.get, "j1")).read is True
        assert app.focused is inbox(app).detail
        await pilot.press("escape")
        assert isinstance(app.focused, JobList)


async def test_filter_narrows_and_escape_clears(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"logo")
        assert list_titles(app) == ["Job number 1"]  # matched by its skill
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"job 2")
        assert list_titles(app) == ["Job number 2"]  # matched in the description
        await pilot.press("escape")
        assert len(list_titles(app)) == 3
        assert isinstance(app.focused, JobList)


async def test_escape_in_the_list_clears_an_active_filter(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"logo", "enter")  # filter, then back in the list
        inbox(app).job_list.focus()
        await pilot.pause()
        assert list_titles(app) == ["Job number 1"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(list_titles(app)) == 3
        assert isinstance(app.focused, JobList)


async def test_sort_cycles_score_newest_budget(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        index = inbox(app).index
        assert index is not None and index.sort == "score"
        await pilot.press("S")
        assert index.sort == "newest"
        assert list_titles(app) == ["Job number 0", "Job number 1", "Job number 2"]
        await pilot.press("S")
        assert index.sort == "budget"
        assert list_titles(app) == ["Job number 2", "Job number 1", "Job number 0"]
        await pilot.press("S")
        assert index.sort == "score"


async def test_open_link_refuses_javascript(make_app: Any) -> None:
    app = make_app(seed_jobs(1, link="javascript:alert(1)"))
    opened: list[str] = []
    async with app.run_test(size=(140, 45)) as pilot:
        app.open_url = lambda url, **_: opened.append(url)
        await ready(pilot)
        await pilot.press("o")
        assert opened == []
        assert any("only http(s)" in n.message for n in app._notifications)


async def test_open_link_opens_https(make_app: Any) -> None:
    app = make_app(seed_jobs(1))
    opened: list[str] = []
    async with app.run_test(size=(140, 45)) as pilot:
        app.open_url = lambda url, **_: opened.append(url)
        await ready(pilot)
        await pilot.press("o")
        assert opened == ["https://example.com/jobs/0"]
        # Over SSH nothing opens: the link is on the clipboard and shown as well.
        assert app.clipboard == "https://example.com/jobs/0"
        assert any("also copied" in n.message for n in app._notifications)


async def test_p_starts_a_proposal_for_the_job(make_app: Any) -> None:
    app = make_app(seed_jobs(2))
    started: list[str] = []
    async with app.run_test(size=(140, 45)) as pilot:
        app.start_proposal = started.append
        await ready(pilot)
        await pilot.press("j", "p")
        assert started == ["j1"]


async def test_sidebar_views_filter_the_list(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot)
        sidebar = inbox(app).sidebar
        sidebar.focus()
        sidebar.highlighted = sidebar.get_option_index("shortlist")
        await pilot.pause()
        assert list_titles(app) == ["Job number 0"]
        prompts = [str(o.prompt) for o in sidebar.options]
        assert any(p.startswith("Shortlist") and p.rstrip().endswith("1") for p in prompts)
        assert any("OK, 3 new" in p for p in prompts)


async def test_empty_inbox_says_what_to_do(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        assert pane.has_class("-empty")
        text = str(app.query_one("#inbox-empty").content)
        assert "Press F" in text and "Press a" in text and "demo" in text


async def test_the_view_and_sort_are_kept_for_the_next_start(make_app: Any) -> None:
    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = inbox(app)
        await pilot.press("S")  # newest first
        pane.show_view("all")
        await settle(pilot)
        assert pane.index is not None and (pane.index.view, pane.index.sort) == ("all", "newest")
    again = make_app()
    async with again.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        index = inbox(again).index
        assert index is not None and (index.view, index.sort) == ("all", "newest")


async def test_the_detail_reads_the_whole_job_and_says_so_when_slow(make_app: Any) -> None:
    import time

    app = make_app(seed_jobs(3))
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        jobs = app.store.jobs
        real = jobs.get

        def slow(job_id: str) -> Any:
            time.sleep(0.6)  # a cold disk
            return real(job_id)

        jobs.get = slow
        await pilot.press("j")
        await pilot.pause(0.45)
        assert "Reading the description…" in detail(app)
        assert "Second paragraph." not in detail(app)
        await settle(pilot)
        assert "Job number 1" in detail(app) and "Second paragraph." in detail(app)
        assert "Reading the description…" not in detail(app)
