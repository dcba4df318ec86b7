"""Typed errors that carry the place in the data they are about.

Every problem found in the data is a :class:`DataError`: file, line, column, the id of
the record it is in, what is wrong and how to fix it. The CLI and the MkDocs hook print
the same :func:`format_errors` text, so an analyst sees one message wherever they build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a data file. ``line`` and ``column`` are 1-based, as editors show them."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class DataError:
    """One problem in the data, with enough context to fix it without reading code."""

    location: Location
    message: str
    record_id: str | None = None
    hint: str | None = None
    severity: str = "error"
    #: The rule's code, for rules that have one (``access-without-read``, ``source-not-read``).
    code: str | None = None

    def __str__(self) -> str:
        record = f" {self.record_id}:" if self.record_id else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.location}:{record} {self.message}{hint}"

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
    """The text both the CLI and the MkDocs hook print for a failed check."""
    count = len(errors)
    noun = "problem" if count == 1 else "problems"
    lines = [str(e) for e in errors]
    lines.append(f"{count} {noun} found in the data; nothing was built.")
    return "\n".join(lines)
