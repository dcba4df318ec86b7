"""Validated YAML (plain data) → the typed records of :mod:`briefing.model.records`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from briefing.model.records import (
    Agreement,
    Citation,
    CitedText,
    Claim,
    Clause,
    ClauseLink,
    ClauseText,
    Coordinates,
    Correction,
    CuratedCasualties,
    Dataset,
    Figure,
    Incident,
    Milestone,
    Party,
    PlaceName,
    Region,
    RemovedRecord,
    ReportedCasualties,
    Source,
)


def _chronological(record: Any) -> tuple[dt.date, str]:
    return (getattr(record, "date", dt.date.min), record.id)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _citations(items: list[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation(c["source"], c.get("locator"), c.get("quote")) for c in items)


def _cited(item: dict[str, Any]) -> CitedText:
    return CitedText(item["text"], _citations(item["citations"]))


def _coordinates(item: dict[str, Any] | None) -> Coordinates | None:
    return Coordinates(float(item["lat"]), float(item["lon"]), item.get("precision")) if item else None


def _clause_links(items: list[dict[str, Any]] | None) -> tuple[ClauseLink, ...]:
    return tuple(ClauseLink(link["clause"], link["why"]) for link in items or [])


def _figure(item: dict[str, Any] | None) -> Figure | None:
    return Figure(item["low"], item["best"], item["high"]) if item else None


def _frozen(records: list[Any], key: Any) -> Mapping[str, Any]:
    return MappingProxyType({r.id: r for r in sorted(records, key=key)})


_NOUNS = {"parties": "party", "regions": "region", "sources": "source", "agreements": "agreement",
           "milestones": "milestone", "incidents": "incident"}


def build_dataset(raw: Mapping[str, list[dict[str, Any]]]) -> Dataset:
    """Build the typed model from data that :func:`briefing.validate.validate` accepted."""
    parties = [Party(p["id"], p["name"], p["role"], p.get("description")) for p in raw["parties"]]
    regions = [
        Region(
            r["id"], r["kind"],
            tuple(PlaceName(n["name"], n["lang"], tuple(n.get("used_by", []))) for n in r["names"]),
            r.get("parent"), _coordinates(r.get("coordinates")), r.get("description"),
        )
        for r in raw["regions"]
    ]
    sources = [
        Source(
            s["id"], s["publisher"], s["title"], s["url"], dt.date.fromisoformat(s["published"]),
            dt.date.fromisoformat(s["accessed"]), s["language"], s["kind"], s.get("archive_url"),
            s.get("party"), s.get("note"),
        )
        for s in raw["sources"]
    ]
    agreements: list[Agreement] = []
    clauses: list[Clause] = []
    for a in raw["agreements"]:
        own = tuple(
            Clause(
                c["id"], a["id"], c["number"], c["title"],
                tuple(ClauseText(t["version"], t["language"], t["text"], _citations(t["citations"]),
                                 bool(t.get("excerpt", False))) for t in c["texts"]),
                tuple(c.get("topics", [])),
            )
            for c in a["clauses"]
        )
        clauses.extend(own)
        agreements.append(Agreement(a["id"], a["title"], dt.date.fromisoformat(a["date"]),
                                    tuple(a["parties"]), _cited(a["summary"]), own, a.get("effective")))
    milestones = [
        Milestone(
            m["id"], dt.date.fromisoformat(m["date"]), m["kind"], m["title"], _cited(m["summary"]),
            m.get("date_precision", "day"), tuple(m.get("parties", [])), _clause_links(m.get("clauses")),
            tuple(m.get("agreements", [])), tuple(m.get("regions", [])),
        )
        for m in raw["milestones"]
    ]
    incidents = [
        Incident(
            id=i["id"], title=i["title"], date=dt.date.fromisoformat(i["date"]),
            region_ids=tuple(i["regions"]), incident_type=i["type"], summary=_cited(i["summary"]),
            claims=tuple(
                Claim(
                    c["party"], c["claimant"], c["text"], _citations(c["citations"]),
                    bool(c.get("quoted", False)), _date(c.get("date")), tuple(c.get("blames", [])),
                    tuple(ReportedCasualties(x["party"], x.get("killed"), x.get("wounded"))
                          for x in c.get("casualties", [])),
                )
                for c in i["claims"]
            ),
            grade=i["grade"], date_end=_date(i.get("date_end")), date_precision=i.get("date_precision", "day"),
            place=i.get("place"), coordinates=_coordinates(i.get("coordinates")),
            weapons=tuple(i.get("weapons", [])),
            casualties=tuple(CuratedCasualties(x["party"], _figure(x.get("killed")), _figure(x.get("wounded")))
                             for x in i.get("casualties", [])),
            casualty_rule=i.get("casualty_rule"), grade_note=i.get("grade_note"),
            clause_links=_clause_links(i.get("clauses")),
        )
        for i in raw["incidents"]
    ]
    renamed: dict[tuple[str, str], str] = {}
    corrections: list[Correction] = []
    for kind, noun in _NOUNS.items():
        for r in raw.get(kind, []):
            nested = [(noun, r)] + [("clause", c) for c in (r.get("clauses") or []) if kind == "agreements"]
            for record_noun, item in nested:
                for old in item.get("previous_ids", []):
                    renamed[record_noun, old] = item["id"]
                corrections.extend(
                    Correction(record_noun, item["id"], dt.date.fromisoformat(c["date"]), c["kind"], c["note"])
                    for c in item.get("corrections", [])
                )
    return Dataset(
        renamed=MappingProxyType(dict(sorted(renamed.items()))),
        corrections=tuple(sorted(corrections, key=lambda c: (c.date, c.record_kind, c.record_id), reverse=True)),
        parties=_frozen(parties, lambda p: (p.name.casefold(), p.id)),
        regions=_frozen(regions, lambda r: (r.title.casefold(), r.id)),
        sources=_frozen(sources, lambda s: (s.publisher.casefold(), s.published, s.id)),
        agreements=_frozen(agreements, _chronological),
        clauses=_frozen(clauses, lambda c: (c.agreement_id, c.number.zfill(6), c.id)),
        milestones=_frozen(milestones, _chronological),
        incidents=_frozen(incidents, _chronological),
        removed=tuple(sorted(
            (RemovedRecord(r["id"], r["kind"], dt.date.fromisoformat(r["removed"]), r["action"], r["reason"],
                           r.get("replaced_by")) for r in raw.get("removed", [])),
            key=lambda r: (r.removed, r.record_kind, r.id), reverse=True,
        )),
    )
