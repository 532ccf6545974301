"""Job-alert e-mails in: a single .eml, an mbox file or a Maildir folder, read with the
stdlib only, and each message turned into a Job the way a pasted page is (see ``jobs``)."""

from __future__ import annotations

from cockpit.mail.jobs import MailImport, job_from_mail, jobs_from_path
from cockpit.mail.read import Mail, Skipped, parse_message, read_path

__all__ = [
    "Mail",
    "MailImport",
    "Skipped",
    "job_from_mail",
    "jobs_from_path",
    "parse_message",
    "read_path",
]
