"""`cockpit config list|get|set`: every setting from the command line.

`set` checks the value as the settings dialogs do (cockpit.settings_check) and writes
only that field, so a change made meanwhile in the app is never undone.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from cockpit import i18n
from cockpit.cli_data import CliError, _run, opened
from cockpit.i18n import _
from cockpit.paths import Paths
from cockpit.text import clean_line


def add_command(sub: Any) -> None:
    config = sub.add_parser("config", help=_("list, read or change settings"))
    csub = config.add_subparsers(
        dest="config_command", metavar=_("ACTION"), title=_("actions"), required=True
    )
    listing = csub.add_parser("list", help=_("print every setting as key = value"))
    listing.add_argument("--json", action="store_true", help=_("print one JSON object"))
    get = csub.add_parser("get", help=_("print one setting's value"))
    get.add_argument("key", help=_("the setting's name (see `cockpit config list`)"))
    put = csub.add_parser("set", help=_("change one setting, checked as in the app"))
    put.add_argument("key", help=_("the setting's name (see `cockpit config list`)"))
    put.add_argument("value", help=_('the new value ("" for an empty one)'))


def shown(value: Any) -> str:
    """One line per value: scalars as typed, lists and mappings as JSON."""
    if isinstance(value, (list, dict)):
        return orjson.dumps(value).decode()
    if isinstance(value, bool):
        return "true" if value else "false"
    return clean_line(str(value))  # stored text may hold a newline; a line stays a line


def _key(raw: str) -> str:
    return raw.strip().replace("-", "_")  # `connect-price-usd` as well


def _unknown(key: str) -> CliError:
    return CliError(
        _("There is no setting {key!r}; `cockpit config list` shows them all.").format(key=key)
    )


@_run
def config_cmd(args: argparse.Namespace, paths: Paths) -> int:
    # Imported here, not at the top: every command builds this parser, only config checks.
    from cockpit.settings_check import setting_names

    action = args.config_command
    if action == "set":
        return _set(args, paths)
    key = _key(args.key) if action == "get" else ""
    if key and key not in setting_names():
        raise _unknown(args.key)
    with opened(paths, read_only=True) as store:
        settings = store.settings.get().to_dict()
    if action == "list":
        if args.json:
            sys.stdout.write(orjson.dumps(settings).decode() + "\n")
        else:
            for name, value in settings.items():
                print(f"{name} = {shown(value)}")
        return 0
    print(shown(settings[key]))
    return 0


def _set(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.settings_check import SettingsError, UnknownSetting, check_setting

    key = _key(args.key)
    try:  # checked before the store opens: a refused value writes nothing
        value = check_setting(key, args.value)
    except UnknownSetting as err:
        raise _unknown(args.key) from err
    except SettingsError as err:
        raise CliError(str(err)) from err
    with opened(paths) as store:
        store.settings.update({key: value})  # this field only: the app's changes stay
    if key == "language":
        # The language is read before the store opens, from this mirror (as the app keeps it).
        i18n.write_saved(paths.config, value)
    print(f"{key} = {shown(value)}")
    return 0
