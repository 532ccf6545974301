"""Any text at all: never raises, keeps the raw text, never swallows prose."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.feeds import pagepaste
from cockpit.feeds.pagepaste import read_page
from cockpit.feeds.pagepaste.reader import HEADINGS, SKILL_HEADINGS
from cockpit.feeds.pagepaste.upwork import LABELS
from cockpit.text import clean

from .support import NOW, PAGES

FIXTURES = sorted(p.read_text("utf-8") for p in PAGES.glob("*.txt"))
FIXTURE_LINES = [line for text in FIXTURES for line in text.splitlines()]
# Words no reader takes: a sentence made of them is always description.
WORDS = (
    "we need a careful person to help our small team with the new shop and its "
    "pages while keeping every old order safe during the move please write soon"
).split()
FRAGMENTS = [
    *FIXTURE_LINES,
    *(label + ":" for label in LABELS),
    *HEADINGS,
    *SKILL_HEADINGS,
    "$", "-", "Hourly", "Fixed-price", "~01", "Rp", "1,5", "50+", "ago", "9:99 PM",
    "Member since", "Posted", "Rating is 9 out of 5.", "9999999999999999999 hires",
]  # fmt: skip
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Longer than any stacked label's value (80): a label above it cannot take it.
noise = (
    st.lists(st.sampled_from(WORDS), min_size=20, max_size=30)
    .map(lambda ws: " ".join(ws).capitalize() + ".")
    .filter(lambda s: len(s) > 80)
)


def _check(text: str, url: str = "", title: str = "") -> None:
    # The reader itself, not its last-resort fallback, must cope with the text.
    result = pagepaste._read(text, url, title, NOW)
    assert read_page(text, url=url, title=title, now=NOW).job.title == result.job.title
    job = result.job
    assert job.raw == text
    assert job.source == "paste"
    assert job.title and job.id
    assert set(result.missing).isdisjoint(result.found)
    # Nothing invented: every description line is a line of the paste.
    lines = {" ".join(line.split()) for line in clean(text).splitlines()}
    for line in job.description.splitlines():
        assert not line or " ".join(line.split()) in lines or line.endswith("…")


@SETTINGS
@given(st.text(), st.text(max_size=80), st.text(max_size=40))
def test_arbitrary_text_never_raises(text: str, url: str, title: str) -> None:
    _check(text, url, title)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=30), max_size=60))
def test_label_soup_never_raises(parts: list[str]) -> None:
    _check("\n".join(parts))


@SETTINGS
@given(st.sampled_from(FIXTURES), st.randoms(use_true_random=False), st.integers(0, 4000))
def test_shuffled_and_cut_fixtures(text: str, rnd: object, cut: int) -> None:
    lines = text.splitlines()
    rnd.shuffle(lines)  # type: ignore[attr-defined]
    _check("\n".join(lines))
    _check(text[:cut])
    _check(text[cut:])


@SETTINGS
@given(st.sampled_from(FIXTURES), st.lists(st.tuples(st.integers(0, 80), noise), max_size=6))
def test_unrecognised_lines_stay_in_description(text: str, inserts: list[tuple[int, str]]) -> None:
    lines = text.splitlines()
    for at, sentence in inserts:
        lines.insert(min(at, len(lines)), sentence)
    result = read_page("\n".join(lines), now=NOW)
    kept = result.job.description.splitlines()
    for _at, sentence in inserts:
        if sentence != result.job.title:
            assert sentence in kept


def test_fixture_prose_is_kept() -> None:
    # Every line that reads as prose in a fixture ends up in the description.
    for text in FIXTURES:
        job = read_page(text, now=NOW).job
        for line in text.splitlines():
            prose = len(line.split()) >= 8 and line.endswith((".", ","))
            if prose and line != job.title and not line.startswith(("Only ", "Rating is")):
                assert line.strip() in job.description.splitlines(), line
