"""Skill normalisation: one display form per skill, whatever the feed typed."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.skills import BUILTIN_ALIASES, fold, normalize, normalize_all, normalizer


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("audio editing", "Audio Editing"),
        ("Audio Editing", "Audio Editing"),
        ("audio-editing", "Audio Editing"),
        ("edit audio", "Audio Editing"),
        ("  EDIT   audio!", "Audio Editing"),
        ("pengeditan audio", "Audio Editing"),
        ("mixing", "Audio Mixing"),
        ("audio mixing", "Audio Mixing"),
        ("podcast edit", "Podcast Editing"),
        ("Podcast Editing", "Podcast Editing"),
        ("mastering", "Audio Mastering"),
        ("audio mastering", "Audio Mastering"),
        ("logo design", "Logo Design"),
        ("desain logo", "Logo Design"),
        ("video editing", "Video Editing"),
        ("edit video", "Video Editing"),
        ("voice over", "Voice Over"),
        ("voiceover", "Voice Over"),
        ("voice-over", "Voice Over"),
        ("VoiceOver", "Voice Over"),
        ("sound design", "Sound Design"),
        ("music production", "Music Production"),
        ("produksi musik", "Music Production"),
        ("transcription", "Transcription"),
        ("transkrip", "Transcription"),
        ("desain grafis", "Graphic Design"),
        ("penulisan konten", "Content Writing"),
        ("terjemahan", "Translation"),
        ("mix & master", "Mixing & Mastering"),
        ("Mixing and Mastering", "Mixing & Mastering"),
    ],
)
def test_builtin_aliases(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("seo", "SEO"),
        ("php development", "PHP Development"),
        ("ui / ux", "UI/UX"),
        ("UX/UI", "UI/UX"),
        ("wordpress plugin", "WordPress Plugin"),
        ("c++", "C++"),
        ("C#", "C#"),
        ("node.js", "Node.js"),
        ("3d modeling", "3D Modeling"),
        ("dj mixing", "DJ Mixing"),
        ("adobe audition", "Adobe Audition"),
        ("history of art", "History of Art"),
        ("#podcast", "Podcast"),
        ("audio editing.", "Audio Editing"),
    ],
)
def test_display_form_keeps_acronyms(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_untrusted_text_is_cleaned() -> None:
    assert normalize("\x1b[31maudio\x1b[0m editing\u202e\x00") == "Audio Editing"
    assert normalize("\x1b]8;;http://x\x07mixing") != ""
    assert "\x1b" not in normalize("\x1b]8;;http://x\x07mixing")


def test_nothing_left_is_empty() -> None:
    assert normalize("") == ""
    assert normalize(" -- !! ") == ""


def test_canonical_forms_are_fixed_points() -> None:
    for canonical in set(BUILTIN_ALIASES.values()):
        assert normalize(canonical) == canonical


def test_user_aliases_extend_and_override() -> None:
    aliases = {"daw": "Reaper", "mixing": "Mixing", "edit suara": "audio editing"}
    assert normalize("DAW", aliases) == "Reaper"
    assert normalize("mixing", aliases) == "Mixing"  # overrides the built-in
    assert normalize("Mixing", aliases) == "Mixing"
    assert normalize("audio mixing", aliases) == "Audio Mixing"  # other spellings unchanged
    assert normalize("edit suara", aliases) == "Audio Editing"  # target resolved to canonical
    assert normalize("mixing") == "Audio Mixing"  # built-ins untouched


def test_user_alias_chains_and_cycles_settle() -> None:
    aliases = {"a1": "b1", "b1": "c1", "x1": "y1", "y1": "x1"}
    assert normalize("a1", aliases) == normalize("b1", aliases) == normalize("c1", aliases)
    assert normalize("x1", aliases) == normalize("y1", aliases)
    for raw in ("a1", "b1", "x1", "y1"):
        once = normalize(raw, aliases)
        assert normalize(once, aliases) == once


def test_user_alias_keeps_user_casing() -> None:
    assert normalize("fl", {"fl": "FL Studio"}) == "FL Studio"
    assert normalize("fl studio", {"fl": "FL Studio"}) == "FL Studio"


def test_normalize_all_dedupes_in_order() -> None:
    raw = ["Mixing", "edit audio", "audio mixing", "", "Audio Editing", "seo", "!!"]
    assert normalize_all(raw) == ["Audio Mixing", "Audio Editing", "SEO"]


def test_normalizer_without_aliases_is_cached() -> None:
    norm = normalizer()
    assert norm is normalizer(None) is normalizer({})
    assert norm("edit audio") == "Audio Editing"


# --- properties -------------------------------------------------------------

_words = st.lists(
    st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=8),
    min_size=1,
    max_size=4,
)


# Characters that stress the folding rules: signs, dots, slashes, escapes, and
# letters whose case mapping changes length (dotless i, sharp s, ligatures).
_tricky = st.text(alphabet=st.sampled_from(list("ab1 .#+/&-_\x1b[]İıßﬁ\u0307é")), max_size=12)


@given(st.one_of(st.text(max_size=40), _tricky))
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize(raw)
    assert normalize(once) == once


@given(st.one_of(st.text(max_size=40), _tricky))
def test_fold_is_idempotent(raw: str) -> None:
    assert fold(fold(raw)) == fold(raw)


@pytest.mark.parametrize("raw", ["##", "#+#", "a.#b", "#.a", "c ++", "/#/", "..a..", "ß/ﬁ"])
def test_fold_is_idempotent_on_known_traps(raw: str) -> None:
    assert fold(fold(raw)) == fold(raw)


@given(st.text(alphabet=string.printable + "éÉüÜñÑ", max_size=30))
def test_normalize_ignores_case(raw: str) -> None:
    assert normalize(raw.upper()) == normalize(raw.lower()) == normalize(raw)


@given(_words, st.sampled_from([" ", "  ", "-", " - ", "_", "\t", " , "]))
def test_normalize_ignores_spacing_and_separators(words: list[str], sep: str) -> None:
    assert normalize(sep.join(words)) == normalize(" ".join(words))
    assert normalize(f"  {' '.join(words)} ") == normalize(" ".join(words))


@given(
    st.dictionaries(
        st.sampled_from(["mixing", "a", "b", "c", "seo", "edit audio", "voice over"]),
        st.sampled_from(["Mixing", "A", "b", "C c", "audio editing", "seo", "x"]),
        max_size=5,
    ),
    st.sampled_from(["mixing", "a", "B", "c", "seo", "Edit Audio", "voiceover", "x", "zz"]),
)
def test_normalize_with_aliases_is_idempotent(aliases: dict[str, str], raw: str) -> None:
    once = normalize(raw, aliases)
    assert normalize(once, aliases) == once
