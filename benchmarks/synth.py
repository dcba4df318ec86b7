"""Write a valid synthetic dataset of N incidents with the shape of real data.

    python benchmarks/synth.py --incidents 10000 --out /tmp/synth-10k

Writes ``OUT/data/*.yaml``. The same arguments always give the same bytes (seeded). The
records are written one JSON object per line (``--style json``, the default: fast to write
and exact) or as block YAML the way analysts write it (``--style block``). The
shape follows the real dataset: a hierarchy of regions with paired names, sources shared
by many incidents, 1-4 claims per incident from different parties, clauses and
milestones cross-referenced, long and non-ASCII text. Used by the scale benchmark and
by tests that need many records.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

PARTIES = [
    ("azerbaijan", "Azerbaijan", "belligerent"),
    ("armenia", "Armenia", "belligerent"),
    ("karabakh-armenian-authorities", "De facto Karabakh Armenian authorities", "de-facto-authority"),
    ("russia", "Russia", "mediator"),
    ("turkey", "Turkey", "monitor"),
]
CLAIMANTS = ["azerbaijan", "armenia", "karabakh-armenian-authorities", "russia"]
TYPES = ["exchange-of-fire", "shelling", "sniper-fire", "attack", "drone-strike", "other"]
GRADES = ["confirmed", "fair", "weak", "contested", "discounted", "single-source"]
WORDS = ["positions", "direction", "village", "border", "section", "fire", "shelling", "reported", "ministry", "statement", "soldiers", "wounded", "killed", "ceasefire", "peacekeepers", "line", "contact", "district", "artillery", "drone", "Şuşa", "Шуша", "Շուշի", "Ağdam", "Ակնա", "Kəlbəcər", "Քարվաճառ", "Ханкенди", "Ստեփանակերտ"]
START = dt.date(2021, 1, 1)
#: ``places="real"``: regions named and placed as the real briefing's (data/regions.yaml, GeoNames
#: points), so that maps draw what only real places give: Natural Earth district areas and a
#: stretch of the state border (``briefing/render/drawings/areas.py``). Some match no area and
#: are drawn as rings, as on the real site. (id, kind, country, name, lat, lon.)
REAL_PLACES = [
    ("tovuz", "district", "a", "Tovuz", 40.99249, 45.62838),
    ("gadabay", "district", "a", "Gadabay", 40.57055, 45.81229),
    ("kalbajar", "district", "a", "Kalbajar", 40.10984, 46.04446),
    ("agdam", "district", "a", "Agdam", 39.99096, 46.92736),
    ("lachin", "district", "a", "Lachin", 39.63742, 46.54977),
    ("sadarak", "district", "a", "Sadarak", 39.71427, 44.88455),
    ("gegharkunik", "region", "b", "Gegharkunik", 40.25568, 45.14728),
    ("yeraskh-border-section", "border-section", None, "Yeraskh section of the border", 39.73944, 44.82806),
]
PLACES = ("synthetic", "real")


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


STYLES = ("json", "block")


class _BlockDumper(yaml.SafeDumper):
    """Block YAML as analysts write it: dates plain (``date: 2021-07-06``), not quoted, and
    every value written out (a shared value would become an alias, which the reader refuses)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


_BlockDumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _dump(records: list[dict], kind: str, style: str = "json") -> str:
    head = f"# yaml-language-server: $schema=../briefing/schema/{kind}.schema.json\n"
    if style == "block":
        return head + yaml.dump(records, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100,
                                default_flow_style=None)  # short lists in flow style, like the real data
    # JSON is YAML: one record per line keeps writing fast and the output exact.
    return head + "".join(f"- {json.dumps(r, ensure_ascii=False)}\n" for r in records)


def generate(incidents: int, seed: int = 1, style: str = "json", places: str = "synthetic") -> dict[str, str]:
    """The text of each data file for a dataset of ``incidents`` incidents, in ``style``;
    ``places="real"`` adds the real briefing's districts (:data:`REAL_PLACES`), and the
    incidents known only to their district (a third) are placed at one of them."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    if places not in PLACES:
        raise ValueError(f"places must be one of {PLACES}, not {places!r}")
    rng = random.Random(seed)
    n_regions = max(10, incidents // 20)
    n_sources = max(10, incidents // 3)
    n_milestones = max(5, incidents // 50)
    days = max(30, incidents // 5)

    parties = [{"id": i, "name": n, "role": r} for i, n, r in PARTIES]

    # Publishers: a ministry per claimant party (a state body), news agencies of every kind of
    # affiliation, and analysts whose conclusions are assessments. Affiliations are cited to
    # the first source (source-0), which is read; "unknown" ones say where they were looked for.
    kinds = ["state-founded", "state-funded", "party-aligned", "private", "independent", "unknown"]
    authors: list[dict] = []
    for party in CLAIMANTS:
        authors.append({"id": f"mod-{party}", "name": f"Ministry of Defence ({party})", "kind": "organisation",
                        "affiliation": {"kind": "state-body", "party": party, "note": "A ministry of the government.",
                                        "citations": [{"source": "source-0", "locator": "paragraph 1"}]}})
    for a in range(40):
        kind = kinds[a % len(kinds)]
        affiliation: dict = {"kind": kind}
        if kind == "unknown":
            affiliation["searched"] = {"date": "2021-12-01", "where": "The publisher's site and press registers."}
        else:
            affiliation.update(note=f"Affiliation of publisher {a}.", citations=[{"source": "source-0"}])
            if kind in ("state-founded", "party-aligned"):
                affiliation["party"] = CLAIMANTS[a % len(CLAIMANTS)]
        authors.append({"id": f"publisher-{a}", "name": f"Publisher {a} «Агентство»", "kind": "organisation",
                        "affiliation": affiliation})
    analysts = [f"analyst-{a}" for a in range(10)]
    for analyst in analysts:
        authors.append({"id": analyst, "name": f"Analyst {analyst[8:]} Ансалы", "kind": "person",
                        "member_of": ["publisher-4"],
                        "affiliation": {"kind": "independent", "note": "Works for publisher 4.",
                                        "citations": [{"source": "source-0"}]}})
    publishers = [a["id"] for a in authors if a["kind"] == "organisation"]

    sources = []
    for s in range(n_sources):
        published = START + dt.timedelta(days=rng.randrange(days + 60))
        source = {
            "id": f"source-{s}", "publisher": publishers[s % len(publishers)],
            "title": _text(rng, 8), "published": published.isoformat(),
            "language": rng.choice(["en", "az", "hy", "ru"]), "kind": "news",
        }
        if s and s % 5 == 0:  # known only through an earlier source, which was read
            source["url_unknown"] = "The citing source gives no address."
            source["provenance"] = "via"
            source["via"] = {"source": f"source-{s - 1}", "locator": "paragraph 2", "quote": _text(rng, 12)}
        else:
            source["url"] = f"https://example.org/news/{s}?lang=en"
            source["provenance"] = "read"
            source["accessed"] = (published + dt.timedelta(days=rng.randrange(1, 30))).isoformat()
            if s % 3 == 0:
                source["archive_url"] = f"https://web.archive.org/web/2021/https://example.org/news/{s}"
        sources.append(source)
    sources[0]["published"] = START.isoformat()  # cited for affiliations: known before everything

    def by_party(party: str) -> dict:
        """A citation of a source published by the party's ministry (a name it uses)."""
        return {"source": f"source-{publishers.index(f'mod-{party}')}"}

    basis = {"text": "The gazetteer's point.", "citations": [{"source": "source-0", "locator": "gazetteer"}]}
    regions: list[dict] = [
        {"id": "country-a", "kind": "country", "names": [{"name": "Azerbaijan", "lang": "en",
                                                          "citations": [{"source": "source-0"}]}]},
        {"id": "country-b", "kind": "country", "names": [{"name": "Armenia", "lang": "en",
                                                          "citations": [{"source": "source-0"}]}]},
    ]
    districts = max(2, n_regions // 10)
    for d in range(districts):
        regions.append({
            "id": f"district-{d}", "kind": "district", "parent": f"country-{'ab'[d % 2]}",
            "parent_citations": [{"source": "source-0", "locator": "gazetteer"}],
            "names": [{"name": f"District {d}", "lang": "en", "used_by": ["azerbaijan"],
                       "citations": [by_party("azerbaijan")]},
                      {"name": f"Rayon {d}", "lang": "en", "used_by": ["armenia"], "citations": [by_party("armenia")]},
                      {"name": f"Rayon {d} — Ռայոն", "lang": "hy", "citations": [{"source": "source-0"}]}],
            "coordinates": {"lat": round(39 + rng.random() * 2, 3), "lon": round(45 + rng.random() * 2, 3),
                            "basis": basis},
        })
    for v in range(n_regions - districts - 2):
        regions.append({
            "id": f"village-{v}", "kind": "village", "parent": f"district-{v % districts}",
            "parent_citations": [{"source": "source-0", "locator": "gazetteer"}],
            "names": [{"name": f"Village {v}", "lang": "en", "used_by": ["azerbaijan"],
                       "citations": [by_party("azerbaijan")]},
                      {"name": f"Kənd {v}", "lang": "az", "citations": [{"source": "source-0"}]},
                      {"name": f"Գյուղ {v}", "lang": "hy", "citations": [{"source": "source-0"}]}],
            "coordinates": {"lat": round(39 + rng.random() * 2, 3), "lon": round(45 + rng.random() * 2, 3),
                            "basis": basis},
        })
    villages = [r["id"] for r in regions if r["kind"] == "village"] or [r["id"] for r in regions[2:]]
    real = _real_places(by_party) if places == "real" else []
    regions += real

    # A source is cited only for what happened before it was published (else `check` warns).
    by_date = sorted(sources, key=lambda source: source["published"])
    dates = [source["published"] for source in by_date]

    def cite(after: dt.date = START) -> list[dict]:
        first = min(bisect.bisect_left(dates, after.isoformat()), len(by_date) - 1)
        return [{"source": by_date[rng.randrange(first, len(by_date))]["id"], "locator": f"paragraph {rng.randrange(1, 9)}"}
                for _ in range(rng.randint(1, 2))]

    clauses = [{
        "id": f"accord-clause-{c}", "number": str(c), "title": _text(rng, 6).rstrip("."),
        "topics": [rng.choice(["ceasefire", "peacekeeping", "withdrawal-of-forces", "transport-links"])],
        "texts": [{"version": "English", "language": "en", "text": _text(rng, 60), "citations": cite()},
                  {"version": "Русский", "language": "ru", "text": _text(rng, 60), "citations": cite()}],
    } for c in range(1, 10)]
    agreements = [{
        "id": "accord", "title": "Synthetic accord", "date": START.isoformat(),
        "parties": ["armenia", "azerbaijan", "russia"],
        "summary": {"text": _text(rng, 30), "citations": cite()}, "clauses": clauses,
    }]

    milestones = []
    for m in range(n_milestones):
        date = START + dt.timedelta(days=rng.randrange(days))
        milestones.append({
            "id": f"milestone-{m}", "date": date.isoformat(),
            "kind": rng.choice(["summit", "statement", "proposal", "talks"]), "title": _text(rng, 7),
            "parties": rng.sample(CLAIMANTS[:2], k=rng.randint(1, 2)),
            "summary": {"text": _text(rng, 40), "citations": cite(date)},
            "clauses": [{"clause": f"accord-clause-{rng.randint(1, 9)}", "why": _text(rng, 10),
                         "citations": cite(date)}],
            "agreements": ["accord"],
        })

    records: list[dict[str, Any]] = []
    for i in range(incidents):
        date = START + dt.timedelta(days=rng.randrange(days))
        claimants = rng.sample(CLAIMANTS, k=rng.randint(1, 4))
        claims = []
        for party in claimants:
            claim: dict[str, Any] = {"party": party, "claimant": f"Ministry of Defence ({party})", "text": _text(rng, 45),
                     "quoted": rng.random() < 0.5, "citations": cite(date), "event_date": date.isoformat(),
                     "place": _text(rng, 3)}
            if rng.random() < 0.5:
                claim["times"] = [{"start": f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"}]
                claim["time_zone"] = {"zone": rng.choice(["Asia/Baku", "Asia/Yerevan", "Europe/Moscow", "not-stated"]),
                                      "stated": True}
                if claim["time_zone"]["zone"] == "not-stated":
                    del claim["time_zone"]["stated"]
            if rng.random() < 0.3:
                claim["casualties"] = [{"party": party, "killed": rng.randrange(3), "wounded": rng.randrange(5)}]
            claims.append(claim)
        incident: dict[str, Any] = {
            "id": f"incident-{i}", "title": _text(rng, 9).rstrip("."), "date": date.isoformat(),
            "date_precision": rng.choice(["day", "day", "day", "week", "month"]),
            "regions": [rng.choice(villages)], "place": _text(rng, 4),
            "coordinates": {"lat": round(39 + rng.random() * 2, 4), "lon": round(45 + rng.random() * 2, 4),
                            "precision": rng.choice(["exact", "near", "region"]), "basis": basis},
            "type": rng.choice(TYPES), "summary": {"text": _text(rng, 70), "citations": cite(date)},
            "claims": claims, "grade": "contested" if len(claims) > 1 else "single-source",
            "clauses": [{"clause": f"accord-clause-{rng.randint(1, 9)}", "why": _text(rng, 12),
                         "citations": cite(date)}],
        }
        silent = [p for p in CLAIMANTS if p not in claimants]
        if silent and rng.random() < 0.3:
            incident["silent"] = [{"party": silent[0], "actor": f"Ministry of Defence ({silent[0]})",
                                   "text": _text(rng, 15), "citations": cite(date)}]
        if real and incident["coordinates"]["precision"] == "region":
            at = real[i % len(real)]
            incident["regions"] = [at["id"]]
            incident["coordinates"] = {**at["coordinates"], "precision": "region", "region": at["id"]}
            del incident["coordinates"]["basis"]
        records.append(incident)

    assessments = []
    for a in range(max(1, incidents // 10)):
        about = rng.sample(records, k=min(len(records), rng.randint(1, 3)))
        date = max(dt.date.fromisoformat(r["date"]) for r in about)
        assessments.append({
            "id": f"assessment-{a}", "author": rng.choice(analysts), "date": date.isoformat(),
            "text": _text(rng, 40), "incidents": [r["id"] for r in about], "citations": cite(date),
        })

    return {
        "parties": _dump(parties, "parties", style), "authors": _dump(authors, "authors", style),
        "regions": _dump(regions, "regions", style), "sources": _dump(sources, "sources", style),
        "agreements": _dump(agreements, "agreements", style), "milestones": _dump(milestones, "milestones", style),
        "incidents": _dump(records, "incidents", style), "assessments": _dump(assessments, "assessments", style),
    }


def _real_places(by_party: Callable[[str], dict]) -> list[dict]:
    """The regions of :data:`REAL_PLACES`, cited as the synthetic districts are."""
    basis = {"text": "The gazetteer's point.", "citations": [{"source": "source-0", "locator": "gazetteer"}]}
    found = []
    for place, kind, country, name, lat, lon in REAL_PLACES:
        region: dict = {"id": place, "kind": kind}
        if country:
            region.update(parent=f"country-{country}", parent_citations=[{"source": "source-0", "locator": "gazetteer"}])
        region["names"] = [{"name": name, "lang": "en", "used_by": ["azerbaijan"], "citations": [by_party("azerbaijan")]}]
        region["coordinates"] = {"lat": lat, "lon": lon, "basis": basis}
        found.append(region)
    return found


def write(out: Path, incidents: int, seed: int = 1, style: str = "json", places: str = "synthetic") -> Path:
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for kind, text in generate(incidents, seed, style, places).items():
        (data / f"{kind}.yaml").write_text(text, encoding="utf-8")
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--style", choices=STYLES, default="json", help="one JSON object per line, or block YAML")
    parser.add_argument("--places", choices=PLACES, default="synthetic",
                        help="synthetic districts only, or the real briefing's districts too (areas, a border stretch)")
    args = parser.parse_args()
    print(write(args.out, args.incidents, args.seed, args.style, args.places))


if __name__ == "__main__":
    main()
