"""What ``check --base`` tells a pull request first: the problems the change brought.

A finding is the change's own when the base revision did not have it (introduced), or
when it is in a record the change added or edited (touched: the reviewer is looking at
that record anyway). Everything else was there before and is summarised once, with
counts by code, so the change's own findings are the ones that reach the diff: GitHub
shows at most :data:`ANNOTATIONS_PER_LEVEL` warning and as many error annotations per
step (:func:`annotated`).

A finding is matched across revisions by its code, severity, file name and record (not
its message or line: "cited 3 times" becoming "cited 4 times", or a record moving down
the file, is still the same finding).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from briefing.errors import DataError, Severity

#: GitHub shows at most 10 warning and 10 error annotations of one step.
ANNOTATIONS_PER_LEVEL = 10


@dataclass(frozen=True)
class Split:
    """The findings of a check against a base revision, the change's own first."""

    #: Introduced by the change, then touched by it; errors before warnings, in file order.
    own: list[DataError]
    #: The subset of ``own`` that was already there (in a record the change touched).
    touched: frozenset[DataError] = frozenset()
    #: Already there at the base, in records the change did not touch.
    before: list[DataError] = field(default_factory=list)

    def before_counts(self) -> Counter[str]:
        return Counter(problem.code for problem in self.before)


def _file_name(problem: DataError) -> str:
    return PurePosixPath(problem.location.file.rpartition(":")[2]).name


def finding_key(problem: DataError) -> tuple[str, ...]:
    """What makes two findings of two revisions the same finding."""
    record = problem.record_id or problem.message
    return (problem.code, problem.severity, _file_name(problem), record)


def changed_records(base: Mapping[str, Any], head: Mapping[str, Any]) -> set[tuple[str, str]]:
    """``(file name, id)`` of every record that is new in ``head`` or differs from ``base``.

    ``base`` and ``head`` map a kind to its :class:`~briefing.load.reader.LoadedFile`."""
    changed = set()
    for kind, loaded in head.items():
        before = {str(r.get("id")): r for r in _records(base.get(kind))}
        for record in _records(loaded):
            key = str(record.get("id"))
            if before.get(key) != record:
                changed.add((f"{kind}.yaml", key))
    return changed


def _records(loaded: Any) -> Iterable[dict[str, Any]]:
    data = getattr(loaded, "data", None)
    return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []


def split_by_change(head: Sequence[DataError], base: Iterable[DataError],
                    touched_records: set[tuple[str, str]]) -> Split:
    """Sort ``head``'s findings into the change's own and those that were there before."""
    at_base = {finding_key(problem) for problem in base}
    introduced, touched, before = [], [], []
    for problem in head:
        if finding_key(problem) not in at_base:
            introduced.append(problem)
        elif (_file_name(problem), problem.record_id or "") in touched_records:
            touched.append(problem)
        else:
            before.append(problem)
    own = sorted(introduced, key=_order) + sorted(touched, key=_order)
    return Split(own, frozenset(touched), before)


def _order(problem: DataError) -> tuple[bool, tuple[str, int, int, str]]:
    return problem.severity != Severity.ERROR, problem.sort_key


def annotated(problems: Sequence[DataError]) -> tuple[list[DataError], list[DataError]]:
    """The problems that get an annotation each, and those that do not fit (listed in the
    job summary): per level, the first ones up to GitHub's limit, keeping the last place
    for a note of how many more there are when they do not all fit."""
    shown: list[DataError] = []
    rest: list[DataError] = []
    for level in ("error", "warning"):
        of_level = [p for p in problems if (p.severity == Severity.ERROR) == (level == Severity.ERROR)]
        room = ANNOTATIONS_PER_LEVEL if len(of_level) <= ANNOTATIONS_PER_LEVEL else ANNOTATIONS_PER_LEVEL - 1
        shown += of_level[:room]
        rest += of_level[room:]
    return shown, rest


def more_line(rest: Sequence[DataError], level: str) -> str | None:
    """The annotation (a workflow command) that stands for the ``level`` findings that did not fit."""
    count = sum(1 for p in rest if (p.severity == Severity.ERROR) == (level == Severity.ERROR))
    if not count:
        return None
    noun = level if count == 1 else f"{level}s"
    return f"::{level} title={count} more {noun}::{count} more {noun} of this change: the job summary and the log list them"
