"""Story tests: honest provenance on the built site (issue 10), read as a reader reads it.

On the real site: every footnote says how the team knows its source (read, with the date;
known through another source, named with where in it; not located) and who publishes it;
source pages say the same in full; analysis stands apart from the parties' accounts;
silences are shown and counted; accounts are compared field by field without converting a
time whose zone is not stated; region and party pages cite every statement; a "Source
debt" page counts what rests on sources nobody read. On the minimal site: two accounts in
Moscow and Baku time, lined up in UTC.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from sitetools import (
    Site,
    build_site,
    fragment,
    heading_text,
    make_project,
    resolve,
    run_mkdocs,
    section,
    squash,
)
from testdata import REAL_DATA, load_yaml

SOURCES = {s["id"]: s for s in load_yaml(REAL_DATA, "sources")}
AUTHORS = {a["id"]: a for a in load_yaml(REAL_DATA, "authors")}
PARTIES = {p["id"]: p for p in load_yaml(REAL_DATA, "parties")}
ASSESSMENTS = load_yaml(REAL_DATA, "assessments")
REGIONS = load_yaml(REAL_DATA, "regions")


def notes(site: Site, path: str) -> dict[str, Any]:
    box = site.soup(path).select_one("div.footnote")
    return {} if box is None else {li["id"]: li for li in box.find_all("li", id=True)}


def note_source(path: str, note: Any) -> str:
    (about,) = [a for a in note.find_all("a", href=True) if a.get_text() == "about this source"]
    return resolve(path, about["href"]).removeprefix("sources/").removesuffix(".html")


def notes_of(site: Site, path: str) -> dict[str, list[Any]]:
    """The footnotes of a page, by the source each is about."""
    found: dict[str, list[Any]] = {}
    for note in notes(site, path).values():
        found.setdefault(note_source(path, note), []).append(note)
    return found


# --- the ladder in every footnote --------------------------------------------------------


def test_every_footnote_says_how_the_team_knows_its_source(real_pages: Site) -> None:
    checked = {"read": 0, "copy": 0, "via": 0}
    for path in real_pages.html_files:
        for source_id, found in notes_of(real_pages, path).items():
            source = SOURCES[source_id]
            for note in found:
                text = squash(note.get_text(" "))
                if source["provenance"] == "read":
                    assert f"read {day(source['accessed'])}" in text, (path, source_id)
                    assert "as cited in" not in text and "in a copy" not in text
                    if not source.get("archive_url"):
                        assert "no archived copy recorded" in text, (path, source_id)
                    checked["read"] += 1
                elif source["provenance"] == "copy":
                    rung = note.select_one(".briefing-rung-copy")
                    assert rung is not None, (path, source_id)
                    said = squash(rung.get_text(" "))
                    assert f"read {day(source['accessed'])} in a copy :" in said, (path, source_id, said)
                    assert ("capture date not known" in said) != ("captured" in said), (path, source_id, said)
                    # the original was not opened: no "Original" link, its address is marked so
                    assert not [a for a in note.find_all("a") if a.get_text() == "Original"], (path, source_id)
                    if source.get("url"):
                        assert "address of the original (not opened by the team)" in said, (path, source_id)
                    checked["copy"] += 1
                else:
                    assert " read " not in f" {text} ".replace("read in a copy", ""), (path, source_id, text)
                    through = source["via"]["source"]
                    rung = note.select_one(".briefing-rung-via")
                    assert rung is not None and "as cited in" in rung.get_text(), (path, source_id)
                    assert any(resolve(path, a["href"]) == f"sources/{through}.html"
                               for a in rung.find_all("a", href=True)), (path, source_id)
                    checked["via"] += 1
    assert checked["read"] > 10 and checked["copy"] > 100 and checked["via"] > 20


def day(value: Any) -> str:
    from sitetools import day_text
    return day_text(value)


def test_a_release_known_only_through_the_seed_article_says_so_with_the_paragraph(real_pages: Site) -> None:
    """The issue's example: the 14 July Sadarak release is known through AzerNews, ¶1."""
    path = "incidents/2021-07-14-nakhchivan-yeraskh.html"
    (note, *_) = notes_of(real_pages, path)["mod-az-2021-07-14-nakhchivan"]
    text = squash(note.get_text(" "))

    assert "Ministry of Defence of Azerbaijan (mod.gov.az)" in text
    assert "as cited in AzerNews (azernews.az), 14 July 2021 , ¶1" in text
    assert "accessed" not in text and "Original" not in text
    assert "Publisher: state body (Azerbaijan)" in text
    # the affiliation is itself cited: its marker leads to the seed's paragraph 1
    marker = note.select(".briefing-affiliation ~ sup a.footnote-ref")[0]
    cited = notes(real_pages, path)[fragment(marker["href"])]
    assert note_source(path, cited) == "jamestown-2021-07-21"
    assert "paragraph 1" in cited.get_text()


def test_the_seed_article_footnote_says_it_was_read_in_a_copy_and_who_the_author_works_for(real_pages: Site) -> None:
    """Issue 18.5: the seed was read in a copy on another website; the footnote says which
    copy, who publishes it (the author's employer) and that its capture date is not known,
    and gives no "Original" link, since nobody opened jamestown.org."""
    path = "incidents/2021-07-13-shusha.html"
    note = notes_of(real_pages, path)["jamestown-2021-07-21"][0]
    text = squash(note.get_text(" "))

    assert ("read 29 November 2026 in a copy : a repost on another site (the copy held in the team's shared folder "
            "(shared/seed/000_7c2c85b88b00b13f.txt), a page of the AIR Center website (aircenter.az) whose own address "
            "was not recorded), published by Center of Analysis of International Relations (AIR Center), Baku ( founded "
            "or owned by a state (Azerbaijan) ), capture date not known") in text
    assert "capture date not known · address of the original (not opened by the team)" in text
    assert "Original" not in [a.get_text() for a in note.find_all("a")]
    (address,) = [a for a in note.find_all("a") if a.get_text() == "address of the original"]
    assert address["href"] == SOURCES["jamestown-2021-07-21"]["url"]
    assert real_pages.links_to(path, "authors/aircenter.html", note)
    assert "Publisher: independent" in text
    assert "Author Vasif Huseynov: founded or owned by a state (Azerbaijan)" in text


# --- the ladder and the affiliation on source pages ----------------------------------------


def facts(site: Site, path: str) -> dict[str, str]:
    table = site.article(path).find("table")
    return {squash(row.th.get_text(" ")): squash(row.td.get_text(" ")) for row in table.find_all("tr")}


def test_a_source_known_through_another_names_it_quotes_it_and_has_no_access_date(real_pages: Site) -> None:
    path = "sources/mod-az-2021-07-06.html"
    shown = facts(real_pages, path)

    assert shown["How the team knows it"].startswith("Known through another source")
    assert "the team did not read it; it is known through Jamestown Foundation" in shown["How the team knows it"]
    assert "paragraph 4" in shown["How the team knows it"]
    assert real_pages.links_to(path, "sources/jamestown-2021-07-21.html", real_pages.article(path).find("table"))
    assert shown["Address"].startswith("not known: The Jamestown article cites \"Mod.gov.az, July 6\"")
    assert "the publisher's site or index, not this item" in shown["Publisher's site"]
    assert shown["Searched for"].startswith("29 November 2026: Stored web pages")
    assert "Accessed" not in shown and "Archived copy" not in shown
    where = section(real_pages.article(path), "Where it is cited")
    assert "Baku reported an Azerbaijani soldier wounded" in where.get_text()
    assert where.select("a.footnote-ref")


def test_a_source_read_in_a_copy_says_when_and_what_was_read(real_pages: Site) -> None:
    shown = facts(real_pages, "sources/jamestown-2021-07-21.html")

    assert shown["How the team knows it"].startswith(
        "Read in a copy : the team did not open the original; it read 29 November 2026 a repost on another site (the "
        "copy held in the team's shared folder")
    assert "published by Center of Analysis of International Relations (AIR Center), Baku" in shown["How the team knows it"]
    assert shown["Address"].endswith("(the original's address; not opened by the team)")
    assert shown["Copy read"].startswith("the copy held in the team's shared folder")
    assert "captured on or after that day" in shown["Copy read"]
    assert shown["Captured"] == "capture date not known"
    assert shown["Archived copy"] == "none recorded"
    assert shown["Publisher"].startswith("Jamestown Foundation (publisher of the Eurasia Daily Monitor) : independent")
    assert shown["Author"].startswith("Vasif Huseynov : founded or owned by a state (Azerbaijan)")


def test_the_publisher_affiliation_is_cited_on_every_source_page(real_pages: Site) -> None:
    for source_id, source in SOURCES.items():
        path = f"sources/{source_id}.html"
        row = next(r for r in real_pages.article(path).find("table").find_all("tr") if r.th.get_text() == "Publisher")
        affiliation = AUTHORS[source["publisher"]]["affiliation"]
        assert bool(row.select("a.footnote-ref")) == bool(affiliation.get("citations")), path
        assert real_pages.links_to(path, f"authors/{source['publisher']}.html", row)


def test_an_unknown_affiliation_says_where_it_was_looked_for(real_pages: Site) -> None:
    text = real_pages.article_text("authors/azernews.html")

    assert "affiliation unknown" in text
    assert "Searched for: Stored web pages: Media Landscapes' page on Azerbaijani news agencies" in text


# --- analysis apart from accounts ----------------------------------------------------------


def test_analysis_stands_apart_from_the_accounts_attributed_with_affiliation(real_pages: Site) -> None:
    path = "incidents/2021-07-13-shusha.html"
    article = real_pages.article(path)
    claims = article.select_one("div.briefing-claims")
    analysis = article.select_one("section.briefing-assessments")

    assert analysis is not None and analysis.find("h2").get_text().startswith("Analysis and assessments")
    assert "Huseynov" not in claims.get_text(), "an analyst is never a claimant"
    assert not analysis.find_parent("div", class_="briefing-claims")
    about = [a for a in ASSESSMENTS if "2021-07-13-shusha" in a.get("incidents", [])]
    asides = analysis.select("aside.briefing-assessment")
    assert len(asides) == len(about) >= 5
    words = {"state-founded": "founded or owned by a state (Azerbaijan)", "independent": "independent"}
    for aside in asides:
        by = aside.select_one(".briefing-assessment-by")
        (assessment,) = [a for a in about if real_pages.links_to(path, f"assessments/{a['id']}.html", by)]
        author = AUTHORS[assessment["author"]]
        assert real_pages.links_to(path, f"authors/{author['id']}.html", by)
        assert words[author["affiliation"]["kind"]] in by.get_text()
        assert by.select("a.footnote-ref"), "the affiliation is cited"
        assert aside.select("p a.footnote-ref"), "the assessment is cited"
    text = squash(analysis.get_text(" "))
    assert "Huseynov argues that with its bulletin of 14 July on the shooting of 13 July Russia indirectly admitted its failure" in text


def test_assessments_are_on_milestone_and_clause_pages_too(real_pages: Site) -> None:
    for assessment in ASSESSMENTS:
        for kind, folder in (("milestones", "milestones"), ("clauses", "clauses")):
            for record_id in assessment.get(kind, []):
                path = f"{folder}/{record_id}.html"
                analysis = real_pages.article(path).select_one("section.briefing-assessments")
                assert analysis is not None, path
                assert real_pages.links_to(path, f"assessments/{assessment['id']}.html", analysis), path


def test_claims_export_has_no_analyst_and_assessments_have_their_own_table(real_site: Path) -> None:
    def table(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO((real_site / "data" / name).read_text(encoding="utf-8"))))

    claimants = {row["party"] for row in table("claims.csv")}
    assert claimants <= set(PARTIES)
    assessments = table("assessments.csv")
    assert len(assessments) == len(ASSESSMENTS)
    assert {row["author"] for row in assessments} <= set(AUTHORS) - set(PARTIES)
    huseynov = next(row for row in assessments if row["author"] == "vasif-huseynov")
    assert (huseynov["author_affiliation"], huseynov["author_party"]) == ("state-founded", "azerbaijan")
    sources = {row["source_id"]: row for row in table("sources.csv")}
    assert (sources["mod-az-2021-07-06"]["provenance"], sources["mod-az-2021-07-06"]["accessed"],
            sources["mod-az-2021-07-06"]["via_source"]) == ("via", "", "jamestown-2021-07-21")
    assert (sources["mod-az-2021-07-06"]["publisher_affiliation"],
            sources["mod-az-2021-07-06"]["publisher_party"]) == ("state-body", "azerbaijan")


# --- silences, the evidence summary, accounts compared -------------------------------------


def test_silences_are_shown_and_counted_in_the_evidence_summary(real_pages: Site) -> None:
    path = "incidents/2021-07-07-tovuz.html"
    silences = section(real_pages.article(path), "Who did not comment")
    items = silences.find_all("li")

    assert len(items) == 2  # the monitoring centre's silence is one, its own (issue 18.4)
    assert "Ministry of Defence of the Russian Federation" in items[0].get_text()
    assert squash(items[1].get_text()).startswith("Joint Russian-Turkish Center for Monitoring the Ceasefire in "
                                                  "Karabakh (joint body, not a party)")
    assert all(item.select("a.footnote-ref") for item in items)
    evidence = squash(section(real_pages.article(path), "Evidence").get_text(" "))
    assert "1 account by a party: Azerbaijan" in evidence
    assert ("2 silences reported by the sources ( Russia ; Joint Russian-Turkish Center for Monitoring the "
            "Ceasefire in Karabakh , not a party)") in evidence
    assert "1 known through another source" in evidence


def comparison(site: Site, path: str) -> dict[str, list[str]]:
    table = site.article(path).select_one(".briefing-comparison table")
    return {squash(row.th.get_text(" ")): [squash(td.get_text(" ")) for td in row.find_all("td")]
            for row in table.find("tbody").find_all("tr")}


def test_times_whose_zone_is_not_stated_are_never_converted(real_pages: Site) -> None:
    lines = comparison(real_pages, "incidents/2021-07-13-shusha.html")

    assert lines["Time as given"][:2] == ["20:27–20:53 (time zone not stated)", "21:34, 21:45 (time zone not stated)"]
    assert lines["Time in UTC"] == ["zone not stated: not converted", "zone not stated: not converted",
                                    "not comparable: time zone not stated"]
    assert lines["Weapons"] == ["small arms", "machine guns, assault rifles", "worded differently"]
    assert lines["Date of the event"] == ["13 July 2021", "13 July 2021", "same"]
    # the Russian bulletin names no culprit: the table does not invent one
    assert lines["Blames"][0] == "not given"
    assert lines["Blames"][1].startswith("“illegal Armenian armed detachments")


def test_an_inferred_zone_is_converted_and_marked_with_its_cited_basis(real_pages: Site) -> None:
    path = "incidents/2021-07-14-nakhchivan-yeraskh.html"
    lines = comparison(real_pages, path)

    # three accounts: Armenia's ministry as most reports give it, the same statement as Rafyon
    # reports it (morning only, no clock time), and Azerbaijan's ministry
    assert lines["Time in UTC"] == ["zone not stated: not converted", "not given", "06:00 UTC",
                                    "not comparable: time zone not stated"]
    assert lines["Blames"] == ["Azerbaijan", "Azerbaijan", "Armenia", "differs"]
    azerbaijan = next(b for b in real_pages.article(path).select("div.briefing-claim")
                      if "Azerbaijan" in b.find("h3").get_text())
    time = squash(azerbaijan.select_one("dl.briefing-particulars").get_text(" "))
    assert "10:00 Asia/Baku time (not stated by the account: AZERTAC gives the time as local time" in time
    assert azerbaijan.select("dl.briefing-particulars a.footnote-ref")


@pytest.fixture(scope="module")
def minimal_pages(tmp_path_factory: pytest.TempPathFactory) -> Site:
    from testdata import MINIMAL_DATA
    return Site(build_site(tmp_path_factory.mktemp("minimal-provenance"), MINIMAL_DATA))


def test_moscow_and_baku_times_are_both_shown_in_utc_and_compared(minimal_pages: Site) -> None:
    """Side A: 21:30 Baku time; Side B: 20:30 Moscow time. In UTC both are 17:30."""
    lines = comparison(minimal_pages, "incidents/2021-01-05-town-y.html")

    assert lines["Time as given"][:2] == ["21:30 (Asia/Baku time, as the account states)",
                                          "20:30 (Europe/Moscow time, as the account states)"]
    assert lines["Time in UTC"] == ["17:30 UTC", "17:30 UTC", "same"]
    assert lines["Blames"] == ["Side B", "Side A", "differs"]
    assert lines["Place"] == ["near Town Y", "near Town Why", "worded differently"]
    assert lines["Weapons"] == ["mortars", "not given", "one account only"]


# --- every statement cited: regions and parties ---------------------------------------------


def test_region_pages_cite_their_description_names_and_coordinates(real_pages: Site) -> None:
    for region in REGIONS:
        path = f"regions/{region['id']}.html"
        article = real_pages.article(path)
        names = section(article, "Names")
        rows = [row for row in names.find_all("tr") if row.find("td")]
        assert len(rows) == len(region["names"]), path
        assert all(row.select("a.footnote-ref") for row in rows), path
        if "description" in region:
            last = squash(region["description"]["text"])[-30:]
            paragraph = next(p for p in article.find_all("p") if last in squash(p.get_text(" ")))
            assert paragraph.select("a.footnote-ref"), path
        text = real_pages.article_text(path)
        if "coordinates" in region:
            assert "Basis: GeoNames' point" in text, path
        else:
            assert "No coordinates with a citable basis are recorded for this place." in text, path


def test_party_pages_cite_their_description_and_list_their_silences(real_pages: Site) -> None:
    for party_id, party in PARTIES.items():
        path = f"parties/{party_id}.html"
        article = real_pages.article(path)
        if "description" in party:
            first = squash(party["description"]["text"])[:40]
            paragraph = next(p for p in article.find_all("p") if first in squash(p.get_text(" ")))
            assert paragraph.select("a.footnote-ref"), path
    assert "Where it did not comment" in real_pages.article_text("parties/russia.html")
    publishers = section(real_pages.article("parties/azerbaijan.html"), "Publishers tied to it")
    assert real_pages.links_to("parties/azerbaijan.html", "authors/mod-az.html", publishers)


def test_no_uncited_sentence_states_history_on_region_and_party_pages(real_pages: Site) -> None:
    """Every paragraph of a region or party page either carries a citation or is one of the
    page's fixed method sentences (how the briefing files places, what "used by" means)."""
    fixed = re.compile(r"^(Filed as:|Each name as a cited source|No coordinates with a citable|Role in this briefing:|Incidents on which|"
                       r"No account by|Incidents and milestones on which|Publishers and authors whose|"
                       r"Incidents in .* and the places within it|No incident is recorded here|Part \d|All parts)")
    for path in [f"regions/{r['id']}.html" for r in REGIONS] + [f"parties/{p}.html" for p in PARTIES]:
        for paragraph in real_pages.article(path).find_all("p"):
            if paragraph.find_parent(["div", "table", "figure", "details"], class_=lambda c: c != "md-content"):
                continue  # maps, charts, tables: drawn from the data, with their own captions
            text = squash(paragraph.get_text(" "))
            if not text or paragraph.select("a.footnote-ref") or paragraph.find_parent("div", class_="footnote"):
                continue
            assert fixed.match(text), f"{path}: uncited sentence {text[:120]!r}"


# --- the source debt page ----------------------------------------------------------------------


def test_the_source_debt_page_counts_sources_by_rung(real_pages: Site) -> None:
    path = "source-debt.html"
    table = real_pages.article(path).select_one(".briefing-debt table")
    rows = {squash(r.th.get_text(" ")): [squash(td.get_text(" ")) for td in r.find_all("td")]
            for r in table.find("tbody").find_all("tr")}
    read = sum(1 for s in SOURCES.values() if s["provenance"] == "read")
    copies = sum(1 for s in SOURCES.values() if s["provenance"] == "copy")
    via = sum(1 for s in SOURCES.values() if s["provenance"] == "via")
    unarchived = sum(1 for s in SOURCES.values() if s["provenance"] in ("read", "copy") and "archive_url" not in s)

    assert (read, copies, via, unarchived) == (1, 93, 23, 94)  # the GeoNames points are 10 copies (issue 19)
    assert rows["Read in the original"][0] == str(read)
    assert rows["Read in a copy"][0] == str(copies)
    assert rows["Known through another source"][0] == str(via)
    assert rows["Not located"][0] == "0"
    assert rows["All sources"][0] == str(len(SOURCES))
    assert rows["Read, but no archived copy recorded"][0] == str(unarchived)
    listed = section(real_pages.article(path), "Known through another source")
    assert {resolve(path, a["href"]) for a in listed.find_all("a", href=True)} >= {
        f"sources/{sid}.html" for sid, s in SOURCES.items() if s["provenance"] == "via"}
    second_hand = section(real_pages.article(path), "Records resting on second-hand knowledge only")
    assert real_pages.links_to(path, "incidents/2021-07-07-tovuz.html", second_hand)
    # 9 July: the Azerbaijani release is known only through the seed, but Armenia's denial was
    # read (Elnashra), so the record no longer rests on second-hand knowledge only
    assert not real_pages.links_to(path, "incidents/2021-07-09-gadabay.html", second_hand)
    # the Russian bulletin is known only through the seed's English, the Azerbaijani release
    # only through AzerNews; on 6 July the team read Meydan TV's report of the statement
    assert real_pages.links_to(path, "incidents/2021-07-13-shusha.html", second_hand)
    assert not real_pages.links_to(path, "incidents/2021-07-06-agdam.html", second_hand)
    assert real_pages.links_to("sources/index.html", path)


def test_the_source_debt_page_stays_the_same_size_however_many_sources(tmp_path: Path) -> None:
    # rows_per_part 10: of the real data's 93 copies and 23 via sources, 10 each are listed
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  briefing:\n", "  briefing:\n    rows_per_part: 10\n", 1),
                      encoding="utf-8")
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr
    site = Site(project / "site")
    path = "source-debt.html"
    page = site.article(path)

    rows = {squash(r.th.get_text(" ")): [squash(td.get_text(" ")) for td in r.find_all("td")]
            for r in page.select_one(".briefing-debt table").find("tbody").find_all("tr")}
    assert (rows["Read in the original"][0], rows["Read in a copy"][0], rows["Known through another source"][0]) == (
        "1", "93", "23")
    assert rows["Read, but no archived copy recorded"][0] == "94"
    via = section(page, "Known through another source")
    assert len(via.select("tbody tr")) == 10
    assert "The first 10 of 23, in the order of the data." in squash(via.get_text(" "))
    assert site.links_to(path, "sources/index.html", via)
    unarchived = section(page, "Read, but no archived copy recorded")
    assert "and 84 more (see the list of sources)" in squash(unarchived.get_text(" "))
    # a source's "Cited by" list is split the same way: the seed article is cited by more
    # than 10 records, so its page lists 10 and links to the next part
    seed = "sources/jamestown-2021-07-21.html"
    cited_by = section(site.article(seed), "Cited by")
    assert len(cited_by.select("li")) == 10
    assert "Part 1 of" in squash(cited_by.get_text(" "))
    assert site.links_to(seed, "sources/jamestown-2021-07-21--citing-2.html", cited_by)
    assert "Part 2 of" in squash(site.article("sources/jamestown-2021-07-21--citing-2.html").get_text(" "))


# --- the copy rung and places (issue 18.5, 18.6) ---------------------------------------------------


def test_a_repost_says_who_publishes_it_and_when_it_was_captured(real_pages: Site) -> None:
    shown = facts(real_pages, "sources/armenianclub-panorama-2021-01-11.html")

    assert shown["How the team knows it"].startswith("Read in a copy : the team did not open the original; it read "
                                                     "25 November 2026 a repost on another site at https://armenianclub.com/")
    assert ", published by Armenian Club (armenianclub.com) ( affiliation unknown ), captured 18 January 2021" in shown[
        "How the team knows it"]
    assert shown["Captured"] == "18 January 2021"
    assert shown["Copy read"].startswith("https://armenianclub.com/2021/01/18/")


def test_the_source_debt_page_counts_copies_apart(real_pages: Site) -> None:
    page = real_pages.article("source-debt.html")
    text = squash(page.get_text(" "))

    assert "rest on 23 sources the team did not read at all." in text
    assert "rest on 93 sources the team read only in a copy" in text
    copies = section(page, "Read in a copy: 93 sources")
    assert "capture date not known" in squash(copies.get_text(" "))


def test_a_place_that_may_be_another_is_shown_apart_and_linked_both_ways(real_pages: Site) -> None:
    """Issue 18.6: "Yeraskh / Arazdeyen" was one place although no source read says so."""
    assert heading_text(real_pages.article("regions/yeraskh.html").find("h1")) == "Yeraskh"
    assert heading_text(real_pages.article("regions/arazdeyen.html").find("h1")) == "Arazdeyen"
    for path, other in (("regions/yeraskh.html", "regions/arazdeyen.html"), ("regions/arazdeyen.html", "regions/yeraskh.html")):
        (link,) = real_pages.article(path).select("p.briefing-possibly-same")
        assert "shown apart because no source read says they are one" in squash(link.get_text(" "))
        assert real_pages.links_to(path, other, link) and link.select("a.footnote-ref")
    filed = next(p for p in real_pages.article("regions/yeraskh.html").find_all("p") if "Filed as" in p.get_text())
    assert filed.select("a.footnote-ref"), "the parent region is cited"
