"""The fast schema check (briefing/validate/fast_schema.py) must never pass data that jsonschema rejects.

A file it passes skips jsonschema entirely, so any disagreement would let a data error
reach the site. These tests mutate every value of the minimal and the real datasets in
the ways analysts get them wrong (missing, wrong type, bad text, extra field) and check
that both validators give the same verdict on each mutation.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.kinds import DATA_FILES
from briefing.load.reader import load_data_dir
from briefing.validate import fast_schema
from briefing.validate.schema import _validator

PROJECT = Path(__file__).resolve().parents[1]
MINIMAL = Path(__file__).parent / "fixtures" / "minimal" / "data"

WRONG_VALUES: list[Any] = [None, 0, 2.5, -1, True, "", "Not An Id!", "2021-13-45", "id\n", "x" * 5000, [], {}, ["x"], {"x": 1}]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _paths(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _paths(sub, (*path, index))


def _mutations(data: list[Any], records: int) -> Iterator[tuple[str, list[Any]]]:
    """Each record changed in one place: deleted, replaced by a wrong value, or extended."""
    for index, record in enumerate(data[:records]):
        for path in _paths(record):
            if not path:
                continue
            *parents, last = path
            for wrong in [*WRONG_VALUES, "delete"]:
                changed = [copy.deepcopy(record)]  # the file as this one record, changed
                holder: Any = changed[0]
                for step in parents:
                    holder = holder[step]
                if wrong == "delete":
                    if isinstance(holder, list):
                        holder.pop(last)
                    else:
                        del holder[last]
                else:
                    holder[last] = wrong
                yield f"{index}/{'/'.join(map(str, path))} = {wrong!r:.20}", changed
        changed = [{**copy.deepcopy(record), "unexpected_field": "x"}]
        yield f"{index}/unexpected_field", changed


def _full_verdict(kind: str, data: Any) -> bool:
    return not any(True for _ in _validator(kind).iter_errors(data))


@pytest.mark.parametrize(("folder", "records"), [(MINIMAL, 2), (PROJECT / "data", 1)], ids=["minimal", "real"])
def test_fast_check_agrees_with_jsonschema_on_every_mutation(folder: Path, records: int) -> None:
    loaded, errors = load_data_dir(folder)
    assert not errors
    checked = 0
    for kind in DATA_FILES:
        data = loaded[kind].data or []
        assert fast_schema.is_valid(kind, data) and _full_verdict(kind, data), f"{kind}: valid data rejected"
        for what, changed in _mutations(data, records):
            assert fast_schema.is_valid(kind, changed) == _full_verdict(kind, changed), f"{kind}: {what}"
            checked += 1
    assert checked > 1000  # the mutations really ran


def test_a_schema_keyword_the_fast_check_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="patternProperties"):
        fast_schema._translate({"type": "object", "patternProperties": {"^x": {}}}, "incidents", {})
