"""Story tests: the site an analyst publishes from the real data, read as a reader reads it.

The real ``data/`` is built once per session (``real_site`` / ``real_pages`` in
conftest.py) with ``mkdocs build --strict``; every assertion is on the built HTML.
Records are looked up in ``data/*.yaml`` by their content (date, place, party, words),
so a curator renaming an id does not break the story.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from sitetools import Site, day_text, fragment, heading_text, is_external, resolve, section, squash
from testdata import PROJECT, REAL_DATA, clause_records, ids, load_yaml

FOLDERS = ("incidents", "regions", "agreements", "milestones", "sources", "parties", "authors", "assessments")
INDEX_PAGES = [f"{folder}/index.html" for folder in (*FOLDERS, "clauses")]


# --- the data, read independently of the package ----------------------------------------

INCIDENTS = load_yaml(REAL_DATA, "incidents")
MILESTONES = load_yaml(REAL_DATA, "milestones")
REGIONS = load_yaml(REAL_DATA, "regions")
PARTIES = {p["id"]: p for p in load_yaml(REAL_DATA, "parties")}
SOURCES = {s["id"]: s for s in load_yaml(REAL_DATA, "sources")}
AUTHORS = {a["id"]: a for a in load_yaml(REAL_DATA, "authors")}
ASSESSMENTS = load_yaml(REAL_DATA, "assessments")
AGREEMENTS = load_yaml(REAL_DATA, "agreements")
CLAUSES = clause_records(REAL_DATA)


def record_pages() -> list[str]:
    pages = [f"{folder}/{record_id}.html" for folder in FOLDERS for record_id in ids(REAL_DATA, folder)]
    pages += [f"clauses/{clause['id']}.html" for _agreement, clause in CLAUSES]
    return pages


def page(folder: str, record: dict[str, Any]) -> str:
    return f"{folder}/{record['id']}.html"


def citations_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every citation anywhere inside a record (summary, claims, clause texts)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "citations":
                    found.extend(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(record)
    return found


def one(records: list[dict[str, Any]], what: str, **where: Any) -> dict[str, Any]:
    """The single record matching every condition; conditions are callables or values."""
    def fits(record: dict[str, Any]) -> bool:
        return all(test(record.get(key)) if callable(test) else record.get(key) == test
                   for key, test in where.items())

    matches = [r for r in records if fits(r)]
    assert len(matches) == 1, f"expected exactly one {what} in the data, found {[r['id'] for r in matches]}"
    return matches[0]


def incident_on(day: str, region: str) -> dict[str, Any]:
    return one(INCIDENTS, f"incident on {day} in {region}",
               date=lambda d: str(d) == day, regions=lambda rs: region in rs)


def source_where(test: Any) -> set[str]:
    return {sid for sid, source in SOURCES.items() if test(source)}


def h1(site: Site, path: str) -> str:
    headings = site.article(path).find_all("h1")
    assert len(headings) == 1, f"{path}: expected one <h1>, found {len(headings)}"
    return heading_text(headings[0])


def region_title(region: dict[str, Any]) -> str:
    """Every English name, once; a name that only reorders or re-punctuates the same words
    ("Nagorno Karabakh", "Nagorno-Karabakh") is the same name for a reader (issue 23.5)."""
    english: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for name in region["names"]:
        words = tuple(sorted(re.split(r"[\s\-‐–—/]+", name["name"].casefold())))
        if name["lang"] == "en" and words not in seen:
            seen.add(words)
            english.append(name["name"])
    return " / ".join(english) or region["names"][0]["name"]


def publisher(source: dict[str, Any]) -> str:
    return AUTHORS[source["publisher"]]["name"]


# --- every record has its page -----------------------------------------------------------


def test_every_record_has_its_own_page(real_pages: Site) -> None:
    pages = record_pages()
    assert len(pages) == len(set(pages))
    missing = [path for path in pages if not real_pages.exists(path)]
    assert missing == []


@pytest.mark.parametrize(("folder", "title"), [
    ("incidents", lambda r: r["title"]),
    ("milestones", lambda r: r["title"]),
    ("agreements", lambda r: r["title"]),
    ("parties", lambda r: r["name"]),
    ("regions", region_title),
    ("sources", lambda r: f"{publisher(r)}: {r['title']}"),
    ("authors", lambda r: r["name"]),
])
def test_record_page_is_headed_by_the_record(real_pages: Site, folder: str, title: Any) -> None:
    for record in load_yaml(REAL_DATA, folder):
        assert h1(real_pages, page(folder, record)) == squash(title(record))


def test_clause_page_is_headed_by_the_clause(real_pages: Site) -> None:
    for _agreement, clause in CLAUSES:
        expected = f"Clause {clause['number']}: {clause['title']}"
        assert h1(real_pages, page("clauses", clause)) == squash(expected)


@pytest.mark.parametrize("folder", FOLDERS)
def test_index_page_lists_every_record_of_its_kind(real_pages: Site, folder: str) -> None:
    index = f"{folder}/index.html"
    unlisted = [record_id for record_id in ids(REAL_DATA, folder)
                if not real_pages.article_links_to(index, f"{folder}/{record_id}.html")]
    assert unlisted == []


def test_clause_index_lists_every_clause_with_its_agreement(real_pages: Site) -> None:
    table = real_pages.article("clauses/index.html").find("table")
    for agreement, clause in CLAUSES:
        rows = [row for row in table.find_all("tr")
                if real_pages.links_to("clauses/index.html", page("clauses", clause), row)]
        assert len(rows) == 1, clause["id"]
        assert real_pages.links_to("clauses/index.html", page("agreements", agreement), rows[0])


def test_chronology_lists_incidents_and_milestones_oldest_first(real_pages: Site) -> None:
    article = real_pages.article("chronology.html")
    # The chronology table itself (the timeline chart's data table also links milestones).
    table = next(t for t in article.find_all("table") if t.find_parent("details") is None)
    linked = [resolved for _href, resolved in real_pages.links("chronology.html", table)
              if resolved.startswith(("incidents/", "milestones/"))]
    expected = {page("incidents", r) for r in INCIDENTS} | {page("milestones", r) for r in MILESTONES}
    assert sorted(linked) == sorted(expected)
    dates = {page("incidents", r): r["date"] for r in INCIDENTS}
    dates |= {page("milestones", r): r["date"] for r in MILESTONES}
    assert [dates[p] for p in linked] == sorted(dates[p] for p in linked)


def test_home_page_links_every_list_with_its_count_and_shows_the_latest_incidents(real_pages: Site) -> None:
    article = real_pages.article("index.html")
    browse = section(article, "Browse the briefing")
    counted = {squash(a.get_text(" ")): re.match(r"\s*\((\d+)\)", str(a.next_sibling or "")) for a in browse.find_all("a")}
    assert {name: found.group(1) for name, found in counted.items() if found} == {
        "Incidents": str(len(INCIDENTS)),
        "Regions and places": str(len(REGIONS)),
        "Agreements": str(len(AGREEMENTS)),
        "clauses": str(len(CLAUSES)),
        "Negotiation milestones": str(len(MILESTONES)),
        "Sources": str(len(SOURCES)),
    }
    for link in browse.find_all("a", href=True):
        assert real_pages.exists(resolve("index.html", link["href"])), link

    latest = section(article, "Latest incidents")
    shown = [resolved for _href, resolved in real_pages.links("index.html", latest)
             if resolved.startswith("incidents/")]
    newest = sorted(INCIDENTS, key=lambda r: (r["date"], r["id"]), reverse=True)[:5]
    assert shown == [page("incidents", r) for r in newest]


# --- links -------------------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(real_pages: Site) -> None:
    """Every ``a[href]`` that is not an external address points to an existing file and,
    if it has a ``#fragment``, to an element with that id (footnotes ``#fn:N`` and
    ``#fnref:N`` included). Links are resolved relative to the page, as a browser does
    when the folder is opened from disk. Only 404.html (served at any URL by a web
    server) may use root-absolute links, which are resolved against ``site_url``."""
    broken: list[str] = []
    checked = 0
    for path in real_pages.html_files:
        for href, target in real_pages.links(path):
            checked += 1
            if target.startswith("/") or not (real_pages.root / target).is_file():
                broken.append(f"{path}: {href} -> missing {target}")
                continue
            name = fragment(href)
            if name and target.endswith(".html") and name not in real_pages.ids_in(target):
                broken.append(f"{path}: {href} -> no id {name!r} in {target}")
    assert checked > 1000
    assert broken == []


def test_every_script_and_stylesheet_reference_exists(real_pages: Site) -> None:
    missing = []
    for path in real_pages.html_files:
        soup = real_pages.soup(path)
        refs = [s["src"] for s in soup.find_all("script", src=True)]
        refs += [link["href"] for link in soup.find_all("link", href=True)
                 if "canonical" not in link.get("rel", [])]
        for ref in refs:
            if is_external(ref):
                continue
            target = real_pages.target(path, ref)
            if target.startswith("/") or not (real_pages.root / target).is_file():
                missing.append(f"{path}: {ref}")
    assert missing == []


# --- citations ---------------------------------------------------------------------------


def footnotes(site: Site, path: str) -> dict[str, Any]:
    """The page's footnote list items, by id (``fn:1`` ...)."""
    box = site.soup(path).select_one("div.footnote")
    return {} if box is None else {li["id"]: li for li in box.find_all("li", id=True)}


def test_every_footnote_reference_leads_to_the_original_and_to_our_source_page(real_pages: Site) -> None:
    """Every footnote marker leads to a footnote, every footnote is referenced (from the
    text, or from another footnote that cites it for a publisher's affiliation), links to
    its source's page ("about this source") and, for a source the team read, to the
    original address; a footnote referenced from the text links back to each reference."""
    problems: list[str] = []
    cited_pages = 0
    for path in real_pages.html_files:
        soup = real_pages.soup(path)
        refs = soup.select("a.footnote-ref")
        notes = footnotes(real_pages, path)
        if not refs and not notes:
            continue
        cited_pages += 1
        referenced = set()
        for ref in refs:
            name = fragment(ref["href"])
            referenced.add(name)
            if name not in notes:
                problems.append(f"{path}: {ref['href']} has no footnote")
        from_text = {fragment(a["href"]) for a in soup.select("sup[id^='fnref'] a.footnote-ref")}
        for name, note in notes.items():
            if name not in referenced:
                problems.append(f"{path}: footnote {name} is never referenced")
            ours = [resolve(path, a["href"]) for a in note.find_all("a", href=True)
                    if not is_external(a["href"]) and a.get_text() == "about this source"]
            if len(ours) != 1:
                problems.append(f"{path}: {name} links to {len(ours)} source pages")
                continue
            source_id = ours[0].removeprefix("sources/").removesuffix(".html")
            if source_id not in SOURCES:
                problems.append(f"{path}: {name} links to unknown source page {ours[0]}")
                continue
            source = SOURCES[source_id]
            originals = {unquote(a["href"]) for a in note.find_all("a", href=True) if is_external(a["href"])}
            if "url" in source and unquote(source["url"]) not in originals:
                problems.append(f"{path}: {name} lacks the address of {source_id}")
            backrefs = [fragment(a["href"]) for a in note.select("a.footnote-backref")]
            if name in from_text and (not backrefs or any(b not in real_pages.ids_in(path) for b in backrefs)):
                problems.append(f"{path}: {name} has a missing or broken back-reference {backrefs}")
    assert cited_pages >= len(INCIDENTS) + len(MILESTONES) + len(AGREEMENTS) + len(CLAUSES) + len(REGIONS)
    assert problems == []


@pytest.mark.parametrize(("folder", "records"), [
    ("incidents", INCIDENTS), ("milestones", MILESTONES), ("agreements", AGREEMENTS),
    ("clauses", [clause for _agreement, clause in CLAUSES]),
])
def test_every_source_a_record_cites_is_in_its_footnotes(
    real_pages: Site, folder: str, records: list[Any]
) -> None:
    for record in records:
        path = page(folder, record)
        cited = {resolve(path, a["href"]) for note in footnotes(real_pages, path).values()
                 for a in note.find_all("a", href=True) if a.get_text() == "about this source"}
        if folder == "agreements":  # an agreement page quotes the first text of each clause
            wanted = {c["source"] for c in record["summary"]["citations"]}
            wanted |= {c["source"] for clause in record["clauses"] for c in clause["texts"][0]["citations"]}
        elif folder == "clauses":
            wanted = {c["source"] for text in record["texts"] for c in text["citations"]}
        else:
            wanted = {c["source"] for c in citations_of(record)}
        assert {f"sources/{sid}.html" for sid in wanted} <= cited, path


# --- links both ways ---------------------------------------------------------------------


def test_incident_and_its_regions_link_both_ways(real_pages: Site) -> None:
    for incident in INCIDENTS:
        here = page("incidents", incident)
        for region_id in incident["regions"]:
            there = f"regions/{region_id}.html"
            assert real_pages.article_links_to(here, there), f"{here} -> {there}"
            incidents = section(real_pages.article(there), "Incidents")
            assert real_pages.links_to(there, here, incidents), f"{there} -> {here}"


def test_region_and_its_parent_link_both_ways(real_pages: Site) -> None:
    for region in REGIONS:
        if region.get("parent"):
            here, parent = page("regions", region), f"regions/{region['parent']}.html"
            assert real_pages.article_links_to(here, parent)
            assert real_pages.links_to(parent, here, section(real_pages.article(parent), "Places within"))


@pytest.mark.parametrize("folder", ["incidents", "milestones"])
def test_related_clause_pages_link_back(real_pages: Site, folder: str) -> None:
    heading = "Incidents related" if folder == "incidents" else "Milestones related"
    checked = 0
    for record in load_yaml(REAL_DATA, folder):
        here = page(folder, record)
        for link in record.get("clauses", []):
            there = f"clauses/{link['clause']}.html"
            assert real_pages.section_links_to(here, "Related agreement clauses", there)
            back = section(real_pages.article(there), heading)
            rows = [row for row in back.find_all("tr") if real_pages.links_to(there, here, row)]
            assert len(rows) == 1, f"{there} should list {here} once"
            assert squash(link["why"]) in squash(rows[0].get_text(" ")), f"{there}: why-note for {here}"
            checked += 1
    assert checked > 0


def test_cited_sources_list_the_records_that_cite_them(real_pages: Site) -> None:
    citing = [("incidents", r) for r in INCIDENTS] + [("milestones", r) for r in MILESTONES]
    citing += [("agreements", r) for r in AGREEMENTS] + [("clauses", c) for _a, c in CLAUSES]
    missing = []
    for folder, record in citing:
        for source_id in {c["source"] for c in citations_of(record)}:
            there = f"sources/{source_id}.html"
            if not real_pages.section_links_to(there, "Cited by", page(folder, record)):
                missing.append(f"{there} does not list {page(folder, record)}")
    assert missing == []


def test_claimant_parties_link_to_their_incidents_and_back(real_pages: Site) -> None:
    for incident in INCIDENTS:
        here = page("incidents", incident)
        for party_id in {claim["party"] for claim in incident["claims"]}:
            there = f"parties/{party_id}.html"
            assert real_pages.section_links_to(here, "Claims side by side", there)
            assert real_pages.section_links_to(there, "Claims", here), f"{there} -> {here}"


def test_clause_and_its_agreement_link_both_ways(real_pages: Site) -> None:
    for agreement, clause in CLAUSES:
        clause_page, agreement_page = page("clauses", clause), page("agreements", agreement)
        assert real_pages.article_links_to(clause_page, agreement_page)
        assert real_pages.section_links_to(agreement_page, "Clauses", clause_page)


def test_agreement_and_its_milestones_link_both_ways(real_pages: Site) -> None:
    clause_agreement = {clause["id"]: agreement["id"] for agreement, clause in CLAUSES}
    for milestone in MILESTONES:
        agreements = set(milestone.get("agreements", []))
        agreements |= {clause_agreement[link["clause"]] for link in milestone.get("clauses", [])}
        here = page("milestones", milestone)
        for agreement_id in agreements:
            there = f"agreements/{agreement_id}.html"
            assert real_pages.article_links_to(here, there), f"{here} -> {there}"
            assert real_pages.section_links_to(there, "Milestones", here), f"{there} -> {here}"


# --- the facts of the July 2021 seed -----------------------------------------------------


def claim_blocks(site: Site, path: str) -> dict[str, Any]:
    """The side-by-side claim blocks of an incident page, by the party page they head."""
    container = site.article(path).select("div.briefing-claims")
    assert len(container) == 1, f"{path}: expected one .briefing-claims container"
    blocks = {}
    for block in container[0].select("div.briefing-claim"):
        heading = block.find(["h3", "h2", "h4"])
        party_pages = [resolve(path, a["href"]) for a in heading.find_all("a", href=True)
                       if resolve(path, a["href"]).startswith("parties/")]
        assert len(party_pages) == 1, f"{path}: a claim block names no party"
        blocks[party_pages[0].removeprefix("parties/").removesuffix(".html")] = block
    return blocks


def sources_cited_in(site: Site, path: str, node: Any) -> set[str]:
    """The source ids of the footnotes referenced inside ``node`` on ``path``."""
    notes = footnotes(site, path)
    found = set()
    for ref in node.select("a.footnote-ref"):
        note = notes[fragment(ref["href"])]
        for a in note.find_all("a", href=True):
            if a.get_text() == "about this source":
                found.add(resolve(path, a["href"]).removeprefix("sources/").removesuffix(".html"))
    return found


SEED = [
    # day, region, party whose cited claim carries the fact, words in it, sources that must be cited there
    ("2021-07-06", "agdam", "azerbaijan", ["was injured", "Azerbaijan: 1 wounded"], None),
    ("2021-07-07", "tovuz", "azerbaijan", ["Tovuz"], None),
    ("2021-07-09", "gadabay", "azerbaijan", ["Gadabay"], None),
    ("2021-07-13", "shusha", "russia", ["random shooting from small arms", "20:27"],
     lambda s: s["publisher"] == "mod-ru"),
    ("2021-07-14", "yeraskh", "armenia", ["Armenian serviceman was fatally wounded", "Armenia: 1 killed"],
     lambda s: "Armenpress" in publisher(s)),
    ("2021-07-15", "shusha", "azerbaijan", ["Shusha", "small arms"], None),
    ("2021-07-15", "kalbajar", "azerbaijan", ["Kalbajar", "small arms"], None),
]


@pytest.mark.parametrize(("day", "region", "party", "words", "source_test"), SEED,
                         ids=[f"{d}-{r}" for d, r, *_ in SEED])
def test_seed_incident_is_on_its_page_attributed_and_cited(
    real_pages: Site, day: str, region: str, party: str, words: list[str], source_test: Any
) -> None:
    incident = incident_on(day, region)
    path = page("incidents", incident)
    facts = real_pages.article(path).find("table")
    assert day_text(dt.date.fromisoformat(day)) in squash(facts.get_text(" "))
    assert real_pages.links_to(path, f"regions/{region}.html", facts)

    block = claim_blocks(real_pages, path)[party]
    text = squash(block.get_text(" "))
    for word in words:
        assert word in text, f"{path}: {party}'s claim should say {word!r}"
    assert PARTIES[party]["name"] in text
    cited = sources_cited_in(real_pages, path, block)
    assert cited, f"{path}: {party}'s claim is not cited"
    if source_test is not None:
        wanted = source_where(source_test)
        assert cited & wanted, f"{path}: {party}'s claim should cite one of {sorted(wanted)}"


def test_russian_bulletin_is_quoted_verbatim_in_a_blockquote(real_pages: Site) -> None:
    path = page("incidents", incident_on("2021-07-13", "shusha"))
    quotes = claim_blocks(real_pages, path)["russia"].find_all("blockquote")
    words = "On July 13, from 20:27 to 20:53, random shooting from small arms took place"
    assert any(words in squash(q.get_text(" ")) for q in quotes)


def test_clause_4_of_the_ceasefire_statement_is_quoted_verbatim_and_cited(real_pages: Site) -> None:
    agreement, clause = next((a, c) for a, c in CLAUSES
                             if str(a["date"]) == "2020-11-10" and c["number"] == "4")
    path = page("clauses", clause)
    quote = ("The peacekeeping contingent of the Russian Federation shall be deployed in parallel "
             "with the Armenian armed forces’ withdrawal")
    blocks = [q for q in real_pages.article(path).find_all("blockquote") if quote in squash(q.get_text(" "))]
    assert blocks, f"{path} should quote clause 4 verbatim"
    assert blocks[0].select("a.footnote-ref"), "the quoted wording is cited"
    assert real_pages.article_links_to(path, page("agreements", agreement))
    assert "10 November 2020" in real_pages.article_text(path)


MILESTONE_FACTS = [
    ("2020-11-10", ["trilateral", "ceasefire"]),
    ("2021-01-11", ["working group"]),
    ("2021-01-30", ["Joint Russian-Turkish", "Monitoring"]),
    ("2021-06-01", ["suspends", "working group"]),
    ("2021-07-15", ["mirror withdrawal"]),
    ("2021-07-15", ["foreign ministry", "rejects", "status"]),
    (None, ["no agreement", "demarcat"]),
]


@pytest.mark.parametrize(("day", "words"), MILESTONE_FACTS, ids=[" ".join(w) for _d, w in MILESTONE_FACTS])
def test_seed_milestone_has_a_cited_page_in_the_chronology(
    real_pages: Site, day: str | None, words: list[str]
) -> None:
    milestone = one(MILESTONES, f"milestone {words}",
                    date=(lambda d: str(d) == day) if day else (lambda d: True),
                    title=lambda t: all(w.casefold() in t.casefold() for w in words))
    path = page("milestones", milestone)
    assert h1(real_pages, path) == squash(milestone["title"])
    assert day_text(milestone["date"]) in squash(real_pages.article(path).find("table").get_text(" "))
    assert real_pages.article(path).select("a.footnote-ref"), f"{path} is not cited"
    assert real_pages.article_links_to("chronology.html", path)
    assert real_pages.article_links_to("milestones/index.html", path)


@pytest.mark.parametrize(("name", "other", "used"), [("Khankendi", "Stepanakert", False), ("Shusha", "Shushi", True)])
def test_region_page_carries_both_sides_names(real_pages: Site, name: str, other: str, used: bool) -> None:
    """Both names, each cited; "used by" a party only where the data shows (with a cited
    text of that party's body) that it uses the name."""
    region = one(REGIONS, name, names=lambda names: any(n["name"] == name for n in names))
    path = page("regions", region)
    assert h1(real_pages, path) == f"{name} / {other}"
    names = section(real_pages.article(path), "Names")
    rows = {squash(row.find("td").get_text(" ")): row for row in names.find_all("tr") if row.find("td")}
    for shown in (name, other):
        assert rows[shown].select("a.footnote-ref"), f"{shown} is not cited"
        used_by = next(n for n in region["names"] if n["name"] == shown).get("used_by", [])
        assert bool(used_by) == used, shown
        for party_id in used_by:
            party_page = f"parties/{party_id}.html"
            assert real_pages.links_to(path, party_page, rows[shown]), f"{shown} used by {party_id}"


def test_incident_page_names_the_place_as_both_sides_do(real_pages: Site) -> None:
    path = page("incidents", incident_on("2021-07-13", "shusha"))
    assert "Shusha / Shushi" in squash(real_pages.article(path).find("table").get_text(" "))


# --- claims side by side -----------------------------------------------------------------


def test_claims_of_several_parties_stand_side_by_side(real_pages: Site) -> None:
    several = [i for i in INCIDENTS if len({c["party"] for c in i["claims"]}) >= 2]
    assert incident_on("2021-07-13", "shusha") in several
    for incident in several:
        path = page("incidents", incident)
        order = list(dict.fromkeys(c["party"] for c in incident["claims"]))
        blocks = claim_blocks(real_pages, path)
        assert list(blocks) == order, path
        for party_id, block in blocks.items():
            heading = block.find(["h2", "h3", "h4"])
            assert PARTIES[party_id]["name"] in heading_text(heading)
            assert block.select("a.footnote-ref"), f"{path}: {party_id}'s claim is not cited"


# --- offline reading ---------------------------------------------------------------------


def test_no_page_loads_anything_from_the_network(real_pages: Site) -> None:
    """No ``<script src>`` or ``<link href>`` points to http(s). The only allowed
    exception is ``<link rel="canonical">``, which names the published address and
    loads nothing."""
    remote = []
    for path in real_pages.html_files:
        soup = real_pages.soup(path)
        for script in soup.find_all("script", src=True):
            if is_external(script["src"]):
                remote.append(f"{path}: script {script['src']}")
        for link in soup.find_all("link", href=True):
            if is_external(link["href"]) and link.get("rel") != ["canonical"]:
                remote.append(f"{path}: link {link.get('rel')} {link['href']}")
        for tag in soup.find_all(["img", "iframe", "source", "audio", "video"], src=True):
            if is_external(tag["src"]):
                remote.append(f"{path}: {tag.name} {tag['src']}")
    assert remote == []
    raw = "\n".join(real_pages.text_of(p) for p in real_pages.html_files)
    assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", raw, re.IGNORECASE)
    assert not re.search(r"<link(?![^>]*rel=[\"']?canonical)[^>]+href=[\"']?(https?:)?//", raw, re.IGNORECASE)


def test_iframe_worker_shim_is_vendored_and_loaded_by_every_page(real_pages: Site) -> None:
    shim = "assets/vendor/iframe-worker/shim.js"
    assert (real_pages.root / shim).is_file()
    without = [path for path in real_pages.html_files
               if not real_pages.soup(path).find("meta", attrs={"http-equiv": "refresh"})  # redirect pages
               and shim not in {real_pages.target(path, s["src"])
                               for s in real_pages.soup(path).find_all("script", src=True)}]
    assert without == []


def test_search_index_is_available_offline(real_pages: Site) -> None:
    assert (real_pages.root / "search" / "search_index.js").is_file()


def test_links_name_html_files_not_folders(real_pages: Site) -> None:
    with open(PROJECT / "mkdocs.yml", encoding="utf-8") as handle:
        assert yaml.load(handle, Loader=yaml.SafeLoader)["use_directory_urls"] is False
    folder_links = []
    for path in real_pages.html_files:
        if path == "404.html":
            continue
        for href, _target in real_pages.links(path):
            target_path = urlsplit(href).path
            last = target_path.rsplit("/", 1)[-1]
            if target_path and not target_path.endswith(".html") and "." not in last:
                folder_links.append(f"{path}: {href}")
    assert folder_links == []


# --- navigation --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["incidents/index.html", "index.html", "incidents/2021-07-13-shusha.html"])
def test_nav_has_the_index_pages_but_no_record_pages(real_pages: Site, path: str) -> None:
    nav = real_pages.soup(path).select_one("nav.md-nav--primary")
    assert nav is not None
    targets = {resolved for _href, resolved in real_pages.links(path, nav)}
    assert targets & set(record_pages()) == set()
    assert {"index.html", "chronology.html", *INDEX_PAGES} <= targets


def test_no_page_repeats_an_element_id(real_pages: Site) -> None:
    """A ``#fragment`` must name one place: ids are unique on every page."""
    repeated = []
    for path in real_pages.html_files:
        seen: set[str] = set()
        for tag in real_pages.soup(path).find_all(id=True):
            if tag["id"] in seen:
                repeated.append(f"{path}: #{tag['id']}")
            seen.add(tag["id"])
    assert repeated == []
