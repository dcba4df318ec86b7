"""The home page as a briefing: what happened lately, who reported casualties, and how
one-sided the evidence is, each statement cited; then the map, timeline and lists.

In the manner of Crisis Group's CrisisWatch entries, the page opens with dated key
points: the incidents and milestones of the latest month that has records, each with its
title and cited summary. Then:

* **reported casualties**: every figure an account gave, attributed to who gave it
  ("Ministry of Defence of Azerbaijan reported 1 wounded on the side of Azerbaijan"),
  never added up across accounts, and the incidents whose accounts give no figures;
* **the evidence balance**: for each incident, the parties whose accounts are cited,
  those recorded as silent (``silent`` in the data, when the sources say a party did
  not comment), and the parties that gave an account of some incident here but none of
  this one; and for the whole data, how many incidents rest on one party's accounts;
* the date the data was last updated (:mod:`briefing.model.record_dates`).

Analysts' statements recorded as claims (parties whose role is ``observer``) are not
accounts of a party: they count for neither side of the balance. Every list is cut at
``home_key_points`` records, so the page stays the same size whatever the size of the
data; the counts of the balance cover every incident.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from briefing.config import ConfigError, Options, intro_citation_problems
from briefing.model.records import Citation, CitedText, Claim, Dataset, Incident, KnownGap, Milestone, Party
from briefing.model.scope import DeclaredScope, period_words
from briefing.render.contexts import (
    CasualtyReport,
    EvidenceBalance,
    EvidenceCell,
    EvidenceRow,
    IncidentCasualties,
    PartySilence,
    ReportedFigures,
    SingleSource,
)

#: Roles of the sides of a conflict: always expected to give an account.
SIDES = frozenset({"belligerent", "de-facto-authority"})
#: How many claimants' names the balance gives for one party.
CLAIMANT_NAMES = 3


@dataclass(frozen=True, slots=True)
class HomeSettings:
    """The home page's options from ``mkdocs.yml`` (:mod:`briefing.config`)."""

    title: str | None = None
    intro: tuple[CitedText, ...] = ()
    key_points: int = 12
    #: ``extra: briefing: scope:`` (the coverage is computed from the data).
    scope: DeclaredScope = field(default_factory=DeclaredScope)


def home_settings(options: Options, data: Dataset, config_file: str = "mkdocs.yml") -> HomeSettings:
    """The home page's options, with every citation of ``home_intro`` checked against the
    data's sources; raise :class:`ConfigError` naming each unknown source."""
    problems = intro_citation_problems(options, data.sources, config_file)
    if problems:
        raise ConfigError("\n".join(problems))
    paragraphs = [CitedText(paragraph.text, tuple(Citation(c.source, c.locator, c.quote) for c in paragraph.citations))
                  for paragraph in options.home_intro]
    return HomeSettings(options.home_title, tuple(paragraphs), options.home_key_points, declared_scope(options))


def declared_scope(options: Options) -> DeclaredScope:
    """``extra: briefing: scope:`` as the model's :class:`DeclaredScope`."""
    scope = options.scope
    return DeclaredScope(scope.start, scope.end, scope.area, scope.curated_from)


def figures_words(killed: int | None, wounded: int | None) -> str:
    """``1 killed and no one wounded``: what an account said, and no more."""
    def count(n: int, what: str) -> str:
        return f"no one {what}" if n == 0 else f"{n} {what}"
    if killed == 0 and wounded == 0:
        return "no one killed or wounded"
    if killed is not None and wounded is not None:
        return f"{count(killed, 'killed')} and {count(wounded, 'wounded')}"
    if killed is not None:
        return count(killed, "killed")
    if wounded is not None:
        return count(wounded, "wounded")
    return "no figures"


def period_records(data: Dataset, limit: int) -> tuple[dt.date | None, list[Incident | Milestone], int]:
    """The latest month with records, its records oldest first (the latest ``limit``), and
    how many of its records were left out."""
    records: list[Incident | Milestone] = [*data.incidents.values(), *data.milestones.values()]
    if not records:
        return None, [], 0
    latest = max(r.date for r in records)
    month = (latest.year, latest.month)
    chosen = sorted((r for r in records if (r.date.year, r.date.month) == month),
                    key=lambda r: (r.date, r.kind != "milestone", r.id))
    return latest.replace(day=1), chosen[-limit:], max(0, len(chosen) - limit)


def period_span(data: Dataset, month: dt.date | None) -> str | None:
    """The days the records of ``month`` span, in words (``6–15 July 2021``): the headings
    of the key points and casualty reports name what the data covers, never the whole month."""
    if month is None:
        return None
    records: list[Incident | Milestone] = [*data.incidents.values(), *data.milestones.values()]
    days = [day for record in records
            for day in (record.date, getattr(record, "date_end", None) or record.date)
            if (record.date.year, record.date.month) == (month.year, month.month)]
    return period_words(min(days), max(days)) if days else None


def casualty_reports(data: Dataset, incidents: Sequence[Incident]) -> tuple[list[IncidentCasualties], list[Incident]]:
    """Each incident's casualty figures by account, and the incidents with none."""
    with_figures: list[IncidentCasualties] = []
    without: list[Incident] = []
    for incident in incidents:
        reports = tuple(
            CasualtyReport(claim, data.parties[claim.party_id], tuple(
                ReportedFigures(data.parties[c.party_id], figures_words(c.killed, c.wounded))
                for c in claim.casualties))
            for claim in incident.claims if claim.casualties
        )
        if reports:
            with_figures.append(IncidentCasualties(incident, reports))
        else:
            without.append(incident)
    return with_figures, without


def silences(data: Dataset, record: Any) -> tuple[PartySilence, ...]:
    """The record's ``silent`` entries (incidents and milestones may have them)."""
    found = []
    for entry in getattr(record, "silent", ()) or ():
        party_id = getattr(entry, "party_id", None) or getattr(entry, "party", None)
        if isinstance(party_id, str) and party_id in data.parties:
            found.append(PartySilence(data.parties[party_id], getattr(entry, "actor", "") or "",
                                 getattr(entry, "text", ""), tuple(getattr(entry, "citations", ()))))
    return tuple(found)


def _accounts(data: Dataset, incident: Incident, actors: bool = False) -> dict[str, list[Claim]]:
    """The incident's claims by party (or, with ``actors``, by joint body, mission or
    institution: never counted as a party's), leaving out analysts."""
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in incident.claims:
        party = data.parties[claim.party_id]
        if party.is_party_to_conflict and party.is_actor == actors:
            grouped[claim.party_id].append(claim)
    return grouped


def _own(data: Dataset, party: Party, claims: Sequence[Claim]) -> bool:
    """Whether one of ``claims`` cites the party's own publication: a source published by
    one of its bodies (a ministry: a state body of that party), read or not."""
    for claim in claims:
        for citation in claim.citations:
            affiliation = data.authors[data.sources[citation.source_id].publisher_id].affiliation
            if affiliation.party_id == party.id and affiliation.affiliation_kind == "state-body":
                return True
    return False


def _cells(data: Dataset, columns: Sequence[Party], accounts: dict[str, list[Claim]],
           silent: Sequence[PartySilence]) -> tuple[EvidenceCell, ...]:
    return tuple(EvidenceCell(party, tuple(accounts.get(party.id, ())),
                              tuple(s for s in silent if s.party.id == party.id),
                              _own(data, party, accounts.get(party.id, ()))) for party in columns)


def evidence_table(data: Dataset, incidents: Sequence[Incident]
                   ) -> tuple[tuple[Party, ...], list[EvidenceRow], tuple[Party, ...]]:
    """The parties to show as columns, a row per incident with a cell per party, and the
    columns of the actors that are not parties (joint bodies, missions, institutions),
    shown apart: their statements and silences are theirs, not their members'.

    The columns are the parties whose silence a reader would notice: the sides of the
    conflict, every other party that gave an account of some incident here, and any party
    recorded as silent in these rows; and every actor that did either."""
    claimed = {c.party_id for i in data.incidents.values() for c in i.claims}
    silent = {i.id: silences(data, i) for i in incidents}
    quiet = {s.party.id for found in silent.values() for s in found}
    shown = [p for p in data.parties.values()
             if p.is_party_to_conflict and (p.role in SIDES or p.id in claimed or p.id in quiet)]
    columns = tuple(p for p in shown if not p.is_actor)
    actors = tuple(p for p in shown if p.is_actor)
    rows = [EvidenceRow(incident, _cells(data, columns, _accounts(data, incident), silent[incident.id]),
                        _cells(data, actors, _accounts(data, incident, actors=True), silent[incident.id]))
            for incident in incidents]
    return columns, rows, actors


def evidence_balance(data: Dataset) -> EvidenceBalance:
    """How many incidents of the whole data rest on one party's accounts, by party."""
    single: Counter[str] = Counter()
    claimants: dict[str, set[str]] = defaultdict(set)
    several = none = silenced = 0
    for incident in data.incidents.values():
        accounts = _accounts(data, incident)
        if len(accounts) == 1:
            [(party_id, claims)] = accounts.items()
            single[party_id] += 1
            claimants[party_id].update(" ".join(c.claimant.split()) for c in claims)
        elif accounts:
            several += 1
        else:
            none += 1
        silenced += bool(silences(data, incident))
    parties = sorted(single, key=lambda p: (-single[p], data.parties[p].name.casefold(), p))
    return EvidenceBalance(
        incidents=len(data.incidents),
        single_party=tuple(
            SingleSource(data.parties[p], single[p], tuple(sorted(claimants[p])[:CLAIMANT_NAMES]),
                         max(0, len(claimants[p]) - CLAIMANT_NAMES))
            for p in parties),
        several_parties=several, no_party=none, with_silences=silenced,
    )


def page_citations(intro: Iterable[CitedText], key_points: Iterable[Incident | Milestone],
                   casualties: Iterable[IncidentCasualties], evidence: Iterable[EvidenceRow],
                   gaps: Iterable[KnownGap] = ()) -> list[Citation]:
    """Every citation the home page can make (for its sources and footnotes)."""
    citations: list[Citation] = [c for paragraph in intro for c in paragraph.citations]
    citations += [c for gap in gaps for c in gap.citations()]
    citations += [c for record in key_points for c in record.summary.citations]
    citations += [c for item in casualties for report in item.reports for c in report.claim.citations]
    for row in evidence:
        for cell in (*row.cells, *row.actor_cells):
            citations += [c for claim in cell.claims for c in claim.citations]
            citations += [c for silence in cell.silent for c in silence.citations]
    return citations
