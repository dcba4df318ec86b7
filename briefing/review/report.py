"""The output formats of ``python -m briefing check``: text for people, GitHub Actions
annotations for pull requests, JSON for tools. All three carry the same facts."""

from __future__ import annotations

import json
from typing import Any

from briefing.errors import DataError


def text_line(problem: DataError) -> str:
    """``file:line:column: record-id: message (hint: ...)``; warnings say so after the place."""
    if problem.severity == "error":
        return str(problem)
    record = f" {problem.record_id}:" if problem.record_id else ""
    hint = f" (hint: {problem.hint})" if problem.hint else ""
    return f"{problem.location}: {problem.severity}:{record} {problem.message}{hint}"


def _escape_data(text: str) -> str:
    """The escaping GitHub's workflow-command parser undoes in a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: DataError) -> str:
    """A GitHub Actions annotation: the message shows on the pull request's diff line.

    ``::error file=data/incidents.yaml,line=6,col=13,title=2021-07-06-agdam::message``"""
    loc = problem.location
    level = "error" if problem.severity == "error" else "warning"
    title = problem.record_id or "briefing data"
    message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
    props = f"file={_escape_property(loc.file)},line={loc.line},col={loc.column},title={_escape_property(title)}"
    return f"::{level} {props}::{_escape_data(message)}"


def as_json(problem: DataError) -> dict[str, Any]:
    loc = problem.location
    found = {"severity": problem.severity, "file": loc.file, "line": loc.line, "column": loc.column,
             "record_id": problem.record_id, "message": problem.message, "hint": problem.hint}
    if problem.code:
        found["code"] = problem.code
    return found


def json_report(errors: list[DataError], warnings: list[DataError], counts: dict[str, int] | None,
                source_debt: dict[str, int] | None = None) -> str:
    """One JSON document: ``ok``, ``errors``, ``warnings`` and, for valid data, ``counts``
    and ``source_debt`` (sources and citations by rung of the provenance ladder)."""
    report: dict[str, Any] = {
        "ok": not errors,
        "errors": [as_json(e) for e in errors],
        "warnings": [as_json(w) for w in warnings],
        "counts": counts,
    }
    if source_debt is not None:
        report["source_debt"] = source_debt
    return json.dumps(report, ensure_ascii=False, indent=2)
