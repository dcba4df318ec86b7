"""How provenance and affiliation are written on a page: the rung of a source, the
kind of a publisher's affiliation, partial dates, paragraph locators.

Pure functions, registered as filters of the site's Jinja environment
(:mod:`.environment`); escaping is the templates' job.
"""

from __future__ import annotations

from briefing.locators import paragraph_sign
from briefing.model.records import partial_date
from briefing.render.text import MONTHS, date_text

#: What each rung of the provenance ladder means, in a reader's words.
RUNG_WORDS = {
    "read": "read in the original",
    "copy": "read in a copy",
    "via": "known through another source",
    "not-located": "not located",
}

#: Kinds of copy (the copy rung, issue 18.5) in a reader's words.
COPY_WORDS = {
    "repost": "a repost on another site",
    "listing": "an excerpt on a listing page",
    "archive": "an archived capture",
    "capture": "a stored capture of the page at its own address",
}

#: Affiliation kinds in a reader's words.
AFFILIATION_WORDS = {
    "state-body": "state body",
    "state-founded": "founded or owned by a state",
    "state-funded": "funded by a state",
    "party-aligned": "aligned with a party",
    "private": "privately owned",
    "independent": "independent",
    "unknown": "affiliation unknown",
}


def rung(code: str) -> str:
    return RUNG_WORDS.get(code, code)


def copy_kind(code: str) -> str:
    return COPY_WORDS.get(code, code)


def affiliation(code: str) -> str:
    return AFFILIATION_WORDS.get(code, code)


def partial_date_text(text: str | None) -> str:
    """``2021`` → ``2021``, ``2021-07`` → ``July 2021``, ``2021-07-14`` → ``14 July 2021``;
    nothing → ``undated``."""
    if not text:
        return "undated"
    day = partial_date(text)
    if day is not None:
        return date_text(day)
    if len(text) == 7:
        return f"{MONTHS[int(text[5:]) - 1]} {text[:4]}"
    return text


__all__ = ["affiliation", "copy_kind", "paragraph_sign", "partial_date_text", "rung"]
