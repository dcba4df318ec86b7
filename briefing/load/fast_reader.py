"""Step 1, the quick way: a data file with nothing to report, read faster, with the same result.

:func:`briefing.load.yaml_text.parse_text` composes PyYAML's node tree of a whole file and
keeps it for positions. At scale that is most of ``python -m briefing check`` (numbers in
benchmarks/NOTES.md), and the node tree is needed only when a message points into the file.
This module reads the common case, a file that the reader would accept without a word,
in one of two faster ways, and answers ``None`` whenever it cannot be sure that its data
is exactly the reader's; the reader then reads the file as before and explains every
problem, so messages never depend on which way a file was read.

* **One JSON object per line** (``- {"id": ...}``, what tools and ``benchmarks/synth.py``
  write): JSON is YAML, and for the text accepted here, JSON's reading is YAML's: each
  line is decoded by :mod:`json` (C). The text is refused when it holds anything the two
  read differently: characters libyaml rejects or takes as line breaks (controls, DEL,
  C1, U+2028/9, U+FEFF), escapes YAML lacks (``\\ud800`` surrogates), a key libyaml would
  not take as a key (over 1024 characters before its colon: keys here are at most
  :data:`MAX_KEY` characters and never followed by a space), a duplicate key,
  ``NaN``/``Infinity`` or a number that overflows. JSON's numbers, ``true``, ``false`` and
  ``null`` are read by YAML 1.2 as the same values. So is anything the reader would refuse
  under :mod:`briefing.limits` (an escaped control character, a number over
  ``MAX_NUMBER_CHARS``, nesting over ``MAX_NESTING``, a list or mapping over ``MAX_ENTRIES``,
  more than ``MAX_RECORDS`` records): such a file is read by the reader, which says so.
* **Block YAML in two halves**, parsed at once by two processes (``os.fork``) with the
  reader itself (``yaml_text.parse_text``), when the machine has two cores and one is idle, the file is large and
  its records are cut cleanly: every line that starts in column 0 is a comment or a
  record's ``- `` (so no document marker, directive, top-level mapping, tab or BOM can
  change the meaning of the cut). A half that the reader reports anything on, or whose
  record count differs from its ``- `` lines (a ``-`` inside a multi-line scalar), sends
  the whole file back to the reader.

Positions: :class:`RecordPositions` finds the line and column of a value by composing
only the record it is in (a few hundred bytes) with the reader's own loader and lookup,
then shifting the line; the lines and columns are the ones the whole-file tree gives.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import re
import signal
import sys
import threading
from typing import Any

import yaml

from briefing import limits
from briefing.errors import Location
from briefing.load import yaml_text
from briefing.load.yaml_text import JsonPath, LoadedFile

#: Longest key (in characters) taken from a JSON line. libyaml takes a quoted key only
#: when its colon follows within 1024 characters of its opening quote; an escape is at
#: most 6 characters for one (``\\u00e9``), so 150 characters stay well inside.
MAX_KEY = 150

#: Files smaller than this are parsed in one process (a fork and the transfer of the
#: data back cost more than they save for a small file; benchmarks/NOTES.md).
SPLIT_BYTES = 1 << 20

#: Characters libyaml reads differently from JSON or refuses, anywhere in the text: C0
#: controls but newline (tab, CR included), DEL and C1 (NEL is a YAML line break), the
#: Unicode line and paragraph separators, the byte order mark, non-characters and lone
#: surrogates.
_UNSAFE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
#: JSON escapes YAML does not read the same way: anything but \" \\ \/ \b \f \n \r \t
#: and \u of a non-surrogate (a backslash preceded by another one may match too: then
#: the file just takes the reader's way); and those the reader refuses in text: \b, \f,
#: \r and \u of a control character or of U+FFFE/U+FFFF (tab and line feed included here,
#: which the reader allows: such a file is only read the slower way).
_ESCAPE = re.compile(r'\\(?:[^"\\/ntu]|u[dD][89a-fA-F]|u00[0189][0-9a-fA-F]|u007[fF]|u[fF]{3}[eEfF])')
#: A key followed by spaces before its colon (the spaces count towards libyaml's limit).
_SPACED_KEY = re.compile(r'" +:')
#: Line breaks of YAML 1.1 other than LF: a text holding any is cut by the reader only.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")
#: A line that starts in column 0 with something other than a space (found after its
#: newline; the first line is checked apart).
_COLUMN_0 = re.compile(r"\n[^ \n]")


class _NotPlain(Exception):
    """The fast reading would not be the reader's: let the reader read the file."""


def load(text: str, path: str, kind: str) -> LoadedFile | None:
    """The file as :func:`yaml_text.parse_text` would load it when it has nothing to report,
    or ``None`` when this module cannot be sure (the reader then reads it)."""
    try:
        records = _json_lines(text)
        if records is not None:
            data, starts, lines = records
            return LoadedFile(kind, path, data, positions=RecordPositions(text, path, kind, starts, lines))
        if len(text) >= SPLIT_BYTES and _can_fork() and _core_free():
            return _in_two_halves(text, path, kind)
    except Exception:  # whatever it is, the reader reads the file and says what is wrong
        return None
    return None


# --- one JSON object per line --------------------------------------------------------------


class _Objects:
    """The JSON decoder's hook for objects: refuses duplicate keys, remembers every key."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            raise _NotPlain  # a duplicate key: the reader reports it
        self.keys.update(result)
        return result


def _finite(text: str) -> float:
    if len(text) > limits.MAX_NUMBER_CHARS:
        raise _NotPlain  # the reader refuses it
    value = float(text)
    if not math.isfinite(value):
        raise _NotPlain  # 1e999: YAML reads it as a number the reader refuses
    return value


def _integer(text: str) -> int:
    if len(text) > limits.MAX_NUMBER_CHARS:
        raise _NotPlain  # the reader refuses it
    return int(text)


def _within_limits(value: Any, depth: int) -> bool:
    """No list or mapping in ``value`` (at level ``depth``; the file's list is level 1)
    nested deeper than ``MAX_NESTING`` or holding more than ``MAX_ENTRIES`` entries."""
    if not isinstance(value, dict | list):
        return True
    if depth > limits.MAX_NESTING or len(value) > limits.MAX_ENTRIES:
        return False
    return all(_within_limits(item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))


def _constant(text: str) -> Any:
    raise _NotPlain  # NaN, Infinity: text in YAML


def _first_content_line(text: str) -> str:
    """The first line that is neither blank nor a comment."""
    offset = 0
    while offset < len(text):
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        if end > offset and text[offset] != "#":
            return text[offset:end]
        offset = end + 1
    return ""


def _json_lines(text: str) -> tuple[list[Any], list[int], list[int]] | None:
    """The records of a file of ``- {json}`` lines (comments and blank lines between),
    with the offset and line number where each starts; ``None`` when the file is not one
    or holds anything JSON and YAML could read differently."""
    if not _first_content_line(text).startswith("- {"):
        return None
    if ("\\" in text and _ESCAPE.search(text)) or _SPACED_KEY.search(text):
        return None
    objects = _Objects()
    decode = json.JSONDecoder(object_pairs_hook=objects, parse_float=_finite, parse_int=_integer,
                              parse_constant=_constant).decode
    # A line with fewer brackets than the nesting limit and fewer commas than the entry
    # limit is within both; only a line with more is walked to be sure.
    brackets, entries = limits.MAX_NESTING - 1, limits.MAX_ENTRIES
    records: list[Any] = []
    starts: list[int] = []
    lines: list[int] = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if not line.isprintable() and _UNSAFE.search(line):  # isprintable: a fast first sieve
            return None
        if line.startswith("- {"):
            if not line.endswith("}"):
                return None
            try:
                records.append(decode(line[2:]))
            except (_NotPlain, ValueError, RecursionError):  # JSONDecodeError is a ValueError
                return None
            if (line.count("[") + line.count("{") > brackets or line.count(",") >= entries) \
                    and not _within_limits(records[-1], 2):
                return None
            starts.append(offset)
            lines.append(number)
        elif line and not line.startswith("#"):
            return None
        offset += len(line) + 1
    if objects.keys and max(map(len, objects.keys)) > MAX_KEY:
        return None
    if len(records) > limits.MAX_RECORDS:
        return None
    return records, starts, lines


# --- block YAML, two halves at once ----------------------------------------------------------


def _can_fork() -> bool:
    """Two cores, ``fork``, and no other thread (a forked child gets only this one, and
    locks another thread holds would stay held: ``mkdocs serve`` reads in one process)."""
    if not hasattr(os, "fork") or sys.platform != "linux" or threading.active_count() != 1:
        return False
    return len(os.sched_getaffinity(0)) >= 2


def _core_free() -> bool:
    """Whether a second core is likely idle: on a busy machine the second process waits
    for a core and the halves cost more than the whole (benchmarks/NOTES.md)."""
    return os.getloadavg()[0] < len(os.sched_getaffinity(0)) - 0.5


def record_starts(text: str) -> list[int] | None:
    """Offsets of the lines starting a record (``- `` in column 0), when every line that
    starts in column 0 is a record's or a comment; else ``None``."""
    if _OTHER_BREAKS.search(text):
        return None
    starts: list[int] = []
    lines = [0] if text[:1] not in (" ", "\n", "") else []
    lines += [match.start() + 1 for match in _COLUMN_0.finditer(text)]
    for start in lines:
        first = text[start]
        if first == "-" and text[start + 1: start + 2] in (" ", "\n", ""):
            starts.append(start)
        elif first != "#":
            return None
    return starts


def _load_half(text: str, path: str, kind: str, records: int) -> list[Any] | None:
    loaded, errors = yaml_text.parse_text(text, path, kind)
    if errors or loaded is None or loaded.refused or not isinstance(loaded.data, list) or len(loaded.data) != records:
        return None
    return loaded.data


def _in_two_halves(text: str, path: str, kind: str) -> LoadedFile | None:
    starts = record_starts(text)
    if not starts or len(starts) < 2 or len(starts) > limits.MAX_RECORDS:
        return None
    cut = min(range(1, len(starts)), key=lambda i: abs(starts[i] - len(text) // 2))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow forks)
        status = 1
        try:
            os.close(read_end)
            data = _load_half(text[starts[cut]:], path, kind, len(starts) - cut)
            if data is not None:
                payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as out:
                    out.write(payload)
                status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    payload = b""
    with os.fdopen(read_end, "rb") as incoming:
        try:
            data = _load_half(text[: starts[cut]], path, kind, cut)
            if data is not None:
                payload = incoming.read()
        finally:
            if not payload:
                os.kill(pid, signal.SIGKILL)  # its half is not needed: free the core
            _, status = os.waitpid(pid, 0)
    if data is None or status != 0 or not payload:
        return None
    data.extend(pickle.loads(payload))
    return LoadedFile(kind, path, data, positions=RecordPositions(text, path, kind, starts))


# --- positions, record by record -----------------------------------------------------------


class RecordPositions:
    """``file:line:column`` of a value, found by composing only the record it is in.

    ``starts`` are the offsets of the lines where the records begin (``- `` in column 0);
    record ``i`` is the text from its start to the next one. Its node tree, composed by
    the reader's own loader, gives the same columns as the whole file's and the same lines
    once shifted by the lines before it (``lines``: counted when first needed).
    """

    def __init__(self, text: str, path: str, kind: str, starts: list[int], lines: list[int] | None = None) -> None:
        self._text = text
        self._path = path
        self._kind = kind
        self._starts = starts
        self._lines = lines
        self._trees: dict[int, yaml.Node | None] = {}

    def __call__(self, where: JsonPath) -> Location:
        index = where[0] if where and isinstance(where[0], int) else -1
        if not 0 <= index < len(self._starts):
            index, where = 0, ()  # the closest ancestor that exists: the list itself
        lines_before = self._line(index)
        tree = self._tree(index)
        if tree is None:  # pragma: no cover - the record parsed as part of the file
            return Location(self._path, lines_before + 1, 1)
        found = LoadedFile(self._kind, self._path, None, tree=tree).location((0, *where[1:]) if where else ())
        return Location(self._path, found.line + lines_before, found.column)

    def _line(self, index: int) -> int:
        if self._lines is None:
            lines, line, previous = [], 0, 0
            for start in self._starts:
                line += self._text.count("\n", previous, start)
                lines.append(line)
                previous = start
            self._lines = lines
        return self._lines[index]

    def _tree(self, index: int) -> yaml.Node | None:
        if index not in self._trees:
            start = self._starts[index]
            end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._text)
            loader = yaml_text._StrictLoader(self._text[start:end])
            try:
                self._trees[index] = loader.get_single_node()
            except yaml.YAMLError:  # pragma: no cover - see __call__
                self._trees[index] = None
            finally:
                loader.dispose()
        return self._trees[index]
