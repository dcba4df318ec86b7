"""References in the formats reference managers read: one writer per format.

A :class:`Reference` is what a citation says about a document (its kind, title, authors,
publisher, dates, address). "Cite this record" (:mod:`briefing.render.cite`) and the
sources' exports (each source page, and the whole bibliography in ``data/``) are written
by the same writers:

* **CSL-JSON** (Zotero, Pandoc, citeproc): :func:`csl_json`, through :func:`json.dumps`.
* **BibTeX**: :func:`bibtex`. BibTeX ends a braced value at the brace that balances the
  first, and it counts a brace after a backslash too, so ``\\}`` cannot escape one: text
  never reaches the output with a brace of its own. Braces become ``\\textbraceleft{}`` and
  ``\\textbraceright{}``, backslashes ``\\textbackslash{}``, the other LaTeX specials are
  escaped, and every brace the writer emits is closed at once; a title holding ``}},
  url={...}`` stays one title.
* **RIS**: :func:`ris`. A tag counts only at the start of a line, so every value is written
  on one line (every kind of line break, Unicode's included, becomes a space): a title
  holding ``ER  -`` or ``TY  -`` stays text.
* **Highwire** ``citation_*`` meta tags (Zotero's connector, Google Scholar): :func:`highwire`,
  escaped as HTML attributes by the page template.

Untrusted text reaches every format; control characters are dropped and runs of white
space become one space in all of them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from briefing.model.records import Author, Source

#: CSL item types for the kinds of source the data has (``kind`` in sources.yaml).
CSL_TYPES = {
    "press-release": "article", "official-document": "document", "news": "article-newspaper",
    "report": "report", "analysis": "article", "social-media": "post", "bulletin": "document",
    "reference": "entry", "dataset": "dataset", "record": "webpage",
}
#: BibTeX entry types for those CSL types (biblatex's ``@online`` is not BibTeX).
_BIBTEX_TYPES = {"report": "techreport", "article-newspaper": "misc"}
#: RIS types for those CSL types.
_RIS_TYPES = {"article-newspaper": "NEWS", "report": "RPRT", "dataset": "DATA", "post": "BLOG",
              "webpage": "ELEC", "entry": "ENCYC"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True, slots=True)
class Reference:
    """One document as a reference manager sees it."""

    key: str
    #: A CSL item type (``article-newspaper``, ``report``, ``webpage`` ...).
    csl_type: str
    title: str
    #: Authors as written (organisations and people alike, as literal names).
    authors: tuple[str, ...] = ()
    #: The site or periodical it appeared in.
    container: str | None = None
    publisher: str | None = None
    #: ``(year,)``, ``(year, month)`` or ``(year, month, day)``: no more than is known.
    issued: tuple[int, ...] = ()
    accessed: dt.date | None = None
    url: str | None = None
    language: str | None = None
    genre: str | None = None
    version: str | None = None
    original_date: tuple[int, ...] = ()
    note: str | None = None


def one_line(text: str) -> str:
    """``text`` without control characters, its white space (every line break among it)
    one space."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(kept.split())


def date_parts(value: str | dt.date | None) -> tuple[int, ...]:
    """``2021-07`` → ``(2021, 7)``; a date → ``(y, m, d)``; anything else → ``()``."""
    if isinstance(value, dt.date):
        return (value.year, value.month, value.day)
    if not value:
        return ()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    return tuple(int(part) for part in match.groups() if part) if match else ()


def _safe_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:.-]", "-", key) or "ref"


# --- CSL-JSON ------------------------------------------------------------------------------


def csl_item(ref: Reference) -> dict[str, object]:
    """The CSL-JSON item of one reference."""
    item: dict[str, object] = {"id": ref.key, "type": ref.csl_type, "title": one_line(ref.title)}
    if ref.authors:
        item["author"] = [{"literal": one_line(a)} for a in ref.authors]
    optional = {"container-title": ref.container, "publisher": ref.publisher, "URL": ref.url,
                "language": ref.language, "genre": ref.genre, "version": ref.version, "note": ref.note}
    item.update((name, one_line(value)) for name, value in optional.items() if value)
    if ref.issued:
        item["issued"] = {"date-parts": [list(ref.issued)]}
    if ref.original_date:
        item["original-date"] = {"date-parts": [list(ref.original_date)]}
    if ref.accessed:
        item["accessed"] = {"date-parts": [list(date_parts(ref.accessed))]}
    return item


def csl_json(refs: Iterable[Reference]) -> str:
    """A CSL-JSON array, one item per reference, as Zotero exports it."""
    return json.dumps([csl_item(r) for r in refs], ensure_ascii=False, indent=2) + "\n"


# --- BibTeX --------------------------------------------------------------------------------

_LATEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_LATEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
          "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def bibtex_text(text: str) -> str:
    """Text for a braced BibTeX value: no brace of its own, LaTeX specials escaped."""
    return _LATEX_SPECIAL.sub(lambda m: _LATEX.get(m.group(0), "\\" + m.group(0)), one_line(text))


def bibtex_url(url: str) -> str:
    """An address for a braced BibTeX value: braces, backslashes and spaces percent-encoded."""
    table = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}
    return "".join(table.get(c, c) for c in one_line(url))


def bibtex_entry(ref: Reference) -> str:
    """One BibTeX entry; every value braced (the month a macro), the title's capitals kept."""
    fields: list[tuple[str, str]] = []
    if ref.authors:
        fields.append(("author", " and ".join(f"{{{bibtex_text(a)}}}" for a in ref.authors)))
    fields.append(("title", f"{{{bibtex_text(ref.title)}}}"))
    for name, value in (("journal" if ref.csl_type == "article-newspaper" else "howpublished", ref.container),
                        ("institution" if ref.csl_type == "report" else "publisher", ref.publisher)):
        if value:
            fields.append((name, bibtex_text(value)))
    if ref.issued:
        fields.append(("year", str(ref.issued[0])))
    if len(ref.issued) > 1:
        fields.append(("month", _MONTHS[ref.issued[1] - 1]))
    if len(ref.issued) > 2:  # biblatex's date (BibTeX ignores it; Zotero and biblatex read the day)
        fields.append(("date", "-".join(f"{p:02d}" for p in ref.issued)))
    if ref.url:
        fields.append(("url", bibtex_url(ref.url)))
    if ref.accessed:
        fields.append(("urldate", ref.accessed.isoformat()))
    if ref.language:
        fields.append(("language", bibtex_text(ref.language)))
    if ref.genre:
        fields.append(("type", bibtex_text(ref.genre)))
    if ref.note:
        fields.append(("note", bibtex_text(ref.note)))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {value}" if name == "month" else f"  {name.ljust(width)} = {{{value}}}"
                      for name, value in fields)
    kind = _BIBTEX_TYPES.get(ref.csl_type, "misc")
    return f"@{kind}{{{_safe_key(ref.key)},\n{body}\n}}\n"


def bibtex(refs: Iterable[Reference]) -> str:
    return "\n".join(bibtex_entry(r) for r in refs)


# --- RIS -----------------------------------------------------------------------------------


def ris_entry(ref: Reference) -> str:
    """One RIS record: ``TY`` first, ``ER`` last, one tag and one line per value."""
    lines = [("TY", _RIS_TYPES.get(ref.csl_type, "GEN")), ("ID", _safe_key(ref.key)), ("TI", ref.title)]
    lines += [("AU", a) for a in ref.authors]
    if ref.container:
        lines.append(("T2", ref.container))
    if ref.publisher:
        lines.append(("PB", ref.publisher))
    if ref.issued:
        lines.append(("PY", str(ref.issued[0])))
        lines.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(ref.issued))))
    if ref.url:
        lines.append(("UR", ref.url))
    if ref.accessed:
        lines.append(("Y2", ref.accessed.isoformat()))
    if ref.language:
        lines.append(("LA", ref.language))
    if ref.genre:
        lines.append(("M3", ref.genre))
    if ref.note:
        lines.append(("N1", ref.note))
    written = [f"{tag}  - {one_line(value)}" for tag, value in lines]
    return "\r\n".join([*written, "ER  - ", ""])


def ris(refs: Iterable[Reference]) -> str:
    return "\r\n".join(ris_entry(r) for r in refs)


# --- Highwire meta tags ----------------------------------------------------------------------


def highwire(ref: Reference) -> list[tuple[str, str]]:
    """``citation_*`` meta tags (name, content) for a page about ``ref``'s document."""
    tags = [("citation_title", one_line(ref.title))]
    tags += [("citation_author", one_line(a)) for a in ref.authors or (ref.publisher or "",) if a]
    if ref.issued:
        tags.append(("citation_publication_date", "/".join(f"{p:02d}" if i else str(p)
                                                            for i, p in enumerate(ref.issued))))
    if ref.container and ref.csl_type == "article-newspaper":
        tags.append(("citation_journal_title", one_line(ref.container)))
    if ref.publisher:
        tags.append(("citation_publisher", one_line(ref.publisher)))
    if ref.csl_type == "report" and ref.publisher:
        tags.append(("citation_technical_report_institution", one_line(ref.publisher)))
    if ref.url:
        tags.append(("citation_public_url", one_line(ref.url)))
    if ref.language:
        tags.append(("citation_language", one_line(ref.language)))
    return tags


def formats(refs: Sequence[Reference]) -> dict[str, str]:
    """Every format of ``refs``, by file extension."""
    return {"bib": bibtex(refs), "ris": ris(refs), "json": csl_json(refs)}


# --- the data's sources as references ----------------------------------------------------------

#: How the note of an exported source says the team knows it.
_RUNG_NOTES = {"read": "Read by the briefing's team", "copy": "Read by the briefing's team in a copy", "via": "Not read by the briefing's team: known only as cited "
               "in another source", "not-located": "Not located by the briefing's team"}


def source_reference(source: Source, authors: Mapping[str, Author]) -> Reference:
    """The original of a source, as a reference manager should hold it."""
    csl_type = CSL_TYPES.get(source.source_kind, "webpage")
    named = tuple(authors[a].name for a in source.author_ids if a in authors)
    note = _RUNG_NOTES.get(source.provenance, "")
    if source.via:
        note += f" ({source.via.source_id}, {source.via.locator})"
    return Reference(
        key=source.id, csl_type=csl_type, title=source.title, authors=named,
        container=source.publisher if csl_type in ("article-newspaper", "post") else None,
        publisher=source.publisher, issued=date_parts(source.published),
        accessed=source.accessed, url=source.url, language=source.language, note=note or None,
        genre=source.source_kind.replace("-", " "),
    )
