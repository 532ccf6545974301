"""The walk over the lines: headings, labels (inline, stacked, after their value),
amounts split over lines, self-describing lines, and the skills list.

Each line is looked at once from the top; a label may also take the line after
(or before) it. A line no reader takes is left unused: it becomes description.
"""

from __future__ import annotations

from cockpit.feeds.pagepaste import freelancer, projects, upwork
from cockpit.feeds.pagepaste.common import (
    COMMON_CONTENT,
    COMMON_LABELS,
    KIND_WORDS,
    PAYMENT,
    Labels,
    Recogniser,
    is_amount_line,
    read_budget,
    skills,
)
from cockpit.feeds.pagepaste.countries import COUNTRIES, WORLDWIDE
from cockpit.feeds.pagepaste.draft import MAX_SKILLS, Draft
from cockpit.feeds.pagepaste.lines import (
    BUTTONS,
    LABEL_CHARS,
    SHORT,
    Lines,
    bare,
    key_of,
)

# heading -> (section it opens, read into a field so dropped from the description)
HEADINGS: dict[str, tuple[str, bool]] = {
    "activity on this job": ("activity", True),
    "about the client": ("about", True),
    "about the employer": ("about", True),
    "about the buyer": ("about", True),
    "about the project owner": ("about", True),
    "project owner": ("about", False),
    "client information": ("about", False),
    "client verification": ("about", False),
    "tentang klien": ("about", True),
    "pemilik proyek": ("about", False),
    "client's recent history": ("history", False),
    "other open jobs by this client": ("history", False),
    "other jobs by this client": ("history", False),
    "similar jobs on upwork": ("history", False),
    "similar jobs": ("history", False),
    "jobs you may like": ("history", False),
    "summary": ("", False),
    "description": ("", False),
    "deskripsi": ("", False),
    "project details": ("", False),
    "project description": ("", False),
    "job description": ("", False),
    "details": ("", False),
    "preferred qualifications": ("", False),
}
SKILL_HEADINGS = frozenset(
    {"skills and expertise", "skills required", "required skills", "skills", "tags",
     "keahlian", "skill", "mandatory skills", "nice-to-have skills", "nice to have skills",
     "other skills", "skills & expertise", "keahlian yang dibutuhkan"}
)  # fmt: skip
SKILL_NOISE = frozenset({"more", "show more", "see more", "view more", "less", "show less"})
HISTORY_KEYS = frozenset({"connects", "available_connects"})
MAX_SKILL_CHARS = 50
# Self-describing lines are short (the longest, Freelancer's "24 freelancers are
# bidding on average $451 USD for this job", is 59): longer ones are prose.
CONTENT_CHARS = 72
AMOUNT_START = frozenset("$€£₹¥₱0123456789rui")

_PLATFORMS = {"upwork": upwork, "projects_co_id": projects, "freelancer": freelancer}


def tables(platform: str) -> tuple[Labels, list[tuple[str, Recogniser]]]:
    """The labels and recognisers for a platform; all of them for an unknown one."""
    labels = dict(COMMON_LABELS)
    content = list(COMMON_CONTENT)
    chosen = _PLATFORMS.get(platform)
    modules = [chosen] if chosen else [upwork, freelancer, projects]
    for module in modules:
        labels.update(module.LABELS)
        content.extend(module.CONTENT)
    return labels, content


def _first_words() -> frozenset[str]:
    """First words of every line a recogniser can read (the others start with a digit,
    a currency, or carry "," or ":"): a cheap gate so prose skips the recognisers."""
    words = {
        "posted", "renewed", "opened", "published", "member", "bid", "rating", "only", "less",
        "more", "hours", "no", "individual", "small", "mid-sized", "medium", "large",
        "enterprise", "payment", "pembayaran",
    }  # fmt: skip
    for group in (
        upwork.EXPERIENCE,
        upwork.PROJECT_TYPES,
        upwork.INDUSTRIES,
        COUNTRIES,
        WORLDWIDE,
        PAYMENT,
    ):
        words.update(name.split(" ", 1)[0] for name in group)
    return frozenset(words)


FIRST_WORDS = _first_words()


def _may_be_field(low: str) -> bool:
    first = low[0]
    return (
        first.isdigit()
        or first in "$€£₹¥₱+"
        or "," in low
        or ":" in low[-10:-1]  # a local time at the end: "Jakarta 3:42 PM"
        or low.partition(" ")[0] in FIRST_WORDS
        or low.endswith(("only", "only."))
    )


def _skill_like(key: str) -> bool:
    return (
        len(key) <= MAX_SKILL_CHARS
        and len(key.split()) <= 5
        and key[-1] not in ".?!:"
        and not key.startswith(("http", "www."))
    )


class Walker:
    def __init__(self, lines: Lines, d: Draft) -> None:
        self.lines = lines
        self.d = d
        self.labels, self.content = tables(d.platform)
        self.in_skills = False
        self.blanks = 0

    def run(self) -> None:
        text, used = self.lines.text, self.lines.used
        for i in range(len(text)):
            if used[i]:
                continue
            line = text[i]
            if not line:
                self.blanks += 1
                if self.blanks >= 2:
                    self.in_skills = False
                continue
            self.blanks = 0
            if len(line) > SHORT and ":" not in line[:LABEL_CHARS]:
                self.in_skills = False  # prose: the description
                self.d.last = ""
                continue
            if self.step(i, key_of(line)):
                used[i] = True
            else:
                self.d.last = ""

    def step(self, i: int, key: str) -> bool:
        if not key:
            return False
        d, low = self.d, key.lower()
        head = bare(low) if low[-1] in ":)" or "’" in low else low
        if head in SKILL_HEADINGS:
            self.in_skills = True
            return True
        if head in HEADINGS:
            d.section, drop = HEADINGS[head]
            self.in_skills = False
            return drop
        if low in BUTTONS:
            return True
        if (":" in key or head in self.labels) and self.label(i, key, head):
            self.in_skills = False
            return True
        if d.section != "history":
            if head in KIND_WORDS:
                return self.kind_word(i, head)
            if (
                low[0] in AMOUNT_START
                and not d.has("budget")
                and is_amount_line(low)
                and self.amount(i, key)
            ):
                self.in_skills = False
                return True
            if len(key) <= CONTENT_CHARS and _may_be_field(low):
                for _name, recognise in self.content:
                    if recognise(d, key, low):
                        self.in_skills = False
                        return True
        if self.in_skills:
            if low in SKILL_NOISE or (low.startswith("+") and low[1:].isdigit()):
                return True
            if "," in key and skills(d, key):
                self.in_skills = False  # one comma line is the whole list
                return True
            if _skill_like(key) and len(d.skills) < MAX_SKILLS:
                d.add_skills([key])
                return True
            self.in_skills = False
        return False

    def label(self, i: int, key: str, head: str) -> bool:
        """ "Label: value", or a label alone with its value below (or above) it."""
        name, sep, value = key.partition(":")
        name = name.strip().lower()
        if sep and len(name) <= LABEL_CHARS and name in self.labels and value.strip():
            field, handler = self.labels[name]
            if self.d.section == "history" and field not in HISTORY_KEYS:
                return False
            return handler(self.d, value.strip())
        if head not in self.labels or head in KIND_WORDS:
            return False
        field, handler = self.labels[head]
        if self.d.section == "history" and field not in HISTORY_KEYS:
            return False
        if self.d.last == field:
            return True  # "Intermediate" / "Experience level": the value came first
        text, used = self.lines.text, self.lines.used
        for j in (self.lines.next_filled(i), self.lines.prev_filled(i)):
            if j >= 0 and len(text[j]) <= SHORT and handler(self.d, key_of(text[j])):
                used[j] = True
                return True
        return False

    def kind_word(self, i: int, head: str) -> bool:
        """A lone "Hourly" / "Fixed-price": the kind of the amount under it, else a hint."""
        kind = KIND_WORDS[head]
        j = self.lines.next_filled(i)
        if j >= 0:
            nxt = key_of(self.lines.text[j])
            if is_amount_line(nxt.lower()) and read_budget(self.d, nxt, kind):
                self.lines.used[j] = True
                return True
        self.d.kind_hint = kind
        return True

    def amount(self, i: int, key: str) -> bool:
        """ "$15.00" / "-" / "$30.00" / "Hourly", or "$250.00" / "Fixed-price"."""
        text = self.lines.text
        parts, taken = [key], []
        j = self.lines.next_filled(i, 2)
        if j >= 0 and text[j] in ("-", "–", "—", "to", "s/d"):
            k = self.lines.next_filled(j, 2)
            if k >= 0 and is_amount_line(text[k].lower()):
                parts += ["-", key_of(text[k])]
                taken += [j, k]
                j = self.lines.next_filled(k, 2)
        kind = KIND_WORDS.get(bare(text[j].lower())) if j >= 0 else None
        if kind is not None:
            taken.append(j)
        if not read_budget(self.d, " ".join(parts), kind):
            return False
        for t in taken:
            self.lines.used[t] = True
        return True
