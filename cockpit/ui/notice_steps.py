"""The `A` dialog (auto-refresh and notices) and the mail import, for the app: disk and
programs on workers, results delivered back, settings saved through the app's writer.
Owned by the app, like FirstRunSteps; the dialogs load only when first opened."""

from __future__ import annotations

from datetime import tzinfo
from functools import partial
from typing import TYPE_CHECKING

from cockpit.i18n import _, ngettext
from cockpit.models import Settings, changed_fields
from cockpit.text import clean
from cockpit.ui.messages import DataKind

if TYPE_CHECKING:
    from cockpit.mail.intake import IntakeResult
    from cockpit.mail.jobs import MailImport
    from cockpit.ui.app import CockpitApp
    from cockpit.ui.dialogs.notices import NoticeLine, NoticesDialog

LOG_SHOWN = 8  # log lines read for the dialog (it shows what fits)


class NoticeSteps:
    def __init__(self, app: CockpitApp) -> None:
        self.app = app

    # -- the `A` dialog -------------------------------------------------------------------
    def open(self) -> None:
        self.app.run_worker(self._read, thread=True, group="notices", exit_on_error=False)

    def _read(self) -> None:
        """The settings, the last log lines and the user's zone: all disk, so here."""
        from cockpit import notices

        store = self.app.store
        if store is None:
            return
        settings = store.settings.get()
        entries = notices.read_log(notices.log_path(self.app.paths), LOG_SHOWN)
        try:
            tz: tzinfo | None = notices.zone(settings.timezone)
        except ValueError:
            tz = None
        self.app.deliver(self._show, settings, entries, tz)

    def _show(self, settings: Settings, entries: list[NoticeLine], tz: tzinfo | None) -> None:
        from cockpit.ui.dialogs.notices import NoticesDialog

        if isinstance(self.app.screen, NoticesDialog):
            return
        self.app.push_screen(NoticesDialog(settings, entries, tz), partial(self.save, settings))

    def save(self, before: Settings, after: Settings | None) -> None:
        app = self.app
        if after is None or app.store is None:
            return

        def saved(_result: Settings) -> None:
            minutes = after.auto_refresh_minutes
            every = (
                ngettext(
                    "Feeds refresh every {count} minute.",
                    "Feeds refresh every {count} minutes.",
                    minutes,
                ).format(count=minutes)
                if minutes
                else _("Auto-refresh is off.")
            )
            app.notify(_("Notice settings saved.") + " " + every, markup=False)
            app.data_changed(DataKind.SETTINGS)

        # Only what the dialog changed: a pane may have saved newer settings meanwhile.
        app.store_do(app.store.settings.update, changed_fields(before, after), then=saved)

    def test(self, dialog: NoticesDialog, settings: Settings) -> None:
        def send() -> None:
            from cockpit import notices

            log = notices.log_path(self.app.paths)
            self.app.deliver(self._tested, dialog, notices.send_test(settings, log, self.app.now()))

        self.app.run_worker(send, thread=True, group="notices-test", exit_on_error=False)

    def _tested(self, dialog: NoticesDialog, entry: NoticeLine) -> None:
        if entry.outcome == "failed":
            self.app.notify(
                _("The test notice failed: {detail}").format(detail=clean(entry.detail)),
                severity="error",
                markup=False,
            )
        else:
            self.app.notify(_("Test notice sent."), markup=False)
        if dialog.is_attached:
            dialog.test_done(entry)

    # -- mail import -------------------------------------------------------------------
    def mail_import(self) -> None:
        from cockpit.ui.dialogs.mail_import import MailImportDialog

        self.app.push_screen(MailImportDialog(self.app.now()), self._mail_read)

    def _mail_read(self, result: MailImport | None) -> None:
        """The dialog read the mail on its worker; the jobs are saved on the writer."""
        from cockpit.mail.intake import save_mail_jobs

        if result is None or self.app.store is None:
            return
        done = partial(self._mail_saved, result.read)
        self.app.store_do(save_mail_jobs, self.app.store, result, then=done)

    def _mail_saved(self, read: int, saved: IntakeResult) -> None:
        from cockpit.mail.intake import summary

        self.app.notify(summary(read, saved), title=_("Alert e-mails"), markup=False)
        self.app.data_changed(DataKind.JOBS)
