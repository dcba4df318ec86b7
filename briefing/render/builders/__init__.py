"""Page builders grouped by record kind, found by the kind's name.

Every kind in the registry (:data:`briefing.kinds.KINDS`) has a module here named after it
(``incident`` → :mod:`.incident`) with two functions: ``page(plan, record)``, the context of
one record's page, and ``index(plan)``, the context of the kind's list page; ``plan`` is the
build's shared :class:`briefing.render.planning.Planning`. The site-wide pages (home,
chronology, source debt, removed records, corrections, open data, region-year views) are
planned in :mod:`.site`. A kind without its module is a failing test
(``tests/test_code_structure.py``), not a missing page.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol, cast

from briefing.kinds import RecordKind
from briefing.render.contexts import PageContext
from briefing.render.planning import Planning

#: The package whose modules are the builders, one per kind name.
PACKAGE = __name__


class KindBuilder(Protocol):
    """What a kind's builder module provides."""

    def page(self, plan: Planning, record: Any, /) -> PageContext: ...

    def index(self, plan: Planning, /) -> PageContext: ...


def builder(kind: RecordKind) -> KindBuilder:
    """The builder module of ``kind``: ``briefing.render.builders.<kind.name>``."""
    module = importlib.import_module(f"{PACKAGE}.{kind.name}")
    missing = [name for name in ("page", "index") if not callable(getattr(module, name, None))]
    if missing:
        raise TypeError(f"{module.__name__} must define {' and '.join(missing)}() for the kind {kind.name!r}")
    return cast(KindBuilder, module)
