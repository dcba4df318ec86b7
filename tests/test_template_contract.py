"""The template contract: each page template uses exactly what its context declares.

``briefing/render/contexts.py`` declares one context class per page kind; its fields are
the only names the template may use besides ``page`` and the environment's filters and
globals. Like Datasette's ``test_template_context.py``, these tests read the templates
themselves (Jinja's AST) and the contexts the real site is built from, so a template that
starts using an undeclared name, or a declared field that no template uses any more,
fails here instead of at a reader's page.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest
from jinja2 import meta, nodes
from testdata import REAL_DATA

from briefing.pipeline import load_dataset
from briefing.render import contexts
from briefing.render.contexts import PageContext
from briefing.render.environment import site_environment
from briefing.render.plan import SitePlan

TEMPLATES = Path(__file__).resolve().parent.parent / "briefing" / "templates"
PAGE_KINDS = sorted((cls for cls in vars(contexts).values()
                     if isinstance(cls, type) and issubclass(cls, PageContext) and cls is not PageContext),
                    key=lambda cls: cls.__name__)
#: Fields of every context: the renderer and the shared partials use them.
COMMON = {f.name for f in dataclasses.fields(PageContext)}


@cache
def _ast(name: str) -> nodes.Template:
    env = site_environment()
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    return env.parse(source)


def _names(name: str) -> set[str]:
    return set(meta.find_undeclared_variables(_ast(name)))


@cache
def _included(name: str) -> frozenset[str]:
    """Every template ``name`` includes, directly or through others. An include whose name
    is a variable (a list's ``table`` partial) stands for every partial."""
    found: set[str] = set()
    todo = [name]
    while todo:
        for child in meta.find_referenced_templates(_ast(todo.pop())):
            children = [child] if child else sorted(f"partials/{p.name}" for p in (TEMPLATES / "partials").glob("*.j2"))
            for template in children:
                if template not in found:
                    found.add(template)
                    todo.append(template)
    return frozenset(found)


def _fields(cls: type[PageContext]) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_every_page_kind_has_its_template() -> None:
    assert PAGE_KINDS
    for cls in PAGE_KINDS:
        assert (TEMPLATES / cls.template).is_file(), f"{cls.__name__}: no template {cls.template}"


@pytest.mark.parametrize("cls", PAGE_KINDS, ids=lambda cls: cls.__name__)
def test_a_page_template_uses_only_what_its_context_declares(cls: type[PageContext]) -> None:
    allowed = _fields(cls) | {"page"} | set(site_environment().globals)
    assert _names(cls.template) - allowed == set(), f"{cls.template} uses undeclared names"


@pytest.mark.parametrize("cls", PAGE_KINDS, ids=lambda cls: cls.__name__)
def test_every_declared_field_is_used_by_the_page(cls: type[PageContext]) -> None:
    used = _names(cls.template).union(*(_names(t) for t in _included(cls.template)))
    assert _fields(cls) - COMMON - used == set(), f"{cls.__name__} declares fields {cls.template} never uses"


def test_every_template_is_some_page_s_or_included() -> None:
    reachable = {cls.template for cls in PAGE_KINDS}
    reachable |= set().union(*(_included(t) for t in list(reachable)))
    on_disk = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.glob("*/*.j2")}
    drawn_by_code = {t for t in on_disk if t.startswith(("files/", "cli/"))}
    assert on_disk - reachable - drawn_by_code == set(), "templates nothing renders"


def test_the_real_site_is_built_from_every_kind_of_context() -> None:
    plan = SitePlan(load_dataset(REAL_DATA), "site", rows_per_part=10)  # small parts: lists split too
    made = {type(context) for context in plan.pages().values()}
    assert set(PAGE_KINDS) - made == set()


def test_the_template_guide_names_every_context_field() -> None:
    guide = (TEMPLATES / "README.md").read_text(encoding="utf-8")
    for cls in PAGE_KINDS:
        assert f"`{cls.template}`" in guide, cls.template
        for name in _fields(cls) - COMMON:
            assert f"`{name}`" in guide, f"{cls.template}: field {name} is not described"
