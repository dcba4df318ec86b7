"""The keys analysts join on, for every incident: country, first-level area, year, the
precision codes of ACLED and UCDP GED, and the record's last change.

* **country** (``country``, ``iso``): the country region all the incident's regions lie
  in, with its ISO 3166-1 alpha-2 code (``iso_3166`` in regions.yaml); empty for an
  incident whose regions lie in two countries (a border clash each side places on the
  other's side), so the export never takes a side. ACLED
  and UCDP both name the country in English; ACLED's numeric ``iso`` and UCDP's
  Gleditsch-Ward ``country_id`` map one to one from the alpha-2 code.
* **first-level area** (``admin1``, ``admin1_iso``): the largest region under the country
  that has an ISO 3166-2 code (a rayon or an autonomous republic of Azerbaijan, a
  province of Armenia); named regions without a code (Karabakh) are passed over. ACLED's
  ``admin1`` names the same level.
* **date precision**: ACLED ``time_precision`` (1 day, 2 week, 3 month) is already in the
  exports; UCDP ``date_prec`` (1 the exact day, 2 a span of 2–6 days, 3 a week, 4 a month,
  5 a year).
* **place precision**: ACLED ``geo_precision`` (1 the place, 2 near it, 3 a larger area) is
  already in the exports; UCDP ``where_prec`` (1 the exact place, 2 within 25 km of a
  known point, 3 a second-order area such as a district, 4 a first-order area, 5 a
  linear feature such as a border, 6 the country), from the coordinates' precision and
  the kind of region they stand for.
"""

from __future__ import annotations

import datetime as dt

from briefing.model.records import Dataset, Incident, Region

#: UCDP ``where_prec`` for coordinates drawn at a region, by the region's kind.
_WHERE_BY_KIND = {"city": 2, "town": 2, "village": 2, "district": 3, "area": 3, "autonomous-republic": 4,
                  "region": 4, "border-section": 5, "corridor": 5, "country": 6}


def _chain(data: Dataset, region_id: str) -> list[Region]:
    """The region and every region containing it, nearest first."""
    chain = [data.regions[region_id]]
    while chain[-1].parent_id:
        chain.append(data.regions[chain[-1].parent_id])
    return chain


def _first_region(data: Dataset, incident: Incident) -> str | None:
    """The first of the incident's regions that no other of its regions lies in."""
    containing = {r.id for region_id in incident.region_ids for r in _chain(data, region_id)[1:]}
    return next((r for r in incident.region_ids if r not in containing), None)


def _countries(data: Dataset, incident: Incident) -> set[str]:
    return {r.id for region_id in incident.region_ids for r in _chain(data, region_id) if r.kind_of_place == "country"}


def country(data: Dataset, incident: Incident) -> Region | None:
    """The one country all the incident's regions lie in; None for a border incident whose
    regions lie in two countries (the accounts place it on either side), or none."""
    found = _countries(data, incident)
    return data.regions[found.pop()] if len(found) == 1 else None


def admin1(data: Dataset, incident: Incident) -> Region | None:
    """The largest region with an ISO 3166-2 code among the incident's regions and the
    regions containing them, when there is one such region and one country."""
    if country(data, incident) is None:
        return None
    coded: dict[str, int] = {}
    for region_id in incident.region_ids:
        chain = _chain(data, region_id)
        tops = [(depth, r) for depth, r in enumerate(reversed(chain))
                if r.kind_of_place != "country" and r.iso_3166 and "-" in r.iso_3166]
        if tops:
            depth, region = tops[0]
            coded[region.id] = depth
    if not coded:
        return None
    shallowest = min(coded.values())
    found = [region_id for region_id, depth in coded.items() if depth == shallowest]
    return data.regions[found[0]] if len(found) == 1 else None


def date_prec(incident: Incident) -> int:
    """UCDP GED ``date_prec``."""
    if incident.date_precision == "month":
        return 4
    if incident.date_precision == "week":
        return 3
    span = ((incident.date_end or incident.date) - incident.date).days
    return 1 if span == 0 else 2 if span <= 6 else 3 if span <= 7 else 4


def where_prec(data: Dataset, incident: Incident) -> int | None:
    """UCDP GED ``where_prec``; None when the incident is not placed at all."""
    coordinates = incident.coordinates
    if coordinates is not None and coordinates.precision == "exact":
        return 1
    if coordinates is not None and coordinates.precision == "near":
        return 2
    region_id = getattr(coordinates, "region_id", None) or _first_region(data, incident)
    if region_id is None or region_id not in data.regions:
        return None
    return _WHERE_BY_KIND.get(data.regions[region_id].kind_of_place, 4)


def year(incident: Incident) -> int:
    return incident.date.year


def iso_day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
