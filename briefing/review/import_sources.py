"""`import-sources FILE`: a reference manager's export (CSL-JSON or BibTeX, as Zotero
writes them) added to ``sources.yaml``.

The import fills in what the export knows: an id from the item's key, the title, the
address, the publication date (no more precise than given), the language, the kind (from
the item's genre when it is one of the data's kinds, else from its type) and the
publisher and authors, matched by name against ``authors.yaml``. It asks nothing it cannot
know: how the team knows a source (its rung on the provenance ladder, and with it an
access date) is the editor's to state, so every imported source is written without
``provenance`` and ``check`` refuses it, naming the field, until an editor states it; a
publisher or author that is not in ``authors.yaml`` yet is written by a new id that
``check`` refuses the same way until it is added there with its affiliation. Items
already in the data (same id or same address) are left out.

New sources are appended to the file as YAML text: the records already there keep their
bytes, comments and order.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.render.references import CSL_TYPES, date_parts, one_line

#: The kinds of source for a CSL type, when the item's genre does not name one.
_KINDS = {"article-newspaper": "news", "report": "report", "dataset": "dataset", "post": "social-media",
          "post-weblog": "social-media", "entry": "reference", "entry-encyclopedia": "reference",
          "document": "official-document", "legislation": "official-document", "treaty": "official-document",
          "article": "analysis", "article-magazine": "news", "webpage": "news"}
#: BibTeX entry types → CSL types.
_BIBTEX_TYPES = {"article": "article-newspaper", "techreport": "report", "report": "report", "online": "webpage",
                 "misc": "webpage", "book": "book", "incollection": "chapter", "inproceedings": "paper-conference"}
#: biblatex's language names (``langid``) for the languages the data commonly has.
_LANGUAGES = {"english": "en", "american": "en", "british": "en", "russian": "ru", "armenian": "hy",
              "azerbaijani": "az", "turkish": "tr", "german": "de", "french": "fr"}
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"), start=1)}


class ImportError_(ValueError):
    """The file is not a CSL-JSON or BibTeX export this command can read."""


@dataclass
class Imported:
    """What an import added and what it left out, in words for the editor."""

    added: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    new_authors: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    """An id from a key or a name: lower-case letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100] or "source"


def read_items(path: Path) -> list[dict[str, Any]]:
    """CSL-JSON items from a ``.json`` export, or from a ``.bib`` one through pybtex."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith(("[", "{")):
        try:
            found = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportError_(f"{path}: not valid CSL-JSON: {error}") from None
        items = found if isinstance(found, list) else [found]
        if not all(isinstance(i, dict) for i in items):
            raise ImportError_(f"{path}: CSL-JSON must be a list of items (objects)")
        return items
    return bibtex_items(text, str(path))


def bibtex_items(text: str, name: str) -> list[dict[str, Any]]:
    """BibTeX entries as CSL-JSON items (LaTeX in the values decoded by pybtex)."""
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError

    try:
        database = parse_string(text, "bibtex")
    except PybtexError as error:
        raise ImportError_(f"{name}: not valid BibTeX: {error}") from None
    return [_bibtex_item(key, entry) for key, entry in database.entries.items()]


#: The LaTeX commands :func:`briefing.render.references.bibtex_text` writes, and what they stand for.
_COMMANDS = {r"\textbackslash{}": "\\", r"\textbraceleft{}": "{", r"\textbraceright{}": "}",
             r"\textasciicircum{}": "^", r"\textasciitilde{}": "~"}


def _latex(value: str) -> str:
    """A BibTeX value as text: escaped specials, accents (``{\\"u}``) and grouping braces."""
    import codecs

    import latexcodec  # noqa: F401  (registers the "ulatex" codec)

    kept: list[str] = []

    def hold(char: str) -> str:
        kept.append(char)
        return f"\ue000{len(kept) - 1}\ue001"

    for command, char in _COMMANDS.items():
        value = value.replace(command, hold(char))
    value = re.sub(r"\\([%&$#_{}])", lambda m: hold(m.group(1)), value)
    decode: Any = codecs.decode  # "ulatex" decodes text to text (typeshed knows only bytes codecs)
    value = str(decode(value, "ulatex")).replace("{", "").replace("}", "")
    return one_line(re.sub("\ue000(\\d+)\ue001", lambda m: kept[int(m.group(1))], value))


def _bibtex_item(key: str, entry: Any) -> dict[str, Any]:
    fields = {name.lower(): value for name, value in entry.fields.items()}
    item: dict[str, Any] = {"id": key, "type": _BIBTEX_TYPES.get(entry.type.lower(), "webpage")}
    for csl, bib in (("title", "title"), ("URL", "url"), ("language", "language"), ("genre", "type")):
        if bib in fields:
            item[csl] = fields[bib] if csl == "URL" else _latex(fields[bib])
    if "language" not in item and "langid" in fields:  # biblatex names the language
        item["language"] = _LANGUAGES.get(fields["langid"].strip().lower(), fields["langid"])
    publisher = fields.get("publisher") or fields.get("institution") or fields.get("journal") or \
        fields.get("howpublished")
    if publisher:
        item["publisher"] = _latex(publisher)
    names = [" ".join(str(part) for part in (*p.first_names, *p.middle_names, *p.prelast_names, *p.last_names))
             for p in entry.persons.get("author", [])]
    if names:
        item["author"] = [{"literal": _latex(n)} for n in names]
    parts = _bibtex_date(fields)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    return item


def _bibtex_date(fields: Mapping[str, str]) -> list[int]:
    if "date" in fields:
        return list(date_parts(fields["date"][:10]))
    if not fields.get("year", "").isdigit():
        return []
    parts = [int(fields["year"])]
    month = fields.get("month", "").strip().lower()[:3]
    if month in _MONTHS or month.isdigit():
        parts.append(_MONTHS.get(month) or int(month))
        if fields.get("day", "").isdigit():
            parts.append(int(fields["day"]))
    return parts


def _published(item: Mapping[str, Any]) -> str | None:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    values = [int(p) for p in parts[0][:3] if str(p).isdigit()]
    return "-".join([f"{values[0]:04d}", *(f"{p:02d}" for p in values[1:])]) if values else None


def _names(item: Mapping[str, Any]) -> list[str]:
    found = []
    for person in item.get("author") or []:
        literal = person.get("literal") or " ".join(p for p in (person.get("given"), person.get("family")) if p)
        if literal:
            found.append(one_line(str(literal)))
    return found


def _author_id(name: str, by_name: Mapping[str, str], imported: Imported) -> str:
    key = name.casefold()
    if key in by_name:
        return by_name[key]
    new = slug(name)
    if new not in imported.new_authors:
        imported.new_authors.append(new)
    return new


def source_record(item: Mapping[str, Any], by_name: Mapping[str, str], imported: Imported) -> dict[str, Any]:
    """One CSL-JSON item as a ``sources.yaml`` record, without ``provenance``."""
    names = _names(item)
    publisher = one_line(str(item.get("publisher") or item.get("container-title") or (names[0] if names else "")))
    genre = slug(str(item.get("genre") or ""))
    kind = genre if genre in CSL_TYPES else _KINDS.get(str(item.get("type")), "news")
    record: dict[str, Any] = {"id": slug(str(item.get("id") or item.get("title") or "source")),
                              "publisher": _author_id(publisher or "unknown publisher", by_name, imported)}
    writers = list(dict.fromkeys(_author_id(n, by_name, imported) for n in names))
    if writers:
        record["authors"] = writers
    record["title"] = one_line(str(item.get("title") or "[untitled]"))
    if item.get("URL"):
        record["url"] = one_line(str(item["URL"]))
    published = _published(item)
    if published:
        record["published"] = published
    language = str(item.get("language") or "").strip().lower()
    record["language"] = language if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", language) else "en"
    record["kind"] = kind
    return record


def import_sources(export: Path, sources_file: Path, authors: Iterable[Mapping[str, Any]],
                   existing: Iterable[Mapping[str, Any]]) -> Imported:
    """Append the export's new items to ``sources_file``; what was added and left out."""
    by_name = {}
    for author in authors:
        name = str(author.get("name", ""))
        by_name[name.casefold()] = str(author["id"])
        by_name.setdefault(name.split(" (")[0].casefold(), str(author["id"]))
    have = list(existing)
    ids = {str(s.get("id")) for s in have}
    urls = {str(s.get("url")) for s in have if s.get("url")}
    imported = Imported()
    for item in read_items(export):
        record = source_record(item, by_name, imported)
        if record["id"] in ids or record.get("url") in urls:
            imported.skipped.append(f"{record['id']}: already in {sources_file.name}")
            continue
        ids.add(record["id"])
        if record.get("url"):
            urls.add(record["url"])
        imported.added.append(record)
    if imported.added:
        _append(sources_file, imported.added)
    return imported


_NOTE = ("# Imported by `python -m briefing import-sources`: state how the team knows it (provenance: read\n"
         "# with accessed, via with via, or not-located with searched); `check` refuses it until then.\n")


def _append(sources_file: Path, records: list[dict[str, Any]]) -> None:
    text = sources_file.read_text(encoding="utf-8") if sources_file.exists() else ""
    if text.strip() == "[]":  # an empty list written as such: the new records replace it
        text = ""
    blocks = []
    for record in records:
        dumped = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=10_000)
        blocks.append(_NOTE + dumped)
    separator = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    sources_file.write_text(text + separator + "\n".join(blocks), encoding="utf-8")
