"""Sources in and out of reference managers, and every citation format as hard to fool as
the data check (issue 23.2, issue 20 class 3).

Each format is read back by its own reference parser, as a reference manager would read
it: BibTeX by pybtex (a BibTeX-compatible parser: it counts a brace after a backslash, like
BibTeX), RIS by rispy, CSL-JSON by citeproc-py. A hostile title never makes a second,
forged entry, and the real entry keeps its address and year. Then a user's round trip:
the site's bibliography, imported with ``python -m briefing import-sources``, gives back the
same sources.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import rispy
import yaml
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from sitetools import Site
from test_exports import exported
from testdata import REAL_DATA, DataDir, load_yaml

from briefing.cli import main as cli
from briefing.model.record_dates import Day, RecordDates
from briefing.render.cite import cite_this
from briefing.render.references import Reference, bibtex, csl_json, ris

URL = "https://example.org/real/item"
#: Titles written to break out of a field or a record, or to start a new one.
HOSTILE = [
    "}}", "\\}", "\\}}, url = {https://evil.example/}, year = {1999}, x = {", "a } b { c",
    "}\n@misc{forged, url = {https://evil.example/forged}}", "@misc{forged,", "\\", "%}",
    "line one\nER  - \nTY  - JOUR\nUR  - https://evil.example/ris\nER  - ",
    "ER  - ", "title\r\nUR  - https://evil.example/cr", "sep\u2028UR  - https://evil.example/ls",
    "\u0085TY  - JOUR", '"}, "URL": "https://evil.example/json', "</code></pre><script>alert(1)</script>",
]


def _reference(title: str) -> Reference:
    return Reference(key="real-2021", csl_type="article-newspaper", title=title, authors=(title, "Real Author"),
                     container=title, publisher=title, issued=(2021, 7, 14), url=URL, language="en",
                     accessed=dt.date(2026, 11, 29), note=title)


@pytest.mark.parametrize("title", HOSTILE)
def test_bibtex_keeps_a_hostile_title_inside_one_entry(title: str) -> None:
    database = parse_string(bibtex([_reference(title), _reference("Second")]).replace("real-2021", "one", 1), "bibtex")
    assert list(database.entries) == ["one", "real-2021"]
    for entry in database.entries.values():
        assert entry.fields["url"] == URL and entry.fields["year"] == "2021", entry.fields
        assert "evil" not in " ".join(entry.fields.keys()) and set(entry.fields) >= {"title", "month", "note"}
    assert "evil.example/" not in "".join(e.fields["url"] for e in database.entries.values())


@pytest.mark.parametrize("title", HOSTILE)
def test_ris_keeps_a_hostile_title_on_its_line(title: str) -> None:
    records = rispy.loads(ris([_reference(title), _reference("Second")]))
    assert len(records) == 2
    for record in records:
        assert record["urls"] == [URL] and record["year"] == "2021", record
        assert record["type_of_reference"] == "NEWS"
    assert records[0]["title"] == " ".join(title.replace("\u2028", " ").replace("\u0085", " ").split())


@pytest.mark.parametrize("title", HOSTILE)
def test_csl_json_keeps_a_hostile_title_as_a_string(title: str) -> None:
    items = json.loads(csl_json([_reference(title), _reference("Second")]))
    source = CiteProcJSON(items)
    assert len(items) == 2 and set(source) == {"real-2021"}  # one key: citeproc keeps the last of a key
    assert all(item["URL"] == URL and item["issued"] == {"date-parts": [[2021, 7, 14]]} for item in items)
    assert items[0]["title"] == " ".join(title.replace("\u2028", " ").replace("\u0085", " ").split())


@pytest.mark.parametrize("title", HOSTILE)
def test_cite_this_record_is_written_by_the_same_writers(title: str) -> None:
    dates = RecordDates(first_published=Day(dt.date(2021, 7, 22)), last_changed=Day(dt.date(2021, 8, 3)))
    cite = cite_this(site_name="Site", title=title, kind_label="Incident", record_id="x", path="incidents/x.html",
                     site_url="https://site.example/", dates=dates)
    [entry] = parse_string(cite.bibtex, "bibtex").entries.values()
    assert entry.fields["url"] == "https://site.example/incidents/x.html" and entry.fields["year"] == "2021"
    [record] = rispy.loads(cite.ris)
    assert record["urls"] == ["https://site.example/incidents/x.html"]
    [item] = json.loads(cite.csl_json)
    assert item["URL"] == "https://site.example/incidents/x.html"


def test_highwire_tags_name_the_original(real_pages: Site) -> None:
    head = real_pages.soup("sources/jamestown-2021-07-21.html").find("head")
    tags = {(m["name"], m["content"]) for m in head.find_all("meta") if m.get("name", "").startswith("citation_")}
    source = next(s for s in load_yaml(REAL_DATA, "sources") if s["id"] == "jamestown-2021-07-21")
    assert ("citation_title", source["title"]) in tags
    assert ("citation_public_url", source["url"]) in tags
    assert ("citation_publication_date", "2021/07/21") in tags
    assert ("citation_author", "Vasif Huseynov") in tags
    # record pages that are not sources carry none (they are cited with "Cite this record")
    incident = real_pages.soup("incidents/2021-07-13-shusha.html").find("head")
    assert not [m for m in incident.find_all("meta") if m.get("name", "").startswith("citation_")]


def test_a_hostile_source_title_reaches_every_export_as_text(data_dir: DataDir) -> None:
    title = "\\}}, url = {https://evil.example/}, year = {1999}, x = {"
    data_dir.edit("sources", "title: Press release on the Town Y incident", f"title: {json.dumps(title)}")
    files = exported(data_dir)
    entries = parse_string(files["data/bibliography.bib"].decode("utf-8"), "bibtex").entries
    assert entries["source-one"].fields["url"] == "https://example.org/side-a/press-release"
    assert entries["source-one"].fields["year"] == "2021"
    assert all("evil" not in e.fields.get("url", "") for e in entries.values())
    records = rispy.loads(files["data/bibliography.ris"].decode("utf-8"))
    assert len(records) == len(entries) and records[[r["id"] for r in records].index("source-one")]["title"] == title
    assert json.loads(files["data/bibliography.json"])[0]["title"] == title or any(
        i["title"] == title for i in json.loads(files["data/bibliography.json"]))


# --- import: Zotero's exports into sources.yaml -----------------------------------------------

def _project(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    return data


def _without_imports(data: Path, ids: set[str]) -> None:
    sources = [s for s in yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8")) if s["id"] not in ids]
    (data / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False), encoding="utf-8")


COMPARED = ("title", "url", "published", "language", "kind", "publisher", "authors")


@pytest.mark.parametrize("extension", ["json", "bib"])
def test_the_bibliography_imports_back_into_the_same_sources(real_site: Path, tmp_path: Path, extension: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = _project(tmp_path)
    original = {s["id"]: s for s in load_yaml(REAL_DATA, "sources")}
    _without_imports(data, set(original))

    assert cli(["import-sources", str(real_site / "data" / f"bibliography.{extension}"), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"{len(original)} sources added" in out

    imported = {s["id"]: s for s in yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))}
    assert set(imported) == set(original)
    for source_id, source in original.items():
        got = imported[source_id]
        for name in COMPARED:
            want = source.get(name)
            want = want.isoformat() if isinstance(want, dt.date) else want
            assert got.get(name) == (want or None if name == "authors" else want), (source_id, name)
        assert "provenance" not in got and "accessed" not in got  # the rung is the editor's to state


def test_an_import_fails_check_until_the_editor_states_the_rung(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    data = _project(tmp_path)
    export = tmp_path / "zotero.json"
    export.write_text(json.dumps([{
        "id": "smithReportBorder2021", "type": "article-newspaper", "title": "A report on the border",
        "container-title": "Example Times", "publisher": "Example Times", "URL": "https://example.org/report",
        "issued": {"date-parts": [[2021, 7, 16]]}, "language": "en",
        "author": [{"family": "Smith", "given": "Ann"}], "accessed": {"date-parts": [[2026, 11, 30]]},
    }]), encoding="utf-8")
    before = (data / "sources.yaml").read_text(encoding="utf-8")

    assert cli(["import-sources", str(export), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "add to authors.yaml, each with its affiliation: example-times, ann-smith" in out
    after = (data / "sources.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)  # the records already there keep their bytes

    assert cli(["check", "--data", str(data)]) == 1
    captured = capsys.readouterr()
    report = captured.out + captured.err
    assert "smithreportborder2021: missing required field 'provenance' (hint: state how the team knows this source" \
        in report
    assert "the publisher 'example-times' is not in authors.yaml" in report

    # importing the same file again adds nothing
    assert cli(["import-sources", str(export), "--data", str(data)]) == 0
    assert "left out smithreportborder2021: already in sources.yaml" in capsys.readouterr().out


def test_an_unreadable_export_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _project(tmp_path)
    bad = tmp_path / "broken.bib"
    bad.write_text("@misc{x, title = {unclosed\n", encoding="utf-8")
    assert cli(["import-sources", str(bad), "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("error: ") and "not valid BibTeX" in err and "Traceback" not in err


ZOTERO_BIBTEX = r"""
@misc{muller_grenzbericht_2021,
	title = {Ein {Grenzbericht}: {M}{\"u}ller \& {Söhne} 50\% am {Sevan}},
	url = {https://example.org/grenzbericht},
	urldate = {2026-11-30},
	journal = {Beispiel Zeitung},
	author = {M{\"u}ller, Anna and {Ministry of Defence of Azerbaijan (mod.gov.az)}},
	month = jul,
	year = {2021},
	langid = {german},
	language = {de},
}
"""


def test_a_zotero_bibtex_export_is_read_with_its_latex_decoded(tmp_path: Path) -> None:
    data = _project(tmp_path)
    export = tmp_path / "zotero.bib"
    export.write_text(ZOTERO_BIBTEX, encoding="utf-8")

    assert cli(["import-sources", str(export), "--data", str(data)]) == 0

    [record] = [s for s in yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
                if s["id"] == "muller-grenzbericht-2021"]
    assert record["title"] == "Ein Grenzbericht: Müller & Söhne 50% am Sevan"
    assert record["url"] == "https://example.org/grenzbericht"
    assert record["published"] == "2021-07"
    assert record["language"] == "de"
    assert record["publisher"] == "beispiel-zeitung"  # not in authors.yaml yet: check will say so
    assert record["authors"] == ["anna-muller", "mod-az"]  # a known author is matched by its name
    assert "provenance" not in record
