"""Sanitizing untrusted text: escape sequences, controls, bidi, links."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.text import clean, clean_line, safe_url

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain text", "plain text"),
        ("keep\nnew\tlines", "keep\nnew\tlines"),
        ("osc52 \x1b]52;c;ZXZpbA==\x07done", "osc52 done"),
        ("title \x1b]0;pwned\x1b\\after", "title after"),
        ("title2 \x1b]2;pwned\x07after", "title2 after"),
        ("unterminated \x1b]0;never ends", "unterminated "),
        ("\x1b[1;31mred\x1b[0m", "red"),
        ("cursor\x1b[2J\x1b[Hhome", "cursorhome"),
        ("dcs \x1bPq#0;2;0;0;0\x1b\\x", "dcs x"),
        ("charset \x1b(Bx", "charset x"),
        ("lone esc \x1b", "lone esc "),
        ("bell\x07 null\x00 del\x7f", "bell null del"),
        ("c1 \x9b31m and \x85next", "c1 31m and next"),
        ("invoice_\u202egnp.exe", "invoice_gnp.exe"),
        ("iso \u2066x\u2069 \u200fmark", "iso x mark"),
        ("windows\r\nline\rold mac", "windows\nline\nold mac"),
        ("", ""),
    ],
)
def test_clean_examples(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_clean_keeps_unicode_text() -> None:
    text = "Rp 1.500.000 – Desain audio • 日本語 🎧 ñ"
    assert clean(text) is text  # fast path: nothing to strip, same object back


@given(st.text())
def test_clean_leaves_no_controls(raw: str) -> None:
    out = clean(raw)
    assert "\x1b" not in out
    assert FORBIDDEN.search(out) is None


@given(st.text())
def test_clean_is_idempotent(raw: str) -> None:
    once = clean(raw)
    assert clean(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Zl", "Zp", "Cs"))))
def test_clean_keeps_ordinary_text(raw: str) -> None:
    assert clean(raw) == raw


@given(st.text())
def test_clean_line_is_one_stripped_line(raw: str) -> None:
    out = clean_line(raw)
    assert "\n" not in out and "\t" not in out
    assert out == out.strip()
    assert "  " not in out
    assert FORBIDDEN.search(out) is None
    assert clean_line(out) == out


def test_clean_line_collapses_whitespace() -> None:
    assert clean_line("  Java,\n\t   Kotlin\xa0 \x1b[31mx ") == "Java, Kotlin x"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.upwork.com/jobs/x?source=rss", "https://www.upwork.com/jobs/x?source=rss"),
        ("  HTTP://Example.com/a  ", "HTTP://Example.com/a"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://exa\nmple.com/\tx", "https://example.com/x"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        (" \x00javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("file:///etc/passwd", None),
        ("vbscript:msgbox", None),
        ("/jobs/1", None),
        ("//evil.example/x", None),
        ("http:///no-host", None),
        ("https://[::1", None),
        ("", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


@given(st.text())
def test_safe_url_only_ever_returns_http(url: str) -> None:
    out = safe_url(url)
    if out is not None:
        assert out.lower().startswith(("http://", "https://"))
        assert FORBIDDEN.search(out) is None and "\n" not in out and "\t" not in out
