"""Step 2, validation: one test per rule, each checking the exact message and where it points.

Each test starts from the minimal valid dataset (``data_dir``), replaces one file with one of
the small texts below, breaks one thing in it and checks the error. The texts are written
out here so that the expected line numbers can be read off them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DataDir

from briefing.pipeline import load_dataset
from briefing.validate.references import SINGULAR

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

# line  1  - id: source-one ... line 11  - id: source-two (accessed on line 19, column 13)
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
"""

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

SOURCE_TWO_URL = "url: https://example.com/news/town-y"
SLUG_MESSAGE = ("is not a valid id: use lowercase letters, digits and single hyphens "
                "(ids become file names and URLs)")
CITATION_MESSAGE = ("needs at least one citation: "
                    "every statement shown on the site must trace back to a source")


def incident(data_dir: DataDir, old: str = "", new: str = "") -> DataDir:
    """Replace incidents.yaml with ONE_INCIDENT, with ``old`` replaced by ``new``."""
    data_dir.write("incidents", ONE_INCIDENT)
    return data_dir.edit("incidents", old, new) if old else data_dir


def test_the_real_dataset_has_no_problems() -> None:
    dataset = load_dataset(ROOT / "data", display_root=ROOT)

    assert len(dataset.incidents) > 0


def test_the_one_incident_text_used_below_is_valid(data_dir: DataDir) -> None:
    assert list(incident(data_dir).load().incidents) == ["2021-01-05-town-y"]


# --- dates -------------------------------------------------------------------------------


def test_an_impossible_date_is_not_a_real_calendar_date(data_dir: DataDir) -> None:
    error = incident(data_dir, "date: 2021-01-05", "date: 2021-02-30").error()

    assert str(error.location) == "data/incidents.yaml:3:9"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "date '2021-02-30' is not a real calendar date"
    assert error.hint == "check the day and month"


def test_an_impossible_claim_date_names_the_claim(data_dir: DataDir) -> None:
    error = incident(data_dir, "      text: Side B opened fire.\n",
                     "      date: 2021-04-31\n      text: Side B opened fire.\n").error()

    assert str(error.location) == "data/incidents.yaml:12:13"
    assert error.message == "claims[0].date '2021-04-31' is not a real calendar date"


def test_a_date_not_written_yyyy_mm_dd_is_reported_by_the_schema(data_dir: DataDir) -> None:
    error = incident(data_dir, "date: 2021-01-05", "date: 2021-7-6").error()

    assert str(error.location) == "data/incidents.yaml:3:9"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "date '2021-7-6' is not a date written YYYY-MM-DD"
    assert error.hint is None


def test_a_date_with_a_trailing_newline_is_not_a_date(data_dir: DataDir) -> None:
    error = incident(data_dir, "date: 2021-01-05", 'date: "2021-01-05\\n"').error()

    assert str(error.location) == "data/incidents.yaml:3:9"
    assert error.message == "date '2021-01-05\\n' is not a date written YYYY-MM-DD"


def test_date_end_before_date_is_reported_on_date_end(data_dir: DataDir) -> None:
    error = incident(data_dir, "date: 2021-01-05\n", "date: 2021-01-05\n  date_end: 2021-01-04\n").error()

    assert str(error.location) == "data/incidents.yaml:4:13"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "date_end 2021-01-04 is before date 2021-01-05"
    assert error.hint == "date is the first day and date_end the last: swap them?"


def test_a_source_accessed_before_it_was_published(data_dir: DataDir) -> None:
    data_dir.write("sources", SOURCES).edit("sources", "accessed: 2021-01-07\n\n", "accessed: 2021-01-01\n\n")

    error = data_dir.error()

    assert str(error.location) == "data/sources.yaml:19:13"
    assert error.record_id == "source-two"
    assert error.code == "published-after-access"
    assert error.message == "the source was read before it was published"
    assert error.hint == "accessed 2021-01-01 is before published 2021-01-06: check both dates"


# --- ids ---------------------------------------------------------------------------------


def test_a_duplicate_incident_id_names_the_line_of_the_first(data_dir: DataDir) -> None:
    second = ONE_INCIDENT.replace("date: 2021-01-05", "date: 2021-01-06")
    data_dir.write("incidents", ONE_INCIDENT + "\n" + second)

    error = data_dir.error()

    assert str(error.location) == "data/incidents.yaml:16:7"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "duplicate id '2021-01-05-town-y' (first used on line 1)"
    assert error.hint == "ids must be unique within a kind: choose another id"


def test_a_duplicate_id_names_the_line_of_the_first_id_when_it_is_not_the_first_field(
    data_dir: DataDir,
) -> None:
    data_dir.write("parties", """\
        - name: Side A
          role: belligerent
          id: side-a
        - id: side-b
          name: Side B
          role: belligerent
        - name: Side A again
          role: monitor
          id: side-a
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:9:7"
    assert error.message == "duplicate id 'side-a' (first used on line 3)"


def test_the_same_clause_id_in_two_agreements_is_a_duplicate(data_dir: DataDir) -> None:
    second = SECOND_AGREEMENT.replace("accord-2021-clause-1", "accord-2020-clause-1")
    data_dir.write("agreements", ONE_AGREEMENT + "\n" + second)

    error = data_dir.error()

    assert str(error.location) == "data/agreements.yaml:26:11"
    assert error.record_id == "accord-2020-clause-1"
    assert error.message == "duplicate id 'accord-2020-clause-1' (first used on line 9)"
    assert error.hint == "ids must be unique within a kind: choose another id"


def test_the_same_id_in_two_kinds_is_allowed(data_dir: DataDir) -> None:
    data_dir.write("regions", TWO_REGIONS.replace("country-x", "side-a"))
    data_dir.write("milestones", ONE_MILESTONE)

    assert "side-a" in data_dir.load().regions


@pytest.mark.parametrize(
    ("bad_id", "slug"),
    [
        ("Bad ID", "bad-id"),
        ("../etc/passwd", "etc-passwd"),
        ("a.b", "a-b"),
        ("a/b", "a-b"),
        ("side--c", "side-c"),
        ("-side-c", "side-c"),
    ],
)
def test_an_id_that_is_not_a_lowercase_slug_is_refused_with_a_slug_hint(
    data_dir: DataDir, bad_id: str, slug: str,
) -> None:
    data_dir.write("parties", f"""\
        - id: side-a
          name: Side A
          role: belligerent
        - id: side-b
          name: Side B
          role: belligerent
        - id: "{bad_id}"
          name: Side C
          role: monitor
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:7:7"
    assert error.record_id == bad_id
    assert error.message == f"id {bad_id!r} {SLUG_MESSAGE}"
    assert error.hint == f"for example {slug!r}"


def test_an_id_with_a_trailing_newline_is_refused(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - id: side-a
          name: Side A
          role: belligerent
        - id: side-b
          name: Side B
          role: belligerent
        - id: "side-c\\n"
          name: Side C
          role: monitor
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:7:7"
    assert error.message == f"id 'side-c\\n' {SLUG_MESSAGE}"


# --- references --------------------------------------------------------------------------


def test_unknown_region_reference_names_the_closest_id(data_dir: DataDir) -> None:
    error = incident(data_dir, "regions: [town-y]", "regions: [town-z]").error()

    assert str(error.location) == "data/incidents.yaml:4:13"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "regions[0]: unknown region 'town-z'"
    assert error.hint == "did you mean 'town-y'?"


def test_unknown_region_with_nothing_close_says_where_to_add_it(data_dir: DataDir) -> None:
    error = incident(data_dir, "regions: [town-y]", "regions: [town-y, atlantis]").error()

    assert str(error.location) == "data/incidents.yaml:4:21"
    assert error.message == "regions[1]: unknown region 'atlantis'"
    assert error.hint == "add it to data/regions.yaml or fix the id"


def test_unknown_claim_party_names_the_closest_id(data_dir: DataDir) -> None:
    error = incident(data_dir, "- party: side-a", "- party: side-c").error()

    assert str(error.location) == "data/incidents.yaml:10:14"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "claims[0].party: unknown party 'side-c'"
    assert error.hint == "did you mean 'side-b'?"


def test_unknown_cited_source_names_the_closest_id(data_dir: DataDir) -> None:
    error = incident(data_dir, "citations: [{source: source-two}]",
                     "citations: [{source: source-tow}]").error()

    assert str(error.location) == "data/incidents.yaml:8:26"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "summary.citations[0].source: unknown source 'source-tow'"
    assert error.hint == "did you mean 'source-two'?"


def test_unknown_clause_link_names_the_closest_clause(data_dir: DataDir) -> None:
    data_dir.write("milestones", ONE_MILESTONE)
    data_dir.edit("milestones", "{clause: accord-2020-clause-1", "{clause: accord-2020-clause-2")

    error = data_dir.error()

    assert str(error.location) == "data/milestones.yaml:10:16"
    assert error.record_id == "2020-12-01-talks"
    assert error.message == "clauses[0].clause: unknown clause 'accord-2020-clause-2'"
    assert error.hint == "did you mean 'accord-2020-clause-1'?"


def test_unknown_clause_with_nothing_close_says_it_belongs_under_an_agreement(data_dir: DataDir) -> None:
    data_dir.write("milestones", ONE_MILESTONE)
    data_dir.edit("milestones", "{clause: accord-2020-clause-1", "{clause: truce")

    error = data_dir.error()

    assert error.message == "clauses[0].clause: unknown clause 'truce'"
    assert error.hint == "add it to data/agreements.yaml (under clauses) or fix the id"


def test_unknown_milestone_agreement_names_the_closest_id(data_dir: DataDir) -> None:
    data_dir.write("milestones", ONE_MILESTONE)
    data_dir.edit("milestones", "agreements: [accord-2020]", "agreements: [accord-2021]")

    error = data_dir.error()

    assert str(error.location) == "data/milestones.yaml:8:16"
    assert error.record_id == "2020-12-01-talks"
    assert error.message == "agreements[0]: unknown agreement 'accord-2021'"
    assert error.hint == "did you mean 'accord-2020'?"


def test_unknown_parent_region_names_the_closest_id(data_dir: DataDir) -> None:
    data_dir.write("regions", TWO_REGIONS).edit("regions", "parent: country-x", "parent: country-z")

    error = data_dir.error()

    assert str(error.location) == "data/regions.yaml:9:11"
    assert error.record_id == "town-y"
    assert error.message == "parent: unknown region 'country-z'"
    assert error.hint == "did you mean 'country-x'?"


def test_regions_whose_parents_form_a_cycle(data_dir: DataDir) -> None:
    data_dir.write("regions", TWO_REGIONS).edit(
        "regions", "  coordinates: {lat: 40.5, lon: 45.5, basis: {text: Example News gives it., "
                   "citations: [{source: source-two}]}}\n", "  parent: town-y\n")

    error = data_dir.error()

    assert str(error.location) == "data/regions.yaml:4:11"
    assert error.record_id == "country-x"
    assert error.message == "regions form a cycle: country-x → town-y → country-x"
    assert error.hint == "a region's parent must be a larger area that contains it"


def test_a_region_cannot_be_its_own_parent(data_dir: DataDir) -> None:
    data_dir.write("regions", TWO_REGIONS).edit("regions", "parent: country-x", "parent: town-y")

    error = data_dir.error()

    assert str(error.location) == "data/regions.yaml:9:11"
    assert error.record_id == "town-y"
    assert error.message == "a region cannot be its own parent"


# --- numbers and addresses ---------------------------------------------------------------


def test_a_latitude_out_of_range(data_dir: DataDir) -> None:
    data_dir.write("regions", TWO_REGIONS).edit("regions", "lat: 40.5", "lat: 95")

    error = data_dir.error()

    assert str(error.location) == "data/regions.yaml:4:22"
    assert error.record_id == "country-x"
    assert error.message == "coordinates.lat is 95, out of range: it must be between -90 and 90"
    assert error.hint is None


def test_an_incident_longitude_out_of_range(data_dir: DataDir) -> None:
    error = incident(data_dir, "  type: exchange-of-fire\n",
                     "  coordinates: {lat: 40.1, lon: -181, precision: near, basis: {text: Example News gives it., "
                     "citations: [{source: source-two}]}}\n"
                     "  type: exchange-of-fire\n").error()

    assert str(error.location) == "data/incidents.yaml:5:33"
    assert error.message == "coordinates.lon is -181, out of range: it must be between -180 and 180"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/file", "mailto:desk@example.org",
                                 "//example.org/page", "example.org/page"])
def test_a_url_that_is_not_http_or_https_is_refused(data_dir: DataDir, url: str) -> None:
    data_dir.write("sources", SOURCES).edit("sources", SOURCE_TWO_URL, f'url: "{url}"')

    error = data_dir.error()

    assert str(error.location) == "data/sources.yaml:14:8"
    assert error.record_id == "source-two"
    assert error.message == f"url {url!r} is not an http(s) URL"


@pytest.mark.parametrize("url", ["https:///nohost", "https://example.org/a\"onmouseover=\"x",
                                 "https://example.org/<b>"])
def test_an_http_url_without_a_host_or_with_markup_characters_is_not_usable(
    data_dir: DataDir, url: str,
) -> None:
    data_dir.write("sources", SOURCES).edit("sources", SOURCE_TWO_URL, f"url: '{url}'")

    error = data_dir.error()

    assert str(error.location) == "data/sources.yaml:14:8"
    assert error.record_id == "source-two"
    assert error.message == f"url {url!r} is not a usable web address"
    assert error.hint == "give the full address, e.g. https://example.org/page"


def test_an_archive_url_is_checked_too(data_dir: DataDir) -> None:
    data_dir.write("sources", SOURCES).edit(
        "sources", "  kind: news\n", "  kind: news\n  archive_url: javascript:alert(1)\n")

    error = data_dir.error()

    assert str(error.location) == "data/sources.yaml:18:16"
    assert error.message == "archive_url 'javascript:alert(1)' is not an http(s) URL"


def test_a_url_with_an_unmatched_bracket_is_reported_not_a_crash(data_dir: DataDir) -> None:
    data_dir.write("sources", SOURCES).edit("sources", SOURCE_TWO_URL,
                                                 'url: "https://[example.com/news"')

    error = data_dir.error()

    assert str(error.location) == "data/sources.yaml:14:8"
    assert error.message == "url 'https://[example.com/news' is not a usable web address"


def test_a_curated_figure_with_low_above_best(data_dir: DataDir) -> None:
    error = incident(data_dir, "  grade: single-source\n", """\
  grade: single-source
  casualties:
    - party: side-a
      wounded: {low: 2, best: 1, high: 3}
  casualty_rule: Lowest reported figure.
""").error()

    assert str(error.location) == "data/incidents.yaml:17:16"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "casualties[0].wounded: low 2, best 1, high 3 are not in order"
    assert error.hint == "low ≤ best ≤ high"


def test_casualties_without_a_casualty_rule(data_dir: DataDir) -> None:
    error = incident(data_dir, "  grade: single-source\n", """\
  grade: single-source
  casualties: [{party: side-a, killed: {low: 1, best: 1, high: 1}}]
""").error()

    assert str(error.location) == "data/incidents.yaml:15:15"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "'casualties' is given without 'casualty_rule'"
    assert error.hint == "add 'casualty_rule' to say how 'casualties' was derived"


# --- citations ---------------------------------------------------------------------------


def test_a_claim_with_an_empty_citation_list(data_dir: DataDir) -> None:
    error = incident(data_dir, "citations: [{source: source-one}]", "citations: []").error()

    assert str(error.location) == "data/incidents.yaml:13:18"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == f"claims[0].citations {CITATION_MESSAGE}"
    assert error.hint is None


def test_a_claim_without_a_citations_field(data_dir: DataDir) -> None:
    error = incident(data_dir, "      citations: [{source: source-one}]\n", "").error()

    assert str(error.location) == "data/incidents.yaml:10:7"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "claims[0]: missing required field 'citations'"


def test_a_clause_text_without_a_citation(data_dir: DataDir) -> None:
    data_dir.write("agreements", ONE_AGREEMENT)
    data_dir.edit("agreements", "          citations: [{source: source-two}]\n", "")

    error = data_dir.error()

    assert str(error.location) == "data/agreements.yaml:13:11"
    assert error.record_id == "accord-2020-clause-1"
    assert error.message == "clauses[0].texts[0]: missing required field 'citations'"


def test_a_summary_with_an_empty_citation_list(data_dir: DataDir) -> None:
    data_dir.write("agreements", ONE_AGREEMENT)
    data_dir.edit("agreements", "ceasefire.\n    citations: [{source: source-two}]",
                  "ceasefire.\n    citations: []")

    error = data_dir.error()

    assert str(error.location) == "data/agreements.yaml:7:16"
    assert error.record_id == "accord-2020"
    assert error.message == f"summary.citations {CITATION_MESSAGE}"


# --- shape: fields, types, enums ---------------------------------------------------------


def test_an_unknown_field_suggests_the_field_it_was_meant_to_be(data_dir: DataDir) -> None:
    errors = incident(data_dir, "  regions: [town-y]\n", "  regions: [town-y]\n  regoin: [town-y]\n").errors()

    assert len(errors) == 1
    assert errors[0].location.line == 5
    assert errors[0].record_id == "2021-01-05-town-y"
    assert errors[0].message == "unknown field 'regoin'"
    assert errors[0].hint == "did you mean 'regions'?"


def test_a_misspelt_field_also_leaves_the_required_one_missing(data_dir: DataDir) -> None:
    errors = incident(data_dir, "regions: [town-y]", "regoin: [town-y]").errors()

    assert [(str(e.location), e.message, e.hint) for e in errors] == [
        ("data/incidents.yaml:1:3", "missing required field 'regions'", None),
        ("data/incidents.yaml:4:11", "unknown field 'regoin'", "did you mean 'regions'?"),
    ]


def test_an_unknown_field_with_nothing_close_lists_the_allowed_fields(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - id: side-a
          name: Side A
          role: belligerent
          flag: blue
        - id: side-b
          name: Side B
          role: belligerent
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:4:9"
    assert error.message == "unknown field 'flag'"
    assert error.hint == "allowed fields: corrections, description, id, name, previous_ids, record_dates, role"


def test_an_unknown_field_with_a_block_value_points_at_the_key(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - id: side-a
          name: Side A
          role: belligerent
          descripton:
            - The first side.
        - id: side-b
          name: Side B
          role: belligerent
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:4:3"
    assert error.message == "unknown field 'descripton'"


def test_text_where_a_list_is_expected(data_dir: DataDir) -> None:
    error = incident(data_dir, "regions: [town-y]", "regions: town-y").error()

    assert str(error.location) == "data/incidents.yaml:4:12"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "regions must be a list, not the text 'town-y'"
    assert error.hint is None


def test_a_number_where_text_is_expected_suggests_quotes(data_dir: DataDir) -> None:
    data_dir.write("agreements", ONE_AGREEMENT).edit("agreements", 'number: "1"', "number: 1")

    error = data_dir.error()

    assert str(error.location) == "data/agreements.yaml:10:15"
    assert error.record_id == "accord-2020-clause-1"
    assert error.message == "clauses[0].number must be text, not the number 1"
    assert error.hint == "put the value in quotes"


def test_a_misspelt_enum_value_suggests_the_closest_option(data_dir: DataDir) -> None:
    error = incident(data_dir, "type: exchange-of-fire", "type: exchange-of-fir").error()

    assert str(error.location) == "data/incidents.yaml:5:9"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == ("type: 'exchange-of-fir' is not one of: exchange-of-fire, shelling, "
                             "sniper-fire, attack, drone-strike, other")
    assert error.hint == "did you mean 'exchange-of-fire'?"


def test_an_enum_value_with_nothing_close_has_no_hint(data_dir: DataDir) -> None:
    error = incident(data_dir, "type: exchange-of-fire", "type: skirmish").error()

    assert error.message == ("type: 'skirmish' is not one of: exchange-of-fire, shelling, sniper-fire, "
                             "attack, drone-strike, other")
    assert error.hint is None


def test_a_missing_required_field(data_dir: DataDir) -> None:
    error = incident(data_dir, "  grade: single-source\n", "").error()

    assert str(error.location) == "data/incidents.yaml:1:3"
    assert error.record_id == "2021-01-05-town-y"
    assert error.message == "missing required field 'grade'"


def test_each_missing_required_field_is_reported_once(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - id: side-a
          name: Side A
          role: belligerent
        - id: side-b
    """)

    assert [str(e) for e in data_dir.errors()] == [
        "data/parties.yaml:4:3: side-b: missing required field 'name' [missing-field]",
        "data/parties.yaml:4:3: side-b: missing required field 'role' [missing-field]",
    ]


def test_a_repeated_reference_in_a_list(data_dir: DataDir) -> None:
    error = incident(data_dir, "regions: [town-y]", "regions: [town-y, town-y]").error()

    assert str(error.location) == "data/incidents.yaml:4:12"
    assert error.message == "regions lists the same value twice"
    assert error.hint == "remove the repeated entry"


# --- many problems at once ---------------------------------------------------------------


def test_every_problem_in_a_file_is_reported_at_once_sorted_by_line(data_dir: DataDir) -> None:
    incident(data_dir, "date: 2021-01-05", "date: 2021-02-30")
    data_dir.edit("incidents", "type: exchange-of-fire", "type: exchange-of-fir")
    data_dir.edit("incidents", "- party: side-a", "- party: side-c")

    errors = data_dir.errors()

    assert [str(e) for e in errors] == [
        "data/incidents.yaml:3:9: 2021-01-05-town-y: date '2021-02-30' is not a real calendar date "
        "(hint: check the day and month) [bad-date]",
        "data/incidents.yaml:5:9: 2021-01-05-town-y: type: 'exchange-of-fir' is not one of: "
        "exchange-of-fire, shelling, sniper-fire, attack, drone-strike, other "
        "(hint: did you mean 'exchange-of-fire'?) [not-an-option]",
        "data/incidents.yaml:10:14: 2021-01-05-town-y: claims[0].party: unknown party 'side-c' "
        "(hint: did you mean 'side-b'?) [unknown-reference]",
    ]


def test_problems_in_several_files_are_reported_together(data_dir: DataDir) -> None:
    incident(data_dir, "type: exchange-of-fire", "type: exchange-of-fir")
    data_dir.write("regions", TWO_REGIONS).edit("regions", "lat: 40.5", "lat: 95")
    data_dir.write("sources", SOURCES).edit("sources", SOURCE_TWO_URL, "url: ftp://x")
    data_dir.write("parties", """\
        - id: side-a
          name: Side A
          role: belligerent
        - id: side-b
          name: Side B
          role: belligerent
        - {id: side-c, name: Side C, role: belligerent
    """)

    errors = data_dir.errors()

    assert [(str(e.location), e.record_id) for e in errors] == [
        ("data/incidents.yaml:5:9", "2021-01-05-town-y"),
        ("data/parties.yaml:8:1", None),
        ("data/regions.yaml:4:22", "country-x"),
        ("data/sources.yaml:14:8", "source-two"),
    ]
    assert errors[1].message.startswith("YAML syntax error: ")


@pytest.mark.parametrize(("kind", "record"), [
    ("parties", "- id: index\n  name: Side I\n  role: monitor\n"),
    ("regions", "- id: index\n  kind: country\n  names: [{name: Index, lang: en, citations: [{source: source-two}]}]\n"),
])
def test_the_id_index_is_refused_because_it_is_the_address_of_the_list_page(
    data_dir: DataDir, kind: str, record: str,
) -> None:
    before = data_dir.text(kind)
    data_dir.write(kind, before + record)

    error = data_dir.error()

    assert str(error.location) == f"data/{kind}.yaml:{before.count(chr(10)) + 1}:7"
    assert error.message == (f"the id 'index' is taken: {kind}/index.html is the list of all {kind}, "
                             f"so the {SINGULAR[kind]}'s page would be lost")
    assert error.record_id == "index"
    assert error.hint == "choose another id"
