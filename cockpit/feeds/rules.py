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
  we never convert currencies, and guessing would dismiss or boost wrongly;
- ``allow_countries``: the job's country is in the list (an unknown country
  is not);
- ``block_countries``: the job's country is not in the list.

A rule with no condition matches every job; ``validate_rule`` warns about it.

Every point of the total is listed in ``reasons`` so the UI can explain it;
tag and dismiss rules add a 0-point reason saying why they fired.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cockpit.models import Budget, Job, Rule

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
    if budget is None or budget.kind != kind or budget.currency.upper() != "USD":
        return None
    return budget.amount


def _money(value: float) -> str:
    return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"


class _CompiledRule:
    __slots__ = (
        "action",
        "allow",
        "block",
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

    def matches(self, job: Job, words: set[str], skills: set[str], country: str) -> bool:
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
        return not (self.block and country in self.block)

    def explain(self, job: Job, words: set[str]) -> str:
        """What matched, for the reason line (only built for a match)."""
        what: list[str] = []
        if self.include:
            what.append("'" + next(kw for kw in self.include if kw in words) + "'")
        if self.skills:
            hit = next(s for s in job.skills if s.strip().casefold() in self.skills)
            what.append(f"skill {hit.strip()}")
        amount = job.budget.amount if job.budget else None
        if self.min_fixed is not None and amount is not None:
            what.append(f"fixed {_money(amount)} >= {_money(self.min_fixed)}")
        if self.min_hourly is not None and amount is not None:
            what.append(f"hourly {_money(amount)}/h >= {_money(self.min_hourly)}/h")
        if self.allow:
            what.append(f"country {job.country.strip()}")
        if self.block:
            what.append("country not blocked")
        return ", ".join(what) or "every job"


class Scorer:
    """Rules compiled once; ``score`` is then cheap enough for 50k jobs.

    Per job, each distinct keyword of all rules is looked for once: ``kw in
    text`` (C speed) rejects almost all of them and a regex confirms the
    word-ish boundary only on a hit. Rules then test set overlaps.
    """

    __slots__ = ("_by_keyword", "_keywords", "_no_include", "_profile", "_rules")

    def __init__(self, rules: Iterable[Rule], profile_skills: Iterable[str] = ()) -> None:
        self._rules = tuple(_CompiledRule(r) for r in rules if r.enabled)
        self._profile = frozenset(_norm_list(profile_skills))
        distinct = _norm_list(kw for r in self._rules for kw in (*r.include, *r.exclude))
        self._keywords = tuple((kw, re.compile(_word_pattern(kw)).search) for kw in distinct)
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
                if rules[i].matches(job, words, skills, country)
            ]
        return profile_hits, matched, words

    def total(self, job: Job) -> int:
        """Just the number (for sorting many jobs); equals ``score(job).total``."""
        profile_hits, matched, _ = self._match(job)
        return SKILL_POINTS * len(profile_hits) + sum(
            r.points for r in matched if r.action == "score"
        )

    def score(self, job: Job) -> Score:
        """The number with every point explained."""
        profile_hits, matched, words = self._match(job)
        reasons = [(f"skill match: {skill}", SKILL_POINTS) for skill in profile_hits]
        tags: list[str] = []
        dismiss = False
        for rule in matched:
            what = rule.explain(job, words)
            if rule.action == "score":
                reasons.append((f"rule {rule.name}: {what}", rule.points))
            elif rule.action == "tag":
                if rule.tag and rule.tag not in tags:
                    tags.append(rule.tag)
                reasons.append((f"rule {rule.name}: tag '{rule.tag}' ({what})", 0))
            elif rule.action == "dismiss":
                dismiss = True
                reasons.append((f"rule {rule.name}: dismiss ({what})", 0))
        return Score(sum(points for _, points in reasons), reasons, dismiss, tags)


def compile_rules(rules: Iterable[Rule], profile_skills: Iterable[str] = ()) -> Scorer:
    return Scorer(rules, profile_skills)


def score_job(job: Job, rules: list[Rule], profile_skills: Iterable[str] = ()) -> Score:
    """One-off scoring; for many jobs use ``compile_rules`` once."""
    return Scorer(rules, profile_skills).score(job)


def validate_rule(rule: Rule) -> list[str]:
    """Human-readable problems; an empty list means the rule can be saved."""
    problems: list[str] = []
    if not rule.name.strip():
        problems.append("The rule needs a name.")
    if rule.action not in ("score", "tag", "dismiss"):
        problems.append(f"Unknown action {rule.action!r}: use score, tag or dismiss.")
    for label, value in (
        ("Minimum fixed budget", rule.min_fixed),
        ("Minimum hourly rate", rule.min_hourly),
    ):
        if value is not None and value < 0:
            problems.append(f"{label} cannot be negative.")
    for label, values in (
        ("Include", rule.include),
        ("Exclude", rule.exclude),
        ("Skills", rule.skills),
        ("Allowed countries", rule.allow_countries),
        ("Blocked countries", rule.block_countries),
    ):
        if any(not str(v).strip() for v in values):
            problems.append(f"{label} has an empty entry.")
    both = set(_norm_list(rule.include)) & set(_norm_list(rule.exclude))
    if both:
        problems.append(f"Keyword(s) both included and excluded: {', '.join(sorted(both))}.")
    countries = set(_norm_list(rule.allow_countries)) & set(_norm_list(rule.block_countries))
    if countries:
        problems.append(f"Country both allowed and blocked: {', '.join(sorted(countries))}.")
    if rule.action == "tag" and not rule.tag.strip():
        problems.append("A tag rule needs a tag.")
    if rule.action == "score":
        if rule.points == 0:
            problems.append("Points is 0, so the rule changes nothing.")
        elif abs(rule.points) > MAX_POINTS:
            problems.append(f"Points must be between -{MAX_POINTS} and {MAX_POINTS}.")
    has_condition = any(
        (
            rule.include,
            rule.exclude,
            rule.skills,
            rule.min_fixed is not None,
            rule.min_hourly is not None,
            rule.allow_countries,
            rule.block_countries,
        )
    )
    if not has_condition:
        verb = "dismisses" if rule.action == "dismiss" else "matches"
        problems.append(f"The rule has no condition, so it {verb} every job.")
    return problems
