"""A compiled JSON Schema check that answers "is this file valid?" fast.

``jsonschema`` walks the schema for every value and resolves ``$ref`` each time; at scale
that is most of ``python -m briefing check`` (benchmarks/NOTES.md). Valid data is
the common case, so each file is first checked by a validator that ``fastjsonschema``
compiles to Python code. Only when it finds a problem does :mod:`briefing.validate` run
``jsonschema`` on the file, for its complete, well-explained list of errors.

``fastjsonschema`` implements draft 7, the shipped schemas are draft 2020-12. The
compiled copy is therefore translated: every ``$ref`` is replaced by the schema it points
to (kept beside the ref's own keywords in an ``allOf``, as 2020-12 applies both), and
``dependentRequired`` becomes draft 7's ``dependencies``. Both libraries then read the
same rules; ``fastjsonschema`` turns a final ``$`` in a ``pattern`` into ``\\Z``, like
:func:`briefing.validate._whole_string_pattern`. A keyword the translation does not
know is refused when the compiled copy is built (:data:`KNOWN`), so a new schema keyword
cannot be silently skipped; tests/test_fastcheck.py checks that both agree on every
invalid fixture.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

import fastjsonschema

from briefing.validate.schema_files import schemas

#: Keywords both validators read the same way once translated. Anything else in a schema
#: makes :func:`compiled` fail loudly rather than check less than ``jsonschema`` does.
KNOWN = frozenset({
    "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "examples", "default",
    "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minimum", "maximum",
    "pattern", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "if", "then", "else",
    "allOf", "anyOf", "oneOf", "not", "dependentRequired", "format",
})

#: Keywords whose value is a map of names to schemas, or a schema: where to recurse.
_SCHEMA_MAPS = {"properties", "$defs"}
_SCHEMA_VALUES = {"items", "additionalProperties", "if", "then", "else", "not"}
_SCHEMA_LISTS = {"allOf", "anyOf", "oneOf"}
#: Keywords that check nothing (a property may still be *named* like one: those are under
#: "properties", whose names are never taken for keywords).
_ANNOTATIONS = {"title", "description", "examples"}


def _resolve(ref: str, here: str, schemas: Mapping[str, Any]) -> tuple[Any, str]:
    file, _, pointer = ref.partition("#")
    name = file.removesuffix(".schema.json") if file else here
    target = schemas[name]
    for part in filter(None, pointer.split("/")):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return target, name


def _translate(schema: Any, here: str, schemas: Mapping[str, Any], depth: int = 0) -> Any:
    """The draft-7 copy of ``schema`` (from the file ``here``), every ``$ref`` inlined."""
    if depth > 50:
        raise ValueError("the schemas refer to each other in a cycle; they cannot be inlined")
    if not isinstance(schema, dict):
        return schema
    unknown = {key for key in schema if not key.startswith("x-")} - KNOWN  # x-*: our annotations
    if unknown:
        raise ValueError(f"schema keyword(s) {sorted(unknown)} not supported by the fast check")
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in ("$schema", "$id", "$defs", "$comment", "format") or key.startswith("x-"):
            continue  # definitions are inlined where used; formats are not asserted (as in jsonschema)
        if key in _ANNOTATIONS:
            continue  # words for editors: left out (the generated code was a quarter smaller)
        if key == "$ref":
            target, name = _resolve(value, here, schemas)
            out.setdefault("allOf", []).append(_translate(target, name, schemas, depth + 1))
        elif key == "dependentRequired":
            out["dependencies"] = copy.deepcopy(value)
        elif key == "const":  # the same check; fastjsonschema cannot compile const without detailed exceptions
            out.setdefault("allOf", []).append({"enum": [copy.deepcopy(value)]})
        elif key in _SCHEMA_MAPS:
            out[key] = {name: _translate(sub, here, schemas, depth + 1) for name, sub in value.items()}
        elif key in _SCHEMA_VALUES:
            out[key] = _translate(value, here, schemas, depth + 1)
        elif key in _SCHEMA_LISTS:
            out.setdefault(key, []).extend(_translate(sub, here, schemas, depth + 1) for sub in value)
        else:
            out[key] = copy.deepcopy(value)
    return out


@cache
def compiled(kind: str) -> Callable[[Any], Any]:
    """The compiled validator of one data file kind; raises on invalid data."""
    draft7 = _translate(schemas()[kind], kind, schemas())
    draft7["$schema"] = "http://json-schema.org/draft-07/schema#"
    # no detailed exceptions: is_valid only needs the verdict, and without the messages the
    # generated code is half the size and compiles in a third of the time
    return fastjsonschema.compile(draft7, use_formats=False, detailed_exceptions=False)


def _integer_slots(schema: Any) -> dict[str, Any]:
    """Where a schema (draft-7, refs inlined) expects integers, as a tree pruned to them:
    ``{"int": True}`` at an integer, ``"props"`` by field name, ``"items"`` for list items."""
    slots: dict[str, Any] = {}
    if not isinstance(schema, dict):
        return slots
    kind = schema.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
        slots["int"] = True
    parts = [*schema.get("allOf", []), *schema.get("anyOf", []), *schema.get("oneOf", []),
             schema.get("then"), schema.get("else")]
    for part in parts:
        _merge(slots, _integer_slots(part))
    for name, sub in (schema.get("properties") or {}).items():
        found = _integer_slots(sub)
        if found:
            _merge(slots.setdefault("props", {}).setdefault(name, {}), found)
    if isinstance(schema.get("items"), dict):
        found = _integer_slots(schema["items"])
        if found:
            _merge(slots.setdefault("items", {}), found)
    return slots


def _merge(into: dict[str, Any], more: dict[str, Any]) -> None:
    for key, value in more.items():
        if key == "int":
            into["int"] = True
        elif key == "props":
            for name, sub in value.items():
                _merge(into.setdefault("props", {}).setdefault(name, {}), sub)
        else:
            _merge(into.setdefault(key, {}), value)


@cache
def _slots(kind: str) -> dict[str, Any]:
    return _integer_slots(_translate(schemas()[kind], kind, schemas()))


def _has_float(slots: dict[str, Any], value: Any) -> bool:
    # plain loops, no generators: this runs for every record of every check
    kind = type(value)
    if kind is float:
        return bool(slots.get("int"))
    if kind is dict:
        props = slots.get("props")
        if props is not None:
            for name, sub in props.items():
                item = value.get(name)
                if item is not None and _has_float(sub, item):
                    return True
    elif kind is list:
        items = slots.get("items")
        if items is not None:
            for item in value:
                if _has_float(items, item):
                    return True
    return False


def floats_for_integers(kind: str, data: Any) -> bool:
    """Whether a number with a decimal point (``5.0``) stands where ``kind``'s schema asks
    for an integer. Both validators count ``5.0`` as an integer (JSON does); the briefing
    does not (see validate.schema). Only the branches of the data that can hold an
    integer are visited: a few fields per record."""
    return _has_float(_slots(kind), data)


def is_valid(kind: str, data: Any) -> bool:
    """Whether ``data`` passes the schema of ``kind`` (no explanation: see validate.py)."""
    try:
        compiled(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
