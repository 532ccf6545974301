"""OPML import/export: folders and categories as tags, round trip, hostile input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.feeds.opml import FeedSpec, OpmlImport, import_file, parse_opml, write_opml
from cockpit.models import Feed
from cockpit.store import Store

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Jobs">
      <outline text="Audio">
        <outline type="rss" text="WWR Audio" xmlUrl="https://weworkremotely.com/audio.rss"
                 category="/Remote/Sound,music"/>
      </outline>
      <outline type="rss" title="Freelancer" text="ignored when title is set"
               xmlUrl="https://www.freelancer.com/rss.xml"/>
    </outline>
    <outline type="rss" text="Top level" xmlURL="https://example.com/feed.atom"/>
    <outline text="Audio again">
      <outline type="rss" text="WWR Audio" xmlUrl="https://weworkremotely.com/audio.rss"/>
    </outline>
    <outline type="rss" text="Evil" xmlUrl="javascript:alert(1)"/>
    <outline type="rss" text="Empty" xmlUrl=""/>
  </body>
</opml>"""


def test_nested_outlines_and_category_become_tags() -> None:
    specs = parse_opml(NESTED)
    assert specs == [
        FeedSpec(
            "https://weworkremotely.com/audio.rss",
            "WWR Audio",
            ["Jobs", "Audio", "Remote", "Sound", "music", "Audio again"],
        ),
        FeedSpec("https://www.freelancer.com/rss.xml", "Freelancer", ["Jobs"]),
        FeedSpec("https://example.com/feed.atom", "Top level", []),
    ]


def test_control_characters_in_names_are_stripped() -> None:
    # XML 1.0 cannot carry ESC or BEL at all, but C1 controls and bidi overrides pass.
    data = (
        b'<opml version="2.0"><body><outline text="Bad&#x9b;31m&#x202e;Name" '
        b'category="a&#x85;b" xmlUrl="https://example.com/f"/></body></opml>'
    )
    (spec,) = parse_opml(data)
    assert spec.name == "Bad31mName"
    assert spec.tags == ["ab"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<opml><body><outline></body></opml>", "not valid XML"),
        (b"this is not xml", "not valid XML"),
        (b'<rss version="2.0"><channel/></rss>', "not an OPML file"),
        (b'<opml><body><outline text="&nbsp;" xmlUrl="https://e.com/f"/></body></opml>', "XML"),
    ],
)
def test_bad_input_raises_a_clear_value_error(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_opml(data)


def test_too_large_is_refused() -> None:
    with pytest.raises(ValueError, match="too large"):
        parse_opml(b"<opml>" + b" " * (5 * 1024 * 1024) + b"</opml>")


def test_billion_laughs_is_refused_quickly() -> None:
    lol = [b'<!ENTITY lol0 "lol">'] + [
        b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%d;" % (i - 1) for _ in range(10)))
        for i in range(1, 10)
    ]
    data = (
        b'<?xml version="1.0"?><!DOCTYPE opml [' + b"".join(lol) + b"]>"
        b'<opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://e.com/f"/>'
        b"</body></opml>"
    )
    start = time.monotonic()
    with pytest.raises(ValueError, match="DOCTYPE"):
        parse_opml(data)
    assert time.monotonic() - start < 1


def test_external_entities_are_never_resolved(tmp_path: object) -> None:
    # If this entity were resolved, the secret would end up in a feed name.
    data = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://e.com/f"/>'
        b"</body></opml>"
    )
    with pytest.raises(ValueError, match="DOCTYPE"):
        parse_opml(data)


def test_write_opml_keeps_names_urls_and_tags() -> None:
    feeds = [
        Feed(id="a", url="https://e.com/a?x=1&y=2", name='Audio "jobs" <new>', tags=["audio"]),
        Feed(id="b", url="https://e.com/b", name="", tags=["a,b", "c/d", "music"]),
    ]
    data = write_opml(feeds)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert b'<opml version="2.0">' in data
    specs = parse_opml(data)
    assert specs == [
        FeedSpec("https://e.com/a?x=1&y=2", 'Audio "jobs" <new>', ["audio"]),
        # A feed without a name is listed under its address; separators in tags become spaces.
        FeedSpec("https://e.com/b", "https://e.com/b", ["a b", "c d", "music"]),
    ]


# Letters plus everything XML must escape; "," and "/" separate categories so never appear.
_word = st.text(alphabet="abcXYZ019éñÄΩ漢字😀&<>\"'-_.!?;:()[]{}+=#%", min_size=1, max_size=12)
_words = st.lists(_word, min_size=1, max_size=3).map(" ".join)


@given(
    st.lists(
        st.tuples(
            st.builds(
                "https://{}.example/{}".format,
                st.text("abcdefgh", min_size=1, max_size=8),
                st.text("abc09-_", max_size=8),
            ),
            _words,
            st.lists(_words, max_size=4, unique_by=str.casefold),
        ),
        max_size=6,
        unique_by=lambda t: t[0],
    )
)
def test_round_trip(entries: list[tuple[str, str, list[str]]]) -> None:
    feeds = [Feed(id=str(i), url=u, name=n, tags=t) for i, (u, n, t) in enumerate(entries)]
    specs = parse_opml(write_opml(feeds))
    assert specs == [FeedSpec(f.url, f.name, f.tags) for f in feeds]


def test_import_file_adds_only_new_feeds_in_one_write(store: Store, tmp_path: Path) -> None:
    """The one import the CLI and the welcome share."""
    path = tmp_path / "feeds.opml"
    path.write_bytes(NESTED)
    store.feeds.save(Feed(id="old", url="https://www.freelancer.com/rss.xml"))
    assert import_file(store.feeds, path) == OpmlImport(added=2, known=1, skipped_local=0)
    assert import_file(store.feeds, path) == OpmlImport(added=0, known=3, skipped_local=0)
    assert len(store.feeds.all()) == 3


def test_import_file_refuses_a_huge_file_before_reading_it(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "huge.opml"
    with path.open("wb") as out:
        out.truncate(6 * 1024 * 1024)  # sparse: the size alone decides
    with pytest.raises(ValueError, match="too large"):
        import_file(store.feeds, path)
    with pytest.raises(OSError):
        import_file(store.feeds, tmp_path / "missing.opml")
    assert store.feeds.all() == []
