"""Reading only what changed since the last build (``mkdocs serve``).

A :class:`LoadCache` remembers, for each data file, a digest of its bytes and what reading
them gave: a file whose bytes did not change is not read again. A file that did change is
cut into its records, where that is safe (:func:`briefing.load.fast_reader.record_starts`:
every line in column 0 is a record's ``- `` or a comment), and only the records whose text
changed are parsed, each by the reader itself; the others keep the data they had, as the
same objects (so the model can tell they are unchanged). Anything unusual (a record the
reader has something to say about, a file that cannot be cut) sends the whole file to the
reader, so every message and position is the reader's own.
"""

from __future__ import annotations

import hashlib
from typing import Any

from briefing import limits
from briefing.errors import DataError
from briefing.load import fast_reader, reader
from briefing.load.reader import LoadedFile

Result = tuple[LoadedFile | None, list[DataError]]


class LoadCache:
    def __init__(self) -> None:
        self._files: dict[tuple[str, str], tuple[bytes, Result]] = {}
        #: Per file: a record's text → its data, from the last build.
        self._records: dict[tuple[str, str], dict[str, Any]] = {}

    def parse(self, raw: bytes, display_path: str, kind: str) -> Result:
        """:func:`briefing.load.reader.load_bytes`, reading again only what changed."""
        key = (display_path, kind)
        digest = hashlib.blake2b(raw, digest_size=20).digest()
        cached = self._files.get(key)
        if cached is not None and cached[0] == digest:
            return cached[1][0], list(cached[1][1])
        result = self._changed(raw, display_path, kind) or reader.load_bytes(raw, display_path, kind)
        self._files[key] = (digest, result)
        self._remember(key, raw, result)
        return result

    def _chunks(self, raw: bytes) -> tuple[str, list[int], list[str]] | None:
        """The file's text, where its records start, and each record's text; or None."""
        if len(raw) > limits.MAX_FILE_BYTES:
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        starts = fast_reader.record_starts(text)
        if not starts or len(starts) > limits.MAX_RECORDS:
            return None
        if any(line.strip() and not line.lstrip().startswith("#") for line in text[: starts[0]].splitlines()):
            return None
        ends = [*starts[1:], len(text)]
        return text, starts, [text[start:end] for start, end in zip(starts, ends, strict=True)]

    def _changed(self, raw: bytes, display_path: str, kind: str) -> Result | None:
        known = self._records.get((display_path, kind))
        cut = self._chunks(raw) if known is not None else None
        if known is None or cut is None:
            return None
        text, starts, chunks = cut
        data = []
        for chunk in chunks:
            record = known.get(chunk)
            if record is None:
                loaded, errors = reader.load_text(chunk, display_path, kind, fast=False)
                if errors or loaded is None or loaded.refused or not isinstance(loaded.data, list) \
                        or len(loaded.data) != 1:
                    return None  # the reader reads the whole file and says what is wrong
                record = loaded.data[0]
            data.append(record)
        positions = fast_reader.RecordPositions(text, display_path, kind, starts)
        return LoadedFile(kind, display_path, data, positions=positions), []

    def _remember(self, key: tuple[str, str], raw: bytes, result: Result) -> None:
        loaded, errors = result
        cut = self._chunks(raw)
        if errors or loaded is None or cut is None or not isinstance(loaded.data, list) \
                or len(loaded.data) != len(cut[2]):
            self._records.pop(key, None)
            return
        self._records[key] = dict(zip(cut[2], loaded.data, strict=True))
