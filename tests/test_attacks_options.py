"""Class 7 of issue 20: an option that passes validation must build.

A map extent a hundred-thousandth of a degree wide passed the option check and then
stopped the build with a ``ZeroDivisionError``. Every option's domain is now checked, not
only its type; and Hypothesis walks the whole option space (each option's near-valid
edges, wrong types, huge and tiny numbers, NaN, infinities, control characters): every
set of options is either refused with the option's name (a :class:`ConfigError`) or
makes the whole site from the minimal data without a traceback.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testdata import MINIMAL_DATA

from briefing.config import ConfigError
from briefing.errors import BriefingError
from briefing.generate import generate
from briefing.mkdocs_adapter.options import BriefingConfig, MapConfig, ScopeConfig, load_options
from briefing.model.records import Dataset
from briefing.pipeline import load_dataset

_DATA: list[Dataset] = []


def dataset() -> Dataset:
    if not _DATA:
        _DATA.append(load_dataset(MINIMAL_DATA))
    return _DATA[0]


def build(raw: dict[str, Any]) -> None:
    """Validate the options; when they pass, make every page and file of the site."""
    try:
        options = load_options(raw)
    except ConfigError:
        return
    try:
        generate(dataset(), options, "Test briefing", "https://example.org/", "A test briefing.")
    except BriefingError:
        return  # a clear, located error (e.g. an introduction citing an unknown source)


@pytest.mark.parametrize("extent", [
    [44.0, 39.0, 44.00001, 39.00001],  # the audit's example: a hundred-thousandth of a degree
    [44.0, 39.0, 44.00001, 41.0], [44.0, 39.0, 47.0, 39.00001],  # a sliver either way
    [179.99, 84.99, 180.0, 85.0], [-180.0, -85.0, -179.99, -84.99],  # corners, tiny
    [0.0, 84.9, 0.05, 85.0],  # 5 km of longitude near the pole is far less across
])
def test_a_map_extent_too_small_to_draw_is_refused_with_its_name(extent: list[float]) -> None:
    with pytest.raises(ConfigError, match=r"extra\.briefing\.map\.extent: must be at least 5 km across and high"):
        load_options({"map": {"extent": extent}})


@pytest.mark.parametrize(("raw", "words"), [
    ({"map": {"extent": [44.0, 39.0, float("nan"), 41.0]}}, "map.extent: must be [west, south, east, north] with"),
    ({"map": {"extent": [44.0, 39.0, 10**400, 41.0]}}, "map.extent: must be [west, south, east, north] with"),
    ({"map": {"locator_km": float("inf")}}, "map.locator_km: must be a number of kilometres"),
    ({"rows_per_part": 10**100}, "rows_per_part: must be a whole number from 10 to 100,000"),
    ({"home_key_points": 10**12}, "home_key_points: must be a whole number from 1 to 1,000"),
    ({"home_title": "Briefing\x1b[2J"}, "home_title: holds a control character"),
    ({"data_dir": "da\x00ta"}, "data_dir: holds a control character"),
    ({"languages": {"en": "English\x00"}}, "languages: the name of 'en' must be text"),
])
def test_every_option_is_checked_against_its_domain(raw: dict[str, Any], words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_options(raw)
    assert words in str(caught.value)
    assert len(str(caught.value)) < 400, "a refused value is shown short"


def test_the_smallest_extent_that_passes_builds() -> None:
    build({"map": {"extent": [44.0, 39.0, 44.0 + 5.01 / (111.195 * math.cos(math.radians(39.0225))), 39.046]}})


# --- the option space, fuzzed -----------------------------------------------------------------

_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
#: Spans of an extent in degrees: slivers (the audit's 1e-5) as often as ordinary ones.
_SPAN = st.sampled_from([1e-9, 1e-5, 1e-3, 0.02, 0.05, 0.1]) | st.floats(1e-9, 3)
_CITATION = st.fixed_dictionaries({"source": st.sampled_from(["source-one", "nobody", ""])},
                                  optional={"locator": st.text(max_size=20), "quote": st.text(max_size=20)})
#: Days of a declared period: any day (the first and last the calendar has among them), as a
#: date, a datetime or text, and text that is almost a day.
_DAY = (st.dates() | st.sampled_from([dt.date.min, dt.date.max, dt.date(2021, 7, 6)])
        | st.datetimes() | st.dates().map(dt.date.isoformat)
        | st.sampled_from(["2021-02-30", "2021-7-6", "20210706", "", "2021-07-06T25:00"]))
#: Each option's values near and across the edges of its domain (the other test adds any value).
_NEAR = {
    "rows_per_part": st.integers(-5, 300) | st.sampled_from([10, 11, 100_000, 100_001, 10**100, 2**63]),
    "home_key_points": st.integers(-5, 60) | st.sampled_from([1, 1_000, 1_001, 10**100]),
    "home_title": st.text(max_size=20),
    "home_intro": st.lists(st.fixed_dictionaries({"text": st.text(max_size=20),
                                                  "citations": st.lists(_CITATION, max_size=2)}), max_size=2),
    "map": st.fixed_dictionaries({}, optional={
        "extent": st.tuples(st.floats(-180, 180), st.floats(-85, 85), _SPAN, _SPAN).map(
            lambda t: [t[0], t[1], t[0] + t[2], t[1] + t[3]]),
        "locator_km": st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([5, 4.999, 2000, 2000.1])}),
    "languages": st.dictionaries(st.sampled_from(["en", "az", "hy", "ru", "x", "en-GB"]) | st.text(max_size=4),
                                 st.none() | st.text(max_size=12), max_size=3),
    "data_dir": st.text(max_size=12),
    "scope": st.fixed_dictionaries({}, optional={
        "start": _DAY, "end": _DAY, "area": st.text(max_size=20), "curated_from": st.text(max_size=20)}),
}
_BY_OPTION = {name: strategy | _ANY for name, strategy in _NEAR.items()}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({}, optional=_NEAR))
def test_options_near_their_edges_are_refused_by_name_or_build(raw: dict[str, Any]) -> None:
    build(raw)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({}, optional=_BY_OPTION))
def test_any_options_are_refused_by_name_or_build(raw: dict[str, Any]) -> None:
    build(raw)


def test_the_fuzzing_covers_every_option() -> None:
    """An option added to the declarations must be added to the fuzzing too."""
    assert set(_BY_OPTION) == {name for name, _ in BriefingConfig._schema}
    assert {name for name, _ in MapConfig._schema} == {"extent", "locator_km"}
    assert {name for name, _ in ScopeConfig._schema} == {"start", "end", "area", "curated_from"}
