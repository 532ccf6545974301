"""html.py details beyond tests/unit/test_html.py: <pre>, odd tags, hostile markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cockpit.feeds.html import html_to_text


def test_pre_keeps_its_lines() -> None:
    assert html_to_text("<p>Run:</p><pre>\nmix  --loud\n  master\n</pre><p>done</p>") == (
        "Run:\n\nmix --loud\nmaster\n\ndone"
    )


def test_tags_comments_and_declarations() -> None:
    markup = (
        "<!DOCTYPE html><!-- hidden --><a title=\"x>y\" href='a>b'>link</a> "
        "<script>if (a<b) { document.write('<p>no</p>') }</script>a < b <SPAN>ok</SPAN>"
    )
    assert html_to_text(markup) == "link a < b ok"


def test_unicode_spaces_collapse() -> None:
    assert html_to_text("<p>a\u202f\u2003b&nbsp; c</p>") == "a b c"


@given(
    st.lists(st.sampled_from(["<p>", "</p>", "<br>", "<div>", "</div>", "<li>", " ", "\n", "w"]))
)
def test_at_most_one_blank_line_and_no_edge_space(parts: list[str]) -> None:
    out = html_to_text("".join(parts))
    assert "\n\n\n" not in out and out == out.strip()
    assert "  " not in out and " \n" not in out and "\n " not in out
