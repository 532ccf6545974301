"""Templates with ``{placeholders}`` filled from a job, the profile and the portfolio checklist.

Placeholders (anything else in braces that looks like ``{name}`` is left as-is and reported):

- ``{job_title}``      the job's title.
- ``{client_name}``    the client's name; when unknown it becomes ``there``, so a greeting
                       written as "Hi {client_name}," still reads "Hi there,". Write greetings
                       that way round ("Dear {client_name}" would read "Dear there").
- ``{skills}``         the job's skills that are also in the profile (case-insensitive, job's
                       spelling and order), joined "A, B and C"; if none match, the job's first
                       three skills.
- ``{category}``       the job's category.
- ``{budget}``         the budget as text: "$500 fixed", "$30–$54/hr", "Rp1.500.000 fixed".
- ``{my_name}``        the profile name.
- ``{portfolio_link}`` the http(s) link in the evidence of the DONE checklist item sharing the
                       most skills with the job; else the profile's portfolio URL.

A placeholder with nothing to put in it stays in the text, is listed in ``FillResult.unfilled``
and is flagged again by lint, so an empty value never slips out silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from cockpit.models import Budget, ChecklistItem, Job, Profile, Template
from cockpit.text import clean_line, safe_url

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
PLACEHOLDERS: tuple[str, ...] = (
    "job_title",
    "client_name",
    "skills",
    "category",
    "budget",
    "my_name",
    "portfolio_link",
)
CLIENT_FALLBACK = "there"


@dataclass(slots=True)
class FillResult:
    text: str
    unfilled: list[str] = field(default_factory=list)  # placeholder names, no braces


def join_naturally(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def matching_skills(job: Job, profile: Profile) -> list[str]:
    """Job skills the profile also has; else the job's first three. Job spelling, no repeats."""
    seen: set[str] = set()
    job_skills: list[str] = []
    for raw in job.skills:
        skill = clean_line(raw)
        if skill and skill.casefold() not in seen:
            seen.add(skill.casefold())
            job_skills.append(skill)
    mine = {clean_line(s).casefold() for s in profile.skills}
    matched = [s for s in job_skills if s.casefold() in mine]
    return matched or job_skills[:3]


# Currency code -> symbol written before the amount; other codes are written "500 CAD".
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "IDR": "Rp"}
_CODES = {symbol.casefold(): code for code, symbol in _SYMBOLS.items()}


def _number(amount: float, code: str) -> str:
    if code == "IDR":  # rupiah: no cents, dots between thousands
        return f"{round(amount):,}".replace(",", ".")
    if amount == int(amount):
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def money(amount: float, currency: str) -> str:
    """One amount in its own currency, never converted: '$1,500', 'Rp1.500.000', '500 CAD'."""
    cur = clean_line(currency)
    code = _CODES.get(cur.casefold(), cur.upper())
    number = _number(amount, code)
    if code in _SYMBOLS:
        return f"{_SYMBOLS[code]}{number}"
    return f"{number} {code}" if code else number


def _finite(value: float | None) -> float | None:
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def budget_text(budget: Budget | None) -> str:
    """Human text for a budget, or '' when there is no amount to show."""
    if budget is None:
        return ""
    low, high = _finite(budget.min), _finite(budget.max)
    if low is None and high is None:
        return ""
    if low is not None and high is not None and low != high:
        span = f"{money(low, budget.currency)}–{money(high, budget.currency)}"
    elif low is None and high is not None and budget.kind == "hourly":
        span = f"up to {money(high, budget.currency)}"
    else:
        only = high if high is not None else low
        span = money(only if only is not None else 0.0, budget.currency)
    if budget.kind == "salary":
        return f"{span} a year"
    return f"{span}/hr" if budget.kind == "hourly" else f"{span} fixed"


_LINK = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)


def first_link(text: str) -> str:
    """The first http(s) link in free text ('' if none); other schemes never count."""
    found = _LINK.search(clean_line(text))
    if not found:
        return ""
    return safe_url(found.group(0).rstrip(".,;:!?")) or ""


def portfolio_link(job: Job, profile: Profile, checklist: list[ChecklistItem]) -> str:
    """Best proof for this job: the done item sharing most skills, newest first on a tie."""
    wanted = {clean_line(s).casefold() for s in job.skills} - {""}
    best: tuple[int, float, str] | None = None
    for item in checklist:
        link = first_link(item.evidence)
        if item.status != "done" or not link:
            continue
        overlap = len(wanted & {clean_line(s).casefold() for s in item.skills})
        if overlap == 0:
            continue
        when = item.done_at.timestamp() if item.done_at else 0.0
        if best is None or (overlap, when) > best[:2]:
            best = (overlap, when, link)
    if best:
        return best[2]
    return first_link(profile.portfolio_url)


def fill(
    template_body: str, job: Job, profile: Profile, checklist: list[ChecklistItem]
) -> FillResult:
    """Fill known placeholders; leave unknown or empty ones as written and report them."""
    # Lazily computed so a template only pays for the placeholders it uses.
    values: dict[str, Callable[[], str]] = {
        "job_title": lambda: clean_line(job.title),
        "client_name": lambda: clean_line(job.client_name) or CLIENT_FALLBACK,
        "skills": lambda: join_naturally(matching_skills(job, profile)),
        "category": lambda: clean_line(job.category),
        "budget": lambda: budget_text(job.budget),
        "my_name": lambda: clean_line(profile.name),
        "portfolio_link": lambda: portfolio_link(job, profile, checklist),
    }
    unfilled: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        getter = values.get(name)
        value = getter() if getter else ""
        if value:
            return value
        if name not in unfilled:
            unfilled.append(name)
        return match.group(0)

    # One pass, so a value that itself contains "{x}" is never filled again.
    return FillResult(PLACEHOLDER.sub(replace, template_body), unfilled)


DEFAULT_TEMPLATES: list[Template] = [
    Template(
        id="default-short",
        name="Short and direct",
        body=(
            "Hi {client_name},\n\n"
            'You need {skills} for "{job_title}", and that is exactly the work '
            "I do every day.\n\n"
            "Here is a recent example: {portfolio_link}\n\n"
            "I can send a short test edit of your material first, so you hear the result "
            "before you decide. When would you like it back?\n\n"
            "Best regards,\n{my_name}"
        ),
    ),
    Template(
        id="default-podcast",
        name="Podcast / voice clean-up",
        body=(
            "Hi {client_name},\n\n"
            'Clean, clear audio for "{job_title}" is what I can give you: {skills}, '
            "with noise, clicks and long pauses removed and levels kept even.\n\n"
            "Before and after samples: {portfolio_link}\n\n"
            "Could you share one raw file and your deadline? I will reply with a plan and "
            "a clear price.\n\n"
            "Thanks,\n{my_name}"
        ),
    ),
    Template(
        id="default-music",
        name="Music mixing and mastering",
        body=(
            "Hi {client_name},\n\n"
            'For "{job_title}" I offer {skills} that keeps your track\'s feel and sounds '
            "good on every speaker.\n\n"
            "Listen to my recent mixes here: {portfolio_link}\n\n"
            "Two rounds of revisions are included. Which reference tracks do you like?\n\n"
            "Cheers,\n{my_name}"
        ),
    ),
]
