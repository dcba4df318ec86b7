""""Cite this record": a reference to one record page, as plain text, BibTeX, RIS and CSL-JSON.

Every record page ends with it, so a journalist or a researcher can cite the exact
version they read. A reference names the site, the record's title, its kind and
permanent id, the version date (the record's last change, :mod:`briefing.model.record_dates`)
and its address: the permanent one when ``site_url`` is set in ``mkdocs.yml``, else the
page's path in the site (the offline copy has no public address).

Record text is untrusted and reaches three syntaxes here, each written by the one writer
of its format (:mod:`briefing.render.references`, shared with the sources' exports), and
the page escapes them as HTML like every other value.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model.record_dates import Day, RecordDates
from briefing.render.references import Reference, bibtex_entry, csl_json, date_parts, ris_entry
from briefing.render.text import date_text


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
    ris: str


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
    note = words[0].upper() + words[1:]
    first = dates.first_published if not dates.uncommitted else None
    reference = Reference(
        key=f"{kind_label.lower().replace(' ', '-')}-{record_id}", csl_type="webpage", title=title,
        authors=(site_name,), container=site_name, genre=label,
        issued=date_parts(version.day) if version else (), version=version.day.isoformat() if version else None,
        original_date=date_parts(first.day) if first else (), url=address if permanent else None,
        note=note if permanent else f"{note}. Address in the site: {address}",
    )
    return CiteThis(address, permanent, version, text, bibtex_entry(reference).rstrip("\n"),
                    csl_json([reference]).rstrip("\n"), ris_entry(reference))
