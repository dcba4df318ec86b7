"""Editor support: the JSON Schemas an editor uses agree with ``python -m briefing check``.

VS Code's YAML extension (yaml-language-server) reads the ``# yaml-language-server:
$schema=...`` comment on each data file's first line and validates with the plain JSON
Schema, resolving ``common.schema.json`` next to it. These tests validate the same way,
with a stock Draft 2020-12 validator reading the files from disk, so a field the editor
accepts is not refused by check, and each invalid fixture fails both.

Checks that a schema cannot express (unknown references, impossible calendar dates,
date order) are only in check, by design; the fixtures here are schema-level mistakes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from testdata import INVALID, DataDir

from briefing.kinds import DATA_FILES
from briefing.load.reader import load_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "briefing" / "schema"
HEADER = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")
SCHEMA_CASES = sorted(p.name for p in INVALID.iterdir() if p.name.startswith("schema-"))


def editor_validator(kind: str) -> Draft202012Validator:
    """A stock validator, as an editor builds it: relative ``$ref``s resolved from the folder."""
    registry: Registry = Registry()
    for path in SCHEMA_DIR.glob("*.schema.json"):
        resource = Resource.from_contents(json.loads(path.read_text("utf-8")), default_specification=DRAFT202012)
        registry = registry.with_resource(path.name, resource)
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def editor_errors(path: Path, kind: str) -> list[Any]:
    loaded, problems = load_text(path.read_text("utf-8"), path.name, kind)
    assert loaded is not None and not problems
    return list(editor_validator(kind).iter_errors(loaded.data))


@pytest.mark.parametrize("kind", DATA_FILES)
def test_each_real_data_file_names_its_schema_on_the_first_line(kind: str) -> None:
    first = (ROOT / "data" / f"{kind}.yaml").read_text("utf-8").splitlines()[0]

    match = HEADER.match(first)
    assert match, first
    assert (ROOT / "data" / match["path"]).resolve() == SCHEMA_DIR / f"{kind}.schema.json"


@pytest.mark.parametrize("kind", DATA_FILES)
def test_the_editor_accepts_the_real_data(kind: str) -> None:
    assert editor_errors(ROOT / "data" / f"{kind}.yaml", kind) == []


def test_the_schema_cases_cover_several_kinds_of_mistake() -> None:
    assert len(SCHEMA_CASES) >= 10


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_an_invalid_fixture_fails_in_the_editor_and_in_check_on_the_same_record(
        case: str, data_dir: DataDir) -> None:
    (fixture,) = (INVALID / case).iterdir()
    kind = fixture.stem

    in_editor = editor_errors(fixture, kind)
    # other files may show knock-on errors (a renamed region is an unknown reference there)
    in_check = [e for e in data_dir.overlay(case).errors() if e.location.file == f"data/{fixture.name}"]

    assert in_editor, f"the editor accepts {case}"
    assert in_check, f"check accepts {case}"
    loaded, _ = load_text(fixture.read_text("utf-8"), fixture.name, kind)
    assert loaded is not None
    editor_records = {loaded.record_id(tuple(error.absolute_path)) for error in in_editor}
    assert {error.record_id for error in in_check} <= editor_records


def test_the_built_site_publishes_the_schemas_at_a_stable_address(real_site: Path) -> None:
    for path in SCHEMA_DIR.glob("*.schema.json"):
        assert (real_site / "schema" / path.name).read_bytes() == path.read_bytes()
