"""`cockpit mail import PATH [--json]`: job-alert e-mails (.eml, mbox, Maildir) in.

Each job is stored the way `cockpit paste` stores one (merged by id), so an alert
read twice, or its page pasted later, is still one job.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from cockpit.cli_data import CliError, _run, opened
from cockpit.i18n import _
from cockpit.paths import Paths
from cockpit.text import clean_line


def add_command(sub: Any) -> None:
    mail = sub.add_parser("mail", help=_("read job-alert e-mails into your jobs"))
    msub = mail.add_subparsers(
        dest="mail_command", metavar=_("ACTION"), title=_("actions"), required=True
    )
    imp = msub.add_parser(
        "import", help=_("read a .eml file, an mbox file or a Maildir folder and save its jobs")
    )
    imp.add_argument("path", metavar=_("PATH"), help=_("the .eml file, mbox file or Maildir"))
    imp.add_argument("--json", action="store_true", help=_("print what was read as JSON"))


@_run
def mail_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.mail.intake import MailPathError, read_mail, save_mail_jobs, summary
    from cockpit.models import utcnow

    try:
        result = read_mail(Path(args.path).expanduser(), utcnow())
    except MailPathError as err:
        raise CliError(str(err)) from None
    with opened(paths) as store:
        saved = save_mail_jobs(store, result)
    stored, skipped, added = saved.stored, saved.skipped, saved.new
    if args.json:
        record = {
            "read": result.read,
            "jobs": stored,
            "new": added,
            "skipped": [{"name": s.name, "why": s.why} for s in skipped],
        }
        sys.stdout.write(orjson.dumps(record).decode() + "\n")
        return 0
    line = summary(result.read, saved)
    if skipped:
        names = "; ".join(f"{clean_line(s.name)}: {clean_line(s.why)}" for s in skipped[:20])
        more = len(skipped) - 20
        if more > 0:
            names += "; " + _("{n} more").format(n=more)
        line += f" ({names})"
    print(line)
    for item in stored:
        mark = "+" if item["new"] else "="
        print(f"  {mark} {item['id']}  {clean_line(item['title'])}")
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace, Paths], int]] = {"mail": mail_cmd}
