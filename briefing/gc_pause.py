"""Python's cycle collector, kept out of the way while the data is read and the site made.

Reading 10,000 incidents builds millions of small containers (the YAML node tree, the
records, the model), all alive until the step ends. The cycle collector wakes every few
hundred allocations and rescans the survivors again and again, so at scale pausing it
saves most of ``python -m briefing check``'s time, the code otherwise the same
(benchmarks/NOTES.md has the numbers). None of this data holds reference cycles, so
reference counting alone frees it.

:func:`collector_paused` turns the collector off for a step and, at the end, *freezes*
what is alive (``gc.freeze``: moved aside, no longer rescanned, still freed by reference
counting) so that the MkDocs build that follows does not rescan the dataset either. The
next pause first collects what is not frozen (in ``mkdocs serve``: what the last build's
MkDocs part left, pages and files that refer to each other), so that garbage is never
frozen. The frozen data itself holds no reference cycles (records, contexts and views
refer one way), so reference counting frees it when a later build drops it; it is not
put back for a full collection, which at 10,000 incidents would rescan millions of
objects on every rebuild.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off; freeze what is alive at the end."""
    if not gc.isenabled():  # an enclosing pause (or the caller) already has it off
        yield
        return
    if gc.get_freeze_count():
        # A process that builds again (``mkdocs serve``): what the last build left behind
        # would be frozen, with any garbage cycles in it, before a collection ever saw it.
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
