"""Feed errors are stored in English and shown in the language of whoever reads them.

`cockpit fetch` from cron runs in English; the TUI may run in `--lang id`. Before,
the store kept the fetch's language, so an Indonesian screen showed English errors.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit import i18n
from cockpit.cli import main
from cockpit.feeds.messages import TEMPLATES, shown
from cockpit.feeds.refresh import refresh
from cockpit.models import Feed, FeedStatus
from cockpit.store import Store
from cockpit.ui.widgets.sidebar import feed_status

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
RSS_ITEM = (
    "<item><title>Edit a podcast</title><link>https://jobs.example/1</link>"
    "<guid>g1</guid><description>clean up our weekly episodes</description></item>"
)
BROKEN = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{RSS_ITEM}<oops>'


def _feeds(folder: Path, tmp: Path) -> dict[str, Feed]:
    """Three local feeds, refreshed in whatever language is current."""
    (tmp / "page.xml").write_text("<!doctype html><html><body>Sign in</body></html>")
    (tmp / "broken.xml").write_text(BROKEN)
    with Store.open(folder) as store:
        store.feeds.save(Feed(id="html", url=str(tmp / "page.xml"), name="Page"))
        store.feeds.save(Feed(id="bozo", url=str(tmp / "broken.xml"), name="Bozo"))
        store.feeds.save(Feed(id="gone", url=str(tmp / "missing"), name="Gone"))
        refresh(store, now=NOW)
        return {f.id: f for f in store.feeds.all()}


def test_fetched_in_english_shown_in_indonesian(data_dir: Path, tmp_path: Path) -> None:
    feeds = _feeds(data_dir, tmp_path)
    assert feeds["html"].status.message == "not a feed: looks like an HTML page"
    assert feeds["gone"].status.message.startswith("file not found: ")
    assert feeds["bozo"].status.kind == "warning"
    assert feeds["bozo"].status.message.startswith("feed is not well-formed (line ")

    i18n.set_language("id")
    assert feed_status(feeds["html"]) == ("galat: bukan feed: tampaknya halaman HTML", "red")
    text, _style = feed_status(feeds["gone"])
    assert text.startswith("galat: berkas tidak ditemukan: ")
    warning, _style = feed_status(feeds["bozo"])
    assert warning.startswith("peringatan: feed tidak tersusun dengan benar (baris ")
    assert "; terbaca 1 pekerjaan" in shown(feeds["bozo"].status.message)


def test_fetched_in_indonesian_is_still_stored_in_english(data_dir: Path, tmp_path: Path) -> None:
    i18n.set_language("id")
    feeds = _feeds(data_dir, tmp_path)
    assert feeds["html"].status.message == "not a feed: looks like an HTML page"
    i18n.set_language("en")
    assert feed_status(feeds["html"]) == ("error: not a feed: looks like an HTML page", "red")


def test_cli_feed_list_translates_the_stored_error(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _feeds(data_dir, tmp_path)
    assert main(["feeds", "list"]) == 0
    english = capsys.readouterr().out
    assert "error not a feed: looks like an HTML page" in english
    assert main(["--lang", "id", "feeds", "list"]) == 0
    out = capsys.readouterr().out
    assert "error bukan feed: tampaknya halaman HTML" in out
    assert "not a feed" not in out and "file not found" not in out


def test_old_stored_errors_translate_when_they_are_a_msgid_else_show_as_is() -> None:
    i18n.set_language("id")
    old = Feed(id="o", url="https://x.example/rss", status=FeedStatus("error", "timeout"))
    assert feed_status(old)[0] == "galat: waktu habis"
    # Stored by an older version that translated at fetch time, or a server's own words.
    for text in ("bukan feed: tampaknya halaman HTML", "HTTP 404 Not Found", "odd; words (x)"):
        assert shown(text) == text


def test_messages_with_fields_time_and_plural_forms() -> None:
    i18n.set_language("id")
    assert shown("HTTP 429 Too Many Requests; retrying after 4 Aug 2026 12:00 UTC") == (
        "HTTP 429 Too Many Requests; dicoba lagi setelah 4 Agu 2026 12:00 UTC"
    )
    assert shown(
        "the feed lists 1,200 entries; read the first 500; skipped 2 unreadable items"
    ) == ("feed berisi 1.200 entri; dibaca 500 yang pertama; 2 item yang tak terbaca dilewati")
    assert shown(
        "/dev/x is a named pipe (FIFO), not a regular file: only regular files are read"
    ) == ("/dev/x adalah pipa bernama (FIFO), bukan berkas biasa: hanya berkas biasa yang dibaca")
    assert shown("network error (ReadError)") == "galat jaringan (ReadError)"
    assert shown("2 new") == "2 baru"


def test_english_reads_back_unchanged_and_every_message_has_a_translation() -> None:
    samples = [
        "HTTP 503 Service Unavailable; retrying after 12:02 UTC",
        "feed is not well-formed (line 3, column 1: mismatched tag); read 2 jobs; "
        "skipped 1 entry that took too long to read",
        "refused a redirect to a local or private address (10.0.0.1)",
    ]
    for text in [*samples, *TEMPLATES]:
        assert shown(text) == text
    i18n.set_language("id")
    untranslated = [m for m in TEMPLATES if i18n._(m) == m]
    assert untranslated == []


def test_every_stored_feed_message_is_one_shown_can_translate() -> None:
    """A message added to the fetch/parse code must be listed in messages.TEMPLATES too."""
    from babel.messages.extract import extract_python

    from cockpit.feeds import messages

    known = set(TEMPLATES) | {form for pair in messages.PLURALS for form in pair}
    folder = Path(messages.__file__).parent
    missing = []
    for name in ("parse.py", "fetch.py", "body.py", "parsepool.py"):
        with (folder / name).open("rb") as fh:
            found = extract_python(fh, {"N_": None, "ngettext": (1, 2)}, [], {})
            for _line, _func, message, _comments in found:
                forms = [message] if isinstance(message, str) else [m for m in message if m]
                missing += [f"{name}: {form}" for form in forms if form not in known]
    assert missing == []
