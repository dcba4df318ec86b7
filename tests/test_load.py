"""Step 1, reading the YAML: strict parsing, positions, and what the loader refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from testdata import MINIMAL_DATA, MINIMAL_ROOT, DataDir

from briefing.errors import DataError, DataErrors, Location, format_errors
from briefing.kinds import DATA_FILES, OPTIONAL_FILES
from briefing.load.reader import load_text
from briefing.load.yaml_text import _plain_data, _StrictLoader, _Unusual, _Walker

SYNTAX_HINT = "check indentation, colons and quotes on this line or the one before"


def alias_message(name: str) -> str:
    return f"aliases (*{name}) are not supported"

TWO_PARTIES = """\
    - id: side-a
      name: {name_a}
      role: belligerent

    - id: side-b
      name: {name_b}
      role: belligerent
"""


def parties(name_a: str = "Side A", name_b: str = "Side B") -> str:
    return TWO_PARTIES.format(name_a=name_a, name_b=name_b)


# --- the minimal dataset other tests build on --------------------------------------------


def test_minimal_fixture_is_valid_and_has_every_record_kind() -> None:
    from briefing.pipeline import load_dataset

    dataset = load_dataset(MINIMAL_DATA, display_root=MINIMAL_ROOT)

    assert sorted(p.name for p in MINIMAL_DATA.iterdir()) == sorted(
        f"{kind}.yaml" for kind in DATA_FILES if kind not in OPTIONAL_FILES or kind == "assessments")
    assert sorted(dataset.parties) == ["side-a", "side-b"]
    assert sorted(dataset.regions) == ["country-x", "town-y"]
    assert dataset.regions["town-y"].parent_id == "country-x"
    assert sorted(dataset.sources) == ["source-one", "source-three", "source-two"]
    assert sorted(dataset.authors) == ["analyst-z", "example-news", "mod-side-a", "office-side-b"]
    assert list(dataset.assessments) == ["analyst-z-2021-01-06-escalation"]
    assert list(dataset.agreements) == ["accord-2020"]
    assert list(dataset.clauses) == ["accord-2020-clause-1"]
    assert list(dataset.milestones) == ["2020-12-01-talks"]
    assert list(dataset.incidents) == ["2021-01-05-town-y"]
    incident = dataset.incidents["2021-01-05-town-y"]
    assert [claim.party_id for claim in incident.claims] == ["side-a", "side-b"]


# --- YAML syntax and encoding ------------------------------------------------------------


#: The commonest YAML mistakes, each in plain words (issue 21.6): the parties file as
#: written, then the place, the message, the hint and the code, exactly.
COLON_HINT = ('put the whole text in double quotes: name: "Side A: ..."; or write it on the next lines '
              'after name: >-')
TAB_HINT = "replace the tab with spaces (two per level, like the lines around it)"
YAML_MISTAKES = [
    pytest.param("- id: side-a\n  name: Side A: the first side\n  role: belligerent\n", "data/parties.yaml:2:15",
                 "the text of 'name' holds a colon followed by a space (after 'Side A'), which YAML reads as "
                 "the start of another field", COLON_HINT, "yaml-colon", id="an unquoted colon in a text"),
    pytest.param("- {id: side-a, role: belligerent}\n- id: side-b\n  role: belligerent\n  name: Side B: Spokesman: X\n",
                 "data/parties.yaml:4:15",
                 "the text of 'name' holds a colon followed by a space (after 'Side B'), which YAML reads as "
                 "the start of another field",
                 'put the whole text in double quotes: name: "Side B: ..."; or write it on the next lines after '
                 "name: >-", "yaml-colon", id="two colons in a text"),
    pytest.param("- id: side-a\n\tname: Side A\n", "data/parties.yaml:2:1",
                 "line 2 is indented with a tab: YAML indents with spaces only", TAB_HINT, "yaml-tab",
                 id="a tab at the start of a line"),
    pytest.param("- id: side-a\n  name: Side A\n \t role: belligerent\n", "data/parties.yaml:3:2",
                 "line 3 is indented with a tab: YAML indents with spaces only", TAB_HINT, "yaml-tab",
                 id="a tab after spaces"),
    pytest.param("- id: side-a\n  name: Side A\n   role: belligerent\n", "data/parties.yaml:3:4",
                 "line 3 is indented to column 4, which lines up with no field before it: YAML reads the "
                 "structure from the indentation",
                 "indent with spaces so that the line starts where the other fields at its level start "
                 "(column 3 here)", "yaml-indentation", id="a field indented one space too far"),
    pytest.param("- id: side-a\n  name: Side A\n role: belligerent\n", "data/parties.yaml:3:2",
                 "line 3 is indented to column 2, which lines up with no field before it: YAML reads the "
                 "structure from the indentation",
                 "indent with spaces so that the line starts where the other fields at its level start "
                 "(column 3 here)", "yaml-indentation", id="a field indented one space too little"),
]


@pytest.mark.parametrize(("text", "at", "message", "hint", "code"), YAML_MISTAKES)
def test_the_commonest_yaml_mistakes_are_said_in_plain_words(data_dir: DataDir, text: str, at: str, message: str,
                                                              hint: str, code: str) -> None:
    data_dir.write("parties", text)

    error = data_dir.error()

    assert (str(error.location), error.message, error.hint, error.code) == (at, message, hint, code)
    assert error.record_id is None


def test_a_list_item_out_of_line_is_an_indentation_mistake(data_dir: DataDir) -> None:
    data_dir.edit("incidents", "  grade: contested\n", "  grade: contested\n  weapons:\n    - mortars\n   - rifles\n")

    error = data_dir.error()

    assert error.code == "yaml-indentation" and error.message.startswith("line ")
    assert "YAML syntax error" not in error.message


def test_unclosed_flow_mapping_is_reported_where_the_parser_notices_it(data_dir: DataDir) -> None:
    data_dir.overlay("yaml-syntax-error")

    error = data_dir.error()

    assert str(error.location) == "data/regions.yaml:10:9"
    assert error.message == "YAML syntax error: did not find expected ',' or '}'"
    assert error.hint == SYNTAX_HINT


def test_a_second_yaml_document_in_one_file_is_refused(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - id: side-a
          name: Side A
          role: belligerent
        ---
        - id: side-b
          name: Side B
          role: belligerent
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:4:1"
    assert error.message == "YAML syntax error: but found another document"


def test_a_control_character_is_reported_on_its_line(data_dir: DataDir) -> None:
    data_dir.write("parties", parties(name_b="Side\x07B"))

    error = data_dir.error()

    assert (error.location.file, error.location.line) == ("data/parties.yaml", 6)
    assert error.message == "the text contains the control character U+0007, which YAML does not allow"
    assert "<unicode string>" not in error.message


def test_a_file_that_is_not_utf8_names_the_line_of_the_first_bad_byte(data_dir: DataDir) -> None:
    data_dir.overlay("not-utf-8")

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:6:1"
    assert error.message == "file is not valid UTF-8"
    assert error.hint == "save the file with UTF-8 encoding"


def test_a_utf16_file_is_not_utf8(data_dir: DataDir) -> None:
    data_dir.write_bytes("parties", "- id: side-a\n  name: Side A\n  role: belligerent\n".encode("utf-16"))

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:1:1"
    assert error.message == "file is not valid UTF-8"


def test_a_utf8_byte_order_mark_is_accepted(data_dir: DataDir) -> None:
    data_dir.write("parties", "\ufeff" + parties())

    assert sorted(data_dir.load().parties) == ["side-a", "side-b"]


def test_a_missing_file_is_reported_with_how_to_create_it(data_dir: DataDir) -> None:
    data_dir.remove("milestones")

    error = data_dir.error()

    assert str(error.location) == "data/milestones.yaml:1:1"
    assert error.message == "file is missing"
    assert error.hint == "create it with a list of milestones (it may be an empty list: [])"


def test_a_missing_parties_file_does_not_also_report_every_party_reference(data_dir: DataDir) -> None:
    data_dir.remove("parties")

    error = data_dir.error()

    assert str(error) == ("data/parties.yaml:1:1: file is missing "
                          "(hint: create it with a list of parties (it may be an empty list: [])) [file-missing]")


def test_a_missing_agreements_file_does_not_also_report_every_clause_link(data_dir: DataDir) -> None:
    data_dir.remove("agreements")

    error = data_dir.error()

    assert str(error.location) == "data/agreements.yaml:1:1"
    assert error.message == "file is missing"


def test_an_empty_list_is_an_empty_list(data_dir: DataDir) -> None:
    data_dir.write("incidents", "# no incidents yet\n[]\n")
    data_dir.write("assessments", "")  # an optional file may be empty

    data = data_dir.load()
    assert dict(data.incidents) == {}
    assert dict(data.assessments) == {}


@pytest.mark.parametrize("text", ["", "# no incidents yet\n", "\n\n"])
def test_an_empty_file_is_refused_and_says_what_is_expected(data_dir: DataDir, text: str) -> None:
    # a 0-byte file is more often a failed save or a bad merge than a briefing with no incidents
    data_dir.write("incidents", text)

    error = data_dir.error()

    assert str(error) == ("data/incidents.yaml:1:1: the file holds no incidents: it is empty or only comments; "
                          "expected a list of incidents, each starting with '- id:' "
                          "(hint: if there are really none yet, write an empty list: []) [empty-file]")


def test_an_empty_removed_file_is_an_empty_list(data_dir: DataDir) -> None:
    data_dir.write("removed", "# nothing removed yet\n")

    assert data_dir.load().removed == ()


# --- duplicate keys ----------------------------------------------------------------------


def test_duplicate_key_is_reported_on_the_second_key_and_names_the_first_line(data_dir: DataDir) -> None:
    data_dir.overlay("duplicate-key")

    error = data_dir.error()

    assert str(error.location) == "data/incidents.yaml:15:3"
    assert error.message == "duplicate key 'date' (first given on line 3)"
    assert error.hint == "keep one of the two values; YAML would silently drop the first"


def test_duplicate_key_in_a_nested_flow_mapping_points_at_its_column(data_dir: DataDir) -> None:
    data_dir.write("regions", """\
        - id: country-x
          kind: country
          names: [{name: Country X, lang: en, name: X, citations: [{source: source-two}]}]
        - id: town-y
          kind: town
          names: [{name: Town Y, lang: en, citations: [{source: source-two}]}]
          parent: country-x
          parent_citations: [{source: source-two}]
          coordinates: {lat: 40.1, lon: 45.2, basis: {text: T, citations: [{source: source-two}]}}
    """)

    error = data_dir.error()

    assert str(error.location) == "data/regions.yaml:3:39"
    assert error.message == "duplicate key 'name' (first given on line 3)"


def test_duplicate_key_with_windows_line_endings_counts_lines_correctly(data_dir: DataDir) -> None:
    data_dir.write_bytes("parties", b"- id: side-a\r\n  name: Side A\r\n"
                                    b"  role: belligerent\r\n  role: mediator\r\n"
                                    b"- id: side-b\r\n  name: Side B\r\n  role: belligerent\r\n")

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:4:3"
    assert error.message == "duplicate key 'role' (first given on line 3)"


# --- anchors, aliases, merge keys and tags -----------------------------------------------


def test_an_alias_to_a_mapping_is_refused_where_the_alias_is(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - &side
          id: side-a
          name: Side A
          role: belligerent
        - *side
        - id: side-b
          name: Side B
          role: belligerent
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:5:3"
    assert error.message == alias_message("side")
    assert error.hint == "write the value out in full"


def test_an_alias_to_a_mapping_is_refused(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - &side
          id: side-a
          name: Side A
          role: belligerent
        - *side
        - id: side-b
          name: Side B
          role: belligerent
    """)

    messages = [error.message for error in data_dir.errors()]

    assert messages == [alias_message("side")]


def test_an_alias_to_a_text_value_is_refused(data_dir: DataDir) -> None:
    data_dir.write("parties", parties(name_a="&name Side A", name_b="*name"))

    error = data_dir.error()

    assert (error.location.file, error.location.line) == ("data/parties.yaml", 6)
    assert error.message == alias_message("name")


def test_a_merge_key_is_refused_on_its_line(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - id: side-a
          name: Side A
          role: belligerent
          description: {text: A side., citations: [{source: source-two}]}
        - <<: {description: A side.}
          id: side-b
          name: Side B
          role: belligerent
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:5:3"
    assert error.message == "merge keys (<<) are not supported"
    assert error.hint == "write the fields out"


def test_a_python_object_tag_on_a_record_is_refused(data_dir: DataDir) -> None:
    data_dir.overlay("unsupported-tag")

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:5:3"
    assert error.message == "unsupported YAML tag 'tag:yaml.org,2002:python/object:builtins.dict'"
    assert error.hint == "remove the tag"


def test_a_python_tag_on_a_value_is_refused_and_nothing_is_executed(data_dir: DataDir) -> None:
    data_dir.write("parties", parties(name_a="!!python/object/apply:os.system [echo pwned]"))

    errors = data_dir.errors()

    tag_errors = [e for e in errors if e.message.startswith("unsupported YAML tag")]
    assert [str(e.location) for e in tag_errors] == ["data/parties.yaml:2:9"]
    assert tag_errors[0].message == "unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"
    assert tag_errors[0].hint == "remove the tag"


def test_a_local_tag_on_text_is_refused(data_dir: DataDir) -> None:
    data_dir.write("parties", parties(name_b="!secret Side B"))

    tag_errors = [e for e in data_dir.errors() if e.message.startswith("unsupported YAML tag")]

    assert [str(e.location) for e in tag_errors] == ["data/parties.yaml:6:9"]
    assert tag_errors[0].message == "unsupported YAML tag '!secret'"
    assert tag_errors[0].hint == "remove the tag; write plain text"


def test_a_refused_tag_is_reported_once(data_dir: DataDir) -> None:
    data_dir.write("parties", parties(name_b="!secret Side B"))

    error = data_dir.error()

    assert error.message == "unsupported YAML tag '!secret'"


def test_a_key_that_is_a_list_is_refused(data_dir: DataDir) -> None:
    data_dir.write("parties", """\
        - id: side-a
          ? [name, title]
          : Side A
          name: Side A
          role: belligerent
        - id: side-b
          name: Side B
          role: belligerent
    """)

    error = data_dir.error()

    assert str(error.location) == "data/parties.yaml:2:5"
    assert error.message == "a key must be plain text"


# --- implicit types: what stays text ----------------------------------------------------


@pytest.mark.parametrize("word", ["No", "no", "yes", "Yes", "on", "off", "n", "y"])
def test_yes_and_no_words_stay_text(data_dir: DataDir, word: str) -> None:
    data_dir.edit("regions", "    - name: Country X\n", f"    - name: {word}\n")
    data_dir.edit("regions", 'quote: "Country X"}]', f'quote: "{word}"}}]')  # a name's quote contains it

    region = data_dir.load().regions["country-x"]

    assert region.names[0].name == word


def test_a_region_named_no_loads_as_the_text_no() -> None:
    text = "- id: norway\n  names: [{name: No, lang: en}]\n"
    loaded, errors = load_text(text, "data/regions.yaml", "regions")

    assert errors == []
    assert loaded is not None
    assert loaded.data[0]["names"][0]["name"] == "No"


def test_only_true_and_false_are_booleans() -> None:
    loaded, errors = load_text("- {a: true, b: False, c: yes, d: off}\n", "data/x.yaml", "parties")

    assert errors == []
    assert loaded is not None
    assert loaded.data == [{"a": True, "b": False, "c": "yes", "d": "off"}]


def test_an_unquoted_date_stays_text() -> None:
    text = "- {date: 2021-01-05, bad: 2021-02-30, short: 2021-7-6}\n"
    loaded, errors = load_text(text, "data/x.yaml", "incidents")

    assert errors == []
    assert loaded is not None
    assert loaded.data == [{"date": "2021-01-05", "bad": "2021-02-30", "short": "2021-7-6"}]


@pytest.mark.parametrize("number", [".nan", ".NaN", ".inf", "-.inf", ".Inf"])
def test_nan_and_infinity_are_refused(data_dir: DataDir, number: str) -> None:
    data_dir.edit("regions", "    lat: 40.5\n", f"    lat: {number}\n")

    finite = [e for e in data_dir.errors() if "finite" in e.message]

    assert [str(e.location) for e in finite] == ["data/regions.yaml:8:10"]
    assert finite[0].message == f"{number!r} is not a finite number"


def test_nan_is_reported_once(data_dir: DataDir) -> None:
    data_dir.edit("regions", "    lat: 40.5\n", "    lat: .nan\n")

    error = data_dir.error()

    assert str(error) == "data/regions.yaml:8:10: '.nan' is not a finite number [not-finite]"


# --- positions ---------------------------------------------------------------------------


def test_positions_are_one_based_lines_and_columns_of_each_value() -> None:
    text = "- id: side-a\n  names: [{name: A, lang: en}]\n"
    loaded, errors = load_text(text, "data/regions.yaml", "regions")

    assert errors == []
    assert loaded is not None
    assert loaded.location((0, "id")) == Location("data/regions.yaml", 1, 7)
    assert loaded.location((0, "names", 0, "lang")) == Location("data/regions.yaml", 2, 27)
    # a path that does not exist falls back to its closest ancestor
    assert loaded.location((0, "names", 0, "used_by", 3)) == Location("data/regions.yaml", 2, 11)
    assert loaded.record_id((0, "names", 0, "lang")) == "side-a"


# --- how errors are written --------------------------------------------------------------


def test_a_data_error_reads_file_line_column_record_message_and_hint() -> None:
    error = DataError(Location("data/incidents.yaml", 12, 5), "some message", "some-id", "fix it", code="some-rule")

    assert str(error) == "data/incidents.yaml:12:5: some-id: some message (hint: fix it) [some-rule]"


def test_a_data_error_without_record_or_hint_leaves_them_out() -> None:
    error = DataError(Location("data/incidents.yaml", 12, 5), "some message", code="some-rule")

    assert str(error) == "data/incidents.yaml:12:5: some message [some-rule]"


def test_data_errors_are_sorted_and_end_with_a_count() -> None:
    late = DataError(Location("data/regions.yaml", 9, 1), "late", code="a")
    early = DataError(Location("data/regions.yaml", 2, 3), "early", "x", code="b")
    other = DataError(Location("data/incidents.yaml", 40, 1), "other file", code="c")

    errors = DataErrors([late, early, other])

    assert errors.errors == [other, early, late]
    assert str(errors) == (
        "data/incidents.yaml:40:1: other file [c]\n"
        "data/regions.yaml:2:3: x: early [b]\n"
        "data/regions.yaml:9:1: late [a]\n"
        "3 problems found in the data; nothing was built."
    )
    assert format_errors([early]).endswith("\n1 problem found in the data; nothing was built.")


# --- the fast path -----------------------------------------------------------------------
# Most files hold nothing to report: a fast walk reads them, and the full walker runs only
# where the fast walk stops. Both must give the very same data.

_SCALARS = ["010", "1_000", "0x1F", "+5", "-0", "1.", ".5", "1e5", "-1.5E-3", ".inf", "-.Inf", ".nan", "1:30",
            "yes", "No", "on", "TRUE", "False", "null", "~", "Null", "", "2021-07-06", "12:00:00", "'quoted'",
            '"5"', "a*b", "R&D", "plain text", "!!str 5", "!!int 7", "[1, 2]", "{a: 1}"]


@pytest.mark.parametrize("scalar", _SCALARS)
def test_the_fast_walk_reads_every_kind_of_scalar_as_the_full_walker_does(scalar: str) -> None:
    text = f"- id: x\n  value: {scalar}\n  {scalar if scalar and scalar[0] not in '[{{!' else 'k'}: 1\n"
    loader = _StrictLoader(text)
    node = loader.get_single_node()
    walker = _Walker("f.yaml", loader)
    full = walker.walk(node, ())
    try:
        fast = _plain_data(node, loader, "*" in text)
    except _Unusual:
        assert walker.errors or walker.refused, f"the fast walk stopped at {scalar!r} with nothing to report"
    else:
        assert not walker.errors and not walker.refused, f"the fast walk missed a problem in {scalar!r}"
        assert fast == full and [type(v) for v in fast[0].values()] == [type(v) for v in full[0].values()]


def test_the_fast_walk_finds_an_alias_whose_text_holds_a_star() -> None:
    text = "- id: x\n  a: &n {k: 1}\n  b: *n\n"
    loader = _StrictLoader(text)
    node = loader.get_single_node()

    with pytest.raises(_Unusual):
        _plain_data(node, loader, may_alias=True)


def test_a_duplicate_key_is_located_at_its_first_value() -> None:
    text = "- id: x\n  title: first\n  title: second\n"
    loaded, errors = load_text(text, "data/regions.yaml", "regions")

    assert [str(e) for e in errors] == [
        "data/regions.yaml:3:3: duplicate key 'title' (first given on line 2) "
        "(hint: keep one of the two values; YAML would silently drop the first) [duplicate-key]"]
    assert loaded is not None and loaded.data == [{"id": "x", "title": "first"}]
    assert loaded.location((0, "title")) == Location("data/regions.yaml", 2, 10)


def test_the_real_data_reads_the_same_by_both_walks() -> None:
    for file in sorted((Path(__file__).parent.parent / "data").glob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        loader = _StrictLoader(text)
        node = loader.get_single_node()
        assert _plain_data(node, loader, "*" in text) == _Walker(file.name, loader).walk(node, ()), file.name
