"""Step 2b of the data flow: the checks a JSON Schema cannot express.

Real calendar dates in the supported range, date order, unique ids, references to other
records, parent cycles and depth, and figure ranges. Messages name the record and the
field and, where it helps, the closest existing value. Every check here is linear in the
data (a chain of parents is followed once, "did you mean" hints are bounded). The rules
of honest provenance (issue 10: the ladder of each source, analysis apart from claims,
cited place names, coordinates and time zones) are in :mod:`.provenance`, which runs on
the ids registered here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from briefing import limits
from briefing.addresses import host_problem
from briefing.errors import DataError
from briefing.errors import shorten as _shorten
from briefing.kinds import BY_PLURAL, DATA_FILES, KINDS, SPEAKER_KINDS, data_file_of, where
from briefing.kinds import noun as _noun
from briefing.load.reader import JsonPath, LoadedFile
from briefing.validate.actors import actor_errors
from briefing.validate.provenance import provenance_errors
from briefing.validate.schema import field_name, schema_errors


def validate(loaded: dict[str, LoadedFile]) -> list[DataError]:
    """Every problem in the loaded files: schema errors first, then cross-record checks."""
    errors: list[DataError] = []
    for kind in DATA_FILES:
        if kind in loaded:
            errors.extend(schema_errors(loaded[kind]))
    checker = _Checker(loaded)
    errors.extend(checker.run())
    errors.extend(provenance_errors(loaded, checker.ids))
    errors.extend(actor_errors(loaded))
    return errors


@dataclass(frozen=True, slots=True)
class _Ref:
    file: LoadedFile
    path: JsonPath
    value: str
    #: A message of its own for an unknown id (``{id}`` is replaced), and its hint.
    message: str | None = None
    hint: str | None = None
    code: str = "unknown-reference"
    #: An account's party: an author's id here gets the "not a party" message (R8).
    claim: bool = False


class _Checker:
    """Checks that need more than one record: ids, references, dates, ranges, cycles.

    It reads the data defensively (it runs even when the schema found problems) so that
    one run reports everything; a value of the wrong shape is skipped here because the
    schema layer already reported it.
    """

    def __init__(self, loaded: dict[str, LoadedFile]) -> None:
        self.loaded = loaded
        self.errors: list[DataError] = []
        plurals = (*DATA_FILES, *(kind.plural for kind in KINDS))
        self.ids: dict[str, dict[str, JsonPath]] = {kind: {} for kind in plurals}
        self.refs: dict[str, list[_Ref]] = {kind: [] for kind in plurals}
        self.removed: list[tuple[JsonPath, dict[str, Any]]] = []
        #: Citations with a quote: (file, path of the citation, source id).
        self.quoted: list[tuple[LoadedFile, JsonPath, str]] = []
        self.suggestions = 0  # "did you mean" look-ups so far (limits.MAX_SUGGESTIONS)

    def error(self, file: LoadedFile, path: JsonPath, message: str, hint: str | None, code: str) -> None:
        if file.is_refused(path):
            return  # the loader reported this value already
        self.errors.append(DataError(file.location(path), message, file.record_id(path), hint, code=code))

    def run(self) -> list[DataError]:
        for kind in DATA_FILES:
            file = self.loaded.get(kind)
            if file is None:
                continue
            # a wrong top-level shape is reported by the schema layer; _records skips it
            for index, record in _records(file.data):
                self._record(file, (index,), record, kind)
        self._check_references()
        self._check_region_cycles()
        self._check_removed()
        self._check_speakers()
        self._check_quotes()
        return self.errors

    def _check_speakers(self) -> None:
        """One id names one speaker: an id of two kinds of who-says-what (a party that is
        also an author) would let an analyst's words stand beside the belligerents'."""
        first: dict[str, str] = {}
        for kind in SPEAKER_KINDS:
            file = self.loaded.get(kind)
            for record_id, path in self.ids.get(kind, {}).items():
                other = first.setdefault(record_id, kind)
                if other != kind and file is not None:
                    where = self.loaded[other].location((*self.ids[other][record_id], "id"))
                    self.error(file, (*path, "id"), f"{_shorten(record_id)!r} is both {_a(_noun(other))} "
                               f"({where.file}:{where.line}) and {_a(_noun(kind))}: one id names one speaker",
                               "keep the id in one file: a party speaks in claims, an author or publisher in "
                               "assessments and sources", "speaker-id-shared")

    def _check_quotes(self) -> None:
        """No one quotes a document nobody found: a citation's quote needs a located source."""
        sources = self.loaded.get("sources")
        for file, path, source_id in self.quoted:
            found = self.ids["sources"].get(source_id)
            record = _at(sources.data, found) if sources is not None and found is not None else None
            if isinstance(record, dict) and record.get("provenance") == "not-located":
                self.error(file, (*path, "quote"), f"a quote from source {_shorten(source_id)!r}, which nobody "
                           "located: its words cannot be known", "remove the quote, or cite the source that "
                           "gives these words (with provenance: via)", "quote-not-located")

    def _register(self, file: LoadedFile, path: JsonPath, record: dict[str, Any], kind: str) -> None:
        if kind == "removed":
            self.removed.append((path, record))
            return
        record_id = record.get("id")
        if not isinstance(record_id, str):
            return
        seen = self.ids[kind]
        if record_id == "index":
            self.error(file, (*path, "id"), f"the id 'index' is taken: {kind}/index.html is the list of "
                       f"all {kind}, so the {_noun(kind)}'s page would be lost",
                       "choose another id", "id-reserved")
        elif record_id in seen:
            line = file.location((*seen[record_id], "id")).line
            self.error(file, (*path, "id"), f"duplicate id {_shorten(record_id)!r} (first used on line {line})",
                       "ids must be unique within a kind: choose another id", "duplicate-id")
        else:
            seen[record_id] = path

    def _ref(self, kind: str, file: LoadedFile, path: JsonPath, value: Any, message: str | None = None,
             hint: str | None = None, code: str = "unknown-reference", claim: bool = False) -> None:
        if isinstance(value, str):
            self.refs[kind].append(_Ref(file, path, value, message, hint, code, claim))

    def _refs(self, kind: str, file: LoadedFile, path: JsonPath, values: Any, message: str | None = None,
              hint: str | None = None, code: str = "unknown-reference", claim: bool = False) -> None:
        for i, value in enumerate(values if isinstance(values, list) else []):
            self._ref(kind, file, (*path, i), value, message, hint, code, claim)

    def _citations(self, file: LoadedFile, path: JsonPath, citations: Any) -> None:
        for i, citation in enumerate(citations if isinstance(citations, list) else []):
            if isinstance(citation, dict):
                self._ref("sources", file, (*path, i, "source"), citation.get("source"))
                if "quote" in citation and isinstance(citation.get("source"), str):
                    self.quoted.append((file, (*path, i), citation["source"]))

    def _cited(self, file: LoadedFile, path: JsonPath, statement: Any) -> None:
        if isinstance(statement, dict):
            self._citations(file, (*path, "citations"), statement.get("citations"))

    def _clause_links(self, file: LoadedFile, path: JsonPath, links: Any) -> None:
        for i, link in enumerate(links if isinstance(links, list) else []):
            if isinstance(link, dict):
                self._ref("clauses", file, (*path, i, "clause"), link.get("clause"))
                self._citations(file, (*path, i, "citations"), link.get("citations"))

    def _silences(self, file: LoadedFile, path: JsonPath, silences: Any) -> None:
        for i, silence in _records(silences):
            self._ref("parties", file, (*path, i, "party"), silence.get("party"), claim=True)
            self._date(file, (*path, i, "as_of"), silence.get("as_of"))
            self._citations(file, (*path, i, "citations"), silence.get("citations"))

    def _coordinates(self, file: LoadedFile, path: JsonPath, coordinates: Any) -> None:
        if isinstance(coordinates, dict):
            self._ref("regions", file, (*path, "region"), coordinates.get("region"))
            self._cited(file, (*path, "basis"), coordinates.get("basis"))

    def _record(self, file: LoadedFile, path: JsonPath, record: dict[str, Any], kind: str) -> None:
        self._register(file, path, record, kind)
        own = record.get("published" if kind == "sources" else "date")
        self._record_dates(file, (*path, "record_dates"), record.get("record_dates"), own)
        if kind in BY_PLURAL:
            self._BY_KIND.get(kind, _Checker._by_convention)(self, file, path, record)

    def _by_convention(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        """The references of a kind without checks of its own (one added to the registry):
        a field named by a kind's plural holds ids of that kind, and ``citations``, at any
        depth, holds citations."""
        for name, value in record.items():
            if name in BY_PLURAL:
                self._refs(name, file, (*path, name), value)
        stack: list[tuple[JsonPath, Any]] = [(path, record)]
        while stack:
            where_, value = stack.pop()
            if isinstance(value, dict):
                self._citations(file, (*where_, "citations"), value.get("citations"))
                stack.extend(((*where_, k), v) for k, v in value.items() if k != "citations")
            elif isinstance(value, list):
                stack.extend(((*where_, i), v) for i, v in enumerate(value))

    def _region(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        get = record.get
        for i, name in _records(get("names")):
            self._refs("parties", file, (*path, "names", i, "used_by"), name.get("used_by"))
            self._citations(file, (*path, "names", i, "citations"), name.get("citations"))
        self._ref("regions", file, (*path, "parent"), get("parent"))
        self._citations(file, (*path, "parent_citations"), get("parent_citations"))
        for i, link in _records(get("possibly_same")):
            self._ref("regions", file, (*path, "possibly_same", i, "region"), link.get("region"))
            self._citations(file, (*path, "possibly_same", i, "citations"), link.get("citations"))
        if get("parent") is not None and get("parent") == get("id"):
            self.error(file, (*path, "parent"), "a region cannot be its own parent",
                       "a region's parent must be a larger area that contains it", "region-cycle")
        self._cited(file, (*path, "description"), get("description"))
        self._coordinates(file, (*path, "coordinates"), get("coordinates"))

    def _party(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        self._cited(file, (*path, "description"), record.get("description"))
        for i, member in _records(record.get("members")):
            self._ref("parties", file, (*path, "members", i, "party"), member.get("party"))
            self._citations(file, (*path, "members", i, "citations"), member.get("citations"))

    def _author(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        get = record.get
        self._refs("authors", file, (*path, "member_of"), get("member_of"))
        self._cited(file, (*path, "description"), get("description"))
        affiliation = get("affiliation")
        if isinstance(affiliation, dict):
            self._ref("parties", file, (*path, "affiliation", "party"), affiliation.get("party"))
            self._citations(file, (*path, "affiliation", "citations"), affiliation.get("citations"))
            self._searched(file, (*path, "affiliation", "searched"), affiliation.get("searched"))

    def _source(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        get = record.get
        unknown, hint = ("the publisher {id!r} is not in authors.yaml",
                         "add it with its affiliation (kind: unknown with searched if none is found)")
        self._ref("authors", file, (*path, "publisher"), get("publisher"), unknown, hint, code="publisher-unknown")
        self._refs("authors", file, (*path, "authors"), get("authors"), unknown, hint, code="publisher-unknown")
        for key in ("url", "archive_url", "read_url", "publisher_site"):
            self._url(file, (*path, key), get(key))
        copy = get("copy")
        if isinstance(copy, dict):
            self._ref("authors", file, (*path, "copy", "publisher"), copy.get("publisher"),
                      "the copy's publisher {id!r} is not in authors.yaml", hint, code="publisher-unknown")
            self._url(file, (*path, "copy", "url"), copy.get("url"))
            self._partial_date(file, (*path, "copy", "captured"), copy.get("captured"))
        self._date(file, (*path, "accessed"), get("accessed"))
        self._partial_date(file, (*path, "published"), get("published"))
        self._searched(file, (*path, "searched"), get("searched"))

    def _assessment(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        get = record.get
        self._partial_date(file, (*path, "date"), get("date"))
        self._ref("authors", file, (*path, "author"), get("author"),
                  "the author {id!r} of this assessment is not in authors.yaml",
                  "add the author with a cited affiliation", code="assessment-author")
        about = "this assessment is about {id!r}, which does not exist"
        for kind in ("incidents", "milestones", "clauses"):
            self._refs(kind, file, (*path, kind), get(kind), about, code="assessment-target")
        self._citations(file, (*path, "citations"), get("citations"))

    def _agreement(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        get = record.get
        self._date(file, (*path, "date"), get("date"))
        self._refs("parties", file, (*path, "parties"), get("parties"))
        self._cited(file, (*path, "summary"), get("summary"))
        self._cited(file, (*path, "effective"), get("effective"))
        self._clause_count(file, path, record)
        for i, clause in _records(get("clauses")):
            clause_path = (*path, "clauses", i)
            self._register(file, clause_path, clause, "clauses")
            self._record_dates(file, (*clause_path, "record_dates"), clause.get("record_dates"), get("date"))
            for j, text in _records(clause.get("texts")):
                self._citations(file, (*clause_path, "texts", j, "citations"), text.get("citations"))

    def _milestone(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        get = record.get
        self._date(file, (*path, "date"), get("date"))
        self._refs("parties", file, (*path, "parties"), get("parties"), claim=True)
        self._cited(file, (*path, "summary"), get("summary"))
        self._clause_links(file, (*path, "clauses"), get("clauses"))
        self._refs("agreements", file, (*path, "agreements"), get("agreements"))
        self._refs("regions", file, (*path, "regions"), get("regions"))
        self._silences(file, (*path, "silent"), get("silent"))

    def _record_dates(self, file: LoadedFile, path: JsonPath, dates: Any, own: Any = None) -> None:
        """A record's publication dates: in order, not before the day of what it records
        (``own``: an incident's date, a source's publication) and not after today."""
        if not isinstance(dates, dict):
            return
        first = self._date(file, (*path, "first_published"), dates.get("first_published"))
        last = self._date(file, (*path, "last_changed"), dates.get("last_changed"))
        if first and last and last < first:
            self.error(file, (*path, "last_changed"), f"record_dates.last_changed {last} is before first_published {first}",
                       "a record cannot change before it was first published: check both dates", "date-order")
        floor, today = _first_day_of(own), dt.datetime.now(dt.UTC).date()
        for name, day in (("first_published", first), ("last_changed", last)):
            if day and floor and day < floor:
                self.error(file, (*path, name), f"record_dates.{name} {day} is before {floor}, the day of what the "
                           "record records", "a record is published after what it records: check the date",
                           "record-date-bounds")
            elif day and day > today:
                self.error(file, (*path, name), f"record_dates.{name} {day} is in the future (today is {today})",
                           "give the day the record was published or changed", "record-date-bounds")

    def _clause_count(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        count = record.get("clause_count")
        if not isinstance(count, dict):
            return
        self._cited(file, (*path, "clause_count"), count)
        numbers = [int(c["number"]) for _i, c in _records(record.get("clauses"))
                   if isinstance(c.get("number"), str) and c["number"].isdigit()]
        total = count.get("count")
        if isinstance(total, int) and not isinstance(total, bool) and total >= 1 and numbers and max(numbers) > total:
            self.error(file, (*path, "clause_count", "count"),
                       f"clause_count.count is {total}, but clause {max(numbers)} is recorded",
                       "count every clause of the agreement's text, recorded here or not", "clause-count")

    def _gap(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        self._span(file, path, record)
        self._refs("regions", file, (*path, "regions"), record.get("regions"))
        self._citations(file, (*path, "citations"), record.get("citations"))

    def _span(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
        """A record's ``date`` and ``date_end``, checked and in order."""
        get = record.get
        start = self._date(file, (*path, "date"), get("date"))
        end = self._date(file, (*path, "date_end"), get("date_end"))
        if start and end and end < start:
            self.error(file, (*path, "date_end"), f"date_end {end} is before date {start}",
                       "date is the first day and date_end the last: swap them?", "date-order")
        return start, end

    def _incident(self, file: LoadedFile, path: JsonPath, record: dict[str, Any]) -> None:
        get = record.get
        self._span(file, path, record)
        self._refs("regions", file, (*path, "regions"), get("regions"))
        self._cited(file, (*path, "summary"), get("summary"))
        self._clause_links(file, (*path, "clauses"), get("clauses"))
        self._silences(file, (*path, "silent"), get("silent"))
        self._coordinates(file, (*path, "coordinates"), get("coordinates"))
        for i, claim in _records(get("claims")):
            claim_path = (*path, "claims", i)
            self._ref("parties", file, (*claim_path, "party"), claim.get("party"), claim=True)
            self._refs("parties", file, (*claim_path, "blames"), claim.get("blames"), claim=True)
            self._date(file, (*claim_path, "date"), claim.get("date"))
            self._date(file, (*claim_path, "event_date"), claim.get("event_date"))
            self._citations(file, (*claim_path, "citations"), claim.get("citations"))
            zone = claim.get("time_zone")
            if isinstance(zone, dict):
                self._cited(file, (*claim_path, "time_zone", "basis"), zone.get("basis"))
            for j, reported in _records(claim.get("casualties")):
                self._ref("parties", file, (*claim_path, "casualties", j, "party"), reported.get("party"),
                          claim=True)
        for i, curated in _records(get("casualties")):
            row = (*path, "casualties", i)
            self._ref("parties", file, (*row, "party"), curated.get("party"), claim=True)
            for measure in ("killed", "wounded"):
                figure: Any = curated.get(measure)
                if _out_of_order(figure):
                    self.error(file, (*row, measure),
                               f"casualties[{i}].{measure}: low {figure['low']}, best {figure['best']}, "
                               f"high {figure['high']} are not in order",
                               "low ≤ best ≤ high", "figure-order")

    def _date(self, file: LoadedFile, path: JsonPath, value: Any) -> dt.date | None:
        day, problem = check_date(value)
        if problem:
            self.error(file, path, f"{field_name(path)} {value!r} {problem[0]}", problem[1], "bad-date")
        return day

    def _partial_date(self, file: LoadedFile, path: JsonPath, value: Any) -> None:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the month and the day must be real."""
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
            if not 1 <= int(value[5:]) <= 12:
                self.error(file, path, f"{field_name(path)} {value!r} is not a real month", "check the month", "bad-date")
        else:
            self._date(file, path, value)

    def _searched(self, file: LoadedFile, path: JsonPath, searched: Any) -> None:
        if isinstance(searched, dict):
            self._date(file, (*path, "date"), searched.get("date"))

    def _url(self, file: LoadedFile, path: JsonPath, value: Any) -> None:
        if not isinstance(value, str) or not re.match(r"^https?://", value):
            return  # missing or not http(s): the schema layer reports it
        try:
            parts = urlsplit(value)
            usable = bool(parts.hostname) and (parts.port is None or parts.port > 0)
        except ValueError:  # e.g. an unmatched "[" or a port out of range
            usable = False
        if not usable or _UNUSABLE_IN_URL.search(value):
            self.error(file, path, f"{field_name(path)} {_shorten(value)!r} is not a usable web address",
                       "give the full address, e.g. https://example.org/page", "unusable-url")
        elif problem := host_problem(parts.hostname or ""):
            self.error(file, path, f"{field_name(path)} {_shorten(value)!r} is not a public address: its host is "
                       f"{problem}", "cite the public address of the document (the link checker fetches only "
                       "public addresses)", "internal-url")

    def _check_references(self) -> None:
        for kind, refs in self.refs.items():
            if not refs:
                continue
            known = self.ids[kind]
            holder = self.loaded.get(data_file_of(BY_PLURAL[kind]))
            if holder is None or not isinstance(holder.data, list):
                continue  # the missing or malformed file is reported already
            for ref in refs:
                if ref.value in known:
                    continue
                noun = _noun(kind)
                if ref.claim and ref.value in self.ids["authors"]:  # R8
                    self.error(ref.file, ref.path, f"{_shorten(ref.value)!r} is not a party to the conflict: analysts "
                               "and publishers give assessments, not claims",
                               f"move the statement to assessments.yaml with author: {ref.value}", "claim-by-non-party")
                elif ref.message:
                    self.error(ref.file, ref.path, ref.message.format(id=_shorten(ref.value)),
                               ref.hint or self._hint(ref.value, known, kind), ref.code)
                else:
                    self.error(ref.file, ref.path, f"{field_name(ref.path)}: unknown {noun} {_shorten(ref.value)!r}",
                               self._hint(ref.value, known, kind), ref.code)

    def _hint(self, value: str, known: Iterable[str], kind: str) -> str:
        """A "did you mean" hint for the first :data:`limits.MAX_SUGGESTIONS` unknown
        values (each compares the value with every id of its kind); the plain hint after."""
        self.suggestions += 1
        if self.suggestions > limits.MAX_SUGGESTIONS or len(value) > limits.MAX_ID_CHARS:
            return f"add it to data/{_where(kind)} or fix the id"
        return _closest_hint(value, known, kind)

    def _check_removed(self) -> None:
        """A removed id is gone for good: not in use, listed once, merged into a live record."""
        file = self.loaded.get("removed")
        if file is None:
            return
        seen: dict[tuple[str, str], int] = {}
        for path, record in self.removed:
            self._date(file, (*path, "removed"), record.get("removed"))
            kind, removed_id = _PLURAL.get(str(record.get("kind"))), record.get("id")
            if kind is None or not isinstance(removed_id, str):
                continue  # reported by the schema layer
            noun = _noun(kind)
            if removed_id in self.ids[kind]:
                self.error(file, (*path, "id"), f"{noun} {_shorten(removed_id)!r} is listed as removed but still exists",
                           f"delete it from data/{_where(kind)} or from removed.yaml; ids are never reused",
                           "removed-still-exists")
            if (kind, removed_id) in seen:
                self.error(file, (*path, "id"), f"{noun} {_shorten(removed_id)!r} is listed as removed twice "
                           f"(first on line {seen[kind, removed_id]})", "keep one entry", "removed-twice")
            else:
                seen[kind, removed_id] = file.location((*path, "id")).line
            replaced_by = record.get("replaced_by")
            moved_to = _PLURAL.get(str(record.get("replaced_by_kind")))
            if record.get("action") == "moved" and isinstance(replaced_by, str) and moved_to is not None:
                if replaced_by not in self.ids[moved_to]:  # R16
                    self.error(file, (*path, "replaced_by"), f"{removed_id!r} was moved to "
                               f"{_noun(moved_to)} {_shorten(replaced_by)!r}, which does not exist",
                               self._hint(replaced_by, self.ids[moved_to], moved_to), "removed-moved")
            elif isinstance(replaced_by, str) and replaced_by not in self.ids[kind]:
                self.error(file, (*path, "replaced_by"), f"replaced_by: unknown {noun} {_shorten(replaced_by)!r}",
                           self._hint(replaced_by, self.ids[kind], kind), "unknown-reference")

    #: The checks of each kind's own records (ids, dates and references are collected here
    #: and resolved in :meth:`_check_references` once every file is read).
    _BY_KIND: ClassVar[dict[str, Callable[[_Checker, LoadedFile, JsonPath, dict[str, Any]], None]]] = {
        "regions": _region, "parties": _party, "authors": _author, "sources": _source, "assessments": _assessment,
        "agreements": _agreement, "milestones": _milestone, "incidents": _incident, "gaps": _gap,
    }

    def _check_region_cycles(self) -> None:
        """Parent cycles and chains deeper than :data:`limits.MAX_REGION_DEPTH`, in one
        pass: each region's depth is worked out once and reused by the regions below it
        (following every chain from every region cost the cube of a long chain)."""
        file = self.loaded.get("regions")
        if file is None:
            return
        parents = {
            r["id"]: r["parent"]
            for _, r in _records(file.data)
            if isinstance(r.get("id"), str) and isinstance(r.get("parent"), str) and r["parent"] != r["id"]
            and r["id"] in self.ids["regions"]
        }
        depth: dict[str, int] = {}  # levels above a region; -1 while it is being walked
        for start in sorted(parents):
            chain: list[str] = []
            node: str | None = start
            while node is not None and node not in depth:
                depth[node] = -1
                chain.append(node)
                node = parents.get(node)
            if node is not None and depth[node] == -1:  # came back into this walk: a cycle
                cycle = chain[chain.index(node):]
                first = min(range(len(cycle)), key=lambda i: cycle[i])  # the same start every run
                cycle = [*cycle[first:], *cycle[:first], cycle[first]]
                for region in cycle:
                    depth[region] = 0  # reported; not counted again below
                chain = chain[:chain.index(node)]
                path = self.ids["regions"][cycle[0]]
                self.error(file, (*path, "parent"), "regions form a cycle: " + " → ".join(str(_shorten(region)) for region in cycle),
                           "a region's parent must be a larger area that contains it", "region-cycle")
            above = depth[node] + 1 if node is not None else 0
            for region in reversed(chain):
                depth[region] = above
                if above == limits.MAX_REGION_DEPTH + 1:  # report the first region too deep on each chain
                    self.error(file, (*self.ids["regions"][region], "parent"),
                               f"region {_shorten(region)!r} has more than {limits.MAX_REGION_DEPTH} levels of "
                               "larger regions above it", "attach it to a larger area higher up the chain",
                               "region-too-deep")
                above += 1


#: A kind's plural by its name (``incident`` → ``incidents``), as removed.yaml names kinds.
_PLURAL = {kind.name: kind.plural for kind in KINDS}


def _where(kind: str) -> str:
    return where(BY_PLURAL[kind])


#: Characters that make a web address unusable in a link: controls, and what HTML or Markdown would misread.
_UNUSABLE_IN_URL = re.compile("[\x00-\x1f<>\"'`]")


def _first_day_of(value: Any) -> dt.date | None:
    """The first day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a date or text), or ``None``."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _at(data: Any, path: JsonPath) -> Any:
    """The value at ``path`` in plain data, or ``None``."""
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def check_date(value: Any) -> tuple[dt.date | None, tuple[str, str] | None]:
    """A ``YYYY-MM-DD`` text as a date in the supported range, or what is wrong with it
    (message after the value, hint). Malformed text is left to the schema layer."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None, None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None, ("is not a real calendar date", "check the day and month")
    if not limits.EARLIEST_DATE <= day <= limits.LATEST_DATE:
        return None, (f"is outside the dates this briefing can hold ({limits.EARLIEST_DATE} to "
                      f"{limits.LATEST_DATE})", "check the year")
    return day, None


def _closest_hint(value: str, known: Iterable[str], kind: str) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"add it to data/{_where(kind)} or fix the id"


def _out_of_order(figure: Any) -> bool:
    """True for a complete low/best/high figure whose values are not ascending."""
    if not isinstance(figure, dict) or not all(isinstance(figure.get(k), int) for k in ("low", "best", "high")):
        return False  # incomplete figures are reported by the schema layer
    return not figure["low"] <= figure["best"] <= figure["high"]


def _records(items: Any) -> Iterable[tuple[int, dict[str, Any]]]:
    """The mapping entries of a list, with their index; anything else is skipped."""
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item
