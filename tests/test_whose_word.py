"""Whose word, counted honestly (issue 18.3): each citation is counted by its publisher's
affiliation, its author's, and whose word it is (the closer of the two to a party); no
aggregate presents a party-affiliated author's work as independent; concentration is shown."""

from __future__ import annotations

import re

from sitetools import Site, section, squash
from testdata import REAL_DATA, DataDir, load_yaml

from briefing.model.whose_word import whose_word
from briefing.pipeline import load_dataset

UNKNOWN = """  affiliation:
    kind: unknown
    searched: {date: 2021-02-01, where: "Example News' author pages; no employer is named."}"""
TIED = """  affiliation:
    kind: state-founded
    party: side-a
    note: Works at a body founded by Side A's government.
    citations:
      - {source: source-one, locator: header, quote: "Ministry of Defence of Side A"}"""


def _rows(data_dir: DataDir) -> dict[tuple[str, str | None], tuple[int, int, int]]:
    return {(r.affiliation_kind, r.party_id): (r.by_publisher, r.by_author, r.by_word)
            for r in whose_word(data_dir.load()).rows}


def test_an_unknown_authors_work_in_an_independent_outlet_is_not_counted_independent(data_dir: DataDir) -> None:
    rows = _rows(data_dir)
    independent = rows[("independent", None)]

    assert independent[0] > 0 and independent[2] == 0  # by publisher yes; by whose word, never
    assert rows[("unknown", None)][2] == independent[0]


def test_a_party_affiliated_authors_work_is_that_partys_word(data_dir: DataDir) -> None:
    data_dir.edit("authors", UNKNOWN, TIED)
    data = data_dir.load()

    word = whose_word(data)
    rows = {(r.affiliation_kind, r.party_id): (r.by_publisher, r.by_author, r.by_word) for r in word.rows}
    two = sum(1 for record in ("incidents", "milestones", "assessments", "authors", "parties", "regions",
                               "agreements") for r in data.records(record).values()
              for c in r.citations() if c.source_id == "source-two")  # type: ignore[union-attr]
    assert rows[("independent", None)] == (two, 0, 0)
    assert rows[("state-founded", "side-a")] == (0, two, two)
    assert word.independent_publisher_party_author == two
    assert word.largest is not None and word.largest_citations == max(
        sum(1 for record in ("incidents", "milestones", "assessments", "authors", "parties", "regions", "agreements")
            for r in data.records(record).values() for c in r.citations() if c.source_id == s)  # type: ignore[union-attr]
        for s in data.sources)


def test_the_real_data_counts_the_jamestown_article_as_azerbaijans_word() -> None:
    word = whose_word(load_dataset(REAL_DATA))
    rows = {(r.affiliation_kind, r.party_id): r for r in word.rows}
    authors = {a["id"]: a for a in load_yaml(REAL_DATA, "authors")}

    assert authors["vasif-huseynov"]["affiliation"]["party"] == "azerbaijan"
    assert authors["vasif-huseynov"]["affiliation"]["citations"]  # the data records it, cited
    assert word.largest is not None and word.largest.id == "jamestown-2021-07-21"
    assert rows[("state-founded", "azerbaijan")].by_word >= word.largest_citations
    assert rows[("independent", None)].by_word < word.largest_citations  # the article is not counted independent
    assert rows[("independent", None)].by_publisher > rows[("independent", None)].by_word


def test_the_whose_word_table_and_the_home_page_say_it(real_pages: Site) -> None:
    word = whose_word(load_dataset(REAL_DATA))
    table = section(real_pages.article("source-debt.html"), "Whose word").find("table")
    head = [squash(th.get_text()) for th in table.find("thead").find_all("th")]
    body = {squash(tr.find_all("td")[0].get_text()) + "|" + squash(tr.find_all("td")[1].get_text()):
            [int(td.get_text()) for td in tr.find_all("td")[2:]] for tr in table.find("tbody").find_all("tr")
            if len(tr.find_all("td")) == 5}
    home = squash(section(real_pages.article("index.html"), "Whose accounts").get_text())

    assert head == ["Affiliation", "Party named", "Citations by publisher", "Citations by author",
                    "Citations by whose word"]
    [independent] = [r for r in word.rows if r.affiliation_kind == "independent"]
    assert body["independent|"] == [independent.by_publisher, independent.by_author, independent.by_word]
    assert body["founded or owned by a state|Azerbaijan"][2] >= word.largest_citations
    share = word.largest_citations * 100 // word.total_citations
    assert re.search(rf"One source, Tensions Escalate Again in Armenian-Azerbaijani Relations \(.*by Vasif Huseynov, "
                     rf"whose affiliation is founded or owned by a state \(Azerbaijan\)\), supplies "
                     rf"{word.largest_citations} of the {word.total_citations} citations \({share}%\)", home)
    assert f"{word.party_word()} are the word of a party's state or of a publisher or author tied to a party" in home
