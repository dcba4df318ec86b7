"""Step 2, validation: one table per topic, one row per rule, each row an edit and every error it gives.

Each row (a ``Case``, see ``validation_cases.py``) starts from the minimal valid dataset,
replaces one file with one of the small texts below, breaks one thing in it and lists each
error the pipeline must report: ``file:line:column``, record id, code, exact message and
exact hint. The texts are written out here so that the expected line numbers can be read
off them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from testdata import MINIMAL_DATA, DataDir
from validation_cases import Case, Shown, ids, run, shown

from briefing.pipeline import load_dataset

ROOT = Path(__file__).resolve().parent.parent

# line  1  - id: 2021-01-05-town-y
# line  3    date: ...             (column 9)
# line  4    regions: [town-y]     (the id at column 13)
# line  5    type: ...             (column 9)
# line  8    summary citations     (source at column 26)
# line 10    claims[0].party       (column 14)
# line 13    claims[0].citations   (column 18)
ONE_INCIDENT = """\
- id: 2021-01-05-town-y
  title: Fire near Town Y
  date: 2021-01-05
  regions: [town-y]
  type: exchange-of-fire
  summary:
    text: Fire was reported near Town Y.
    citations: [{source: source-two}]
  claims:
    - party: side-a
      claimant: Ministry of Defence of Side A
      text: Side B opened fire.
      citations: [{source: source-one}]
  grade: single-source
"""
FIRE = "2021-01-05-town-y"  # its id

# line  1  - id: source-one ... line 11  - id: source-two (url on line 14, accessed on line 19, column 13)
SOURCES = """\
- id: source-one
  publisher: mod-side-a
  title: Press release
  url: https://example.org/side-a/press-release
  published: 2021-01-05
  language: en
  kind: press-release
  provenance: read
  accessed: 2021-01-06

- id: source-two
  publisher: example-news
  title: Both sides report fire
  url: https://example.com/news/town-y
  published: 2021-01-06
  language: en
  kind: news
  provenance: read
  accessed: 2021-01-07

- id: source-three
  publisher: office-side-b
  title: Statement
  url: https://example.net/side-b/statement
  published: 2021-01-06
  language: en
  kind: press-release
  provenance: read
  accessed: 2021-01-07
"""

# line  4  country-x's coordinates; line 9 town-y's parent (column 11)
TWO_REGIONS = """\
- id: country-x
  kind: country
  names: [{name: Country X, lang: en, citations: [{source: source-two}]}]
  coordinates: {lat: 40.5, lon: 45.5, basis: {text: Example News gives it., citations: [{source: source-two}]}}

- id: town-y
  kind: town
  names: [{name: Town Y, lang: en, citations: [{source: source-two}]}]
  parent: country-x
  coordinates: {lat: 40.1, lon: 45.2, basis: {text: Example News gives it., citations: [{source: source-two}]}}
  parent_citations: [{source: source-two}]
"""

# line  8  agreements; line 10 the clause link (column 16)
ONE_MILESTONE = """\
- id: 2020-12-01-talks
  date: 2020-12-01
  kind: talks
  title: Talks on the accord
  summary:
    text: The sides met.
    citations: [{source: source-two}]
  agreements: [accord-2020]
  clauses:
    - {clause: accord-2020-clause-1, why: The talks were about it., citations: [{source: source-two}]}
"""

# line  7  the summary's citations; line 9 the clause; line 10 its number; line 13 its text
ONE_AGREEMENT = """\
- id: accord-2020
  title: Accord of 2020
  date: 2020-11-10
  parties: [side-a, side-b]
  summary:
    text: Both sides agreed to a ceasefire.
    citations: [{source: source-two}]
  clauses:
    - id: accord-2020-clause-1
      number: "1"
      title: Complete ceasefire
      texts:
        - version: English text
          language: en
          text: A complete ceasefire is declared.
          citations: [{source: source-two}]
"""

SECOND_AGREEMENT = """\
- id: accord-2021
  title: Accord of 2021
  date: 2021-01-11
  parties: [side-a, side-b]
  summary:
    text: A working group is set up.
    citations: [{source: source-two}]
  clauses:
    - id: accord-2021-clause-1
      number: "1"
      title: Working group
      texts:
        - version: English text
          language: en
          text: A working group is set up.
          citations: [{source: source-two}]
"""

# parties.yaml is written out whole from these: side-a on lines 1-3, side-b on lines 4-6.
SIDE_A = "- id: side-a\n  name: Side A\n  role: belligerent\n"
SIDE_B = "- id: side-b\n  name: Side B\n  role: belligerent\n"

SOURCE_TWO_URL = "url: https://example.com/news/town-y"
SLUG_MESSAGE = ("is not a valid id: use lowercase letters, digits and single hyphens "
                "(ids become file names and URLs)")
CITATION_MESSAGE = ("needs at least one citation: "
                    "every statement shown on the site must trace back to a source")
TYPES = "exchange-of-fire, shelling, sniper-fire, attack, drone-strike, other"


def incident(name: str, old: str, new: str, errors: list[Shown]) -> Case:
    """An edit of ONE_INCIDENT (as incidents.yaml)."""
    return Case(name, "incidents", old, new, errors, start=ONE_INCIDENT)


def sources(name: str, old: str, new: str, errors: list[Shown]) -> Case:
    """An edit of SOURCES (as sources.yaml)."""
    return Case(name, "sources", old, new, errors, start=SOURCES)


def regions(name: str, old: str, new: str, errors: list[Shown]) -> Case:
    """An edit of TWO_REGIONS (as regions.yaml)."""
    return Case(name, "regions", old, new, errors, start=TWO_REGIONS)


def milestone(name: str, old: str, new: str, errors: list[Shown]) -> Case:
    """An edit of ONE_MILESTONE (as milestones.yaml)."""
    return Case(name, "milestones", old, new, errors, start=ONE_MILESTONE)


def agreement(name: str, old: str, new: str, errors: list[Shown]) -> Case:
    """An edit of ONE_AGREEMENT (as agreements.yaml)."""
    return Case(name, "agreements", old, new, errors, start=ONE_AGREEMENT)


def parties(name: str, text: str, errors: list[Shown]) -> Case:
    """parties.yaml replaced by ``text``."""
    return Case(name, "parties", "", text, errors)


def test_the_real_dataset_has_no_problems() -> None:
    dataset = load_dataset(ROOT / "data", display_root=ROOT)

    assert len(dataset.incidents) > 0


SMALL_TEXTS = {
    "ONE_INCIDENT": ("incidents", ONE_INCIDENT),
    "SOURCES": ("sources", SOURCES),
    "TWO_REGIONS": ("regions", TWO_REGIONS),
    "ONE_MILESTONE": ("milestones", ONE_MILESTONE),
    "ONE_AGREEMENT": ("agreements", ONE_AGREEMENT),
    "ONE_AGREEMENT and SECOND_AGREEMENT": ("agreements", ONE_AGREEMENT + "\n" + SECOND_AGREEMENT),
    "SIDE_A and SIDE_B": ("parties", SIDE_A + SIDE_B),
}


@pytest.mark.parametrize(("file", "text"), SMALL_TEXTS.values(), ids=SMALL_TEXTS.keys())
def test_each_small_text_used_below_is_valid(data_dir: DataDir, file: str, text: str) -> None:
    data_dir.write(file, text).load()


# --- dates -------------------------------------------------------------------------------

DATES = [
    incident("an impossible date is not a real calendar date", "date: 2021-01-05", "date: 2021-02-30", [
        ("data/incidents.yaml:3:9", FIRE, "bad-date", "date '2021-02-30' is not a real calendar date",
         "check the day and month"),
    ]),
    incident("an impossible claim date names the claim", "      text: Side B opened fire.\n",
             "      date: 2021-04-31\n      text: Side B opened fire.\n", [
                 ("data/incidents.yaml:12:13", FIRE, "bad-date",
                  "claims[0].date '2021-04-31' is not a real calendar date", "check the day and month"),
             ]),
    incident("a date not written YYYY-MM-DD is reported by the schema", "date: 2021-01-05", "date: 2021-7-6", [
        ("data/incidents.yaml:3:9", FIRE, "bad-date", "date '2021-7-6' is not a date written YYYY-MM-DD", None),
    ]),
    incident("a date with a trailing newline is not a date", "date: 2021-01-05", 'date: "2021-01-05\\n"', [
        ("data/incidents.yaml:3:9", FIRE, "bad-date", "date '2021-01-05\\n' is not a date written YYYY-MM-DD",
         None),
    ]),
    incident("date_end before date is reported on date_end", "date: 2021-01-05\n",
             "date: 2021-01-05\n  date_end: 2021-01-04\n", [
                 ("data/incidents.yaml:4:13", FIRE, "date-order", "date_end 2021-01-04 is before date 2021-01-05",
                  "date is the first day and date_end the last: swap them?"),
             ]),
    sources("a source accessed before it was published", "accessed: 2021-01-07\n\n", "accessed: 2021-01-01\n\n", [
        ("data/sources.yaml:19:13", "source-two", "published-after-access",
         "the source was read before it was published",
         "accessed 2021-01-01 is before published 2021-01-06: check both dates"),
    ]),
]


@pytest.mark.parametrize("case", DATES, ids=ids(DATES))
def test_dates(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- ids ---------------------------------------------------------------------------------

DUPLICATE_HINT = "ids must be unique within a kind: choose another id"
#: (id, the slug the hint suggests for it)
NOT_SLUGS = [("Bad ID", "bad-id"), ("../etc/passwd", "etc-passwd"), ("a.b", "a-b"), ("a/b", "a-b"),
             ("side--c", "side-c"), ("-side-c", "side-c")]


def index_id(kind: str, singular: str, record: str) -> Case:
    """The minimal data's ``kind`` file with ``record`` (id ``index``) added at its end."""
    before = (MINIMAL_DATA / f"{kind}.yaml").read_text(encoding="utf-8")
    return Case(f"the id index is refused for {kind}: it is the address of the list page", kind, "", before + record, [
        (f"data/{kind}.yaml:{before.count(chr(10)) + 1}:7", "index", "id-reserved",
         f"the id 'index' is taken: {kind}/index.html is the list of all {kind}, so the {singular}'s page would be lost",
         "choose another id"),
    ])


IDS = [
    Case("a duplicate incident id names the line of the first", "incidents", "",
         ONE_INCIDENT + "\n" + ONE_INCIDENT.replace("date: 2021-01-05", "date: 2021-01-06"), [
             ("data/incidents.yaml:16:7", FIRE, "duplicate-id", f"duplicate id '{FIRE}' (first used on line 1)",
              DUPLICATE_HINT),
         ]),
    parties("a duplicate id names the line of the first id when it is not the first field",
            "- name: Side A\n  role: belligerent\n  id: side-a\n" + SIDE_B
            + "- name: Side A again\n  role: monitor\n  id: side-a\n", [
                ("data/parties.yaml:9:7", "side-a", "duplicate-id", "duplicate id 'side-a' (first used on line 3)",
                 DUPLICATE_HINT),
            ]),
    Case("the same clause id in two agreements is a duplicate", "agreements", "",
         ONE_AGREEMENT + "\n" + SECOND_AGREEMENT.replace("accord-2021-clause-1", "accord-2020-clause-1"), [
             ("data/agreements.yaml:26:11", "accord-2020-clause-1", "duplicate-id",
              "duplicate id 'accord-2020-clause-1' (first used on line 9)", DUPLICATE_HINT),
         ]),
    *[parties(f"an id that is not a lowercase slug is refused with a slug hint: {bad!r}",
              SIDE_A + SIDE_B + f'- id: "{bad}"\n  name: Side C\n  role: monitor\n', [
                  ("data/parties.yaml:7:7", bad, "bad-id", f"id {bad!r} {SLUG_MESSAGE}", f"for example {slug!r}"),
              ]) for bad, slug in NOT_SLUGS],
    parties("an id with a trailing newline is refused",
            SIDE_A + SIDE_B + '- id: "side-c\\n"\n  name: Side C\n  role: monitor\n', [
                ("data/parties.yaml:7:7", "side-c\n", "bad-id", f"id 'side-c\\n' {SLUG_MESSAGE}",
                 "for example 'side-c'"),
            ]),
    index_id("parties", "party", "- id: index\n  name: Side I\n  role: monitor\n"),
    index_id("regions", "region",
             "- id: index\n  kind: country\n  names: [{name: Index, lang: en, citations: [{source: source-two}]}]\n"),
]


@pytest.mark.parametrize("case", IDS, ids=ids(IDS))
def test_ids(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


def test_the_same_id_in_two_kinds_is_allowed(data_dir: DataDir) -> None:
    data_dir.write("regions", TWO_REGIONS.replace("country-x", "side-a"))
    data_dir.write("milestones", ONE_MILESTONE)

    assert "side-a" in data_dir.load().regions


# --- references --------------------------------------------------------------------------

REFERENCES = [
    incident("an unknown region names the closest id", "regions: [town-y]", "regions: [town-z]", [
        ("data/incidents.yaml:4:13", FIRE, "unknown-reference", "regions[0]: unknown region 'town-z'",
         "did you mean 'town-y'?"),
    ]),
    incident("an unknown region with nothing close says where to add it", "regions: [town-y]",
             "regions: [town-y, atlantis]", [
                 ("data/incidents.yaml:4:21", FIRE, "unknown-reference", "regions[1]: unknown region 'atlantis'",
                  "add it to data/regions.yaml or fix the id"),
             ]),
    incident("an unknown claim party names the closest id", "- party: side-a", "- party: side-c", [
        ("data/incidents.yaml:10:14", FIRE, "unknown-reference", "claims[0].party: unknown party 'side-c'",
         "did you mean 'side-b'?"),
    ]),
    incident("an unknown cited source names the closest id", "citations: [{source: source-two}]",
             "citations: [{source: source-tow}]", [
                 ("data/incidents.yaml:8:26", FIRE, "unknown-reference",
                  "summary.citations[0].source: unknown source 'source-tow'", "did you mean 'source-two'?"),
             ]),
    milestone("an unknown clause link names the closest clause", "{clause: accord-2020-clause-1",
              "{clause: accord-2020-clause-2", [
                  ("data/milestones.yaml:10:16", "2020-12-01-talks", "unknown-reference",
                   "clauses[0].clause: unknown clause 'accord-2020-clause-2'", "did you mean 'accord-2020-clause-1'?"),
              ]),
    milestone("an unknown clause with nothing close says it belongs under an agreement",
              "{clause: accord-2020-clause-1", "{clause: truce", [
                  ("data/milestones.yaml:10:16", "2020-12-01-talks", "unknown-reference",
                   "clauses[0].clause: unknown clause 'truce'",
                   "add it to data/agreements.yaml (under clauses) or fix the id"),
              ]),
    milestone("an unknown agreement of a milestone names the closest id", "agreements: [accord-2020]",
              "agreements: [accord-2021]", [
                  ("data/milestones.yaml:8:16", "2020-12-01-talks", "unknown-reference",
                   "agreements[0]: unknown agreement 'accord-2021'", "did you mean 'accord-2020'?"),
              ]),
    regions("an unknown parent region names the closest id", "parent: country-x", "parent: country-z", [
        ("data/regions.yaml:9:11", "town-y", "unknown-reference", "parent: unknown region 'country-z'",
         "did you mean 'country-x'?"),
    ]),
    regions("regions whose parents form a cycle",
            "  coordinates: {lat: 40.5, lon: 45.5, basis: {text: Example News gives it., "
            "citations: [{source: source-two}]}}\n", "  parent: town-y\n  parent_citations: [{source: source-two}]\n", [
                ("data/regions.yaml:4:11", "country-x", "region-cycle",
                 "regions form a cycle: country-x → town-y → country-x",
                 "a region's parent must be a larger area that contains it"),
            ]),
    regions("a region cannot be its own parent", "parent: country-x", "parent: town-y", [
        ("data/regions.yaml:9:11", "town-y", "region-cycle", "a region cannot be its own parent",
         "a region's parent must be a larger area that contains it"),
    ]),
]


@pytest.mark.parametrize("case", REFERENCES, ids=ids(REFERENCES))
def test_references(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- coordinates -------------------------------------------------------------------------

COORDINATES = [
    regions("a latitude out of range", "lat: 40.5", "lat: 95", [
        ("data/regions.yaml:4:22", "country-x", "out-of-range",
         "coordinates.lat is 95, out of range: it must be between -90 and 90", None),
    ]),
    incident("an incident longitude out of range", "  type: exchange-of-fire\n",
             "  coordinates: {lat: 40.1, lon: -181, precision: near, basis: {text: Example News gives it., "
             "citations: [{source: source-two}]}}\n  type: exchange-of-fire\n", [
                 ("data/incidents.yaml:5:33", FIRE, "out-of-range",
                  "coordinates.lon is -181, out of range: it must be between -180 and 180", None),
             ]),
]


@pytest.mark.parametrize("case", COORDINATES, ids=ids(COORDINATES))
def test_coordinates(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- web addresses: source-two's url is on line 14 of SOURCES ----------------------------

NOT_HTTP = ["javascript:alert(1)", "ftp://example.org/file", "mailto:desk@example.org", "//example.org/page",
            "example.org/page"]
NOT_USABLE = ["https:///nohost", "https://example.org/a\"onmouseover=\"x", "https://example.org/<b>"]
USABLE_HINT = "give the full address, e.g. https://example.org/page"

URLS = [
    *[sources(f"a url that is not http or https is refused: {url}", SOURCE_TWO_URL, f'url: "{url}"', [
        ("data/sources.yaml:14:8", "source-two", "not-http-url", f"url {url!r} is not an http(s) URL",
         "give the full address, e.g. https://example.org/page"),
    ]) for url in NOT_HTTP],
    *[sources(f"an http url without a host or with markup characters is not usable: {url}", SOURCE_TWO_URL,
              f"url: '{url}'", [
                  ("data/sources.yaml:14:8", "source-two", "unusable-url", f"url {url!r} is not a usable web address",
                   USABLE_HINT),
              ]) for url in NOT_USABLE],
    sources("an archive url is checked too", "  kind: news\n", "  kind: news\n  archive_url: javascript:alert(1)\n", [
        ("data/sources.yaml:18:16", "source-two", "not-http-url",
         "archive_url 'javascript:alert(1)' is not an http(s) URL",
         "give the full address, e.g. https://example.org/page"),
    ]),
    sources("a url with an unmatched bracket is reported, not a crash", SOURCE_TWO_URL,
            'url: "https://[example.com/news"', [
                ("data/sources.yaml:14:8", "source-two", "unusable-url",
                 "url 'https://[example.com/news' is not a usable web address", USABLE_HINT),
            ]),
]


@pytest.mark.parametrize("case", URLS, ids=ids(URLS))
def test_urls(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- casualty figures --------------------------------------------------------------------

GRADE = "  grade: single-source\n"
FIGURES = [
    incident("a curated figure with low above best", GRADE, GRADE + """\
  casualties:
    - party: side-a
      wounded: {low: 2, best: 1, high: 3}
  casualty_rule: Lowest reported figure.
""", [
        ("data/incidents.yaml:17:16", FIRE, "figure-order",
         "casualties[0].wounded: low 2, best 1, high 3 are not in order", "low ≤ best ≤ high"),
    ]),
    incident("casualties without a casualty rule", GRADE,
             GRADE + "  casualties: [{party: side-a, killed: {low: 1, best: 1, high: 1}}]\n", [
                 ("data/incidents.yaml:15:15", FIRE, "missing-field", "'casualties' is given without 'casualty_rule'",
                  "add 'casualty_rule' to say how 'casualties' was derived"),
             ]),
]


@pytest.mark.parametrize("case", FIGURES, ids=ids(FIGURES))
def test_figures(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- citations ---------------------------------------------------------------------------

CITATIONS = [
    incident("a claim with an empty citation list", "citations: [{source: source-one}]", "citations: []", [
        ("data/incidents.yaml:13:18", FIRE, "uncited", f"claims[0].citations {CITATION_MESSAGE}", None),
    ]),
    incident("a claim without a citations field", "      citations: [{source: source-one}]\n", "", [
        ("data/incidents.yaml:10:7", FIRE, "uncited", "claims[0]: missing required field 'citations'", None),
    ]),
    agreement("a clause text without a citation", "          citations: [{source: source-two}]\n", "", [
        ("data/agreements.yaml:13:11", "accord-2020-clause-1", "uncited",
         "clauses[0].texts[0]: missing required field 'citations'", None),
    ]),
    agreement("a summary with an empty citation list", "ceasefire.\n    citations: [{source: source-two}]",
              "ceasefire.\n    citations: []", [
                  ("data/agreements.yaml:7:16", "accord-2020", "uncited", f"summary.citations {CITATION_MESSAGE}",
                   None),
              ]),
]


@pytest.mark.parametrize("case", CITATIONS, ids=ids(CITATIONS))
def test_citations(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- shape: fields, types, enums ---------------------------------------------------------

FIELDS = [
    incident("an unknown field suggests the field it was meant to be", "  regions: [town-y]\n",
             "  regions: [town-y]\n  regoin: [town-y]\n", [
                 ("data/incidents.yaml:5:11", FIRE, "unknown-field", "unknown field 'regoin'",
                  "did you mean 'regions'?"),
             ]),
    incident("a misspelt field also leaves the required one missing", "regions: [town-y]", "regoin: [town-y]", [
        ("data/incidents.yaml:1:3", FIRE, "missing-field", "missing required field 'regions'", None),
        ("data/incidents.yaml:4:11", FIRE, "unknown-field", "unknown field 'regoin'", "did you mean 'regions'?"),
    ]),
    parties("an unknown field with nothing close lists the allowed fields", SIDE_A + "  flag: blue\n" + SIDE_B, [
        ("data/parties.yaml:4:9", "side-a", "unknown-field", "unknown field 'flag'",
         "allowed fields: corrections, description, id, members, name, previous_ids, record_dates, role"),
    ]),
    parties("an unknown field with a block value points at the key",
            SIDE_A + "  descripton:\n    - The first side.\n" + SIDE_B, [
                ("data/parties.yaml:4:3", "side-a", "unknown-field", "unknown field 'descripton'",
                 "did you mean 'description'?"),
            ]),
    incident("text where a list is expected", "regions: [town-y]", "regions: town-y", [
        ("data/incidents.yaml:4:12", FIRE, "wrong-type", "regions must be a list, not the text 'town-y'", None),
    ]),
    agreement("a number where text is expected suggests quotes", 'number: "1"', "number: 1", [
        ("data/agreements.yaml:10:15", "accord-2020-clause-1", "wrong-type",
         "clauses[0].number must be text, not the number 1", "put the value in quotes"),
    ]),
    incident("a misspelt enum value suggests the closest option", "type: exchange-of-fire", "type: exchange-of-fir", [
        ("data/incidents.yaml:5:9", FIRE, "not-an-option", f"type: 'exchange-of-fir' is not one of: {TYPES}",
         "did you mean 'exchange-of-fire'?"),
    ]),
    incident("an enum value with nothing close has no hint", "type: exchange-of-fire", "type: skirmish", [
        ("data/incidents.yaml:5:9", FIRE, "not-an-option", f"type: 'skirmish' is not one of: {TYPES}", None),
    ]),
    incident("a missing required field", GRADE, "", [
        ("data/incidents.yaml:1:3", FIRE, "missing-field", "missing required field 'grade'", None),
    ]),
    parties("each missing required field is reported once", SIDE_A + "- id: side-b\n", [
        ("data/parties.yaml:4:3", "side-b", "missing-field", "missing required field 'name'", None),
        ("data/parties.yaml:4:3", "side-b", "missing-field", "missing required field 'role'", None),
    ]),
    incident("a repeated reference in a list", "regions: [town-y]", "regions: [town-y, town-y]", [
        ("data/incidents.yaml:4:12", FIRE, "repeated-value", "regions lists the same value twice",
         "remove the repeated entry"),
    ]),
]


@pytest.mark.parametrize("case", FIELDS, ids=ids(FIELDS))
def test_fields(data_dir: DataDir, case: Case) -> None:
    run(data_dir, case)


# --- many problems at once ---------------------------------------------------------------


def test_every_problem_in_a_file_is_reported_at_once_sorted_by_line(data_dir: DataDir) -> None:
    data_dir.write("incidents", ONE_INCIDENT)
    data_dir.edit("incidents", "date: 2021-01-05", "date: 2021-02-30")
    data_dir.edit("incidents", "type: exchange-of-fire", "type: exchange-of-fir")
    data_dir.edit("incidents", "- party: side-a", "- party: side-c")

    assert [str(e) for e in data_dir.errors()] == [
        f"data/incidents.yaml:3:9: {FIRE}: date '2021-02-30' is not a real calendar date "
        "(hint: check the day and month) [bad-date]",
        f"data/incidents.yaml:5:9: {FIRE}: type: 'exchange-of-fir' is not one of: {TYPES} "
        "(hint: did you mean 'exchange-of-fire'?) [not-an-option]",
        f"data/incidents.yaml:10:14: {FIRE}: claims[0].party: unknown party 'side-c' "
        "(hint: did you mean 'side-b'?) [unknown-reference]",
    ]


def test_problems_in_several_files_are_reported_together_by_file(data_dir: DataDir) -> None:
    data_dir.write("sources", SOURCES).edit("sources", SOURCE_TWO_URL, "url: ftp://x")
    data_dir.write("regions", TWO_REGIONS).edit("regions", "lat: 40.5", "lat: 95")
    data_dir.write("parties", SIDE_A + SIDE_B + "- {id: side-c, name: Side C, role: belligerent\n")
    data_dir.write("incidents", ONE_INCIDENT).edit("incidents", "type: exchange-of-fire", "type: exchange-of-fir")

    errors = [shown(e) for e in data_dir.errors()]

    assert [(location, record_id, code) for location, record_id, code, _, _ in errors] == [
        ("data/incidents.yaml:5:9", FIRE, "not-an-option"),
        ("data/parties.yaml:8:1", None, "yaml-syntax"),
        ("data/regions.yaml:4:22", "country-x", "out-of-range"),
        ("data/sources.yaml:14:8", "source-two", "not-http-url"),
    ]
    assert errors[1][3].startswith("YAML syntax error: ")
