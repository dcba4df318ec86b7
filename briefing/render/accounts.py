"""The parties' accounts of an incident lined up field by field, and the evidence summary.

Pure views of the records, computed once per page by the incident page's builder
(:mod:`.builders.incident`):

* :func:`compare` puts the accounts side by side (event date, time as given, time in UTC,
  place, whom they blame, weapons, casualties) and marks each line ``same``, ``differs``
  or, for text in each account's own words, ``worded differently``. It never says more
  than the accounts do: a time whose zone is not stated is shown as given and never
  converted, so two such times are "not comparable"; a line only one account gives is
  not compared.
* :func:`evidence` counts what the page rests on: accounts, silences, assessments, and the
  sources by rung of the provenance ladder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefing.model.records import RUNGS, Assessment, Claim, ClockTime, Incident, Party, Source
from briefing.model.times import utc_times
from briefing.render.text import date_text

SAME = "same"
DIFFERS = "differs"
WORDED = "worded differently"
ONE = "one account only"
NOT_COMPARABLE = "not comparable: time zone not stated"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the comparison: a label, one cell per account (empty: not given) and the verdict."""

    label: str
    cells: tuple[str, ...]
    verdict: str


@dataclass(frozen=True, slots=True)
class Comparison:
    claims: tuple[Claim, ...]
    lines: tuple[Line, ...]


def _times_text(times: tuple[ClockTime, ...]) -> str:
    return ", ".join(f"{t.start}–{t.end}" if t.end else t.start for t in times)


def _utc_text(times: list[tuple[dt.datetime, dt.datetime | None]], day: dt.date) -> str:
    def one(moment: dt.datetime) -> str:
        text = moment.strftime("%H:%M")
        return text if moment.date() == day else f"{text} ({date_text(moment.date())})"
    return ", ".join(f"{one(a)}–{one(b)}" if b else one(a) for a, b in times) + " UTC"


def _given_time(claim: Claim) -> str:
    parts = []
    if claim.times:
        zone = claim.time_zone
        if zone is None or not zone.known:
            where = "time zone not stated"
        elif zone.stated:
            where = f"{zone.zone} time, as the account states"
        else:
            where = f"{zone.zone} time, inferred on a cited basis"
        parts.append(f"{_times_text(claim.times)} ({where})")
    if claim.time_of_day:
        parts.append(claim.time_of_day)
    return "; ".join(parts)


def _casualties(claim: Claim, parties: Mapping[str, Party]) -> str:
    parts = []
    for row in claim.casualties:
        figures = [f"{row.killed} killed" if row.killed is not None else "",
                   f"{row.wounded} wounded" if row.wounded is not None else ""]
        parts.append(f"{parties[row.party_id].name}: {', '.join(f for f in figures if f)}")
    return "; ".join(parts)


def _blamed(claim: Claim, parties: Mapping[str, Party]) -> str:
    if claim.blamed_as:
        return f"“{claim.blamed_as}”"
    return ", ".join(parties[p].name for p in claim.blames)


def _verdict(values: list[object | None], worded: bool = False) -> str:
    given = [v for v in values if v not in (None, "", (), frozenset())]
    if len(given) < 2:
        return ONE if given else ""
    if all(v == given[0] for v in given):
        return SAME
    return WORDED if worded else DIFFERS


def compare(incident: Incident, parties: Mapping[str, Party]) -> Comparison | None:
    """The accounts of ``incident`` lined up, or ``None`` when fewer than two are cited."""
    claims = incident.claims
    if len(claims) < 2:
        return None
    lines = [
        Line("Issued", tuple(date_text(c.date) for c in claims), _verdict([c.date for c in claims])),
        Line("Date of the event", tuple(date_text(c.event_date) for c in claims),
             _verdict([c.event_date for c in claims])),
    ]
    given = tuple(_given_time(c) for c in claims)
    utc = [utc_times(c, incident.date) for c in claims]
    with_times = sum(1 for c in claims if c.times)
    if sum(1 for u in utc if u) >= 2:
        time_verdict = _verdict([tuple(u) if u else None for u in utc])
    elif with_times >= 2:
        time_verdict = NOT_COMPARABLE
    else:
        time_verdict = ONE if any(given) else ""
    lines.append(Line("Time as given", given, ""))
    lines.append(Line("Time in UTC", tuple(
        _utc_text(u, c.event_date or incident.date) if u else ("zone not stated: not converted" if c.times else "")
        for c, u in zip(claims, utc, strict=True)), time_verdict))
    lines.append(Line("Place", tuple(c.place or "" for c in claims), _verdict([c.place for c in claims], worded=True)))
    blame_values: list[object | None] = [
        c.blamed_as if c.blamed_as else (frozenset(c.blames) if c.blames else None) for c in claims]
    worded = any(c.blamed_as for c in claims)
    lines.append(Line("Blames", tuple(_blamed(c, parties) for c in claims), _verdict(blame_values, worded)))
    lines.append(Line("Weapons", tuple(", ".join(c.weapons) for c in claims),
                      _verdict([frozenset(c.weapons) if c.weapons else None for c in claims], worded=True)))
    lines.append(Line("Casualties", tuple(_casualties(c, parties) for c in claims), _casualty_verdict(claims)))
    return Comparison(claims, tuple(line for line in lines if any(line.cells)))


def _casualty_verdict(claims: Iterable[Claim]) -> str:
    """Same or differs on the parties that two accounts both give figures for."""
    figures: dict[str, set[tuple[int | None, int | None]]] = {}
    givers = 0
    for claim in claims:
        if claim.casualties:
            givers += 1
        for row in claim.casualties:
            figures.setdefault(row.party_id, set()).add((row.killed, row.wounded))
    if givers < 2:
        return ONE if givers else ""
    counted: dict[str, int] = {}
    for claim in claims:
        for party_id in {row.party_id for row in claim.casualties}:
            counted[party_id] = counted.get(party_id, 0) + 1
    shared = [p for p, n in counted.items() if n >= 2]
    if not shared:
        return "not comparable: about different parties"
    return SAME if all(len(figures[p]) == 1 for p in shared) else DIFFERS


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an incident's or milestone's page rests on, counted."""

    accounts: int
    account_parties: tuple[Party, ...]
    silences: int
    silent_parties: tuple[Party, ...]
    assessments: int
    #: Sources cited for the record's own statements, by rung (read, via, not-located).
    sources_by_rung: tuple[tuple[str, int], ...]


def evidence(claims: Iterable[Claim], silent_party_ids: Iterable[str], assessments: Iterable[Assessment],
             sources: Iterable[Source], parties: Mapping[str, Party]) -> Evidence:
    claims = tuple(claims)
    account_parties = tuple(parties[p] for p in dict.fromkeys(c.party_id for c in claims))
    silent_ids = tuple(silent_party_ids)
    silent_parties = tuple(parties[p] for p in dict.fromkeys(silent_ids))
    cited = list(sources)
    by_rung = tuple((rung, sum(1 for s in cited if s.provenance == rung)) for rung in RUNGS)
    return Evidence(len(claims), account_parties, len(silent_ids), silent_parties, len(tuple(assessments)), by_rung)
