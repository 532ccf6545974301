"""Headless commands: feeds, fetch, jobs, report, export/import."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from cockpit.i18n import N_, _, format_budget, ngettext
from cockpit.models import Budget, Feed, Job, LedgerEntry, Triage, new_id
from cockpit.paths import Paths
from cockpit.store import Store, StoreCorrupt, StoreError, StoreWriteError
from cockpit.text import clean_line

VIEWS = ("new", "shortlist", "applied", "dismissed", "all")


class CliError(Exception):
    """A message for stderr and a non-zero exit."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def add_commands(sub: Any) -> None:
    feeds = sub.add_parser("feeds", help=_("add, list, remove, import or export feeds"))
    fsub = feeds.add_subparsers(
        dest="feeds_command", metavar=_("ACTION"), title=_("actions"), required=True
    )
    add = fsub.add_parser(
        "add",
        help=_(
            "add a feed by URL, file:// URL or local path; a Freelancer.com search as "
            'freelancer:"QUERY"; a mailbox of job alerts as maildir:PATH or mbox:PATH'
        ),
    )
    add.add_argument("url", help=_("the feed's address"))
    add.add_argument("--name", default="", help=_("a name to show instead of the URL"))
    add.add_argument("--tag", action="append", default=[], help=_("repeat for several tags"))
    add.add_argument(
        "--min-interval",
        metavar=_("MINUTES"),
        default="",
        help=_("fetch the feed at most every MINUTES minutes (default 15; --force ignores it)"),
    )
    fsub.add_parser("list", help=_("list feeds with their last status"))
    rm = fsub.add_parser("rm", help=_("remove a feed (its jobs stay)"))
    rm.add_argument("feed_id", help=_("the id shown by `cockpit feeds list`"))
    imp = fsub.add_parser("import", help=_("import feeds from an OPML file"))
    imp.add_argument("file", type=Path, help=_("the OPML file"))
    exp = fsub.add_parser("export", help=_("export feeds to an OPML file"))
    exp.add_argument("file", type=Path, help=_("the OPML file to write"))

    fetch = sub.add_parser("fetch", help=_("refresh feeds without the UI (for cron)"))
    fetch.add_argument(
        "feed_ids", nargs="*", metavar="FEED_ID", help=_("only these feeds (default: all)")
    )
    fetch.add_argument("--force", action="store_true", help=_("ignore the minimum interval"))
    fetch.add_argument(
        "--notify",
        action="store_true",
        help=_("run the notice command for new jobs worth a bid (see `cockpit config`)"),
    )

    jobs = sub.add_parser("jobs", help=_("print jobs with their extracted fields"))
    jobs.add_argument("--view", choices=VIEWS, default="new", help=_("which jobs to print"))
    jobs.add_argument("--feed", metavar="ID", help=_("only jobs from this feed"))
    jobs.add_argument("--json", action="store_true", help=_("one JSON object per line"))

    sub.add_parser("report", help=_("print the demand summary as Markdown"))

    export = sub.add_parser("export", help=_("write all your data to a JSON file"))
    export.add_argument("file", type=Path, help=_("the JSON file to write"))
    from cockpit import cli_paste

    cli_paste.add_command(sub)
    importer = sub.add_parser(
        "import", help=_("bring back everything from a JSON file written by export")
    )
    importer.add_argument("file", type=Path, help=_("a file written by `cockpit export`"))
    importer.add_argument(
        "--dry-run", action="store_true", help=_("print what would change; write nothing")
    )


@contextmanager
def opened(paths: Paths, *, read_only: bool = False, lazy_jobs: bool = False) -> Iterator[Store]:
    """The store for one command. Read-only commands read a snapshot while the app
    holds the lock; writing ones keep a daily backup, so cron alone leaves restore points.
    ``lazy_jobs``: the job shards load when first read (see ``Store.open``)."""
    try:
        if read_only:
            store = Store.open_for_reading(paths.data)
        else:
            store = Store.open(paths.data, lazy_jobs=lazy_jobs)
    except StoreCorrupt as err:
        hint = _("Run `cockpit restore` to bring back the newest good backup.")
        moved = (
            _("The damaged file was kept as {path}.").format(path=err.moved_to)
            if err.moved_to
            else ""
        )
        raise CliError(" ".join(p for p in (str(err), moved, hint) if p)) from err
    except StoreError as err:
        raise CliError(str(err), 1 if "already using" in str(err) else 2) from err
    store.balance_of = _balance_for(store)
    for notice in store.notices:
        print(f"cockpit: {notice}", file=sys.stderr)
    try:
        yield store
        if not read_only and store.changed_since_backup:
            store.backup_if_due()
    finally:
        store.close()


def _balance_for(store: Store) -> Callable[[Sequence[LedgerEntry]], int | None]:
    """The wallet's balance for backup manifests, the wallet imported only when a backup
    is taken (most `cockpit fetch` runs take none)."""

    def balance(entries: Sequence[LedgerEntry]) -> int | None:
        from cockpit.wallet.hook import wallet_balance

        return wallet_balance(store)(entries)

    return balance


def _run(
    fn: Callable[[argparse.Namespace, Paths], int],
) -> Callable[[argparse.Namespace, Paths], int]:
    def wrapper(args: argparse.Namespace, paths: Paths) -> int:
        try:
            return fn(args, paths)
        except CliError as err:
            print(f"cockpit: {err}", file=sys.stderr)
            return err.code
        except StoreError as err:
            print(f"cockpit: {err}", file=sys.stderr)
            return 2
        except OSError as err:  # a path given on the command line: one line, no traceback
            print(f"cockpit: {os_message(err)}", file=sys.stderr)
            return 2

    return wrapper


def os_message(err: OSError) -> str:
    where = err.filename or ""
    if isinstance(err, IsADirectoryError):
        return _("{path} is a folder, not a file").format(path=where)
    if isinstance(err, NotADirectoryError):
        return _("{path}: a part of this path is a file, not a folder").format(path=where)
    if isinstance(err, FileNotFoundError):
        return _("{path} does not exist (or its folder does not)").format(path=where)
    if isinstance(err, PermissionError):
        return _("{path} cannot be written or read here (permission denied)").format(path=where)
    reason = err.strerror or str(err)
    return f"{where}: {reason}" if where else reason


def write_file(path: Path, payload: bytes, *, private: bool = False) -> None:
    """Whole or not at all (temp + fsync + rename), so a full disk keeps the old file."""
    from cockpit.store.storage import atomic_write

    if path.is_dir():
        raise CliError(_("{path} is a folder, not a file").format(path=path))
    if not path.parent.is_dir():
        raise CliError(_("{path} does not exist (or its folder does not)").format(path=path.parent))
    try:
        atomic_write(path, payload)
    except StoreWriteError as err:
        raise CliError(
            _("cannot write {file}: {error}").format(file=path, error=err.reason)
        ) from err
    if not private:
        with contextlib.suppress(OSError):
            path.chmod(0o644)


# Triage states as the CLI prints them (the JSON output keeps the raw state).
STATE_NAMES = {
    "new": N_("new"),
    "shortlist": N_("shortlist"),
    "applied": N_("applied"),
    "dismissed": N_("dismissed"),
}


def _imported(added: int, known: int, what: str) -> str:
    if what == "feeds":
        head = ngettext("Imported {count} feed", "Imported {count} feeds", added)
    else:
        head = ngettext("Imported {count} new job", "Imported {count} new jobs", added)
    return _("{imported}; {known} already present.").format(
        imported=head.format(count=added), known=known
    )


def _feed_label(feed: Feed) -> str:
    return clean_line(feed.label)


@_run
def feeds_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.feeds.sources import check_feed_url, check_interval

    with opened(paths, read_only=args.feeds_command in ("list", "export")) as store:
        action = args.feeds_command
        if action == "add":
            try:
                url = check_feed_url(args.url)
                minutes = check_interval(args.min_interval)
            except ValueError as exc:
                raise CliError(str(exc)) from exc
            if any(f.url == url for f in store.feeds.all()):
                raise CliError(_("{url} is already a feed").format(url=url))
            feed = Feed(
                id=new_id(), url=url, name=args.name, tags=args.tag, min_interval_minutes=minutes
            )
            store.feeds.save(feed)
            print(_("Added {id}  {name}").format(id=feed.id, name=_feed_label(feed)))
        elif action == "list":
            from cockpit.feeds.messages import shown

            feeds = store.feeds.all()
            if not feeds:
                print(_("No feeds yet. Add one with `cockpit feeds add URL`."))
            for feed in feeds:
                state = _("on") if feed.enabled else _("off")
                tags = ",".join(feed.tags)
                message = shown(feed.status.message)  # stored in English
                status = clean_line(f"{feed.status.kind} {message}".strip())
                every = _("every {minutes} min").format(minutes=feed.min_interval_minutes)
                print(f"{feed.id}  {state:<3}  {_feed_label(feed)}  [{tags}]  {every}  {status}")
        elif action == "rm":
            if not store.feeds.delete(args.feed_id):
                raise CliError(
                    _("no feed with id {id}; see `cockpit feeds list`").format(id=args.feed_id)
                )
            print(_("Removed {id}").format(id=args.feed_id))
        elif action == "import":
            from cockpit.feeds import opml

            try:
                done = opml.import_file(store.feeds, args.file)
            except OSError as exc:
                raise CliError(
                    _("cannot read {file}: {error}").format(file=args.file, error=exc.strerror)
                ) from exc
            except ValueError as exc:
                raise CliError(f"{args.file}: {exc}") from exc
            print(_imported(done.added, done.known, "feeds"))
            if done.skipped_local:
                print(opml.skipped_local_message(done.skipped_local))
        elif action == "export":
            from cockpit.feeds import opml

            write_file(args.file, opml.write_opml(store.feeds.all()))
            print(_("Wrote {file}").format(file=args.file))
    return 0


@_run
def fetch_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.feeds.fetch import warm_tls
    from cockpit.feeds.refresh import refresh

    warm_tls()  # the CA bundle loads while the store opens
    with opened(paths, lazy_jobs=True) as store:  # a run of 304s never reads a job
        feeds = store.feeds.all()
        unknown = set(args.feed_ids) - {f.id for f in feeds}
        if unknown:
            raise CliError(_("unknown feed id(s): {ids}").format(ids=", ".join(sorted(unknown))))
        if not feeds:
            print(_("No feeds yet. Add one with `cockpit feeds add URL`."))
            return 0
        reports = refresh(store, args.feed_ids or None, force=args.force)
        for report in reports:
            print(report.summary_line())
        if args.notify:
            _notify(store, paths, [job_id for r in reports for job_id in r.new_ids])
        failed = [r for r in reports if r.status == "error"]
        for report in failed:  # cron mails stderr: name each feed that failed
            print(
                _("cockpit: feed {name} failed: {error}").format(
                    name=clean_line(report.name), error=clean_line(report.message)
                ),
                file=sys.stderr,
            )
        return 1 if failed else 0


def _notify(store: Store, paths: Paths, new_ids: list[str]) -> None:
    """Notices for ``fetch --notify``: one line; a notice that failed goes to stderr too."""
    from cockpit.models import utcnow
    from cockpit.notices import log_path, notify_new_jobs

    summary = notify_new_jobs(store, new_ids, utcnow(), log=log_path(paths))
    line = summary.line()
    if line:
        print(line)
    for entry in summary.entries:
        if entry.outcome == "failed":
            print(
                _("cockpit: notice for {title} failed: {detail}").format(
                    title=clean_line(entry.title), detail=clean_line(entry.detail)
                ),
                file=sys.stderr,
            )


def job_record(job: Job, triage: Triage | None, score: int) -> dict[str, Any]:
    record = job.to_dict()
    record["state"] = triage.state if triage else "new"
    record["read"] = bool(triage and triage.read)
    record["score"] = score
    return record


@_run
def jobs_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.cli_paste import verdict_word
    from cockpit.feeds.rules import compile_rules
    from cockpit.models import utcnow
    from cockpit.verdicts import as_dict, gather, judge_one

    now = utcnow()
    with opened(paths, read_only=True) as store:
        triage = store.triage.all_by_job()
        scorer = compile_rules(store.rules.all(), store.profile.get().skills)
        jobs = store.jobs.all()
        inputs = gather(store, now)
    rows = []
    for job in jobs:
        t = triage.get(job.id)
        state = t.state if t else "new"
        if args.view != "all" and state != args.view:
            continue
        if args.feed and args.feed not in job.feed_ids:
            continue
        row = job_record(job, t, scorer.score(job).total)
        row["verdict"] = as_dict(judge_one(job, inputs, now))
        rows.append(row)
    rows.sort(key=lambda r: (r["score"], r["posted"] or ""), reverse=True)
    out = sys.stdout
    for row in rows:
        if args.json:
            out.write(orjson.dumps(row).decode() + "\n")
        else:
            money = format_budget(Budget.from_dict(row["budget"]) if row["budget"] else None)
            title = clean_line(row["title"])
            label = _(STATE_NAMES.get(row["state"], row["state"]))
            verdict = verdict_word(row["verdict"]["kind"])
            print(f"{row['score']:>4}  {label:<9}  {verdict:<5}  {title[:60]:<60}  {money}")
    if not rows and not args.json:
        print(_("No jobs in view {view!r}.").format(view=args.view), file=sys.stderr)
    return 0


@_run
def report_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.insights import report_markdown
    from cockpit.models import utcnow

    with opened(paths, read_only=True) as store:
        jobs = store.jobs.all()
        triage = store.triage.all_by_job()
        proposals = store.proposals.all()
        checklist = store.checklist.all()
        ledger = store.ledger.all()
        settings = store.settings.get()
    report = report_markdown(
        jobs,
        triage,
        proposals,
        checklist,
        ledger,
        settings,
        utcnow(),
        aliases=settings.skill_aliases,
    )
    print(report, end="")
    return 0


@_run
def export_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.store.transfer import export_data

    if args.file.is_dir():
        raise CliError(_("{path} is a folder, not a file").format(path=args.file))
    with opened(paths, read_only=True) as store:
        data = export_data(store)
    # It holds the profile, the ledger and feed URLs (which may carry passwords): owner only.
    write_file(args.file, orjson.dumps(data, option=orjson.OPT_INDENT_2), private=True)
    print(_("Wrote {file}").format(file=args.file))
    return 0


KIND_NAMES = {
    "feeds": N_("feeds"),
    "jobs": N_("jobs"),
    "triage": N_("triage decisions"),
    "proposals": N_("proposals"),
    "ledger": N_("ledger entries"),
    "checklist": N_("checklist items"),
    "rules": N_("rules"),
    "templates": N_("templates"),
    "snippets": N_("snippets"),
    "profile": N_("profile"),
    "settings": N_("settings"),
}


@_run
def import_cmd(args: argparse.Namespace, paths: Paths) -> int:
    """Import an export: bad records are listed (kind, place, reason) and left out, the
    rest imported, exit 1. A file that is not an export at all: one line, exit 2."""
    from cockpit.store.transfer import ImportError_, apply_import, plan_import, read_export

    if args.file.is_dir():
        raise CliError(_("{path} is a folder, not a file").format(path=args.file))
    try:
        data = orjson.loads(args.file.read_bytes())
    except OSError as exc:
        raise CliError(
            _("cannot read {file}: {error}").format(file=args.file, error=exc.strerror)
        ) from exc
    except orjson.JSONDecodeError as exc:
        raise CliError(_("{file} is not JSON: {error}").format(file=args.file, error=exc)) from exc
    try:
        checked = read_export(data)
    except ImportError_ as exc:
        raise CliError(
            _("{file} cannot be imported: {error}").format(file=args.file, error=exc)
        ) from exc
    with opened(paths, read_only=args.dry_run) as store:
        plan = plan_import(store, checked.records)
        if not args.dry_run and plan.changes:
            apply_import(store, plan, str(args.file))
    head = _("Would import (nothing written):") if args.dry_run else _("Imported:")
    print(head)
    for kind, count in plan.counts.items():
        print(
            "  "
            + _(
                "{kind}: {added} new, {updated} newer, {same} already here, {kept} yours kept"
            ).format(
                kind=_(KIND_NAMES[kind]),
                added=count.added,
                updated=count.updated,
                same=count.same,
                kept=count.kept,
            )
        )
    if not checked.refused:
        return 0
    _print_refused([str(r) for r in checked.refused])
    return 1


REFUSED_SHOWN = 20  # a file of a million bad records must not flood the terminal


def _print_refused(lines: list[str]) -> None:
    count = len(lines)
    print(
        "cockpit: "
        + ngettext(
            "{count} record cannot be imported and was left out:",
            "{count} records cannot be imported and were left out:",
            count,
        ).format(count=count),
        file=sys.stderr,
    )
    for line in lines[:REFUSED_SHOWN]:
        print(f"  {clean_line(line)}", file=sys.stderr)
    if count > REFUSED_SHOWN:
        rest = count - REFUSED_SHOWN
        print(
            "  " + ngettext("… and {count} more", "… and {count} more", rest).format(count=rest),
            file=sys.stderr,
        )


def _paste(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.cli_paste import paste_cmd

    return paste_cmd(args, paths)


HANDLERS: dict[str | None, Callable[[argparse.Namespace, Paths], int]] = {
    "feeds": feeds_cmd,
    "fetch": fetch_cmd,
    "jobs": jobs_cmd,
    "report": report_cmd,
    "export": export_cmd,
    "import": import_cmd,
    "paste": _paste,
}
