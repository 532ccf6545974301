"""`cockpit restore`: list backups with their age and contents, say what a restore would
lose, ask before replacing a healthy store, and replace only damaged parts after damage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cockpit.i18n import _
from cockpit.models import utcnow
from cockpit.paths import Paths
from cockpit.restore_text import age, contents, label, lost


def fail(message: str, code: int = 2) -> int:
    print(f"cockpit: {message}", file=sys.stderr)
    return code


def list_backups(paths: Paths) -> int:
    from cockpit.store.backups import is_good, label_of, list_all, read_summary

    found = list_all(paths.data)
    if not found:
        print(_("No backups in {folder}.").format(folder=paths.backups))
        return 0
    now = utcnow()
    for backup in found:
        summary = read_summary(backup)
        state = "" if is_good(backup) else "  " + _("unreadable")
        print(f"{backup.name}{state}")
        print(f"    {age(summary.at, now)}, {label(label_of(backup))}: {contents(summary)}")
    return 0


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        print(
            _("cockpit: {question} Not asked (no terminal); add --yes to go ahead.").format(
                question=question
            ),
            file=sys.stderr,
        )
        return False
    try:
        answer = input(question + " " + _("[y/N]") + " ")
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes", "ya"}


def run_restore(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.store import StoreError, StoreLock
    from cockpit.store import restore as restoring
    from cockpit.store.backups import is_good, newest_good, read_summary

    if args.list:
        return list_backups(paths)
    chosen: Path | None
    if args.backup:
        chosen = paths.backups / Path(args.backup).name
        if not chosen.is_dir():
            return fail(
                _("no backup named {name!r}; see `cockpit restore --list`").format(name=args.backup)
            )
        if not is_good(chosen):
            return fail(_("backup {name} cannot be read").format(name=chosen.name))
    else:
        chosen = newest_good(paths.data)
        if chosen is None:
            return fail(_("no good backup found in {folder}").format(folder=paths.backups))
    try:
        lock = StoreLock(paths.data).acquire()
    except StoreError as err:
        return fail(str(err), 1)
    try:
        summary = read_summary(chosen)
        damaged = tuple(restoring.damaged_parts(paths.data))
        print(
            _("Backup {name} ({age}) holds: {contents}.").format(
                name=chosen.name, age=age(summary.at, utcnow()), contents=contents(summary)
            )
        )
        if damaged:
            print(
                _("Only the damaged parts are replaced: {parts}.").format(parts=", ".join(damaged))
            )
        else:
            losing = lost(restoring.losses(restoring.current_summary(paths.data), summary))
            if losing:
                print(_("Your current data has more than this backup: {lost}.").format(lost=losing))
            question = _("Replace your current data with this backup?")
            if not _confirm(question, args.yes):
                print(_("Nothing was changed."))
                return 1
        kept = restoring.restore(paths.data, chosen, damaged or None)
    except (OSError, ValueError) as exc:
        return fail(_("restore failed: {error}").format(error=exc))
    finally:
        lock.release()
    print(_("Restored {name}.").format(name=chosen.name))
    if kept is not None:
        print(
            _("What it replaced is kept as backup {name} (restore it by that name).").format(
                name=kept.name
            )
        )
    return 0
