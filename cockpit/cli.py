"""Command line: the TUI, the demo, and headless commands for scripts and cron."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from cockpit import __version__
from cockpit.paths import ENV_DATA_DIR, Paths, resolve

Handler = Callable[[argparse.Namespace, Paths], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cockpit",
        description="A terminal job-hunting cockpit for freelancers. "
        "Run without a command to open the app.",
        epilog=f"Data folder: --data-dir, else ${ENV_DATA_DIR}, else the platform's user data dir.",
    )
    parser.add_argument("--version", action="version", version=f"cockpit {__version__}")
    parser.add_argument("--data-dir", metavar="PATH", help="use this data folder")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("demo", help="open the app on a throwaway folder of sample data (offline)")
    sub.add_parser("paths", help="print where data, config, backups and logs live")

    restore = sub.add_parser("restore", help="restore the newest good backup (or a named one)")
    restore.add_argument("backup", nargs="?", help="backup folder name (see --list)")
    restore.add_argument("--list", action="store_true", help="list backups, newest first")

    from cockpit import cli_data

    cli_data.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = resolve(args.data_dir)
    handlers: dict[str | None, Handler] = {
        None: run_app,
        "demo": run_demo,
        "paths": print_paths,
        "restore": run_restore,
    }
    from cockpit import cli_data

    handlers.update(cli_data.HANDLERS)
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
    from cockpit.ui.app import DEMO_REQUESTED, CockpitApp

    try:
        result = CockpitApp(paths, lock, demo=demo).run()
    finally:
        lock.release()
    if result == DEMO_REQUESTED and not demo:
        return run_demo(args, paths)  # the welcome's `d`: the real store stays closed
    return result or 0


def run_demo(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.demo.seed import seed_demo

    folder = Path(tempfile.mkdtemp(prefix="cockpit-demo-"))
    try:
        seed_demo(folder)
        demo_paths = resolve(folder)
        return run_app(args, demo_paths, demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_restore(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.store import StoreError, StoreLock
    from cockpit.store.backups import is_good, list_all, newest_good, restore

    all_backups = list_all(paths.data)
    if args.list:
        if not all_backups:
            print(f"No backups in {paths.backups}.")
        for backup in all_backups:
            print(f"{backup.name}  {'ok' if is_good(backup) else 'unreadable'}")
        return 0
    if args.backup:
        chosen: Path | None = paths.backups / args.backup
        if chosen is None or not chosen.is_dir():
            return fail(f"no backup named {args.backup!r}; see `cockpit restore --list`")
    else:
        chosen = newest_good(paths.data)
        if chosen is None:
            return fail(f"no good backup found in {paths.backups}")
    try:
        lock = StoreLock(paths.data).acquire()
    except StoreError as err:
        return fail(str(err), 1)
    try:
        kept = restore(paths.data, chosen)
    except (OSError, ValueError) as exc:
        return fail(f"restore failed: {exc}")
    finally:
        lock.release()
    print(f"Restored {chosen.name}.")
    for path in kept:
        print(f"The previous file was kept as {path}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
