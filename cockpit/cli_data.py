"""Headless commands: feeds, fetch, jobs, report, export/import."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from cockpit.i18n import format_budget
from cockpit.models import Budget, Feed, Job, Triage, new_id
from cockpit.paths import Paths
from cockpit.store import Store, StoreCorrupt, StoreError
from cockpit.text import clean_line

VIEWS = ("new", "shortlist", "applied", "dismissed", "all")


class CliError(Exception):
    """A message for stderr and a non-zero exit."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def add_commands(sub: Any) -> None:
    feeds = sub.add_parser("feeds", help="add, list, remove, import or export feeds")
    fsub = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    add = fsub.add_parser("add", help="add a feed by URL, file:// URL or local path")
    add.add_argument("url")
    add.add_argument("--name", default="")
    add.add_argument("--tag", action="append", default=[], help="repeat for several tags")
    fsub.add_parser("list", help="list feeds with their last status")
    rm = fsub.add_parser("rm", help="remove a feed (its jobs stay)")
    rm.add_argument("feed_id")
    imp = fsub.add_parser("import", help="import feeds from an OPML file")
    imp.add_argument("file", type=Path)
    exp = fsub.add_parser("export", help="export feeds to an OPML file")
    exp.add_argument("file", type=Path)

    fetch = sub.add_parser("fetch", help="refresh feeds without the UI (for cron)")
    fetch.add_argument("feed_ids", nargs="*", metavar="FEED_ID")
    fetch.add_argument("--force", action="store_true", help="ignore the minimum interval")

    jobs = sub.add_parser("jobs", help="print jobs with their extracted fields")
    jobs.add_argument("--view", choices=VIEWS, default="new")
    jobs.add_argument("--feed", metavar="ID")
    jobs.add_argument("--json", action="store_true", help="one JSON object per line")

    sub.add_parser("report", help="print the demand summary as Markdown")

    export = sub.add_parser("export", help="write all your data to a JSON file")
    export.add_argument("file", type=Path)
    importer = sub.add_parser("import", help="add jobs from a JSON file written by export")
    importer.add_argument("file", type=Path)


@contextmanager
def opened(paths: Paths) -> Iterator[Store]:
    try:
        store = Store.open(paths.data)
    except StoreCorrupt as err:
        hint = " Run `cockpit restore` to bring back the newest good backup."
        moved = f" The damaged file was kept as {err.moved_to}." if err.moved_to else ""
        raise CliError(f"{err}{moved}{hint}") from err
    except StoreError as err:
        raise CliError(str(err), 1 if "already using" in str(err) else 2) from err
    try:
        yield store
    finally:
        store.close()


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

    return wrapper


def _feed_label(feed: Feed) -> str:
    return clean_line(feed.name or feed.url)


@_run
def feeds_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.feeds.sources import check_feed_url

    with opened(paths) as store:
        action = args.feeds_command
        if action == "add":
            try:
                url = check_feed_url(args.url)
            except ValueError as exc:
                raise CliError(str(exc)) from exc
            if any(f.url == url for f in store.feeds.all()):
                raise CliError(f"{url} is already a feed")
            feed = Feed(id=new_id(), url=url, name=args.name, tags=args.tag)
            store.feeds.save(feed)
            print(f"Added {feed.id}  {_feed_label(feed)}")
        elif action == "list":
            feeds = store.feeds.all()
            if not feeds:
                print("No feeds yet. Add one with `cockpit feeds add URL`.")
            for feed in feeds:
                state = "on " if feed.enabled else "off"
                tags = ",".join(feed.tags)
                status = clean_line(f"{feed.status.kind} {feed.status.message}".strip())
                print(f"{feed.id}  {state}  {_feed_label(feed)}  [{tags}]  {status}")
        elif action == "rm":
            if not store.feeds.delete(args.feed_id):
                raise CliError(f"no feed with id {args.feed_id}; see `cockpit feeds list`")
            print(f"Removed {args.feed_id}")
        elif action == "import":
            from cockpit.feeds import opml

            try:
                specs = opml.parse_opml(args.file.read_bytes())
            except OSError as exc:
                raise CliError(f"cannot read {args.file}: {exc.strerror}") from exc
            except ValueError as exc:
                raise CliError(f"{args.file}: {exc}") from exc
            known = {f.url for f in store.feeds.all()}
            added = 0
            for spec in specs:
                if spec.url in known:
                    continue
                store.feeds.save(Feed(id=new_id(), url=spec.url, name=spec.name, tags=spec.tags))
                known.add(spec.url)
                added += 1
            print(f"Imported {added} feed(s); {len(specs) - added} already present.")
        elif action == "export":
            from cockpit.feeds import opml

            args.file.write_bytes(opml.write_opml(store.feeds.all()))
            print(f"Wrote {args.file}")
    return 0


@_run
def fetch_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.feeds.refresh import refresh

    with opened(paths) as store:
        feeds = store.feeds.all()
        if not feeds:
            print("No feeds yet. Add one with `cockpit feeds add URL`.")
            return 0
        unknown = set(args.feed_ids) - {f.id for f in feeds}
        if unknown:
            raise CliError(f"unknown feed id(s): {', '.join(sorted(unknown))}")
        reports = refresh(store, args.feed_ids or None, force=args.force)
        for report in reports:
            print(report.summary_line())
        return 1 if reports and all(r.status == "error" for r in reports) else 0


def job_record(job: Job, triage: Triage | None, score: int) -> dict[str, Any]:
    record = job.to_dict()
    record["state"] = triage.state if triage else "new"
    record["read"] = bool(triage and triage.read)
    record["score"] = score
    return record


@_run
def jobs_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.feeds.rules import compile_rules

    with opened(paths) as store:
        triage = store.triage.all_by_job()
        scorer = compile_rules(store.rules.all(), store.profile.get().skills)
        jobs = store.jobs.all()
    rows = []
    for job in jobs:
        t = triage.get(job.id)
        state = t.state if t else "new"
        if args.view != "all" and state != args.view:
            continue
        if args.feed and args.feed not in job.feed_ids:
            continue
        rows.append(job_record(job, t, scorer.score(job).total))
    rows.sort(key=lambda r: (r["score"], r["posted"] or ""), reverse=True)
    out = sys.stdout
    for row in rows:
        if args.json:
            out.write(orjson.dumps(row).decode() + "\n")
        else:
            money = format_budget(Budget.from_dict(row["budget"]) if row["budget"] else None)
            title = clean_line(row["title"])
            print(f"{row['score']:>4}  {row['state']:<9}  {title[:60]:<60}  {money}")
    if not rows and not args.json:
        print(f"No jobs in view {args.view!r}.", file=sys.stderr)
    return 0


@_run
def report_cmd(args: argparse.Namespace, paths: Paths) -> int:
    from cockpit.insights import report_markdown
    from cockpit.models import utcnow

    with opened(paths) as store:
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
    with opened(paths) as store:
        data = {
            "cockpit_export": 1,
            "feeds": [f.to_dict() for f in store.feeds.all()],
            "triage": [t.to_dict() for t in store.triage.all()],
            "proposals": [p.to_dict() for p in store.proposals.all()],
            "ledger": [e.to_dict() for e in store.ledger.all()],
            "checklist": [c.to_dict() for c in store.checklist.all()],
            "rules": [r.to_dict() for r in store.rules.all()],
            "templates": [t.to_dict() for t in store.templates.all()],
            "snippets": [s.to_dict() for s in store.snippets.all()],
            "settings": store.settings.get().to_dict(),
            "profile": store.profile.get().to_dict(),
            "jobs": store.jobs.all_dicts(),
        }
    args.file.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    print(f"Wrote {args.file}")
    return 0


@_run
def import_cmd(args: argparse.Namespace, paths: Paths) -> int:
    try:
        data = orjson.loads(args.file.read_bytes())
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror}") from exc
    except orjson.JSONDecodeError as exc:
        raise CliError(f"{args.file} is not JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("cockpit_export") != 1:
        raise CliError(f"{args.file} was not written by `cockpit export`")
    try:
        jobs = [Job.from_dict(d) for d in data.get("jobs", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise CliError(f"{args.file} has a job Cockpit cannot read: {exc}") from exc
    with opened(paths) as store:
        new = store.jobs.upsert_many(jobs)
    print(f"Imported {len(new)} new job(s); {len(jobs) - len(new)} already present.")
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace, Paths], int]] = {
    "feeds": feeds_cmd,
    "fetch": fetch_cmd,
    "jobs": jobs_cmd,
    "report": report_cmd,
    "export": export_cmd,
    "import": import_cmd,
}
