"""Step 1 of the data flow, the text of one file: YAML → plain data, keeping where every value came from.

The result is plain JSON-like data (what a JSON Schema validates) plus a side table of
positions, so any later step can point an analyst at ``file:line:column``.

PyYAML's defaults are unsafe for curated data, so this loader is stricter:

* a key given twice in one mapping is an error (PyYAML silently keeps the last one);
* dates stay text (an impossible date such as 2021-02-30 is reported by validation,
  not raised as a crash);
* only ``true``/``false`` are booleans: ``no``, ``yes``, ``on``, ``off`` stay text;
* numbers follow YAML 1.2: ``1:30`` and ``010`` stay text (YAML 1.1 reads 90 and 8);
* anchors/aliases, merge keys and non-standard tags are refused: records are written
  out in full so that a pull-request diff shows everything that changed;
* the limits of :mod:`briefing.limits` (nesting, entries per list, records per file) are
  checked while the node tree is walked, before any later step pays for what is beyond;
* text may not hold control characters (only tabs and line breaks): YAML refuses them
  written raw, but a double-quoted escape such as ``"\x01"`` would let them through.

A value the loader refuses is remembered in ``LoadedFile.refused`` so that validation
does not report the same place a second time. Files are opened and the quick reader is
tried first in :mod:`briefing.load.reader`; this module is what both fall back on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from briefing import limits
from briefing.errors import DataError, Location
from briefing.errors import shorten as _shorten
from briefing.kinds import OPTIONAL_FILES
from briefing.load.yaml_mistakes import explain

try:  # the C loader is about three times faster and keeps marks
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _BaseLoader

JsonPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_SCALARS = {_STR, _INT, _FLOAT, _BOOL, _NULL}

#: Characters no text may hold: control characters other than tab and line feed,
#: unpaired surrogates and the non-characters U+FFFE/U+FFFF. XML (the Atom feed) cannot
#: carry them, terminals act on them, and no source text needs them. YAML refuses them
#: written raw, so only a file with a backslash (a double-quoted escape) can hold one.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

SCALE_HINT = "the generator is built and measured for up to 50,000 incidents; split the briefing into several sites (e.g. one per period)"


class _StrictLoader(_BaseLoader):
    """SafeLoader whose implicit types are only null, true/false, numbers and text.

    libyaml asks back for the tag of every node (a million times for 10,000 incidents):
    :meth:`resolve` answers from the same table in the same order as PyYAML's, without
    its path-resolver machinery, which this loader does not use (no path resolvers: the
    hooks below do nothing else, as PyYAML's do then). A quarter less time composing.
    :meth:`descend_resolver`, called before every node, counts the nodes against what
    the file's size allows and stops composing there (:data:`limits.MIN_BYTES_PER_VALUE`).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        #: How many nodes the file's size allows (limits.MIN_BYTES_PER_VALUE); composing stops there.
        self.budget = max(limits.VALUES_ALLOWANCE, len(stream) // limits.MIN_BYTES_PER_VALUE)
        self.root: Any = None

    def descend_resolver(self, parent: Any, index: Any) -> None:
        """Called by the composer before each node (libyaml too): the node count stops at
        the budget, and a list inside a record at its MAX_ENTRIES-th entry."""
        self.budget -= 1
        if self.budget < 0:
            raise TooDense
        if self.root is None:
            self.root = parent  # the first parent met is the file's own node (its first child's)
        elif index.__class__ is int and index >= limits.MAX_ENTRIES and parent is not self.root:
            raise TooManyEntries(parent)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
        return _DEFAULT_TAGS[kind]

    ascend_resolver = staticmethod(tuple)  # () -> (), in C


class TooDense(Exception):
    """A file holds more values than its size allows (:data:`limits.MIN_BYTES_PER_VALUE`)."""


ENTRIES_HINT = "a record lists a few regions, claims or citations; split the content into records"


class TooManyEntries(Exception):
    """A list inside a record reached :data:`limits.MAX_ENTRIES` entries while composed."""

    def __init__(self, node: Any) -> None:
        super().__init__()
        self.node = node


_STRICT_FORMS = {
    _BOOL: re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    _INT: re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
    _FLOAT: re.compile(
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
}
_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, _STRICT_FORMS.get(tag, regexp))
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_IMPLICIT = _StrictLoader.yaml_implicit_resolvers
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}
# what the shortcuts in _StrictLoader rely on: no resolver for any first character, no path resolvers
assert None not in _IMPLICIT and not _StrictLoader.yaml_path_resolvers


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """One data file: its records as plain data, and the YAML node tree they came from.

    Positions are looked up in the node tree only when a message needs one: keeping a
    table of the position of every value cost more than parsing the file itself. A file
    read by :mod:`briefing.load.fast_reader` has no tree; its ``positions`` finds them by
    parsing only the record a message is about.
    """

    kind: str
    path: str
    data: Any
    tree: yaml.Node | None = field(default=None, repr=False, compare=False)
    refused: frozenset[JsonPath] = frozenset()
    positions: Callable[[JsonPath], Location] | None = field(default=None, repr=False, compare=False)

    def location(self, path: JsonPath) -> Location:
        """Where ``path`` is written: its value, or the key naming it when the value is a
        block starting on a later line; else the closest ancestor that exists."""
        node, key = self.tree, None
        if node is None:
            return self.positions(path) if self.positions is not None else Location(self.path, 1, 1)
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = _first_pair(node, part)
                if pair is None:
                    break
                key, node = pair
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key, node = None, node.value[part]
            else:
                break
        mark = node.start_mark if key is None or node.start_mark.line == key.start_mark.line else key.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def is_refused(self, path: JsonPath) -> bool:
        """True when the loader already reported ``path`` or a value containing it.

        One look-up per level of ``path``, however many values were refused: asked once
        per problem, a scan of every refused value made thousands of them quadratic."""
        refused = self.refused
        return bool(refused) and any(path[:n] in refused for n in range(len(path) + 1))

    def record_id(self, path: JsonPath) -> str | None:
        """The ``id`` of the innermost record (incident, clause ...) that ``path`` points into."""
        found: str | None = None
        node = self.data
        for part in path:
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                found = node["id"]
            if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):  # noqa: SIM114
                node = node[part]
            elif isinstance(part, str) and isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return found
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
        return found


def _first_pair(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of ``key`` as the walker kept it (the first of duplicates)."""
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag in _PLAIN_SCALARS and str(key_node.value) == key:
            return key_node, value_node
    return None


class _Unusual(Exception):
    """The fast walk met something only :class:`_Walker` knows how to report."""


def _plain_data(root: yaml.Node, loader: Any, may_alias: bool, may_escape: bool = True) -> Any:
    """The data of a node tree with nothing to report, fast; raises :class:`_Unusual`
    at the first tag, key, number, alias, control character or limit that the full
    walker would report or refuse.

    An alias composes to a node met a second time; ``may_alias`` (the text has a ``*``)
    says whether to track the nodes seen to find one. A control character can only come
    from a double-quoted escape; ``may_escape`` (the text has a ``\\``) says whether to
    look for one.
    """
    seen: set[int] = set()
    scalar, sequence = yaml.ScalarNode, yaml.SequenceNode
    construct = loader.construct_object
    control = _CONTROL.search
    max_nesting, max_entries, max_number = limits.MAX_NESTING, limits.MAX_ENTRIES, limits.MAX_NUMBER_CHARS

    def walk(node: yaml.Node, depth: int) -> Any:
        if may_alias:
            if id(node) in seen:
                raise _Unusual
            seen.add(id(node))
        kind, tag = type(node), node.tag
        if kind is scalar:
            if tag == _STR:  # most values: no need to ask the constructor
                if may_escape and control(node.value):
                    raise _Unusual
                return node.value
            if tag not in _PLAIN_SCALARS or len(node.value) > max_number:
                raise _Unusual
            value = construct(node)
            if isinstance(value, float) and not math.isfinite(value):
                raise _Unusual
            return value
        if depth > max_nesting or (depth > 1 and len(node.value) > max_entries):
            raise _Unusual
        if kind is sequence:
            if tag != _SEQ:
                raise _Unusual
            return [walk(item, depth + 1) for item in node.value]
        if tag != _MAP:
            raise _Unusual
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not scalar or key_node.tag not in _PLAIN_SCALARS:
                raise _Unusual
            if may_alias:
                if id(key_node) in seen:
                    raise _Unusual
                seen.add(id(key_node))
            key = key_node.value
            if key in result or (may_escape and control(key)):
                raise _Unusual
            result[key] = walk(value_node, depth + 1)
        return result

    try:
        return walk(root, 1)
    except RecursionError as exc:  # let the walker decide
        raise _Unusual from exc


class _Walker:
    """Turns a composed YAML node tree into plain data, reporting what it refuses.

    A refused value becomes ``None`` and its path is remembered, so that later checks
    skip it. Nothing refused is descended into, so the walk (and everything after it)
    costs no more than the text: an alias is not expanded, a list over the entry limit
    or a level beyond the nesting limit is not read."""

    def __init__(self, path: str, loader: Any) -> None:
        self.path = path
        self.loader = loader
        self.refused: set[JsonPath] = set()
        self.errors: list[DataError] = []
        self._seen: set[int] = set()

    def error(self, node: yaml.Node, message: str, hint: str | None = None, *, code: str) -> None:
        mark = node.start_mark
        self.errors.append(
            DataError(Location(self.path, mark.line + 1, mark.column + 1), message, hint=hint, code=code)
        )

    def walk(self, node: yaml.Node, path: JsonPath) -> Any:
        if id(node) in self._seen:
            # An alias (reported by ``_aliases`` at its own line): not expanded (no
            # "billion laughs": a copy of a copy of a list would make every later step
            # walk it again and again) and checked no further.
            self.refused.add(path)
            return None
        self._seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        depth = len(path) + 1  # the file's own list is level 1
        if depth > limits.MAX_NESTING:
            self.refuse(node, path, f"lists and mappings are nested more than {limits.MAX_NESTING} levels deep",
                        "records are at most a few levels deep: check the brackets and the indentation", code="too-deep")
            return None
        entries = len(node.value)
        if depth > 1 and entries > limits.MAX_ENTRIES:
            what = "list" if isinstance(node, yaml.SequenceNode) else "mapping"
            self.refuse(node, path, f"this {what} holds {entries:,} entries, over the limit of "
                        f"{limits.MAX_ENTRIES:,} per list or mapping inside a record",
                        ENTRIES_HINT, code="too-many-entries")
            return None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.refuse(node, path, f"unsupported YAML tag {node.tag!r}", "remove the tag", code="yaml-tag")
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        if node.tag != _MAP:
            self.refuse(node, path, f"unsupported YAML tag {node.tag!r}", "remove the tag", code="yaml-tag")
        return self._mapping(node, path)

    def refuse(self, node: yaml.Node, path: JsonPath, message: str, hint: str | None = None, *, code: str) -> None:
        self.refused.add(path)
        self.error(node, message, hint, code=code)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_keys: dict[str, yaml.Node] = {}  # a dict, not a scan: a key given 1,000 times
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(key_node, "merge keys (<<) are not supported", "write the fields out", code="yaml-merge-key")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_SCALARS:
                self.error(key_node, "a key must be plain text", code="key-not-text")
                continue
            key = str(key_node.value)
            if key in first_keys:
                self.error(
                    key_node,
                    f"duplicate key {_shorten(key)!r} (first given on line {first_keys[key].start_mark.line + 1})",
                    "keep one of the two values; YAML would silently drop the first",
                    code="duplicate-key",
                )
                continue
            first_keys[key] = key_node
            if _CONTROL.search(key):
                self.error(key_node, _control_message("the key", key), _CONTROL_HINT, code="control-character")
                continue
            result[key] = self.walk(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        if node.tag not in _PLAIN_SCALARS:
            self.refuse(node, path, f"unsupported YAML tag {node.tag!r}", "remove the tag; write plain text", code="yaml-tag")
            return None
        if node.tag in (_INT, _FLOAT) and len(node.value) > limits.MAX_NUMBER_CHARS:
            # (Python would refuse to read an integer of more than 4,300 digits at all)
            self.refuse(node, path, f"this number is {len(node.value):,} characters long, over the limit of "
                        f"{limits.MAX_NUMBER_CHARS}", "figures are counts such as 12; write text in quotes",
                        code="number-too-long")
            return None
        value = self.loader.construct_object(node)
        if isinstance(value, float) and not math.isfinite(value):
            self.refuse(node, path, f"{_shorten(node.value)!r} is not a finite number", code="not-finite")
            return None
        if isinstance(value, str) and _CONTROL.search(value):
            self.refuse(node, path, _control_message("the text", value), _CONTROL_HINT, code="control-character")
            return None
        return value


_CONTROL_HINT = "delete it: text may hold tabs and line breaks, but no other control character"


def _control_message(what: str, text: str) -> str:
    found = _CONTROL.search(text)
    assert found is not None
    return f"{what} contains the control character {_codepoint(found.group())} at character {found.start() + 1}"




def _codepoint(character: int | str) -> str:
    return f"U+{character if isinstance(character, int) else ord(character):04X}"


def _aliases(text: str, path: str) -> list[DataError]:
    """Every alias (``*name``) in the text, reported where it is written."""
    if "*" not in text:  # no alias can occur: skip the second parse
        return []
    errors = []
    for event in yaml.parse(text, Loader=_StrictLoader):
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
            mark = event.start_mark
            errors.append(DataError(Location(path, mark.line + 1, mark.column + 1),
                                    f"aliases (*{event.anchor}) are not supported", hint="write the value out in full", code="yaml-alias"))
    return errors


#: What starts a value in YAML text: a list item, a mapping value, a flow separator or
#: opener, a complex key. Counted with ``str.count`` (C speed, no parsing): a list of
#: one-letter items is refused before a node of it is made.
_VALUE_MARKS = ("- ", "-\n", ": ", ":\n", ",", "[", "{", "? ")


def density_error(text: str, path: str) -> DataError | None:
    """The ``too-dense`` error when the text's value marks already pass what its size
    allows (:data:`limits.MIN_BYTES_PER_VALUE`); the composer's own count catches what
    the marks miss."""
    if len(text) < 2 * limits.VALUES_ALLOWANCE:
        return None  # too short to hold more values than allowed (a value takes 2 characters)
    allowed = max(limits.VALUES_ALLOWANCE, len(text) // limits.MIN_BYTES_PER_VALUE)
    marks = 0
    for mark in _VALUE_MARKS:
        marks += text.count(mark)
        if marks >= allowed:
            return too_dense(text, path)
    return None


def too_dense(text: str, path: str) -> DataError:
    allowed = max(limits.VALUES_ALLOWANCE, len(text) // limits.MIN_BYTES_PER_VALUE)
    return DataError(Location(path), f"the file holds more than {allowed:,} values in {len(text):,} characters "
                     f"(at most one per {limits.MIN_BYTES_PER_VALUE} characters beyond "
                     f"{limits.VALUES_ALLOWANCE:,}): it was refused before it was read in full",
                     hint="a data file of records has one value per 15 to 40 characters; check for a runaway list",
                     code="too-dense")


def parse_text(text: str, path: str, kind: str) -> tuple[LoadedFile | None, list[DataError]]:
    """Parse one file's text with PyYAML's node tree, the one place that explains
    problems. Never raises for bad input: problems come back as errors."""
    dense = density_error(text, path)
    if dense is not None:
        return None, [dense]
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except TooDense:
        return None, [too_dense(text, path)]
    except TooManyEntries as exc:
        mark = exc.node.start_mark
        return None, [DataError(Location(path, mark.line + 1, mark.column + 1),
                                f"this list holds more than {limits.MAX_ENTRIES:,} entries, over the limit of "
                                f"{limits.MAX_ENTRIES:,} per list or mapping inside a record (it was not read further)",
                                hint=ENTRIES_HINT, code="too-many-entries")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        said = explain(text, line, column, exc.problem or exc.context or "invalid YAML")
        return None, [DataError(Location(path, said.line, said.column), said.message, hint=said.hint, code=said.code)]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [DataError(Location(path, line, column),
                                f"the text contains the control character {_codepoint(exc.character)}, "
                                "which YAML does not allow",
                                hint="delete it (it is often pasted in invisibly)", code="control-character")]
    except yaml.YAMLError as exc:
        return None, [DataError(Location(path), f"YAML error: {exc}", code="yaml-syntax")]
    finally:
        loader.dispose()
    if node is None:
        if kind in OPTIONAL_FILES:
            return LoadedFile(kind, path, []), []
        # An empty file is far more often a failed save or a bad merge than a briefing
        # with nothing in it: say so, rather than publish a site with no incidents.
        return None, [DataError(Location(path), f"the file holds no {kind}: it is empty or only comments; "
                                f"expected a list of {kind}, each starting with '- id:'",
                                hint="if there are really none yet, write an empty list: []", code="empty-file")]
    if not isinstance(node, yaml.ScalarNode) and len(node.value) > limits.MAX_RECORDS:
        return None, [DataError(Location(path), f"{len(node.value):,} records, over the limit of "
                                f"{limits.MAX_RECORDS:,} records per data file", hint=SCALE_HINT,
                                code="too-many-records")]
    try:
        return LoadedFile(kind, path, _plain_data(node, loader, "*" in text, "\\" in text), node), []
    except _Unusual:
        pass
    walker = _Walker(path, loader)
    data = walker.walk(node, ())
    errors = walker.errors + _aliases(text, path)
    return LoadedFile(kind, path, data, node, frozenset(walker.refused)), errors
