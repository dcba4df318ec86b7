"""Ids are permanent: checks that keep every published link working.

A record may be renamed (its old ids listed in ``previous_ids``, as Airwars keeps earlier
reference codes) or removed (listed in ``data/removed.yaml``); either way its old page
keeps answering, with a redirect. These checks sit beside :mod:`briefing.validate` (they
run in the same pass and report the same kind of :class:`DataError`) and add:

* ``previous_ids`` that would make one address mean two records are errors;
* correction dates must be real calendar dates;
* :func:`vanished_ids`: compared with a base revision (``check --base``), an id that
  disappeared without a ``previous_ids`` entry or a removed.yaml entry breaks links;
* :func:`lost_history`: the published history is append-only. An old id in
  ``previous_ids`` keeps its redirect page, a removed.yaml entry stays on the public list
  of removed records, a ``corrections`` entry stays on the public corrections log: deleting
  one (or rewriting it) fails ``check --base``, naming what was deleted.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from briefing import limits
from briefing.errors import DataError, Location
from briefing.errors import shorten as _shorten
from briefing.kinds import FILED, KINDS, data_file_of, nested_in
from briefing.load.git_history import DataHistory
from briefing.load.reader import JsonPath, LoadedFile
from briefing.validate.references import check_date


def _items(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def records(loaded: dict[str, LoadedFile]) -> Iterator[tuple[str, LoadedFile, JsonPath, dict[str, Any]]]:
    """Every record with a page, clauses included: (noun, file, path, record).

    Reads defensively: it runs on data the schema may have rejected."""
    for kind in FILED:
        file = loaded.get(kind.plural)
        if file is None:
            continue
        for index, record in _items(file.data):
            yield kind.name, file, (index,), record
            for inner in nested_in(kind):
                for i, nested in _items(record.get(inner.plural)):
                    yield inner.name, file, (index, inner.plural, i), nested


def live_ids(loaded: dict[str, LoadedFile]) -> dict[str, dict[str, tuple[LoadedFile, JsonPath]]]:
    """The ids in use, by noun: where each is defined."""
    ids: dict[str, dict[str, tuple[LoadedFile, JsonPath]]] = {}
    for noun, file, path, record in records(loaded):
        if isinstance(record.get("id"), str):
            ids.setdefault(noun, {}).setdefault(record["id"], (file, path))
    return ids


def removed_ids(loaded: dict[str, LoadedFile]) -> set[tuple[str, str]]:
    """(noun, id) of every entry of removed.yaml."""
    file = loaded.get("removed")
    return {
        (str(entry.get("kind")), entry["id"])
        for _, entry in _items(file.data if file else None)
        if isinstance(entry.get("id"), str)
    }


def check_history(loaded: dict[str, LoadedFile]) -> list[DataError]:
    """Errors in ``previous_ids`` and ``corrections`` that the schema cannot see."""
    errors: list[DataError] = []

    def error(file: LoadedFile, path: JsonPath, message: str, hint: str, code: str = "previous-id") -> None:
        if not file.is_refused(path):
            errors.append(DataError(file.location(path), message, file.record_id(path), hint, code=code))

    ids = live_ids(loaded)
    removed = removed_ids(loaded)
    claimed: dict[tuple[str, str], str] = {}
    for noun, file, path, record in records(loaded):
        own = record.get("id")
        previous = record.get("previous_ids")
        for i, old in enumerate(previous if isinstance(previous, list) else []):
            if not isinstance(old, str):
                continue  # the schema layer reports it
            where = (*path, "previous_ids", i)
            if old == "index":
                error(file, where, "previous_ids: 'index' is the address of the list page, not of a record",
                      "remove it")
            elif old == own:
                error(file, where, f"previous_ids lists the record's own id {old!r}", "remove it")
            elif old in ids.get(noun, {}):
                error(file, where, f"previous_ids: {old!r} is the id of another {noun}",
                      "an address can lead to one record only: remove it from previous_ids")
            elif (noun, old) in claimed and claimed[noun, old] != own:
                error(file, where, f"previous_ids: {old!r} is also a previous id of {noun} {claimed[noun, old]!r}",
                      "an old address can redirect to one record only: keep it in one of them")
            if (noun, old) in removed:
                error(file, where, f"previous_ids: {old!r} is also listed in removed.yaml",
                      "a renamed id redirects to its new record: remove its removed.yaml entry")
            claimed.setdefault((noun, old), str(own))
        for i, correction in _items(record.get("corrections")):
            value = correction.get("date")
            _day, problem = check_date(value)
            if problem:
                error(file, (*path, "corrections", i, "date"), f"corrections[{i}].date {value!r} {problem[0]}",
                      problem[1], "bad-date")
    return errors


def vanished_ids(base: dict[str, LoadedFile], head: dict[str, LoadedFile], base_name: str) -> list[DataError]:
    """Ids published at the base revision that the working tree dropped without a redirect.

    An id may disappear only when a record now lists it in ``previous_ids`` (renamed) or
    removed.yaml lists it (deleted or merged); otherwise every link to it would break.
    """
    now = live_ids(head)
    covered = removed_ids(head)
    for noun, _file, _path, record in records(head):
        previous = record.get("previous_ids")
        if isinstance(previous, list):
            covered.update((noun, old) for old in previous if isinstance(old, str))
    errors = []
    guesses = 0
    before = live_ids(base)
    for noun, ids in sorted(before.items()):
        new_ids = [i for i in now.get(noun, {}) if i not in ids]
        for record_id, (file, path) in sorted(ids.items()):
            if record_id in now.get(noun, {}) or (noun, record_id) in covered:
                continue
            line = file.location((*path, "id")).line
            message = (f"{noun} {record_id!r} (line {line} at {base_name}) was removed or renamed without a "
                       "redirect: its published page would break")
            hint = ("if it was renamed, add it to the new record's previous_ids; if it was deleted or merged, "
                    "list it in data/removed.yaml")
            place = Location(head[file.kind].path if file.kind in head else file.path)
            guesses += 1  # each look-up compares with every new id: bounded, like every "did you mean"
            guess = difflib.get_close_matches(record_id, new_ids, n=1, cutoff=0.6) \
                if guesses <= limits.MAX_SUGGESTIONS else []
            if guess:  # point at the likely new record: that line is in the pull request's diff
                new_file, new_path = now[noun][guess[0]]
                place = new_file.location((*new_path, "id"))
                hint = (f"if it was renamed to {guess[0]!r}, add 'previous_ids: [{record_id}]' to that record; "
                        "if it was deleted or merged, list it in data/removed.yaml")
            errors.append(DataError(place, message, record_id, hint, code="id-vanished"))
    return errors


def _previous(loaded: dict[str, LoadedFile]) -> dict[tuple[str, str], tuple[str, LoadedFile, JsonPath]]:
    """(noun, old id) → (the id of the record that lists it, file, path of the record)."""
    found: dict[tuple[str, str], tuple[str, LoadedFile, JsonPath]] = {}
    for noun, file, path, record in records(loaded):
        previous = record.get("previous_ids")
        for old in previous if isinstance(previous, list) else []:
            if isinstance(old, str) and isinstance(record.get("id"), str):
                found.setdefault((noun, old), (record["id"], file, path))
    return found


def _removed_entries(loaded: dict[str, LoadedFile]) -> dict[tuple[str, str], tuple[int, dict[str, Any]]]:
    file = loaded.get("removed")
    return {(str(entry.get("kind")), entry["id"]): (index, entry)
            for index, entry in _items(file.data if file else None) if isinstance(entry.get("id"), str)}


def _corrections(record: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(str(c.get("date")), str(c.get("kind")), str(c.get("note"))) for _, c in _items(record.get("corrections"))]


def lost_history(base: dict[str, LoadedFile], head: dict[str, LoadedFile], base_name: str) -> list[DataError]:
    """What the published history held at the base revision and the working tree deleted:
    an old id's redirect, an entry of the list of removed records, a correction."""
    history = _History(base, head, base_name)
    return [*history.lost_redirects(), *history.lost_removals(), *history.lost_corrections(),
            *history.unknown_removals()]


def ever_published(loaded: dict[str, LoadedFile]) -> set[tuple[str, str]]:
    """(noun, id) of every address the data publishes: live ids, old ids that redirect,
    removed ids."""
    known = {(noun, record_id) for noun, ids in live_ids(loaded).items() for record_id in ids}
    return known | set(_previous(loaded)) | set(_removed_entries(loaded))


def removals_unknown_to_history(head: dict[str, LoadedFile], history: DataHistory) -> list[DataError]:
    """``check`` without a base: removed.yaml entries for an id no commit of the data ever
    held. Judged only where the history is whole (a full clone, files that replay)."""
    if history.shallow or history.last_commit is None:
        return []
    stems = {kind.name: data_file_of(kind) for kind in KINDS}
    judged = {(noun, record_id) for noun, record_id in _removed_entries(head) if stems.get(noun) in history.files}
    known = {(noun, record_id) for (stem, record_id) in history.records for noun, kind in stems.items() if kind == stem}
    return removals_never_published(head, known | ever_published(head) - judged, judged, "in no commit of the data")


def removals_never_published(head: dict[str, LoadedFile], known: set[tuple[str, str]],
                             new: set[tuple[str, str]], since: str) -> list[DataError]:
    """removed.yaml entries among ``new`` for an id ``known`` never held: the build would
    publish a removal notice and a redirect for an address that never existed."""
    file = head.get("removed")
    errors = []
    for (noun, removed_id), (index, _entry) in sorted(_removed_entries(head).items()):
        if (noun, removed_id) in new and (noun, removed_id) not in known and file is not None:
            errors.append(DataError(
                file.location((index, "id")), f"{noun} {_shorten(removed_id)!r} is listed as removed but was never "
                f"published ({since}): the site would announce the removal of a record that never existed",
                removed_id, "delete the entry; list only ids that were published (check its kind and spelling)",
                code="removal-never-published"))
    return errors


class _History:
    """The published history at the base revision, compared with the working tree."""

    def __init__(self, base: dict[str, LoadedFile], head: dict[str, LoadedFile], base_name: str) -> None:
        self.base, self.head, self.base_name = base, head, base_name
        self.now, self.now_previous, self.now_removed = live_ids(head), _previous(head), _removed_entries(head)
        removed_file = head.get("removed")
        self.removed_path = removed_file.path if removed_file else "data/removed.yaml"

    def where(self, noun: str, record_id: str, field: str) -> Location:
        """The field of the record as it is now (renamed or not), else the file's start."""
        found = self.now.get(noun, {}).get(record_id)
        if found is None and (noun, record_id) in self.now_previous:
            new_id = self.now_previous[noun, record_id][0]
            found = self.now.get(noun, {}).get(new_id)
        if found is None:
            return Location(self.removed_path)
        file, path = found
        return file.location((*path, field))

    def lost_redirects(self) -> list[DataError]:
        errors = []
        for (noun, old), (owner, file, path) in sorted(_previous(self.base).items(), key=lambda item: item[0]):
            if (noun, old) in self.now_previous or (noun, old) in self.now_removed:
                continue
            line = file.location((*path, "previous_ids")).line
            errors.append(DataError(
                self.where(noun, owner, "previous_ids"),
                f"previous_ids: {_shorten(old)!r} of {noun} {_shorten(owner)!r} (line {line} at {self.base_name}) "
                "was deleted: the redirect from its old address would disappear and links to it would break",
                owner, "keep it in previous_ids (redirects are permanent); if the record was deleted, list the old "
                "id in data/removed.yaml too", code="redirect-deleted"))
        return errors

    def lost_removals(self) -> list[DataError]:
        errors = []
        for (noun, removed_id), (index, entry) in sorted(_removed_entries(self.base).items()):
            if (noun, removed_id) in self.now_removed:
                continue
            line = self.base["removed"].location((index, "id")).line
            errors.append(DataError(
                Location(self.removed_path),
                f"the removed.yaml entry of {noun} {_shorten(removed_id)!r} (line {line} at {self.base_name}, "
                f"{entry.get('action')} on {entry.get('removed')}) was deleted: the public list of removed records "
                "is append-only and its old address would break", removed_id,
                "put the entry back; ids are never reused", code="removal-deleted"))
        return errors

    def lost_corrections(self) -> list[DataError]:
        errors = []
        head_records = {(noun, r["id"]): r for noun, _f, _p, r in records(self.head) if isinstance(r.get("id"), str)}
        for noun, file, path, record in records(self.base):
            record_id, earlier = record.get("id"), _corrections(record)
            if not earlier or not isinstance(record_id, str):
                continue
            holder = self._holder(noun, record_id, head_records)
            if holder is None:
                continue  # deleted with its record; the removal is on the public list
            later = _corrections(head_records.get((noun, holder), {}))
            for date, kind, note in earlier:
                if (date, kind, note) in later:
                    later.remove((date, kind, note))
                    continue
                line = file.location((*path, "corrections")).line
                errors.append(DataError(
                    self.where(noun, holder, "corrections"),
                    f"the {kind} of {date} on {noun} {_shorten(record_id)!r} (line {line} at {self.base_name}: "
                    f"{_shorten(note, 60)!r}) was deleted or rewritten: the corrections log is public and "
                    "append-only", holder, "put it back as it was; to amend it, add a new entry that says what "
                    "changed", code="correction-deleted"))
        return errors

    def unknown_removals(self) -> list[DataError]:
        added = set(self.now_removed) - set(_removed_entries(self.base))
        return removals_never_published(self.head, ever_published(self.base), added, f"not at {self.base_name}")

    def _holder(self, noun: str, record_id: str, head_records: dict[tuple[str, str], dict[str, Any]]) -> str | None:
        """The id that now holds a record's corrections: its own, the one it was renamed to
        or merged into; None when it was deleted."""
        gone = self.now_removed.get((noun, record_id))
        if gone is not None:
            return str(gone[1].get("replaced_by")) if gone[1].get("action") == "merged" else None
        if (noun, record_id) not in head_records and (noun, record_id) in self.now_previous:
            return self.now_previous[noun, record_id][0]  # renamed
        return record_id
