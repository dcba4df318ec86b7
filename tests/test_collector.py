"""The cycle collector is paused while the data is read, and back on afterwards."""

from __future__ import annotations

import gc
import weakref

import pytest
from testdata import INVALID, MINIMAL_DATA

from briefing.errors import DataErrors
from briefing.gc_pause import collector_paused
from briefing.pipeline import check_data, load_dataset


def test_reading_the_data_leaves_the_collector_on_and_the_data_frozen() -> None:
    assert gc.isenabled()
    gc.unfreeze()

    dataset = load_dataset(MINIMAL_DATA)

    assert gc.isenabled()
    assert gc.get_freeze_count() > 0, "what was read is set aside from later collections"
    assert dataset.incidents


def test_a_pause_inside_a_pause_leaves_the_collector_off_until_the_outer_one_ends() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        check_data(MINIMAL_DATA)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_data_with_errors() -> None:
    with pytest.raises(DataErrors):
        load_dataset(INVALID / "duplicate-key")

    assert gc.isenabled()


class _Cycle:
    """A stand-in for what a finished build leaves: objects that refer to each other."""

    def __init__(self) -> None:
        self.me = self


def test_garbage_cycles_left_between_two_builds_are_collected() -> None:
    with collector_paused():
        pass
    leftover = _Cycle()
    alive = weakref.ref(leftover)
    del leftover

    with collector_paused():  # the next build, as in mkdocs serve
        pass
    gc.collect()

    assert alive() is None, "garbage from the build before was frozen and never freed"
