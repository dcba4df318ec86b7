"""Story tests: data text is untrusted, and the published site treats it as text.

A hostile curator (or a pasted press release) puts HTML, Markdown and MkDocs syntax in
every free-text field of the minimal dataset. The site must still build, show that text
literally, run no script but the theme's and the vendored ones, carry no event-handler
attribute and no ``javascript:`` link, and write nothing outside ``site/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import Comment
from sitetools import Site, heading_text, is_external, make_project, run_mkdocs, squash, visible_text
from testdata import MINIMAL_DATA, load_yaml, write_yaml

from briefing.publish.download import FACTS_NAME

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    '{: onclick="alert(1)" }',
    "[^1]",
    "<!-- -->",
    "| table | break |",
    "# heading",
    "*emph*",
    "&lt;b&gt;",
]
ALL = " ".join(PAYLOADS)
#: A block of text whose second line would make the first a Markdown heading.
MULTILINE = "line one\n===\nline two"
MULTILINE_SHOWN = "line one === line two"
#: Ends with an attribute list, which would apply to a heading if it were interpreted.
TITLE_TAIL = f"{ALL} {PAYLOADS[3]}"

KINDS = ("parties", "authors", "regions", "sources", "agreements", "milestones", "incidents", "assessments")


def by_id(records: list[dict[str, Any]], record_id: str) -> dict[str, Any]:
    return next(r for r in records if r["id"] == record_id)


def hostile_data(target: Path, poison: Callable[[str], str]) -> dict[str, list[dict[str, Any]]]:
    """The minimal dataset with ``poison(label)`` in every free-text field; written to ``target``."""
    data = {kind: load_yaml(MINIMAL_DATA, kind) for kind in KINDS}

    side_a = by_id(data["parties"], "side-a")
    side_a["name"] = poison("Side A")
    side_a["description"]["text"] = f"# heading\n\n{ALL}\n\n{MULTILINE}"

    town = by_id(data["regions"], "town-y")
    town["names"][0]["name"] = poison("Town Y")
    # each quote cited for a place names it (place-not-in-quote): the poisoned name is quoted too
    for citation in (*town["names"][0]["citations"], *town["description"]["citations"], *town["parent_citations"]):
        citation["quote"] = f"near {town['names'][0]['name']}"
    town["description"]["text"] = f"{MULTILINE}\n{ALL}"
    town["coordinates"]["basis"]["text"] = f"Basis {ALL}"

    publisher = by_id(data["authors"], "mod-side-a")
    publisher["name"] = poison("Publisher One")
    publisher["affiliation"]["note"] = f"Affiliation {ALL}"
    by_id(data["authors"], "analyst-z")["affiliation"]["searched"]["where"] = f"Searched {ALL}"

    source = by_id(data["sources"], "source-one")
    source["title"] = poison("Source title")
    source["note"] = "| table | break |\n|---|---|\n| a | b |\n\n" + ALL
    source["provenance"] = "copy"
    source["copy"] = {"kind": "repost", "identifier": f"Copy {ALL}", "publisher": "example-news", "note": f"Copy note {ALL}"}
    source["url_unknown"] = f"Unknown {ALL}"
    del source["url"]

    assessment = by_id(data["assessments"], "analyst-z-2021-01-06-escalation")
    assessment["text"] = f"{poison('Assessment')}\n\n{MULTILINE}\n\n{ALL}"

    accord = by_id(data["agreements"], "accord-2020")
    accord["title"] = poison("Accord")
    accord["effective"] = {"text": f"Effective {ALL}", "citations": [{"source": "source-two"}]}
    accord["summary"]["text"] = f"{MULTILINE}\n\n{ALL}"
    clause = by_id(accord["clauses"], "accord-2020-clause-1")
    clause["title"] = poison("Ceasefire")
    text = clause["texts"][0]
    text["version"] = f"Version {ALL}"
    text["text"] = f"{MULTILINE}\n\n# heading\n\n{ALL}"
    text["citations"] = [{"source": "source-one", "locator": f"Clause locator {ALL}",
                          "quote": f"Clause quote {ALL}"}]

    talks = by_id(data["milestones"], "2020-12-01-talks")
    talks["title"] = poison("Talks")
    talks["summary"]["text"] = f"# heading\n\n{ALL}"
    talks["clauses"][0]["why"] = f"Milestone why {ALL}"

    incident = by_id(data["incidents"], "2021-01-05-town-y")
    incident["title"] = poison("Fire near Town Y")
    incident["place"] = f"Place {ALL}"
    incident["summary"]["text"] = f"[^1]: a fake footnote\n\n{ALL}"
    incident["grade_note"] = f"Grade note {ALL}"
    incident["casualty_rule"] = f"Rule {ALL}"
    incident["weapons"] = [f"Weapon {ALL}"]
    incident["clauses"][0]["why"] = f"Incident why {ALL}"
    first, second = incident["claims"][0], incident["claims"][1]
    first["claimant"] = f"Claimant {ALL}"
    first["text"] = f"Claim {ALL}"
    first["place"] = f"Claimed place {ALL}"
    first["weapons"] = [f"Claimed weapon {ALL}"]
    first["time_of_day"] = f"Time {ALL}"
    second["blamed_as"] = f"Blamed {ALL}"
    incident["silent"][0]["text"] = f"Silence {ALL}"
    incident["silent"][0]["actor"] = f"Actor {ALL}"
    second["text"] = f"{MULTILINE}\n{ALL}"
    second["quoted"] = True
    second["citations"] = [{"source": "source-two", "locator": f"Claim locator {ALL}",
                            "quote": f"Claim quote {ALL}"}]

    target.mkdir(parents=True, exist_ok=True)
    for kind, records in data.items():
        write_yaml(target / f"{kind}.yaml", records)
    return data


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` except ``site/`` and Python's ``__pycache__``
    (the bytecode cache of the imported hook, not a build output)."""
    entries = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name == "site" or name.startswith("site/") or "__pycache__" in path.parts:
            continue
        entries[name] = "<dir>" if path.is_dir() else path.read_bytes().hex()
    return entries


@dataclass
class Build:
    site: Site
    data: dict[str, list[dict[str, Any]]]
    before: dict[str, str]
    after: dict[str, str]


def build_hostile(root: Path, poison: Callable[[str], str]) -> Build:
    data = hostile_data(root / "hostile-data", poison)
    project = make_project(root / "project", root / "hostile-data")
    before = snapshot(project)
    result = run_mkdocs(project)
    assert result.returncode == 0, f"hostile data must still build:\n{result.stdout}\n{result.stderr}"
    return Build(Site(project / "site"), data, before, snapshot(project))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_hostile(tmp_path_factory.mktemp("hostile"), lambda label: f"{label} {TITLE_TAIL}")


@pytest.fixture(scope="module")
def title_breakout(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Record titles that close the page's ``<title>`` element and open a script."""
    return build_hostile(tmp_path_factory.mktemp("breakout"),
                         lambda label: f"{label} </title><script>alert(2)</script><title>")


# --- what may run ------------------------------------------------------------------------


def known_scripts(site: Site) -> set[str]:
    """The scripts mkdocs.yml asks for (polyfills, extra_javascript) as site paths, and the
    one the build itself writes: the offline zip's facts (no data reaches it but the zip's
    size and hash, :mod:`briefing.publish.download`)."""
    with open(site.root.parent / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=yaml.BaseLoader)
    return {*config.get("extra", {}).get("polyfills", []), *config.get("extra_javascript", []), FACTS_NAME}


THEME_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


def unexpected_scripts(site: Site) -> list[str]:
    known = known_scripts(site)
    found = []
    for path in site.html_files:
        for script in site.soup(path).find_all("script"):
            if script.has_attr("src"):
                target = site.target(path, script["src"])
                if is_external(script["src"]) or not (target in known or THEME_BUNDLE.fullmatch(target)):
                    found.append(f"{path}: <script src={script['src']!r}>")
            elif "alert" in script.get_text() or "onerror" in script.get_text():
                found.append(f"{path}: inline script {script.get_text()[:80]!r}")
    return found


def test_only_the_theme_and_the_vendored_scripts_are_on_the_pages(hostile: Build) -> None:
    assert len(hostile.site.html_files) > 10
    assert unexpected_scripts(hostile.site) == []


def test_no_element_has_an_event_handler_attribute(hostile: Build) -> None:
    handlers = [f"{path}: <{tag.name} {name}=...>"
                for path in hostile.site.html_files
                for tag in hostile.site.soup(path).find_all(True)
                for name in tag.attrs if name.lower().startswith("on")]
    assert handlers == []


def test_no_link_or_source_runs_script(hostile: Build) -> None:
    bad = []
    for path in hostile.site.html_files:
        for tag in hostile.site.soup(path).find_all(True):
            for name in ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"):
                value = re.sub(r"\s", "", str(tag.get(name, ""))).lower()
                runs_script = value.startswith(("javascript:", "vbscript:", "data:text/html"))
                if runs_script or (name == "srcdoc" and value):
                    bad.append(f"{path}: <{tag.name} {name}={tag.get(name)!r}>")
    assert bad == []


def test_search_index_holds_the_text_escaped(hostile: Build) -> None:
    index = hostile.site.root / "search" / "search_index.json"
    raw = index.read_text(encoding="utf-8")
    assert "alert(1)" in raw, "the hostile text should be searchable"
    for doc in yaml.safe_load(raw)["docs"]:
        for field in ("title", "text"):
            lowered = doc[field].lower()
            assert "<script" not in lowered and "<img" not in lowered, (doc["location"], doc[field][:200])
        assert "javascript:" not in doc["location"].lower()


# --- what a reader sees ------------------------------------------------------------------

RECORD_PAGES = [
    "incidents/2021-01-05-town-y.html",
    "authors/mod-side-a.html",
    "assessments/analyst-z-2021-01-06-escalation.html",
    "regions/town-y.html",
    "sources/source-one.html",
    "parties/side-a.html",
    "agreements/accord-2020.html",
    "clauses/accord-2020-clause-1.html",
    "milestones/2020-12-01-talks.html",
]
LISTING_PAGES = ["index.html", "chronology.html", "incidents/index.html", "regions/index.html",
                 "sources/index.html", "parties/index.html", "agreements/index.html",
                 "clauses/index.html", "milestones/index.html", "source-debt.html"]


@pytest.mark.parametrize("path", RECORD_PAGES + LISTING_PAGES)
def test_hostile_text_is_shown_literally(hostile: Build, path: str) -> None:
    text = visible_text(hostile.site.article(path))
    missing = [payload for payload in PAYLOADS if payload not in text]
    assert missing == []


def shortened(text: str) -> str:
    """An assessment's heading: the start of its text, cut at a word (and attributed)."""
    text = squash(text)
    return text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def titles(data: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """The heading each poisoned record page should show, as plain text."""
    accord = by_id(data["agreements"], "accord-2020")
    clause = by_id(accord["clauses"], "accord-2020-clause-1")
    source = by_id(data["sources"], "source-one")
    town = by_id(data["regions"], "town-y")
    english = list(dict.fromkeys(n["name"] for n in town["names"] if n["lang"] == "en"))
    return {
        "incidents/2021-01-05-town-y.html": by_id(data["incidents"], "2021-01-05-town-y")["title"],
        "authors/mod-side-a.html": by_id(data["authors"], "mod-side-a")["name"],
        "assessments/analyst-z-2021-01-06-escalation.html": "Analyst Z: " + shortened(
            by_id(data["assessments"], "analyst-z-2021-01-06-escalation")["text"]),
        "regions/town-y.html": " / ".join(english),
        "sources/source-one.html": f"{by_id(data['authors'], 'mod-side-a')['name']}: {source['title']}",
        "parties/side-a.html": by_id(data["parties"], "side-a")["name"],
        "agreements/accord-2020.html": accord["title"],
        "clauses/accord-2020-clause-1.html": f"Clause {clause['number']}: {clause['title']}",
        "milestones/2020-12-01-talks.html": by_id(data["milestones"], "2020-12-01-talks")["title"],
    }


@pytest.mark.parametrize("path", RECORD_PAGES)
def test_page_heading_is_the_literal_title(hostile: Build, path: str) -> None:
    headings = hostile.site.article(path).find_all("h1")
    assert len(headings) == 1
    assert heading_text(headings[0]) == squash(titles(hostile.data)[path])


@pytest.mark.parametrize("path", RECORD_PAGES)
def test_tab_title_shows_the_literal_title(hostile: Build, path: str) -> None:
    title = squash(hostile.site.soup(path).title.get_text())
    assert title.startswith(squash(titles(hostile.data)[path]) + " - ")


def test_multiline_text_makes_no_heading(hostile: Build) -> None:
    shown = 0
    for path in RECORD_PAGES:
        article = hostile.site.article(path)
        for heading in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            text = heading_text(heading)
            assert "line one" not in text or "===" in text, f"{path}: {text!r}"
            assert text != "heading", f"{path}: '# heading' became a heading"
        shown += MULTILINE_SHOWN in visible_text(article)
    assert shown >= 5


def test_markdown_and_html_in_data_make_no_markup(hostile: Build) -> None:
    for path in RECORD_PAGES + LISTING_PAGES:
        article = hostile.site.article(path)
        assert article.find_all(["img", "iframe", "object", "embed", "form", "input", "style"]) == [], path
        assert [em for em in article.find_all("em") if em.get_text() == "emph"] == [], path
        comments = article.find_all(string=lambda s: isinstance(s, Comment))
        assert comments == [], f"{path}: {comments}"
        assert [a for a in article.find_all("a", href=True) if a.get_text() == "click"] == [], path


def test_table_pipes_in_data_do_not_split_cells(hostile: Build) -> None:
    checked = 0
    for path in RECORD_PAGES + LISTING_PAGES:
        for table in hostile.site.article(path).find_all("table"):
            width = len(table.find("tr").find_all(["th", "td"]))
            for row in table.find_all("tr"):
                assert len(row.find_all(["th", "td"])) == width, f"{path}: {squash(row.get_text(' '))[:120]}"
                checked += 1
    assert checked > 20


def test_footnote_syntax_in_data_adds_no_footnote(hostile: Build) -> None:
    path = "incidents/2021-01-05-town-y.html"
    incident = by_id(hostile.data["incidents"], "2021-01-05-town-y")
    citations = [*incident["summary"]["citations"],
                 *(c for claim in incident["claims"] for c in claim["citations"]),
                 *(c for silence in incident["silent"] for c in silence["citations"]),
                 *(c for link in incident["clauses"] for c in link["citations"])]
    assessment = by_id(hostile.data["assessments"], "analyst-z-2021-01-06-escalation")
    citations += assessment["citations"]
    # and the affiliations of the publishers and authors of every source cited, and of theirs
    sources = {s["id"]: s for s in hostile.data["sources"]}
    authors = {a["id"]: a for a in hostile.data["authors"]}
    done: set[str] = set()
    while todo := {c["source"] for c in citations} - done:
        for source_id in todo:
            done.add(source_id)
            for author_id in (sources[source_id]["publisher"], *sources[source_id].get("authors", [])):
                citations += authors[author_id]["affiliation"].get("citations", [])
    distinct = {(c["source"], c.get("locator"), c.get("quote")) for c in citations}
    notes = hostile.site.soup(path).select("div.footnote li[id^='fn:']")
    assert len(notes) == len(distinct)
    assert "[^1]: a fake footnote" in visible_text(hostile.site.article(path))


def test_build_writes_nothing_outside_site(hostile: Build) -> None:
    assert hostile.after == hostile.before


# --- a title that closes the <title> element ---------------------------------------------


def test_title_text_cannot_close_the_title_element(title_breakout: Build) -> None:
    assert unexpected_scripts(title_breakout.site) == []
    for path in RECORD_PAGES:
        assert "</title><script>alert(2)</script>" in title_breakout.site.soup(path).title.get_text()
