"""The translation catalogs: complete, consistent with the code, compiled, shipped.

Messages are extracted from the source with Babel (the same extraction
``scripts/i18n.py`` runs), so a string marked in the code but missing from a
catalog fails here, named, until someone translates it.
"""

from __future__ import annotations

import gettext
import re
import string
from functools import cache

import pytest
from babel.messages.catalog import Catalog

from cockpit import i18n
from scripts import i18n as tool

LANGS = tool.LANGUAGES


@cache
def template() -> Catalog:
    return tool.extract()


@cache
def catalog(lang: str) -> Catalog:
    return tool.read(tool.po_path(lang), lang)


def _id(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def fields(text: str) -> set[str]:
    """The ``{name}`` fields str.format fills (with their !r/:spec), ignoring ``{{``."""
    return {
        "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        for _lit, name, spec, conv in string.Formatter().parse(text)
        if name is not None
    }


def test_extraction_finds_the_marked_strings() -> None:
    ids = {_id(m.id) for m in template() if m.id}
    # One from each kind of place: a binding, a pane title, a domain error, the CLI, a plural.
    for expected in ("Record a grant", "Wallet", "Enter how many Connects.", "usage: "):
        assert expected in ids
    assert "Imported {count} feed" in ids
    assert len(ids) > 500


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete(lang: str) -> None:
    gaps = tool.missing(catalog(lang), template())
    assert gaps == [], f"{len(gaps)} untranslated in {lang}: run scripts/i18n.py, translate:\n" + (
        "\n".join(repr(m) for m in gaps)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_has_no_stale_strings(lang: str) -> None:
    wanted = {(_id(m.id), m.context) for m in template() if m.id}
    stale = [_id(m.id) for m in catalog(lang) if m.id and (_id(m.id), m.context) not in wanted]
    assert stale == [], "no longer in the code (run scripts/i18n.py): " + repr(stale)


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_every_placeholder(lang: str) -> None:
    """A dropped or renamed {field} would raise KeyError (or lose a number) at runtime."""
    wrong = []
    for message in catalog(lang):
        if not message.id or not message.string:
            continue
        sources = message.id if isinstance(message.id, tuple | list) else (message.id,)
        targets = message.string if isinstance(message.string, tuple | list) else (message.string,)
        want = fields(sources[-1]) | fields(sources[0])
        for target in targets:
            if fields(target) != want:
                wrong.append((sources[0], target))
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_edges(lang: str) -> None:
    """Leading/trailing spaces and newlines are layout: "Balance: " is followed by a number."""
    wrong = []
    for message in catalog(lang):
        if not message.id or not message.string or not isinstance(message.id, str):
            continue
        target = message.string
        assert isinstance(target, str)
        for edge in (re.compile(r"^\s*"), re.compile(r"\s*$")):
            got, want = edge.search(target), edge.search(message.id)
            if got is None or want is None or got.group() != want.group():
                wrong.append((message.id, target))
    assert wrong == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_matches_the_po(lang: str) -> None:
    """The shipped .mo is exactly what compiling the committed .po gives."""
    compiled = tool.mo_bytes(catalog(lang))
    shipped = tool.mo_path(lang).read_bytes()
    assert compiled == shipped, f"run scripts/i18n.py to recompile {tool.mo_path(lang)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_package_finds_its_catalog(lang: str) -> None:
    """The .mo lives inside the package (hatchling ships package files in the wheel)."""
    assert tool.mo_path(lang).is_relative_to(tool.PACKAGE)
    assert gettext.find(i18n.DOMAIN, i18n.LOCALE_DIR, [lang]) == str(tool.mo_path(lang))


def test_lookup_switches_and_falls_back_to_english() -> None:
    assert i18n.set_language("id") == "id"
    assert i18n._("Wallet") == "Dompet"
    assert i18n._("Portfolio") == "Portofolio"
    assert i18n._("Inbox") == "Kotak masuk"
    assert i18n.pgettext("key", "Shortlist") == "Pilih"
    assert i18n._("Shortlist") == "Pilihan"
    assert i18n._("Proposals") == "Lamaran"
    assert i18n.ngettext("{count} job", "{count} jobs", 2).format(count=2) == "2 pekerjaan"
    assert i18n._("a string no catalog has") == "a string no catalog has"
    assert i18n.set_language("en") == "en"
    assert i18n._("Wallet") == "Wallet"
    assert i18n.ngettext("{count} job", "{count} jobs", 1).format(count=1) == "1 job"
