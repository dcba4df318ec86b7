"""Warnings: data that is valid but suspicious, for a reviewer to look at.

Warnings never stop a build (the data can be published as it is); ``python -m briefing
check`` lists them after the errors and still exits 0 when there are only warnings. The
MkDocs hook does not print them: ``mkdocs build --strict`` would turn a logged warning
into a failed build, and a reviewer sees them in the pull request's check annotations.

They run on data that passed validation, so shapes and references can be trusted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from briefing.errors import DataError, Severity
from briefing.kinds import citing_kinds
from briefing.load.reader import JsonPath, LoadedFile
from briefing.locators import paragraph_sign

#: Grades that already say the account is not corroborated.
_ONE_SIDED_GRADES = frozenset({"single-source", "weak", "contested", "discounted"})


def _items(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _walk(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """Every mapping inside ``value``, with its path."""
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            if isinstance(item, (dict, list)):  # not into text and numbers: most values
                yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                yield from _walk(item, (*path, index))


def _citations(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """(path of the ``source`` key, source id) of every citation inside ``value``."""
    for where, mapping in _walk(value, path):
        for i, citation in _items(mapping.get("citations")):
            if isinstance(citation.get("source"), str):
                yield (*where, "citations", i, "source"), citation["source"]


def _cited_sources(value: Any) -> list[str]:
    """The source ids :func:`_citations` finds, without their paths (a path is made only
    for a warning: making one for every value was most of the warnings' time at scale)."""
    found: list[str] = []
    pending = [value]
    pop, push = pending.pop, pending.append
    while pending:
        item = pop()
        if isinstance(item, dict):
            citations = item.get("citations")
            if isinstance(citations, list):
                for citation in citations:
                    if isinstance(citation, dict) and isinstance(source := citation.get("source"), str):
                        found.append(source)
            for inner in item.values():
                if isinstance(inner, (dict, list)):
                    push(inner)
        elif isinstance(item, list):
            for inner in item:
                if isinstance(inner, (dict, list)):
                    push(inner)
    return found


def lint(loaded: dict[str, LoadedFile]) -> list[DataError]:
    """Every warning for valid data, in file order."""
    warnings: list[DataError] = []

    def warn(file: LoadedFile, path: JsonPath, message: str, hint: str, code: str) -> None:
        warnings.append(DataError(file.location(path), message, file.record_id(path), hint, severity=Severity.WARNING,
                                  code=code))

    sources = {s["id"]: (i, s) for i, s in _items(loaded["sources"].data)} if "sources" in loaded else {}
    citations: dict[str, int] = {}  # source id → how many citations name it
    cited_by_incident: dict[int, list[str]] = {}
    linked_clauses: set[str] = set()
    for kind in (k.plural for k in citing_kinds()):
        file = loaded.get(kind)
        if file is None:
            continue
        for index, record in enumerate(file.data if isinstance(file.data, list) else [file.data]):
            found = _cited_sources(record)
            for source_id in found:
                citations[source_id] = citations.get(source_id, 0) + 1
            if kind == "incidents":
                cited_by_incident[index] = _cited_sources(record.get("claims")) if isinstance(record, dict) else []
        if kind in ("milestones", "incidents"):
            for _, record in _items(file.data):
                linked_clauses.update(link["clause"] for _, link in _items(record.get("clauses")) if "clause" in link)

    incidents = loaded.get("incidents")
    published: dict[str, dt.date | None] = {}
    for index, incident in _items(incidents.data if incidents else None):
        assert incidents is not None
        _incident(incidents, (index,), incident, sources, warn, published, cited_by_incident[index])

    agreements = loaded.get("agreements")
    for index, agreement in _items(agreements.data if agreements else None):
        assert agreements is not None
        for c, clause in _items(agreement.get("clauses")):
            if clause.get("id") not in linked_clauses:
                warn(agreements, (index, "clauses", c, "id"),
                     f"clause {clause.get('id')!r} is cited by no incident or milestone",
                     "link it from the records it concerns (clauses: with a why), or ignore this if none does",
                     "clause-unlinked")

    source_file = loaded.get("sources")
    if source_file is not None:
        through = {s["via"]["source"] for _, s in sources.values()
                   if isinstance(s.get("via"), dict) and isinstance(s["via"].get("source"), str)}
        for source_id, (index, source) in sources.items():
            if source_id not in citations and source_id not in through:
                warn(source_file, (index, "id"), f"source {source_id!r} is not cited anywhere",
                     "cite it where it supports a statement, or remove it", "source-uncited")
            _debt(source_file, (index,), source, citations.get(source_id, 0), sources, warn)
    warnings.extend(gap_warnings(loaded))
    return sorted(warnings, key=lambda w: w.sort_key)


#: The codes of the source-debt warnings (``check --strict-sources`` makes them errors).
SOURCE_DEBT = frozenset({"source-not-read", "source-read-in-copy", "read-without-archive", "via-not-read"})



def _debt(file: LoadedFile, path: JsonPath, source: dict[str, Any], cited: int,
          sources: dict[str, tuple[int, dict[str, Any]]], warn: Any) -> None:
    """The source-debt warnings (W1 to W3 of audit/design.md): not read, no archived copy."""
    rung = source.get("provenance")
    found = source.get("via")
    via: dict[str, Any] = found if isinstance(found, dict) else {}
    if rung in ("via", "not-located") and cited:  # W1
        chain = f", via {via.get('source')} {paragraph_sign(str(via.get('locator', '')))}".rstrip() if via else ""
        warn(file, (*path, "provenance"), f"source {source.get('id')!r} is cited {cited} time{'s' if cited != 1 else ''} "
             f"but was not read in the original ({rung}{chain})",
             "read the original and set provenance: read with accessed, or keep it and say so", "source-not-read")
    found_copy = source.get("copy")
    copy: dict[str, Any] = found_copy if isinstance(found_copy, dict) else {}
    if rung == "copy" and cited:  # W4 (issue 18.5): a debt of its own kind
        captured = f"captured {copy['captured']}" if isinstance(copy.get("captured"), str) else "capture date not known"
        warn(file, (*path, "provenance"), f"source {source.get('id')!r} is cited {cited} time{'s' if cited != 1 else ''} "
             f"but was read only in a copy ({copy.get('kind')}, {captured})",
             "read the original at its own address and set provenance: read, or keep the copy and say so",
             "source-read-in-copy")
    if rung in ("read", "copy") and "archive_url" not in source:  # W2
        warn(file, (*path, "provenance"), f"source {source.get('id')!r} was read but no archived copy is recorded",
             "add archive_url when an archived copy (e.g. web.archive.org) is found; never construct one",
             "read-without-archive")
    target = sources[via["source"]][1] if via and via.get("source") in sources else None
    if rung == "via" and target is not None and target.get("provenance") not in ("read", "copy"):  # W3 = R5
        warn(file, (*path, "via", "source"), f"known only through {via.get('source')!r}, which was not read either",
             "read the intermediate source, or record the chain's first read link", "via-not-read")




def _last_day(partial: str) -> dt.date:
    """The last day a partial date (``2021``, ``2021-07``, ``2021-07-14``) can mean."""
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def _incident(file: LoadedFile, path: JsonPath, incident: dict[str, Any],
              sources: dict[str, tuple[int, dict[str, Any]]], warn: Any, dates: dict[str, dt.date | None],
              cited: list[str]) -> None:
    if incident.get("date_precision", "day") == "day" and isinstance(incident.get("date"), str):
        day = dt.date.fromisoformat(incident["date"])

        def published_on(source_id: str) -> dt.date | None:
            """The last day the source's (possibly partial) publication date can mean."""
            if source_id not in dates:
                published = sources.get(source_id, (0, {}))[1].get("published")
                dates[source_id] = _last_day(published) if isinstance(published, str) else None
            return dates[source_id]

        # only an account cannot predate the event: a summary or clause link may cite background
        early = [source_id for source_id in cited if (date := published_on(source_id)) and date < day]
        for where, source_id in _citations(incident.get("claims"), (*path, "claims")) if early else ():
            if source_id in early:
                published = sources[source_id][1]["published"]
                warn(file, where, f"source {source_id!r} was published on {published}, before the incident "
                     f"it is cited for ({incident['date']})",
                     "check the incident's date and the source's published date", "source-before-event")
    parties = {claim.get("party") for _, claim in _items(incident.get("claims"))}
    if len(parties) == 1 and incident.get("grade") not in _ONE_SIDED_GRADES and not incident.get("grade_note"):
        (party,) = parties
        warn(file, (*path, "grade"),
             f"every claim comes from one side ({party}) but the grade is {incident.get('grade')!r} "
             "with no grade_note",
             "grade it single-source, or add a grade_note saying what corroborates the account", "one-sided-grade")


def _gap_days(record: dict[str, Any]) -> tuple[str, str]:
    start = str(record.get("date"))
    return start, str(record.get("date_end") or start)


def gap_warnings(loaded: dict[str, LoadedFile]) -> list[DataError]:
    """``gap-curated``: a known gap (``gaps.yaml``, events a source reports that are not
    curated yet) citing a source that an incident of an overlapping day cites: it may be
    that incident, curated since, and a reader would see the same event twice."""
    gaps, incidents = loaded.get("gaps"), loaded.get("incidents")
    if gaps is None or incidents is None:
        return []
    curated = [(_gap_days(incident), set(_cited_sources(incident)), str(incident.get("id"))) for _, incident in _items(incidents.data)]
    warnings = []
    for index, gap in _items(gaps.data):
        start, end = _gap_days(gap)
        cited = {c["source"] for _, c in _items(gap.get("citations")) if isinstance(c.get("source"), str)}
        for (first, last), sources, incident_id in curated:
            shared = sorted(cited & sources)
            if shared and first <= end and start <= last:
                warnings.append(DataError(
                    gaps.location((index, "id")),
                    f"known gap {gap.get('id')!r} cites {shared[0]!r}, which incident {incident_id!r} of the same "
                    "day already cites: it may be curated already",
                    gaps.record_id((index, "id")),
                    f"if it is the same event, delete the gap and add it to removed.yaml (action: moved, "
                    f"replaced_by: {incident_id}, replaced_by_kind: incident)", severity=Severity.WARNING, code="gap-curated"))
                break
    return warnings
