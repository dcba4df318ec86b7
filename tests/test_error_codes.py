"""Stable error codes: every problem carries one, in every output, from one table.

The first table below is the validation suite in one place: each row breaks the minimal
dataset in one way (fixture file, text replaced, replacement) and names the code and the
place (file:line:column) the problem must be reported at. The rules' exact wording is
tested per rule in test_validate.py, test_validate_provenance.py and test_load.py; here
the contract is the code, which tools match on, and where it points.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from testdata import DataDir

from briefing.cli import main
from briefing.error_codes import CODES, markdown_table
from briefing.pipeline import check_data

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Row:
    code: str
    file: str
    old: str
    new: str
    #: file:line:column of the problem (a line of the edited fixture).
    at: str
    #: Further edits, (file, old, new), when one is not enough.
    more: tuple[tuple[str, str, str], ...] = ()


def edited(data_dir: DataDir, row: Row) -> DataDir:
    if row.old == "":  # the whole file
        return data_dir.write(row.file, row.new)
    data_dir.edit(row.file, row.old, row.new)
    for file, old, new in row.more:
        data_dir.edit(file, old, new)
    return data_dir


PLACE = "  place: Town Y\n"
TABLE = [
    # --- load ---------------------------------------------------------------------------------
    Row("yaml-syntax", "incidents", PLACE, "  place: [Town Y\n", "data/incidents.yaml:7:14"),
    Row("yaml-tab", "incidents", PLACE, "\tplace: Town Y\n", "data/incidents.yaml:6:1"),
    Row("yaml-indentation", "incidents", PLACE, "   place: Town Y\n", "data/incidents.yaml:6:4"),
    Row("yaml-colon", "incidents", PLACE, "  place: Town Y: the north\n", "data/incidents.yaml:6:16"),
    Row("control-character", "incidents", PLACE, '  place: "Town\\x01Y"\n', "data/incidents.yaml:6:10"),
    Row("duplicate-key", "incidents", PLACE, PLACE + "  place: Town Z\n", "data/incidents.yaml:7:3"),
    Row("key-not-text", "incidents", PLACE, PLACE + "  [a, b]: c\n", "data/incidents.yaml:7:3"),
    Row("yaml-tag", "incidents", PLACE, "  place: !custom Town Y\n", "data/incidents.yaml:6:10"),
    Row("yaml-alias", "incidents", PLACE, "  place: &p Town Y\n  casualty_note: *p\n", "data/incidents.yaml:7:18"),
    Row("yaml-merge-key", "incidents", PLACE, PLACE + "  <<: {title: x}\n", "data/incidents.yaml:7:3"),
    Row("too-deep", "incidents", PLACE, "  place: " + "[" * 40 + "]" * 40 + "\n", "data/incidents.yaml:6:40"),
    Row("too-many-entries", "incidents", "weapons: [mortars]", "weapons: [" + ", ".join(["mortars"] * 1001) + "]",
        "data/incidents.yaml:21:16"),
    Row("number-too-long", "incidents", "wounded: 1}]", "wounded: " + "9" * 101 + "}]", "data/incidents.yaml:25:45"),
    Row("not-finite", "regions", "    lat: 40.5\n", "    lat: .inf\n", "data/regions.yaml:8:10"),
    Row("empty-file", "milestones", "", "", "data/milestones.yaml:1:1"),
    # --- schema --------------------------------------------------------------------------------
    Row("not-a-list", "milestones", "", "title: not a list\n", "data/milestones.yaml:1:1"),
    Row("unknown-field", "incidents", PLACE, "  plaec: Town Y\n", "data/incidents.yaml:6:10"),
    Row("missing-field", "incidents", "  grade: contested\n", "", "data/incidents.yaml:1:3"),
    Row("wrong-type", "incidents", "wounded: 1}]", "wounded: many}]", "data/incidents.yaml:25:45"),
    Row("not-an-option", "incidents", "type: exchange-of-fire", "type: exchange-of-fir", "data/incidents.yaml:8:9"),
    Row("too-long", "incidents", "title: Exchange of fire reported near Town Y", "title: " + "x" * 501,
        "data/incidents.yaml:2:10"),
    Row("repeated-value", "incidents", "regions: [town-y]", "regions: [town-y, town-y]", "data/incidents.yaml:5:12"),
    Row("out-of-range", "regions", "    lat: 40.5\n", "    lat: 95\n", "data/regions.yaml:8:10"),
    Row("empty", "incidents", PLACE, '  place: ""\n', "data/incidents.yaml:6:10"),
    Row("bad-id", "incidents", "- id: 2021-01-05-town-y", "- id: 2021-01-05-Town-Y", "data/incidents.yaml:1:7"),
    Row("bad-date", "incidents", "  date: 2021-01-05\n  date_precision", "  date: 2021-02-30\n  date_precision",
        "data/incidents.yaml:3:9"),
    Row("bad-time", "incidents", '[{start: "21:30"}]', '[{start: "9.30pm"}]', "data/incidents.yaml:18:23"),
    Row("bad-zone", "incidents", "{zone: Asia/Baku, stated: true}", "{zone: Baku, stated: true}",
        "data/incidents.yaml:19:25"),
    Row("bad-language", "sources", "  language: en\n  kind: news", "  language: English\n  kind: news",
        "data/sources.yaml:19:13"),
    Row("clause-number", "agreements", 'number: "1"', 'number: "clause one"', "data/agreements.yaml:11:15"),
    Row("not-http-url", "sources", "url: https://example.com/news/town-y", "url: ftp://example.com/news/town-y",
        "data/sources.yaml:16:8"),
    Row("uncited", "incidents", "    citations:\n      - {source: source-two}\n  claims:", "    citations: []\n  claims:",
        "data/incidents.yaml:11:16"),
    # --- references ----------------------------------------------------------------------------
    Row("duplicate-id", "parties", "- id: side-b\n", "- id: side-a\n  name: Side A again\n  role: monitor\n\n- id: side-b\n",
        "data/parties.yaml:9:7"),
    Row("id-reserved", "milestones", "- id: 2020-12-01-talks", "- id: index", "data/milestones.yaml:1:7"),
    Row("unknown-reference", "incidents", "regions: [town-y]", "regions: [town-z]", "data/incidents.yaml:5:13"),
    Row("date-order", "incidents", "  date: 2021-01-05\n  date_precision", "  date: 2021-01-05\n  date_end: 2021-01-04\n"
        "  date_precision",
        "data/incidents.yaml:4:13"),
    Row("figure-order", "incidents", "{low: 1, best: 1, high: 1}", "{low: 2, best: 1, high: 3}",
        "data/incidents.yaml:49:16"),
    Row("clause-count", "agreements", "  parties: [side-a, side-b]\n",
        "  parties: [side-a, side-b]\n  clause_count: {count: 1, citations: [{source: source-two}]}\n",
        "data/agreements.yaml:5:25", (("agreements", 'number: "1"', 'number: "2"'),)),
    Row("unusable-url", "sources", "url: https://example.com/news/town-y", "url: https://example.com/news/<b>",
        "data/sources.yaml:16:8"),
    Row("internal-url", "sources", "url: https://example.com/news/town-y", "url: http://169.254.169.254/latest/x",
        "data/sources.yaml:16:8"),
    Row("region-cycle", "regions", "  parent: country-x\n", "  parent: town-y\n", "data/regions.yaml:19:11"),
    # --- provenance ------------------------------------------------------------------------------
    Row("read-without-access", "sources", "  accessed: 2021-01-07\n\n", "\n", "data/sources.yaml:21:15"),
    Row("access-without-read", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: via\n  via: {source: source-one, locator: paragraph 1}\n  accessed: 2021-01-07\n\n",
        "data/sources.yaml:23:13"),
    Row("via-missing", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n", "  provenance: via\n\n",
        "data/sources.yaml:21:15"),
    Row("via-on-read", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: read\n  accessed: 2021-01-07\n  via: {source: source-one, locator: paragraph 1}\n\n",
        "data/sources.yaml:23:8"),
    Row("via-unknown", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: via\n  via: {source: source-two, locator: paragraph 1}\n\n", "data/sources.yaml:22:17"),
    Row("not-located-unsearched", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: not-located\n\n", "data/sources.yaml:21:15"),
    Row("searched-on-read", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: read\n  accessed: 2021-01-07\n  searched: {date: 2021-01-08, where: archives}\n\n",
        "data/sources.yaml:23:13"),
    Row("published-after-access", "sources", "  accessed: 2021-01-07\n\n", "  accessed: 2021-01-01\n\n",
        "data/sources.yaml:22:13"),
    Row("url-missing", "sources", "  url: https://example.com/news/town-y\n", "", "data/sources.yaml:12:3"),
    Row("url-and-unknown", "sources", "  url: https://example.com/news/town-y\n",
        "  url: https://example.com/news/town-y\n  url_unknown: not given\n", "data/sources.yaml:17:16"),
    Row("url-is-index", "sources", "url: https://example.com/news/town-y", "url: https://example.com/",
        "data/sources.yaml:16:8"),
    Row("publisher-unknown", "sources", "  publisher: example-news\n", "  publisher: example-newz\n",
        "data/sources.yaml:13:14"),
    Row("claim-by-non-party", "incidents", "    - party: side-b\n      claimant", "    - party: analyst-z\n      claimant",
        "data/incidents.yaml:28:14"),
    Row("assessment-author", "assessments", "author: analyst-z", "author: analyst-q", "data/assessments.yaml:2:11"),
    Row("assessment-target", "assessments", "incidents: [2021-01-05-town-y]", "incidents: [2021-01-05-town-q]",
        "data/assessments.yaml:5:15"),
    Row("used-by-uncited", "regions", "used_by: [side-b], citations: [{source: source-three",
        "used_by: [side-b], citations: [{source: source-two", "data/regions.yaml:18:44"),
    Row("coordinate-basis", "incidents", "precision: near, region: town-y}", "precision: near}",
        "data/incidents.yaml:7:16"),
    Row("time-without-zone", "incidents", "      time_zone: {zone: Asia/Baku, stated: true}\n", "",
        "data/incidents.yaml:18:14"),
    Row("zone-unattributed", "incidents", "{zone: Asia/Baku, stated: true}", "{zone: Asia/Baku}",
        "data/incidents.yaml:19:18"),
    Row("inferred-zone-uncited", "incidents", "{zone: Asia/Baku, stated: true}", "{zone: Asia/Baku, stated: false}",
        "data/incidents.yaml:19:44"),
    Row("unknown-zone", "incidents", "{zone: Asia/Baku, stated: true}", "{zone: Asia/Bakuu, stated: true}",
        "data/incidents.yaml:19:25"),
    Row("time-span-reversed", "incidents", '[{start: "21:30"}]', '[{start: "21:30", end: "21:00"}]',
        "data/incidents.yaml:18:37"),
    Row("copy-missing", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n", "  provenance: copy\n  accessed: 2021-01-07\n\n",
        "data/sources.yaml:21:15"),
    Row("copy-as-original", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: read\n  accessed: 2021-01-07\n  read_url: https://example.net/repost\n\n", "data/sources.yaml:23:13"),
    Row("copy-unidentified", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: copy\n  accessed: 2021-01-07\n  copy: {kind: repost, publisher: example-news}\n\n",
        "data/sources.yaml:23:9"),
    Row("copy-publisher-missing", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: copy\n  accessed: 2021-01-07\n  copy: {kind: repost, url: https://example.net/repost}\n\n",
        "data/sources.yaml:23:9"),
    Row("copy-capture-date", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: copy\n  accessed: 2021-01-07\n  copy: {kind: capture, captured: 2021-01-09}\n\n",
        "data/sources.yaml:23:35"),
    Row("copy-archive-kind", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: copy\n  accessed: 2021-01-07\n  copy: {kind: listing, url: 'https://web.archive.org/web/2021/"
        "https://example.com/news/town-y', publisher: example-news}\n\n", "data/sources.yaml:23:16"),
    Row("place-not-in-quote", "regions", 'quote: "near Town Why"', 'quote: "near the town"', "data/regions.yaml:18:95"),
    Row("parent-uncited", "regions", '  parent_citations: [{source: source-two, quote: "the town of Town Y"}]\n', "",
        "data/regions.yaml:19:11"),
    Row("possibly-same-place", "regions", '  parent_citations: [{source: source-two, quote: "the town of Town Y"}]\n',
        '  parent_citations: [{source: source-two, quote: "the town of Town Y"}]\n'
        "  possibly_same: [{region: town-y, text: Maybe., citations: [{source: source-two}]}]\n",
        "data/regions.yaml:30:28"),
    # --- actors that are not parties (issue 18.4) -------------------------------------------------
    Row("actor-members", "parties", "- id: side-b\n", "- id: joint-commission\n  name: Joint Commission\n"
        "  role: joint-body\n\n- id: side-b\n", "data/parties.yaml:11:9"),
    Row("silence-misbooked", "incidents", "      actor: Ministry of Defence of Side B\n",
        "      actor: Joint Commission (Side B's delegation)\n", "data/incidents.yaml:41:14",
        (("parties", "- id: side-b\n", "- id: joint-commission\n  name: Joint Commission\n  role: joint-body\n"
          "  members:\n    - {party: side-a, citations: [{source: source-two}]}\n\n- id: side-b\n"),)),
    Row("gap-curated", "gaps", "", "- id: 2021-01-05-town-y-fire\n  title: Fire reported near Town Y\n"
        "  date: 2021-01-05\n  text: Example News reports fire near Town Y.\n  citations: [{source: source-two}]\n",
        "data/gaps.yaml:1:7"),
    # --- history (in one revision) ---------------------------------------------------------------
    Row("previous-id", "regions", "- id: town-y\n", "- id: town-y\n  previous_ids: [country-x]\n",
        "data/regions.yaml:15:18"),
    # --- warnings ------------------------------------------------------------------------------------
    Row("source-uncited", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: read\n  accessed: 2021-01-07\n\n- id: source-four\n  publisher: example-news\n  title: Unused\n"
        "  url: https://example.com/news/unused\n  archive_url: https://web.archive.org/web/2021/https://example.com/"
        "news/unused\n  published: 2021-01-06\n  language: en\n  kind: news\n  provenance: read\n"
        "  accessed: 2021-01-07\n\n", "data/sources.yaml:24:7"),
    Row("clause-unlinked", "assessments", "  clauses: [accord-2020-clause-1]\n", "", "data/agreements.yaml:10:11", (
        ("incidents", "  clauses:\n    - clause: accord-2020-clause-1\n      why: The clause declared a ceasefire.\n"
         "      citations:\n        - {source: source-two, locator: clause 1}\n", ""),
        ("milestones", "  clauses:\n    - {clause: accord-2020-clause-1, why: The talks were about the ceasefire "
         "clause., citations: [{source: source-two}]}\n", ""))),
    Row("source-before-event", "sources", "  published: 2021-01-06\n  language: en\n  kind: news",
        "  published: 2020-12-30\n  language: en\n  kind: news", "data/incidents.yaml:37:19"),
    Row("one-sided-grade", "incidents", "    - party: side-b\n      claimant: Spokesperson of Side B\n",
        "    - party: side-a\n      claimant: Spokesperson of Side B\n", "data/incidents.yaml:51:10",
        (("incidents", "grade: contested", "grade: fair"),)),
    Row("source-not-read", "sources", "  provenance: read\n  accessed: 2021-01-07\n  archive_url: https://web.archive"
        ".org/web/2021/https://example.net/side-b/statement\n",
        "  provenance: via\n  via: {source: source-two, locator: paragraph 3, quote: Side B said}\n",
        "data/sources.yaml:31:15"),
    Row("source-read-in-copy", "sources", "  provenance: read\n  accessed: 2021-01-07\n\n",
        "  provenance: copy\n  accessed: 2021-01-07\n  copy: {kind: capture}\n\n", "data/sources.yaml:21:15"),
    Row("read-without-archive", "sources", "  archive_url: https://web.archive.org/web/2021/https://example.com/news/"
        "town-y\n", "", "data/sources.yaml:20:15"),
]


def _problems(data_dir: DataDir) -> list[tuple[str, str, str]]:
    result = check_data(data_dir.data, display_root=data_dir.root)
    return [(p.code, str(p.location), p.severity) for p in [*result.errors, *result.warnings]]


@pytest.mark.parametrize("row", TABLE, ids=[row.code for row in TABLE])
def test_each_rule_reports_its_code_at_its_place(data_dir: DataDir, row: Row) -> None:
    edited(data_dir, row)

    problems = _problems(data_dir)

    assert (row.code, row.at) in [(code, at) for code, at, _severity in problems], problems


def test_every_code_in_the_table_is_a_known_code() -> None:
    assert sorted({row.code for row in TABLE} - set(CODES)) == []


def test_every_code_is_tested_somewhere() -> None:
    """A code no test expects could break unseen: each one is named in the table above
    or in the expected output of another test."""
    others = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py")
                       if p.name != Path(__file__).name)
    tested = {row.code for row in TABLE} | {code for code in CODES if f"[{code}]" in others or f'"{code}"' in others}

    assert sorted(set(CODES) - tested) == []


# --- the codes in the package: one table, each raised somewhere --------------------------------


def _codes_in_source() -> set[str]:
    """Every code the package can give: ``code=`` arguments, the code argument of the
    rule helpers (``error``/``warn``), the codes the schema layer yields, and the schemas'
    ``x-code``."""
    found: set[str] = set()
    shape = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
    for path in (ROOT / "briefing").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found.update(k.value.value for k in node.keywords
                             if k.arg == "code" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str))
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("error", "warn"):
                    found.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                                 and shape.fullmatch(a.value))
            elif isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple):
                last = node.value.elts[-1]
                if isinstance(last, ast.Constant) and isinstance(last.value, str) and shape.fullmatch(last.value):
                    found.add(last.value)
            elif isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "code":
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    found.add(node.value.value)
            elif isinstance(node, ast.FunctionDef):
                for arg, default in zip(node.args.args[::-1], node.args.defaults[::-1], strict=False):
                    if arg.arg == "code" and isinstance(default, ast.Constant) and isinstance(default.value, str):
                        found.add(default.value)
    for schema in (ROOT / "briefing" / "schema").glob("*.json"):
        found.update(re.findall(r'"x-code": "([a-z0-9-]+)"', schema.read_text(encoding="utf-8")))
    return found


def test_every_code_the_package_gives_is_in_the_table_and_every_code_in_the_table_is_given() -> None:
    used = _codes_in_source()

    assert sorted(used - set(CODES)) == [], "add these codes to briefing/error_codes.py"
    assert sorted(set(CODES) - used) == [], "no rule gives these codes any more: remove them"


def test_the_documentation_lists_every_code() -> None:
    doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")

    assert markdown_table() in doc, "docs/errors.md: paste the table printed by python -m briefing codes"


def test_the_code_is_in_every_output(data_dir: DataDir, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir.edit("incidents", "type: exchange-of-fire", "type: exchange-of-fir")
    monkeypatch.chdir(data_dir.root)
    outputs = {}
    for form in ("text", "github", "json"):
        assert main(["check", "--format", form]) == 1
        captured = capsys.readouterr()
        outputs[form] = captured.out + captured.err

    assert "data/incidents.yaml:8:9: 2021-01-05-town-y: type: 'exchange-of-fir' is not one of:" in outputs["text"]
    assert "(hint: did you mean 'exchange-of-fire'?) [not-an-option]\n" in outputs["text"]
    assert outputs["github"].startswith("::error file=data/incidents.yaml,line=8,col=9,title=2021-01-05-town-y::")
    assert "[not-an-option]" in outputs["github"]
    (error,) = json.loads(outputs["json"])["errors"]
    assert (error["code"], error["line"], error["column"]) == ("not-an-option", 8, 9)


def test_codes_lists_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codes"]) == 0

    assert capsys.readouterr().out == markdown_table()
