"""Typed errors that carry the place in the data they are about.

Every problem found in the data is a :class:`DataError`: file, line, column, the id of
the record it is in, what is wrong and how to fix it. The CLI and the MkDocs hook print
the same :func:`format_errors` text, so an analyst sees one message wherever they build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

#: Characters a terminal or a CI log would act on instead of showing: C0 and C1 controls
#: (ESC starts colour and cursor sequences, CR rewrites the line, LF starts a new one),
#: DEL, Unicode line and paragraph separators, bidirectional overrides and isolates (they
#: reorder what is shown), and lone surrogates (they cannot be encoded at all).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal or in a CI log: every character that could
    move the cursor, change colours, start a new line or reorder the line is shown as a
    visible escape (``\\x1b``, ``\\n``, ``\\u202e``). Data comes from pull requests, and
    an id holding ``ESC[2K`` or a newline must not be able to forge an "OK" line."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def shorten(value: object, size: int = 80) -> object:
    """A value to quote in a message, text cut to ``size`` characters: a 2 MB value is not
    printed again in every message about it."""
    return value if not isinstance(value, str) or len(value) <= size else f"{value[:size]}…"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a data file. ``line`` and ``column`` are 1-based, as editors show them."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Severity(StrEnum):
    """Whether a problem stops the build (an error) or is shown to a reviewer (a warning)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class DataError:
    """One problem in the data, with enough context to fix it without reading code:
    where, in which record, what is wrong, how to fix it, and the rule's stable ``code``
    (every code is listed in :data:`briefing.error_codes.CODES` and ``docs/errors.md``)."""

    location: Location
    message: str
    record_id: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    code: str = field(kw_only=True)

    @property
    def described(self) -> str:
        """``message (hint: ...) [code]``: what every output format says of the problem."""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.message}{hint} [{self.code}]"

    def __str__(self) -> str:
        """The problem's one line, as the CLI and the hook print it: ``file:line:column:
        record-id: message (hint: ...) [code]``, with ``warning:`` after the place for a warning."""
        severity = "" if self.severity == Severity.ERROR else f" {self.severity}:"
        record = f" {self.record_id}:" if self.record_id else ""
        return printable(f"{self.location}:{severity}{record} {self.described}")

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.message)


class BriefingError(Exception):
    """Base class for every error this package raises on purpose."""


class DataErrors(BriefingError):
    """The data cannot be published: carries every problem found, not just the first."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(errors, key=lambda e: e.sort_key)
        super().__init__(format_errors(self.errors))


def format_errors(errors: list[DataError]) -> str:
    """The text both the CLI and the MkDocs hook print for a failed check: one line per
    problem, whatever the data holds (see :func:`printable`)."""
    count = len(errors)
    noun = "problem" if count == 1 else "problems"
    lines = [str(e) for e in errors]
    lines.append(f"{count} {noun} found in the data; nothing was built.")
    return "\n".join(lines)
