"""Long lists split into parts, so that no page grows with the size of the data.

At 10,000 incidents a single "all incidents" table, or a country's page listing every
incident in it, would be megabytes of HTML: slow to open, slow to build, useless to scroll.
A list longer than :data:`ROWS_PER_PART` rows is therefore cut into parts. The first part
stays on the page that had the list (its URL does not change); the others get pages of
their own next to it, ``<page>--<n>.html`` or ``<page>--<key>-<n>.html`` when a page splits
more than one list. Record ids are slugs without ``--``, so these names never collide with a
record's page. Every part links to every other part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

#: Rows per part: a part of incident rows stays well under the page budget of
#: benchmarks/NOTES.md (its row and page sizes), and is still a useful page to scroll.
ROWS_PER_PART = 250


@dataclass(frozen=True)
class Part:
    """One page's share of a list."""

    number: int
    path: str
    rows: Sequence[Any]

    @property
    def first(self) -> Any:
        return self.rows[0]

    @property
    def last(self) -> Any:
        return self.rows[-1]


@dataclass(frozen=True)
class Listing:
    """A list cut into parts; ``parts[0]`` lives on the page that shows the list.

    ``title`` names the list on the pages of its further parts, and ``table`` is the
    partial template that prints its rows (``partials/incident_table.html.j2``)."""

    parts: tuple[Part, ...]
    total: int
    title: str = ""
    table: str = ""

    @property
    def first_page(self) -> str:
        return self.parts[0].path

    @property
    def split(self) -> bool:
        return len(self.parts) > 1


def part_path(first_path: str, number: int, key: str | None = None) -> str:
    """``incidents/index.html`` → ``incidents/index--2.html``; with a key, ``--incidents-2``."""
    if number == 1:
        return first_path
    stem = first_path.removesuffix(".html")
    return f"{stem}--{key}-{number}.html" if key else f"{stem}--{number}.html"


def split(rows: Iterable[Any], first_path: str, key: str | None = None, size: int = ROWS_PER_PART,
          title: str = "", table: str = "") -> Listing:
    """Cut ``rows`` into parts of at most ``size`` rows, in their order."""
    items = list(rows)
    chunks = [tuple(items[i:i + size]) for i in range(0, len(items), size)] or [()]
    parts = tuple(Part(n, part_path(first_path, n, key), chunk) for n, chunk in enumerate(chunks, start=1))
    return Listing(parts, len(items), title, table)
