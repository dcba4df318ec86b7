"""The commonest YAML mistakes, said in plain words instead of the parser's.

The parser says "found a tab character that violates indentation", "mapping values are
not allowed in this context" or "did not find expected '-' indicator"; an analyst needs to
hear "tab", "indent with spaces", or "put the text in quotes". :func:`explain` looks at
the line the parser stopped on and names the mistake, with a hint and a code of its own:

* ``yaml-tab``: the line is indented with a tab (YAML indents with spaces only);
* ``yaml-colon``: an unquoted text holds a colon followed by a space, which YAML reads as
  the start of a new field (``title: Clash: two wounded``);
* ``yaml-indentation``: the line starts in a column that fits none of the lines before it.

Anything else stays ``yaml-syntax`` with the parser's words and the general hint.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: ``  title: Clash`` or ``- id: x``: a field and the start of its value on one line.
_FIELD = re.compile(r"^(?P<indent>[ ]*(?:-[ ]+)*)(?P<key>[A-Za-z_][\w-]*):[ ]+(?P<value>\S.*)$")
_INDENTATION_PROBLEMS = ("mapping values are not allowed", "did not find expected '-' indicator",
                         "did not find expected key", "expected <block end>",
                         "block sequence entries are not allowed")
GENERAL_HINT = "check indentation, colons and quotes on this line or the one before"


class Explained(NamedTuple):
    line: int
    column: int
    message: str
    hint: str
    code: str


def explain(text: str, line: int, column: int, problem: str) -> Explained:
    """The mistake at ``line``:``column`` (1-based, where the parser stopped), in words."""
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    for number in (line, line - 1):  # a tab may be on the line before the one the parser names
        row = lines[number - 1] if 0 < number <= len(lines) else ""
        indent = row[: len(row) - len(row.lstrip(" \t"))]
        if "\t" in indent or ("tab" in problem and number == line):
            return Explained(number, (indent.find("\t") + 1) or 1,
                             f"line {number} is indented with a tab: YAML indents with spaces only",
                             "replace the tab with spaces (two per level, like the lines around it)", code="yaml-tab")
    if "mapping values are not allowed" in problem:
        field = _FIELD.match(current[: column - 1])
        if field is not None:
            return _colon(line, column, field)
    if any(words in problem for words in _INDENTATION_PROBLEMS):
        return _indentation(lines, line)
    return Explained(line, column, f"YAML syntax error: {problem}", GENERAL_HINT, code="yaml-syntax")


def _colon(line: int, column: int, field: re.Match[str]) -> Explained:
    key, value = field.group("key"), field.group("value").rstrip()
    shown = value if len(value) <= 40 else value[:40] + "…"
    quoted = shown.replace("\\", "\\\\").replace('"', '\\"')
    return Explained(line, column,
                     f"the text of '{key}' holds a colon followed by a space (after {shown!r}), which YAML reads "
                     "as the start of another field",
                     f'put the whole text in double quotes: {key}: "{quoted}: ..."; or write it on the next '
                     f"lines after {key}: >-", code="yaml-colon")


def _indentation(lines: list[str], line: int) -> Explained:
    """The line whose indentation does not fit, and the columns its fields could start in."""
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    start = len(current) - len(current.lstrip(" ")) + 1
    before = [row for row in lines[: line - 1] if row.strip() and not row.lstrip().startswith("#")]
    columns = sorted({_field_column(row) for row in before[-6:]})
    near = " or ".join(str(c) for c in columns) if columns else "1"
    return Explained(line, start,
                     f"line {line} is indented to column {start}, which lines up with no field before it: YAML "
                     "reads the structure from the indentation",
                     f"indent with spaces so that the line starts where the other fields at its level start "
                     f"(column {near} here)", code="yaml-indentation")


def _field_column(row: str) -> int:
    """Where a line's field starts (after its indentation and any list dashes), 1-based."""
    indent = re.match(r"[ ]*(?:-[ ]+)*", row)
    return (indent.end() if indent else 0) + 1
