"""The home page's bottom line: a few dated, attributed sentences built from the data.

CrisisWatch opens each entry with one bold line; the briefing opens with four sentences
that a template writes from the records, so the line can never drift from them:

* **what happened**: how many incidents are recorded between which dates, and where the
  latest of them were reported, each place cited to the first source of its incident's
  summary;
* **who reports what casualties**: each figure an account gave, attributed to the party
  whose account it is and dated, cited to the account's first source; figures are never
  added up, across accounts or incidents;
* **how balanced the evidence is**: how many incidents rest on one party's accounts
  (the counts of :func:`briefing.render.home.evidence_balance`, shown in full below it);
* **the scope**: the declared scope and the data's coverage (:class:`briefing.model.scope.ScopeWords`).

Every list is cut at a few entries, so the line keeps its size (it has to fit on the
first screen of a phone) whatever the size of the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefing.model.records import Citation, Dataset, Incident, Party, Region
from briefing.model.scope import ScopeWords
from briefing.render.text import date_text

#: Places named in the "what happened" sentence (the latest incidents).
PLACES_SHOWN = 2
#: Casualty figures named in the bottom line (the latest); the rest are in the section below.
FIGURES_SHOWN = 2


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """Where one incident was reported, with the first citation of its summary."""

    incident: Incident
    region: Region | None
    citation: Citation | None
    #: The incident's date in words, without its year when that is the line's year.
    when: str


@dataclass(frozen=True, slots=True)
class FigureMention:
    """One figure an account gave: ``1 killed`` on the side of ``side``, by ``party``'s account."""

    incident: Incident
    party: Party
    side: Party
    words: str
    citation: Citation | None
    when: str


@dataclass(frozen=True, slots=True)
class BottomLine:
    """What the home page's bottom line says; ``partials/bottom_line.html.j2`` writes it."""

    #: The day the line is as of: the data's last update, else its latest event.
    as_of: dt.date | None
    incidents: int
    first: dt.date | None
    last: dt.date | None
    places: tuple[PlaceMention, ...]
    #: Incidents recorded before the places named.
    places_more: int
    figures: tuple[FigureMention, ...]
    #: Figures left for the casualty section.
    figures_more: int
    #: Incidents whose accounts give no figures at all.
    without_figures: int
    scope: ScopeWords


def _when(incident: Incident, year: int | None) -> str:
    """``6 July`` (``6 July 2020`` in another year than the line's last; a week or a
    month as precise as the data knows it)."""
    words = date_text(incident.date, incident.date_precision, incident.date_end)
    suffix = f" {year}"
    return words[: -len(suffix)] if year == incident.date.year and words.endswith(suffix) and \
        (incident.date_end or incident.date).year == year else words


def _first(citations: Sequence[Citation]) -> Citation | None:
    return citations[0] if citations else None


def places(data: Dataset, most_specific: Any) -> tuple[list[PlaceMention], int]:
    """The latest incidents' places, oldest first, and how many earlier ones are left out."""
    incidents = sorted(data.incidents.values(), key=lambda i: (i.date, i.id))
    shown = incidents[-PLACES_SHOWN:]
    year = max((i.date_end or i.date).year for i in incidents) if incidents else None
    found = []
    for incident in shown:
        regions = most_specific(incident.region_ids)
        region = data.regions[regions[0]] if regions else None
        found.append(PlaceMention(incident, region, _first(incident.summary.citations), _when(incident, year)))
    return found, len(incidents) - len(shown)


def figures(data: Dataset) -> tuple[list[FigureMention], int, int]:
    """The gravest figure (killed, then wounded) each party reported, for up to
    :data:`FIGURES_SHOWN` parties, oldest first; how many other figures there are; incidents
    with no figures at all. The gravest, not the latest: a bottom line that showed the last
    days' minor reports would hide the deadliest ones."""
    found: list[tuple[tuple[int, int], FigureMention]] = []
    without = 0
    incidents = sorted(data.incidents.values(), key=lambda i: (i.date, i.id))
    year = max((i.date_end or i.date).year for i in incidents) if incidents else None
    for incident in incidents:
        if not any(claim.casualties for claim in incident.claims):
            without += 1
        for claim in incident.claims:
            for row in claim.casualties:
                words = " and ".join(f"{n} {what}" for n, what in ((row.killed, "killed"), (row.wounded, "wounded"))
                                     if n)
                if words:
                    mention = FigureMention(incident, data.parties[claim.party_id], data.parties[row.party_id],
                                            words, _first(claim.citations), _when(incident, year))
                    found.append(((row.killed or 0, row.wounded or 0), mention))
    gravest: dict[str, FigureMention] = {}
    for _gravity, mention in sorted(found, key=lambda f: f[0], reverse=True):  # stable: the earlier of equals
        gravest.setdefault(mention.party.id, mention)
    shown = sorted(list(gravest.values())[:FIGURES_SHOWN], key=lambda m: (m.incident.date, m.incident.id))
    return shown, len(found) - len(shown), without


def bottom_line(data: Dataset, most_specific: Any, as_of: dt.date | None, scope: ScopeWords) -> BottomLine:
    """The bottom line of the whole data (not only of the latest month)."""
    dated = sorted(data.incidents.values(), key=lambda i: (i.date, i.id))
    shown, more = places(data, most_specific)
    found, figures_more, without = figures(data)
    return BottomLine(
        as_of=as_of, incidents=len(dated),
        first=dated[0].date if dated else None,
        last=max((i.date_end or i.date for i in dated), default=None),
        places=tuple(shown), places_more=more, figures=tuple(found), figures_more=figures_more,
        without_figures=without, scope=scope,
    )


def citations(line: BottomLine) -> list[Citation]:
    """The citations the bottom line makes (for the page's sources)."""
    found = [p.citation for p in line.places] + [f.citation for f in line.figures]
    return [c for c in found if c is not None]
