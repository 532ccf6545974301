"""Feed HTML becomes readable plain text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cockpit.feeds.html import html_to_text


def test_blocks_breaks_and_bullets() -> None:
    markup = (
        "<h2>About</h2><p>First   paragraph\nwraps.</p><div>Second</div>"
        "<ul>\n<li>Pro Tools</li>\n<li>iZotope RX</li>\n</ul>line<br>break<br/>again"
    )
    assert html_to_text(markup) == (
        "About\n\nFirst paragraph wraps.\n\nSecond\n\n"
        "• Pro Tools\n• iZotope RX\n\nline\nbreak\nagain"
    )


def test_block_boundaries_merge_like_a_browser() -> None:
    # We Work Remotely writes one <div> per line and <div><br></div> for a blank line.
    assert html_to_text("<div>one</div><div>two</div>") == "one\ntwo"
    assert html_to_text("<div>Hi,</div><div><br></div><div>I'm Sharon</div>") == "Hi,\n\nI'm Sharon"
    assert html_to_text("<div>a<br></div><div>b</div>") == "a\nb"
    assert html_to_text("<p>a</p>\n\n<p>b</p>") == "a\n\nb"


def test_many_blank_lines_collapse_to_one() -> None:
    assert html_to_text("a<br><br><br><br><br>b") == "a\n\nb"
    assert html_to_text("<div>a</div><div><br></div><div><br></div><div>b</div>") == "a\n\nb"


def test_script_and_style_dropped() -> None:
    markup = "<style>p{color:red}</style>keep<script>alert('x')</script> this"
    assert html_to_text(markup) == "keep this"


def test_entities_decoded_including_double_escaped() -> None:
    assert html_to_text("Tom &amp; Jerry&nbsp;&ndash; &#039;ok&#039;") == "Tom & Jerry – 'ok'"
    # Upwork escapes twice: the text itself should read "We're" and "&".
    assert html_to_text("We&amp;#039;re &amp;quot;cozy&amp;quot; &amp;amp; fun") == (
        'We\'re "cozy" & fun'
    )


def test_markup_never_survives_as_tags_from_escaped_text() -> None:
    # Escaped tags are text, shown as text; they are not parsed into structure.
    assert html_to_text("&lt;b&gt;bold&lt;/b&gt;") == "<b>bold</b>"


def test_control_sequences_removed() -> None:
    assert html_to_text("<p>a\x1b]52;c;eA==\x07b &#x202E;c</p>") == "ab c"


def test_plain_text_kept_as_is() -> None:
    assert html_to_text("line one\nline two") == "line one\nline two"
    assert html_to_text("") == ""


@given(st.text())
def test_never_raises_and_output_is_clean(markup: str) -> None:
    out = html_to_text(markup)
    assert "\x1b" not in out
    assert "\n\n\n" not in out
    assert out == out.strip()
