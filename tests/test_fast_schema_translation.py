"""The compiled schema check without detailed exceptions still agrees with jsonschema.

``fast_schema`` compiles without error messages (half the code, a third of the compile
time) and so translates ``const`` into a one-value ``enum``. The real ``removed.yaml`` is
empty, so the mutation test of ``test_fastcheck.py`` never meets the schema's one
``const`` (``action: merged`` requires ``replaced_by``): these records do.
"""

from __future__ import annotations

from test_fastcheck import _full_verdict, _mutations

from briefing.validate import fast_schema

MERGED = {"id": "2021-07-08-agdam", "kind": "incident", "removed": "2021-08-01", "action": "merged",
          "replaced_by": "2021-07-06-agdam", "reason": "Reported twice."}
DELETED = {"id": "2021-07-09-agdam", "kind": "incident", "removed": "2021-08-01", "action": "deleted",
           "reason": "Not an incident."}


def test_const_is_checked_alike_on_every_mutation_of_removed_records() -> None:
    checked = 0
    for data in ([MERGED, DELETED], [{**DELETED, "action": "merged"}], [{**MERGED, "action": "deleted"}]):
        for what, changed in [("as is", data), *_mutations(data, len(data))]:
            assert fast_schema.is_valid("removed", changed) == _full_verdict("removed", changed), what
            checked += 1
    assert checked > 100
    assert not fast_schema.is_valid("removed", [{**DELETED, "action": "merged"}])  # merged needs replaced_by


def test_const_becomes_a_one_value_enum() -> None:
    translated = fast_schema._translate({"properties": {"action": {"const": "merged"}}}, "removed", {})
    assert translated == {"properties": {"action": {"allOf": [{"enum": ["merged"]}]}}}
