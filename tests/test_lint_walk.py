"""The warnings' quick walk finds exactly the citations the path-making walk finds.

``briefing/validate/warnings.py`` collects cited sources without building a path for
every value, and builds paths only for an incident with a warning to give. Both walks must
see the same citations in any data, of any shape (lint runs on valid data, but nothing in
the walks may rely on it).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.validate.warnings import _citations, _cited_sources

keys = st.sampled_from(["citations", "source", "summary", "claims", "texts", "clauses", "x"])
leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.sampled_from(["source-1", "source-2", ""]))
citation = st.one_of(st.fixed_dictionaries({"source": st.sampled_from(["source-1", "source-2"])}), leaves)
cited = st.fixed_dictionaries({"citations": st.lists(citation, max_size=3)}, optional={"text": leaves})
values = st.recursive(
    leaves | cited,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=values)
def test_the_quick_walk_finds_the_citations_the_path_walk_finds(value: Any) -> None:
    assert Counter(_cited_sources(value)) == Counter(source for _, source in _citations(value, ()))


def test_citations_at_every_depth_are_found() -> None:
    record = {"summary": {"text": "t", "citations": [{"source": "a"}, "junk", {"source": 3}]},
              "claims": [{"citations": [{"source": "b"}], "casualties": [{"citations": [{"source": "c"}]}]}],
              "citations": {"source": "not a list"}, "texts": [{"citations": [{"source": "d"}]}]}
    assert sorted(_cited_sources(record)) == ["a", "b", "c", "d"]
    assert sorted(_cited_sources([record, [record]])) == ["a", "a", "b", "b", "c", "c", "d", "d"]
