""""Cite this record": a reference to one record page, as plain text, BibTeX and CSL-JSON.

Every record page ends with it, so a journalist or a researcher can cite the exact
version they read. A reference names the site, the record's title, its kind and
permanent id, the version date (the record's last change, :mod:`briefing.model.record_dates`)
and its address: the permanent one when ``site_url`` is set in ``mkdocs.yml``, else the
page's path in the site (the offline copy has no public address).

Record text is untrusted and reaches three syntaxes here: BibTeX values are escaped for
LaTeX (braces, backslashes, ``%`` ...), CSL-JSON is written by :func:`json.dumps`, and the
page escapes all three as HTML like every other value.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from briefing.model.record_dates import Day, RecordDates
from briefing.render.text import date_text

_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_BIBTEX_REPLACE = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True, slots=True)
class CiteThis:
    """The ways to cite one record page."""

    #: The permanent address (with ``site_url``) or the page's path in the site.
    address: str
    #: True when ``address`` is absolute.
    permanent: bool
    version: Day | None
    text: str
    bibtex: str
    csl_json: str


def _bibtex_escape(text: str) -> str:
    text = " ".join(text.split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACE.get(m.group(0), "\\" + m.group(0)), text)


def _day(day: Day) -> str:
    return f"{date_text(day.day)} or earlier" if day.on_or_before else date_text(day.day)


def version_words(dates: RecordDates) -> str:
    """``version of 3 August 2021 (first published 22 July 2021)``, as the data allows."""
    if dates.uncommitted:
        return "preview version, not committed yet"
    if dates.version is None:
        return "undated version"
    words = f"version of {_day(dates.version)}"
    first = dates.first_published
    if first is not None and first != dates.version:
        words += f" (first published {_day(first)})"
    return words


def _date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def cite_this(*, site_name: str, title: str, kind_label: str, record_id: str, path: str,
              site_url: str | None, dates: RecordDates) -> CiteThis:
    """The reference to the record page at site path ``path``."""
    title = " ".join(title.split())
    permanent = bool(site_url)
    address = (site_url or "").rstrip("/") + "/" + path if permanent else path
    label = f"{kind_label} record {record_id}"
    version = None if dates.uncommitted else dates.version
    words = version_words(dates)
    text = f"{site_name}. “{title}”. {label}, {words}. {address}"

    key = f"{kind_label.lower().replace(' ', '-')}-{record_id}"
    fields = [("author", f"{{{_bibtex_escape(site_name)}}}"), ("title", f"{{{_bibtex_escape(title)}}}"),
              ("howpublished", _bibtex_escape(label))]
    if version is not None:
        fields += [("year", str(version.day.year)), ("month", _MONTHS[version.day.month - 1])]
    if permanent:
        fields.append(("url", address.replace("{", "%7B").replace("}", "%7D")))
    note = words[0].upper() + words[1:]
    fields.append(("note", _bibtex_escape(note if permanent else f"{note}. Address in the site: {address}")))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(
        f"  {name.ljust(width)} = {value}" if name == "month" else f"  {name.ljust(width)} = {{{value}}}"
        for name, value in fields)
    bibtex = f"@misc{{{key},\n{body}\n}}"

    item: dict[str, object] = {
        "id": key, "type": "webpage", "title": title, "author": [{"literal": site_name}],
        "container-title": site_name, "genre": label,
    }
    if version is not None:
        item["issued"] = _date_parts(version.day)
        item["version"] = version.day.isoformat()
    if dates.first_published is not None and not dates.uncommitted:
        item["original-date"] = _date_parts(dates.first_published.day)
    if permanent:
        item["URL"] = address
    item["note"] = note if permanent else f"{note}. Address in the site: {address}"
    members = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items())
    return CiteThis(address, permanent, version, text, bibtex, f"[\n  {{\n{members}\n  }}\n]")
