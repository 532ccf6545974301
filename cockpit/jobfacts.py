"""What a job page said, as grouped, translated rows (pure): for the paste dialog,
the detail pane and `cockpit paste`. Only fields that were read are listed."""

from __future__ import annotations

from dataclasses import dataclass, field

from cockpit.i18n import N_, _, format_date, format_money, format_number, ngettext
from cockpit.labels import full_budget_label
from cockpit.models import Client, Job, JobSignals, Reading
from cockpit.text import clean_line

EXPERIENCE = {
    "entry": N_("Entry level"),
    "intermediate": N_("Intermediate"),
    "expert": N_("Expert"),
}
PLATFORMS = {
    "upwork": "Upwork",
    "projects_co_id": "Projects.co.id",
    "freelancer": "Freelancer.com",
}


# The keys read_page reports as found or missing, as a user reads them.
FIELD_NAMES = {
    "title": N_("title"),
    "posted": N_("posted"),
    "budget": N_("budget"),
    "experience": N_("experience"),
    "duration": N_("duration"),
    "hours": N_("hours per week"),
    "project_type": N_("project type"),
    "location": N_("who may apply"),
    "skills": N_("skills"),
    "proposals": N_("proposals"),
    "last_viewed": N_("last viewed"),
    "interviewing": N_("interviewing"),
    "invites": N_("invites"),
    "unanswered": N_("unanswered invites"),
    "category": N_("category"),
    "project_id": N_("project ID"),
    "connects": N_("Connects"),
    "available_connects": N_("available Connects"),
    "bid_range": N_("bid range"),
    "payment": N_("payment verified"),
    "rating": N_("rating"),
    "reviews": N_("reviews"),
    "country": N_("country"),
    "jobs_posted": N_("jobs posted"),
    "hire_rate": N_("hire rate"),
    "spent": N_("total spent"),
    "hires": N_("hires"),
    "avg_rate": N_("average rate paid"),
    "hours_billed": N_("hours billed"),
    "industry": N_("industry"),
    "company_size": N_("company size"),
    "member_since": N_("member since"),
    "bids": N_("bids"),
    "bid_avg": N_("average bid"),
    "deadline": N_("deadline"),
    "finish_days": N_("finish days"),
    "status": N_("status"),
}


def field_names(keys: list[str]) -> str:
    return ", ".join(_(FIELD_NAMES[k]) if k in FIELD_NAMES else k for k in keys)


@dataclass(slots=True)
class Group:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)

    def add(self, label: str, value: object) -> None:
        if value is None or value == "" or value == []:
            return
        self.rows.append((label, clean_line(str(value))))


def groups(job: Job, *, core: bool = True) -> list[Group]:
    """Job, activity and client rows; empty groups left out. ``core=False`` leaves out
    the fields every job has (posted, budget, skills...), for a view that shows them."""
    signals = job.signals or JobSignals()
    parts = (_job(job, signals, core), _activity(signals), _client(signals.client))
    return [g for g in parts if g.rows]


def _job(job: Job, s: JobSignals, core: bool) -> Group:
    g = Group(_("Job"))
    g.add(_("Site"), PLATFORMS.get(s.platform, ""))
    if core:
        _core(g, job, s)
    g.add(_("Experience"), _(EXPERIENCE[s.experience]) if s.experience in EXPERIENCE else "")
    g.add(_("Duration"), s.duration)
    g.add(_("Hours"), s.hours_per_week)
    g.add(_("Project type"), s.project_type)
    g.add(_("Who may apply"), s.location_rule)
    if s.connects is not None:
        g.add(_("Connects to bid"), s.connects)
    if s.available_connects is not None:
        g.add(_("Available Connects"), s.available_connects)
    g.add(_("Deadline"), s.deadline)
    if s.finish_days is not None:
        g.add(_("Finish days"), s.finish_days)
    g.add(_("Status"), s.status)
    return g


def _core(g: Group, job: Job, s: JobSignals) -> None:
    g.add(_("Posted"), format_date(job.posted) if job.posted else "")
    budget = full_budget_label(job.budget)  # every digit; an hourly one ends in "/h"
    if budget and job.budget is not None and job.budget.kind == "fixed":
        budget += " " + _("fixed")
    g.add(_("Budget"), budget)
    g.add(_("Skills"), ", ".join(job.skills))
    if not s.client.country:
        g.add(_("Country"), job.country)
    g.add(_("Category"), job.category)


def _activity(s: JobSignals) -> Group:
    g = Group(_("Activity"))
    latest = s.latest
    if latest is None:
        return g
    g.add(_("Proposals"), latest.proposals)
    if latest.bids is not None:
        g.add(_("Bids"), latest.bids)
    if latest.bid_avg is not None:
        g.add(_("Average bid"), format_money(latest.bid_avg, latest.bid_currency or "USD"))
    if latest.bid_low is not None and latest.bid_high is not None:
        cur = latest.bid_currency or "USD"
        g.add(
            _("Bid range"),
            f"{format_money(latest.bid_low, cur)} - {format_money(latest.bid_high, cur)}",
        )
    if latest.last_viewed is not None:
        g.add(_("Last viewed by client"), format_date(latest.last_viewed))
    for label, value in (
        (_("Interviewing"), latest.interviewing),
        (_("Invites sent"), latest.invites_sent),
        (_("Unanswered invites"), latest.unanswered_invites),
    ):
        if value is not None:
            g.add(label, value)
    if len(s.readings) > 1:
        g.add(_("Readings"), "; ".join(_reading(r) for r in s.readings[-4:]))
    return g


def _reading(r: Reading) -> str:
    what = r.proposals or (
        ngettext("{count} bid", "{count} bids", r.bids).format(count=r.bids)
        if r.bids is not None
        else "?"
    )
    when = r.at.strftime("%d %b %H:%M") if r.at else "?"
    return _("{what} at {when}").format(what=what, when=when)


def _client(c: Client) -> Group:
    g = Group(_("Client"))
    if c.payment_verified is not None:
        g.add(_("Payment"), _("verified") if c.payment_verified else _("not verified"))
    if c.rating is not None:
        g.add(
            _("Rating"),
            _("{rating} of {scale}").format(
                rating=format_number(c.rating, decimals=1), scale=format_number(c.rating_scale)
            ),
        )
    if c.reviews is not None:
        g.add(_("Reviews"), c.reviews)
    g.add(_("Country"), ", ".join(p for p in (c.city, c.country) if p))
    if c.jobs_posted is not None:
        g.add(_("Jobs posted"), c.jobs_posted)
    if c.hire_rate is not None:
        g.add(_("Hire rate"), f"{c.hire_rate}%")
    if c.open_jobs is not None:
        g.add(_("Open jobs"), c.open_jobs)
    if c.spent is not None:
        g.add(_("Total spent"), format_money(c.spent, c.spent_currency or "USD"))
    if c.hires is not None:
        g.add(
            _("Hires"),
            c.hires
            if c.active_hires is None
            else _("{hires}, {active} active").format(hires=c.hires, active=c.active_hires),
        )
    if c.avg_hourly_paid is not None:
        g.add(_("Average rate paid"), format_money(c.avg_hourly_paid, "USD") + "/h")
    if c.hours is not None:
        g.add(_("Hours billed"), c.hours)
    g.add(_("Industry"), c.industry)
    g.add(_("Company size"), c.company_size)
    if c.member_since is not None:
        g.add(_("Member since"), format_date(c.member_since))
    return g


def as_lines(job: Job) -> list[str]:
    """Plain text for the CLI: a heading per group, then aligned rows."""
    out: list[str] = []
    for group in groups(job):
        out.append(group.title)
        width = max(len(label) for label, _v in group.rows)
        out.extend(f"  {label:<{width}}  {value}" for label, value in group.rows)
    return out
