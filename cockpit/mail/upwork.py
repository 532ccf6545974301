"""Upwork's job-alert e-mail body, rearranged into the lines the page reader knows.

The alert packs several fields on one line ("Payment verified · Rating 4.8 · $10K+
spent · United States", "Est. Time: 1 to 3 months, Less than 30 hrs/week"); the
page reader (cockpit.feeds.pagepaste) wants them one per line, with the client's
figures under "About the client". Everything else is left as it is.
"""

from __future__ import annotations

import re

ALERT_SENDER = "donotreply@upwork.com"
SUBJECT_PREFIX = "new job:"
UPWORK_ID = re.compile(r"~0[12][0-9a-z]{8,40}", re.IGNORECASE)
JOB_BASE = "https://www.upwork.com/jobs/"

_SEPARATORS = re.compile(r"\s+[·|•]\s+|\s+[-–—]\s+(?=[A-Za-z$])")
_URL = re.compile(r"https?://\S+")
_RATING = re.compile(
    r"^(?:rating:?\s*|★+\s*)?(?P<r>\d(?:\.\d{1,2})?)(?:\s*(?:/\s*5|stars?|rating))?$"
)
_SPENT = re.compile(r"^(?P<m>\$\s?\d[\d,.]{0,15}[kKmM]?\+?)\s+spent$")
_EST = re.compile(r"^est(?:imated)?\.? time:?\s*", re.IGNORECASE)
_INTRO = ("a new job match", "new job:", "new jobs match", "hi ", "hello")
_FOOTER = ("you are receiving this", "unsubscribe", "manage your job alerts", "© 20")
_LINK_WORDS = ("view job", "apply now", "see more", "view details")
MAX_LINE = 300
_FIELD_START = (
    "hourly", "fixed", "est", "posted", "payment", "entry", "intermediate", "expert", "rating",
    "$", "★",
)  # fmt: skip


def is_alert(sender: str, subject: str) -> bool:
    return sender == ALERT_SENDER and subject.lower().startswith(SUBJECT_PREFIX)


def alert_title(subject: str) -> str:
    return subject[len(SUBJECT_PREFIX) :].strip() if is_subject(subject) else subject.strip()


def is_subject(subject: str) -> bool:
    return subject.lower().startswith(SUBJECT_PREFIX)


def job_id(*texts: str) -> str:
    """The first ``~01…`` id in the texts (the plain part, then the HTML's hrefs)."""
    for text in texts:
        match = UPWORK_ID.search(text)
        if match:
            return match.group().lower()
    return ""


def page_text(body: str, title: str) -> str:
    """The alert's body as page lines; the title line, links and footer dropped."""
    out: list[str] = []
    for raw in body.splitlines():
        line = raw.strip()
        low = line.lower()
        if any(low.startswith(f) for f in _FOOTER):
            break  # the footer: nothing about the job from here on
        if line == title or low in _LINK_WORDS or low.startswith(_INTRO):
            continue
        if _URL.search(line):
            rest = _URL.sub("", line).strip(" :").lower()
            if not rest or rest in _LINK_WORDS:
                continue  # a bare link line; the id is read from the links separately
        if len(line) > MAX_LINE:
            out.append(raw)
            continue
        out.extend(_split(line))
    return "\n".join(out)


def _split(line: str) -> list[str]:
    parts = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) > 1 and sum(p.lower().startswith(_FIELD_START) for p in parts) < 2:
        return [line]  # prose with a dash in it, not a line of packed fields
    out: list[str] = []
    if any("payment" in p.lower() or _SPENT.match(p) for p in parts):
        out.append("About the client")  # so a bare country is the client's, not a rule
    for part in parts:
        est = _EST.match(part)
        if est:  # "Est. Time: 1 to 3 months, Less than 30 hrs/week": two bare terms
            out.extend(p.strip() for p in part[est.end() :].split(",") if p.strip())
        elif len(parts) > 1 or out:
            out.append(_client_part(part))
        else:
            out.append(part)
    return out


def _client_part(part: str) -> str:
    rating = _RATING.match(part.lower())
    if rating:
        return "Rating is {r} out of 5.".format(r=rating.group("r"))
    spent = _SPENT.match(part)
    if spent:
        return "{m} total spent".format(m=spent.group("m"))
    if part.lower().startswith(("hourly", "fixed")) and ":" not in part:
        word, _, rest = part.partition(" ")
        return f"{word}: {rest}" if rest else part
    return part
