"""However broken the data, ``check`` answers with a list of problems, never a traceback.

Property-based: hypothesis writes malformed YAML text, random records, and mutations of
a valid record (a field removed, or replaced by a value of any shape), puts them in one
data file of the minimal dataset, and runs the whole check: load, schema, cross-record
checks, id checks, warnings, the model and the pages. Every output format must render
whatever came back.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from conftest import MINIMAL_DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import DataError
from briefing.load.reader import KINDS, LoadedFile, load_data_dir, load_text
from briefing.pipeline import validated
from briefing.render.renderer import render_pages
from briefing.review.report import github_line, json_report, text_line

FIELDS = ["id", "title", "date", "date_end", "date_precision", "regions", "type", "summary", "claims", "grade",
          "text", "citations", "source", "party", "parties", "casualties", "killed", "wounded", "low", "best",
          "high", "previous_ids", "corrections", "kind", "note", "clauses", "clause", "why", "names", "name",
          "lang", "parent", "url", "published", "accessed", "replaced_by", "action", "removed", "reason"]
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["2021-02-30", "2021-07-06", "side-a", "town-y", "source-one",
                                           "accord-2020-clause-1", "2021-01-05-town-y", "javascript:x",
                                           "https://example.org/a", "merged", "correction", "day"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8),
                                                                inner, max_size=6),
    max_leaves=25,
)


def _baseline() -> dict[str, LoadedFile]:
    loaded, errors = load_data_dir(MINIMAL_DATA)
    assert errors == []
    return loaded


BASE = _baseline()


def run_check(kind: str, text: str) -> list[DataError]:
    """The whole check on the minimal dataset with ``kind``'s file replaced by ``text``."""
    loaded = dict(BASE)
    replaced, errors = load_text(text, f"data/{kind}.yaml", kind)
    if replaced is None:
        del loaded[kind]
    else:
        loaded[kind] = replaced
    result = validated(loaded, errors)
    problems = [*result.errors, *result.warnings]
    for problem in problems:
        assert text_line(problem) and github_line(problem).startswith(("::error ", "::warning "))
    json.loads(json_report(result.errors, result.warnings, None))
    if result.dataset is not None:
        assert result.errors == []
        assert render_pages(result.dataset)
    else:
        assert result.errors, "invalid data must come with at least one error"
    return problems


@SETTINGS
@given(kind=st.sampled_from(KINDS), text=st.text(max_size=300))
def test_any_text_in_any_data_file_gives_errors_not_a_crash(kind: str, text: str) -> None:
    run_check(kind, text)


yaml_like = st.lists(
    st.sampled_from(["- ", "  ", "id: ", "x", ":", " ", "\n", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a",
                     "!!python/object ", "<<: ", "- id: town-y\n", "2021-01-05", "|\n", "#", "\t", "\x00", "?"]),
    max_size=40,
).map("".join)


@SETTINGS
@given(kind=st.sampled_from(KINDS), text=yaml_like)
def test_yaml_shaped_garbage_gives_errors_not_a_crash(kind: str, text: str) -> None:
    run_check(kind, text)


@SETTINGS
@given(kind=st.sampled_from(KINDS), records=st.lists(values, max_size=3))
def test_random_records_give_errors_not_a_crash(kind: str, records: list[Any]) -> None:
    run_check(kind, yaml.safe_dump(records, allow_unicode=True))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@SETTINGS
@given(kind=st.sampled_from(["incidents", "agreements", "regions", "sources", "milestones"]), data=st.data())
def test_a_valid_record_with_one_field_broken_gives_errors_not_a_crash(kind: str, data: st.DataObject) -> None:
    records = copy.deepcopy(BASE[kind].data)
    path = data.draw(st.sampled_from(_paths(records)))
    parent = records
    for part in path[:-1]:
        parent = parent[part]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(values)
    run_check(kind, yaml.safe_dump(records, allow_unicode=True))


def test_the_fuzzing_reaches_deep_checks() -> None:
    """A mutation like the ones above is found by the cross-record layer, not only the loader."""
    records = copy.deepcopy(BASE["incidents"].data)
    records[0]["claims"][0]["party"] = "side-c"
    (problem,) = run_check("incidents", yaml.safe_dump(records))
    assert problem.message == "claims[0].party: unknown party 'side-c'"
