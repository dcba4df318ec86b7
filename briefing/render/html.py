"""Finishing a rendered page: heading anchors, the table of contents, the anchors present.

Templates write plain headings (``<h2>Summary</h2>``). Here each heading gets the id and
permalink that Python-Markdown's ``toc`` extension would give it (same slugs, same
``_1`` suffixes for repeats, same ``headerlink``), and the headings become the page's
table of contents; MkDocs and Material's search read both exactly as they read a page
converted from Markdown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import slugify

_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
_ANY_ID = re.compile(r'\s(?:id|name)="([^"]+)"')


@dataclass(slots=True)
class Finished:
    """A page body ready for the theme: its HTML, table of contents and anchor ids."""

    html: str
    toc: list[dict[str, Any]]
    anchors: set[str] = field(default_factory=set)


def _text(inner: str) -> str:
    return html.unescape(_TAG.sub("", inner)).strip()


def _nest(flat: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat heading tokens → the nested tree MkDocs' ``get_toc`` expects."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def finish(body: str) -> Finished:
    """Give every heading its anchor and permalink; collect the TOC and the ids."""
    used: set[str] = set(_ANY_ID.findall(body))
    flat: list[dict[str, Any]] = []

    def heading(match: re.Match[str]) -> str:
        level, attributes, inner = int(match.group(1)), match.group(2) or "", match.group(3)
        given = _ID.search(attributes)
        if given:
            anchor = given.group(1)
        else:
            anchor = base = slugify(_text(inner), "-") or "section"
            number = 0
            while anchor in used:
                number += 1
                anchor = f"{base}_{number}"
            used.add(anchor)
            attributes = f' id="{anchor}"{attributes}'
        flat.append({"level": level, "id": anchor, "name": html.escape(_text(inner), quote=False),
                     "children": []})
        link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>'
        return f"<h{level}{attributes}>{inner}{link}</h{level}>"

    text = _HEADING.sub(heading, body)
    text = re.sub(r"\n\s*\n+", "\n", text).strip() + "\n"
    return Finished(text, _nest(flat), set(_ANY_ID.findall(text)))
