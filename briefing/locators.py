"""How a citation's locator (where in the source: ``paragraph 2``) is written short.

Shared by the checks (:mod:`briefing.validate.warnings` names the citing paragraph of a
source known only second-hand) and the pages (:mod:`briefing.render.provenance_text`),
so it sits outside both stages.
"""

from __future__ import annotations


def paragraph_sign(locator: str) -> str:
    """``paragraph 2`` → ``¶2``, ``paragraphs 1-2`` → ``¶1-2``; other locators as written."""
    words = locator.split(maxsplit=1)
    if len(words) == 2 and words[0].casefold() in ("paragraph", "paragraphs", "para.", "para"):
        return f"¶{words[1]}"
    return locator
