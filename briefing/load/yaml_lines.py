"""Which lines of a YAML data file can start a record: the lexical state at each line.

The history replay (:mod:`briefing.load.git_history`) credits each changed line to the
record it belongs to, and a record starts at a line such as ``- id: x``. A line that reads
so may instead sit inside a value: a double- or single-quoted text over several lines, a
block text (``|`` or ``>``) or a flow list or mapping over several lines. This module
follows YAML's structure line by line (quotes and their escapes, block texts and their
indentation, flow brackets, comments), so such a line is known to be text, never a record.

:func:`lex` gives the state after one line from the state before it: cheap, and local,
so an edit re-reads only the changed lines and the lines after them until the state
matches the one known before the edit (:class:`Lines`).
"""

from __future__ import annotations

import re
from typing import NamedTuple


class State(NamedTuple):
    """Where a line starts: in plain structure (``""``), inside a double-quoted (``'"'``)
    or single-quoted (``"'"``) text, or inside a block text (``"|"``) whose content is
    indented more than ``indent``; ``flow``: open flow brackets."""

    kind: str = ""
    indent: int = -1
    flow: int = 0

    def structural(self, line: str) -> bool:
        """Whether ``line``, starting in this state, begins in the file's structure (not
        inside a text or brackets): only then can a record start on it."""
        if self.flow:
            return False
        if self.kind == "|":
            return bool(line.strip()) and _indent(line) <= self.indent
        return not self.kind


START = State()
_BLOCK = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")


_QUOTED = {'"': re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"'), "'": re.compile(r"[^']*(?:''[^']*)*'(?!')")}
_PLAIN_END = re.compile(r":(?:[ \t]|$)|[ \t]#")
_FLOW_PLAIN_END = re.compile(r":(?:[ \t,\[\]{}]|$)|[ \t]#|[,\[\]{}]")


def _close(line: str, at: int, quote: str) -> int:
    """The index of the quote closing a text that continues at ``at``, or -1."""
    match = _QUOTED[quote].match(line, at)
    return match.end() - 1 if match else -1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def lex(line: str, state: State) -> State:
    """The state after ``line``, given the state before it."""
    at = 0
    if state.kind == "|":
        if not line.strip() or _indent(line) > state.indent:
            return state  # the block text goes on
        state = State(flow=state.flow)
    elif state.kind:
        close = _close(line, 0, state.kind)
        if close < 0:
            return state
        at, state = close + 1, State(flow=state.flow)
    return _structure(line, at, state.flow)


def _structure(line: str, at: int, flow: int) -> State:
    """Read a line's structure from ``at`` (outside any text): the state after it."""
    n = len(line)
    expect = True  # a value may start here
    parent = _indent(line)  # the column a block text's content must pass
    while at < n:
        char = line[at]
        if char in " \t":
            at += 1
            continue
        if char == "#" and (at == 0 or line[at - 1] in " \t"):
            break  # a comment
        if expect and char in "\"'":
            close = _close(line, at + 1, char)
            if close < 0:
                return State(char, -1, flow)
            at, expect = close + 1, False
            continue
        if expect and char in "|>" and not flow and _BLOCK.match(line, at):
            return State("|", parent, flow)
        if char == "-" and expect and (at + 1 == n or line[at + 1] in " \t"):
            parent, at = at, at + 1
            continue
        if char in "[{":
            flow, at, expect = flow + 1, at + 1, True
            continue
        if char in "]}":
            flow, at, expect = max(flow - 1, 0), at + 1, False
            continue
        if char == "," and flow:
            at, expect = at + 1, True
            continue
        if char in "?:" and (at + 1 == n or line[at + 1] in " \t" or (flow and line[at + 1] in ",[]{}")):
            at, expect = at + 1, True
            continue
        at, expect, parent = _plain(line, at, flow, parent)
    return State(flow=flow)


def _plain(line: str, at: int, flow: int, parent: int) -> tuple[int, bool, int]:
    """Past a plain value from ``at``: (where it ends, whether a value may follow, the
    column a block text after it must pass: a key's own column)."""
    end = (_FLOW_PLAIN_END if flow else _PLAIN_END).search(line, at + 1)
    if end is None:
        return len(line), False, parent
    if line[end.start()] == ":":
        return end.start(), False, at  # a key: its value follows the ':'
    return end.start() + (line[end.start()] in " \t"), False, parent
