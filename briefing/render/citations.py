"""Numbered citations of one page: footnote references and the list they point to.

The markup is the one Python-Markdown's ``footnotes`` extension writes (``fn:N`` and
``fnref:N`` anchors, ``footnote-ref`` and ``footnote-backref`` classes), so the theme
styles them, shows them as tooltips and links back from the list to each reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from briefing.model.records import Citation, Source


@dataclass(slots=True)
class Footnote:
    number: int
    citation: Citation
    source: Source
    #: The anchors of every reference to this footnote on the page (``fnref:3``, ``fnref2:3``).
    refs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Footnotes:
    """The citations of one page, numbered in order of first use."""

    sources: Mapping[str, Source]
    notes: list[Footnote] = field(default_factory=list)
    _numbers: dict[Citation, int] = field(default_factory=dict)

    def ref(self, citations: Iterable[Citation]) -> Markup:
        """The footnote markers for ``citations``, numbering new ones."""
        markers = []
        for citation in citations:
            number = self._numbers.get(citation)
            if number is None:
                number = self._numbers[citation] = len(self.notes) + 1
                self.notes.append(Footnote(number, citation, self.sources[citation.source_id]))
            note = self.notes[number - 1]
            anchor = f"fnref{len(note.refs) + 1 if note.refs else ''}:{number}"
            note.refs.append(anchor)
            markers.append(f'<sup id="{anchor}"><a class="footnote-ref" href="#fn:{number}">{number}</a></sup>')
        return Markup("".join(markers))

    def cited_sources(self) -> list[Source]:
        """Each source cited on the page once, in the order the source list shows them."""
        seen: dict[str, Source] = {}
        for note in self.notes:
            seen.setdefault(note.source.id, note.source)
        return sorted(seen.values(), key=Source.order)
