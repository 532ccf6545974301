"""Keep the translation catalogs in step with the source: extract, update, compile.

    python scripts/i18n.py            # all three steps
    python scripts/i18n.py --check    # exit 1 if a catalog is stale or incomplete

Strings are marked in the code with ``_()``, ``ngettext()`` or ``N_()`` from
``cockpit.i18n``. Extraction writes ``cockpit/locale/cockpit.pot``; each
``cockpit/locale/<lang>/LC_MESSAGES/cockpit.po`` gains new msgids (empty, so
English shows until someone translates them) and loses the ones the code no
longer uses; compiling writes the ``.mo`` beside it, which the package ships.
Translate by editing the ``.po`` and running this script again.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cockpit"
LOCALE = PACKAGE / "locale"
DOMAIN = "cockpit"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
LANGUAGES = ("id",)  # English is the source language: it needs no catalog
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
METHODS = [("**.py", "python")]
WIDTH = 100
HEADER = {"project": "cockpit", "domain": DOMAIN, "copyright_holder": "Cockpit contributors"}
COMMENT = (
    "# {language} translation of Cockpit.\n"
    "# Translate the msgstr lines, then run `python scripts/i18n.py` to compile.\n"
    "# Keep {placeholders} exactly as written: the code fills them in."
)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def extract() -> Catalog:
    """Every marked string under cockpit/, with the places it is used."""
    catalog = Catalog(fuzzy=False, **HEADER)
    found = extract_from_dir(
        str(PACKAGE), METHODS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    )
    for filename, lineno, message, comments, context in found:
        path = (Path("cockpit") / filename).as_posix()
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=False, include_previous=False)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _without_dates(data: bytes) -> bytes:
    return b"\n".join(
        line for line in data.splitlines() if not line.startswith((b'"POT-Creation', b'"PO-Rev'))
    )


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Only real changes touch the file (the dates alone would churn every run)."""
    if path.exists() and _without_dates(path.read_bytes()) == _without_dates(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update(template: Catalog, lang: str) -> Catalog:
    """The language's catalog with the template's msgids; translations kept."""
    path = po_path(lang)
    catalog = read(path, lang) if path.exists() else Catalog(locale=lang, fuzzy=False, **HEADER)
    # no_fuzzy_matching: a guessed translation of a different string is worse than English.
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    name = catalog.locale.english_name if catalog.locale else lang
    catalog.header_comment = COMMENT.format(language=name, placeholders="{placeholders}")
    catalog.msgid_bugs_address = ""
    return catalog


def missing(catalog: Catalog, template: Catalog) -> list[str]:
    """Template msgids that the catalog lacks or leaves untranslated (or fuzzy)."""
    out = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = found.string if found is not None else None
        forms = strings if isinstance(strings, tuple | list) else (strings,)
        ok = bool(forms) and all(forms)
        if found is None or not ok or found.fuzzy:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report problems")
    args = parser.parse_args(argv)
    template = extract()
    problems = 0
    if not args.check and _write_if_changed(TEMPLATE, po_bytes(template)):
        print(f"wrote {TEMPLATE.relative_to(ROOT)} ({len(template)} messages)")
    for lang in LANGUAGES:
        catalog = update(template, lang)
        gaps = missing(catalog, template)
        if gaps:
            print(f"{lang}: {len(gaps)} untranslated:", *(f"  {m!r}" for m in gaps), sep="\n")
            problems += len(gaps)
        if args.check:
            current = po_path(lang).read_bytes() if po_path(lang).exists() else b""
            if _without_dates(po_bytes(catalog)) != _without_dates(current):
                print(f"{lang}: {po_path(lang).relative_to(ROOT)} is out of date")
                problems += 1
            continue
        if _write_if_changed(po_path(lang), po_bytes(catalog)):
            print(f"wrote {po_path(lang).relative_to(ROOT)}")
        compiled = mo_bytes(read(po_path(lang), lang))
        if _write_if_changed(mo_path(lang), compiled):
            print(f"wrote {mo_path(lang).relative_to(ROOT)}")
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
