"""``briefing.json`` written from one encoded fragment per record, kept while the record lives.

The whole-dataset export is the largest file a build writes, and the preview writes it
again after every save. The model hands the next build the same record objects for the
records an edit did not touch (:class:`briefing.model.build.RecordCache`), so each
record's JSON is encoded once and reused while that object is in the dataset; the file is
joined from the fragments, byte for byte what ``json.dumps(tables, indent=1)`` writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

#: Where a record sits in the file: two levels deep (the top object, then its kind's list).
_DEPTH = "\n  "


class Fragments:
    """Each record's encoded JSON, by the identity of the record object."""

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[object, bytes]] = {}

    def tables_json(self, tables: Mapping[str, Iterable[Any]], plain: Callable[[Any], Any],
                    default: Callable[[Any], Any], head: Mapping[str, Any]) -> bytes:
        """``head`` (encoded whole) then ``tables`` ({kind: records}) as indented JSON, each
        record as ``plain`` makes it."""
        kept: dict[int, tuple[object, bytes]] = {}
        entries = [_entry(key, json.dumps(value, ensure_ascii=False, indent=1, default=default).replace("\n", "\n ")
                          .encode("utf-8")) for key, value in head.items() if key not in tables]
        for kind, records in tables.items():
            items = [self._fragment(record, plain, default, kept) for record in records]
            value = b"[" + b"".join((b"\n  ", b",\n  ".join(items), b"\n ]")) if items else b"[]"
            entries.append(_entry(kind, value))
        self._by_id = kept  # records gone from the dataset let go of their fragments
        return b"{" + b",".join(entries) + b"\n}\n"

    def _fragment(self, record: Any, plain: Callable[[Any], Any], default: Callable[[Any], Any],
                  kept: dict[int, tuple[object, bytes]]) -> bytes:
        known = self._by_id.get(id(record))
        if known is None or known[0] is not record:
            text = json.dumps(plain(record), ensure_ascii=False, indent=1, default=default)
            known = (record, text.replace("\n", _DEPTH).encode("utf-8"))
        kept[id(record)] = known
        return known[1]


def _entry(key: str, value: bytes) -> bytes:
    return b"\n " + json.dumps(key, ensure_ascii=False).encode("utf-8") + b": " + value
