"""What a page is made of, in a form that can be compared with the previous build.

A page is a pure function of its context (:mod:`.contexts`). :func:`fingerprint` reduces
a context to a comparable value: a record counts by identity (the model reuses an
unchanged record's object from one build of ``mkdocs serve`` to the next, see
:class:`briefing.model.build.RecordCache`), everything else (rows, parts of lists, map and
chart drawings, numbers and text) by value. Two builds whose fingerprints of a page are
equal render that page to the same bytes, so ``mkdocs serve --dirty`` rewrites only the
pages whose fingerprint changed.

Identity is safe because the previous build's records stay alive until the comparison
is made (the session keeps them), so no new object can take an old one's ``id``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable, Mapping
from typing import Any

import msgspec

_SCALARS = (str, int, float, bool, type(None), dt.date)


def fingerprint(value: Any) -> Hashable:
    """A hashable value equal between two builds exactly when ``value`` is the same."""
    return _Walker().walk(value)


class _Walker:
    def __init__(self) -> None:
        self.seen: dict[int, Hashable] = {}  # rows and views shared by many pages: walked once

    def walk(self, value: Any) -> Hashable:
        if isinstance(value, _SCALARS):
            return value
        key = id(value)
        known = self.seen.get(key)
        if known is not None:
            return known
        found = self._walk(value)
        self.seen[key] = found
        return found

    def _walk(self, value: Any) -> Hashable:
        if isinstance(value, msgspec.Struct):
            if getattr(value, "kind", None) and hasattr(value, "id"):
                return ("record", id(value))  # records are reused while unchanged
            return (type(value).__name__, *(self.walk(getattr(value, f)) for f in value.__struct_fields__))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return (type(value).__name__, *(self.walk(getattr(value, f.name)) for f in dataclasses.fields(value)))
        if isinstance(value, Mapping):
            return ("map", *((k, self.walk(v)) for k, v in value.items()))
        if isinstance(value, (list, tuple)):
            return ("seq", *(self.walk(item) for item in value))
        raise TypeError(f"a page context may hold records, views and plain values, not {type(value).__name__}")


def fingerprints(pages: Mapping[str, Any]) -> dict[str, Hashable]:
    """The fingerprint of every page's context, by path; views shared between pages (a
    row listed on many pages) are walked once."""
    walker = _Walker()
    return {path: walker.walk(context) for path, context in pages.items()}
