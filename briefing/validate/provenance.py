"""Step 2c of the data flow: the rules of honest provenance (issue 10, ``audit/design.md`` §8).

Each rule has a code (R1 ... R17 in the design) and an exact message; every error
carries ``file:line:column``, the record id and a hint. The JSON Schemas state the same
field combinations for editors; the subschemas marked ``"x-checked": true`` are explained
here rather than by the schema layer, so an analyst reads one sentence, not a dump of the
record. Rules about ids that must exist (R8, R10 to R12, R16) are in :mod:`.references`,
which registers the ids these rules read.

The data is read defensively: this runs even when the schema found problems, so a value
of the wrong shape is skipped (the schema layer reports it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from briefing.errors import DataError
from briefing.load.reader import JsonPath, LoadedFile

#: The fields only a source that was read may have, with the words for each in R1.
READ_ONLY_FIELDS = {
    "accessed": "an access date",
    "archive_url": "an archived copy",
    "read_url": "an address read",
    "read_copy": "a copy read",
    "copy": "a copy read",
}
_R1_HINT = ("remove {field!r}, or set provenance: read if a team member read the original "
            "(provenance: copy, with copy: {{...}}, if what was read was a copy)")

#: The rungs of the ladder on which a team member read the text (the original, or a copy).
READ_RUNGS = ("read", "copy")

#: Hosts of public web archives: a copy at one of them is an archived capture (copy-archive-kind).
ARCHIVE_HOSTS = ("web.archive.org", "archive.org", "archive.ph", "archive.today", "archive.is", "webcitation.org")
_WAYBACK_STAMP = re.compile(r"^/web/([0-9]{4})([0-9]{2})?([0-9]{2})?[0-9]*[a-z_]*/", re.IGNORECASE)
_COPY_HINT = ("set provenance: copy and describe the copy: copy: {kind: repost | listing | archive | capture, "
              "url: <the copy's address> or identifier: <what identifies it>, publisher: <author id>, "
              "captured: YYYY-MM-DD if known}")

#: Address paths that are a publisher's index, not an item (R7).
_INDEX_PATH = re.compile(r"^(/[a-z]{2,3})?/?(news|eng|en|ru|az|hy|home|index\.html?)?/?$|^/program-name/[^/]+/?$",
                         re.IGNORECASE)


def _items(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _day(value: Any) -> dt.date | None:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None  # reported by the date checks
    return None


def _first_day(value: Any) -> dt.date | None:
    """The first day of a partial date (``2021-07`` → 1 July 2021)."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


def _last_day(value: Any) -> dt.date | None:
    """The last day of a partial date (``2021-07`` → 31 July 2021)."""
    first = _first_day(value)
    if first is None:
        return None
    text = str(value)
    if len(text) == 4:
        return dt.date(first.year, 12, 31)
    if len(text) == 7:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return first


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _names_in(quote: str, names: list[str]) -> bool:
    """Whether ``quote`` contains one of ``names`` (case and spacing aside)."""
    folded = _folded(quote)
    return any(_folded(name) in folded for name in names)


def _normal(url: str) -> str:
    return url.strip().rstrip("/").casefold().replace("://www.", "://")


def looks_like_index(url: str, publisher_sites: set[str]) -> bool:
    """Whether ``url`` is a publisher's home or index page rather than an item (R7)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False  # reported as not a usable address
    if parts.query:
        return False  # ?p=1124: the query names the item
    return bool(_INDEX_PATH.match(parts.path)) or _normal(url) in publisher_sites


class _Rules:
    def __init__(self, loaded: Mapping[str, LoadedFile], ids: Mapping[str, Mapping[str, JsonPath]]) -> None:
        self.loaded = loaded
        self.ids = ids
        self.errors: list[DataError] = []
        self.sources = self._by_id("sources")
        self.authors = self._by_id("authors")
        self.regions = self._by_id("regions")

    def _by_id(self, kind: str) -> dict[str, dict[str, Any]]:
        file = self.loaded.get(kind)
        found: dict[str, dict[str, Any]] = {}
        for _, record in _items(file.data if file else None):
            if isinstance(record.get("id"), str):
                found.setdefault(record["id"], record)
        return found

    def _readable(self, *kinds: str) -> bool:
        """Whether the files of ``kinds`` were read as lists: a rule that looks records up
        in a file that could not be read stays quiet (that file's own error says why)."""
        return all(isinstance(getattr(self.loaded.get(kind), "data", None), list) for kind in kinds)

    def error(self, code: str, file: LoadedFile, path: JsonPath, message: str, hint: str | None = None) -> None:
        if not file.is_refused(path):
            self.errors.append(DataError(file.location(path), message, file.record_id(path), hint, code=code))

    def run(self) -> list[DataError]:
        self._sources()
        self._regions()
        self._incidents()
        self._assessments()
        return self.errors

    def _assessments(self) -> None:
        file = self.loaded.get("assessments")
        for index, assessment in _items(file.data if file else None):
            assert file is not None
            if not any(key in assessment for key in ("incidents", "milestones", "clauses")):  # R11
                self.error("assessment-target", file, (index,), "this assessment is about nothing: it must name the "
                           "incidents, milestones or clauses it is about",
                           "add incidents: [...], milestones: [...] or clauses: [...]")

    # --- sources: the ladder ---------------------------------------------------------------

    def _sources(self) -> None:
        file = self.loaded.get("sources")
        if file is None:
            return
        sites = {_normal(s["publisher_site"]) for s in self.sources.values() if isinstance(s.get("publisher_site"), str)}
        for index, source in _items(file.data):
            self._ladder(file, (index,), source)
            self._address(file, (index,), source, sites)

    def _ladder(self, file: LoadedFile, path: JsonPath, source: dict[str, Any]) -> None:
        rung = source.get("provenance")
        if rung not in ("read", "copy", "via", "not-located"):
            return  # missing or not a rung: the schema reports it
        if rung not in READ_RUNGS:
            for key, words in READ_ONLY_FIELDS.items():
                if key in source:  # R1
                    self.error("access-without-read", file, (*path, key), f"{words} on a source that was not read: provenance is {rung!r}",
                               _R1_HINT.format(field=key))
        if rung in READ_RUNGS:
            self._copy(file, path, source, rung)
            if "accessed" not in source:  # R2
                self.error("read-without-access", file, (*path, "provenance"), "a source marked read has no access date",
                           "add accessed: YYYY-MM-DD (the day a team member read it)")
            if "via" in source:
                self.error("via-on-read", file, (*path, "via"), "a source marked read is said to be known through another "
                           "source ('via')", "remove 'via', or set provenance: via if the original was not read")
            if "searched" in source:
                self.error("searched-on-read", file, (*path, "searched"), "a source marked read has a record of a failed search "
                           "('searched')", "remove 'searched', or set provenance: via or not-located")
        elif rung == "via":
            if "via" not in source:  # R3
                self.error("via-missing", file, (*path, "provenance"), "a source known through another source must say which: "
                           "'via' is missing",
                           "add via: {source: <id>, locator: 'paragraph N', quote: '<its words>'}")
            else:
                self._via(file, path, source)
        else:
            if "searched" not in source:  # R6
                self.error("not-located-unsearched", file, (*path, "provenance"), "a source not located must say when and where it was "
                           "looked for", "add searched: {date: YYYY-MM-DD, where: '<collections and queries, "
                           "in words>'}")
            if "via" in source:
                self.error("via-on-not-located", file, (*path, "via"), "a source not located is said to be known through another "
                           "source ('via')", "set provenance: via, or remove 'via'")
        published, accessed = _first_day(source.get("published")), _day(source.get("accessed"))
        if published and accessed and accessed < published:  # R17
            self.error("published-after-access", file, (*path, "accessed"), "the source was read before it was published",
                       f"accessed {accessed} is before published {source['published']}: check both dates")

    def _copy(self, file: LoadedFile, path: JsonPath, source: dict[str, Any], rung: str) -> None:
        """The copy rung (issue 18.5): a copy read is said to be one, named, with its publisher
        and capture date; an archived capture is recorded as such."""
        for key in ("read_url", "read_copy"):
            if key in source:
                self.error("copy-as-original", file, (*path, key), f"{key} says a copy was read, but a copy read "
                           f"is its own rung: provenance is {rung!r}", _COPY_HINT)
        copy = source.get("copy")
        if rung == "read" and "copy" in source:
            self.error("copy-as-original", file, (*path, "copy"), "a copy is described on a source marked read in the "
                       "original", "set provenance: copy, or remove 'copy' if the original itself was read")
        if rung != "copy":
            return
        if not isinstance(copy, dict):
            if "copy" not in source:
                self.error("copy-missing", file, (*path, "provenance"), "a source read in a copy must say which copy: "
                           "'copy' is missing", _COPY_HINT)
            return
        self._copy_identity(file, (*path, "copy"), source, copy)
        self._copy_dates(file, (*path, "copy"), source, copy)

    def _copy_identity(self, file: LoadedFile, path: JsonPath, source: dict[str, Any], copy: dict[str, Any]) -> None:
        kind, url = copy.get("kind"), copy.get("url")
        if kind == "capture":
            if "url" in copy:
                self.error("copy-unidentified", file, (*path, "url"), "a stored capture is of the page at the source's "
                           "own address, so it has no address of its own",
                           "remove copy.url (the source's url is the page captured), or choose kind repost, listing or archive")
            elif "url" not in source and "identifier" not in copy:
                self.error("copy-unidentified", file, path, "a stored capture must say which page it captured: the source "
                           "has no url and the copy no identifier", "give the source's url, or copy.identifier")
        elif "url" not in copy and "identifier" not in copy:
            self.error("copy-unidentified", file, path, "a copy must say where it is: it has neither url nor identifier",
                       "add copy.url (the copy's own address) or copy.identifier (what identifies it)")
        if isinstance(url, str) and isinstance(source.get("url"), str) and _normal(url) == _normal(source["url"]):
            self.error("copy-unidentified", file, (*path, "url"), "the copy's address is the original's: a page read at "
                       "its own address is the original", "set provenance: read and remove 'copy', or give the copy's own address")
        if kind in ("repost", "listing", "archive") and "publisher" not in copy:
            self.error("copy-publisher-missing", file, path, f"a copy of kind {kind!r} must say who publishes it",
                       "add copy.publisher: the id in authors.yaml of the site that publishes the copy")
        host = (urlsplit(url).hostname or "") if isinstance(url, str) and re.match(r"^https?://", url) else ""
        if kind is not None and kind != "archive" and any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS):
            self.error("copy-archive-kind", file, (*path, "kind"), f"the copy's address is a web archive's ({host}), "
                       f"but the copy is recorded as {kind!r}", "set kind: archive: an archived capture is recorded as such")

    def _copy_dates(self, file: LoadedFile, path: JsonPath, source: dict[str, Any], copy: dict[str, Any]) -> None:
        captured_text = copy.get("captured")
        captured = _first_day(captured_text)
        url = copy.get("url")
        stamp = _WAYBACK_STAMP.match(urlsplit(url).path) if isinstance(url, str) and "web.archive.org" in url else None
        if stamp and copy.get("kind") == "archive":
            when = "-".join(part for part in stamp.groups() if part)
            if captured_text is None:
                self.error("copy-capture-date", file, path, f"the archived capture's address gives its date ({when}), "
                           "but captured is missing", f"add captured: {when}")
            elif isinstance(captured_text, str) and not (captured_text.startswith(when) or when.startswith(captured_text)):
                self.error("copy-capture-date", file, (*path, "captured"), f"captured {captured_text} is not the date in "
                           f"the archived capture's address ({when})", f"write captured: {when}")
        if captured is None:
            return
        accessed = _day(source.get("accessed"))
        if accessed and captured > accessed:
            self.error("copy-capture-date", file, (*path, "captured"), f"the copy was captured ({captured_text}) after "
                       f"the team read it ({accessed})", "check captured and accessed")
        published = _first_day(source.get("published"))
        last = _last_day(captured_text)
        if published and last and last < published:
            self.error("copy-capture-date", file, (*path, "captured"), f"the copy was captured ({captured_text}) before "
                       f"the source was published ({source['published']})", "check captured and published")

    def _via(self, file: LoadedFile, path: JsonPath, source: dict[str, Any]) -> None:
        via = source.get("via")
        if not isinstance(via, dict) or not isinstance(via.get("source"), str):
            return
        target = via["source"]
        if target == source.get("id") or target not in self.sources or self._loops(source.get("id"), target):  # R4
            self.error("via-unknown", file, (*path, "via", "source"), f"'via' names {target!r}, which is not another source",
                       "use the id of the source that cites this one")
        elif self.sources[target].get("provenance") == "not-located":
            self.error("via-not-located", file, (*path, "via", "source"), f"'via' names {target!r}, a source nobody "
                       "located: nothing can be known through it, nor quoted from it",
                       "name the source that was read and gives these words, or mark this source not-located too")

    def _loops(self, start: Any, target: str) -> bool:
        """Whether following ``via`` from ``target`` comes back to ``start``. (A loop that
        does not pass through ``start`` is reported at each source on it.)"""
        seen: set[str] = set()
        current: str | None = target
        while current is not None and current not in seen:
            if current == start:
                return True
            seen.add(current)
            via = self.sources.get(current, {}).get("via")
            current = via.get("source") if isinstance(via, dict) and isinstance(via.get("source"), str) else None
        return False

    def _address(self, file: LoadedFile, path: JsonPath, source: dict[str, Any], sites: set[str]) -> None:
        has_url, has_unknown = "url" in source, "url_unknown" in source
        if has_url and has_unknown:
            self.error("url-and-unknown", file, (*path, "url_unknown"), "a source has both url and url_unknown",
                       "keep url if it is the item's exact address, else remove it and keep url_unknown")
        elif not has_url and not has_unknown:
            self.error("url-missing", file, path, "a source needs url (the item's exact address) or url_unknown (why it is not "
                       "known)", "add one of them; a publisher's home or index page goes in publisher_site")
        url = source.get("url")
        if isinstance(url, str) and re.match(r"^https?://", url) and looks_like_index(url, sites):  # R7
                self.error("url-is-index", file, (*path, "url"), "the address of this source looks like the publisher's index page, "
                           "not the item",
                           "move it to publisher_site and give url_unknown, or give the item's exact address")

    # --- regions: names used by a party (R9), coordinates --------------------------------------

    def _publisher_party(self, source_id: Any) -> str | None:
        source = self.sources.get(source_id) if isinstance(source_id, str) else None
        publisher = source.get("publisher") if source else None
        author = self.authors.get(publisher) if isinstance(publisher, str) else None
        affiliation = author.get("affiliation") if author else None
        party = affiliation.get("party") if isinstance(affiliation, dict) else None
        return party if isinstance(party, str) else None

    def _regions(self) -> None:
        file = self.loaded.get("regions")
        if file is not None:
            for index, region in _items(file.data):
                self._place(file, (index,), region)
        if file is None or not self._readable("sources", "authors"):
            return
        for index, region in _items(file.data):
            for i, name in _items(region.get("names")):
                shown = {self._publisher_party(c.get("source")) for _, c in _items(name.get("citations"))}
                used_by = name.get("used_by")
                for j, party in enumerate(used_by if isinstance(used_by, list) else []):
                    if isinstance(party, str) and party not in shown:  # R9
                        self.error("used-by-uncited", file, (index, "names", i, "used_by", j),
                                   f"the name {name.get('name')!r} is said to be used by {party!r}, but no citation "
                                   f"shows {party!r} using it",
                                   f"cite a text published by a body of {party!r} that uses the name, or drop used_by")

    # --- places say no more than their sources (issue 18.6) ------------------------------------------

    def _place(self, file: LoadedFile, path: JsonPath, region: dict[str, Any]) -> None:
        names = [n["name"] for _, n in _items(region.get("names")) if isinstance(n.get("name"), str)]
        shown = names[0] if names else str(region.get("id"))
        for i, name in _items(region.get("names")):
            for j, citation in _items(name.get("citations")):
                quote = citation.get("quote")
                if isinstance(quote, str) and isinstance(name.get("name"), str) and not _names_in(quote, [name["name"]]):
                    self.error("place-not-in-quote", file, (*path, "names", i, "citations", j, "quote"),
                               f"the quote cited for the name {name['name']!r} does not contain it",
                               "quote the source's words that give the name")
        description = region.get("description")
        cited = description.get("citations") if isinstance(description, dict) else None
        self._quotes_name(file, (*path, "description", "citations"), cited, names, shown, "the description")
        if "parent" in region and not region.get("parent_citations"):
            self.error("parent-uncited", file, (*path, "parent"), f"{shown!r} is placed in {region['parent']!r} "
                       "without a citation", "add parent_citations: [{source: <id>, quote: '<words that name the place "
                       "and where it lies>'}], or remove parent")
        self._quotes_name(file, (*path, "parent_citations"), region.get("parent_citations"), names, shown, "the parent")
        self._possibly_same(file, path, region)

    def _quotes_name(self, file: LoadedFile, path: JsonPath, citations: Any, names: list[str], shown: str,
                     what: str) -> None:
        for j, citation in _items(citations):
            quote = citation.get("quote")
            if isinstance(quote, str) and names and not _names_in(quote, names):
                self.error("place-not-in-quote", file, (*path, j, "quote"), f"the quote cited for {what} of {shown!r} "
                           f"names none of its names ({', '.join(names)}): it may be about another place",
                           "quote the source's words that name the place, or cite a source that does")

    def _possibly_same(self, file: LoadedFile, path: JsonPath, region: dict[str, Any]) -> None:
        own = region.get("id")
        for i, link in _items(region.get("possibly_same")):
            other = link.get("region")
            if not isinstance(other, str) or other not in self.regions:
                continue  # unknown: reported by the reference checks
            back = [x.get("region") for _, x in _items(self.regions[other].get("possibly_same"))]
            if other == own:
                self.error("possibly-same-place", file, (*path, "possibly_same", i, "region"),
                           "a place is linked as possibly the same as itself", "name another place")
            elif own not in back:
                self.error("possibly-same-place", file, (*path, "possibly_same", i, "region"),
                           f"{own!r} is linked as possibly the same place as {other!r}, but {other!r} does not link back",
                           f"add possibly_same: [{{region: {own}, text: ..., citations: [...]}}] to {other!r}")

    # --- incidents: coordinates of a region (R15), times and zones (R13, R14) ----------------------

    def _incidents(self) -> None:
        file = self.loaded.get("incidents")
        if file is None:
            return
        for index, incident in _items(file.data):
            self._incident_coordinates(file, (index,), incident)
            for i, claim in _items(incident.get("claims")):
                self._times(file, (index, "claims", i), claim)

    def _incident_coordinates(self, file: LoadedFile, path: JsonPath, incident: dict[str, Any]) -> None:
        coordinates = incident.get("coordinates")
        if isinstance(coordinates, dict) and "region" not in coordinates and "basis" not in coordinates:
            self.error("coordinate-basis", file, (*path, "coordinates"), "the coordinates have no basis: say whose "
                       "they are (region) or where they come from (basis)",
                       "add region: <id of a listed region with cited coordinates>, or basis: {text: ..., "
                       "citations: [...]}; remove coordinates that no source supports")
        if not isinstance(coordinates, dict) or not isinstance(coordinates.get("region"), str):
            return
        region_id = coordinates["region"]
        if region_id not in self.regions:
            return  # an unknown region: reported by the reference checks
        where = (*path, "coordinates", "region")
        regions = incident.get("regions")
        own = self.regions[region_id].get("coordinates")
        if isinstance(regions, list) and region_id not in regions:  # R15
            self.error("coordinate-basis", file, where, f"the coordinates are said to be those of {region_id!r}, which is not one of "
                       "this incident's regions", f"add {region_id!r} to regions, or name one of them")
        elif not isinstance(own, dict):  # R15
            self.error("coordinate-basis", file, where, f"the coordinates are said to be those of {region_id!r}, which has none",
                       f"give {region_id!r} coordinates with a cited basis, or give this incident a basis of its own")
        elif (own.get("lat"), own.get("lon")) != (coordinates.get("lat"), coordinates.get("lon")):  # R15
            self.error("coordinate-basis", file, (*path, "coordinates"), f"the coordinates are said to be those of {region_id!r}, "
                       f"which are {own.get('lat')}, {own.get('lon')}",
                       f"copy {region_id!r}'s coordinates, or give a basis of their own instead of region")

    def _times(self, file: LoadedFile, path: JsonPath, claim: dict[str, Any]) -> None:
        zone = claim.get("time_zone")
        if "times" in claim and zone is None:  # R13
            self.error("time-without-zone", file, (*path, "times"), "times are given without a time zone: write time_zone: "
                       "{zone: not-stated} if the account does not say")
        if isinstance(zone, dict) and zone.get("zone") != "not-stated" and "zone" in zone and "stated" not in zone:
            self.error("zone-unattributed", file, (*path, "time_zone"), f"the time zone {zone['zone']!r} is given without saying "
                       "whether the account states it", "add stated: true if the account names the zone, or stated: false "
                       "with basis: {text: ..., citations: [...]} if the zone is inferred")
        if isinstance(zone, dict) and zone.get("stated") is False and "basis" not in zone:  # R14
            self.error("inferred-zone-uncited", file, (*path, "time_zone", "stated"), "an inferred time zone needs its basis, cited",
                       "add basis: {text: ..., citations: [...]} saying why the zone is this one")
        if isinstance(zone, dict) and isinstance(zone.get("zone"), str) and zone["zone"] != "not-stated":
            try:
                from zoneinfo import ZoneInfo

                ZoneInfo(zone["zone"])
            except (KeyError, ValueError):
                self.error("unknown-zone", file, (*path, "time_zone", "zone"), f"{zone['zone']!r} is not a known time zone",
                           "use an IANA name such as Asia/Baku, Asia/Yerevan or Europe/Moscow, or not-stated")
        for i, time in _items(claim.get("times")):
            start, end = time.get("start"), time.get("end")
            if isinstance(start, str) and isinstance(end, str) and end < start:
                self.error("time-span-reversed", file, (*path, "times", i, "end"), f"the time span ends ({end}) before it starts ({start})",
                           "a span past midnight is two entries; check the times")


def provenance_errors(loaded: Mapping[str, LoadedFile], ids: Mapping[str, Mapping[str, JsonPath]]) -> list[DataError]:
    """Every error of the provenance rules in the loaded files."""
    return _Rules(loaded, ids).run()
