"""mkdocs serve reads again only the records whose text changed, with the reader's results."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.load import reader
from briefing.load.cache import LoadCache

REAL = Path(__file__).resolve().parent.parent / "data" / "incidents.yaml"


def _edited(raw: bytes, old: bytes, new: bytes) -> bytes:
    assert raw.count(old) == 1
    return raw.replace(old, new)


def test_an_edit_parses_only_the_record_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = LoadCache()
    raw = REAL.read_bytes()
    first, _ = cache.parse(raw, "data/incidents.yaml", "incidents")
    calls: list[str] = []
    real_load_text = reader.load_text
    monkeypatch.setattr(reader, "load_text", lambda text, *a, **k: calls.append(text) or real_load_text(text, *a, **k))

    edited = _edited(raw, b"title: Clash reported in the Tovuz direction", b"title: Clash reported near Tovuz")
    again, errors = cache.parse(edited, "data/incidents.yaml", "incidents")

    assert errors == [] and again is not None and first is not None
    assert len(calls) == 1 and "id: 2021-07-07-tovuz" in calls[0]
    assert again.data == reader.load_bytes(edited, "data/incidents.yaml", "incidents")[0].data  # type: ignore[union-attr]
    unchanged = [i for i, record in enumerate(first.data) if record["id"] != "2021-07-07-tovuz"]
    assert all(again.data[i] is first.data[i] for i in unchanged), "unchanged records keep their objects"


def test_positions_in_an_incrementally_read_file_are_the_readers() -> None:
    cache = LoadCache()
    raw = REAL.read_bytes()
    cache.parse(raw, "data/incidents.yaml", "incidents")
    edited = _edited(raw, b"title: Clash reported in the Tovuz direction", b"title: Clash reported near Tovuz")
    again, _ = cache.parse(edited, "data/incidents.yaml", "incidents")
    full, _ = reader.load_text(edited.decode(), "data/incidents.yaml", "incidents", fast=False)
    assert again is not None and full is not None
    for path in [(0, "id"), (1, "title"), (3, "claims", 1, "citations", 0, "source"), (6, "summary", "text")]:
        assert again.location(path) == full.location(path), path


def test_an_edit_with_a_problem_gets_the_readers_messages() -> None:
    cache = LoadCache()
    raw = REAL.read_bytes()
    cache.parse(raw, "data/incidents.yaml", "incidents")
    broken = _edited(raw, b"title: Clash reported in the Tovuz direction", b"title: Clash\n  title: twice")

    assert cache.parse(broken, "data/incidents.yaml", "incidents")[1] == \
        reader.load_bytes(broken, "data/incidents.yaml", "incidents")[1] != []
