"""Step 2a of the data flow: the JSON Schema layer of validation.

The JSON Schemas shipped in ``briefing/schema/`` say what each record may hold (types,
required and unknown fields, id and date formats); editors use the same files to check
data while it is typed. This module turns each schema violation into a message an analyst
can act on, at the line and column of the value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from briefing.errors import DataError
from briefing.errors import shorten as _shorten
from briefing.load.reader import JsonPath, LoadedFile
from briefing.validate import fast_schema
from briefing.validate.schema_files import schemas

if TYPE_CHECKING:  # jsonschema is imported only when a file must be explained (start-up time)
    from jsonschema.exceptions import ValidationError

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}


def _whole_string_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """``pattern`` as editors (JavaScript) read it: ``$`` is the very end of the text.

    Python's ``$`` also matches before a final newline, which would let ``"id\n"`` pass.
    """
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not re.search(re.sub(r"\$$", r"\\Z", pattern), instance):
        yield ValidationError(f"{_shorten(instance)!r} does not match {pattern!r}")


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a JSON value; ``True`` and ``1`` stay different, as JSON has it."""
    if isinstance(value, dict):
        return frozenset((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return (type(value) is bool, value)


def _unique_items(validator: Any, unique: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """``uniqueItems`` in linear time. jsonschema's own falls back to comparing every pair
    when items cannot be sorted (a list of mappings), which made a long list of them cost
    its square."""
    from jsonschema.exceptions import ValidationError

    if unique and isinstance(instance, list) and len({_frozen(item) for item in instance}) < len(instance):
        yield ValidationError("has non-unique elements")


def _is_integer(checker: Any, instance: Any) -> bool:
    """A whole number as written: ``5``, not ``5.0``. JSON Schema counts ``5.0`` as an
    integer, but a figure written with a decimal point is a typing slip, and the CSV
    exports promise integers (their Frictionless schema says so)."""
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def _validator_class() -> Any:
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator, {"pattern": _whole_string_pattern, "uniqueItems": _unique_items},
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
    )


@cache
def _validator(kind: str) -> Any:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry: Registry = Registry()
    for name, contents in schemas().items():
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        registry = registry.with_resource(f"{name}.schema.json", resource)
    return _validator_class()(schemas()[kind], registry=registry)


def schema_errors(file: LoadedFile) -> Iterator[DataError]:
    # the common case, much faster (see fast_schema.py); the compiled check counts 5.0 as
    # an integer, so a file with such a figure takes the explaining path
    if fast_schema.is_valid(file.kind, file.data) and not fast_schema.floats_for_integers(file.kind, file.data):
        return
    too_long: dict[JsonPath, tuple[int, str, str | None]] = {}
    for error in _validator(file.kind).iter_errors(file.data):
        if error.validator == "maxLength":  # a title is over the limit of titles and maybe of texts: the smaller
            for path, message, hint, _code in _explain(error):
                if path not in too_long or error.validator_value < too_long[path][0]:
                    too_long[path] = (error.validator_value, message, hint)
            continue
        if error.validator == "uniqueItems" and isinstance(error.instance, list) and any(
                file.is_refused((*error.absolute_path, i)) for i in range(len(error.instance))):
            continue  # refused entries were read as empty values: they are not repeats
        for path, message, hint, code in _explain(error):
            if not file.is_refused(path):  # the loader reported this value already
                yield DataError(file.location(path), message, file.record_id(path), hint, code=code)
    for path, (_limit, message, hint) in too_long.items():
        if not file.is_refused(path):
            yield DataError(file.location(path), message, file.record_id(path), hint, code="too-long")


def field_name(path: JsonPath) -> str:
    """``(3, 'claims', 0, 'text')`` → ``claims[0].text`` (the part inside the record)."""
    name = ""
    for part in path[1:] if path and isinstance(path[0], int) else path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "record"


Explained = Iterator[tuple[JsonPath, str, "str | None", str]]


def _explain(error: ValidationError) -> Explained:
    """Turn one jsonschema error into messages an analyst can act on, each with its code
    (a schema's own ``x-code`` where it gives an ``x-message``)."""
    path: JsonPath = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    checked = schema.get("x-checked")
    if checked is True or (isinstance(checked, list) and error.validator in checked):
        return  # explained by the provenance rules (briefing/validate/provenance.py), in one sentence
    explain = _EXPLAINERS.get(str(error.validator))
    if explain is not None:
        found = list(explain(error, path, field_name(path), schema))
        if found or error.validator in _ONLY_HERE:
            yield from found
            return
    if "x-message" in schema:
        yield from _x_message(error, path, field_name(path), schema)
    elif error.validator == "minItems":
        yield path, f"{field_name(path)} must not be empty", None, "empty"
    else:
        yield path, f"{field_name(path)}: {error.message}", None, "schema"


def _unknown_fields(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    value = error.instance
    if not isinstance(value, dict):
        return
    allowed = sorted(schema.get("properties", {}))
    for key in sorted(set(value) - set(allowed)):
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint: str | None = f"did you mean {close[0]!r}?" if close else f"allowed fields: {', '.join(allowed)}"
        yield (*path, key), f"unknown field {key!r}", hint, "unknown-field"


#: What to do about a source without its rung (an imported one has none until an editor states it).
PROVENANCE_HINT = ("state how the team knows this source: provenance: read (with accessed), via (with via) or "
                   "not-located (with searched); an import cannot know it")


def _required(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    # jsonschema reports one error per missing field; the field is the first word
    key = error.message.split(" is a required property")[0].strip("'\"")
    message = f"{field}: missing required field {key!r}" if path[1:] else f"missing required field {key!r}"
    # a statement with no citations is uncited, however it is written (no field, or [])
    hint = PROVENANCE_HINT if key == "provenance" else None
    yield path, message, hint, "uncited" if key == "citations" else "missing-field"


def _dependent(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    value = error.instance
    if not isinstance(value, dict):
        return
    for key, needed in schema.get("dependentRequired", {}).items():
        missing = [other for other in needed if other not in value]
        if key in value and missing and f"{missing[0]!r} is a dependency of {key!r}" == error.message:
            yield ((*path, key), f"{key!r} is given without {missing[0]!r}",
                   f"add {missing[0]!r} to say how {key!r} was derived", "missing-field")


def _type(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    value = error.instance
    if not path:
        yield path, f"the file must hold a list of records (each starting with '- id:'), not {_describe(value)}", \
            None, "not-a-list"
        return
    expected: Any = error.validator_value
    words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in (expected if isinstance(expected, list) else [expected]))
    hint = "put the value in quotes" if expected == "string" else None
    if expected == "integer" and isinstance(value, float) and value.is_integer():
        hint = f"write {int(value)}, without the decimal point"
    yield path, f"{field} must be {words}, not {_describe(value)}", hint, "wrong-type"


def _enum(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    options = [str(o) for o in error.validator_value]
    close = difflib.get_close_matches(str(_shorten(str(error.instance))), options, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else None
    yield path, f"{field}: {_shorten(error.instance)!r} is not one of: {', '.join(options)}", hint, "not-an-option"


def _max_length(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    if isinstance(error.instance, str):
        yield path, (f"{field} is {len(error.instance):,} characters long, over the limit of "
                     f"{error.validator_value:,}"), "shorten it; the full text belongs in the cited source", "too-long"


def _unique(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    yield path, f"{field} lists the same value twice", "remove the repeated entry", "repeated-value"


def _range(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    low, high = schema.get("minimum"), schema.get("maximum")
    bounds = f"between {low} and {high}" if low is not None and high is not None else (
        f"at least {low}" if low is not None else f"at most {high}")
    yield path, f"{field} is {error.instance}, out of range: it must be {bounds}", None, "out-of-range"


def _x_message(error: ValidationError, path: JsonPath, field: str, schema: dict[str, Any]) -> Explained:
    value = error.instance
    shown = f" {_shorten(value)!r}" if isinstance(value, str) and error.validator != "minItems" else ""
    hint = _X_HINTS.get(str(schema.get("x-code")))
    if error.validator == "pattern" and schema.get("pattern", "").startswith("^[a-z0-9]") and isinstance(value, str):
        hint = f"for example {_shorten(slugify(value))!r}"
    yield path, f"{field}{shown} {schema['x-message']}", hint, schema.get("x-code", "schema")


#: Hints for the schema rules that state their own message (``x-message``), by ``x-code``.
_X_HINTS = {
    "not-http-url": "give the full address, e.g. https://example.org/page",
}


#: How each kind of schema error is explained; a kind not here (or an explainer that has
#: nothing to say, outside _ONLY_HERE) falls back on the schema's x-message, then on
#: jsonschema's own words.
_EXPLAINERS = {
    "additionalProperties": _unknown_fields, "required": _required, "dependentRequired": _dependent,
    "type": _type, "enum": _enum, "maxLength": _max_length, "uniqueItems": _unique,
    "minimum": _range, "maximum": _range,
}
#: Kinds whose explainer has the last word, even when it yields nothing.
_ONLY_HERE = frozenset({"required", "dependentRequired", "type", "enum", "uniqueItems", "minimum", "maximum"})


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_shorten(value)!r}"
    if value is None:
        return "an empty value"
    return "a list" if isinstance(value, list) else "a mapping"


def slugify(text: str) -> str:
    """A lowercase slug suggestion for an invalid id."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "new-id"

