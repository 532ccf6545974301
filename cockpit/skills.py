"""Skill normalisation: one spelling per skill, in a display form (pure, no I/O).

Feeds spell the same skill many ways ("audio editing", "Audio-Editing",
"edit audio", Indonesian "pengeditan audio"). Demand figures are only honest
when those are counted as one, so every skill goes through :func:`normalize`:

1. *fold*: Unicode NFKC + casefold, ``&`` -> ``and``, punctuation to spaces
   (keeping the ``+ # . /`` that make "C++", "C#", "Node.js", "UI/UX"),
   whitespace collapsed;
2. *alias*: the folded key is looked up in the alias table (user aliases first,
   then :data:`BUILTIN_ALIASES`), then by its space-less form so
   "voiceover" meets "voice over";
3. *display*: an unknown skill is title-cased word by word, keeping acronyms
   and brand casing ("SEO", "PHP", "UI/UX", "WordPress").

``normalize`` is idempotent: ``normalize(normalize(s)) == normalize(s)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

# Canonical display form -> "|"-separated spellings that mean it (English, Indonesian).
# Spellings are folded when the table is built, so case and punctuation here do
# not matter. The canonical form always maps to itself.
_CANON: dict[str, str] = {
    "Audio Editing": (
        "edit audio|audio edit|audio editor|editing audio|pengeditan audio|"
        "penyuntingan audio|sunting audio"
    ),
    "Audio Mixing": "mixing|mix audio|audio mix|mixing audio|mixdown",
    "Audio Mastering": "mastering|master audio|mastering audio|audio master",
    "Mixing & Mastering": "mix and master|mix & master|mix master",
    "Podcast Editing": (
        "podcast edit|podcast editor|edit podcast|editing podcast|pengeditan podcast"
    ),
    "Podcast Production": "produksi podcast",
    "Logo Design": "desain logo|logo designer|pembuatan logo",
    "Graphic Design": "desain grafis|graphic designer|desain grafik",
    "Video Editing": (
        "edit video|video edit|video editor|editing video|pengeditan video|"
        "penyuntingan video|sunting video"
    ),
    "Voice Over": "voiceover|voice-over|vo|voice actor|voice acting|sulih suara|pengisi suara",
    "Sound Design": "sound designer|desain suara|desain audio",
    "Sound Effects": "sfx|sound fx|efek suara",
    "Music Production": "produksi musik|music producer|music produce|produser musik",
    "Music Composition": "komposisi musik|music composer|composing music",
    "Transcription": "transkrip|transkripsi|transcribe|transcribing|audio transcription|transcript",
    "Translation": "terjemahan|penerjemahan|translate|translator|penerjemah",
    "Content Writing": "penulisan konten|content writer|menulis konten|penulis konten",
    "Copywriting": "copy writing|copywriter|penulisan iklan",
    "Web Design": "desain web|web designer|desain situs web",
    "Web Development": "pengembangan web|web developer|web dev",
    "Data Entry": "entri data|input data|pengetikan data",
    "Digital Marketing": "pemasaran digital|online marketing",
    "Social Media Marketing": "smm|pemasaran media sosial",
    "Photography": "fotografi|photographer",
    "Photo Editing": "edit foto|photo edit|pengeditan foto|photo retouching",
    "Animation": "animasi|animator",
    "Illustration": "ilustrasi|illustrator",
    "Subtitling": "subtitle|subtitles|teks film|captioning",
    "SEO": "search engine optimization|search engine optimisation|optimasi seo",
    "UI/UX": "ui ux|ux/ui|ux ui|ui/ux design|ui ux design",
}

# Category words feeds put in <category> that name no skill (LaraJobs tags every post
# "Job"): as skills they only pad demand figures. Compact folded keys, so "Full-Time",
# "full time" and "FULLTIME" all meet here.
GENERIC_CATEGORIES = frozenset(
    """
    job jobs other others remote fulltime parttime contract freelance anywhere worldwide
    all general misc miscellaneous uncategorized uncategorised
    """.split()
)

# Acronyms and brands: their casing survives display.
_SPECIAL_SPELLINGS = (
    "SEO PHP UI UX CSS HTML HTML5 CSS3 API APIs AI ML SQL AWS GCP CRM CMS ERP SaaS "
    "iOS macOS DJ MIDI DAW ADR SFX VO ASMR B2B QA PDF JSON XML REST GraphQL NFT IT HR "
    "PR TV USA UK EU 3D 2D WordPress WooCommerce JavaScript TypeScript jQuery MySQL "
    "PostgreSQL MongoDB YouTube TikTok LinkedIn Shopify Figma Node.js Vue.js React.js "
    "Next.js .NET C# C++ FL DaVinci eBay GitHub PowerPoint AutoCAD SoundCloud iZotope "
    "ProTools"
)
# Folded word -> display form, for words plain title case gets wrong.
_SPECIAL_WORDS: dict[str, str] = {w.casefold(): w for w in _SPECIAL_SPELLINGS.split()}
# Short joining words stay lower case inside a name ("Mixing and Mastering").
_SMALL_WORDS = frozenset({"and", "of", "for", "in", "to", "the", "a", "an", "on", "with", "dan"})

_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_AMP = re.compile(r"&")
_NOT_KEPT = re.compile(r"[^\w+#./]|_")
_DOTS = re.compile(r"\.+")
_DOT_NOT_BEFORE_WORD = re.compile(r"\.(?![^\W_])")
# "_" is already a space when this runs, so \w means a letter or digit here:
# "c++" and "c#" keep their signs, a lone "#" or "+" goes.
_SIGNS_NOT_AFTER_WORD = re.compile(r"(?<![\w+#])[+#]+")
_SLASH_SPACES = re.compile(r"\s*/+\s*")
_EDGE_SLASH = re.compile(r"(?<!\S)/+|/+(?!\S)")


def _fold_once(text: str) -> str:
    if text.isascii():
        s = text.lower()
    else:
        s = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if "&" in s:
        s = _AMP.sub(" and ", s)
    s = _NOT_KEPT.sub(" ", s)
    # The rules below only matter when their characters are there (the usual case is not).
    if "." in s:
        s = _DOTS.sub(".", s)
        s = _DOT_NOT_BEFORE_WORD.sub(" ", s)
    if "+" in s or "#" in s:
        s = _SIGNS_NOT_AFTER_WORD.sub(" ", s)
    if "/" in s:
        s = _SLASH_SPACES.sub("/", s)
        s = _EDGE_SLASH.sub(" ", s)
    return " ".join(s.split())


def fold(text: str) -> str:
    """The comparison key of a skill: case, spacing and punctuation folded."""
    if "\x1b" in text:  # terminal escape sequences from a feed: drop them whole
        text = _ESCAPES.sub(" ", text)
    if text.isascii():
        s = text.lower()
        if _PLAIN.fullmatch(s):  # the common case: nothing to fold
            return s
    s = _fold_once(text)
    # Case folding and the punctuation rules can expose more to fold; settle it.
    # Plain words and spaces are already settled.
    for _ in range(4):
        if _PLAIN.fullmatch(s):
            break
        again = _fold_once(s)
        if again == s:
            break
        s = again
    return s


def _compact(key: str) -> str:
    return key.replace(" ", "")


def _display_word(word: str, first: bool) -> str:
    special = _SPECIAL_WORDS.get(word)
    if special is not None:
        return special
    if not first and word in _SMALL_WORDS:
        return word
    if len(word) <= 3 and not word.isalpha():  # 3D, MP3, 4K
        return word.upper()
    return word[:1].upper() + word[1:]


def display(key: str) -> str:
    """Title-case a folded key, keeping acronyms and brand casing."""
    words = []
    for i, word in enumerate(key.split(" ")):
        if "/" in word:
            parts = word.split("/")
            word = "/".join([_display_word(p, i == 0 and j == 0) for j, p in enumerate(parts)])
        else:
            word = _display_word(word, i == 0)
        words.append(word)
    shown = " ".join(words)
    # Title-casing ASCII always folds back; some other letters change under
    # upper-casing (e.g. dotless i), and idempotence must never break.
    return shown if key.isascii() or fold(shown) == key else key


class _Table:
    """Folded key -> canonical display form, plus the space-less fallback index."""

    __slots__ = ("compact", "exact")

    def __init__(self, exact: dict[str, str]) -> None:
        self.exact = exact
        self.compact: dict[str, str] = {}
        # Exact keys win; the compact index is only a fallback, first key wins.
        for key in sorted(exact):
            self.compact.setdefault(_compact(key), exact[key])

    def lookup(self, skill: str) -> str:
        key = fold(skill)
        if not key:
            return ""
        hit = self.exact.get(key)
        if hit is None:
            compact = _compact(key)
            if compact in GENERIC_CATEGORIES:
                return ""  # not a skill; a user's own alias for it (above) still wins
            hit = self.compact.get(compact)
        return hit if hit is not None else display(key)


def _builtin_exact() -> dict[str, str]:
    exact: dict[str, str] = {}
    for canonical, spellings in _CANON.items():
        exact[fold(canonical)] = canonical
        for spelling in spellings.split("|"):
            exact.setdefault(fold(spelling), canonical)
    return exact


BUILTIN_ALIASES: dict[str, str] = _builtin_exact()
"""Folded spelling -> canonical display form. Read-only by convention."""

_BUILTIN = _Table(BUILTIN_ALIASES)


@lru_cache(maxsize=1 << 16)
def _normalize_builtin(skill: str) -> str:
    return _BUILTIN.lookup(skill)


def _user_table(aliases: Mapping[str, str]) -> _Table:
    exact = dict(BUILTIN_ALIASES)
    pairs = [(fold(k), fold(t), t) for k, t in aliases.items()]
    user_keys = {key for key, _, _ in pairs}
    shown_for: dict[str, str] = {}  # one display form per folded target
    # Self-maps first ("mixing" -> "Mixing"): they fix the casing of their target.
    for key, target_key, raw_target in sorted(pairs, key=lambda p: (p[0] != p[1], p[0], p[2])):
        if not key or not target_key:
            continue
        # A target the user re-aliased resolves through the user's table (below);
        # any other known spelling resolves to its built-in canonical form.
        shown = None if target_key in user_keys else BUILTIN_ALIASES.get(target_key)
        if shown is None:
            # An unknown target keeps the user's own casing ("FL Studio").
            shown = shown_for.get(target_key) or " ".join(raw_target.split())
            if fold(shown) != target_key:
                shown = display(target_key)
            shown_for[target_key] = shown
        exact[key] = shown
    # Settle chains (a -> b, b -> c) and cycles so every result maps to itself,
    # which keeps normalize idempotent whatever the user typed.
    for _ in range(len(aliases) + 2):
        changed = False
        for key, value in list(exact.items()):
            seen = {key}
            while (nxt := fold(value)) not in seen and exact.get(nxt, value) != value:
                seen.add(nxt)
                value = exact[nxt]
            if exact[key] != value:
                exact[key] = value
                changed = True
        for value in set(exact.values()):
            if exact.get(fold(value)) != value:
                exact[fold(value)] = value
                changed = True
        if not changed:
            break
    return _Table(exact)


@lru_cache(maxsize=8)
def _user_normalizer(items: frozenset[tuple[str, str]]) -> Callable[[str], str]:
    table = _user_table(dict(sorted(items)))
    return lru_cache(maxsize=1 << 16)(table.lookup)


def normalizer(aliases: Mapping[str, str] | None = None) -> Callable[[str], str]:
    """A cached ``skill -> canonical`` function; build it once per analysis."""
    if not aliases:
        return _normalize_builtin
    return _user_normalizer(frozenset(aliases.items()))


def is_generic(skill: str) -> bool:
    """True for a category word that names no skill ("Job", "Remote", "Full-Time")."""
    return _compact(fold(skill)) in GENERIC_CATEGORIES


def normalize(skill: str, aliases: Mapping[str, str] | None = None) -> str:
    """Canonical display form of ``skill``; "" for a skill with no letters or digits,
    or for a generic category word (see :data:`GENERIC_CATEGORIES`).

    User ``aliases`` (spelling -> canonical) extend and override the built-ins.
    """
    if not aliases:
        return _normalize_builtin(skill)
    return normalizer(aliases)(skill)


def normalize_all(skills: Iterable[str], aliases: Mapping[str, str] | None = None) -> list[str]:
    """Normalised skills, empty ones dropped, duplicates removed, first order kept."""
    norm = normalizer(aliases)
    out: list[str] = []
    seen: set[str] = set()
    for skill in skills:
        canonical = norm(skill)
        if canonical and canonical not in seen:
            seen.add(canonical)
            out.append(canonical)
    return out
