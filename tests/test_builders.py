"""Every registered kind has its page builder, found by the kind's name (issue 22.3): a
kind added to the registry without one fails here, not as a site with pages missing."""

from __future__ import annotations

import pkgutil

import pytest
from testdata import REAL_DATA

from briefing import kinds
from briefing.pipeline import load_dataset
from briefing.render import builders
from briefing.render.builders import builder
from briefing.render.plan import SitePlan


@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda kind: kind.name)
def test_every_registered_kind_has_a_builder_with_a_page_and_an_index(kind: kinds.RecordKind) -> None:
    pages = builder(kind)
    assert callable(pages.page) and callable(pages.index)


def test_a_kind_without_a_builder_is_an_error_naming_the_module() -> None:
    with pytest.raises(ModuleNotFoundError, match=r"briefing\.render\.builders\.treaty"):
        builder(kinds.RecordKind("treaty", "treaties", "Treaties"))


def test_a_builder_without_an_index_is_an_error_naming_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.render.builders import party
    monkeypatch.delattr(party, "index")
    with pytest.raises(TypeError, match=r"briefing.render.builders.party must define index\(\)"):
        builder(kinds.BY_NAME["party"])


def test_the_builders_are_the_kinds_and_the_site_wide_pages() -> None:
    modules = {m.name for m in pkgutil.iter_modules(builders.__path__)}
    assert modules == {kind.name for kind in kinds.KINDS} | {"site"}


def test_each_kind_builder_makes_every_page_of_its_kind() -> None:
    plan = SitePlan(load_dataset(REAL_DATA), "site")
    pages = plan.pages()
    for kind in kinds.KINDS:
        records = plan.data.records(kind.plural)
        assert records, kind.name
        assert {kind.page_path(i) for i in records} | {kind.index_path} <= set(pages)
        assert pages[kind.index_path].title
