"""The registry of record kinds: the one list of kinds, one declaration per kind, read by
every stage. Nothing else lists the kinds: every per-kind list is derived from :data:`KINDS`.

Adding a kind touches exactly these places (the trial kind of ``tests/test_kinds_registry.py``
makes each change in a copy of the project and proves every guarantee for it):

1. ``briefing/kinds.py``: its declaration in :data:`KINDS` below.
2. ``briefing/model/records.py``: its record class (``kind`` is the declared name, with
   ``id``, ``title``, ``previous_ids``, ``corrections``, ``record_dates``, ``citations()``
   and ``order``), added to the ``Record`` union and as a ``Dataset`` field named by the plural.
3. ``briefing/schema/<plural>.schema.json``: the JSON Schema of its data file.
4. ``briefing/schema/removed.schema.json``: its name in the ``kind`` and ``replaced_by_kind``
   enums (a test checks both against the registry).
5. ``briefing/render/contexts.py``: the contexts of its record page and its list page.
6. ``briefing/render/builders/<name>.py``: ``page(plan, record)`` and ``index(plan)``.
7. ``briefing/templates/pages/<name>.html.j2`` and ``<plural>_index.html.j2``.
8. ``briefing/templates/README.md``: its two page templates and their contexts' fields.
9. ``data/<plural>.yaml``: its records (an ``optional`` kind's file may be left out).

Everything else follows from the declaration: the data file is read and checked (ids
unique and permanent, ``index`` reserved, ``record_dates``; a field named by a kind's
plural holds ids of that kind and ``citations`` holds citations, unless the kind has
checks of its own in :mod:`briefing.validate.references`); ``check --base`` and ``diff``
follow its ids; ``removed.yaml`` may name it and its old addresses redirect; its records
get dates, pages in the folder ``plural`` kept out of the navigation, a place in
``briefing.json`` and the counts, and, with ``in_feed``, entries in the Atom feed (records
with ``date``, ``title`` and ``summary``). To show its list page in the menu, add it to
``nav`` in ``mkdocs.yml``.
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
    #: Whether its data file may be left out (a missing one counts as an empty list).
    optional: bool = False
    #: One record in words, as feed entries name it (default: the name, capitalised).
    singular_label: str = ""
    #: Whether its ids name who says what (a party, an author and publisher, an actor):
    #: one id names one speaker, so an id is unique across every such kind (SPEAKER_KINDS).
    speaker: bool = False

    @property
    def one(self) -> str:
        """``Negotiation milestone``: one record of the kind, in words."""
        return self.singular_label or self.name.capitalize()

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
    RecordKind("milestone", "milestones", "Negotiation milestones", in_feed=True,
               singular_label="Negotiation milestone"),
    RecordKind("assessment", "assessments", "Analysis and assessments", optional=True),
    RecordKind("gap", "gaps", "Reported, not yet curated", optional=True, singular_label="Known gap"),
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
OPTIONAL_FILES = frozenset({REMOVED_FILE, *(kind.plural for kind in KINDS if kind.optional)})
#: The kinds written in files of their own (not nested in another kind's records).
FILED: tuple[RecordKind, ...] = tuple(kind for kind in KINDS if kind.data_file)


def nested_in(kind: RecordKind) -> tuple[RecordKind, ...]:
    """The kinds whose records are written inside records of ``kind``, under a field named
    by their plural (an agreement's ``clauses``)."""
    return tuple(other for other in KINDS if other.nested_in == kind.name)


def data_file_of(kind: RecordKind) -> str:
    """The data file (stem) a kind's records are written in: its own, or its container's."""
    return kind.data_file or BY_NAME[kind.nested_in or kind.name].plural


def where(kind: RecordKind) -> str:
    """Where a contributor adds a record of ``kind``: ``agreements.yaml (under clauses)``."""
    if kind.nested_in:
        return f"{data_file_of(kind)}.yaml (under {kind.plural})"
    return f"{kind.plural}.yaml"


def citing_kinds(nested: bool = False) -> tuple[RecordKind, ...]:
    """The kinds whose records cite sources (``citations()``): every one but sources, which
    point to another source only through ``via``. Nested kinds (clauses) only with
    ``nested``: their citations are also their container's."""
    return tuple(kind for kind in KINDS if kind.name != "source" and (nested or kind.data_file))


def removed_anchor(kind: str, record_id: str) -> str:
    """The anchor of a removed id's row on ``removed.html``: ``removed-incident-some-id``."""
    return f"removed-{kind}-{record_id}"


def noun(plural: str) -> str:
    """``incidents`` → ``incident``; ``removed`` → ``removed record``."""
    return "removed record" if plural == REMOVED_FILE else BY_PLURAL[plural].name
