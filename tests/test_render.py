"""Unit tests for briefing.render: escaping, dates, links and footnotes."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest

from briefing.render.pages import Md, blockquote, date_text, escape_markdown, external_url


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["footnotes", "tables", "md_in_html", "attr_list"])


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "text {: onclick=\"alert(1)\" }",
        "[^1]",
        "[ref]: javascript:alert(1)",
        "<!-- hidden -->",
        "&lt;b&gt;",
        "*emph* __strong__ `code`",
        "# heading",
        "1. list",
        "| a | b |",
    ],
)
def test_hostile_text_reaches_the_reader_as_the_same_literal_text(hostile: str) -> None:
    html = to_html(escape_markdown(hostile))
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "onclick" not in html.replace("onclick=&quot;", "")
    assert "<em>" not in html and "<strong>" not in html and "<code>" not in html
    assert "<h1" not in html and "<ol>" not in html and "<table>" not in html
    # What the reader sees is exactly what the contributor wrote.
    from html import unescape
    from re import sub

    assert unescape(sub(r"<[^>]+>", "", html)).strip() == hostile


def test_escaping_collapses_line_breaks_so_no_block_syntax_can_start() -> None:
    html = to_html(escape_markdown("Title\n===\n\n    indented code\n> quote"))
    assert "<h1" not in html and "<pre>" not in html and "<blockquote>" not in html


def test_escaped_text_is_marked_safe_and_not_escaped_twice() -> None:
    once = escape_markdown("a_b")
    assert isinstance(once, Md)
    assert once == "a\\_b"


def test_blockquote_keeps_paragraphs_and_escapes_each() -> None:
    assert blockquote("First *one*.\n\nSecond <b>.") == "> First \\*one\\*\\.\n>\n> Second &lt;b\\>\\."


@pytest.mark.parametrize(
    ("precision", "end", "expected"),
    [
        ("day", None, "6 July 2021"),
        ("day", dt.date(2021, 7, 9), "6–9 July 2021"),
        ("day", dt.date(2021, 8, 2), "6 July 2021 – 2 August 2021"),
        ("week", None, "week of 6 July 2021"),
        ("month", None, "July 2021"),
    ],
)
def test_dates_never_claim_more_precision_than_the_data(precision: str, end: dt.date | None, expected: str) -> None:
    assert date_text(dt.date(2021, 7, 6), precision, end) == expected


def test_external_urls_cannot_break_out_of_a_markdown_link() -> None:
    url = external_url("https://example.org/a b)(c<d>\"e")
    assert " " not in url and ")" not in url and "(" not in url and "<" not in url and '"' not in url
    html = to_html(f"[x]({url})")
    assert 'href="https://example.org/a%20b%29%28c%3Cd%3E%22e"' in html
