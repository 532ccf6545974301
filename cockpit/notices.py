"""Notices for new jobs worth a bid: the user's own program, run once per job.

The program is split into words like a shell would (shlex) and run directly, never
through a shell, so nothing in a job's text can run: the job reaches it as JSON on
standard input and a few cleaned environment variables. Quiet hours are read in the
user's time zone; a cap per hour and a log (notice_log.py) keep it polite.

Imports stay light at module level: settings_check (every CLI start) uses the parsers.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson

from cockpit.i18n import _
from cockpit.models import Budget, Job, Settings
from cockpit.notice_log import (
    MAX_DETAIL,
    MAX_TITLE,
    NoticeEntry,
    NoticeSummary,
    append_entries,
    log_in,
    log_path,
    read_all,
    read_log,
    short,
)
from cockpit.text import clean_line, safe_url

if TYPE_CHECKING:
    from cockpit.store import Store

__all__ = [
    "NOTIFY_RULES",
    "NoticeEntry",
    "NoticeSummary",
    "check_command",
    "command_words",
    "in_quiet_hours",
    "log_in",
    "log_path",
    "notify_new_jobs",
    "parse_quiet",
    "quiet_text",
    "read_log",
    "send_test",
    "worth_notice",
    "zone",
]

NOTIFY_RULES = ("score", "bid", "score_or_bid")
TIMEOUT = 15  # seconds a notice program may take
MAX_ENV = 300  # characters per environment value
MAX_COMMAND = 1000
Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]

_QUIET = re.compile(r"\s*(\d{1,2})(?::(\d{2}))?\s*[-\u2013]\s*(\d{1,2})(?::(\d{2}))?\s*", re.ASCII)
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.ASCII | re.IGNORECASE)


def command_words(text: str) -> list[str]:
    """The command split like a shell would, without running one. ``~`` at the start
    of the program is the home folder, as a shell would read it."""
    try:
        words = shlex.split(text)
    except ValueError as err:
        raise ValueError(
            _("The notice command has a quote or a backslash that is not closed.")
        ) from err
    if words and words[0].startswith("~"):
        words[0] = os.path.expanduser(words[0])
    return words


def check_command(text: str) -> str:
    """ "" when the command can run (or is "", which turns notices off); else ValueError."""
    if len(text) > MAX_COMMAND or any(ch in text for ch in "\r\n\0"):
        raise ValueError(
            _("The notice command must be one line of at most {count} characters.").format(
                count=MAX_COMMAND
            )
        )
    words = command_words(text)
    if not words:
        return ""
    program = words[0]
    if os.sep in program or (os.altsep and os.altsep in program):
        if not (os.path.isfile(program) and os.access(program, os.X_OK)):
            raise ValueError(
                _(
                    "{program} is not a program that can be run: check the path and that it is "
                    "executable (chmod +x)."
                ).format(program=clean_line(program))
            )
        return ""
    if shutil.which(program) is None:
        raise ValueError(
            _("No program {program!r} on PATH: install it, or give its full path.").format(
                program=clean_line(program)
            )
        )
    return ""


def parse_quiet(text: str) -> tuple[time, time] | None:
    """ "22:00-07:00" as (start, end); may wrap midnight. "" -> None; ValueError if bad."""
    if not text.strip():
        return None
    match = _QUIET.fullmatch(text)
    bad = _("Quiet hours must look like 22:00-07:00 (from-to, 24-hour clock), not {text!r}.")
    if match is None:
        raise ValueError(bad.format(text=clean_line(text)[:40]))
    h1, m1, h2, m2 = (int(g) if g else 0 for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ValueError(bad.format(text=clean_line(text)[:40]))
    start, end = time(h1, m1), time(h2, m2)
    if start == end:
        raise ValueError(_("Quiet hours must start and end at different times."))
    return start, end


def quiet_text(span: tuple[time, time] | None) -> str:
    """The saved spelling: "22:00-07:00", or "" for none."""
    return "" if span is None else f"{span[0]:%H:%M}-{span[1]:%H:%M}"


def zone(text: str) -> tzinfo | None:
    """An IANA name ("Asia/Jakarta"), an offset ("+07:00", "UTC+7": east of Greenwich is +),
    or "" for this computer's zone: None, which ``datetime.astimezone`` reads as the local
    zone with its daylight-saving rules at each instant. ValueError if unknown."""
    raw = text.strip()
    if not raw:
        return None
    if raw.upper() in ("UTC", "GMT", "Z"):
        return UTC
    match = _OFFSET.fullmatch(raw)
    bad = _("Unknown time zone {text!r}: use a name like Asia/Jakarta or an offset like +07:00.")
    if match:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=14) or int(minutes or 0) > 59:
            raise ValueError(bad.format(text=clean_line(raw)[:60]))
        return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError, OSError) as err:
        raise ValueError(bad.format(text=clean_line(raw)[:60])) from err


def in_quiet_hours(now: datetime, quiet: str, tz: str) -> bool:
    """Whether ``now`` falls in the quiet hours, read on the user's clock (ValueError if a
    setting is bad; settings_check keeps them good)."""
    span = parse_quiet(quiet)
    if span is None:
        return False
    aware = now if now.tzinfo else now.replace(tzinfo=UTC)
    clock = aware.astimezone(zone(tz)).time().replace(tzinfo=None)
    start, end = span
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end  # wraps midnight


def worth_notice(job: Job, score: int, verdict_word: str, settings: Settings) -> bool:
    """The rule: the score reaches notify_score, the verdict ("bid"|"maybe"|"skip") is
    bid, or either (score_or_bid). Reposts never."""
    if job.repost_of:
        return False
    score_ok = score >= settings.notify_score
    bid_ok = verdict_word.strip().lower() == "bid"
    rule = settings.notify_rule
    if rule == "score":
        return score_ok
    if rule == "bid":
        return bid_ok
    return score_ok or bid_ok


def _env(job: Job, score: int, verdict: str) -> dict[str, str]:
    from cockpit.labels import budget_label

    def cap(value: str) -> str:
        # A lone surrogate (a mis-decoded feed) cannot go into the environment: "?" instead.
        return short(value, MAX_ENV).encode("utf-8", "replace").decode("utf-8")

    return {
        **os.environ,
        "COCKPIT_JOB_ID": cap(job.id),
        "COCKPIT_JOB_TITLE": cap(job.title),
        "COCKPIT_JOB_LINK": cap(safe_url(job.link) or ""),
        "COCKPIT_JOB_BUDGET": cap(budget_label(job.budget)),
        "COCKPIT_JOB_SCORE": str(score),
        "COCKPIT_JOB_VERDICT": cap(verdict),
    }


def _failure(err: BaseException | subprocess.CompletedProcess[bytes]) -> str:
    """An English line for the log (the log is read by people and by support)."""
    if isinstance(err, subprocess.CompletedProcess):
        lines = (err.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        first = lines[0] if lines else ""
        code = err.returncode
        head = f"killed by signal {-code}" if code < 0 else f"exit {code}"
        return short(f"{head}: {first}" if first else head, MAX_DETAIL)
    if isinstance(err, subprocess.TimeoutExpired):
        return f"no answer within {TIMEOUT} s; stopped"
    if isinstance(err, FileNotFoundError):
        return short(f"program not found: {err.filename or ''}", MAX_DETAIL)
    if isinstance(err, PermissionError):
        return short(f"not allowed to run: {err.filename or ''}", MAX_DETAIL)
    if isinstance(err, OSError):
        return short(f"cannot run: {err.strerror or err}", MAX_DETAIL)
    return short(str(err), MAX_DETAIL)


def _send(
    words: list[str], job: Job, score: int, verdict: str, now: datetime, ok: str, run: Runner
) -> NoticeEntry:
    """Run the program once for ``job``; an entry with ``ok`` or "failed" (never raises)."""
    title = short(job.title, MAX_TITLE)
    data = {**job.to_dict(), "score": score, "verdict": verdict}
    try:
        payload = orjson.dumps(data)
    except orjson.JSONEncodeError:  # a lone surrogate: escaped JSON still reads back
        payload = json.dumps(data).encode("ascii")
    try:
        done = run(
            words,
            input=payload,
            env=_env(job, score, verdict),
            shell=False,
            timeout=TIMEOUT,
            capture_output=True,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError) as err:
        return NoticeEntry(now, job.id, title, "failed", _failure(err))
    if done.returncode != 0:
        return NoticeEntry(now, job.id, title, "failed", _failure(done))
    return NoticeEntry(now, job.id, title, ok)


def _words(settings: Settings) -> tuple[list[str], str]:
    try:
        return command_words(settings.notify_command), ""
    except ValueError:
        return [], "the command has a quote that is not closed"


def _quiet_now(settings: Settings, now: datetime) -> bool:
    """A bad saved setting must not stop the refresh: a bad zone reads as this computer's,
    bad quiet hours as none."""
    try:
        zone(settings.timezone)
        tz = settings.timezone
    except ValueError:
        tz = ""
    try:
        return in_quiet_hours(now, settings.notify_quiet, tz)
    except ValueError:
        return False


def notify_new_jobs(
    store: Store, job_ids: list[str], now: datetime, *, log: Path, run: Runner = subprocess.run
) -> NoticeSummary:
    """Run the notice program once per new job worth a bid (see the module doc)."""
    summary = NoticeSummary()
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    settings = store.settings.get()
    if not settings.notify_command.strip() or not job_ids:
        return summary
    from cockpit.feeds.rules import compile_rules
    from cockpit.verdicts import gather, judge_one

    triage = store.triage.all_by_job()
    scorer = compile_rules(store.rules.all(), store.profile.get().skills, now)
    inputs = gather(store, now)
    picked: list[tuple[int, str, Job]] = []
    for job_id in dict.fromkeys(job_ids):
        job = store.jobs.get(job_id)
        state = triage.get(job_id)
        if job is None or job.repost_of or (state is not None and state.state == "dismissed"):
            continue
        score = scorer.score(job)
        if score.dismiss:  # a dismiss rule: as good as dismissed by hand
            continue
        verdict: str = judge_one(job, inputs, now).kind
        if worth_notice(job, score.total, verdict, settings):
            picked.append((score.total, verdict, job))
    if not picked:
        return summary
    picked.sort(key=lambda item: item[0], reverse=True)  # the best first, should the cap bite
    past = read_all(log)
    done_ids = {e.job_id for e in past if e.outcome == "sent"}
    hour_ago = now - timedelta(hours=1)
    sent_lately = sum(1 for e in past if e.outcome == "sent" and hour_ago < e.at <= now)
    words, bad = _words(settings)
    quiet = _quiet_now(settings, now)
    for score_total, verdict, job in picked:
        if job.id in done_ids:  # the app and cron both saw it: once is enough
            continue
        title = short(job.title, MAX_TITLE)
        if quiet:
            entry = NoticeEntry(now, job.id, title, "quiet")
        elif sent_lately >= settings.notify_per_hour:
            entry = NoticeEntry(now, job.id, title, "capped")
        elif bad or not words:
            entry = NoticeEntry(now, job.id, title, "failed", bad or "no command")
        else:
            entry = _send(words, job, score_total, verdict, now, "sent", run)
        if entry.outcome == "sent":
            sent_lately += 1
        summary.add(entry)
    append_entries(log, summary.entries)
    return summary


def sample_job(now: datetime) -> Job:
    return Job(
        id="test",
        title=_("Test notice from Cockpit"),
        link="https://www.upwork.com/jobs/~0123456789abcdef",
        posted=now,
        fetched=now,
        description=_("A sample job, sent to check that notices arrive."),
        budget=Budget(kind="fixed", currency="USD", min=500.0, max=500.0),
        skills=["Python"],
        source="generic",
    )


def send_test(
    settings: Settings, log: Path, now: datetime, *, run: Runner = subprocess.run
) -> NoticeEntry:
    """Send a sample job now, whatever the quiet hours and the cap say; logged as "test"
    when the program ran well, else as "failed" with the reason."""
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    job = sample_job(now)
    title = short(job.title, MAX_TITLE)
    words, bad = _words(settings)
    if bad or not words:
        entry = NoticeEntry(now, job.id, title, "failed", bad or "no command set")
    else:
        entry = _send(words, job, settings.notify_score, "bid", now, "test", run)
    append_entries(log, [entry])
    return entry
