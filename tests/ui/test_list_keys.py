"""j/k/g/G move through every list as in the Inbox; a pane's own use of a key wins (issue 17.3)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from cockpit.ui.dialogs.wallet_forms import GrantDialog
from cockpit.ui.portfolio import PortfolioPane
from cockpit.ui.widgets.keys import KeyOptionList, KeyTable
from tests.conftest import in_thread, ready, settle
from tests.ui.test_portfolio import MARKET, item, open_portfolio
from tests.ui.test_portfolio import seeding as portfolio_seeding
from tests.ui.test_proposals_support import PODCAST, SONGS, seeder, sent
from tests.ui.test_wallet import line, open_wallet, seeding

SIZE = (140, 45)


async def open_proposals(pilot: Any) -> DataTable[Any]:
    await ready(pilot)
    await pilot.press("2")
    await settle(pilot)
    table = pilot.app.query_one("#proposals-table", DataTable)
    table.focus()
    await pilot.pause()
    return table


async def test_j_then_v_marks_the_second_proposal_viewed(make_app: Any) -> None:
    proposals = (sent("p-podcast", PODCAST, 3), sent("p-songs", SONGS, 2))
    app = make_app(seeder(proposals=proposals))
    async with app.run_test(size=SIZE) as pilot:
        table = await open_proposals(pilot)
        assert table.row_count == 2 and table.cursor_row == 0
        first = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        await pilot.press("j")
        assert table.cursor_row == 1
        second = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert {first, second} == {"p-podcast", "p-songs"}
        await pilot.press("v")
        await settle(pilot)
        assert (await in_thread(app.store.proposals.get, second)).state == "viewed"
        assert (await in_thread(app.store.proposals.get, first)).state == "submitted"


async def test_k_g_and_G_move_in_the_proposals_list(make_app: Any) -> None:
    proposals = (
        sent("p-1", PODCAST, 4),
        sent("p-2", SONGS, 3),
        sent("p-3", PODCAST, 2, state="viewed"),
    )
    app = make_app(seeder(proposals=proposals))
    async with app.run_test(size=SIZE) as pilot:
        table = await open_proposals(pilot)
        assert table.row_count == 3
        await pilot.press("G")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("k")  # already first: stays
        assert table.cursor_row == 0


async def test_wallet_history_moves_and_g_still_records_a_grant(make_app: Any) -> None:
    entries = [line("grant", 10 + n, 20 - n) for n in range(4)]
    app = make_app(seeding(*entries))
    async with app.run_test(size=SIZE) as pilot:
        await open_wallet(pilot)
        history = app.query_one("#wallet-history", DataTable)
        assert isinstance(history, KeyTable)
        history.focus()
        await pilot.pause()
        assert history.row_count == 4 and history.cursor_row == 0
        await pilot.press("j", "j")
        assert history.cursor_row == 2
        await pilot.press("G")
        assert history.cursor_row == 3
        await pilot.press("k")
        assert history.cursor_row == 2
        # The Wallet binds g to "Record a grant": the pane keeps it, in the footer too.
        assert app.screen.active_bindings["g"].binding.action == "grant"
        assert app.screen.active_bindings["j"].binding.action == "list_down"
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GrantDialog)
        assert history.cursor_row == 2


async def test_portfolio_checklist_and_demand_move_with_j_k(make_app: Any) -> None:
    items = [item("a", "A", ["x"], 0), item("b", "B", ["y"], 1), item("c", "C", ["z"], 2)]
    app = make_app(portfolio_seeding(jobs=MARKET, items=items))
    async with app.run_test(size=SIZE) as pilot:
        pane: PortfolioPane = await open_portfolio(pilot)
        table = app.query_one("#checklist-table", DataTable)
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == 2
        # J/K (capitals) still reorder; j/k only move.
        assert [i.title for i in await in_thread(lambda: app.store.checklist.all())] == [
            "A",
            "B",
            "C",
        ]
        # g opens the Demand tab, as the Portfolio always did.
        await pilot.press("g")
        await settle(pilot)
        assert pane.active_tab == "demand"
        demand = app.query_one("#demand-table", DataTable)
        demand.focus()
        await pilot.pause()
        assert demand.row_count > 2 and demand.cursor_row == 0
        await pilot.press("j", "j")
        assert demand.cursor_row == 2
        await pilot.press("G")
        assert demand.cursor_row == demand.row_count - 1
        await pilot.press("k")
        assert demand.cursor_row == demand.row_count - 2


async def test_every_list_table_is_a_key_table(make_app: Any) -> None:
    app = make_app(seeder())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for table_id in (
            "proposals-table",
            "followups-table",
            "checklist-table",
            "demand-table",
            "gaps-table",
            "drill-table",
            "wallet-lots",
            "wallet-history",
        ):
            assert isinstance(app.query_one(f"#{table_id}"), KeyTable), table_id


class _ListApp(App[None]):
    """A bare screen holding one KeyOptionList; ``claim_g`` binds g on the app itself."""

    def __init__(self, claim_g: bool) -> None:
        super().__init__()
        self.claimed = 0

    def compose(self) -> ComposeResult:
        yield KeyOptionList(*(f"option {n}" for n in range(5)), id="options")

    def action_claim(self) -> None:
        self.claimed += 1


class _ClaimingApp(_ListApp):
    """Binds g itself, as a pane does (class BINDINGS)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("g", "claim", "Claim")]


async def test_option_list_moves_with_j_k_g_G() -> None:
    app = _ListApp(claim_g=False)
    async with app.run_test() as pilot:
        options = app.query_one(KeyOptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("j", "j")
        assert options.highlighted == 2
        await pilot.press("k")
        assert options.highlighted == 1
        await pilot.press("G")
        assert options.highlighted == 4
        await pilot.press("g")
        assert options.highlighted == 0


async def test_option_list_steps_aside_for_a_key_bound_above() -> None:
    app = _ClaimingApp(claim_g=True)
    async with app.run_test() as pilot:
        options = app.query_one(KeyOptionList)
        options.focus()
        options.highlighted = 3
        await pilot.press("g")
        assert app.claimed == 1 and options.highlighted == 3
        await pilot.press("j")
        assert options.highlighted == 4
