"""A first-time reader learns from the home page what happened, who reported casualties and
how one-sided the evidence is, every statement cited; an incident page tells what
happened before it shows the map; an agreement page reads as a document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from sitetools import Site, heading_text, make_project, run_mkdocs, section, squash
from testdata import REAL_DATA, load_yaml

from briefing.model.scope import period_words
from briefing.render.bottom_line import FIGURES_SHOWN, PLACES_SHOWN
from briefing.render.home import figures_words
from briefing.render.text import date_text

INCIDENTS = load_yaml(REAL_DATA, "incidents")
MILESTONES = load_yaml(REAL_DATA, "milestones")
PARTIES = {p["id"]: p for p in load_yaml(REAL_DATA, "parties")}


def _accounts(incident: dict[str, Any]) -> set[str]:
    return {c["party"] for c in incident["claims"]}


def _silent(incident: dict[str, Any]) -> set[str]:
    return {s["party"] for s in incident.get("silent", [])}


def _footnoted(tag: Any) -> bool:
    return tag.select_one("a.footnote-ref") is not None


def _incidents_on_home(key_points: int = 12) -> list[dict[str, Any]]:
    """The incidents among the home page's records: the latest month's, its latest
    ``key_points`` records (incidents and milestones), as the page chooses them."""
    records = [*INCIDENTS, *MILESTONES]
    latest = max(r["date"] for r in records)
    in_month = sorted((r for r in records if (r["date"].year, r["date"].month) == (latest.year, latest.month)),
                      key=lambda r: (r["date"], "claims" in r, r["id"]))
    return [r for r in in_month[-key_points:] if "claims" in r]


# --- the home page as a briefing -------------------------------------------------------------


def test_the_home_page_opens_with_its_bottom_line_then_cited_key_points_of_the_latest_month(real_pages: Site) -> None:
    article = real_pages.article("index.html")
    latest = max(r["date"] for r in [*INCIDENTS, *MILESTONES])
    in_month = [r for r in [*INCIDENTS, *MILESTONES] if (r["date"].year, r["date"].month) == (latest.year, latest.month)]

    days = [d for r in in_month for d in (r["date"], r.get("date_end", r["date"]))]
    headings = [heading_text(h) for h in article.find_all("h2")]
    assert headings[0].startswith("Bottom line, as of ")
    assert headings[1] == f"Key points, {period_words(min(days), max(days))}"  # never the whole month
    points = article.select(".briefing-key-points > li")
    assert len(points) == min(len(in_month), 12)
    for point in points:
        assert point.find("time") is not None, point
        assert _footnoted(point.find("p")), point


def test_the_bottom_line_is_written_from_the_data_and_cites_every_place_and_figure(real_pages: Site) -> None:
    line = real_pages.article("index.html").select_one(".briefing-bottom-line")
    text = squash(line.get_text())
    first = min(i["date"] for i in INCIDENTS)
    last = max(i.get("date_end") or i["date"] for i in INCIDENTS)
    # the data now runs from July into August: the period is written as the filter writes it
    assert f"{len(INCIDENTS)} incidents were reported in {date_text(first, 'day', last)}" in text
    assert first.month == 7 and last.month == 8
    # each place links its incident's page and carries a footnote
    places = [a for a in line.find_all("a") if "incidents/" in a["href"] and "index" not in a["href"]]
    latest = sorted(INCIDENTS, key=lambda i: (i["date"], i["id"]))[-PLACES_SHOWN:]
    assert {a["href"].rsplit("/", 1)[-1] for a in places} == {f"{i['id']}.html" for i in latest}
    if len(INCIDENTS) > PLACES_SHOWN:
        assert f"the latest {PLACES_SHOWN}:" in text
    for place in places:
        assert place.find_next_sibling().name == "sup", place
    figures = [(PARTIES[c["party"]]["name"], row) for i in sorted(INCIDENTS, key=lambda i: (i["date"], i["id"]))
               for c in i["claims"]
               for row in c.get("casualties", []) if row.get("killed") or row.get("wounded")]
    # the gravest figure each party reported (killed, then wounded; the earliest of equals)
    gravest: dict[str, dict[str, int]] = {}
    for party, row in sorted(figures, key=lambda f: (f[1].get("killed") or 0, f[1].get("wounded") or 0), reverse=True):
        gravest.setdefault(party, row)
    shown = list(gravest.items())[:FIGURES_SHOWN]
    for party, row in shown:
        words = " and ".join(f"{row[k]} {k}" for k in ("killed", "wounded") if row.get(k))
        assert f"{party} reported {words} on " in text, (party, words)
    assert "the gravest each party reported" in text
    if len(figures) > len(shown):
        assert f"and {len(figures) - len(shown)} more below" in text
    assert "never added up" in text
    single = sum(1 for i in INCIDENTS if len(_accounts(i) - {"russia", "turkey"}) == 1)
    assert f"Of the {len(INCIDENTS)}, " in text and "alone" in text and single
    assert "The data covers " in text  # the scope and the coverage, said in the bottom line (test_scope.py)


def test_an_incident_page_keeps_its_evidence_apart_from_sources_cited_for_context(real_pages: Site) -> None:
    article = real_pages.article("incidents/2021-07-13-shusha.html")
    evidence = article.select_one("#sources-evidence").find_next("ul")
    context = article.select_one("#sources-context").find_next("ul")
    cited_in_text = set()
    for ref in article.select("sup[id^=fnref] a.footnote-ref"):
        note = article.select_one(f"li[id='fn:{ref['href'].split(':')[1]}']")
        cited_in_text.add(note.find("a", string="about this source")["href"])
    evidence_links = {a["href"] for a in evidence.select("li > a:first-child")}
    context_links = {a["href"] for a in context.select("li > a:first-child")}
    assert evidence_links == cited_in_text
    assert context_links and not context_links & evidence_links


def test_the_home_page_has_no_uncited_statement_about_the_conflict(real_pages: Site) -> None:
    text = real_pages.article_text("index.html")
    assert "In the first half of July 2021" not in text
    assert "The briefing attributes; it does not adjudicate" not in text
    briefing = [section(real_pages.article("index.html"), name) for name in ("Key points", "Reported casualties")]
    for part in briefing:
        for item in part.select("li li, .briefing-key-points > li"):
            assert _footnoted(item), item


def test_reported_casualties_are_attributed_to_who_reported_them(real_pages: Site) -> None:
    casualties = section(real_pages.article("index.html"), "Reported casualties")
    lines = [squash(li.get_text()) for li in casualties.select("li li")]
    shown = _incidents_on_home()
    for incident in shown:
        for claim in incident["claims"]:
            for reported in claim.get("casualties", []):
                words = figures_words(reported.get("killed"), reported.get("wounded"))
                side = PARTIES[reported["party"]]["name"]
                claimant = " ".join(claim["claimant"].split())
                assert any(line.startswith(claimant) and f"{words} on the side of {side}" in line for line in lines), \
                    (claimant, words, side)
    silent = [i for i in shown if not any(c.get("casualties") for c in i["claims"])]
    if silent:
        assert "No account gives casualty figures for" in casualties.get_text()


def test_the_evidence_balance_says_plainly_how_many_incidents_rest_on_one_party(real_pages: Site) -> None:
    balance = section(real_pages.article("index.html"), "Whose accounts")
    single = [i for i in INCIDENTS if len(_accounts(i)) == 1]
    by_party: dict[str, int] = {}
    for incident in single:
        [party] = _accounts(incident)
        by_party[party] = by_party.get(party, 0) + 1
    text = squash(balance.find("p").get_text())

    first = min(i["date"] for i in INCIDENTS)
    last = max(i.get("date_end", i["date"]) for i in INCIDENTS)
    assert text.startswith(f"Of the {len(INCIDENTS)} incidents reported in the sources curated so far "
                           f"({period_words(first, last)}),")
    for party, count in by_party.items():
        assert f"{count} {'is' if count == 1 else 'are'} known here only from the accounts of {PARTIES[party]['name']}" in text


def test_the_evidence_table_shows_whose_accounts_exist_for_each_incident(real_pages: Site) -> None:
    table = section(real_pages.article("index.html"), "Whose accounts").find("table")
    parties = [squash(th.get_text()) for th in table.find("thead").find_all("th", scope="col")][1:]
    rows = table.find("tbody").find_all("tr")
    by_title = {" ".join(i["title"].split()): i for i in INCIDENTS}

    assert rows
    for row in rows:
        incident = by_title[squash(row.find("th").find("a").get_text())]
        names = {PARTIES[p]["name"] for p in _accounts(incident)}
        quiet = {PARTIES[p]["name"] for p in _silent(incident)} - names
        cells = dict(zip(parties, row.find_all("td"), strict=True))
        for party, cell in cells.items():
            how = cell.select_one(".briefing-evidence-how")
            if how is not None:  # whose publication the account is cited from (issue 18.3)
                assert squash(how.extract().get_text()) in ("its own publication", "as reported by others")
            word = squash(re.sub(r"[\d,]+$", "", squash(cell.get_text())))
            expected = "account" if party in names else "silent" if party in quiet else "none cited"
            assert word == expected, (incident["id"], party, word)
            assert (party in names or party in quiet) == _footnoted(cell)


def test_the_map_timeline_and_lists_follow_the_briefing(real_pages: Site) -> None:
    headings = [heading_text(h) for h in real_pages.article("index.html").find_all("h2")]
    assert headings.index("Where and when") > headings.index("Whose accounts: the evidence balance")
    assert headings.index("Latest incidents") > headings.index("Where and when")


def _options(project: Path, options: dict[str, object]) -> None:
    """Set ``extra.briefing`` of the project's mkdocs.yml to ``options`` (replacing the real site's)."""
    config = project / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings.setdefault("extra", {})["briefing"] = options
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_home_title_and_a_cited_introduction_come_from_mkdocs_yml(tmp_path: Path, minimal_data: Path) -> None:
    project = make_project(tmp_path / "project", minimal_data)
    _options(project, {"home_title": "Country X: the briefing", "home_intro": [
        {"text": "Both sides agreed to a ceasefire in 2020.", "citations": [{"source": "source-two", "locator": "p. 1"}]},
    ]})
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr

    article = Site(project / "site").article("index.html")
    assert heading_text(article.find("h1")) == "Country X: the briefing"
    intro = article.find("h1").find_next_sibling("p")
    assert squash(intro.get_text()).startswith("Both sides agreed to a ceasefire in 2020.")
    assert _footnoted(intro)


def test_an_introduction_citing_an_unknown_source_stops_the_build(tmp_path: Path, minimal_data: Path) -> None:
    project = make_project(tmp_path / "project", minimal_data)
    _options(project, {"home_intro": [{"text": "A claim.", "citations": [{"source": "source-nine"}]}]})
    result = run_mkdocs(project)

    assert result.returncode != 0
    assert "extra.briefing.home_intro[0].citations[0].source: unknown source 'source-nine'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_uncited_introduction_is_refused_with_the_options_name(tmp_path: Path, minimal_data: Path) -> None:
    project = make_project(tmp_path / "project", minimal_data)
    _options(project, {"home_intro": [{"text": "A claim of our own."}]})
    result = run_mkdocs(project)

    assert result.returncode != 0
    assert "extra.briefing.home_intro: Sub-option 'citations': Required configuration not provided." in result.stderr


# --- the incident page ---------------------------------------------------------------------


def test_an_incident_page_tells_what_happened_and_the_accounts_before_the_map(real_pages: Site) -> None:
    article = real_pages.article("incidents/2021-07-13-shusha.html")
    headings = [heading_text(h) for h in article.find_all("h2")]
    order = [headings.index(name) for name in ("Summary", "Claims side by side", "Casualties", "On the map")]
    assert order == sorted(order)
    map_drawing = article.select_one(".briefing-map")
    summary = next(h for h in article.find_all("h2") if heading_text(h) == "Summary")
    assert map_drawing is not None and summary in map_drawing.find_all_previous("h2")


# --- the agreement page --------------------------------------------------------------------


def test_an_agreement_page_says_which_clauses_are_recorded_and_which_are_not(real_pages: Site) -> None:
    clauses = section(real_pages.article("agreements/trilateral-statement-2020-11-10.html"), "Clauses")
    numbers = sorted(int(c["number"]) for c in load_yaml(REAL_DATA, "agreements")[0]["clauses"])
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"

    assert f"This briefing records clauses {listed};" in squash(clauses.find("p").get_text())
    missing = []
    for line in clauses.select(".briefing-clause-not-recorded"):
        first, last = re.match(r"Clauses? (\d+)(?:–(\d+))?: not recorded", squash(line.get_text())).groups()
        missing += range(int(first), int(last or first) + 1)
    assert missing == [n for n in range(1, numbers[-1] + 1) if n not in numbers]


def test_an_agreement_page_shows_each_clauses_full_text_where_a_source_has_it(real_pages: Site) -> None:
    clauses = section(real_pages.article("agreements/trilateral-statement-2020-11-10.html"), "Clauses")
    [agreement] = [a for a in load_yaml(REAL_DATA, "agreements") if a["id"] == "trilateral-statement-2020-11-10"]
    text = squash(" ".join(quote.get_text(" ") for quote in clauses.find_all("blockquote")))
    notes = squash(clauses.get_text())
    for clause in agreement["clauses"]:
        full = [t for t in clause["texts"] if not t.get("excerpt")]
        shown = full[0] if full else clause["texts"][0]
        assert squash(shown["text"]) in text, clause["id"]
        for fragment in (t for t in clause["texts"] if t.get("excerpt") and full):
            assert squash(fragment["text"]) not in text.replace(squash(shown["text"]), ""), clause["id"]
        if not full:
            assert f"{shown['version']}: an excerpt; no source cited here gives the clause in full" in notes
        for other in clause["texts"]:
            assert squash(other["version"]) in notes, (clause["id"], other["version"])


def test_an_agreement_with_a_clause_count_names_the_clauses_not_recorded(tmp_path: Path, minimal_data: Path) -> None:
    agreements = minimal_data / "agreements.yaml"
    agreements.write_text(agreements.read_text(encoding="utf-8").replace(
        "  clauses:\n", "  clause_count:\n    count: 3\n    citations: [{source: source-two}]\n  clauses:\n", 1),
        encoding="utf-8")
    project = make_project(tmp_path / "project", minimal_data)
    result = run_mkdocs(project)
    assert result.returncode == 0, result.stderr

    clauses = section(Site(project / "site").article("agreements/accord-2020.html"), "Clauses")
    first = clauses.find("p")
    assert squash(first.get_text()).startswith("The text has 3 clauses")
    assert _footnoted(first)
    assert "This briefing records clause 1; clauses 2 and 3 are not recorded." not in squash(first.get_text())
    assert "This briefing records clause 1; clauses 2–3 are not recorded." in squash(first.get_text())
    assert [squash(p.get_text()) for p in clauses.select(".briefing-clause-not-recorded")] == [
        "Clauses 2–3: not recorded in this briefing."]


def test_a_clause_count_below_the_recorded_clauses_is_an_error(data_dir: Any) -> None:
    data_dir.edit("agreements", "  clauses:\n", "  clause_count: {count: 1, citations: [{source: source-two}]}\n  clauses:\n")
    data_dir.edit("agreements", 'number: "1"', 'number: "2"')
    error = data_dir.error()
    assert (str(error.location), error.message) == (
        "data/agreements.yaml:9:25", "clause_count.count is 1, but clause 2 is recorded")


def test_record_dates_out_of_order_are_an_error(data_dir: Any) -> None:
    data_dir.edit("parties", "- id: side-a\n", "- id: side-a\n  record_dates: {first_published: 2021-08-03, last_changed: 2021-07-22}\n")
    error = data_dir.error()
    assert error.message == "record_dates.last_changed 2021-07-22 is before first_published 2021-08-03"
    assert str(error.location).startswith("data/parties.yaml:2:")


def test_an_analysts_statement_is_not_a_partys_account_in_the_balance(data_dir: Any) -> None:
    """An analyst cannot be a claimant (check refuses it: issue 10); their conclusions are
    assessments, which the balance never counts as an account."""
    from briefing.render.home import evidence_balance, evidence_table

    data = data_dir.load()
    assert [a.author_id for a in data.assessments.values()] == ["analyst-z"]
    columns, [row], _actors = evidence_table(data, list(data.incidents.values()))
    assert [p.id for p in columns] == ["side-a", "side-b"]
    assert [(c.party.id, len(c.claims)) for c in row.cells] == [("side-a", 1), ("side-b", 1)]
    assert evidence_balance(data).single_party == ()

    data_dir.edit("incidents", "    - party: side-b\n      claimant: Spokesperson of Side B\n",
                  "    - party: analyst-z\n      claimant: Analyst Z\n")
    assert [e.code for e in data_dir.errors()] == ["claim-by-non-party"]


def test_a_recorded_silence_fills_the_partys_cell_and_is_counted(data_dir: Any) -> None:
    """Incidents and milestones record who did not comment (``silent``, issue 10): the
    balance shows it in the party's cell, cited, instead of "none cited"."""
    from briefing.model.records import Citation
    from briefing.render.home import evidence_balance, evidence_table, page_citations

    data_dir.edit("incidents", "    - party: side-b\n      claimant: Spokesperson of Side B\n",
                  "    - party: side-a\n      claimant: Spokesperson of Side A\n")
    data = data_dir.load()

    _columns, [row], _actors = evidence_table(data, list(data.incidents.values()))
    cells = {c.party.id: c for c in row.cells}
    assert len(cells["side-a"].claims) == 2 and cells["side-a"].silent == ()
    assert cells["side-b"].claims == () and [s.actor for s in cells["side-b"].silent] == ["Ministry of Defence of Side B"]
    assert Citation("source-two", None, "Side B's defence ministry did not comment") in page_citations((), (), (), [row])
    assert evidence_balance(data).with_silences == 1
