"""Wallet pane: recording Connects through its forms, refusals, refunds, reversal, forecast."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Input, Select, Static

from cockpit.models import Job, LedgerEntry, Proposal, Settings, new_id
from cockpit.store import Store
from cockpit.ui.dialogs.wallet_forms import GrantDialog, PurchaseDialog, SpendDialog
from cockpit.ui.dialogs.wallet_refund import RefundDialog, ReverseDialog
from cockpit.ui.wallet import WalletPane
from tests.conftest import FROZEN_NOW, in_thread, ready, settle

# -- helpers (also used by test_wallet_files.py) ---------------------------------


def line(kind: str, amount: int, days_ago: float, **fields: Any) -> LedgerEntry:
    return LedgerEntry(
        id=fields.pop("id", new_id()),
        kind=kind,  # type: ignore[arg-type]
        amount=amount,
        at=FROZEN_NOW - timedelta(days=days_ago),
        **fields,
    )


def seeding(
    *entries: LedgerEntry,
    jobs: tuple[Job, ...] = (),
    proposals: tuple[Proposal, ...] = (),
    settings: Settings | None = None,
) -> Callable[[Store], None]:
    def fill(store: Store) -> None:
        for entry in entries:
            store.ledger.append(entry)
        if jobs:
            store.jobs.upsert_many(list(jobs))
            store.flush_jobs()
        for proposal in proposals:
            store.proposals.save(proposal)
        if settings is not None:
            store.settings.save(settings)

    return fill


async def open_wallet(pilot: Any) -> None:
    await ready(pilot)
    await pilot.press("3")
    await settle(pilot)


def headline(app: Any) -> str:
    return str(app.query_one("#wallet-headline", Static).content)


def table_rows(app: Any, selector: str) -> list[list[str]]:
    table = app.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def form_error(app: Any) -> str:
    return str(app.screen.query_one("#form-error", Static).content)


async def fill(pilot: Any, selector: str, value: str) -> None:
    """Clear an input and type into it like a user."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.pause()
    if value:
        await pilot.press(*value)


async def submit(pilot: Any) -> None:
    await pilot.click("#form-save")
    await settle(pilot)


def notices(app: Any) -> str:
    return "\n".join(n.message for n in app._notifications)


async def stored(app: Any) -> list[LedgerEntry]:
    return await in_thread(app.store.ledger.all)


# -- tests ---------------------------------------------------------------------------


async def test_empty_wallet_says_how_to_start(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        empty = app.query_one("#wallet-empty", Static)
        assert empty.display
        assert "Press g to record your signup grant" in str(empty.content)
        assert "40 Connects" in str(empty.content)
        assert not app.query_one("#wallet-body").display


async def test_grant_then_purchase_updates_headline_and_lots(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GrantDialog)
        # A first grant defaults to the signup grant of Settings.starting_balance.
        assert app.screen.query_one("#amount", Input).value == "40"
        assert app.screen.query_one("#grant-reason", Select).value == "signup"
        await submit(pilot)
        assert not isinstance(app.screen, GrantDialog)
        assert "Balance: 40 Connects" in headline(app)
        assert "Recorded the free Connects of 40" in notices(app)
        assert [r[1:3] for r in table_rows(app, "#wallet-lots")] == [["signup grant", "40 of 40"]]

        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PurchaseDialog)
        await fill(pilot, "#amount", "80")
        await submit(pilot)
        assert "Balance: 120 Connects (about $18.00)" in headline(app)
        lots = table_rows(app, "#wallet-lots")
        assert [r[1:3] for r in lots] == [["signup grant", "40 of 40"], ["purchase", "80 of 80"]]
        history = table_rows(app, "#wallet-history")
        assert [(r[1], r[2], r[3]) for r in history] == [
            ("purchase", "+80", "120"),
            ("grant", "+40", "40"),
        ]
        assert "paid $12.00" in history[0][4]
        entries = await stored(app)
        assert [(e.kind, e.amount, e.reason, e.usd) for e in entries] == [
            ("grant", 40, "signup", None),
            ("purchase", 80, "", 12.0),
        ]


async def test_grant_form_refuses_bad_numbers(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("g")
        await pilot.pause()
        for typed, expected in [
            ("-5", "positive number"),
            ("abc", "is not a number"),
            ("0", "at least 1"),
            ("2.5", "whole numbers"),
            ("", "how many Connects"),
        ]:
            await fill(pilot, "#amount", typed)
            await submit(pilot)
            assert isinstance(app.screen, GrantDialog), typed
            assert expected in form_error(app), (typed, form_error(app))
        await fill(pilot, "#amount", "10")
        await fill(pilot, "#when", "2030-01-01")
        await submit(pilot)
        assert "in the future" in form_error(app)
        await fill(pilot, "#when", "yesterday")
        await submit(pilot)
        assert "is not a date" in form_error(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, GrantDialog)
        assert await stored(app) == []


async def test_backdated_grant_and_reason_prefill(make_app: Any) -> None:
    app = make_app(seeding(line("grant", 40, 20, reason="signup")))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("g")
        await pilot.pause()
        # Later grants default to the monthly one of the plan (Basic: 10).
        assert app.screen.query_one("#amount", Input).value == "10"
        app.screen.query_one("#grant-reason", Select).value = "reward"
        await pilot.pause()
        assert app.screen.query_one("#amount", Input).value == ""
        await fill(pilot, "#amount", "5")
        await fill(pilot, "#when", "2026-11-20")
        await submit(pilot)
        entries = await stored(app)
        assert entries[-1].reason == "reward"
        assert entries[-1].at.date().isoformat() == "2026-11-20"
        assert "Balance: 45 Connects" in headline(app)


async def test_purchase_form_refuses_bad_price(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("b")
        await pilot.pause()
        await fill(pilot, "#amount", "80")
        for typed, expected in [("-3", "more than $0"), ("ten", "not a dollar amount")]:
            await fill(pilot, "#usd", typed)
            await submit(pilot)
            assert expected in form_error(app), typed
        await fill(pilot, "#usd", "$11.50")
        await submit(pilot)
        assert not isinstance(app.screen, PurchaseDialog)
        assert [e.usd for e in await stored(app)] == [11.5]


async def test_spend_over_the_balance_is_refused_with_the_cost_to_buy(make_app: Any) -> None:
    app = make_app(seeding(line("grant", 9, 3, reason="signup")))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SpendDialog)
        await fill(pilot, "#amount", "16")
        await submit(pilot)
        assert isinstance(app.screen, SpendDialog)
        assert "needs 16 Connects; you have 9. Buy 7 more (about $1.05)" in form_error(app)
        await fill(pilot, "#amount", "-3")
        await submit(pilot)
        assert "positive number" in form_error(app)
        await fill(pilot, "#amount", "x3")
        await submit(pilot)
        assert "is not a number" in form_error(app)
        await fill(pilot, "#amount", "3")
        await submit(pilot)
        assert not isinstance(app.screen, SpendDialog)
        assert "Balance: 6 Connects" in headline(app)
        assert [(e.kind, e.amount) for e in await stored(app)][-1] == ("spend", 3)


async def test_outbid_boost_costs_nothing(make_app: Any) -> None:
    job = Job(id="job1", title="Podcast edit", category="Audio")
    proposal = Proposal(id="p1", job_id="job1", state="submitted", created=FROZEN_NOW)
    app = make_app(
        seeding(line("grant", 40, 3, reason="signup"), jobs=(job,), proposals=(proposal,))
    )
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#kind", Select).value = "outbid"
        app.screen.query_one("#job", Select).value = "job1"
        await fill(pilot, "#amount", "12")
        await submit(pilot)
        assert "Balance: 40 Connects" in headline(app)
        top = table_rows(app, "#wallet-history")[0]
        assert top[1:3] == ["boost (outbid)", "0"]
        assert top[4] == "Podcast edit"
        analytics = str(app.query_one("#wallet-analytics", Static).content)
        assert "0 charged (0 Connects), 1 outbid" in analytics
        entry = (await stored(app))[-1]
        assert (entry.kind, entry.charged, entry.job_id, entry.proposal_id) == (
            "boost", False, "job1", "p1",
        )  # fmt: skip


async def test_adjustment_needs_a_note_and_cannot_go_below_zero(make_app: Any) -> None:
    app = make_app(seeding(line("grant", 9, 3, reason="signup")))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "#amount", "-20")
        await fill(pilot, "#note", "counted wrong")
        await submit(pilot)
        assert "removes 20 Connects; you have 9" in form_error(app)
        await fill(pilot, "#amount", "-2")
        await fill(pilot, "#note", "")
        await submit(pilot)
        assert "Say why" in form_error(app)
        await fill(pilot, "#note", "counted wrong")
        await submit(pilot)
        assert "Balance: 7 Connects" in headline(app)


def _refund_seed() -> Callable[[Store], None]:
    job = Job(id="job1", title="Mix a [bold]song[/bold]", category="Audio", skills=["Mixing"])
    proposal = Proposal(
        id="p1", job_id="job1", state="job_cancelled", connects_cost=16, created=FROZEN_NOW
    )
    return seeding(
        line("grant", 40, 10, reason="signup"),
        line("spend", 16, 5, job_id="job1", proposal_id="p1"),
        jobs=(job,),
        proposals=(proposal,),
    )


async def test_refund_refused_for_a_rejection_then_allowed_for_a_cancelled_job(
    make_app: Any,
) -> None:
    app = make_app(_refund_seed())
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        assert "Balance: 24 Connects" in headline(app)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, RefundDialog)
        # Job titles are plain text, never markup.
        job_select = app.screen.query_one("#refund-job", Select)
        assert job_select.value == "job1"
        assert app.screen.query_one("#amount", Input).value == "16"
        app.screen.query_one("#refund-reason", Select).value = "declined"
        await pilot.pause()
        why = str(app.screen.query_one("#refund-why", Static).content)
        assert "No Connects come back for this: client declined your proposal" in why
        await submit(pilot)
        assert isinstance(app.screen, RefundDialog)
        assert "No Connects come back" in form_error(app)
        assert len(await stored(app)) == 2

        app.screen.query_one("#refund-reason", Select).value = "client_cancelled_before_hire"
        await pilot.pause()
        assert "Connects come back for this." in str(
            app.screen.query_one("#refund-why", Static).content
        )
        await fill(pilot, "#amount", "20")
        await submit(pilot)
        assert "at most 16" in form_error(app)
        await fill(pilot, "#amount", "16")
        await submit(pilot)
        assert not isinstance(app.screen, RefundDialog)
        assert "Balance: 40 Connects" in headline(app)
        refund = (await stored(app))[-1]
        assert (refund.kind, refund.amount, refund.job_id, refund.proposal_id, refund.reason) == (
            "refund", 16, "job1", "p1", "client_cancelled_before_hire",
        )  # fmt: skip
        history = table_rows(app, "#wallet-history")
        assert (
            history[0][4]
            == "Client cancelled the job before hiring anyone · Mix a [bold]song[/bold]"
        )

        # Everything spent on the job came back: nothing left to refund.
        await pilot.press("f")
        await pilot.pause()
        assert not isinstance(app.screen, RefundDialog)
        assert "Nothing to refund" in notices(app)


async def test_reverse_the_selected_line(make_app: Any) -> None:
    spend = line("spend", 16, 1, id="spend1")
    app = make_app(seeding(line("grant", 40, 10, reason="signup", id="grant1"), spend))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        table = app.query_one("#wallet-history", DataTable)
        assert table.has_focus
        assert app.query_one(WalletPane).selected_id() == "spend1"  # newest first
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReverseDialog)
        assert "bid of 16" in str(app.screen.query_one("#reverse-what", Static).content)
        await pilot.press(*"wrong job")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ReverseDialog)
        assert "Balance: 40 Connects" in headline(app)
        entries = await stored(app)
        assert len(entries) == 3  # append-only: the spend is still there
        fix = entries[-1]
        assert (fix.kind, fix.amount, fix.reverses, fix.note) == (
            "adjustment", 16, "spend1", "wrong job",
        )  # fmt: skip
        rows = {r[1]: r for r in table_rows(app, "#wallet-history")}
        assert rows["spend"][4] == "reversed"
        assert rows["correction"][4].startswith("corrects the bid of 16")

        # The spend cannot be reversed twice.
        pane = app.query_one(WalletPane)
        keys = [k.value for k in table.rows]
        table.move_cursor(row=keys.index("spend1"))
        await pilot.pause()
        assert pane.selected_id() == "spend1"
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReverseDialog)
        assert "already reversed" in form_error(app)


async def test_reversing_a_grant_that_paid_for_bids_is_refused(make_app: Any) -> None:
    app = make_app(
        seeding(line("grant", 40, 10, reason="signup", id="grant1"), line("spend", 16, 1))
    )
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        app.query_one("#wallet-history", DataTable).move_cursor(row=1)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert "would break the bid of 16" in form_error(app)
        assert len(await stored(app)) == 2


async def test_forecast_says_when_connects_run_out(make_app: Any) -> None:
    app = make_app(
        seeding(
            line("grant", 40, 20, reason="signup"),
            line("spend", 16, 10),
            line("spend", 14, 2),
        )
    )
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        text = headline(app)
        assert "Balance: 10 Connects" in text
        assert "At your last-30-days rate you run out on " in text
        legend = str(app.query_one("#wallet-chart .chart-legend", Static).content)
        assert "spent 30 · granted 40 · bought 0" in legend


async def test_forecast_says_the_monthly_grant_covers_a_low_rate(make_app: Any) -> None:
    app = make_app(
        seeding(
            line("grant", 100, 20, reason="monthly"),
            line("spend", 3, 2),
            settings=Settings(plan="plus"),
        )
    )
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        assert "The monthly grant covers your rate." in headline(app)


async def test_expiring_connects_are_counted(make_app: Any) -> None:
    app = make_app(seeding(line("grant", 40, 350, reason="signup"), line("purchase", 10, 1)))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        assert "40 expire in the next 30 days" in headline(app)
        lots = table_rows(app, "#wallet-lots")
        assert lots[0][3].endswith("(in 15 days)")


async def test_history_filters_by_kind(make_app: Any) -> None:
    app = make_app(
        seeding(
            line("grant", 40, 400, reason="signup"),
            line("purchase", 10, 20),
            line("spend", 4, 2),
        )
    )
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        kinds = [r[1] for r in table_rows(app, "#wallet-history")]
        assert kinds == ["spend", "purchase", "expiry", "grant"]
        await pilot.press("t")  # all -> grant
        await pilot.pause()
        assert [r[1] for r in table_rows(app, "#wallet-history")] == ["grant"]
        app.query_one("#wallet-filter", Select).value = "expiry"
        await pilot.pause()
        rows = table_rows(app, "#wallet-history")
        assert [(r[1], r[2]) for r in rows] == [("expiry", "-40")]


async def test_user_notes_are_shown_as_plain_text(make_app: Any) -> None:
    note = "[red]paid[/red] \x1b[31mvia card"
    app = make_app(seeding(line("grant", 40, 3, reason="other", note=note)))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        table = app.query_one("#wallet-history", DataTable)
        cell = table.get_row_at(0)[5]
        assert isinstance(cell, Text)
        assert cell.plain == "[red]paid[/red] via card"


async def test_wallet_reloads_when_another_pane_changes_the_ledger(make_app: Any) -> None:
    app = make_app(seeding(line("grant", 40, 3, reason="signup")))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_wallet(pilot)
        await in_thread(app.store.ledger.append, line("spend", 6, 0.1))
        app.data_changed("ledger")
        await settle(pilot)
        assert "Balance: 34 Connects" in headline(app)
