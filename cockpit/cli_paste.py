"""`cockpit paste [FILE|-]`: a whole copied job page in, what was read out.

So `xclip -o | cockpit paste -` saves the page in the clipboard. Nothing is
fetched: Upwork forbids polling its pages, so the user brings the page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from cockpit.cli_data import CliError, _run, opened
from cockpit.i18n import _
from cockpit.paths import Paths
from cockpit.text import clean_line

MAX_PASTE = 8 * 1024 * 1024  # a job page is kilobytes; this is a wrong file


def add_command(sub: Any) -> None:
    paste = sub.add_parser(
        "paste", help=_("save a job from a copied job page (a file, or - for standard input)")
    )
    paste.add_argument(
        "file", nargs="?", default="-", help=_("the page's text in a file, or - to read stdin")
    )
    paste.add_argument("--url", default="", help=_("the job's address, if the page lacks it"))
    paste.add_argument("--json", action="store_true", help=_("print what was read as JSON"))


def read_input(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_PASTE + 1)
    else:
        path = Path(name)
        if path.is_dir():
            raise CliError(_("{path} is a folder, not a file").format(path=path))
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_PASTE + 1)
        except FileNotFoundError as exc:
            raise CliError(
                _("{path} does not exist (or its folder does not)").format(path=path)
            ) from exc
    if len(data) > MAX_PASTE:
        raise CliError(_("the input is over 8 MB; a job page is much smaller"))
    text = data.decode("utf-8", "replace")
    if not text.strip():
        raise CliError(
            _("nothing to read: the input is empty. Copy the whole job page, then try again.")
        )
    return text


@_run
def paste_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.feeds.pagepaste import read_page
    from cockpit.jobfacts import as_lines, field_names
    from cockpit.models import utcnow
    from cockpit.verdicts import as_dict, gather, judge_one

    text = read_input(args.file)
    now = utcnow()
    result = read_page(text, url=args.url, now=now)
    with opened(paths) as store:
        new = store.jobs.merge_paste(result.job)
        job = store.jobs.get(result.job.id) or result.job
        verdict = judge_one(job, gather(store, now), now)
    if args.json:
        record = {
            "new": new,
            "found": result.found,
            "missing": result.missing,
            "job": job.to_dict(),
            "verdict": as_dict(verdict),
        }
        sys.stdout.write(orjson.dumps(record).decode() + "\n")
        return 0
    head = _("Saved a new job: {title}") if new else _("Updated the job: {title}")
    print(head.format(title=clean_line(job.title)))
    for line in as_lines(job):
        print(line)
    if result.missing:
        print(_("Not found on the page: {fields}").format(fields=field_names(result.missing)))
    print(_("Verdict: {kind}").format(kind=verdict_word(verdict.kind)))
    for reason in verdict.reasons:
        print(f"  - {clean_line(reason)}")
    return 0


def verdict_word(kind: str) -> str:
    return {"bid": _("Bid"), "maybe": _("Maybe"), "skip": _("Skip")}.get(kind, kind)
