"""Messages to Jobs: Upwork alerts through the page reader, any other sender as one job.

An Upwork alert's job gets the same id a paste of its page gets (the link
``https://www.upwork.com/jobs/~01…``), so pasting the full page later enriches it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from cockpit.feeds.extract import bound, extract_from_text
from cockpit.feeds.pagepaste import read_page
from cockpit.i18n import _
from cockpit.mail import upwork
from cockpit.mail.read import Mail, Skipped, read_path
from cockpit.models import Job, job_id_for, utcnow
from cockpit.text import clean_line

SOURCE = "mail"
_LINK_NOISE = (
    "unsubscribe", "settings", "preferences", "privacy", "help", "terms", "login", "signin",
    "account", "notification", "logo", "track", "open?",
)  # fmt: skip


@dataclass(slots=True)
class MailImport:
    jobs: list[Job] = field(default_factory=list)
    read: int = 0  # messages looked at, read or not
    skipped: list[Skipped] = field(default_factory=list)


def jobs_from_path(path: Path, now: datetime | None = None) -> MailImport:
    """Every readable message under ``path`` as a Job; the rest named in ``skipped``."""
    result = MailImport()
    at = now or utcnow()
    for item in read_path(path):
        result.read += 1
        if isinstance(item, Skipped):
            result.skipped.append(item)
            continue
        job = job_from_mail(item, at)
        if job is None:
            result.skipped.append(Skipped(item.name, _("no job could be read")))
        else:
            result.jobs.append(job)
    return result


def job_from_mail(mail: Mail, now: datetime | None = None) -> Job | None:
    """One job for one message; None only when the readers themselves fail."""
    at = now or utcnow()
    try:
        if upwork.is_alert(mail.sender, mail.subject):
            job = _upwork(mail, at)
        else:
            job = _generic(mail, at)
    except Exception:  # the readers never raise; this is the last guard of an import
        return None
    job.source = SOURCE
    job.fetched = at
    return job


def _upwork(mail: Mail, now: datetime) -> Job:
    title = upwork.alert_title(mail.subject)
    platform_id = upwork.job_id(mail.text, mail.html)
    # The link a paste without --url makes from the id: the same job, the same id.
    link = upwork.JOB_BASE + platform_id if platform_id else ""
    text = upwork.page_text(mail.text, title)
    # "Posted 12 minutes ago" counts from when the alert was sent, not from the import.
    result = read_page(text, url=link, title=title, now=mail.date or now)
    job = result.job
    if not link:
        job.guid = _guid(mail)
        job.id = job_id_for(job.guid, "", job.title)
    job.raw = mail.text
    return job


def _generic(mail: Mail, now: datetime) -> Job:
    link = _job_link(mail.text)
    job = extract_from_text(mail.text, url=link, title=clean_line(mail.subject))
    job.posted = job.posted or mail.date
    if not link:
        job.guid = _guid(mail)  # re-importing the same mailbox: the same job, not a copy
    bound(job)
    job.id = job_id_for(job.guid, job.link, job.title)
    return job


def _guid(mail: Mail) -> str:
    if mail.message_id:
        return "mail:" + mail.message_id
    return "mail:" + mail.name + ":" + mail.subject


def _job_link(text: str) -> str:
    """The first link that looks like a job's page (not a logo, a setting or unsubscribe)."""
    for word in text.split():
        word = word.strip("<>()[]\"',.")
        if not word.startswith(("http://", "https://")):
            continue
        low = word.lower()
        if any(n in low for n in _LINK_NOISE):
            continue
        try:
            path = urlsplit(word).path
        except ValueError:
            continue
        if len([p for p in path.split("/") if p]) >= 2:
            return word
    return ""
