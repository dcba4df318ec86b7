"""The small frictions of issue 23.5, each with the test that would catch it again: labels
running into their values ("Weaponsvarious caliber weapons", "Took effect00:00"), a filter
box on a short table, a doubled place label, and Armenian or Russian text without ``lang``.
(The chronology's focus and its uncut labels: ``tests/test_visuals.py``.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sitetools import Site
from test_browser_offline import browser  # noqa: F401  (the shared fixture)
from testdata import REAL_DATA, load_yaml

from briefing.model.records import PlaceName, Region

#: Labels of the fact tables and of the accounts, as the search index and a copy read them.
LABELS = ("Weapons", "Took effect", "Grade", "Coordinates", "Kind", "Language")


def test_no_label_runs_into_its_value_in_the_pages_or_the_search_index(real_site: Path, real_pages: Site) -> None:
    for path in real_pages.html_files:
        html = (real_site / path).read_text(encoding="utf-8")
        assert not re.search(r"</(?:th|td|dt|dd)><(?:th|td|dt|dd)[\s>]", html), path
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    for label in LABELS:
        glued = re.findall(rf"\b{label}(?=[a-z0-9])", text)
        assert glued == [], (label, re.findall(rf"\b{label}[a-z0-9][^ ]*", text)[:3])
    assert "Took effect 00:00" in text and "Weapons various caliber weapons" in text


def test_only_long_tables_get_a_filter_box(browser: object, real_site: Path) -> None:  # noqa: F811
    page = browser.new_page()  # type: ignore[attr-defined]
    seen = {"with": 0, "without": 0}
    for path in ("chronology.html", "milestones/index.html", "source-debt.html", "regions/index.html",
                 "incidents/index.html"):
        page.goto((real_site / path).as_uri())
        page.wait_for_load_state("load")
        tables = page.eval_on_selector_all(
            "article table:not(details table)",
            "ts => ts.map(t => [t.tBodies[0] ? t.tBodies[0].rows.length : 0, t.dataset.filter === 'true'])")
        for rows, filtered in tables:
            assert filtered == (rows >= 15), (path, rows, filtered)
            seen["with" if filtered else "without"] += 1
    assert seen["with"] and seen["without"]  # both kinds are on these pages
    page.close()


def test_a_name_that_only_reorders_the_same_words_is_shown_once() -> None:
    border = Region(id="b", kind_of_place="border-section", names=(
        PlaceName(name="Armenian-Azerbaijani state border", lang="en"),
        PlaceName(name="Azerbaijani-Armenian state border", lang="en")))
    assert border.title == "Armenian-Azerbaijani state border"
    town = Region(id="s", kind_of_place="city", names=(PlaceName(name="Shusha", lang="en"),
                                                        PlaceName(name="Shushi", lang="en")))
    assert town.title == "Shusha / Shushi"


def test_the_real_border_has_one_label(real_pages: Site) -> None:
    assert real_pages.soup("regions/armenia-azerbaijan-border.html").find("h1").get_text(strip=True) \
        .startswith("Armenian-Azerbaijani state border")
    assert "Azerbaijani-Armenian state border / " not in real_pages.article_text("incidents/2021-07-07-tovuz.html")
    assert "state border / Azerbaijani-Armenian" not in real_pages.article_text("incidents/2021-07-07-tovuz.html")


def test_titles_and_quotes_in_footnotes_carry_their_language(real_pages: Site) -> None:
    sources = {s["id"]: s for s in load_yaml(REAL_DATA, "sources")}
    checked = 0
    for path in real_pages.html_files:
        if not path.startswith(("regions/", "incidents/")):
            continue
        for note in real_pages.article(path).select(".footnote li"):
            about = note.find("a", string="about this source")
            source = sources[about["href"].rsplit("/", 1)[-1].removesuffix(".html")]
            if source["language"] == "en":
                continue
            spans = note.select(f"span[lang='{source['language']}']")
            assert spans and spans[0].get_text() == " ".join(source["title"].split()), (path, source["id"])
            if note.select_one(".briefing-note-quote"):
                assert note.select_one(f".briefing-note-quote span[lang='{source['language']}']"), (path, source["id"])
            checked += 1
    assert checked
