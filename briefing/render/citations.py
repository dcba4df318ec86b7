"""Numbered citations of one page: footnote references and the list they point to.

The markup is the one Python-Markdown's ``footnotes`` extension writes (``fn:N`` and
``fnref:N`` anchors, ``footnote-ref`` and ``footnote-backref`` classes), so the theme
styles them, shows them as tooltips and links back from the list to each reference.

A footnote names the source's publisher and authors with their affiliation (a ministry,
a state news agency, an independent think tank), and that affiliation is a cited fact
too: :meth:`Footnotes.close` numbers the citations of every affiliation the footnotes
name, which may add footnotes of their own, until none is new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from briefing.model.records import Author, Citation, Source


@dataclass(slots=True)
class Footnote:
    number: int
    citation: Citation
    source: Source
    #: The anchors of every reference to this footnote on the page (``fnref:3``, ``fnref2:3``).
    refs: list[str] = field(default_factory=list)
    #: The source's publisher and named authors, each with the footnote markers of the
    #: citations of their affiliation (filled in by :meth:`Footnotes.close`).
    affiliations: list[tuple[Author, Markup]] = field(default_factory=list)
    #: The number of an earlier footnote of the same source (another locator or quote), whose
    #: full reference this one repeats; printed pages give it as "see note N".
    first: int | None = None


@dataclass(slots=True)
class Footnotes:
    """The citations of one page, numbered in order of first use."""

    sources: Mapping[str, Source]
    authors: Mapping[str, Author] = field(default_factory=dict)
    notes: list[Footnote] = field(default_factory=list)
    _numbers: dict[Citation, int] = field(default_factory=dict)
    _first: dict[str, int] = field(default_factory=dict)
    _closed: int = 0

    def _number(self, citation: Citation) -> int:
        number = self._numbers.get(citation)
        if number is None:
            number = self._numbers[citation] = len(self.notes) + 1
            first = self._first.setdefault(citation.source_id, number)
            self.notes.append(Footnote(number, citation, self.sources[citation.source_id],
                                       first=first if first != number else None))
        return number

    def ref(self, citations: Iterable[Citation]) -> Markup:
        """The footnote markers for ``citations``, numbering new ones."""
        markers = []
        for citation in citations:
            number = self._number(citation)
            note = self.notes[number - 1]
            anchor = f"fnref{len(note.refs) + 1 if note.refs else ''}:{number}"
            note.refs.append(anchor)
            markers.append(f'<sup id="{anchor}"><a class="footnote-ref" href="#fn:{number}">{number}</a></sup>')
        return Markup("".join(markers))

    def close(self) -> list[Footnote]:
        """Every footnote, each with its publisher's and authors' affiliations cited.

        The markers inside the list link to their footnote without a way back (a footnote
        cited from ten others would otherwise carry ten back-links)."""
        while self._closed < len(self.notes):
            note = self.notes[self._closed]
            self._closed += 1
            for author_id in dict.fromkeys((note.source.publisher_id, *note.source.author_ids)):
                author = self.authors.get(author_id)
                if author is None:
                    continue
                numbers = dict.fromkeys(self._number(c) for c in author.affiliation.citations)
                markers = "".join(f'<sup><a class="footnote-ref" href="#fn:{n}">{n}</a></sup>' for n in numbers)
                note.affiliations.append((author, Markup(markers)))
        return self.notes

    def cited_sources(self) -> list[Source]:
        """Each source cited on the page once, in the order the source list shows them."""
        seen: dict[str, Source] = {}
        for note in self.notes:
            seen.setdefault(note.source.id, note.source)
        return sorted(seen.values(), key=Source.order)

    def evidence_sources(self) -> list[Source]:
        """The sources cited for the page's own statements (a marker in its text)."""
        evidence = {note.source.id for note in self.notes if note.refs}
        return [s for s in self.cited_sources() if s.id in evidence]

    def context_sources(self) -> list[Source]:
        """The sources cited only for context: for a publisher's or an author's
        affiliation, never for a statement of the page itself."""
        evidence = {note.source.id for note in self.notes if note.refs}
        return [s for s in self.cited_sources() if s.id not in evidence]
