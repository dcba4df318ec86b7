"""The quick reading (briefing/load/fast_reader.py) is the reader's reading, or none at all.

Every test reads the same text twice, with ``load_text(..., fast=False)`` (the reader,
which composes the whole node tree) and with ``load_text`` (which takes the quick way when
it can), and demands the same outcome: the same data with the same types, the same errors
word for word, the same refused values, and the same ``file:line:column`` for every value
and for paths that lead nowhere. Hypothesis writes the texts: records of any shape as
one JSON object per line (the quick way's first form) and as block YAML (its second form,
cut in two halves parsed by two processes), then mangles them with what trips parsers up.
"""

from __future__ import annotations

import json
import math
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from testdata import MINIMAL_DATA

from briefing.errors import DataError
from briefing.kinds import DATA_FILES
from briefing.load import fast_reader, yaml_text
from briefing.load.reader import JsonPath, LoadedFile, load_data_dir, load_text
from briefing.pipeline import validated

PROJECT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = "# yaml-language-server: $schema=../briefing/schema/incidents.schema.json\n"

#: Characters and snippets that parsers read differently or refuse.
HOSTILE = ["\x00", "\x07", "\t", "\r", "\r\n", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff", "\ufffe",
           "\\", "\\/", "\\u00e9", "\\ud83d", "\\x41", '"', "'", "#", " #", ": ", "- ", "-", "? ", "&a ", "*a",
           "!!str ", "!x ", "<<: ", "---\n", "...\n", "%YAML 1.2\n", "|\n", ">-\n", "[", "]", "{", "}", ",",
           "\n", "\n- ", "\n-\n", "\n  ", "\n#", "1e999", "NaN", "Infinity", "0x1F", "010", "1:30", "~",
           "yes", "True", "k" * 1030, "é" * 151, "\U0001F600", "\u00a0", "\u200b"]

text_values = st.one_of(
    st.text(max_size=12),
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), max_size=4).map("".join),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), text_values)
keys = st.one_of(
    st.sampled_from(["id", "title", "date", "claims", "citations", "source", "text", "casualties"]),
    st.text(st.characters(codec="utf-8"), max_size=8),
    st.integers(100, 1100).map(lambda n: "k" * n),
    st.integers(100, 160).map(lambda n: "\n" * n),
    st.integers(100, 200).map(lambda n: "\x01" * n),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=12)
records = st.lists(st.dictionaries(keys, values, max_size=5), min_size=1, max_size=4)


def _typed(value: Any) -> Any:
    """``value`` with its types spelled out (``True == 1`` and ``0.0 == -0.0`` in Python)."""
    if isinstance(value, dict):
        return ("map", [(key, _typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("seq", [_typed(item) for item in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value.hex())
    return (type(value).__name__, value)


def _paths(value: Any, path: JsonPath = ()) -> list[JsonPath]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _outcome(text: str, kind: str, fast: bool) -> tuple[LoadedFile | None, list[str]] | tuple[str, str]:
    try:
        loaded, errors = load_text(text, f"data/{kind}.yaml", kind, fast=fast)
    except Exception as exc:  # the reader has inputs it raises on: the quick way must raise alike
        return "raised", type(exc).__name__
    return loaded, [str(error) for error in errors]


def assert_same_reading(text: str, kind: str = "incidents") -> bool:
    """Both ways read ``text`` alike; True when the quick way answered."""
    full, quick = _outcome(text, kind, fast=False), _outcome(text, kind, fast=True)
    if full[0] == "raised":
        assert quick == full
        return False
    assert quick[1] == full[1], "different errors"
    full_file, quick_file = full[0], quick[0]
    assert isinstance(full_file, LoadedFile) == isinstance(quick_file, LoadedFile)
    if not isinstance(full_file, LoadedFile) or not isinstance(quick_file, LoadedFile):
        return False
    assert _typed(quick_file.data) == _typed(full_file.data), "different data"
    assert quick_file.refused == full_file.refused
    assert (quick_file.kind, quick_file.path) == (full_file.kind, full_file.path)
    data = full_file.data
    nowhere: list[JsonPath] = [("nowhere",), (10**6,), (-1,)]
    for path in _paths(data):
        nowhere += [(*path, "nowhere"), (*path, 10**6)]
    for path in [*_paths(data), *nowhere]:
        assert quick_file.location(path) == full_file.location(path), f"position of {path}"
        assert quick_file.record_id(path) == full_file.record_id(path)
        assert quick_file.is_refused(path) == full_file.is_refused(path)
    return quick_file.tree is None  # the reader keeps its tree; the quick way has none


def json_lines(items: list[Any], ensure_ascii: bool = False, separators: tuple[str, str] = (", ", ": ")) -> str:
    return HEADER + "".join(f"- {json.dumps(item, ensure_ascii=ensure_ascii, separators=separators)}\n"
                            for item in items)


@pytest.fixture
def split_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small texts take the two-halves way too (it normally waits for 1 MB and an idle core)."""
    monkeypatch.setattr(fast_reader, "SPLIT_BYTES", 0)
    monkeypatch.setattr(fast_reader, "_core_free", lambda: True)
    # the reader never forks beside other threads; one an earlier test left running (a
    # server, an executor) would silently turn the halves off: name it instead
    others = [thread.name for thread in threading.enumerate() if thread is not threading.main_thread()]
    assert not others, f"threads left running by an earlier test keep the reader from forking: {others}"


# --- the quick way is taken where it should be ---------------------------------------------


def test_the_synthetic_data_is_read_the_quick_way_with_the_same_result() -> None:
    import sys
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    import synth

    for kind, text in synth.generate(60).items():
        assert assert_same_reading(text, kind), kind


def test_block_yaml_is_read_in_two_halves_with_the_same_result(split_everything: None) -> None:
    assert fast_reader._can_fork()
    for kind in DATA_FILES:
        path = PROJECT / "data" / f"{kind}.yaml"
        text = path.read_text(encoding="utf-8")
        answered = assert_same_reading(text, kind)
        records = len(fast_reader.record_starts(text) or [])
        assert answered == (records >= 2), kind  # a file of one record has nothing to cut


def test_the_real_and_the_minimal_data_give_the_same_check_either_way(split_everything: None) -> None:
    for folder in (PROJECT / "data", MINIMAL_DATA):
        quick, quick_errors = load_data_dir(folder)
        full = {kind: load_text(file.read_text(encoding="utf-8"), str(file), kind, fast=False)
                for kind in DATA_FILES if (file := folder / f"{kind}.yaml").exists()}
        assert quick_errors == [] and all(errors == [] for _, errors in full.values())
        assert {kind: _typed(file.data) for kind, file in quick.items() if kind in full} == \
            {kind: _typed(file.data) for kind, (file, _) in full.items() if file is not None}


def test_no_fork_while_other_threads_run(split_everything: None) -> None:
    started, stop = threading.Event(), threading.Event()
    thread = threading.Thread(target=lambda: (started.set(), stop.wait()))
    thread.start()
    try:
        started.wait()
        assert not fast_reader._can_fork()
        text = (PROJECT / "data" / "incidents.yaml").read_text(encoding="utf-8")
        assert fast_reader.load(text, "data/incidents.yaml", "incidents") is None
    finally:
        stop.set()
        thread.join()


def test_no_fork_when_no_core_is_free(split_everything: None, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (PROJECT / "data" / "incidents.yaml").read_text(encoding="utf-8")
    assert fast_reader.load(text, "data/incidents.yaml", "incidents") is not None
    monkeypatch.setattr(fast_reader, "_core_free", lambda: False)
    assert fast_reader.load(text, "data/incidents.yaml", "incidents") is None


# --- what the quick way must leave to the reader ---------------------------------------------


@pytest.mark.parametrize("line", [
    '- {"id": "a", "id": "b"}',  # duplicate key: the reader reports it
    '- {"' + "k" * 1100 + '": 1}',  # libyaml takes no key over 1024 characters: a syntax error
    '- {"a": "\\ud83d\\ude00"}',  # a surrogate escape: libyaml refuses it
    '- {"a": 1e999}',  # not a finite number: refused
    '- {"a": NaN}',  # JSON extension; in YAML, the text "NaN"
    '- {"a": Infinity}',
    '- {"a": "x\x85y"}',  # NEL is a line break to YAML 1.1: folded into a space
    '- {"a": "x\x7fy"}',  # DEL: refused by libyaml
    '- {"a": "x\ty"}',  # a tab in a quoted string: YAML keeps it, JSON refuses it
    '- {"a" : 1}',  # a space before the colon counts towards the key's length
    '- {"a": 1} # note',  # a comment after the record
    '- {"a": 1}\n---\n- {"b": 2}',  # a second document
])
def test_what_json_and_yaml_read_differently_is_left_to_the_reader(line: str) -> None:
    text = HEADER + line + "\n"
    assert fast_reader._json_lines(text) is None
    assert_same_reading(text)


def test_a_key_of_150_characters_is_still_read_the_quick_way() -> None:
    # escaped, each character may take 6: 150 stay inside libyaml's 1024 (a control
    # character would too, but the reader refuses those in keys: that file takes its way)
    assert fast_reader._json_lines(json_lines([{"\u00e9" * 150: 1}], ensure_ascii=True)) is not None
    assert assert_same_reading(json_lines([{"\u00e9" * 150: 1}, {"k" * 150: "v"}], ensure_ascii=True))
    assert fast_reader._json_lines(json_lines([{"\x01" * 150: 1}])) is None


@pytest.mark.parametrize("text", [
    "- a: 1\n- b: 2\n--- \n- c: 3\n",  # a document marker in column 0
    "- a: 1\n...\n- b: 2\n",  # a document end: two documents, whatever the halves say
    "- a: 1\nb: 2\n- c: 3\n",  # a mapping key in column 0
    "  - a: 1\n- b: 2\n",  # a sequence indented, then one in column 0
    '- a: "one\n- b: two"\n- c: 3\n',  # a quoted scalar across a "- " line, cut there
    '- a: "one\n- b: two"\n- c: 3\n- d: 4\n- e: 5\n- f: 6\n',  # the same, cut after it: 4 "- " lines, 3 records
    "- a: [1,\n- 2]\n- c: 3\n",  # a flow sequence across a "- " line
    "- a: &x 1\n- b: *x\n",  # an alias in the second half of an anchor in the first
    "- a: 1\r- b: 2\n",  # CR: a line break to YAML, not to the cut
    "- a: 1\n\x85- b: 2\n",  # NEL at the start of a line
    "- a: 1\n\ufeff- b: 2\n",  # a BOM at the start of a line (libyaml skips it)
    "- a: 1\n-\tb: 2\n",  # a tab after the dash
    "- a: 1\n- a: 1\n  a: 2\n",  # a duplicate key in the second half
])
def test_texts_that_cannot_be_cut_cleanly_are_left_to_the_reader(text: str, split_everything: None) -> None:
    assert_same_reading(text)


def test_a_block_scalar_ends_at_a_dash_in_column_0_both_ways(split_everything: None) -> None:
    text = "- a: |\n    one\n\n- b: |+\n    two\n\n\n# end\n- c: >-\n    three\n    four\n"
    assert assert_same_reading(text)


# --- hypothesis: any records, either form, mangled ---------------------------------------------


@SETTINGS
@given(items=records, ensure_ascii=st.booleans(),
       separators=st.sampled_from([(", ", ": "), (",", ":"), (" , ", ": "), (",  ", ":  "), (", ", " : ")]))
def test_records_as_json_lines_read_alike(items: list[Any], ensure_ascii: bool, separators: tuple[str, str]) -> None:
    assert_same_reading(json_lines(items, ensure_ascii, separators))


@SETTINGS
@given(items=records, flow=st.sampled_from([None, False, True]), width=st.sampled_from([20, 80, 10**6]),
       unicode=st.booleans())
def test_records_as_block_yaml_read_alike_in_two_halves(items: list[Any], flow: bool | None, width: int,
                                                        unicode: bool) -> None:
    text = HEADER + yaml.safe_dump(items, default_flow_style=flow, width=width, allow_unicode=unicode)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fast_reader, "SPLIT_BYTES", 0)
        patch.setattr(fast_reader, "_core_free", lambda: True)
        assert_same_reading(text)


@SETTINGS
@given(items=records, as_json=st.booleans(), data=st.data())
def test_mangled_texts_read_alike(items: list[Any], as_json: bool, data: st.DataObject) -> None:
    text = json_lines(items) if as_json else HEADER + yaml.safe_dump(items, allow_unicode=True)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(HOSTILE)) + text[at:]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fast_reader, "SPLIT_BYTES", 0)
        patch.setattr(fast_reader, "_core_free", lambda: True)
        assert_same_reading(text)


def _check(loaded: dict[str, LoadedFile], errors: list[DataError]) -> list[str]:
    result = validated(loaded, errors)
    return [str(problem) for problem in [*result.errors, *result.warnings]]


BASE, BASE_ERRORS = load_data_dir(MINIMAL_DATA)


@SETTINGS
@given(kind=st.sampled_from(["incidents", "sources", "regions", "milestones"]), data=st.data())
def test_check_says_the_same_word_for_word_either_way(kind: str, data: st.DataObject) -> None:
    """A valid file with fields broken or added, as JSON lines: every message of every
    layer (schema, cross-record checks, warnings) points at the same place."""
    items = json.loads(json.dumps(BASE[kind].data))
    for _ in range(data.draw(st.integers(0, 3))):
        record = data.draw(st.sampled_from(items))
        key = data.draw(st.sampled_from([*record, "unexpected"]))
        record[key] = data.draw(values)
    items = data.draw(st.permutations(items * data.draw(st.integers(1, 3))))
    assume(items)
    text = json_lines(items)
    answers = []
    for fast in (False, True):
        loaded = dict(BASE)
        replaced, errors = load_text(text, f"data/{kind}.yaml", kind, fast=fast)
        if replaced is None:
            del loaded[kind]
        else:
            loaded[kind] = replaced
        answers.append(_check(loaded, errors))
    assert answers[1] == answers[0]


# --- the loader's own shortcut for tags -------------------------------------------------------


class _PyYAMLResolving(yaml_text._StrictLoader):
    """The strict loader with PyYAML's own resolver methods, to compare against."""

    resolve = yaml.resolver.BaseResolver.resolve
    descend_resolver = yaml.resolver.BaseResolver.descend_resolver
    ascend_resolver = yaml.resolver.BaseResolver.ascend_resolver


def _tags(node: yaml.Node) -> list[tuple[str, int, int]]:
    found = [(node.tag, node.start_mark.line, node.start_mark.column)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += _tags(key) + _tags(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _tags(item)
    return found


plain_words = st.one_of(st.sampled_from(HOSTILE), st.text(st.sampled_from("0123456789.+-eE_:xXoObBnNtTfFyY~ "),
                                                          max_size=6), st.text(max_size=6))


@SETTINGS
@given(value=plain_words, plain=st.booleans(), quoted=st.booleans())
def test_the_loaders_resolve_is_pyyamls(value: str, plain: bool, quoted: bool) -> None:
    ours, theirs = yaml_text._StrictLoader(""), _PyYAMLResolving("")
    for kind, implicit in ((yaml.ScalarNode, (plain, quoted)), (yaml.SequenceNode, plain), (yaml.MappingNode, plain)):
        assert ours.resolve(kind, value, implicit) == theirs.resolve(kind, value, implicit)


@SETTINGS
@given(words=st.lists(plain_words, min_size=1, max_size=8))
def test_the_loader_tags_every_node_as_pyyaml_does(words: list[str]) -> None:
    text = "- " + "\n- ".join(f"{{k{i}: {word!s}, q{i}: '{word!s}', l{i}: [{word!s}]}}" for i, word in enumerate(words))
    trees = []
    for loader_class in (yaml_text._StrictLoader, _PyYAMLResolving):
        loader = loader_class(text)
        try:
            trees.append(_tags(loader.get_single_node()))
        except yaml.YAMLError as exc:
            trees.append([(str(exc), 0, 0)])
        finally:
            loader.dispose()
    assert trees[0] == trees[1]
