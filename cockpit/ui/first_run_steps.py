"""The first run's steps, driven from the app: the welcome, then whichever step it returns
(the demo, a feed, an OPML file, the Connects balance) and the profile step on top of it.
The store work behind them is in ``cockpit/first_run.py``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.i18n import _, ngettext
from cockpit.models import Profile
from cockpit.ui.messages import DataKind

if TYPE_CHECKING:
    from cockpit.ui.app import CockpitApp
    from cockpit.ui.dialogs.welcome import WelcomeScreen

# The steps' modules load when the welcome is first shown, not at every start.

# Exit code asking the CLI to reopen on a throwaway demo folder (the welcome's `d`).
DEMO_REQUESTED = 10


class FirstRunSteps:
    """Owned by the app; each step's result is saved through the app's ``store_do``."""

    def __init__(self, app: CockpitApp) -> None:
        self.app = app

    def check(self) -> None:
        """A store with no feed and no Connects yet: show the welcome."""
        self.app.run_worker(self._check, thread=True, group="first-run", exit_on_error=False)

    def _check(self) -> None:
        store = self.app.store
        if store is not None and not store.feeds.all() and not store.ledger.all():
            self.app.deliver(self.show)

    def show(self) -> None:
        from cockpit.ui.dialogs.welcome import WelcomeScreen

        self.app.push_screen(WelcomeScreen(), self._step)

    def profile(self, welcome: WelcomeScreen) -> None:
        """The welcome's `p`: the stored profile is read first, to start from it."""

        def read() -> None:
            assert self.app.store is not None
            self.app.deliver(self._push_profile, welcome, self.app.store.profile.get())

        self.app.run_worker(read, thread=True, group="first-profile", exit_on_error=False)

    def _push_profile(self, welcome: WelcomeScreen, profile: Profile) -> None:
        from cockpit.first_run import save_first_profile
        from cockpit.ui.dialogs.welcome import FirstProfileDialog

        app = self.app

        def chosen(result: Profile | None) -> None:
            if result is None:
                return  # skipped: the Inbox reminds once when jobs arrive

            def saved(merged: Profile) -> None:
                app.data_changed(DataKind.PROFILE)  # rescores the Inbox, as after P
                welcome.profile_saved(merged)

            app.store_do(save_first_profile, app.store, result, then=saved)

        app.push_screen(FirstProfileDialog(profile), chosen)

    def _step(self, step: str | None) -> None:
        from cockpit.ui.dialogs.welcome import ConnectsSetupDialog, OpmlPathDialog

        app = self.app
        if step == "demo":
            app.exit(DEMO_REQUESTED)
        elif step == "feed":
            app.run_pane_action("inbox", "feeds")
        elif step == "opml":
            app.push_screen(OpmlPathDialog(), self._import_opml)
        elif step == "connects":
            app.push_screen(ConnectsSetupDialog(), self._setup_connects)

    def _import_opml(self, path: Path | None) -> None:
        from cockpit.first_run import import_opml

        if path is not None:
            self.app.store_do(import_opml, self.app.store, path, then=self._opml_imported)

    def _opml_imported(self, counts: tuple[int, int, int]) -> None:
        from cockpit.feeds.opml import skipped_local_message

        added, known, skipped = counts
        imported = ngettext("Imported {count} feed", "Imported {count} feeds", added)
        message = _("{imported}; {known} were already there. Press R to refresh.").format(
            imported=imported.format(count=added), known=known
        )
        if skipped:
            message += " " + skipped_local_message(skipped)
        self.app.notify(message, markup=False)
        self.app.data_changed(DataKind.FEEDS)

    def _setup_connects(self, choice: tuple[int, str] | None) -> None:
        from cockpit.first_run import setup_connects

        if choice is not None:
            balance, plan = choice
            app = self.app
            app.store_do(
                setup_connects, app.store, balance, plan, app.now(), then=self._connects_set
            )

    def _connects_set(self, balance: int) -> None:
        self.app.notify(_("Wallet set up with {count} Connects.").format(count=balance))
        self.app.data_changed(DataKind.LEDGER)
        self.app.data_changed(DataKind.SETTINGS)
