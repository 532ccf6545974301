"""Explainable job scoring: profile skills plus the user's rules (pure, no I/O).

A rule *matches* a job when every condition it sets holds:

- ``include``: any keyword appears in the title, description or skills
  (case-insensitive, "word-ish": not glued to other letters or digits, so
  ``mix`` does not match ``mixpanel`` but ``c++`` and ``.net`` work);
- ``exclude``: none of these keywords appears;
- ``skills``: any overlap with the job's skills (case-insensitive);
- ``min_fixed`` / ``min_hourly``: the job has a budget of that kind, *in USD*,
  whose amount (the top of an hourly range) is at least the value. A budget in
  another currency makes the condition unknown and the rule does not match:
  we never convert currencies, and guessing would dismiss or boost wrongly.
  A salary (yearly pay, kind "salary") is neither a fixed budget nor an hourly
  rate: it never meets either condition;
- ``allow_countries``: the job's country is in the list (an unknown country
  is not);
- ``block_countries``: the job's country is not in the list;
- ``conditions``: every condition on what the job page said holds
  (``connects <= 8``, ``payment_verified = yes``; see ``conditions.py``).

A rule with no condition matches every job; ``validate_rule`` warns about it.

Every point of the total is listed in ``reasons`` so the UI can explain it;
tag and dismiss rules add a 0-point reason saying why they fired.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cockpit.feeds.conditions import Condition, parse_condition
from cockpit.i18n import _, format_number
from cockpit.models import Budget, Job, Rule, utcnow

SKILL_POINTS = 5
MAX_POINTS = 1000


def _word_pattern(kw: str) -> str:
    """Word-ish match: the keyword must not touch a letter or digit on either side.

    The literal comes first (the left check is a look-behind over it) so the
    regex engine can use its fast literal-prefix search.
    """
    lit = re.escape(kw)
    return lit + r"(?<![^\W_]" + lit + r")(?![^\W_])"


@dataclass(slots=True)
class Score:
    total: int = 0
    reasons: list[tuple[str, int]] = field(default_factory=list)
    dismiss: bool = False
    tags: list[str] = field(default_factory=list)


def _norm_list(values: Iterable[str]) -> list[str]:
    """Lowercased, stripped, de-duplicated, order kept."""
    seen: dict[str, None] = {}
    for value in values:
        key = " ".join(str(value).split()).casefold()
        if key:
            seen.setdefault(key, None)
    return list(seen)


def _usd_amount(budget: Budget | None, kind: str) -> float | None:
    """The amount when the budget is of ``kind`` (a salary is never "fixed") and in USD."""
    if budget is None or budget.kind != kind or budget.currency.upper() != "USD":
        return None
    return budget.amount


def _money(value: float) -> str:
    return "$" + format_number(value)


class _CompiledRule:
    __slots__ = (
        "action",
        "allow",
        "block",
        "conditions",
        "exclude",
        "include",
        "min_fixed",
        "min_hourly",
        "name",
        "points",
        "skills",
        "tag",
    )

    def __init__(self, rule: Rule) -> None:
        self.name = " ".join(rule.name.split()) or "(unnamed)"
        self.include = tuple(_norm_list(rule.include))
        self.exclude = frozenset(_norm_list(rule.exclude))
        self.skills = frozenset(_norm_list(rule.skills))
        self.min_fixed = rule.min_fixed
        self.min_hourly = rule.min_hourly
        self.allow = frozenset(_norm_list(rule.allow_countries))
        self.block = frozenset(_norm_list(rule.block_countries))
        self.action = rule.action
        self.tag = " ".join(rule.tag.split())
        self.points = int(rule.points)
        self.conditions = tuple(_compiled_conditions(rule.conditions))

    def matches(
        self, job: Job, words: set[str], skills: set[str], country: str, now: datetime | None = None
    ) -> bool:
        """All set conditions hold; ``words`` are the keywords found in the job."""
        if self.include and words.isdisjoint(self.include):
            return False
        if self.exclude and not words.isdisjoint(self.exclude):
            return False
        if self.skills and self.skills.isdisjoint(skills):
            return False
        if self.min_fixed is not None:
            fixed = _usd_amount(job.budget, "fixed")
            if fixed is None or fixed < self.min_fixed:
                return False
        if self.min_hourly is not None:
            hourly = _usd_amount(job.budget, "hourly")
            if hourly is None or hourly < self.min_hourly:
                return False
        if self.allow and country not in self.allow:
            return False
        if self.block and country in self.block:
            return False
        if self.conditions:
            doc, when = job.to_dict(), now or utcnow()
            return all(c.holds(doc, when) for c in self.conditions)
        return True

    def explain(self, job: Job, words: set[str]) -> str:
        """What matched, for the reason line (only built for a match)."""
        what: list[str] = []
        if self.include:
            what.append("'" + next(kw for kw in self.include if kw in words) + "'")
        if self.skills:
            hit = next(s for s in job.skills if s.strip().casefold() in self.skills)
            what.append(_("skill {skill}").format(skill=hit.strip()))
        amount = job.budget.amount if job.budget else None
        if self.min_fixed is not None and amount is not None:
            what.append(
                _("fixed {amount} >= {minimum}").format(
                    amount=_money(amount), minimum=_money(self.min_fixed)
                )
            )
        if self.min_hourly is not None and amount is not None:
            what.append(
                _("hourly {amount}/h >= {minimum}/h").format(
                    amount=_money(amount), minimum=_money(self.min_hourly)
                )
            )
        if self.allow:
            what.append(_("country {country}").format(country=job.country.strip()))
        if self.block:
            what.append(_("country not blocked"))
        what.extend(c.text for c in self.conditions)
        return ", ".join(what) or _("every job")


def _compiled_conditions(lines: Iterable[str]) -> list[Condition]:
    """Conditions that parse; validate_rule names the others before a rule is saved."""
    out: list[Condition] = []
    for line in lines:
        try:
            out.append(parse_condition(str(line)))
        except ValueError:
            continue
    return out


class Scorer:
    """Rules compiled once; ``score`` is then cheap enough for 50k jobs.

    Per job, each distinct keyword of all rules is looked for once: ``kw in
    text`` (C speed) rejects almost all of them and a regex confirms the
    word-ish boundary only on a hit. Rules then test set overlaps.
    """

    __slots__ = (
        "_by_keyword",
        "_keywords",
        "_no_include",
        "_now",
        "_patterns",
        "_profile",
        "_rules",
    )

    def __init__(
        self,
        rules: Iterable[Rule],
        profile_skills: Iterable[str] = (),
        now: datetime | None = None,
    ) -> None:
        self._now = now or utcnow()  # "posted_hours < 2" is measured from here
        self._rules = tuple(_CompiledRule(r) for r in rules if r.enabled)
        self._profile = frozenset(_norm_list(profile_skills))
        distinct = _norm_list(kw for r in self._rules for kw in (*r.include, *r.exclude))
        self._patterns = {kw: re.compile(_word_pattern(kw)) for kw in distinct}
        self._keywords = tuple((kw, p.search) for kw, p in self._patterns.items())
        # Rules with include keywords are only candidates when one was found.
        self._no_include = frozenset(i for i, r in enumerate(self._rules) if not r.include)
        by_keyword: dict[str, set[int]] = {}
        for i, rule in enumerate(self._rules):
            for kw in rule.include:
                by_keyword.setdefault(kw, set()).add(i)
        self._by_keyword = {kw: frozenset(ids) for kw, ids in by_keyword.items()}

    def _match(self, job: Job) -> tuple[list[str], list[_CompiledRule], set[str]]:
        """(profile skills the job has, rules that match, keywords found)."""
        skills = {s.strip().casefold() for s in job.skills}
        profile_hits: list[str] = []
        profile = self._profile
        if profile and not profile.isdisjoint(skills):
            shown: set[str] = set()
            for skill in job.skills:
                key = skill.strip().casefold()
                if key in profile and key not in shown:
                    shown.add(key)
                    profile_hits.append(skill.strip())
        matched: list[_CompiledRule] = []
        words: set[str] = set()
        if self._rules:
            if self._keywords:
                text = "\n".join((job.title, *job.skills, job.description)).casefold()
                words = {kw for kw, search in self._keywords if kw in text and search(text)}
            candidates = set(self._no_include)
            for kw in words:
                candidates.update(self._by_keyword.get(kw, ()))
            country = job.country.strip().casefold()
            rules = self._rules
            matched = [
                rules[i]
                for i in sorted(candidates)
                if rules[i].matches(job, words, skills, country, self._now)
            ]
        return profile_hits, matched, words

    def total(self, job: Job) -> int:
        """Just the number (for sorting many jobs); equals ``score(job).total``."""
        profile_hits, matched, _words = self._match(job)
        return SKILL_POINTS * len(profile_hits) + sum(
            r.points for r in matched if r.action == "score"
        )

    def score(self, job: Job) -> Score:
        """The number with every point explained."""
        profile_hits, matched, words = self._match(job)
        reasons = [
            (_("skill match: {skill}").format(skill=skill), SKILL_POINTS) for skill in profile_hits
        ]
        tags: list[str] = []
        dismiss = False
        for rule in matched:
            what = rule.explain(job, words)
            if rule.action == "score":
                reasons.append(
                    (_("rule {name}: {what}").format(name=rule.name, what=what), rule.points)
                )
            elif rule.action == "tag":
                if rule.tag and rule.tag not in tags:
                    tags.append(rule.tag)
                reason = _("rule {name}: tag '{tag}' ({what})")
                reasons.append((reason.format(name=rule.name, tag=rule.tag, what=what), 0))
            elif rule.action == "dismiss":
                dismiss = True
                reason = _("rule {name}: dismiss ({what})")
                reasons.append((reason.format(name=rule.name, what=what), 0))
        return Score(sum(points for _reason, points in reasons), reasons, dismiss, tags)

    # -- many jobs at once ------------------------------------------------------
    def score_rows(
        self, docs: Sequence[Mapping[str, Any]], pieces: Sequence[tuple[str, Sequence[int]]]
    ) -> tuple[list[int], bytearray, list[tuple[str, ...]]]:
        """(total, dismiss, tags) for every stored job dict, equal to ``score`` job by job.

        ``pieces`` cover the rows in order; each ``(hay, starts)`` holds its jobs'
        ``"\\n".join((title, *skills, description)).casefold()`` joined by "\\0" (its
        row ``i`` spans ``starts[i]:starts[i + 1] - 1``). Each keyword
        is searched once over all rows and each rule becomes a set of rows, so no Job
        object is built and no reason text is formatted (``score`` does that for one job).
        """
        n = len(docs)
        totals = [0] * n
        dismiss = bytearray(n)
        tags: list[tuple[str, ...]] = [()] * n
        rules = self._rules
        if n == 0 or (not rules and not self._profile):
            return totals, dismiss, tags
        kw_rows = {kw: _rows_in(p, pieces) for kw, p in self._patterns.items()}
        skill_rows, profile_counts = self._skill_rows(docs)
        for row, count in profile_counts.items():
            totals[row] = SKILL_POINTS * count
        every: set[int] | None = None
        countries: list[str] | None = None
        row_tags: dict[int, list[str]] = {}
        for rule in rules:
            rows: set[int] | None = None  # None: every job so far
            if rule.include:
                rows = set().union(*(kw_rows[kw] for kw in rule.include))
            if rule.skills:
                have = set().union(*(skill_rows.get(k, ()) for k in rule.skills))
                rows = have if rows is None else rows & have
            if rows is None:
                rows = every = every if every is not None else set(range(n))
            if rule.exclude:
                rows = rows - set().union(*(kw_rows[kw] for kw in rule.exclude))
            if rule.min_fixed is not None or rule.min_hourly is not None:
                rows = {i for i in rows if self._budget_ok(rule, docs[i].get("budget"))}
            if rule.conditions:
                now = self._now
                rows = {i for i in rows if all(c.holds(docs[i], now) for c in rule.conditions)}
            if rule.allow or rule.block:
                if countries is None:
                    countries = [str(d.get("country") or "").strip().casefold() for d in docs]
                if rule.allow:
                    rows = {i for i in rows if countries[i] in rule.allow}
                if rule.block:
                    rows = {i for i in rows if countries[i] not in rule.block}
            if rule.action == "score":
                for i in rows:
                    totals[i] += rule.points
            elif rule.action == "dismiss":
                for i in rows:
                    dismiss[i] = 1
            elif rule.action == "tag" and rule.tag:
                for i in rows:
                    have_tags = row_tags.setdefault(i, [])
                    if rule.tag not in have_tags:
                        have_tags.append(rule.tag)
        for i, names in row_tags.items():
            tags[i] = tuple(names)
        return totals, dismiss, tags

    def _skill_rows(
        self, docs: Sequence[Mapping[str, Any]]
    ) -> tuple[dict[str, set[int]], dict[int, int]]:
        """Rows per skill some rule or the profile names; row -> distinct profile skills."""
        wanted = set(self._profile).union(*(r.skills for r in self._rules))
        out: dict[str, set[int]] = {}
        counts: dict[int, int] = {}
        if not wanted:
            return out, counts
        profile = self._profile
        norm: dict[str, str] = {}  # skills repeat a lot across jobs
        for i, d in enumerate(docs):
            seen: set[str] | None = None
            for skill in d.get("skills") or ():
                key = norm.get(skill)
                if key is None:
                    key = norm[skill] = skill.strip().casefold()
                if key in wanted:
                    out.setdefault(key, set()).add(i)
                    if key in profile:
                        seen = seen or set()
                        seen.add(key)
            if seen:
                counts[i] = len(seen)
        return out, counts

    @staticmethod
    def _budget_ok(rule: _CompiledRule, raw: Any) -> bool:
        budget = None
        if raw:
            budget = Budget(raw["kind"], raw.get("currency", ""), raw.get("min"), raw.get("max"))
        if rule.min_fixed is not None:
            fixed = _usd_amount(budget, "fixed")
            if fixed is None or fixed < rule.min_fixed:
                return False
        if rule.min_hourly is not None:
            hourly = _usd_amount(budget, "hourly")
            if hourly is None or hourly < rule.min_hourly:
                return False
        return True


def _rows_in(pattern: re.Pattern[str], pieces: Sequence[tuple[str, Sequence[int]]]) -> set[int]:
    """Rows where ``pattern`` matches, over pieces of consecutive rows."""
    rows: set[int] = set()
    first = 0
    for hay, starts in pieces:
        rows.update(first + row for row in _rows_with(pattern, hay, starts))
        first += len(starts) - 1
    return rows


def _rows_with(pattern: re.Pattern[str], hay: str, starts: Sequence[int]) -> set[int]:
    """Rows of ``hay`` where ``pattern`` matches, searched in windows of rows (each
    C call short, so a build in a worker lets the UI thread run) and skipping to the
    next row after a hit."""
    rows: set[int] = set()
    last = len(starts) - 1
    spans_rows = "\0" in pattern.pattern
    window = 1 if spans_rows else 2000  # a keyword holding "\0" is looked for row by row
    search = pattern.search
    for first in range(0, last, window):
        end = starts[min(last, first + window)] - 1  # the "\0" after the window's last row
        pos = starts[first]
        while True:
            m = search(hay, pos, end)
            if m is None:
                break
            row = bisect.bisect_right(starts, m.start()) - 1
            rows.add(row)
            pos = starts[row + 1]
            if pos >= end:
                break
    return rows


def compile_rules(
    rules: Iterable[Rule], profile_skills: Iterable[str] = (), now: datetime | None = None
) -> Scorer:
    return Scorer(rules, profile_skills, now)


def score_job(job: Job, rules: list[Rule], profile_skills: Iterable[str] = ()) -> Score:
    """One-off scoring; for many jobs use ``compile_rules`` once."""
    return Scorer(rules, profile_skills).score(job)


def validate_rule(rule: Rule) -> list[str]:
    """Human-readable problems; an empty list means the rule can be saved."""
    problems: list[str] = []
    if not rule.name.strip():
        problems.append(_("The rule needs a name."))
    if rule.action not in ("score", "tag", "dismiss"):
        problems.append(
            _("Unknown action {action!r}: use score, tag or dismiss.").format(action=rule.action)
        )
    for label, value in (
        (_("Minimum fixed budget"), rule.min_fixed),
        (_("Minimum hourly rate"), rule.min_hourly),
    ):
        if value is not None and value < 0:
            problems.append(_("{field} cannot be negative.").format(field=label))
    for label, values in (
        (_("Include"), rule.include),
        (_("Exclude"), rule.exclude),
        (_("Skills"), rule.skills),
        (_("Allowed countries"), rule.allow_countries),
        (_("Blocked countries"), rule.block_countries),
    ):
        if any(not str(v).strip() for v in values):
            problems.append(_("{field} has an empty entry.").format(field=label))
    both = set(_norm_list(rule.include)) & set(_norm_list(rule.exclude))
    if both:
        problems.append(
            _("Keyword(s) both included and excluded: {words}.").format(
                words=", ".join(sorted(both))
            )
        )
    countries = set(_norm_list(rule.allow_countries)) & set(_norm_list(rule.block_countries))
    if countries:
        problems.append(
            _("Country both allowed and blocked: {countries}.").format(
                countries=", ".join(sorted(countries))
            )
        )
    for line in rule.conditions:
        try:
            parse_condition(str(line))
        except ValueError as err:
            problems.append(str(err))
    if rule.action == "tag" and not rule.tag.strip():
        problems.append(_("A tag rule needs a tag."))
    if rule.action == "score":
        if rule.points == 0:
            problems.append(_("Points is 0, so the rule changes nothing."))
        elif abs(rule.points) > MAX_POINTS:
            problems.append(
                _("Points must be between -{limit} and {limit}.").format(limit=MAX_POINTS)
            )
    has_condition = any(
        (
            rule.include,
            rule.exclude,
            rule.skills,
            rule.min_fixed is not None,
            rule.min_hourly is not None,
            rule.allow_countries,
            rule.block_countries,
            rule.conditions,
        )
    )
    if not has_condition:
        problems.append(
            _("The rule has no condition, so it dismisses every job.")
            if rule.action == "dismiss"
            else _("The rule has no condition, so it matches every job.")
        )
    return problems
