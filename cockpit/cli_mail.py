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
from cockpit.i18n import _, ngettext
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
    from cockpit.mail import Skipped, jobs_from_path
    from cockpit.models import utcnow

    path = Path(args.path).expanduser()
    if not path.exists():
        raise CliError(_("{path} does not exist (or its folder does not)").format(path=path))
    result = jobs_from_path(path, utcnow())
    stored: list[dict[str, Any]] = []
    skipped = list(result.skipped)
    with opened(paths) as store:
        for job in result.jobs:
            new = store.jobs.merge_paste(job)
            if not new and store.jobs.get(job.id) is None:
                why = "; ".join(r[1] for r in store.jobs.refused) or _("refused by the store")
                skipped.append(Skipped(job.title, why))
                continue
            stored.append({"id": job.id, "title": job.title, "link": job.link, "new": new})
    added = sum(1 for s in stored if s["new"])
    if args.json:
        record = {
            "read": result.read,
            "jobs": stored,
            "new": added,
            "skipped": [{"name": s.name, "why": s.why} for s in skipped],
        }
        sys.stdout.write(orjson.dumps(record).decode() + "\n")
        return 0
    line = ngettext(
        "read {n} message: {jobs} jobs ({new} new), {skipped} skipped",
        "read {n} messages: {jobs} jobs ({new} new), {skipped} skipped",
        result.read,
    ).format(n=result.read, jobs=len(stored), new=added, skipped=len(skipped))
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
