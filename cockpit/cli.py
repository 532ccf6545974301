"""Command line: the TUI, the demo, and headless commands for scripts and cron."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from cockpit import __version__, i18n
from cockpit.i18n import N_, _
from cockpit.paths import ENV_DATA_DIR, Paths, resolve

Handler = Callable[[argparse.Namespace, Paths], int]


def run_restore(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.cli_restore import run_restore as restore_cmd

    return restore_cmd(args, paths)


def run_config(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.cli_config import config_cmd

    return config_cmd(args, paths)


# argparse's own user-facing messages, listed so the catalog carries them; main() routes
# argparse's lookups through cockpit.i18n so they follow --lang like everything else.
ARGPARSE_MESSAGES = (
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)


def translate_argparse() -> None:
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own words ("usage:") in the chosen language too."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help, section titles and error prefix are translated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS,
            help=_("show this help message and exit"),
        )  # fmt: skip

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="cockpit",
        description=_(
            "A terminal job-hunting cockpit for freelancers. Run without a command to open the app."
        ),
        epilog=_(
            "Data folder: --data-dir, else ${env}, else the platform's user data dir. "
            "Language: --lang, else ${lang_env}, else the saved setting, else $LANG."
        ).format(env=ENV_DATA_DIR, lang_env=i18n.ENV_LANG),
    )
    parser.add_argument(
        "--version", action="version", version=f"cockpit {__version__}",
        help=_("show the version and exit"),
    )  # fmt: skip
    parser.add_argument("--data-dir", metavar=_("PATH"), help=_("use this data folder"))
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, help=_("language of the app and its messages (id or en)")
    )
    sub = parser.add_subparsers(
        dest="command", metavar=_("COMMAND"), title=_("commands"), parser_class=Parser
    )

    sub.add_parser("demo", help=_("open the app on a throwaway folder of sample data (offline)"))
    sub.add_parser("paths", help=_("print where data, config, backups and logs live"))

    restore = sub.add_parser("restore", help=_("restore the newest good backup (or a named one)"))
    restore.add_argument("backup", nargs="?", help=_("backup folder name (see --list)"))
    restore.add_argument("--list", action="store_true", help=_("list backups, newest first"))
    restore.add_argument(
        "--yes", action="store_true", help=_("do not ask before replacing a healthy store")
    )
    from cockpit import cli_config

    cli_config.add_command(sub)

    from cockpit import cli_data

    cli_data.add_commands(sub)
    from cockpit import cli_mail

    cli_mail.add_command(sub)
    return parser


def pick_language(argv: Sequence[str]) -> str:
    """Set the language before any help text or UI module is built (see cockpit.i18n)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", default=None)
    early.add_argument("--data-dir", default=None)
    known, _rest = early.parse_known_args(argv)
    flag = i18n.normalize(known.lang)
    saved = "" if flag else i18n.read_saved(resolve(known.data_dir).config)
    return i18n.set_language(i18n.choose(flag, saved))


# Commands that run with the cyclic collector paused to the end (see main).
COLLECTOR_PAUSED = frozenset({"fetch"})


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up (imports, the parser, then the store's jobs) makes some 100k objects
    # that live to the end; the collector's passes over them free nothing and cost
    # ~40 ms of a 0.5 s `cockpit fetch`. It is paused for start-up; `fetch` keeps it
    # paused to the end, as refresh() itself does (its docstring says why that is
    # safe); every other command, the app first, gets it back once its arguments
    # are read. Its state is restored on the way out (tests call main() in-process).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv, collecting)
    finally:
        if collecting:
            gc.enable()


def _plain_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """``cockpit`` with at most --data-dir and a known --lang: the app, without building
    every command's parser (that imports the command modules: ~50 ms of a first frame)."""
    early = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    early.add_argument("--lang", default=None)
    early.add_argument("--data-dir", default=None)
    try:
        known, rest = early.parse_known_args(argv)
    except SystemExit:  # "--data-dir" without its value: the full parser says so
        return None
    if rest or (known.lang is not None and known.lang not in i18n.LANGUAGES):
        return None
    return argparse.Namespace(command=None, data_dir=known.data_dir, lang=known.lang)


def _main(argv: Sequence[str] | None, collecting: bool) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    pick_language(argv)
    args = _plain_start(argv)
    if args is None:
        translate_argparse()
        args = build_parser().parse_args(argv)
    if collecting and args.command not in COLLECTOR_PAUSED:
        gc.enable()
    paths = resolve(args.data_dir)
    handlers: dict[str | None, Handler] = {
        None: run_app,
        "demo": run_demo,
        "paths": print_paths,
        "restore": run_restore,
        "config": run_config,
    }
    if args.command not in handlers:  # the command modules load only for their commands
        from cockpit import cli_data, cli_mail

        handlers.update(cli_data.HANDLERS)
        handlers.update(cli_mail.HANDLERS)
    try:
        return handlers[args.command](args, paths)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `cockpit jobs | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def fail(message: str, code: int = 2) -> int:
    print(f"cockpit: {message}", file=sys.stderr)
    return code


def print_paths(args: argparse.Namespace, paths: Paths) -> int:
    for name, path in paths.as_rows():
        print(f"{name:<8} {path}")
    return 0


def run_app(args: argparse.Namespace, paths: Paths, *, demo: bool = False) -> int:
    from cockpit.store import StoreError, StoreLock

    try:
        lock = StoreLock(paths.data).acquire()
    except StoreError as err:
        return fail(str(err), 1)
    from cockpit.ui.app import CockpitApp
    from cockpit.ui.first_run_steps import DEMO_REQUESTED

    app = CockpitApp(paths, lock, demo=demo)
    try:
        result = app.run()
    finally:
        lock.release()
    if app.close_error:
        return fail(app.close_error, 1)
    if result == DEMO_REQUESTED and not demo:
        return run_demo(args, paths)  # the welcome's `d`: the real store stays closed
    return result or 0


def run_demo(args: argparse.Namespace, paths: Paths) -> int:
    import shutil
    import tempfile

    from cockpit.demo.seed import seed_demo

    folder = Path(tempfile.mkdtemp(prefix="cockpit-demo-"))
    try:
        seed_demo(folder)
        demo_paths = resolve(folder)
        return run_app(args, demo_paths, demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
