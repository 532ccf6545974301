"""CockpitApp: the four panes, global keys, the palette and store plumbing."""

from __future__ import annotations

import importlib
import json
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar, cast

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Footer
from textual.worker import Worker, WorkerState

from cockpit import i18n
from cockpit.i18n import N_, _
from cockpit.models import Settings, utcnow
from cockpit.paths import Paths
from cockpit.text import clean
from cockpit.ui.first_run_steps import FirstRunSteps
from cockpit.ui.inbox import InboxPane
from cockpit.ui.messages import DataChange, DataKind, Delivers, OpenJob, StartProposal
from cockpit.ui.notice_steps import NoticeSteps
from cockpit.ui.pane import Pane
from cockpit.ui.widgets.pane_strip import PaneStrip

if TYPE_CHECKING:
    from cockpit.store import Store, StoreCorrupt, StoreLock
    from cockpit.ui.dialogs.notices import NoticesDialog
    from cockpit.ui.dialogs.welcome import WelcomeScreen
    from cockpit.ui.proposals import ProposalsPane

R = TypeVar("R")


class PaneInfo(NamedTuple):
    """A pane named without importing it: only the Inbox is built for the first frame,
    the other three mount right after it (their modules load then)."""

    pane_id: str
    key: str
    title: str  # msgid
    module: str
    cls: str


PANE_INFO: tuple[PaneInfo, ...] = (
    PaneInfo("inbox", "1", N_("Inbox"), "cockpit.ui.inbox", "InboxPane"),
    PaneInfo("proposals", "2", N_("Proposals"), "cockpit.ui.proposals", "ProposalsPane"),
    PaneInfo("wallet", "3", N_("Wallet"), "cockpit.ui.wallet", "WalletPane"),
    PaneInfo("portfolio", "4", N_("Portfolio"), "cockpit.ui.portfolio", "PortfolioPane"),
)


def pane_classes() -> tuple[type[Pane], ...]:
    """The four pane classes, in order (imports the modules not loaded yet)."""
    return tuple(getattr(importlib.import_module(i.module), i.cls) for i in PANE_INFO)


def __getattr__(name: str) -> Any:
    if name == "PANES":  # the classes, for tests and tools; the app itself avoids them
        return pane_classes()
    raise AttributeError(name)


KEYMAP_MAX = 64 * 1024
BACKUP_CHECK_SECONDS = 60  # with Store.BACKUP_AFTER_SECONDS: a backup <= 30 min behind


class CockpitApp(Delivers, App[int]):
    """Run with a data folder whose lock the caller already holds."""

    TITLE = "Cockpit"
    # Below 100 columns panes fold their side panels (the views, the detail, the chart).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    CSS_PATH = "cockpit.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            # Shown in the pane strip at the top, so the footer keeps its room for the pane.
            Binding(
                p.key,
                f"show_pane('{p.pane_id}')",
                _(p.title),
                id=f"app.pane.{p.pane_id}",
                show=False,
            )
            for p in PANE_INFO
        ),
        Binding("question_mark", "help", _("Help"), id="app.help", show=False),
        Binding("A", "notices", _("Auto-refresh and notices"), id="app.notices", show=False),
        Binding(
            "backslash",
            "toggle_side",
            _("Show or hide the side panel"),
            id="app.side",
            key_display="\\",
            show=False,
        ),
        Binding("ctrl+q", "quit", _("Quit"), id="app.quit", priority=True, show=False),
    ]

    def __init__(
        self,
        paths: Paths,
        lock: StoreLock,
        *,
        demo: bool = False,
        clock: Callable[[], datetime] | None = None,
        first_run: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.lock = lock
        self.demo = demo
        self.first_run = first_run and not demo
        self.now: Callable[[], datetime] = clock or utcnow
        self.store: Store | None = None
        self.unsaved = ""  # why the last store write failed, until one succeeds
        self.close_error = ""  # a store that could not be closed cleanly, said after the app
        self.sub_title = _("demo data") if demo else str(paths.data)
        self.first_run_steps = FirstRunSteps(self)
        self.notice_steps = NoticeSteps(self)
        self._late_panes: AwaitMount | None = None  # the panes mounted after the first frame
        # App-wide "this data changed": panes subscribe when mounted (see Pane.on_mount).
        self.data_signal: Signal[DataChange] = Signal(self, "data-changed")

    # -- layout --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        strip = PaneStrip([(p.pane_id, p.key, _(p.title)) for p in PANE_INFO], id="pane-strip")
        strip.current = InboxPane.PANE_ID
        strip.note = self.sub_title
        yield strip
        with ContentSwitcher(initial=InboxPane.PANE_ID, id="panes"):
            yield InboxPane(id=InboxPane.PANE_ID)
        yield Footer(compact=True)

    def get_default_screen(self) -> Screen[Any]:
        from cockpit.ui.lean import main_screen

        return main_screen()

    def on_mount(self) -> None:
        self._apply_keymap()
        # The first frame shows the Inbox alone; the other panes and the store come after it
        # (parsing a large store holds the GIL).
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        switcher = self.query_one("#panes", ContentSwitcher)
        if not (switcher.is_attached and switcher.is_mounted):  # quit before the first frame
            return
        later = [cls(id=cls.PANE_ID) for cls in pane_classes()[1:]]
        for pane in later:
            pane.display = False  # the switcher hides only the children it started with
        self._late_panes = switcher.mount(*later)
        self.open_store()

    def _apply_keymap(self) -> None:
        """User remaps live in config/keymap.json as {"binding.id": "key"}."""
        path = self.paths.config / "keymap.json"
        try:
            with path.open("rb") as fh:
                raw = fh.read(KEYMAP_MAX + 1)
            if len(raw) > KEYMAP_MAX:
                raise ValueError(_("it is over 64 KB; a keymap is a few lines"))
            keymap = json.loads(raw)
            if not isinstance(keymap, dict):
                raise ValueError(_('it must be one object: {"binding.id": "key"}'))
        except FileNotFoundError:
            return
        except (OSError, ValueError, RecursionError) as exc:  # deep nesting: RecursionError
            self.notify(
                _("Ignored {path}: {error}").format(path=path, error=exc),
                severity="warning",
                markup=False,
            )
            return
        good = {k: v for k, v in keymap.items() if isinstance(k, str) and isinstance(v, str)}
        if len(good) < len(keymap):
            self.notify(
                _("Ignored {count} entries of {path}: each must map a binding id to keys.").format(
                    count=len(keymap) - len(good), path=path
                ),
                severity="warning",
                markup=False,
            )
        self.set_keymap(good)

    @property
    def panes(self) -> list[Pane]:
        return list(self.query(Pane))

    def pane(self, pane_id: str) -> Pane:
        return self.query_one(f"#{pane_id}", Pane)

    def has_pane(self, pane_id: str) -> bool:
        """False for a moment after start: three panes mount after the first frame."""
        return bool(self.query(f"#{pane_id}").results(Pane))

    @property
    def current_pane(self) -> Pane:
        switcher = self.query_one("#panes", ContentSwitcher)
        return self.pane(switcher.current or InboxPane.PANE_ID)

    # -- store -----------------------------------------------------------------
    @work(thread=True, exit_on_error=False, group="store-open")
    def open_store(self) -> None:
        from cockpit.store import Store, StoreCorrupt, StoreError
        from cockpit.wallet.hook import wallet_balance

        try:
            store = Store.open(self.paths.data, lock=self.lock, lazy_jobs=True, check_jobs=True)
        except StoreCorrupt as err:
            self.deliver(self._store_corrupt, err)  # posted: never waits on the UI
            return
        except StoreError as err:
            self.deliver(self._show_store_error, str(err))
            return
        store.balance_of = wallet_balance(store)
        store.start_writer()
        store.forbid_thread(threading.main_thread())
        store.submit_upkeep(store.backup_if_due)
        self.deliver(self._store_opened, store)

    def _show_store_error(self, message: str) -> None:
        from cockpit.ui.dialogs.store_problem import StoreErrorScreen

        self.push_screen(StoreErrorScreen(message))

    def _store_opened(self, store: Store) -> None:
        self.store = store
        self.set_interval(BACKUP_CHECK_SECONDS, self._backup_if_due)
        self.sync_language()
        for notice in store.notices:
            self.notify(notice, title=_("Store"), timeout=15, markup=False)
        for pane in self.panes:
            if pane.is_mounted:  # one still mounting calls it from its own on_mount
                pane.ready_for_store()
        self.current_pane.pane_shown()
        if self.first_run:
            self.check_first_run()

    # -- first run: its own class; the palette's Welcome and the message stay here -----
    def check_first_run(self) -> None:
        self.first_run_steps.check()

    def action_welcome(self) -> None:
        self.first_run_steps.show()

    def on_welcome_screen_profile_wanted(self, message: WelcomeScreen.ProfileWanted) -> None:
        self.first_run_steps.profile(message.welcome)

    def _store_corrupt(self, err: StoreCorrupt) -> None:
        from cockpit.ui.dialogs.store_problem import RestoreDialog

        def chosen(choice: str | None) -> None:
            if choice == "quit" or choice is None:
                self.exit(2)
            else:
                self.open_store()

        self.push_screen(RestoreDialog(err, self.paths.data), chosen)

    def store_do(
        self, fn: Callable[..., R], *args: Any, then: Callable[[R], None] | None = None
    ) -> Future[R]:
        """Queue ``fn`` on the store writer; report the result back on this thread."""
        assert self.store is not None, "store is not open yet"
        future = self.store.submit(fn, *args)

        def done(fut: Future[R]) -> None:
            exc = fut.exception()
            if exc is not None:
                self._deliver(self.store_failed, exc)
            else:
                self._deliver(self._store_saved, None)
                if then is not None:
                    self._deliver(then, fut.result())

        future.add_done_callback(done)
        return future

    def _deliver(self, fn: Callable[[Any], None], value: Any) -> None:
        """Hand a result to the UI thread. From the writer it is posted, never awaited:
        quitting joins the writer, so a writer waiting on the UI would hang the quit."""
        if threading.current_thread() is threading.main_thread():
            fn(value)
        else:
            self.deliver(fn, value)

    def _backup_if_due(self) -> None:
        if self.store is not None:
            self.store.submit_upkeep(self.store.backup_if_due)

    def store_failed(self, exc: BaseException) -> None:
        self.unsaved = str(exc)  # until a later write succeeds: quitting asks first
        self.notify(str(exc), title=_("Not saved"), severity="error", timeout=10, markup=False)

    def _store_saved(self, _value: None) -> None:
        self.unsaved = ""

    async def action_quit(self) -> None:
        """Quit, unless the last change could not be saved: then ask, so it can be retried."""
        if self._late_panes is not None:
            await self._late_panes  # quitting in the instant they mount breaks their tabs
        if not self.unsaved:
            self.exit()
            return
        from cockpit.ui.dialogs.confirm import ConfirmDialog

        question = Text()
        question.append(_("Your last change was not saved.") + "\n\n", style="bold")
        question.append(self.unsaved + "\n\n")
        question.append(_("Stay to free some space and try it again, or quit without it?"))

        def chosen(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmDialog(question, yes=_("Quit without it"), no=_("Stay and retry")), chosen
        )

    async def on_event(self, event: events.Event) -> None:
        """Every paste, into any widget, arrives without escape/OSC/bidi characters."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            cleaned = clean(event.text)
            if cleaned != event.text:
                event = events.Paste(cleaned)
        await super().on_event(event)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker (exit_on_error=False) is reported, never silently lost."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.log.error(f"worker {event.worker.name!r} failed", error)
            self.notify(
                _("{task} failed: {error}").format(
                    task=event.worker.name or _("A background task"), error=error
                ),
                title=_("Something went wrong"),
                severity="error",
                timeout=10,
                markup=False,
            )

    def data_changed(self, kind: DataKind, *, source: str | None = None) -> None:
        """Publish a change; every pane but ``source`` (a pane id) reloads what it shows."""
        self.data_signal.publish(DataChange(kind, source))

    # -- actions -------------------------------------------------------------
    def action_show_pane(self, pane_id: str) -> None:
        if not self.has_pane(pane_id):  # pressed in the instant before it mounted
            self.call_after_refresh(self.action_show_pane, pane_id)
            return
        switcher = self.query_one("#panes", ContentSwitcher)
        switcher.current = pane_id
        self.query_one(PaneStrip).current = pane_id
        self.pane(pane_id).pane_shown()
        self.refresh_bindings()

    def action_toggle_side(self) -> None:
        self.current_pane.toggle_side()

    def on_pane_strip_chosen(self, message: PaneStrip.Chosen) -> None:
        self.action_show_pane(message.pane_id)

    def on_start_proposal(self, message: StartProposal) -> None:
        self.start_proposal(message.job_id)

    def start_proposal(self, job_id: str) -> None:
        """`p` in the inbox: open the Proposals pane on a draft for this job."""
        if not self.has_pane("proposals"):
            self.call_after_refresh(self.start_proposal, job_id)
            return
        self.action_show_pane("proposals")
        cast("ProposalsPane", self.pane("proposals")).open_for_job(job_id)

    def on_open_job(self, message: OpenJob) -> None:
        self.action_show_pane(InboxPane.PANE_ID)
        self.query_one(InboxPane).open_job(message.job_id)

    def action_help(self) -> None:
        from cockpit.ui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen(self.BINDINGS, pane_classes()))

    def run_pane_action(self, pane_id: str, action: str) -> None:
        self.action_show_pane(pane_id)
        self.call_later(self.pane(pane_id).run_action, action)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every verb of every pane, so nothing is reachable only by a key."""
        yield from super().get_system_commands(screen)
        for pane_cls in pane_classes():
            yield SystemCommand(
                _("Go to {pane}").format(pane=pane_cls.TITLE),
                _("Show the {pane} pane (key {key})").format(pane=pane_cls.TITLE, key=pane_cls.KEY),
                partial(self.action_show_pane, pane_cls.PANE_ID),
            )
            for binding in pane_cls.BINDINGS:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                yield SystemCommand(
                    f"{pane_cls.TITLE}: {binding.description}",
                    binding.tooltip or _("Key {key}").format(key=binding.key),
                    partial(self.run_pane_action, pane_cls.PANE_ID, binding.action),
                )
        # Views carry feed names and tags: user text, cleaned by the inbox.
        for title, help_text, callback in self.pane("inbox").palette_commands():
            yield SystemCommand(title, help_text, callback)
        yield SystemCommand(_("Help"), _("List every key"), self.action_help)
        yield SystemCommand(
            _("Auto-refresh and notices"),
            _("Refresh every N minutes; run a program for each new job worth a bid (key A)"),
            self.action_notices,
        )
        yield SystemCommand(
            _("Import alert e-mails…"),
            _("Read job alerts from a .eml file, an mbox file or a Maildir folder"),
            self.action_mail_import,
        )
        yield SystemCommand(_("Welcome"), _("Show the first-run steps again"), self.action_welcome)
        for code, name in i18n.LANGUAGE_NAMES.items():
            if code != i18n.language():
                yield SystemCommand(
                    _("Language: {name}").format(name=name),
                    _("Show Cockpit in {name} from the next start").format(name=name),
                    partial(self.choose_language, code),
                )

    # -- notices (`A`) and mail import: their own class; the keys stay here -------------
    def action_notices(self) -> None:
        if isinstance(self.screen, ModalScreen):
            return  # an app-wide key: not from inside another dialog (the palette has closed)
        if self.store is None:
            self.notify(_("Still opening your data; try again in a moment."), markup=False)
            return
        self.notice_steps.open()

    def _save_notices(self, before: Settings, after: Settings | None) -> None:
        self.notice_steps.save(before, after)

    def on_notices_dialog_test_requested(self, message: NoticesDialog.TestRequested) -> None:
        self.notice_steps.test(message.dialog, message.settings)

    def action_mail_import(self) -> None:
        if self.store is None:
            self.notify(_("Still opening your data; try again in a moment."), markup=False)
            return
        self.notice_steps.mail_import()

    # -- language ----------------------------------------------------------------
    def choose_language(self, lang: str) -> None:
        """Save the choice; the UI is built in one language, so it applies on restart."""

        def save() -> None:
            assert self.store is not None
            self.store.settings.update({"language": lang})
            i18n.write_saved(self.paths.config, lang)

        def saved(_result: None) -> None:
            self.notify(
                _("Language set to {name}. Restart Cockpit to see it.").format(
                    name=i18n.LANGUAGE_NAMES[lang]
                ),
                markup=False,
            )
            self.data_changed(DataKind.SETTINGS)

        if self.store is None:
            self.notify(_("Still opening your data; try again in a moment."), markup=False)
            return
        self.store_do(save, then=saved)

    @work(thread=True, exit_on_error=False, group="language")
    def sync_language(self) -> None:
        """Keep ``<config>/language`` in step with the stored setting (read at start)."""
        store = self.store
        if store is None or self.demo:
            return
        stored = i18n.normalize(store.settings.get().language)
        if stored and stored != i18n.read_saved(self.paths.config):
            i18n.write_saved(self.paths.config, stored)

    def on_unmount(self) -> None:
        from cockpit.store import StoreError

        if self.store is not None:
            self.store.forbid_thread(None)
            try:
                self.store.close()
            except StoreError as err:  # a full disk at quit: one line after the app, no traceback
                self.close_error = str(err)
            self.store = None
