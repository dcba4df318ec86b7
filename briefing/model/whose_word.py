"""Whose word the briefing relies on, counted honestly (issue 18.3).

Each citation is classified three ways: by the affiliation of the source's publisher, by
that of its authors (a source that names no author counts as written by its publisher, as
an unsigned ministry release is), and by *whose word* it is: the closer of the two to a
party. An article published by an independent think tank but written by someone who works
at a body founded by a party's state is that party's word in this count, never
"independent": no aggregate may present a party-affiliated author's work as independent.

Concentration is counted too: how many citations the most-cited source supplies, so a
reader sees when one article carries the briefing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from briefing.model.debt import citation_counts
from briefing.model.records import Affiliation, Author, Dataset, Source

#: From the closest tie to a party to the least: a citation's word is the first of these
#: among its publisher's and authors' affiliations (unknown before private and independent:
#: an unknown affiliation is never counted as independent).
TIES = ("state-body", "state-founded", "state-funded", "party-aligned", "unknown", "private", "independent")

Key = tuple[str, str | None]


def _rank(affiliation: Affiliation) -> tuple[int, int]:
    return (affiliation.party_id is None, TIES.index(affiliation.affiliation_kind))


def author_affiliation(data: Dataset, source: Source) -> Affiliation:
    """The affiliation of a source's authors: the closest to a party among them, or the
    publisher's when the source names no author."""
    authors = [data.authors[a].affiliation for a in source.author_ids]
    return min(authors, key=_rank) if authors else data.authors[source.publisher_id].affiliation


def word_of(data: Dataset, source: Source) -> Affiliation:
    """Whose word a source is: the closer to a party of its publisher and its authors."""
    return min(data.authors[source.publisher_id].affiliation, author_affiliation(data, source), key=_rank)


@dataclass(frozen=True, slots=True)
class WordRow:
    """Citations of one affiliation kind (and party), counted three ways."""

    affiliation_kind: str
    party_id: str | None
    by_publisher: int
    by_author: int
    #: By whose word: the closer to a party of the publisher and the authors.
    by_word: int


@dataclass(frozen=True, slots=True)
class WhoseWord:
    total_citations: int
    rows: tuple[WordRow, ...]
    #: The most-cited source and how many citations it supplies (None without citations).
    largest: Source | None
    largest_citations: int
    #: The largest source's named authors (none: its publisher speaks for it), each with
    #: the name of the party its affiliation names, if any.
    largest_authors: tuple[tuple[Author, str | None], ...]
    #: Citations whose publisher is independent but whose author is tied to a party.
    independent_publisher_party_author: int

    @property
    def largest_share(self) -> int:
        """The largest source's share of all citations, in whole per cent (rounded down)."""
        return self.largest_citations * 100 // self.total_citations if self.total_citations else 0

    def party_word(self) -> int:
        """Citations that are the word of a party (of its state, or tied to it)."""
        return sum(r.by_word for r in self.rows if r.party_id is not None)


def whose_word(data: Dataset) -> WhoseWord:
    cited = citation_counts(data)
    counts: dict[str, Counter[Key]] = {"publisher": Counter(), "author": Counter(), "word": Counter()}
    hidden = 0
    for source in data.sources.values():
        n = cited[source.id]
        publisher = data.authors[source.publisher_id].affiliation
        author = author_affiliation(data, source)
        word = word_of(data, source)
        for name, affiliation in (("publisher", publisher), ("author", author), ("word", word)):
            counts[name][(affiliation.affiliation_kind, affiliation.party_id)] += n
        if publisher.party_id is None and author.party_id is not None:
            hidden += n
    keys = sorted(set().union(*counts.values()), key=lambda k: (TIES.index(k[0]), k[1] or ""))
    rows = tuple(WordRow(kind, party, counts["publisher"][(kind, party)], counts["author"][(kind, party)],
                         counts["word"][(kind, party)]) for kind, party in keys)
    ranked = sorted(data.sources.values(), key=lambda s: (-cited[s.id], s.id))
    largest = ranked[0] if ranked and cited[ranked[0].id] else None
    authors = tuple((author, data.parties[author.affiliation.party_id].name if author.affiliation.party_id else None)
                    for author in (data.authors[a] for a in (largest.author_ids if largest else ())))
    return WhoseWord(sum(cited.values()), rows, largest, cited[largest.id] if largest else 0, authors, hidden)
