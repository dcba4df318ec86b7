"""Validated YAML (plain data) → the typed records of :mod:`briefing.model.records`.

Conversion follows the field declarations of the record classes (``msgspec.convert``):
nothing here lists a kind's fields. Data reaching this module has passed validation, so
shapes and references can be trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, get_args

import msgspec

from briefing.kinds import KINDS, REMOVED_FILE
from briefing.model.records import Agreement, Assessment, Correction, Dataset, Record, RemovedRecord, Source

#: The record class of each kind, found by the ``kind`` every class declares.
CLASSES: dict[str, type[Any]] = {cls.kind: cls for cls in get_args(Record)}


class RecordCache:
    """The records of the previous build, by kind and id, with the data they came from.

    ``mkdocs serve`` builds again after every edit; a record whose data did not change is
    reused as the same object, so that pages can tell, by identity, that it is unchanged
    (:mod:`briefing.render.fingerprint`)."""

    def __init__(self) -> None:
        self._records: dict[tuple[type[Any], str], tuple[dict[str, Any], Any]] = {}

    def convert(self, cls: type[Any], raw: list[dict[str, Any]]) -> list[Any]:
        records, fresh = [], {}
        for item in raw:
            key = (cls, str(item.get("id")))
            cached = self._records.get(key)
            if cached is not None and (cached[0] is item or cached[0] == item):
                record = cached[1]
            else:
                record = _finished(msgspec.convert(item, cls))
            fresh[key] = (item, record)
            records.append(record)
        self._records = {k: v for k, v in self._records.items() if k[0] is not cls} | fresh
        return records

    def keep(self, cls: type[Any], records: list[Any]) -> None:
        """Remember ``records`` as they were finished with data of other kinds (a source
        with its publisher's name), so an unchanged one stays the same object next time."""
        for record in records:
            key = (cls, record.id)
            if key in self._records:
                self._records[key] = (self._records[key][0], record)


def _records(cls: type[Any], raw: list[dict[str, Any]], cache: RecordCache | None = None) -> list[Any]:
    if cache is not None:
        return cache.convert(cls, raw)
    return [_finished(r) for r in msgspec.convert(raw, list[cls])]  # type: ignore[valid-type]


def _finished(record: Any) -> Any:
    """A record as the model keeps it: clauses know their agreement."""
    return _with_clauses(record) if isinstance(record, Agreement) else record


def _sorted(cls: type[Any], records: list[Any]) -> Mapping[str, Any]:
    return MappingProxyType({r.id: r for r in sorted(records, key=cls.order)})


def _with_clauses(agreement: Agreement) -> Agreement:
    """Clauses are written inside their agreement: give each its agreement's id."""
    clauses = tuple(msgspec.structs.replace(c, agreement_id=agreement.id) for c in agreement.clauses)
    return msgspec.structs.replace(agreement, clauses=clauses)


def _with_publisher(source: Source, names: Mapping[str, str]) -> Source:
    """A source names its publisher by id (authors.yaml): give it the publisher's name too."""
    name = names[source.publisher_id]
    return source if source.publisher == name else msgspec.structs.replace(source, publisher=name)


def _with_author(assessment: Assessment, names: Mapping[str, str]) -> Assessment:
    name = names[assessment.author_id]
    return assessment if assessment.author == name else msgspec.structs.replace(assessment, author=name)


def build_dataset(raw: Mapping[str, list[dict[str, Any]]], cache: RecordCache | None = None) -> Dataset:
    """Build the typed model from data that :mod:`briefing.validate` accepted; with a
    ``cache``, records whose data did not change since the last build are reused."""
    by_kind: dict[str, list[Any]] = {}
    for kind in KINDS:
        if kind.data_file:
            by_kind[kind.name] = _records(CLASSES[kind.name], raw.get(kind.data_file) or [], cache)
    for kind in KINDS:  # records written inside others' (an agreement's clauses)
        if kind.nested_in:
            by_kind[kind.name] = [inner for outer in by_kind[kind.nested_in] for inner in getattr(outer, kind.plural)]
    names = {author.id: author.name for author in by_kind["author"]}
    by_kind["source"] = [_with_publisher(s, names) for s in by_kind["source"]]
    by_kind["assessment"] = [_with_author(a, names) for a in by_kind["assessment"]]
    if cache is not None:
        cache.keep(CLASSES["source"], by_kind["source"])
        cache.keep(CLASSES["assessment"], by_kind["assessment"])

    renamed: dict[tuple[str, str], str] = {}
    corrections: list[Correction] = []
    for name, records in by_kind.items():
        for record in records:
            for old in record.previous_ids:
                renamed[name, old] = record.id
            corrections.extend(
                Correction(record_kind=name, record_id=record.id, date=c.date,
                           correction_kind=c.correction_kind, note=c.note)
                for c in record.corrections
            )
    removed = _records(RemovedRecord, raw.get(REMOVED_FILE) or [])
    return Dataset(
        **{kind.plural: _sorted(CLASSES[kind.name], by_kind[kind.name]) for kind in KINDS},
        renamed=MappingProxyType(dict(sorted(renamed.items()))),
        corrections=tuple(sorted(corrections, key=lambda c: (c.date, c.record_kind, c.record_id), reverse=True)),
        removed=tuple(sorted(removed, key=lambda r: (r.removed, r.record_kind, r.id), reverse=True)),
    )
