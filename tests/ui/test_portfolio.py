"""Portfolio pane: checklist keys, gaps to todos, demand windows, drill-down, insights."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from textual.widgets import DataTable, Input, Static, TabbedContent

from cockpit.models import (
    Budget,
    ChecklistItem,
    Job,
    LedgerEntry,
    Proposal,
    Settings,
    Triage,
)
from cockpit.store import Store
from cockpit.ui.dialogs.checklist_aliases import AliasesDialog
from cockpit.ui.dialogs.checklist_item import ChecklistItemDialog
from cockpit.ui.dialogs.confirm import ConfirmDialog
from cockpit.ui.portfolio import PortfolioPane
from tests.conftest import FROZEN_NOW, in_thread, ready, settle

# -- seeding ---------------------------------------------------------------------


def job(
    job_id: str,
    days_ago: float,
    skills: list[str],
    title: str = "",
    budget: Budget | None = None,
    category: str = "",
) -> Job:
    return Job(
        id=job_id,
        title=title or f"Job {job_id}",
        posted=FROZEN_NOW - timedelta(days=days_ago),
        skills=skills,
        budget=budget,
        category=category,
    )


def item(item_id: str, title: str, skills: list[str], order: int, **kw: Any) -> ChecklistItem:
    return ChecklistItem(
        id=item_id,
        title=title,
        skills=skills,
        order=order,
        created=FROZEN_NOW - timedelta(days=10 - order),
        **kw,
    )


def seeding(
    jobs: list[Job] = (),  # type: ignore[assignment]
    items: list[ChecklistItem] = (),  # type: ignore[assignment]
    triage: list[Triage] = (),  # type: ignore[assignment]
    proposals: list[Proposal] = (),  # type: ignore[assignment]
    ledger: list[LedgerEntry] = (),  # type: ignore[assignment]
    settings: Settings | None = None,
) -> Callable[[Store], None]:
    def fill(store: Store) -> None:
        if jobs:
            store.jobs.upsert_many(list(jobs))
        for it in items:
            store.checklist.save(it)
        for t in triage:
            store.triage.save(t)
        for p in proposals:
            store.proposals.save(p)
        for e in ledger:
            store.ledger.append(e)
        if settings is not None:
            store.settings.save(settings)

    return fill


# Podcast editing is the busiest skill; voice over is rarer; mixing is covered.
MARKET = [
    job(
        "p1",
        1,
        ["Podcast Editing", "Audio Mixing"],
        "Podcast editor",
        Budget("fixed", "USD", 150, 150),
    ),
    job(
        "p2", 2, ["podcast edit"], "Weekly show edit", Budget("fixed", "IDR", 1_500_000, 1_500_000)
    ),
    job(
        "p3",
        5,
        ["Podcast editing"],
        "\x1b]52;c;ZXZpbA==\x07Evil\u202e title",
        Budget("hourly", "USD", 15, 25),
    ),
    job("v1", 3, ["Voice Over"], "Narrator wanted"),
    job("m1", 4, ["mixing"], "Mix my EP"),
]


async def open_portfolio(pilot: Any) -> PortfolioPane:
    await ready(pilot)
    await pilot.press("4")
    await settle(pilot)
    return pilot.app.query_one(PortfolioPane)


def rows(app: Any, selector: str) -> list[list[str]]:
    table = app.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def static(app: Any, selector: str) -> str:
    return str(app.query_one(selector, Static).content)


def stored_items(app: Any) -> list[ChecklistItem]:
    return sorted(app.store.checklist.all(), key=lambda i: i.order)


# -- gaps ------------------------------------------------------------------------------


async def test_plus_on_a_gap_adds_it_as_a_todo(make_app: Any) -> None:
    done_mixing = item("c1", "Mix demo", ["Audio Mixing"], 0, status="done", done_at=FROZEN_NOW)
    app = make_app(seeding(MARKET, [done_mixing]))
    async with app.run_test(size=(140, 45)) as pilot:
        pane = await open_portfolio(pilot)
        await pilot.press("g")
        await settle(pilot)
        gap_names = [r[0] for r in rows(app, "#gaps-table")]
        # Three spellings of podcast editing are one gap; the done mixing item covers mixing.
        assert gap_names == ["Podcast Editing", "Voice Over"]
        await pilot.press("plus")
        await settle(pilot)
        items = await in_thread(stored_items, app)
        assert [(i.title, i.skills, i.status) for i in items[1:]] == [
            ("Podcast Editing sample", ["Podcast Editing"], "todo")
        ]
        assert items[1].created == FROZEN_NOW and items[1].order == 1
        # A todo item is not a done one: the gap stays, but + does not add it twice.
        await pilot.press("plus")
        await settle(pilot)
        assert len(await in_thread(stored_items, app)) == 2
        await pilot.press("c")
        assert [r[2] for r in rows(app, "#checklist-table")] == [
            "Mix demo",
            "Podcast Editing sample",
        ]
        assert pane.active_tab == "checklist"


# -- status keys and reorder -------------------------------------------------------------


async def test_status_keys_move_an_item_and_change_coverage(make_app: Any) -> None:
    app = make_app(seeding(MARKET, [item("c1", "Podcast sample", ["podcast editing"], 0)]))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_portfolio(pilot)
        assert rows(app, "#checklist-table")[0][1] == "[ ] todo"
        assert "cover 0%" in static(app, "#checklist-head")
        await pilot.press("space")
        await settle(pilot)
        assert rows(app, "#checklist-table")[0][1] == "[~] doing"
        assert (await in_thread(stored_items, app))[0].status == "doing"
        await pilot.press("t")
        await pilot.pause()
        from cockpit.ui.dialogs.checklist_item import EvidenceDialog

        assert isinstance(app.screen, EvidenceDialog)  # done asks where a client can see it
        await pilot.press(*"ftp://x.example/a", "enter")
        await pilot.pause()
        assert "not an http(s) link" in str(app.screen.query_one("#evidence-error").content)
        app.screen.query_one("#evidence-link").value = "https://dewi.example/podcast"
        await pilot.press("enter")
        await settle(pilot)
        stored = (await in_thread(stored_items, app))[0]
        assert (stored.status, stored.done_at) == ("done", FROZEN_NOW)
        assert stored.evidence == "https://dewi.example/podcast"
        # 3 of 6 job-skill occurrences in 30 days are podcast editing.
        assert "cover 50%" in static(app, "#checklist-head")
        assert "Podcast Editing" not in [r[0] for r in rows(app, "#gaps-table")]
        await pilot.press("T")
        await settle(pilot)
        stored = (await in_thread(stored_items, app))[0]
        assert (stored.status, stored.done_at) == ("doing", None)
        assert "cover 0%" in static(app, "#checklist-head")
        await pilot.press("t", "t")  # doing -> done -> todo wraps round
        await settle(pilot)
        assert (await in_thread(stored_items, app))[0].status == "todo"


async def test_reorder_with_j_k_and_ctrl_arrows(make_app: Any) -> None:
    items = [item("a", "A", ["x"], 0), item("b", "B", ["y"], 1), item("c", "C", ["z"], 2)]
    app = make_app(seeding(items=items))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_portfolio(pilot)
        table = app.query_one("#checklist-table", DataTable)
        assert table.has_focus and table.cursor_row == 0

        async def order() -> list[str]:
            await settle(pilot)
            shown = [r[2] for r in rows(app, "#checklist-table")]
            assert [i.title for i in await in_thread(stored_items, app)] == shown
            return shown

        await pilot.press("J")
        assert await order() == ["B", "A", "C"]
        assert table.cursor_row == 1  # the cursor follows the item
        await pilot.press("ctrl+down")
        assert await order() == ["B", "C", "A"]
        await pilot.press("J")  # already last: nothing moves
        assert await order() == ["B", "C", "A"]
        await pilot.press("K")
        assert await order() == ["B", "A", "C"]  # each step checked: no race between the two
        await pilot.press("ctrl+up")
        assert await order() == ["A", "B", "C"]
        assert [r[0] for r in rows(app, "#checklist-table")] == ["1", "2", "3"]


# -- edit, new, delete ---------------------------------------------------------------------


async def fill(pilot: Any, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.pause()
    if value:
        await pilot.press(*value)


async def test_edit_refuses_an_empty_title_and_normalises_skills(make_app: Any) -> None:
    app = make_app(seeding(items=[item("c1", "Old title", ["Audio Mixing"], 0)]))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_portfolio(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistItemDialog)
        await fill(pilot, "#item-title", "")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistItemDialog), "an empty title was accepted"
        assert "title" in str(app.screen.query_one("#form-error", Static).content)
        await fill(pilot, "#item-title", "Mixing reel")
        await fill(pilot, "#item-skills", "mixing, Audio-Mixing, voiceover")
        await pilot.pause()
        preview = str(app.screen.query_one("#item-skills-preview", Static).content)
        assert preview == "Saved as: Audio Mixing, Voice Over"
        await fill(pilot, "#item-evidence", "javascript:alert(1)")
        await pilot.press("enter")
        await pilot.pause()
        assert "no file" in str(app.screen.query_one("#form-error", Static).content).lower()
        await fill(pilot, "#item-evidence", "https://me.example/reel")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ChecklistItemDialog)
        stored = (await in_thread(stored_items, app))[0]
        assert (stored.id, stored.title, stored.skills, stored.evidence) == (
            "c1",
            "Mixing reel",
            ["Audio Mixing", "Voice Over"],
            "https://me.example/reel",
        )
        assert rows(app, "#checklist-table")[0][2] == "Mixing reel"


async def test_new_item_then_delete_asks_first(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_portfolio(pilot)
        assert app.query_one("#portfolio-empty").display
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "#item-title", "Voice reel")
        await pilot.press("enter")
        await pilot.pause()
        assert "skill" in str(app.screen.query_one("#form-error", Static).content)
        await fill(pilot, "#item-skills", "vo")
        await pilot.press("enter")
        await settle(pilot)
        assert [(i.title, i.skills) for i in await in_thread(stored_items, app)] == [
            ("Voice reel", ["Voice Over"])
        ]
        assert not app.query_one("#portfolio-empty").display
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert len(await in_thread(stored_items, app)) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert await in_thread(stored_items, app) == []
        assert app.query_one("#portfolio-empty").display


# -- demand: drill-down and windows ----------------------------------------------------------


async def test_enter_on_a_skill_lists_the_jobs_behind_it(make_app: Any) -> None:
    app = make_app(seeding(MARKET))
    async with app.run_test(size=(140, 45)) as pilot:
        pane = await open_portfolio(pilot)
        await pilot.press("g")
        await settle(pilot)
        first = rows(app, "#demand-table")[0]
        assert first[:5] == ["skill", "Podcast Editing", "3", "0", "new"]
        # fixed medians per currency, never mixed, each beside the jobs behind it
        assert first[6] == "Rp1,500,000 (1 job); $150 (1 job)"
        assert first[7] == "$20/hr (1 job)"  # 15-25 counts as its midpoint
        assert "Medians: a budget range counts as its midpoint." in static(app, "#demand-head")
        await pilot.press("enter")
        await settle(pilot)
        assert rows(app, "#drill-table") == [
            ["26 Nov 2026", "Podcast editor", "$150", "new"],
            ["25 Nov 2026", "Weekly show edit", "Rp1,500,000", "new"],
            ["22 Nov 2026", "Evil title", "$15–$25/hr", "new"],
        ]
        assert "3 jobs behind Podcast Editing" in static(app, "#drill-head")
        drill = app.query_one("#drill-table", DataTable)
        assert drill.has_focus
        # enter on a job opens it in the inbox when the inbox offers that.
        opened: list[str] = []
        inbox = app.pane("inbox")
        inbox.open_job = opened.append
        await pilot.press("down", "enter")
        await pilot.pause()
        assert opened == ["p2"]
        assert app.current_pane is inbox
        assert pane.analysis is not None


async def test_w_cycles_the_window_and_the_figures_follow(make_app: Any) -> None:
    jobs = [job(f"r{i}", 2, ["Sound Design"]) for i in range(2)]
    jobs += [job(f"m{i}", 20, ["Sound Design"]) for i in range(3)]
    jobs += [job(f"o{i}", 60, ["Sound Design"]) for i in range(4)]
    app = make_app(seeding(jobs))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_portfolio(pilot)

        async def figures() -> tuple[str, list[str]]:
            await settle(pilot)
            return static(app, "#demand-head"), rows(app, "#demand-table")[0][:5]

        head, row = await figures()
        assert "Last 30 days" in head and row == ["skill", "Sound Design", "5", "4", "+25%"]
        await pilot.press("w")
        head, row = await figures()
        assert "Last 90 days" in head and row == ["skill", "Sound Design", "9", "0", "new"]
        await pilot.press("w")
        head, row = await figures()
        assert "Last 7 days" in head and row == ["skill", "Sound Design", "2", "0", "new"]
        assert app.query_one(PortfolioPane).active_tab == "demand"


async def test_new_jobs_elsewhere_reload_the_demand(make_app: Any) -> None:
    app = make_app(seeding([job("a", 1, ["Jingles"])]))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_portfolio(pilot)
        assert rows(app, "#demand-table")[0][1:3] == ["Jingles", "1"]
        await in_thread(app.store.jobs.upsert_many, [job("b", 1, ["jingles"])])
        app.data_changed("jobs")
        await settle(pilot)
        assert rows(app, "#demand-table")[0][1:3] == ["Jingles", "2"]


# -- insights --------------------------------------------------------------------------


async def test_insights_tab_shows_funnel_charts_and_summary(make_app: Any) -> None:
    jobs = [job(f"n{i}", 3 + i, ["Podcast Editing"]) for i in range(4)]
    jobs += [job("old", 40, ["Podcast Editing"]), job("x", 2, ["Logo Design"])]
    proposals = [
        Proposal(
            id="pr1",
            job_id="n0",
            state="viewed",
            history=[{"state": "submitted", "at": FROZEN_NOW.isoformat()}],
        ),
        Proposal(id="pr2", job_id="n1", state="submitted"),
    ]
    ledger = [
        LedgerEntry(id="g", kind="grant", amount=40, at=FROZEN_NOW - timedelta(days=30)),
        LedgerEntry(
            id="s1",
            kind="spend",
            amount=3,
            at=FROZEN_NOW - timedelta(days=2),
            job_id="n0",
            proposal_id="pr1",
        ),
        LedgerEntry(
            id="s2",
            kind="spend",
            amount=5,
            at=FROZEN_NOW - timedelta(days=1),
            job_id="n1",
            proposal_id="pr2",
        ),
    ]
    triage = [Triage(job_id="x", state="shortlist")]
    app = make_app(seeding(jobs, triage=triage, proposals=proposals, ledger=ledger))
    async with app.run_test(size=(140, 45)) as pilot:
        pane = await open_portfolio(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "tab-insights"
        funnel = static(app, "#insights-funnel").splitlines()
        table = {line.split()[0]: line.split()[1:5] for line in funnel[1:] if line.strip()}
        assert table["seen"] == ["6", "-", "8", "1.20"]
        assert table["shortlisted"] == ["3", "50%", "8", "1.20"]
        assert table["proposals"] == ["2", "67%", "8", "1.20"]
        assert table["viewed"] == ["1", "50%", "3", "0.45"]
        assert table["interview"] == ["0", "0%", "0", "0.00"]
        assert table["hired"] == ["0", "-", "0", "0.00"]
        summary = static(app, "#insights-summary")
        assert "Podcast Editing demand +300%" in summary
        assert "no podcast editing sample" in summary
        assert "8 Connects ($1.20)" in static(app, "#insights-per-week-caption")
        assert "Podcast Editing, Logo Design: 5 jobs in 30 days" in static(
            app, "#insights-per-day-caption"
        )
        await pilot.press("i")
        assert pane.active_tab == "checklist"


# -- aliases ---------------------------------------------------------------------------


async def test_aliases_dialog_merges_spellings_in_the_demand(make_app: Any) -> None:
    jobs = [job("a", 1, ["Pod Cutting"]), job("b", 2, ["Podcast Editing"])]
    app = make_app(seeding(jobs, settings=Settings(connect_price_usd=0.2)))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_portfolio(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AliasesDialog)
        area = app.screen.query_one("#aliases-text")
        area.text = "pod cutting Podcast Editing"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "no '=' found" in str(app.screen.query_one("#form-error", Static).content)
        area.text = "pod cutting = Podcast Editing"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        settings = await in_thread(app.store.settings.get)
        assert settings.skill_aliases == {"pod cutting": "Podcast Editing"}
        assert settings.connect_price_usd == 0.2  # the other settings are kept
        await pilot.press("g")
        assert rows(app, "#demand-table")[0][1:3] == ["Podcast Editing", "2"]


async def test_a_hidden_portfolio_analyses_only_when_shown(make_app: Callable[..., Any]) -> None:
    from cockpit.ui.messages import DataKind

    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await ready(pilot)
        pane = app.query_one(PortfolioPane)
        assert pane.analysis is None and pane.stale  # the Inbox is shown: nothing ran
        app.data_changed(DataKind.JOBS)  # a refresh while hidden: still nothing
        await settle(pilot)
        assert pane.analysis is None
        await pilot.press("4")
        await settle(pilot)
        assert pane.analysis is not None and not pane.stale
        assert pane.analysis.snapshot.jobs_gen == pane.jobs_gen == 1
        await pilot.press("1")
        app.data_changed(DataKind.JOBS)
        await settle(pilot)
        assert pane.stale and pane.analysis.snapshot.jobs_gen == 1
        await pilot.press("4")
        await settle(pilot)
        assert pane.analysis.snapshot.jobs_gen == 2
