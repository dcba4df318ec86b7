"""Data files that did not change are not parsed again (``mkdocs serve``).

A :class:`LoadCache` remembers, for each data file, a digest of its bytes and what
parsing them gave; the next build parses only the files whose bytes changed. The bytes
are still read every time (an edit does not always change a file's size or time), and
hashing them costs a few milliseconds per 10 MB.
"""

from __future__ import annotations

import hashlib

from briefing.errors import DataError
from briefing.load.reader import LoadedFile, load_bytes


class LoadCache:
    def __init__(self) -> None:
        self._files: dict[tuple[str, str], tuple[bytes, tuple[LoadedFile | None, list[DataError]]]] = {}

    def parse(self, raw: bytes, display_path: str, kind: str) -> tuple[LoadedFile | None, list[DataError]]:
        """:func:`briefing.load.reader.load_bytes`, or its result for the same bytes last time."""
        digest = hashlib.blake2b(raw, digest_size=20).digest()
        cached = self._files.get((display_path, kind))
        if cached is not None and cached[0] == digest:
            return cached[1][0], list(cached[1][1])
        result = load_bytes(raw, display_path, kind)
        self._files[display_path, kind] = (digest, result)
        return result
