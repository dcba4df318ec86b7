"""Step 4 of the data flow: records → Markdown pages, through Jinja templates.

Layouts live in ``briefing/templates/*.md.j2`` where an editor can change them. This
module only supplies what templates need: the records, relative links between pages,
numbered citations, and escaping.

Data text is untrusted. Every ``{{ value }}`` a template prints is escaped for Markdown
and HTML by default (see :func:`escape_markdown`), so a claim containing ``<script>``,
``[x](javascript:...)`` or ``{: onclick=...}`` reaches the reader as the literal text.
Only values built here as :class:`Md` (links, footnote references) pass through as
Markdown.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from briefing.model.links import Links
from briefing.model.records import Citation, Clause, Dataset, Record, Source
from briefing.render.charts import MAX_MARKS
from briefing.render.listing import Listing, split
from briefing.render.visuals import Visuals

#: Where each kind of record gets its page; ids are validated slugs, so these are safe paths.
FOLDERS = {
    "incident": "incidents",
    "region": "regions",
    "agreement": "agreements",
    "clause": "clauses",
    "milestone": "milestones",
    "source": "sources",
    "party": "parties",
}


class Md(str):
    """Markdown built by this module from trusted parts: printed without escaping."""

    __slots__ = ()


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


@lru_cache(maxsize=1 << 16)
def escape_markdown(text: str) -> Md:
    """Make text inert: HTML characters become entities, Markdown syntax is backslashed,
    and all runs of white space become one space (no line can start a block).

    Cached: a title is escaped once, not once for every listing row that links to it."""
    text = re.sub(r"\s+", " ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return Md(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Md):
        return value
    return escape_markdown(str(value))


def paragraphs(text: str) -> list[Md]:
    """Block text split at blank lines, each paragraph escaped."""
    return [escape_markdown(p.strip()) for p in re.split(r"\n\s*\n", str(text)) if p.strip()]


def blockquote(text: str) -> Md:
    """Block text as a Markdown blockquote, paragraph by paragraph."""
    return Md("\n>\n".join(f"> {p}" for p in paragraphs(text)))


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def date_text(day: dt.date | None, precision: str = "day", end: dt.date | None = None) -> str:
    """A date as readers write it, saying no more than the data knows.

    ``week`` and ``month`` precision never show a day that was not reported.
    """
    if day is None:
        return ""
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if end and end != day:
        if (end.year, end.month) == (day.year, day.month):
            text = f"{day.day}–{end.day} {MONTHS[day.month - 1]} {day.year}"
        else:
            text = f"{text} – {date_text(end)}"
    return f"week of {text}" if precision == "week" else text


def iso_date(record: Any) -> str:
    """A record's date for sortable tables: ISO order, no more precise than the data."""
    if record.date_precision == "month":
        return record.date.strftime("%Y-%m")
    text = record.date.isoformat()
    end = getattr(record, "date_end", None)
    if end and end != record.date:
        text += f" – {end.isoformat()}"
    return f"{text} (week)" if record.date_precision == "week" else text


#: Names of the languages sources and place names commonly use here; other codes show as given.
LANGUAGES = {"en": "English", "az": "Azerbaijani", "hy": "Armenian", "ru": "Russian", "tr": "Turkish",
             "ka": "Georgian", "fa": "Persian", "fr": "French", "de": "German"}


def language(code: str) -> str:
    """``hy`` → ``Armenian``; an unknown code is shown as it is."""
    return LANGUAGES.get(code.split("-")[0], code)


def words(code: str) -> str:
    """A data code shown as words: ``exchange-of-fire`` → ``exchange of fire``."""
    return str(code).replace("-", " ")


def page_title(text: str) -> Md:
    """A page title for the YAML front matter, HTML-escaped.

    The theme prints ``page.meta.title`` into ``<title>`` and the header without
    escaping, so it must arrive escaped; without it, MkDocs would take the title from
    the heading and the theme's ``striptags`` would turn ``&lt;`` back into ``<``.
    """
    return Md(json.dumps(html.escape(re.sub(r"\s+", " ", str(text)).strip()), ensure_ascii=False))


def external_url(url: str) -> Md:
    """A validated http(s) URL made safe inside a Markdown link target."""
    return Md(quote(url, safe="/:?#[]@!$&'*+,;=%~-._"))


@dataclass
class Footnote:
    number: int
    citation: Citation
    source: Source


@dataclass
class Footnotes:
    """The numbered citations of one page, in order of first use."""

    sources: Any
    notes: list[Footnote] = field(default_factory=list)
    _numbers: dict[Citation, int] = field(default_factory=dict)

    def ref(self, citations: Iterable[Citation]) -> Md:
        refs = []
        for citation in citations:
            number = self._numbers.get(citation)
            if number is None:
                number = self._numbers[citation] = len(self.notes) + 1
                self.notes.append(Footnote(number, citation, self.sources[citation.source_id]))
            refs.append(f"[^{number}]")
        return Md("".join(refs))

    def cited_sources(self) -> list[Source]:
        seen: dict[str, Source] = {}
        for note in self.notes:
            seen.setdefault(note.source.id, note.source)
        return sorted(seen.values(), key=lambda s: (s.publisher.casefold(), s.published, s.id))


def page_path(record: Record) -> str:
    return f"{FOLDERS[record.kind]}/{record.id}.md"


@lru_cache(maxsize=1 << 18)
def _relative(target_path: str, here: str) -> str:
    """The link from a page in folder ``here`` to ``target_path``; cached because listings
    link the same few thousand pages from every part (``relpath`` is slow)."""
    return posixpath.relpath(target_path, here or ".")


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def removed_anchor(kind: str, record_id: str) -> str:
    """The anchor of a removed id's row on ``removed.html``: ``removed-incident-some-id``."""
    if not (_SLUG.fullmatch(kind) and _SLUG.fullmatch(record_id)):  # validated slugs; never markup
        raise ValueError(f"not a slug: {kind!r}, {record_id!r}")
    return f"removed-{kind}-{record_id}"


def _row_anchor(kind: str, record_id: str) -> Md:
    return Md(f'<span id="{removed_anchor(kind, record_id)}"></span>')


class Renderer:
    """Renders every page of the site from a :class:`Dataset`."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.links = Links(data)
        self.env = Environment(
            loader=PackageLoader("briefing", "templates"),
            finalize=_finalize,
            autoescape=False,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            date_text=date_text, iso_date=iso_date, words=words, language=language, page_title=page_title, blockquote=blockquote, paragraphs=paragraphs,
            url=external_url,
        )
        self.env.globals.update(data=data, links=self.links, MONTHS=MONTHS, row_anchor=_row_anchor,
                                MAX_MARKS=MAX_MARKS)
        self.visuals = Visuals(data, self.links)
        self.env.globals.update(visuals=self.visuals)
        self._pending: list[tuple[str, dict[str, Any]]] = []

    def render_page(self, template: str, path: str, **context: Any) -> str:
        """Render one page; ``path`` is its place in the site, for relative links."""
        here = posixpath.dirname(path)
        footnotes = Footnotes(self.data.sources)

        def href(target: Record | str) -> Md:
            target_path = target if isinstance(target, str) else page_path(target)
            return Md(_relative(target_path, here))

        def link(target: Record, text: str | None = None) -> Md:
            label = escape_markdown(text if text is not None else target.title)
            return Md(f"[{label}]({href(target)})")

        def party(party_id: str) -> str:
            return self.data.parties[party_id].name

        def link_all(records: Iterable[Record], separator: str = ", ") -> Md:
            return Md(separator.join(link(r) for r in records))

        def parties(ids: Iterable[str]) -> Md:
            return link_all(self.data.parties[i] for i in ids)

        def regions(ids: Iterable[str]) -> Md:
            return link_all(self.data.regions[i] for i in ids)

        def trail(region_id: str) -> Md:
            """A region and the larger regions containing it: Shusha › Shusha district › ..."""
            region = self.data.regions[region_id]
            return link_all([region, *self.links.ancestors(region_id)], " › ")

        def clause_label(clause: Clause) -> Md:
            return Md(f"{link(clause)} of {link(self.data.agreements[clause.agreement_id])}")

        def record_of(kind: str, record_id: str) -> Record:
            records: Mapping[str, Record] = getattr(self.data, FOLDERS[kind])
            return records[record_id]

        def paginate(rows: Iterable[Any], table: str, title: str, key: str | None = None) -> Listing:
            """Split a long list (see :mod:`briefing.listing`); the parts after the first are
            queued as pages of their own, rendered by ``listing_part.md.j2`` with ``table``."""
            listing = split(rows, path, key)
            for part in listing.parts[1:]:
                self._pending.append((part.path, {"listing": listing, "part": part, "table": table,
                                                   "title": title, "first_page": path}))
            return listing

        markdown = self.env.get_template(template).render(
            record_of=record_of, href=href, link=link, cite=footnotes.ref, footnotes=footnotes, party=party, parties=parties,
            regions=regions, trail=trail, clause_label=clause_label, link_all=link_all, paginate=paginate, **context
        )
        return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"

    def pages(self) -> dict[str, str]:
        """Every generated page, by its path in the docs folder, in a stable order."""
        data = self.data
        pages: dict[str, str] = {}
        kinds: list[tuple[str, Iterable[Record]]] = [
            ("incident", data.incidents.values()),
            ("region", data.regions.values()),
            ("agreement", data.agreements.values()),
            ("clause", data.clauses.values()),
            ("milestone", data.milestones.values()),
            ("source", data.sources.values()),
            ("party", data.parties.values()),
        ]
        for kind, records in kinds:
            for record in records:
                path = page_path(record)
                pages[path] = self.render_page(f"{kind}.md.j2", path, record=record)
            index = f"{FOLDERS[kind]}/index.md"
            pages[index] = self.render_page(f"{FOLDERS[kind]}_index.md.j2", index)
        pages["chronology.md"] = self.render_page("chronology.md.j2", "chronology.md")
        pages["removed.md"] = self.render_page("removed.md.j2", "removed.md")
        pages["corrections.md"] = self.render_page("corrections.md.j2", "corrections.md")
        for region, year, path in self.visuals.region_year_pages():
            pages[path] = self.render_page("region_year.md.j2", path, record=region, year=year)
        while self._pending:  # the further parts of lists split by ``paginate``
            path, context = self._pending.pop(0)
            pages[path] = self.render_page("listing_part.md.j2", path, **context)
        return pages

    def assets(self) -> dict[str, str]:
        """Generated files that are not pages (the maps' shared basemap), by site path."""
        return self.visuals.assets()

    def home_summary(self) -> str:
        """The generated part of the hand-written home page: counts and latest incidents."""
        return self.render_page("home_summary.md.j2", "index.md")
