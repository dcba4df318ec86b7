"""Unit tests for briefing.render: escaping, dates, links, footnotes and headings."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest

from briefing.model.records import Citation, Source
from briefing.render.citations import Footnotes
from briefing.render.environment import site_environment, web_address
from briefing.render.html import finish
from briefing.render.text import date_text, paragraphs

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    "</p></div><script>x</script>",
    "text {: onclick=\"alert(1)\" }",
    "<!-- hidden -->",
    "&lt;b&gt;",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_reaches_the_reader_as_the_same_literal_text(hostile: str) -> None:
    template = site_environment().from_string('<p title="{{ value }}">{{ value }}</p>')
    out = template.render(value=hostile)
    assert "<script" not in out and "<img" not in out and "<svg" not in out and "<!--" not in out
    assert out.count("<p") == 1 and out.count('"') == 2  # the attribute cannot be closed early
    inner = re.fullmatch(r'<p title="([^"]*)">(.*)</p>', out, flags=re.S)
    assert inner is not None
    assert html_lib.unescape(inner.group(1)) == hostile == html_lib.unescape(inner.group(2))


def test_only_web_addresses_reach_an_href() -> None:
    assert web_address("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    for bad in ("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//evil.example"):
        with pytest.raises(ValueError):
            web_address(bad)


def test_paragraphs_split_at_blank_lines_and_fold_white_space() -> None:
    assert paragraphs("First\n line.\n\n  Second <b>.\n") == ["First line.", "Second <b>."]


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


def _source(source_id: str) -> Source:
    return Source(id=source_id, publisher="P", title="T", url="https://example.org", published=dt.date(2021, 1, 1),
                  accessed=dt.date(2021, 1, 2), language="en", source_kind="news")


def test_a_citation_used_twice_keeps_its_number_and_gets_a_second_back_link() -> None:
    notes = Footnotes({"a": _source("a"), "b": _source("b")})
    first = notes.ref([Citation("a"), Citation("b", locator="p. 2")])
    again = notes.ref([Citation("a")])
    assert 'id="fnref:1"' in first and 'href="#fn:1"' in first and 'id="fnref:2"' in first
    assert 'id="fnref2:1"' in again and 'href="#fn:1"' in again
    assert [n.refs for n in notes.notes] == [["fnref:1", "fnref2:1"], ["fnref:2"]]


def test_headings_get_the_anchors_python_markdown_would_give_and_a_table_of_contents() -> None:
    finished = finish("<h1>Title</h1>\n\n<h2>Claims side by side</h2><h3>Azerbaijan</h3><h2>Sources</h2><h2>Sources</h2>")
    assert '<h2 id="claims-side-by-side">Claims side by side<a class="headerlink" href="#claims-side-by-side"' in finished.html
    assert '<h2 id="sources_1">' in finished.html
    [top] = finished.toc
    assert top["id"] == "title"
    assert [c["id"] for c in top["children"]] == ["claims-side-by-side", "sources", "sources_1"]
    assert [c["id"] for c in top["children"][0]["children"]] == ["azerbaijan"]
    assert {"title", "azerbaijan", "sources_1"} <= finished.anchors
