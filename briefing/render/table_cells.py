"""Each data cell of a table labelled with its column's heading, for phone layouts.

On a narrow screen (``briefing.css``) a table with column headings is laid out as one
card per row, each cell on its own line after its column's name, so that every column,
the Grade of an incident as much as its title, stays on screen at 390 px instead of
scrolling off to the side. The stylesheet reads the name from the cell's
``data-label`` attribute, which this module adds to every ``<td>`` of a table whose
``<thead>`` names its columns; the text is the heading's, escaped again for the
attribute. Tables without a header row (the fact tables), and tables with a class of
their own (which style their own phone layout), are left as they are.

Runs on the finished body of every generated page (:mod:`.renderer`); our templates
write no ``colspan`` in data tables, so the n-th cell of a row is the n-th column.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table(?=[\s>]).*?</table>", re.S)
_THEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th(?:\s[^>]*)?>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr(?:\s[^>]*)?>)(.*?)(</tr>)", re.S)
_TD = re.compile(r"<td(?=[\s>])")
_TAG = re.compile(r"<[^>]+>")
#: Tables with fewer columns than this fit a phone as they are.
MIN_COLUMNS = 3


def _label(table: str) -> str:
    if re.match(r"<table[^>]*\sclass=", table):
        return table  # a table with a layout of its own (its class) is left to it
    head = _THEAD.search(table)
    if head is None:
        return table
    names = [" ".join(html.unescape(_TAG.sub("", th)).split()) for th in _TH.findall(head.group(1))]
    if len(names) < MIN_COLUMNS:
        return table
    body_start = head.end()

    def row(match: re.Match[str]) -> str:
        column = iter(range(len(names) + 1000))

        def cell(_: re.Match[str]) -> str:
            n = next(column)
            name = names[n] if n < len(names) else ""
            return f'<td data-label="{html.escape(name, quote=True)}"' if name else "<td"
        return match.group(1) + _TD.sub(cell, match.group(2)) + match.group(3)

    return table[:body_start] + _ROW.sub(row, table[body_start:])


def label_cells(body: str) -> str:
    """``body`` with ``data-label`` on the cells of every table that has column headings."""
    if "<table" not in body:
        return body
    return _TABLE.sub(lambda m: _label(m.group(0)), body)


#: A cell or a term closed and the next opened with nothing between them.
_ADJACENT = re.compile(r"(</(?:th|td|dt|dd)>)(?=<(?:th|td|dt|dd)[\s>])")


def spaced_cells(body: str) -> str:
    """``body`` with a space between adjacent cells and terms (``</th><td>``): the page looks
    the same, and text taken from it (the search index, a copy, a screen reader's reading
    mode) reads "Weapons various caliber weapons", not "Weaponsvarious caliber weapons"."""
    return _ADJACENT.sub(r"\1 ", body)
