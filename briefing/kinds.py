"""The registry of record kinds: one declaration per kind that every stage reads.

Loading reads ``data_file``; validation registers ids per kind and names them in messages
with ``name``; the model keeps each kind in ``Dataset.<plural>`` (its class, in
:mod:`briefing.model.records`, carries the same ``kind`` name); pages live in the folder
``plural`` and are drawn by ``page_template`` and ``index_template``; redirects, the feed,
the exports and the data diff all look kinds up here.

Adding a kind: declare it below, add its class to :mod:`briefing.model.records` (and to
the ``Record`` union there), write its JSON Schema in ``briefing/schema/`` and its two
page templates in ``briefing/templates/pages/``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RecordKind:
    """One kind of record: where its data is written and where its pages go."""

    #: Singular, as in ``record.kind`` and messages: ``incident``.
    name: str
    #: Plural: the data file's stem, the ``Dataset`` attribute and the site folder.
    plural: str
    #: Heading of the list page.
    label: str
    #: The record kind whose records contain these (clauses are written in agreements).
    nested_in: str | None = None
    #: Whether new and changed records of this kind go into the Atom feed.
    in_feed: bool = False
    #: Whether its ids name who says what (a party, an author and publisher, an actor):
    #: one id names one speaker, so an id is unique across every such kind (SPEAKER_KINDS).
    speaker: bool = False

    @property
    def data_file(self) -> str | None:
        """``incidents`` for ``data/incidents.yaml``; ``None`` for a nested kind."""
        return None if self.nested_in else self.plural

    @property
    def folder(self) -> str:
        return self.plural

    @property
    def page_template(self) -> str:
        return f"pages/{self.name}.html.j2"

    @property
    def index_template(self) -> str:
        return f"pages/{self.plural}_index.html.j2"

    def page_path(self, record_id: str) -> str:
        """The record's page in the site: ``incidents/2021-07-06-agdam.html``."""
        return f"{self.plural}/{record_id}.html"

    @property
    def index_path(self) -> str:
        return f"{self.plural}/index.html"


#: Every kind, in the order records of several kinds are listed together ("cited by").
KINDS: tuple[RecordKind, ...] = (
    RecordKind("incident", "incidents", "Incidents", in_feed=True),
    RecordKind("milestone", "milestones", "Negotiation milestones", in_feed=True),
    RecordKind("assessment", "assessments", "Analysis and assessments"),
    RecordKind("agreement", "agreements", "Agreements"),
    RecordKind("clause", "clauses", "Agreement clauses", nested_in="agreement"),
    RecordKind("region", "regions", "Regions and places"),
    RecordKind("source", "sources", "Sources"),
    RecordKind("author", "authors", "Authors and publishers", speaker=True),
    RecordKind("party", "parties", "Parties and actors", speaker=True),
)

BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in KINDS}
BY_PLURAL: dict[str, RecordKind] = {kind.plural: kind for kind in KINDS}
#: The kinds whose ids name who says what, by plural: no id may be in two of them.
SPEAKER_KINDS: tuple[str, ...] = tuple(kind.plural for kind in KINDS if kind.speaker)

#: The file of ids that were published and then deleted or merged (not a record kind).
REMOVED_FILE = "removed"
#: Every data file, by stem, in the order they are read and checked.
DATA_FILES: tuple[str, ...] = (
    *(kind.data_file for kind in reversed(KINDS) if kind.data_file), REMOVED_FILE,
)
#: Data files that may be left out; a missing one counts as an empty list.
OPTIONAL_FILES = frozenset({REMOVED_FILE, "assessments"})


def removed_anchor(kind: str, record_id: str) -> str:
    """The anchor of a removed id's row on ``removed.html``: ``removed-incident-some-id``."""
    return f"removed-{kind}-{record_id}"


def noun(plural: str) -> str:
    """``incidents`` → ``incident``; ``removed`` → ``removed record``."""
    return "removed record" if plural == REMOVED_FILE else BY_PLURAL[plural].name
