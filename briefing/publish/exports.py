"""Open data: the validated dataset as CSV, GeoJSON and JSON files, described by a
Frictionless data package, built with the site.

Readers who use the briefing as data (researchers joining it with ACLED or UCDP GED)
get one row per incident with column names that follow those datasets where the meaning
is the same (``event_date``, ``time_precision``, ``latitude``, ``geo_precision``,
``fatalities`` low/best/high...). Nothing here imports MkDocs: :func:`build_exports`
returns ``{path: bytes}`` and :mod:`briefing.generate` hands the files to the site.

Every record is exported, whatever its text holds: the ``csv`` module quotes every text
cell, text a spreadsheet would run as a formula is neutralised (OWASP's CSV injection
guidance), files are UTF-8, and an incident without coordinates keeps its
GeoJSON feature with a ``null`` geometry (RFC 7946 §3.2) rather than being dropped.
Output is deterministic: the same data gives the same bytes (no build time anywhere).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import msgspec

from briefing.kinds import KINDS, REMOVED_FILE
from briefing.model.record_dates import NO_DATES, SiteDates
from briefing.model.records import Assessment, Citation, Dataset, Figure, Incident, Milestone, Silence, Source
from briefing.model.scope import ScopeWords
from briefing.model.times import last_data_date, utc_times
from briefing.publish import join_keys
from briefing.publish.database import Table, datasette_metadata, sqlite_bytes
from briefing.render import references

#: Folder of the site that holds the exports.
FOLDER = "data"

#: ACLED ``time_precision`` codes for the date precisions the data uses.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
#: ACLED ``geo_precision`` codes for the coordinate precisions the data uses.
GEO_PRECISION = {"exact": 1, "near": 2, "region": 3}


@dataclass(frozen=True)
class Column:
    """One CSV column and its Frictionless field description."""

    name: str
    type: str
    description: str
    value: Callable[[Any], Any]
    format: str | None = None

    def field(self) -> dict[str, Any]:
        described: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            described["format"] = self.format
        return described


def _ids(values: Iterable[str]) -> str:
    return ";".join(values)


def _source_ids(citations: Iterable[Citation]) -> str:
    return _ids(dict.fromkeys(c.source_id for c in citations))


def _total(incident: Incident, what: str, bound: str) -> int | None:
    """A curated figure summed over parties; ``None`` (unknown) when no party has one."""
    figures: list[Figure] = [getattr(row, what) for row in incident.casualties if getattr(row, what) is not None]
    return sum(getattr(f, bound) for f in figures) if figures else None


def _incident_columns(data: Dataset) -> list[Column]:
    def region_names(incident: Incident) -> str:
        return _ids(data.regions[r].title for r in incident.region_ids)

    def claimants(incident: Incident) -> str:
        return _ids(party_id for party_id, _claims in incident.claims_by_party())

    def coordinate(axis: str) -> Callable[[Incident], float | None]:
        return lambda i: getattr(i.coordinates, axis) if i.coordinates else None

    def figure(what: str, bound: str) -> Callable[[Incident], int | None]:
        return lambda i: _total(i, what, bound)

    return [
        Column("event_id", "string", "Permanent id of the incident (never reused; see removed.csv).", lambda i: i.id),
        Column("event_date", "date", "Date of the incident (first day of a range; ACLED event_date).", lambda i: i.date),
        Column("date_start", "date", "First day of the incident (UCDP date_start).", lambda i: i.date),
        Column("date_end", "date", "Last day of the incident (UCDP date_end); equals date_start for one day.",
               lambda i: i.date_end or i.date),
        Column("time_precision", "integer", "ACLED time_precision: 1 day, 2 week, 3 month.",
               lambda i: TIME_PRECISION[i.date_precision]),
        Column("date_precision", "string", "How exactly the date is known: day, week or month.", lambda i: i.date_precision),
        Column("title", "string", "Neutral title saying who reported what.", lambda i: i.title),
        Column("event_type", "string", "Kind of incident (exchange-of-fire, shelling, ...).", lambda i: i.incident_type),
        Column("regions", "string", "Region ids, separated by ';' (see the site's region pages).",
               lambda i: _ids(i.region_ids)),
        Column("region_names", "string", "English names of those regions, as the sides use them, separated by ';'.",
               region_names),
        Column("location", "string", "Place as described by the sources.", lambda i: i.place),
        Column("latitude", "number", "WGS 84 latitude; empty when unknown.", coordinate("lat")),
        Column("longitude", "number", "WGS 84 longitude; empty when unknown.", coordinate("lon")),
        Column("geo_precision", "integer", "ACLED geo_precision: 1 the place, 2 near it, 3 only the region.",
               lambda i: GEO_PRECISION.get(i.coordinates.precision or "") if i.coordinates else None),
        Column("weapons", "string", "Weapons reported, separated by ';'.", lambda i: _ids(i.weapons)),
        Column("claimants", "string", "Parties that gave an account (see claims.csv), separated by ';'.", claimants),
        Column("grade", "string", "Confidence grade (confirmed, fair, weak, contested, discounted, single-source).",
               lambda i: i.grade),
        Column("fatalities", "integer",
               "Curated deaths, lowest figure (ACLED fatalities); empty when no figure is curated.",
               figure("killed", "low")),
        Column("fatalities_low", "integer", "Curated deaths, low estimate (UCDP low), summed over parties.",
               figure("killed", "low")),
        Column("fatalities_best", "integer", "Curated deaths, best estimate (UCDP best), summed over parties.",
               figure("killed", "best")),
        Column("fatalities_high", "integer", "Curated deaths, high estimate (UCDP high), summed over parties.",
               figure("killed", "high")),
        Column("wounded_low", "integer", "Curated wounded, low estimate, summed over parties.", figure("wounded", "low")),
        Column("wounded_best", "integer", "Curated wounded, best estimate, summed over parties.", figure("wounded", "best")),
        Column("wounded_high", "integer", "Curated wounded, high estimate, summed over parties.", figure("wounded", "high")),
        Column("casualty_rule", "string", "How the curated figures were chosen.", lambda i: i.casualty_rule),
        Column("sources", "string", "Ids of every source cited for the incident, separated by ';' (see sources.csv).",
               lambda i: _source_ids(i.citations())),
        Column("notes", "string", "Summary of the incident (ACLED notes).", lambda i: i.summary.text),
        Column("page", "string", "Path of the incident's page in the site.", lambda i: f"incidents/{i.id}.html"),
    ]


@dataclass(frozen=True)
class ClaimRow:
    incident: Incident
    number: int
    claim: Any


def _claim_columns(data: Dataset) -> list[Column]:
    def reported(what: str) -> Callable[[ClaimRow], int | None]:
        def total(row: ClaimRow) -> int | None:
            values = [getattr(c, what) for c in row.claim.casualties if getattr(c, what) is not None]
            return sum(values) if values else None
        return total

    def times(row: ClaimRow) -> str:
        return _ids(f"{t.start}-{t.end}" if t.end else t.start for t in row.claim.times)

    def times_utc(row: ClaimRow) -> str:
        converted = utc_times(row.claim, row.incident.date)
        if not converted:
            return ""
        def iso(moment: dt.datetime) -> str:
            return moment.strftime("%Y-%m-%dT%H:%MZ")
        return _ids(f"{iso(a)}/{iso(b)}" if b else iso(a) for a, b in converted)

    def zone(row: ClaimRow) -> str | None:
        return row.claim.time_zone.zone if row.claim.time_zone else None

    def stated(row: ClaimRow) -> bool | None:
        found = row.claim.time_zone
        if found is None or not found.known:
            return None
        return found.stated is not False

    return [
        Column("event_id", "string", "The incident the claim is about (incidents.csv).", lambda r: r.incident.id),
        Column("claim_number", "integer", "Order of the claim on the incident's page, from 1.", lambda r: r.number),
        Column("party", "string", "Party the claimant speaks for.", lambda r: r.claim.party_id),
        Column("party_name", "string", "Name of that party.", lambda r: data.parties[r.claim.party_id].name),
        Column("claimant", "string", "Who made the claim (UCDP source_original).", lambda r: r.claim.claimant),
        Column("claim_date", "date", "When the claim was made; empty when not known.", lambda r: r.claim.date),
        Column("quoted", "boolean", "Whether the text is the claimant's own words.", lambda r: r.claim.quoted),
        Column("text", "string", "The claim as reported.", lambda r: r.claim.text),
        Column("event_date", "date", "The date the account gives for the event; empty when it gives none.",
               lambda r: r.claim.event_date),
        Column("times", "string", "Clock times the account gives (HH:MM, spans HH:MM-HH:MM), separated by ';'.",
               times),
        Column("time_of_day", "string", "A time the account gives only in words ('evening').",
               lambda r: r.claim.time_of_day),
        Column("time_zone", "string", "IANA time zone of those times, or 'not-stated' when the account does not say.",
               zone),
        Column("time_zone_stated", "boolean",
               "true when the account states the zone; false when the zone is inferred (basis on the page); "
               "empty when not stated.", stated),
        Column("times_utc", "string",
               "The times in UTC (ISO 8601, spans start/end), separated by ';'; empty when the zone is not stated "
               "(never converted from a guess).", times_utc),
        Column("place", "string", "The place as this account names it.", lambda r: r.claim.place),
        Column("weapons", "string", "Weapons as this account names them, separated by ';'.",
               lambda r: _ids(r.claim.weapons)),
        Column("blames", "string", "Parties the claimant blames, separated by ';'.", lambda r: _ids(r.claim.blames)),
        Column("blamed_as", "string", "Whom the account blames, in its own words, when that is not one party.",
               lambda r: r.claim.blamed_as),
        Column("reported_killed", "integer", "Deaths as this claimant reported them, summed over the parties named.",
               reported("killed")),
        Column("reported_wounded", "integer", "Wounded as this claimant reported them, summed over the parties named.",
               reported("wounded")),
        Column("reported_casualties", "array",
               "Casualties as reported, per party, as JSON: [{\"party\": ..., \"killed\": ..., \"wounded\": ...}].",
               lambda r: [{"party": c.party_id, "killed": c.killed, "wounded": c.wounded} for c in r.claim.casualties]),
        Column("sources", "string", "Ids of the sources cited for the claim, separated by ';'.",
               lambda r: _source_ids(r.claim.citations)),
    ]


def _source_columns(data: Dataset) -> list[Column]:
    def affiliation(source: Source) -> Any:
        return data.authors[source.publisher_id].affiliation

    return [
        Column("source_id", "string", "Id of the source, as cited in the other files.", lambda s: s.id),
        Column("publisher", "string", "Publisher (UCDP source_office).", lambda s: s.publisher),
        Column("publisher_id", "string", "Id of the publisher (authors.csv).", lambda s: s.publisher_id),
        Column("authors", "string", "Ids of named authors (authors.csv), separated by ';'.",
               lambda s: _ids(s.author_ids)),
        Column("title", "string", "Title of the item; a title the curators wrote is in [square brackets].",
               lambda s: s.title),
        Column("url", "string", "Exact address of the item; empty when not known.", lambda s: s.url, "uri"),
        Column("url_unknown", "string", "Why the exact address is not known.", lambda s: s.url_unknown),
        Column("publisher_site", "string", "The publisher's site or index page (not the item).",
               lambda s: s.publisher_site, "uri"),
        Column("published", "string", "Publication date: YYYY, YYYY-MM or YYYY-MM-DD (as precise as known).",
               lambda s: s.published),
        Column("language", "string", "Language code of the item.", lambda s: s.language),
        Column("kind", "string", "Kind of source (press-release, news, report, ...).", lambda s: s.source_kind),
        Column("provenance", "string",
               "Rung of the provenance ladder: read (a curator read the original), copy (a curator read it in "
               "the copy described by the copy_ columns), via (known only through via_source), not-located "
               "(searched for and not found).", lambda s: s.provenance),
        Column("accessed", "date", "When a curator read it (the original, or the copy); empty for via and not-located.",
               lambda s: s.accessed),
        Column("copy_kind", "string", "For copy: repost, listing, archive (a web archive's capture) or capture (a stored "
               "capture of the page at its own address).", lambda s: s.copy.copy_kind if s.copy else None),
        Column("copy_url", "string", "For copy: the copy's own address.", lambda s: s.copy.url if s.copy else None, "uri"),
        Column("copy_identifier", "string", "For copy: what identifies the copy when it has no address.",
               lambda s: s.copy.identifier if s.copy else None),
        Column("copy_publisher", "string", "For copy: who publishes the copy (an id in authors.csv).",
               lambda s: s.copy.publisher_id if s.copy else None),
        Column("copy_captured", "string", "For copy: when it was captured (YYYY, YYYY-MM or YYYY-MM-DD); empty when "
               "not known.", lambda s: s.copy.captured if s.copy else None),
        Column("copy_note", "string", "For copy: what the copy is and how it differs from the original.",
               lambda s: s.copy.note if s.copy else None),
        Column("archive_url", "string", "Archived copy found; empty when none.", lambda s: s.archive_url, "uri"),
        Column("via_source", "string", "For via: the source this one is known through.",
               lambda s: s.via.source_id if s.via else None),
        Column("via_locator", "string", "For via: where in via_source.", lambda s: s.via.locator if s.via else None),
        Column("searched_date", "date", "When the original was searched for and not found.",
               lambda s: s.searched.date if s.searched else None),
        Column("publisher_affiliation", "string",
               "Affiliation of the publisher: state-body, state-founded, state-funded, party-aligned, private, "
               "independent or unknown (cited in authors.csv).", lambda s: affiliation(s).affiliation_kind),
        Column("publisher_party", "string", "The party the publisher's affiliation names; empty when none.",
               lambda s: affiliation(s).party_id),
        Column("note", "string", "Curators' note.", lambda s: s.note),
    ]


def _author_columns() -> list[Column]:
    return [
        Column("author_id", "string", "Id of the author or publisher.", lambda a: a.id),
        Column("name", "string", "Name.", lambda a: a.name),
        Column("kind", "string", "organisation, person, or account (holder not established).", lambda a: a.author_kind),
        Column("member_of", "string", "Organisations a person works for (author ids), separated by ';'.",
               lambda a: _ids(a.member_of)),
        Column("affiliation", "string",
               "state-body, state-founded, state-funded, party-aligned, private, independent or unknown.",
               lambda a: a.affiliation.affiliation_kind),
        Column("party", "string", "The party the affiliation names; empty when none.",
               lambda a: a.affiliation.party_id),
        Column("note", "string", "The affiliation in words.", lambda a: a.affiliation.note),
        Column("searched_date", "date", "For unknown: when the affiliation was looked for.",
               lambda a: a.affiliation.searched.date if a.affiliation.searched else None),
        Column("sources", "string", "Ids of the sources cited for the affiliation, separated by ';'.",
               lambda a: _source_ids(a.affiliation.citations)),
    ]


def _assessment_columns(data: Dataset) -> list[Column]:
    def affiliation(assessment: Assessment) -> str:
        return data.authors[assessment.author_id].affiliation.affiliation_kind

    return [
        Column("assessment_id", "string", "Id of the assessment.", lambda a: a.id),
        Column("author", "string", "Id of the author (authors.csv): an analyst, never a party.",
               lambda a: a.author_id),
        Column("author_name", "string", "Name of the author.", lambda a: a.author),
        Column("author_affiliation", "string", "Affiliation of the author (authors.csv).", affiliation),
        Column("author_party", "string", "The party the author's affiliation names; empty when none.",
               lambda a: data.authors[a.author_id].affiliation.party_id),
        Column("date", "string", "When it was published: YYYY, YYYY-MM or YYYY-MM-DD.", lambda a: a.published),
        Column("text", "string", "The assessment, attributed to its author.", lambda a: a.text),
        Column("quoted", "boolean", "Whether the text is the author's own words.", lambda a: a.quoted),
        Column("incidents", "string", "Incidents it is about (event_id), separated by ';'.",
               lambda a: _ids(a.incident_ids)),
        Column("milestones", "string", "Milestones it is about, separated by ';'.", lambda a: _ids(a.milestone_ids)),
        Column("clauses", "string", "Agreement clauses it is about, separated by ';'.", lambda a: _ids(a.clause_ids)),
        Column("sources", "string", "Ids of the sources cited, separated by ';'.",
               lambda a: _source_ids(a.citations())),
    ]


@dataclass(frozen=True)
class SilenceRow:
    record: Incident | Milestone
    silence: Silence


def _silence_columns() -> list[Column]:
    return [
        Column("record_id", "string", "The incident or milestone the silence is about.", lambda r: r.record.id),
        Column("record_kind", "string", "incident or milestone.", lambda r: r.record.kind),
        Column("party", "string", "The party whose body did not comment.", lambda r: r.silence.party_id),
        Column("actor", "string", "Which body.", lambda r: r.silence.actor),
        Column("as_of", "date", "The date up to which the source says there was no comment.",
               lambda r: r.silence.as_of),
        Column("text", "string", "The silence in words, attributed to its source.", lambda r: r.silence.text),
        Column("sources", "string", "Ids of the sources cited, separated by ';'.",
               lambda r: _source_ids(r.silence.citations)),
    ]


def _removed_columns() -> list[Column]:
    return [
        Column("id", "string", "The removed id; it is never reused.", lambda r: r.id),
        Column("kind", "string", "Kind of record it was.", lambda r: r.record_kind),
        Column("removed", "date", "When it was removed.", lambda r: r.removed),
        Column("action", "string", "deleted; merged into replaced_by; or moved to replaced_by, a record of "
               "replaced_by_kind.", lambda r: r.action),
        Column("replaced_by", "string", "The record it was merged or moved into; empty when deleted.",
               lambda r: r.replaced_by),
        Column("replaced_by_kind", "string", "For moved records: the kind of replaced_by.",
               lambda r: r.replaced_by_kind),
        Column("reason", "string", "Why it was removed.", lambda r: r.reason),
    ]


#: What makes a spreadsheet read a cell as a formula when it starts the cell (OWASP, "CSV
#: Injection"): =, +, -, @, tab and carriage return. ``=HYPERLINK(...)`` in a title would
#: otherwise run when a reader opens incidents.csv in Excel or LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str | int | float:
    """A value as a CSV cell. Text that a spreadsheet would take for a formula gets a
    leading ``'`` (OWASP); numbers stay numbers (a negative latitude is not text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(columns: Sequence[Column], rows: Iterable[Any]) -> bytes:
    """RFC 4180 CSV in UTF-8: a header row, then one row per record. Every text cell is
    quoted (commas, quotes and line breaks survive, and a spreadsheet that splits cells at
    ``;`` cannot start a new cell, and a formula, inside one); numbers are not."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(c.value(row)) for c in columns])
    return out.getvalue().encode("utf-8")


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False, default=_json_default) + "\n").encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def _plain(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data, with the field names of the data files."""
    fields: dict[str, Any] = msgspec.to_builtins(record)
    return fields


def geojson(data: Dataset, columns: Sequence[Column]) -> dict[str, Any]:
    """Incidents as an RFC 7946 FeatureCollection: [longitude, latitude] positions in
    WGS 84, no ``crs`` member, and a ``null`` geometry where coordinates are unknown."""
    features = []
    for incident in data.incidents.values():
        geometry = None
        if incident.coordinates:
            geometry = {"type": "Point", "coordinates": [incident.coordinates.lon, incident.coordinates.lat]}
        properties = {c.name: _json_value(c.value(incident)) for c in columns if c.name not in ("latitude", "longitude")}
        features.append({"type": "Feature", "id": incident.id, "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def dataset_json(data: Dataset) -> dict[str, Any]:
    """The whole validated dataset, every record kind with all its fields."""
    tables = {kind.plural: [_plain(r) for r in data.records(kind.plural).values()]
              for kind in reversed(KINDS) if kind.data_file}
    return {**tables, REMOVED_FILE: [_plain(r) for r in data.removed]}


def _table(name: str, title: str, description: str, columns: Sequence[Column], key: str | None) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [c.field() for c in columns], "missingValues": [""]}
    if key:
        schema["primaryKey"] = key
    return {
        "name": name, "path": f"{name}.csv", "title": title, "description": description,
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
        "schema": schema,
    }


def build_exports(data: Dataset, title: str, description: str = "", dates: SiteDates = NO_DATES,
                  scope: ScopeWords | None = None) -> dict[str, bytes]:
    """Every export file, by its path in the site, in a stable order; ``scope`` (the declared
    scope and the data's coverage) goes into the metadata of every file that has any."""
    incident_columns = _incident_columns(data) + _join_columns(data, dates)
    claim_columns = _claim_columns(data)
    claim_rows = [ClaimRow(i, n, c) for i in data.incidents.values() for n, c in enumerate(i.claims, start=1)]
    silent: list[Incident | Milestone] = [*data.incidents.values(), *data.milestones.values()]
    silence_rows = [SilenceRow(r, s) for r in silent for s in r.silent]
    source_columns = _source_columns(data)
    assessment_columns = _assessment_columns(data)
    tables = {
        "incidents": to_csv(incident_columns, data.incidents.values()),
        "claims": to_csv(claim_columns, claim_rows),
        "assessments": to_csv(assessment_columns, data.assessments.values()),
        "silences": to_csv(_silence_columns(), silence_rows),
        "sources": to_csv(source_columns, data.sources.values()),
        "authors": to_csv(_author_columns(), data.authors.values()),
        "removed": to_csv(_removed_columns(), data.removed),
    }
    as_of = last_data_date(data)
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "briefing",
        "title": title,
        "description": " ".join(t for t in (description or title, scope.text if scope else "") if t),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [
            _table("incidents", "Incidents", "One row per incident.", incident_columns, "event_id"),
            _table("claims", "Claims", "One row per party's account of an incident (parties only: analysts' "
                   "conclusions are in assessments).", claim_columns, None),
            _table("assessments", "Assessments",
                   "One row per assessment by an analyst, journalist or researcher: attributed to its author, "
                   "never a party's claim.", assessment_columns, "assessment_id"),
            _table("silences", "Silences",
                   "One row per party's body that did not comment on an incident or milestone, as a cited source "
                   "says.", _silence_columns(), None),
            _table("sources", "Sources", "Every cited source, with its rung on the provenance ladder and its "
                   "publisher's affiliation.", source_columns, "source_id"),
            _table("authors", "Authors and publishers", "Who wrote or published the sources and assessments, with "
                   "their cited affiliation.", _author_columns(), "author_id"),
            _table("removed", "Removed records",
                   "Ids that were published and then deleted or merged (like ACLED's deletions list).",
                   _removed_columns(), None),
            {"name": "incidents-geojson", "path": "incidents.geojson", "title": "Incidents on a map",
             "description": "The incidents as an RFC 7946 GeoJSON FeatureCollection (null geometry where "
                            "coordinates are unknown), with the properties of incidents.csv.",
             "format": "geojson", "mediatype": "application/geo+json", "encoding": "utf-8"},
            {"name": "briefing", "path": "briefing.json", "title": "The whole dataset",
             "description": "Every validated record of every kind (parties, authors, regions, sources, agreements "
                            "with their clauses, milestones, incidents, assessments, removed ids) as JSON.",
             "format": "json", "mediatype": "application/json", "encoding": "utf-8"},
        ],
    }
    if as_of:
        package["created"] = f"{as_of.isoformat()}T00:00:00Z"
    resources = {r["name"]: r for r in package["resources"]}
    resources["claims"]["schema"]["foreignKeys"] = [
        {"fields": "event_id", "reference": {"resource": "incidents", "fields": "event_id"}}
    ]
    resources["sources"]["schema"]["foreignKeys"] = [
        {"fields": "publisher_id", "reference": {"resource": "authors", "fields": "author_id"}}
    ]
    resources["assessments"]["schema"]["foreignKeys"] = [
        {"fields": "author", "reference": {"resource": "authors", "fields": "author_id"}}
    ]
    files = {f"{FOLDER}/{name}.csv": content for name, content in tables.items()}
    scoped = {"scope": scope.as_json()} if scope else {}
    package.update(scoped)
    files[f"{FOLDER}/incidents.geojson"] = _json_bytes({**geojson(data, incident_columns), **scoped})
    files[f"{FOLDER}/briefing.json"] = _json_bytes({**scoped, **dataset_json(data)})
    files[f"{FOLDER}/datapackage.json"] = _json_bytes(package)
    originals = [references.source_reference(s, data.authors) for s in sorted(data.sources.values(), key=lambda s: s.id)]
    for extension, text in references.formats(originals).items():
        files[f"{FOLDER}/bibliography.{extension}"] = text.encode("utf-8")
    database = _database_tables(data, package, incident_columns, claim_columns, claim_rows, silence_rows)
    files[f"{FOLDER}/briefing.sqlite"] = sqlite_bytes(database)
    files[f"{FOLDER}/datasette-metadata.json"] = _json_bytes(datasette_metadata(title, database))
    package["resources"] += _other_resources()
    files[f"{FOLDER}/datapackage.json"] = _json_bytes(package)
    return files


def _other_resources() -> list[dict[str, Any]]:
    """The data package's description of the bibliography and the database files."""
    def resource(name: str, path: str, title: str, description: str, media: str) -> dict[str, Any]:
        return {"name": name, "path": path, "title": title, "description": description,
                "format": path.rsplit(".", 1)[1], "mediatype": media, "encoding": "utf-8"}

    database = resource("database", "briefing.sqlite", "The whole dataset as SQLite",
                        "Every table above plus parties, regions and link tables, with foreign keys; columns "
                        "documented in its _columns table (open it with Datasette).", "application/vnd.sqlite3")
    del database["encoding"]  # a binary file
    return [
        resource("bibliography-bibtex", "bibliography.bib", "Sources as BibTeX",
                 "Every source's original, for a reference manager.", "application/x-bibtex"),
        resource("bibliography-ris", "bibliography.ris", "Sources as RIS",
                 "Every source's original, for a reference manager.", "application/x-research-info-systems"),
        resource("bibliography-csl", "bibliography.json", "Sources as CSL-JSON",
                 "Every source's original, for Zotero, Pandoc and citeproc.", "application/vnd.citationstyles.csl+json"),
        database,
        resource("datasette-metadata", "datasette-metadata.json", "Datasette metadata",
                 "Titles and column descriptions for datasette briefing.sqlite -m datasette-metadata.json.",
                 "application/json"),
    ]


def _join_columns(data: Dataset, dates: SiteDates) -> list[Column]:
    """The keys analysts join on (:mod:`.join_keys`): country, first-level area, year, UCDP's
    precision codes, and when the record last changed."""
    def name(region: Any) -> str | None:
        return region.title if region else None

    def code(region: Any) -> str | None:
        return region.iso_3166 if region else None

    def changed(incident: Incident) -> str | None:
        day = dates.of(incident).last_changed
        return None if day is None or day.on_or_before else day.day.isoformat()

    return [
        Column("country", "string", "Country the incident's place lies in, in English (ACLED and UCDP country).",
               lambda i: name(join_keys.country(data, i))),
        Column("iso", "string", "ISO 3166-1 alpha-2 code of that country (ACLED's numeric iso maps one to one).",
               lambda i: code(join_keys.country(data, i))),
        Column("admin1", "string", "First-level administrative area (ACLED admin1): the largest region with an "
               "ISO 3166-2 code.", lambda i: name(join_keys.admin1(data, i))),
        Column("admin1_iso", "string", "ISO 3166-2 code of admin1.", lambda i: code(join_keys.admin1(data, i))),
        Column("year", "integer", "Year of the incident (ACLED year).", join_keys.year),
        Column("date_prec", "integer", "UCDP GED date_prec: 1 the day, 2 a span of 2-6 days, 3 a week, 4 a month.",
               join_keys.date_prec),
        Column("where_prec", "integer", "UCDP GED where_prec: 1 the place, 2 within 25 km, 3 a district, 4 a "
               "first-level area, 5 a border or other line, 6 the country.", lambda i: join_keys.where_prec(data, i)),
        Column("last_changed", "date", "When the record last changed on the site (from the data's history); empty "
               "when not known exactly.", changed),
    ]


@dataclass(frozen=True)
class _Link:
    left: str
    right: str


def _region_columns() -> list[Column]:
    return [
        Column("region_id", "string", "Id of the region.", lambda r: r.id),
        Column("name", "string", "English names the sides use.", lambda r: r.title),
        Column("kind", "string", "country, district, city, border-section ...", lambda r: r.kind_of_place),
        Column("parent", "string", "The region it lies in.", lambda r: r.parent_id),
        Column("iso_3166", "string", "ISO 3166-1 alpha-2 or ISO 3166-2 code.", lambda r: r.iso_3166),
        Column("latitude", "number", "WGS 84 latitude.", lambda r: r.coordinates.lat if r.coordinates else None),
        Column("longitude", "number", "WGS 84 longitude.", lambda r: r.coordinates.lon if r.coordinates else None),
    ]


def _party_columns() -> list[Column]:
    return [
        Column("party_id", "string", "Id of the party.", lambda p: p.id),
        Column("name", "string", "Name.", lambda p: p.name),
        Column("role", "string", "belligerent, de-facto-authority, mediator, peacekeeper, monitor ...",
               lambda p: p.role),
    ]


def _link_table(name: str, description: str, other: str, links: list[_Link]) -> Table:
    """A table linking incidents to the rows of ``other`` (sources or regions)."""
    key = f"{other[:-1]}_id"
    columns = [Column("event_id", "string", "The incident (incidents.event_id).", lambda r: r.left),
               Column(key, "string", f"One of its {other} ({other}.{key}).", lambda r: r.right)]
    return Table(name, description, columns, links, ("event_id", key),
                 {"event_id": ("incidents", "event_id"), key: (other, key)})


def _database_tables(data: Dataset, package: dict[str, Any], incident_columns: list[Column],
                     claim_columns: list[Column], claim_rows: list[ClaimRow],
                     silence_rows: list[SilenceRow]) -> list[Table]:
    """The tables of the SQLite database: the CSV tables, parties, regions and link tables."""
    described = {r["name"]: r.get("description", "") for r in package["resources"]}
    incidents = data.incidents.values()
    return [
        Table("parties", "The parties whose accounts are recorded.", _party_columns(), data.parties.values(),
              ("party_id",)),
        Table("authors", described["authors"], _author_columns(), data.authors.values(), ("author_id",),
              {"party": ("parties", "party_id")}),
        Table("regions", "Regions and places, each inside its parent.", _region_columns(), data.regions.values(),
              ("region_id",), {"parent": ("regions", "region_id")}),
        Table("sources", described["sources"], _source_columns(data), data.sources.values(), ("source_id",),
              {"publisher_id": ("authors", "author_id"), "via_source": ("sources", "source_id")}),
        Table("incidents", described["incidents"], incident_columns, incidents, ("event_id",)),
        Table("claims", described["claims"], claim_columns, claim_rows, ("event_id", "claim_number"),
              {"event_id": ("incidents", "event_id"), "party": ("parties", "party_id")}),
        Table("assessments", described["assessments"], _assessment_columns(data), data.assessments.values(),
              ("assessment_id",), {"author": ("authors", "author_id")}),
        Table("silences", described["silences"], _silence_columns(), silence_rows, (),
              {"party": ("parties", "party_id")}),
        Table("removed", described["removed"], _removed_columns(), data.removed),
        _link_table("incident_sources", "The sources each incident cites.", "sources",
                    [_Link(i.id, s) for i in incidents for s in dict.fromkeys(c.source_id for c in i.citations())]),
        _link_table("incident_regions", "The regions of each incident.", "regions",
                    [_Link(i.id, r) for i in incidents for r in dict.fromkeys(i.region_ids)]),
    ]



