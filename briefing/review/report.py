"""The output formats of ``python -m briefing check``: text for people, GitHub Actions
annotations for pull requests, JSON for tools. All three carry the same facts.

Ids, values and file names in messages come from pull requests. Every format keeps them
inert: text lines show control characters as visible escapes (:func:`printable`), an
annotation escapes what GitHub's workflow-command parser would act on, and JSON escapes
every control character, so no data can start a new line, forge a command or move the
cursor of the terminal or log that shows it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from briefing.errors import DataError, Severity, printable


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner and toolkit do (``%``,
    CR and LF percent-encoded, ``%`` first), after control characters are made visible;
    and ``::`` encoded too, so that nothing in it reads as the start of a command."""
    escaped = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.replace("::", "%3A%3A")


def escape_property(text: str) -> str:
    """A workflow command's property (``file=``, ``title=``): also ``:`` and ``,``, which
    end a property or the property list."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: DataError, title_note: str = "") -> str:
    """A GitHub Actions annotation: the message shows on the pull request's diff line.

    ``::error file=data/incidents.yaml,line=6,col=13,title=2021-07-06-agdam::message [code]``"""
    loc = problem.location
    level = Severity(problem.severity).value
    title = (problem.record_id or "briefing data") + title_note
    message = problem.described
    props = f"file={escape_property(loc.file)},line={loc.line},col={loc.column},title={escape_property(title)}"
    return f"::{level} {props}::{escape_data(message)}"


def as_json(problem: DataError) -> dict[str, Any]:
    loc = problem.location
    return {"severity": Severity(problem.severity).value, "code": problem.code, "file": loc.file, "line": loc.line,
            "column": loc.column, "record_id": problem.record_id, "message": problem.message, "hint": problem.hint}


#: What ``json.dumps(ensure_ascii=False)`` leaves raw but a terminal would act on: DEL,
#: C1 controls (0x9b is a one-byte ESC [), separators, bidirectional controls, surrogates.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_report(errors: list[DataError], warnings: list[DataError], counts: dict[str, int] | None,
                source_debt: dict[str, int] | None = None) -> str:
    """One JSON document: ``ok``, ``errors``, ``warnings`` and, for valid data, ``counts``
    and ``source_debt`` (sources and citations by rung of the provenance ladder).

    Non-ASCII text stays readable; every character a terminal would act on is written as
    a ``\\uXXXX`` escape (they can only occur inside strings, so the JSON is unchanged)."""
    report: dict[str, Any] = {
        "ok": not errors,
        "errors": [as_json(e) for e in errors],
        "warnings": [as_json(w) for w in warnings],
        "counts": counts,
    }
    if source_debt is not None:
        report["source_debt"] = source_debt
    text = json.dumps(report, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
