"""Connects ledger math: lots, FIFO spending, expiry, refunds, forecast, analytics.

Pure: no Textual, no TinyDB, no I/O. Everything the UI needs is imported here,
so callers write ``from cockpit.wallet import replay, make_spend``.

Each name loads its module on first use (PEP 562), so importing one name does not import
the whole package: the app's first frame needs a few of them, not all."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# ``forecast`` is also a submodule's name: importing that module (from anywhere) would set
# the package's ``forecast`` to the module, so the function is bound here, now.
from cockpit.wallet.forecast import forecast

if TYPE_CHECKING:
    from cockpit.wallet.analytics import Analytics, BoostLog, Cost, Outcome, spend_analytics
    from cockpit.wallet.csvio import COLUMNS, from_csv, to_csv
    from cockpit.wallet.entries import (
        check_entry,
        describe,
        make_adjustment,
        make_boost,
        make_grant,
        make_purchase,
        make_refund,
        make_reversal,
        make_spend,
        merge_import,
    )
    from cockpit.wallet.forecast import Forecast, MonthRow, forecast, monthly_series, net_spent
    from cockpit.wallet.ledger import (
        Problem,
        WalletState,
        balance_usd,
        effect,
        expiring_within,
        next_expiry,
        replay,
    )
    from cockpit.wallet.rules import (
        GRANT_LABELS,
        GRANT_REASONS,
        REFUND_LABELS,
        WalletError,
        affordable_bids,
        connects_usd,
        fmt_date,
        fmt_usd,
        grant_label,
        kind_name,
        monthly_grant,
        parse_amount,
        refund_allowed,
        refund_label,
        shortfall_cost,
    )

_MODULES: dict[str, str] = {
    "Analytics": "cockpit.wallet.analytics",
    "BoostLog": "cockpit.wallet.analytics",
    "Cost": "cockpit.wallet.analytics",
    "Outcome": "cockpit.wallet.analytics",
    "spend_analytics": "cockpit.wallet.analytics",
    "COLUMNS": "cockpit.wallet.csvio",
    "from_csv": "cockpit.wallet.csvio",
    "to_csv": "cockpit.wallet.csvio",
    "check_entry": "cockpit.wallet.entries",
    "describe": "cockpit.wallet.entries",
    "make_adjustment": "cockpit.wallet.entries",
    "make_boost": "cockpit.wallet.entries",
    "make_grant": "cockpit.wallet.entries",
    "make_purchase": "cockpit.wallet.entries",
    "make_refund": "cockpit.wallet.entries",
    "make_reversal": "cockpit.wallet.entries",
    "make_spend": "cockpit.wallet.entries",
    "merge_import": "cockpit.wallet.entries",
    "Forecast": "cockpit.wallet.forecast",
    "MonthRow": "cockpit.wallet.forecast",
    "forecast": "cockpit.wallet.forecast",
    "monthly_series": "cockpit.wallet.forecast",
    "net_spent": "cockpit.wallet.forecast",
    "Problem": "cockpit.wallet.ledger",
    "WalletState": "cockpit.wallet.ledger",
    "balance_usd": "cockpit.wallet.ledger",
    "effect": "cockpit.wallet.ledger",
    "expiring_within": "cockpit.wallet.ledger",
    "next_expiry": "cockpit.wallet.ledger",
    "replay": "cockpit.wallet.ledger",
    "GRANT_LABELS": "cockpit.wallet.rules",
    "GRANT_REASONS": "cockpit.wallet.rules",
    "REFUND_LABELS": "cockpit.wallet.rules",
    "WalletError": "cockpit.wallet.rules",
    "affordable_bids": "cockpit.wallet.rules",
    "connects_usd": "cockpit.wallet.rules",
    "fmt_date": "cockpit.wallet.rules",
    "fmt_usd": "cockpit.wallet.rules",
    "grant_label": "cockpit.wallet.rules",
    "kind_name": "cockpit.wallet.rules",
    "monthly_grant": "cockpit.wallet.rules",
    "parse_amount": "cockpit.wallet.rules",
    "refund_allowed": "cockpit.wallet.rules",
    "refund_label": "cockpit.wallet.rules",
    "shortfall_cost": "cockpit.wallet.rules",
}

__all__ = [
    "COLUMNS",
    "GRANT_LABELS",
    "GRANT_REASONS",
    "REFUND_LABELS",
    "Analytics",
    "BoostLog",
    "Cost",
    "Forecast",
    "MonthRow",
    "Outcome",
    "Problem",
    "WalletError",
    "WalletState",
    "affordable_bids",
    "balance_usd",
    "check_entry",
    "connects_usd",
    "describe",
    "effect",
    "expiring_within",
    "fmt_date",
    "fmt_usd",
    "forecast",
    "from_csv",
    "grant_label",
    "kind_name",
    "make_adjustment",
    "make_boost",
    "make_grant",
    "make_purchase",
    "make_refund",
    "make_reversal",
    "make_spend",
    "merge_import",
    "monthly_grant",
    "monthly_series",
    "net_spent",
    "next_expiry",
    "parse_amount",
    "refund_allowed",
    "refund_label",
    "replay",
    "shortfall_cost",
    "spend_analytics",
    "to_csv",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value
