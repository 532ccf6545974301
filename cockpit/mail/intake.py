"""Alert e-mails into the store: shared by `cockpit mail import` and the app's import dialog.

Reading (``read_mail``) touches only the mail; saving (``save_mail_jobs``) only the store,
so the app reads on a worker and saves on the store's writer. Each job is stored the way
`cockpit paste` stores one (merged by id): an alert read twice is still one job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cockpit.i18n import _, ngettext
from cockpit.mail.jobs import MailImport, jobs_from_path
from cockpit.mail.read import Skipped

if TYPE_CHECKING:
    from cockpit.store import Store


class MailPathError(ValueError):
    """The path names nothing to read; the message is ready for the user."""


@dataclass(slots=True)
class IntakeResult:
    """What was stored: one dict per job (id, title, link, new), and what was not."""

    stored: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    new: int = 0


def read_mail(path: Path, now: datetime) -> MailImport:
    """Every job in the .eml file, mbox file or Maildir at ``path``; nothing is stored."""
    if not path.exists():
        raise MailPathError(_("{path} does not exist (or its folder does not)").format(path=path))
    return jobs_from_path(path, now)


def check_path(path: Path) -> tuple[bool, str]:
    """What ``path`` is, as read_path will read it, in one line; False if it cannot be read."""
    try:
        if not path.exists():
            return False, _("{path} does not exist (or its folder does not)").format(path=path)
        if path.is_dir():
            if (path / "cur").is_dir() or (path / "new").is_dir():
                return True, _("A Maildir folder.")
            return True, _("A folder: its .eml files are read.")
        with path.open("rb") as fh:
            head = fh.read(5)
    except OSError as err:
        return False, err.strerror or str(err)
    return True, _("An mbox file.") if head == b"From " else _("One e-mail file (.eml).")


def save_mail_jobs(store: Store, result: MailImport) -> IntakeResult:
    """Merge each job into the store; a job the store refuses becomes a skipped one."""
    out = IntakeResult(skipped=list(result.skipped))
    for job in result.jobs:
        new = store.jobs.merge_paste(job)
        if not new and store.jobs.get(job.id) is None:
            why = "; ".join(r[1] for r in store.jobs.refused) or _("refused by the store")
            out.skipped.append(Skipped(job.title, why))
            continue
        out.stored.append({"id": job.id, "title": job.title, "link": job.link, "new": new})
    out.new = sum(1 for s in out.stored if s["new"])
    return out


def summary(read: int, result: IntakeResult) -> str:
    """ "read N messages: J jobs (K new), S skipped", the CLI's first line."""
    return ngettext(
        "read {n} message: {jobs} jobs ({new} new), {skipped} skipped",
        "read {n} messages: {jobs} jobs ({new} new), {skipped} skipped",
        read,
    ).format(n=read, jobs=len(result.stored), new=result.new, skipped=len(result.skipped))
