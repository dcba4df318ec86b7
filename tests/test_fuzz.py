"""However broken the data, ``check`` answers with a list of problems, never a traceback.

Property-based: hypothesis writes malformed YAML text, random records, and mutations of
a valid record (a field removed, or replaced by a value of any shape), puts them in one
data file of the minimal dataset, and runs the whole check: load, schema, cross-record
checks, id checks, warnings, the model, and for valid data everything the build makes
(pages, maps, exports, the Atom feed, redirects): data that passes ``check`` must build.
Every output format must render whatever came back, one safe line per problem.

The second half fuzzes at the limits of :mod:`briefing.limits` (issue 11): texts, lists,
nesting, numbers, dates and parent chains just under, at and just over each limit, and
any Unicode character in ids and titles. Under a limit nothing is refused for it; over
it, the limit's own located error comes back.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testdata import MINIMAL_DATA

from briefing import limits
from briefing.errors import DataError
from briefing.generate import generate
from briefing.kinds import DATA_FILES
from briefing.load.reader import LoadedFile, load_data_dir, load_text
from briefing.mkdocs_adapter.options import load_options
from briefing.model.times import last_data_date
from briefing.pipeline import validated
from briefing.render.renderer import render_pages
from briefing.review.report import github_line, json_report

#: What no output line may carry raw (see briefing.errors.printable).
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
GITHUB_LINE = re.compile(r"::(error|warning) file=[^:,]*,line=\d+,col=\d+,title=[^:,]*::[^\r\n]*")

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


def run_check(kind: str, text: str, **more: str) -> list[DataError]:
    """The whole check on the minimal dataset with ``kind``'s file replaced by ``text``
    (and any other kind's by the text given for it)."""
    loaded = dict(BASE)
    errors: list[DataError] = []
    for name, content in {kind: text, **more}.items():
        replaced, problems = load_text(content, f"data/{name}.yaml", name)
        errors += problems
        if replaced is None:
            del loaded[name]
        else:
            loaded[name] = replaced
    result = validated(loaded, errors)
    problems = [*result.errors, *result.warnings]
    for problem in problems:
        line = str(problem)
        assert line and not UNSAFE.search(line) and not UNSAFE.search(str(problem)), repr(line)
        assert GITHUB_LINE.fullmatch(github_line(problem)), github_line(problem)
    report = json_report(result.errors, result.warnings, None)
    assert not UNSAFE.search(report.replace("\n", ""))
    json.loads(report)
    if result.dataset is not None:
        assert result.errors == []
        assert render_pages(result.dataset)
        content = generate(result.dataset, load_options(None), "Fuzzed briefing", "https://example.org/", "fuzzed")
        assert content.assets["feed.xml"] and content.assets["data/claims.csv"]
        day = last_data_date(result.dataset)
        assert day is None or limits.EARLIEST_DATE <= day <= limits.LATEST_DATE
    else:
        assert result.errors, "invalid data must come with at least one error"
    return problems


@SETTINGS
@given(kind=st.sampled_from(DATA_FILES), text=st.text(max_size=300))
def test_any_text_in_any_data_file_gives_errors_not_a_crash(kind: str, text: str) -> None:
    run_check(kind, text)


yaml_like = st.lists(
    st.sampled_from(["- ", "  ", "id: ", "x", ":", " ", "\n", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a",
                     "!!python/object ", "<<: ", "- id: town-y\n", "2021-01-05", "|\n", "#", "\t", "\x00", "?"]),
    max_size=40,
).map("".join)


@SETTINGS
@given(kind=st.sampled_from(DATA_FILES), text=yaml_like)
def test_yaml_shaped_garbage_gives_errors_not_a_crash(kind: str, text: str) -> None:
    run_check(kind, text)


@SETTINGS
@given(kind=st.sampled_from(DATA_FILES), records=st.lists(values, max_size=3))
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


# --- at the limits -----------------------------------------------------------------------

LIMIT_SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INCIDENT = BASE["incidents"].data[0]


def _incident(**changes: Any) -> str:
    record = copy.deepcopy(INCIDENT)
    record.update(changes)
    return json.dumps([record], ensure_ascii=False)  # JSON is YAML


def _over(problems: list[DataError], words: str) -> list[DataError]:
    return [p for p in problems if words in p.message]


@LIMIT_SETTINGS
@given(field=st.sampled_from(["title", "place", "casualty_rule", "grade_note"]),
       delta=st.sampled_from([-1, 0, 1]), char=st.characters(min_codepoint=0x20, max_codepoint=0xFFFD,
                                                                exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")))
def test_text_just_under_at_and_over_its_limit(field: str, delta: int, char: str) -> None:
    limit = limits.MAX_TITLE_CHARS if field == "title" else limits.MAX_TEXT_CHARS
    problems = run_check("incidents", _incident(**{field: char * (limit + delta)}))

    over = _over(problems, f"over the limit of {limit:,}")
    assert bool(over) == (delta > 0), problems
    if over:
        assert over[0].location.file == "data/incidents.yaml" and over[0].location.line == 1


@LIMIT_SETTINGS
@given(delta=st.sampled_from([-1, 0, 1]), kind=st.sampled_from(["list", "mapping"]))
def test_entries_just_under_at_and_over_their_limit(delta: int, kind: str) -> None:
    count = limits.MAX_ENTRIES + delta
    if kind == "list":
        text = _incident(weapons=[f"weapon {i}" for i in range(count)])
    else:
        text = _incident(summary={"text": "x", "citations": [{"source": "source-one"}],
                                  **{f"extra{i}": 1 for i in range(count - 2)}})
    problems = run_check("incidents", text)

    assert bool(_over(problems, f"over the limit of {limits.MAX_ENTRIES:,} per list or mapping")) == (delta > 0)


@LIMIT_SETTINGS
@given(delta=st.sampled_from([-1, 0, 1, 50]), shape=st.sampled_from(["[", "{k: "]))
def test_nesting_just_under_at_and_over_its_limit(delta: int, shape: str) -> None:
    levels = limits.MAX_NESTING - 2 + delta  # the file's list and the record are two levels
    close = "]" if shape == "[" else "}"
    problems = run_check("incidents", f"- {{id: x, note: {shape * levels}1{close * levels}}}\n")

    assert bool(_over(problems, f"nested more than {limits.MAX_NESTING} levels deep")) == (delta > 0), problems


@LIMIT_SETTINGS
@given(delta=st.sampled_from([-1, 0, 1, 4000]), digits=st.sampled_from("0123456789"))
def test_numbers_just_under_at_and_over_their_limit(delta: int, digits: str) -> None:
    number = "1" + digits * (limits.MAX_NUMBER_CHARS - 1 + delta)
    problems = run_check("incidents", f"- {{id: x, note: {number}}}\n")

    assert bool(_over(problems, f"over the limit of {limits.MAX_NUMBER_CHARS}")) == (delta > 0)


_EDGES = [limits.EARLIEST_DATE, limits.LATEST_DATE, limits.EARLIEST_DATE - dt.timedelta(days=1),
          limits.LATEST_DATE + dt.timedelta(days=1), dt.date(1969, 12, 31), dt.date(1970, 1, 1),
          dt.date(2106, 2, 7), dt.date(2106, 2, 8), dt.date(9999, 12, 31), dt.date(1, 1, 1)]


def _dated(kind: str, day: str) -> str:
    """``kind``'s minimal records with every date set to ``day``."""
    text = json.dumps(BASE[kind].data, ensure_ascii=False)
    return re.sub(r'"(date|published|accessed)": "[0-9-]{10}"', rf'"\1": "{day}"', text)


@LIMIT_SETTINGS
@given(day=st.one_of(st.sampled_from(_EDGES), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))))
def test_any_date_is_refused_or_builds(day: dt.date) -> None:
    # every date of the data is this day, so it is also the build's date (SOURCE_DATE_EPOCH)
    iso = day.isoformat()
    problems = run_check("incidents", _dated("incidents", iso), sources=_dated("sources", iso),
                         milestones=_dated("milestones", iso), agreements=_dated("agreements", iso))

    outside = _over(problems, "is outside the dates this briefing can hold")
    assert bool(outside) == (not limits.EARLIEST_DATE <= day <= limits.LATEST_DATE), problems


@LIMIT_SETTINGS
@given(depth=st.integers(limits.MAX_REGION_DEPTH - 2, limits.MAX_REGION_DEPTH + 3))
def test_parent_chains_just_under_at_and_over_their_limit(depth: int) -> None:
    regions = copy.deepcopy(BASE["regions"].data)
    # town-y is already one level under country-x: extend the chain above country-x
    chain = [{"id": f"level-{i}", "kind": "country", "names": [{"name": f"Level {i}", "lang": "en"}]}
             for i in range(depth - 1)]
    for i, region in enumerate(chain[:-1]):
        region["parent"] = chain[i + 1]["id"]
    if chain:
        next(r for r in regions if r["id"] == "country-x")["parent"] = chain[0]["id"]
    problems = run_check("regions", json.dumps(regions + chain))

    too_deep = _over(problems, f"more than {limits.MAX_REGION_DEPTH} levels of larger regions")
    assert bool(too_deep) == (depth > limits.MAX_REGION_DEPTH), (depth, problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",)),
                    min_size=1, max_size=40),
       field=st.sampled_from(["id", "title", "place"]))
def test_any_character_in_an_id_or_a_title_gives_safe_lines_or_a_site(text: str, field: str) -> None:
    run_check("incidents", _incident(**{field: text}))
